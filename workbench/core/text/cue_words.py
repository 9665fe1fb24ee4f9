"""The words that tell the extractor where to look: studies, findings, comparisons,
ranks, dates, page furniture.

Cue words are matched as sets of lower-case words: one tokenisation per
sentence is far cheaper than a dozen regex alternations (see
bench/bench_ingest.py). :func:`is_plain` uses them to pass over a sentence
that has nothing to read closely; :func:`is_boilerplate` spots page furniture.
"""

from __future__ import annotations

import re

from workbench.core.text.numbers import NUMBER_WORDS
from workbench.core.text.speakers import SPEECH_WORDS

WORD = re.compile(r"[a-z]+")  # the words of a lower-cased sentence
STUDY_WORDS = frozenset(
    "study studies survey report research researchers analysis poll audit experiment "
    "trial review census data figures statistics test tests testing".split()
)
FINDING_WORDS = frozenset(
    "found finds find showed shows show showing suggested suggests concluded concludes revealed "
    "reveals indicated indicates estimated estimates reported measured according discovered "
    "discovers determined identified calculated".split()
)
COMPARATIVE_WORDS = frozenset("more less fewer greater higher lower larger smaller bigger".split())
SUPERLATIVE_WORDS = frozenset(
    "largest biggest smallest highest lowest strongest weakest fastest slowest greatest oldest "
    "newest youngest richest poorest best worst most least leading first second third fourth "
    "fifth last top ranked ranks record".split()
)
RANKING_WORDS = frozenset({"rank", "ranks", "ranked", "ranking"})
DATE_WORDS = frozenset(
    "january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday yesterday".split()
)
# Words after "last" that make it a date ("last year", "last Tuesday"), not a rank.
_AFTER_LAST = (
    "week|weekend|month|year|decade|century|night|summer|winter|spring|autumn|fall|season|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
LAST_AS_RANK = re.compile(rf"\blast\b(?! (?:{_AFTER_LAST})\b)")
RELATIVE_DATE = re.compile(rf"\blast (?:{_AFTER_LAST})\b|\bin (?:early |late )?\d{{4}}\b")
BOILERPLATE_PHRASES = (
    "image copyright",
    "image caption",
    "getty images",
    "all rights reserved",
    "copyright \u00a9",
    "related topics",
    "advertisement",
)
# Calls to action. These are page furniture anywhere in a sentence:
FURNITURE_ANYWHERE = ("our newsletter", "click here", "follow us", "cookie", "share this")
# and these only where they open it ("Sign up for ..."), since a story may say
# "the service continued to sign up subscribers".
FURNITURE_OPENING = ("sign up", "subscribe", "read more", "newsletter")
_BOILERPLATE_HINTS = frozenset(
    "copyright caption getty reserved sign subscribe newsletter click read follow cookie "
    "cookies share related advertisement".split()
)

# Words without which a sentence has no number, date, speaker, study or comparison.
_CUES = (
    SPEECH_WORDS
    | STUDY_WORDS
    | FINDING_WORDS
    | SUPERLATIVE_WORDS
    | COMPARATIVE_WORDS
    | RANKING_WORDS
    | DATE_WORDS
    | frozenset({"may", "last", "according", "league"})
    | NUMBER_WORDS
)
_DIGIT = re.compile(r"\d")


def is_plain(sentence: str, words: set[str]) -> bool:
    """True when the sentence has none of the cues that need a closer look: no
    digit, no quotation mark, none of the cue words. Its score rests on its words."""
    if '"' in sentence or "\u201c" in sentence or _DIGIT.search(sentence):
        return False
    return _CUES.isdisjoint(words)


def is_boilerplate(lowered: str, words: set[str]) -> bool:
    """Captions, credits and calls to action: page furniture, never a claim."""
    return bool(_BOILERPLATE_HINTS.intersection(words)) and (
        any(phrase in lowered for phrase in BOILERPLATE_PHRASES)
        or any(phrase in lowered for phrase in FURNITURE_ANYWHERE)
        or lowered.startswith(FURNITURE_OPENING)
    )


def first_in_order(words: list[str], present: set[str], vocabulary: frozenset[str]) -> str | None:
    """The first of ``words`` in ``vocabulary``; a set test first, the scan only on a hit."""
    hits = vocabulary.intersection(present)
    if not hits:
        return None
    if len(hits) == 1:
        return next(iter(hits))
    return next(w for w in words if w in hits)
