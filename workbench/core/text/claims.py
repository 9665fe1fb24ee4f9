"""Decide which sentences are check-worthy claims, what kind each is, and why.

The score is a sum of weighted features, clipped to 0..1. Every feature that
fires adds a reason, so a reviewer sees why a sentence ranks where it does:

=====================  ======  ===============================================
feature                weight  fires when
=====================  ======  ===============================================
base                   +0.15   always
number                 +0.25   a count, amount or percentage (not a year)
money or percent       +0.05   a number with %, $, £ or €
date                   +0.10   a year, a month or a day of the month
study                  +0.25   a study, report, survey, audit... and a finding
named source           +0.20   the sentence names who said it (+0.08 unnamed)
direct quote           +0.10   four or more words in quotation marks
comparison             +0.20   a comparative, superlative or ranking
named entities         +0.05   each capitalised name after the first word (max 3)
dated action           +0.15   a date together with a past-tense action
opinion                -0.15   believe, think, should, hope... (halved in quotes)
hedge                  -0.05   may, might, could, perhaps, likely (halved in quotes)
first/second person    -0.10   I, we, you, our outside quotation marks
question               -0.35   the sentence asks rather than states
short                  -0.20   fewer than six words
=====================  ======  ===============================================

A sentence is kept as a claim when its score reaches :data:`THRESHOLD`, or when
it is a direct quote with a named speaker (a quoted opinion is still a claim
that someone said it). Headings and boilerplate are never claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from workbench.core.models import Claim, ClaimKind, NumberMention
from workbench.core.text.kinds import kind_of
from workbench.core.text.numbers import NUMBER_WORDS, find_numbers
from workbench.core.text.sentences import Sentence, split
from workbench.core.text.speakers import SPEECH_WORDS, Attribution, attribute, full_name

THRESHOLD = 0.4

# A quotation opens with a curly or straight mark and may close with either
# (real copy mixes them: \u201cThe end," she said).
_QUOTED = re.compile('[\u201c"]([^\u201d"]{2,})(?:[\u201d"]|$)')

# Cue words, matched as sets of lower-case words: one tokenisation per sentence
# is far cheaper than a dozen regex alternations (see bench/bench_ingest.py).
_WORD = re.compile(r"[a-z]+")
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
ACTION_WORDS = frozenset(
    "began won lost sold bought made took gave became rose fell met left ran held paid spent "
    "built".split()
)
HEDGE_WORDS = frozenset(
    "believe believes think thinks feel feels should could might may perhaps probably hope "
    "hopes seem seems cynical opinion arguably likely".split()
)
_OPINION = frozenset(
    "believe believes think thinks feel feels should hope hopes cynical opinion arguably".split()
)
_DIGIT = re.compile(r"\d")
# A word of five letters or more ending in -ed (a past-tense verb, mostly).
_PAST_TENSE = re.compile(r"[a-z]{3}ed(?![a-z])")
# Words after "last" that make it a date ("last year", "last Tuesday"), not a rank.
_AFTER_LAST = (
    "week|weekend|month|year|decade|century|night|summer|winter|spring|autumn|fall|season|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_LAST_AS_RANK = re.compile(rf"\blast\b(?! (?:{_AFTER_LAST})\b)")
_RELATIVE_DATE = re.compile(rf"\blast (?:{_AFTER_LAST})\b|\bin (?:early |late )?\d{{4}}\b")
_PERSON_WORDS = frozenset({"i", "we", "you", "our", "my"})
_PERSONAL = re.compile(r"\b(?:I|we|We|you|You|our|Our|my|My)\b")
_ENTITY = re.compile(r"\s([A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)*)")
BOILERPLATE_PHRASES = (
    "image copyright",
    "image caption",
    "getty images",
    "all rights reserved",
    "copyright \u00a9",
    "sign up",
    "subscribe",
    "newsletter",
    "click here",
    "read more",
    "follow us",
    "cookie",
    "share this",
    "related topics",
    "advertisement",
)
_BOILERPLATE_HINTS = frozenset(
    "copyright caption getty reserved sign subscribe newsletter click read follow cookie "
    "cookies share related advertisement".split()
)
_MIN_QUOTE_WORDS = 4
_DATE_UNITS = frozenset({"year", "date", "time", "century"})


@attrs.frozen
class Assessment:
    """What the extractor concludes about one sentence."""

    text: str
    score: float
    kind: ClaimKind
    checkworthy: bool
    reasons: tuple[str, ...]
    numbers: tuple[NumberMention, ...]
    speaker: str | None
    quote: str | None
    named_speaker: str | None = None  # a person this sentence itself names as speaking
    affiliation: str = ""  # the organisation the speaker speaks for ("Unite")


def quoted_text(sentence: str) -> str | None:
    """The words inside quotation marks (several quotations joined with ' … ')."""
    parts = [part.strip(" ,") for part in _QUOTED.findall(sentence)]
    parts = [p for p in parts if p]
    return " \u2026 ".join(parts) if parts else None


def _outside_quotes(sentence: str) -> str:
    """The sentence with its quotations replaced by a mark that ends a clause."""
    return _QUOTED.sub(" ; ", sentence)


def _first_in_order(words: list[str], present: set[str], vocabulary: frozenset[str]) -> str | None:
    """The first of ``words`` in ``vocabulary``; a set test first, the scan only on a hit."""
    hits = vocabulary.intersection(present)
    if not hits:
        return None
    if len(hits) == 1:
        return next(iter(hits))
    return next(w for w in words if w in hits)


def find_speaker(
    sentence: str,
    last_speaker: str | None,
    *,
    outside: str | None = None,
    out_words: set[str] | None = None,
) -> Attribution:
    """Who the sentence says is speaking (see :mod:`workbench.core.text.speakers`).

    ``named_here`` is False when the speaker comes from ``last_speaker`` (a
    pronoun such as "she added"), so a caller can track who was last named.
    """
    outside = _outside_quotes(sentence) if outside is None else outside
    if out_words is None:
        out_words = set(_WORD.findall(outside.lower()))
    return attribute(outside, out_words, last_speaker)


def assess(
    sentence: str, *, last_speaker: str | None = None, quoted: bool = False, heading: bool = False
) -> Assessment:
    """Score and classify one sentence. ``last_speaker`` resolves 'he said'."""
    lowered = sentence.lower()
    return _assess(sentence, lowered, _WORD.findall(lowered), last_speaker, quoted, heading)


def _assess(
    sentence: str,
    lowered: str,
    words: list[str],
    last_speaker: str | None,
    quoted: bool,
    heading: bool,
) -> Assessment:
    """:func:`assess` with the lower-cased text and its words already at hand."""
    wordset = set(words)
    numbers = find_numbers(sentence, wordset)
    boilerplate = _BOILERPLATE_HINTS.intersection(wordset) and any(
        phrase in lowered for phrase in BOILERPLATE_PHRASES
    )
    if heading or boilerplate:
        why = "a heading or caption" if heading else "boilerplate"
        return Assessment(sentence, 0.0, ClaimKind.OTHER, False, (why,), numbers, None, None)
    reasons: list[str] = []
    score = 0.15
    has_quotes = '"' in sentence or "\u201c" in sentence
    outside = _outside_quotes(sentence) if has_quotes else sentence
    out_lowered = outside.lower() if has_quotes else lowered
    out_words = _WORD.findall(out_lowered) if has_quotes else words
    out_set = set(out_words) if has_quotes else wordset
    quote = quoted_text(sentence) if has_quotes else None
    quote_words = len(quote.split()) if quote else 0
    said = find_speaker(sentence, last_speaker, outside=outside, out_words=out_set)
    speaker, named = said.speaker, said.named
    opens_quote = sentence[:1] in '\u201c"'
    continues_quote = quoted or (opens_quote and quote_words >= _MIN_QUOTE_WORDS)
    if speaker is None and continues_quote and last_speaker:
        speaker, named = last_speaker, True
        reasons.append(f"speaker {last_speaker} carried from the sentences before")
    counts = [n for n in numbers if n.unit not in _DATE_UNITS]
    dates = [n for n in numbers if n.unit in _DATE_UNITS]
    if counts:
        score += 0.25
        reasons.append(f"a number ({counts[0].text})")
        if any(n.unit in ("%", "$", "£", "€") for n in counts):
            score += 0.05
            reasons.append("money or a percentage")
    date_word = _first_in_order(words, wordset, DATE_WORDS) or (
        "May" if " May " in sentence else None
    )
    relative = _RELATIVE_DATE.search(lowered) if not dates and "last" in wordset else None
    has_date = bool(dates or date_word or relative)
    if has_date:
        shown = dates[0].text if dates else (date_word or relative.group(0))  # type: ignore[union-attr]
        score += 0.10
        reasons.append(f"a date ({shown})")
    study = _first_in_order(out_words, out_set, STUDY_WORDS)
    is_study = bool(study and FINDING_WORDS.intersection(out_set))
    if is_study:
        score += 0.25
        reasons.append(f"cites a {study} and its finding")
    if speaker:
        score += 0.20 if named else 0.08
        reasons.append(f"attributed to {speaker}{_speaker_note(said)}")
    is_quote = bool(speaker and named and (quote_words >= _MIN_QUOTE_WORDS or quoted))
    if quote_words >= _MIN_QUOTE_WORDS:
        score += 0.10
        reasons.append("a direct quotation")
    ranks = out_set
    if "last" in out_set and not _LAST_AS_RANK.search(out_lowered):
        ranks = out_set - {"last"}  # "last year" dates a claim; it ranks nothing
    comparison = _first_in_order(out_words, ranks, SUPERLATIVE_WORDS)
    if comparison is None and "than" in out_set:
        comparison = _first_in_order(out_words, out_set, COMPARATIVE_WORDS)
    if comparison:
        score += 0.20
        reasons.append(f"a comparison or ranking ({comparison})")
    entities = _ENTITY.findall(outside)[:3]
    if entities:
        score += 0.05 * len(entities)
        reasons.append(f"names {', '.join(entities)}")
    if has_date and (ACTION_WORDS.intersection(out_set) or _PAST_TENSE.search(out_lowered)):
        score += 0.15
        reasons.append("a dated action")
    hedge = (
        _first_in_order(out_words, out_set, HEDGE_WORDS)
        if is_quote
        else _first_in_order(words, wordset, HEDGE_WORDS)
    )
    if hedge:
        weight = 0.15 if hedge in _OPINION else 0.05
        score -= weight / 2 if is_quote else weight
        reasons.append(f"opinion or hedge ({hedge})")
    if not is_quote and _PERSON_WORDS.intersection(out_set) and _PERSONAL.search(outside):
        score -= 0.10
        reasons.append("first or second person")
    if sentence.rstrip(" \"'\u201d\u2019)").endswith("?"):
        score -= 0.35
        reasons.append("a question")
    if len(words) < 6:
        score -= 0.20
        reasons.append("too short to state a fact")
    score = round(min(1.0, max(0.0, score)), 3)
    kind = kind_of(
        outside=outside,
        words=out_set,
        lowered=out_lowered,
        numbers=numbers,
        speaker=speaker,
        attributed=said.reported,
        direct_quote=quote_words >= _MIN_QUOTE_WORDS or quoted,
        study=is_study,
        dated=has_date,
    )
    return Assessment(
        sentence,
        score,
        kind,
        score >= THRESHOLD or is_quote,
        tuple(reasons),
        numbers,
        speaker,
        quote if (is_quote or kind is ClaimKind.ATTRIBUTION or quote_words) else None,
        speaker if said.named and said.named_here else None,
        said.affiliation,
    )


def _speaker_note(said: Attribution) -> str:
    """ " (General Secretary, Unite)": the speaker's role and organisation, when known."""
    parts = [said.role] if said.role else []
    if said.affiliation and said.affiliation not in said.role and said.affiliation != said.speaker:
        parts.append(said.affiliation)
    return f" ({', '.join(parts)})" if parts else ""


