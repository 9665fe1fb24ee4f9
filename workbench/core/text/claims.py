"""Decide which sentences are check-worthy claims, what kind each is, and why.

This module finds what a sentence says (its numbers and dates, who speaks, what
it quotes, compares or cites) and :mod:`workbench.core.text.checkworthy` weighs
those cues and the sentence's words with weights learned from labelled data.
The reasons a reviewer sees are the features that moved the score most, with
their sign: ``+ number "12%" (0.84)``, ``- first person (0.61)``.

A sentence is kept as a claim when its score reaches the threshold chosen on
development data (:func:`default_min_score`, settable per ingest). The first
sentence of an article of some length is its lead: it states the news, and the
``lead`` cue lifts it. Headings and boilerplate are never claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from workbench.core.models import Claim, ClaimKind, NumberMention
from workbench.core.text import checkworthy
from workbench.core.text.checkworthy import Cues
from workbench.core.text.kinds import kind_of
from workbench.core.text.numbers import NUMBER_WORDS, find_numbers
from workbench.core.text.sentences import Sentence, split
from workbench.core.text.speakers import SPEECH_WORDS, Attribution, attribute, full_name

_LEAD_WORDS = 8  # a lead states news; a shorter first line is a byline or a dateline


def default_min_score() -> float:
    """The score a sentence needs to be a claim, chosen on development data."""
    return checkworthy.model().threshold


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
# Words after "last" that make it a date ("last year", "last Tuesday"), not a rank.
_AFTER_LAST = (
    "week|weekend|month|year|decade|century|night|summer|winter|spring|autumn|fall|season|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_LAST_AS_RANK = re.compile(rf"\blast\b(?! (?:{_AFTER_LAST})\b)")
_RELATIVE_DATE = re.compile(rf"\blast (?:{_AFTER_LAST})\b|\bin (?:early |late )?\d{{4}}\b")
_ENTITY = re.compile(r"\s([A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)*)")
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
    cues: Cues | None = None  # what the score weighed (None: never scored)


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
    sentence: str,
    *,
    last_speaker: str | None = None,
    quoted: bool = False,
    heading: bool = False,
    lead: bool = False,
    min_score: float | None = None,
) -> Assessment:
    """Score and classify one sentence. ``last_speaker`` resolves 'he said';
    ``lead`` says the sentence opens an article; ``min_score`` overrides the
    threshold for keeping it."""
    lowered = sentence.lower()
    return _assess(
        sentence,
        lowered,
        _WORD.findall(lowered),
        last_speaker,
        quoted,
        heading,
        lead=lead,
        min_score=min_score,
    )


def _assess(
    sentence: str,
    lowered: str,
    words: list[str],
    last_speaker: str | None,
    quoted: bool,
    heading: bool,
    *,
    lead: bool = False,
    min_score: float | None = None,
    quiet: bool = False,
) -> Assessment:
    """:func:`assess` with the lower-cased text and its words already at hand; ``quiet``
    leaves out the reasons of a sentence that is not kept."""
    wordset = set(words)
    plain = not quoted and not heading and _plain(sentence, wordset)
    numbers = () if plain else find_numbers(sentence, wordset)
    boilerplate = _BOILERPLATE_HINTS.intersection(wordset) and (
        any(phrase in lowered for phrase in BOILERPLATE_PHRASES)
        or any(phrase in lowered for phrase in FURNITURE_ANYWHERE)
        or lowered.startswith(FURNITURE_OPENING)
    )
    if heading or boilerplate:
        why = "a heading or caption" if heading else "boilerplate"
        return Assessment(sentence, 0.0, ClaimKind.OTHER, False, (why,), numbers, None, None)
    threshold = default_min_score() if min_score is None else min_score
    if plain:  # no number, date, speaker, quotation, study or comparison to look for
        cues = Cues(
            sentence,
            lowered,
            words,
            wordset,
            wordset,
            names=tuple(_ENTITY.findall(sentence)[:3]),
            lead=lead,
        )
        weighed = checkworthy.model().weigh(cues, explain_from=threshold if quiet else 0.0)
        kind = kind_of(
            outside=sentence,
            words=wordset,
            lowered=lowered,
            numbers=(),
            speaker=None,
            direct_quote=False,
            study=False,
            dated=False,
        )
        return Assessment(
            sentence,
            weighed.score,
            kind,
            weighed.score >= threshold,
            weighed.reasons,
            (),
            None,
            None,
            cues=cues,
        )
    notes: list[str] = []
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
        notes.append(f"speaker {last_speaker} carried from the sentences before")
    counts = [n for n in numbers if n.unit not in _DATE_UNITS]
    dates = [n for n in numbers if n.unit in _DATE_UNITS]
    date_word = _first_in_order(words, wordset, DATE_WORDS) or (
        "May" if " May " in sentence else None
    )
    relative = _RELATIVE_DATE.search(lowered) if not dates and "last" in wordset else None
    has_date = bool(dates or date_word or relative)
    study = _first_in_order(out_words, out_set, STUDY_WORDS)
    is_study = bool(study and FINDING_WORDS.intersection(out_set))
    if speaker:  # who is speaking is for the reviewer to see; the cues weigh it
        notes.append(f"attributed to {speaker}{_speaker_note(said)}")
    is_quote = bool(speaker and named and (quote_words >= _MIN_QUOTE_WORDS or quoted))
    ranks = out_set
    if "last" in out_set and not _LAST_AS_RANK.search(out_lowered):
        ranks = out_set - {"last"}  # "last year" dates a claim; it ranks nothing
    comparison = _first_in_order(out_words, ranks, SUPERLATIVE_WORDS)
    if comparison is None and "than" in out_set:
        comparison = _first_in_order(out_words, out_set, COMPARATIVE_WORDS)
    cues = Cues(
        sentence,
        lowered,
        words,
        wordset,
        out_set,
        number=counts[0].text if counts else None,
        money_or_percent=any(n.unit in ("%", "$", "£", "€") for n in counts),
        date=(dates[0].text if dates else date_word or relative.group(0))  # type: ignore[union-attr]
        if has_date
        else None,
        study=study if is_study else None,
        speaker=speaker,
        named_speaker=named,
        quote_words=quote_words,
        comparison=comparison,
        names=tuple(_ENTITY.findall(outside)[:3]),
        lead=lead,
    )
    weighed = checkworthy.model().weigh(cues, explain_from=threshold if quiet else 0.0)
    score = weighed.score
    reasons = [*weighed.reasons, *notes]
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
        score >= threshold,
        tuple(reasons),
        numbers,
        speaker,
        quote if (is_quote or kind is ClaimKind.ATTRIBUTION or quote_words) else None,
        speaker if said.named and said.named_here else None,
        said.affiliation,
        cues,
    )


def _speaker_note(said: Attribution) -> str:
    """ " (General Secretary, Unite)": the speaker's role and organisation, when known."""
    parts = [said.role] if said.role else []
    if said.affiliation and said.affiliation not in said.role and said.affiliation != said.speaker:
        parts.append(said.affiliation)
    return f" ({', '.join(parts)})" if parts else ""


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


