"""Quotes across sources: versions of one passage, drift, and quotes cut short.

Two quotes are versions of one passage when their words align over most of
their length (difflib's longest matching blocks over canonical words): "We
will rebuild every school" and "We shall rebuild all the schools" are one
passage, drifted; two different sentences of one letter share a few words
and are two quotes. A quote that stops at an ellipsis or at the end of its
paragraph with its quotation mark still open was cut short: when its words
are the start (or the end) of the other version, that is a truncation, not
drift.
"""

from __future__ import annotations

import difflib
import enum
import re

import attrs

from workbench.core.matching.words import canonical_words, gist_words

MIN_WORDS = 4  # a quote of fewer words is a phrase, not a passage
SHORT_COVER = 0.5  # share of the shorter version's words the longer one holds
LONG_COVER = 0.4  # share of the longer version's words the shorter one holds
CUT_COVER = 0.75  # a version cut short: share of its words the other holds
_WORD = re.compile(r"[\w%£$€]+(?:['\u2019][\w]+)?")
_ELLIPSIS = ("...", "\u2026")
_STRIP = " \t\n,;:.!?\"'\u201c\u201d\u2018\u2019()[]-\u2013\u2014"


class QuoteRelation(enum.StrEnum):
    """How two quotes of one speaker stand to each other."""

    IDENTICAL = "identical"
    DRIFT = "drift"  # one passage, worded differently
    TRUNCATED = "truncated"  # one passage, one version cut short
    DIFFERENT = "different"  # two passages


@attrs.frozen
class Quote:
    """A quotation as matching compares it."""

    text: str
    words: tuple[str, ...]  # every word, lower case, as written
    content: tuple[str, ...]  # canonical content words (spinner swaps mapped back)
    cut: str  # "end" or "start" when cut short, else ""


def _open_at_end(claim_text: str) -> bool:
    """The claim's last quotation is never closed: the quote runs on past the text."""
    curly_open, curly_close = claim_text.count("\u201c"), claim_text.count("\u201d")
    if curly_open > curly_close:
        return True
    return claim_text.count('"') % 2 == 1


def read_quote(quote: str | None, claim_text: str) -> Quote | None:
    """The claim's quote as a :class:`Quote`, or None when it is under four words."""
    if not quote:
        return None
    words = tuple(w.lower().replace("\u2019", "'") for w in _WORD.findall(quote))
    if len(words) < MIN_WORDS:
        return None
    body = quote.strip(" \t\n,;:!?\"'\u201c\u201d\u2018\u2019")
    cut = ""
    if body.endswith(_ELLIPSIS) or _open_at_end(claim_text):
        cut = "end"
    elif body.startswith(_ELLIPSIS):
        cut = "start"
    content = gist_words(canonical_words(quote), frozenset(), numbers=True)
    return Quote(quote, words, content, cut)


def _matched(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def _is_part(short: Quote, long: Quote) -> bool:
    """The shorter version's words are where it was cut from the longer one."""
    size = len(short.words)
    if size > len(long.words):
        return False
    part = long.words[:size] if short.cut == "end" else long.words[-size:]
    return part == short.words


def relation(a: Quote, b: Quote) -> QuoteRelation:
    """Identical, drifted, truncated or different (see the module's docstring)."""
    if a.words == b.words:
        return QuoteRelation.IDENTICAL
    short, long = sorted((a, b), key=lambda q: (len(q.content), len(q.words), q.words))
    left, right = short.content, long.content
    if len(left) < 2:  # nothing left once stop words go: align every word
        left, right = short.words, long.words
    if not left or not right:
        return QuoteRelation.DIFFERENT
    matched = _matched(left, right)
    if short.cut and matched >= CUT_COVER * len(left):
        return QuoteRelation.TRUNCATED if _is_part(short, long) else QuoteRelation.DRIFT
    if matched >= SHORT_COVER * len(left) and matched >= LONG_COVER * len(right):
        return QuoteRelation.DRIFT
    return QuoteRelation.DIFFERENT