# A sentence with none of these cues, no digit and no quotation mark cannot reach
# THRESHOLD (base + names is at most 0.30), so extraction skips scoring it.
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


def cannot_be_claim(sentence: str) -> bool:
    """A cheap test that the full assessment would not keep this sentence."""
    return _cannot_be(sentence, _WORD.findall(sentence.lower()))


def _cannot_be(sentence: str, words: list[str]) -> bool:
    if '"' in sentence or "\u201c" in sentence or _DIGIT.search(sentence):
        return False
    return _CUES.isdisjoint(words)


def _sentences_to_claims(sentences: Iterable[Sentence], document: str = "") -> list[Claim]:
    claims: list[Claim] = []
    last_speaker: str | None = None
    for sentence in sentences:
        if sentence.heading:
            continue
        text = sentence.text
        lowered = text.lower()
        words = _WORD.findall(lowered)
        if not sentence.quoted and _cannot_be(text, words):
            continue
        found = _assess(text, lowered, words, last_speaker, sentence.quoted, False)
        if found.named_speaker and " " not in found.named_speaker and document:
            # "Osei said" names the Rita Osei the article introduced earlier.
            whole = full_name(document, sentence.start, found.named_speaker)
            if whole != found.named_speaker:
                said = f"attributed to {found.named_speaker}"
                reasons = tuple(r.replace(said, f"attributed to {whole}", 1) for r in found.reasons)
                found = attrs.evolve(found, speaker=whole, named_speaker=whole, reasons=reasons)
        if found.named_speaker:
            last_speaker = found.named_speaker
        if not found.checkworthy:
            continue
        claims.append(
            Claim(
                id=None,
                document_id=None,
                text=sentence.text,
                kind=found.kind,
                score=found.score,
                start=sentence.start,
                end=sentence.end,
                sentence_index=sentence.sentence_index,
                paragraph_index=sentence.paragraph_index,
                numbers=found.numbers,
                speaker=found.speaker,
                quote=found.quote,
                reasons=found.reasons,
            )
        )
    return claims


def extract(clean_text: str) -> list[Claim]:
    """The check-worthy claims of a document's clean text, spans pointing into it."""
    return _sentences_to_claims(split(clean_text), clean_text)
