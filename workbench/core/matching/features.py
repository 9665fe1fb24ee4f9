"""What a claim is made of, for comparing it with claims in other sources.

Wording is reduced to canonical content words (see :mod:`.words`). Facts are
kept apart, because two claims must agree on them to state the same fact:
the numbers (values and amounts with their units), the names (capitalised
words), the dates, whether the sentence negates, which way a figure moved,
and the quoted words with their speaker.
"""

from __future__ import annotations

import functools
import re

import attrs

from workbench.core.matching.amounts import Amount, amounts_in
from workbench.core.matching.facts import (
    When,
    dates_in,
    direction,
    entity_names,
    first_word_name,
    negation_parity,
    tokens_of,
    weekdays_in,
)
from workbench.core.matching.quotes import Quote, read_quote
from workbench.core.matching.words import STOP, canonical_words, gist_words
from workbench.core.models import Claim
from workbench.core.text.claims import quoted_text

# A capitalised word or run of them, not at the start of the text or of a sentence.
# The checks sit after the first letter so the regex engine can jump from one
# capital to the next (six times faster than leading lookbehinds).
_NAME = re.compile(r"[A-Z](?<!\w[A-Z])(?<![.!?]\s[A-Z])(?<!^[A-Z])[a-zA-Z]+(?:[ -][A-Z][a-zA-Z]+)*")
# Written-out numbers, left out of the wording as digits are: amounts compare them.
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion trillion dozen dozens hundreds thousands millions
    billions per cent percent""".split()
)


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
    gist: tuple[str, ...] = ()  # words without numbers, stemmed: for comparing wording
    entities: frozenset[str] = frozenset()  # names as compared (the first word too)
    negated: int = 0  # 1 when the sentence negates (an odd number of times)
    direction: int = 0  # +1 a figure went up, -1 down, 0 neither
    dates: frozenset[When] = frozenset()
    years: frozenset[int] = frozenset()
    weekdays: frozenset[str] = frozenset()
    amounts: tuple[Amount, ...] = ()
    quoted: Quote | None = None  # the quote as compared (four words or more)
    # Derived once here rather than in each of the many comparisons a claim takes part in.
    joined: str = attrs.field(init=False)
    by_unit: dict[str, frozenset[float]] = attrs.field(init=False, eq=False)
    gist_joined: str = attrs.field(init=False)
    gist_set: frozenset[str] = attrs.field(init=False)
    word_set: frozenset[str] = attrs.field(init=False)

    @joined.default
    def _join(self) -> str:
        return " ".join(self.words)

    @gist_joined.default
    def _join_gist(self) -> str:
        return " ".join(self.gist)

    @gist_set.default
    def _gist_set(self) -> frozenset[str]:
        return frozenset(self.gist)

    @word_set.default
    def _word_set(self) -> frozenset[str]:
        return frozenset(tokens_of(self.text))

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


_LONG_WORD = re.compile(r"\b[A-Za-z][a-z]{3,}\b")


def _title_case(text: str) -> bool:
    """Most long words start with a capital (a headline's style)."""
    words = _LONG_WORD.findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) > 0.6 * len(words)


def features(claim: Claim) -> Features:
    assert claim.id is not None and claim.document_id is not None
    values = frozenset(n.value for n in claim.numbers if n.value is not None)
    counted = tuple(
        (n.value, _unit(n.unit))
        for n in claim.numbers
        if n.value is not None and n.unit not in ("year", "date", "rank")
    )
    quote = claim.quote if claim.quote else quoted_text(claim.text)
    words = canonical_words(claim.text)
    tokens = tokens_of(claim.text)
    names = _names(claim.text)
    first = first_word_name(claim.text)
    # In Title Case Every Word Looks Like A Name: such a text names nobody for sure.
    entities = (
        frozenset()
        if _title_case(claim.text)
        else entity_names(names | {first} if first else names)
    )
    dates, years = dates_in(claim.text, claim.numbers)
    return Features(
        claim_id=claim.id,
        document_id=claim.document_id,
        kind=claim.kind.value,
        text=claim.text,
        words=tuple(words),
        values=values,
        counted=counted,
        names=names,
        speaker=claim.speaker,
        quote=quote,
        gist=gist_words(words, _NUMBER_WORDS),
        entities=entities,
        negated=negation_parity(tokens),
        direction=direction(tokens),
        dates=dates,
        years=years,
        weekdays=weekdays_in(tokens),
        amounts=amounts_in(claim.text, claim.numbers),
        quoted=read_quote(quote, claim.text),
    )