def _plain(sentence: str, words: set[str]) -> bool:
    """True when the sentence has none of the cues that need a closer look: no
    digit, no quotation mark, none of the cue words. Its score rests on its words."""
    if '"' in sentence or "\u201c" in sentence or _DIGIT.search(sentence):
        return False
    return _CUES.isdisjoint(words)


def _sentences_to_claims(
    sentences: Iterable[Sentence], document: str = "", min_score: float | None = None
) -> list[Claim]:
    claims: list[Claim] = []
    last_speaker: str | None = None
    lead_pending = True  # the first sentence of some length that is not boilerplate
    for sentence in sentences:
        if sentence.heading:
            continue
        text = sentence.text
        lowered = text.lower()
        words = _WORD.findall(lowered)
        lead = lead_pending and len(words) >= _LEAD_WORDS
        found = _assess(
            text,
            lowered,
            words,
            last_speaker,
            sentence.quoted,
            False,
            lead=lead,
            min_score=min_score,
            quiet=True,
        )
        if lead and found.cues is not None:
            lead_pending = False
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


def extract(clean_text: str, *, min_score: float | None = None) -> list[Claim]:
    """The check-worthy claims of a document's clean text, spans pointing into it.

    A sentence is kept when its score reaches ``min_score`` (by default the
    threshold chosen on development data, :func:`default_min_score`).
    """
    return _sentences_to_claims(split(clean_text), clean_text, min_score)
