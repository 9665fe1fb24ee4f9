"""What a claim is made of, for comparing it with claims in other sources.

Wording is reduced to canonical content words (see :mod:`.words`). Facts are
kept apart, because two claims must agree on them to state the same fact:
the numbers (values and amounts with their units), the names (capitalised
words), the dates, whether the sentence negates, which way a figure moved,
and the quoted words with their speaker.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Iterable

import attrs

from workbench.core.matching.amounts import Amount, amounts_in
from workbench.core.matching.facts import (
    When,
    dates_in,
    direction,
    entity_names,
    first_word_name,
    negation_parity,
    polar_sides,
    tokens_of,
    unprefixed,
    weekdays_in,
)
from workbench.core.matching.quotes import Quote, read_quote
from workbench.core.matching.words import STOP, canonical_words, gist_words
from workbench.core.models import Claim, NumberMention
from workbench.core.store.matching import MatchRow
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


@attrs.frozen(eq=False)
class Facts:
    """What matching reads from a claim's text: the same for every copy of a sentence.

    News repeats sentences word for word (wire copy, copied articles), so facts
    are read once per distinct sentence (:func:`read_facts` keeps the latest)
    and compared by identity, so they key caches cheaply.
    """

    text: str
    words: tuple[str, ...]  # canonical content words
    joined: str  # the words, joined
    key_set: frozenset[str]  # blocking keys: numbers, names, long words
    speaker: str | None
    quote: str | None
    gist: tuple[str, ...]  # words without numbers, stemmed: for comparing wording
    gist_joined: str
    gist_set: frozenset[str]
    entities: frozenset[str]  # names as compared (the first word too)
    negated: int  # 1 when the sentence negates (an odd number of times)
    direction: int  # +1 a figure went up, -1 down, 0 neither
    dates: frozenset[When]
    years: frozenset[int]
    weekdays: frozenset[str]
    amounts: tuple[Amount, ...]
    quoted: Quote | None  # the quote as compared (four words or more)
    word_set: frozenset[str]  # every word, lower case
    unprefixed: frozenset[str]  # words a negating prefix turned ("lawful")
    polar: frozenset[tuple[int, int]]  # sides taken (facts.polar_sides)


@attrs.frozen
class Features:
    """A claim reduced to what matching needs: where it is, and its :class:`Facts`."""

    claim_id: int
    document_id: int
    facts: Facts

    @property
    def joined(self) -> str:
        return self.facts.joined

    def keys(self) -> set[str]:
        """Blocking keys: two claims are compared only if they share two of them."""
        return set(self.facts.key_set)


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
    return len(words) >= 4 and sum(w[0].isupper() for w in words) > 0.7 * len(words)


class FactsReader:
    """Features of stored claims, each distinct sentence read once for a run.

    Rows are :meth:`Store.match_rows`. Keyed by the stored strings, so copies of a sentence (wire copy) share one
    :class:`Facts` without their numbers being decoded again.
    """

    def __init__(self) -> None:
        self._facts: dict[tuple[str, str | None, str | None, str | None], Facts] = {}

    def features(self, rows: Iterable[MatchRow]) -> dict[int, Features]:
        found: dict[int, Features] = {}
        cache = self._facts
        for claim_id, document_id, text, numbers, speaker, quote in rows:
            key = (text, numbers, speaker, quote)
            facts = cache.get(key)
            if facts is None:
                mentions = tuple(
                    NumberMention.from_dict(n) for n in (json.loads(numbers) if numbers else ())
                )
                facts = cache[key] = read_facts(text, mentions, speaker, quote)
            found[claim_id] = Features(claim_id, document_id, facts)
        return found


def features(claim: Claim) -> Features:
    assert claim.id is not None and claim.document_id is not None
    return Features(
        claim.id,
        claim.document_id,
        read_facts(claim.text, claim.numbers, claim.speaker, claim.quote),
    )


@functools.lru_cache(maxsize=16384)
def read_facts(
    text: str, numbers: tuple[NumberMention, ...], speaker: str | None, quote: str | None
) -> Facts:
    """The :class:`Facts` of a claim's text (cached: copies of a sentence read once)."""
    quote = quote if quote else quoted_text(text)
    words = canonical_words(text)
    tokens = tokens_of(text)
    word_set = frozenset(map(sys.intern, tokens))  # one copy of each word, not one a claim
    gist = gist_words(words, _NUMBER_WORDS)
    names = _names(text)
    first = first_word_name(text)
    # In Title Case Every Word Looks Like A Name: such a text names nobody for sure.
    entities = (
        frozenset()
        if len(names) >= 3 and _title_case(text)
        else entity_names(names | {first} if first else names)
    )
    dates, years = dates_in(text, numbers, word_set)
    keys = {f"n:{n.value:g}" for n in numbers if n.value is not None}
    keys |= {f"e:{name}" for name in names}
    keys |= {f"w:{word}" for word in words if len(word) >= 7}
    return Facts(
        text=text,
        words=tuple(words),
        joined=" ".join(words),
        key_set=frozenset(keys),
        speaker=speaker,
        quote=quote,
        gist=gist,
        gist_joined=" ".join(gist),
        gist_set=frozenset(gist),
        entities=entities,
        negated=negation_parity(tokens),
        direction=direction(tokens),
        dates=dates,
        years=years,
        weekdays=weekdays_in(tokens),
        amounts=amounts_in(text, numbers, word_set),
        quoted=read_quote(quote, text),
        word_set=word_set,
        unprefixed=unprefixed(gist),
        polar=polar_sides(word_set),
    )
