"""What a claim is made of, for comparing it with claims in other sources.

Text is reduced to canonical content words: lower case, no punctuation, no
stop words, and the word swaps synonym spinners make most often mapped back
("expertise" -> "technology", "corporate" -> "company", "mentioned" -> "said").
Facts are kept apart: the numbers (values), the names (capitalised words
outside the first position) and the quoted words, because two claims must
agree on those to state the same fact.
"""

from __future__ import annotations

import functools
import re

import attrs

from workbench.core.models import Claim
from workbench.core.text.claims import quoted_text

STOP = frozenset(
    """a an the and or but of in on at to for by with from as is are was were be been being it
    its this that these those which who whom whose what when where while if so than then there
    their they them he she his her we our you your i me my not no nor also just only very more
    most such into over under after before about against between through during without within
    would could should may might will shall can do does did has have had having said says told
    added wrote according""".split()
)
# Spinner swaps seen in the wild, mapped back to the common word (and a few
# plain synonyms news rewrites trade). Extend with care: every entry makes two
# words count as one everywhere.
CANONICAL = {
    "expertise": "technology",
    "know-how": "technology",
    "tech": "technology",
    "corporate": "company",
    "firm": "company",
    "agency": "company",
    "enterprise": "business",
    "regulation": "law",
    "legislation": "law",
    "mentioned": "said",
    "stated": "said",
    "informed": "told",
    "defined": "explained",
    "introduced": "announced",
    "discovered": "found",
    "misplaced": "lost",
    "prospects": "customers",
    "clients": "customers",
    "homes": "households",
    "faucet": "tap",
    "escapes": "leaks",
    "leakage": "leaks",
    "spend": "invest",
    "spending": "investment",
    "greater": "more",
    "additionally": "also",
    "utilise": "use",
    "utilize": "use",
    "employed": "used",
    "begin": "start",
    "commence": "start",
    "consumers": "shoppers",
    "individuals": "people",
    "persons": "people",
    "3": "three",
    "5": "five",
    "halve": "half",
    "desk": "table",
    "newest": "latest",
    "nation": "country",
    "information": "records",
    "documents": "records",
    "pipes": "pipe",
    "mains": "pipe",
}
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
# A capitalised word or run of them, not at the start of the text or of a sentence.
# The checks sit after the first letter so the regex engine can jump from one
# capital to the next (six times faster than leading lookbehinds).
_NAME = re.compile(r"[A-Z](?<!\w[A-Z])(?<![.!?]\s[A-Z])(?<!^[A-Z])[a-zA-Z]+(?:[ -][A-Z][a-zA-Z]+)*")
# Raw token -> its canonical word ("" for none): news text repeats its words.
_CANONICAL_OF: dict[str, str] = {}
_CANONICAL_CACHE = 200_000


def _canonical(token: str) -> str:
    word = token.strip("'-")
    if word.endswith("'s"):
        word = word[:-2]
    if not word or word in STOP:
        return ""
    return CANONICAL.get(word, word)


def canonical_words(text: str) -> list[str]:
    """The content words of ``text``, canonicalised, in order."""
    known = _CANONICAL_OF
    words = []
    for token in _WORD.findall(text.lower().replace("\u2019", "'")):
        word = known.get(token)
        if word is None:
            word = _canonical(token)
            if len(known) < _CANONICAL_CACHE:
                known[token] = word
        if word:
            words.append(word)
    return words


@attrs.frozen
class Features:
    """A claim reduced to what matching needs."""

    claim_id: int
    document_id: int
    kind: str
    text: str
    words: tuple[str, ...]
    values: frozenset[float]  # every number's value (years included)
    counted: tuple[tuple[float, str], ...]  # (value, unit) of counts and amounts
    names: frozenset[str]  # lower-cased names, each word on its own
    speaker: str | None
    quote: str | None
    # Derived once here rather than in each of the many comparisons a claim takes part in.
    joined: str = attrs.field(init=False)
    by_unit: dict[str, frozenset[float]] = attrs.field(init=False, eq=False)

    @joined.default
    def _join(self) -> str:
        return " ".join(self.words)

    @by_unit.default
    def _group_units(self) -> dict[str, frozenset[float]]:
        units: dict[str, set[float]] = {}
        for value, unit in self.counted:
            units.setdefault(unit, set()).add(value)
        return {unit: frozenset(values) for unit, values in units.items()}

    def keys(self) -> set[str]:
        """Blocking keys: two claims are compared only if they share one."""
        keys = {f"n:{value:g}" for value in self.values}
        keys |= {f"e:{name}" for name in self.names}
        keys |= {f"w:{word}" for word in self.words if len(word) >= 7}
        return keys


@functools.lru_cache(maxsize=4096)
def _unit(unit: str) -> str:
    """A number's unit in canonical words ("police forces" -> "police forces")."""
    return " ".join(canonical_words(unit)) or unit


def _names(text: str) -> frozenset[str]:
    found: set[str] = set()
    for match in _NAME.finditer(text):
        for part in re.split(r"[ -]", match.group(0)):
            if len(part) > 2 and part.lower() not in STOP:
                found.add(part.lower())
    return frozenset(found)


def features(claim: Claim) -> Features:
    assert claim.id is not None and claim.document_id is not None
    values = frozenset(n.value for n in claim.numbers if n.value is not None)
    counted = tuple(
        (n.value, _unit(n.unit))
        for n in claim.numbers
        if n.value is not None and n.unit not in ("year", "date", "rank")
    )
    quote = claim.quote if claim.quote else quoted_text(claim.text)
    return Features(
        claim_id=claim.id,
        document_id=claim.document_id,
        kind=claim.kind.value,
        text=claim.text,
        words=tuple(canonical_words(claim.text)),
        values=values,
        counted=counted,
        names=_names(claim.text),
        speaker=claim.speaker,
        quote=quote,
    )
