"""Score and classify one sentence: what it says, how check-worthy it is, and why.

This module finds what a sentence says (its numbers and dates, who speaks, what
it quotes, compares or cites) and :mod:`workbench.core.text.checkworthy` weighs
those cues and the sentence's words with weights learned from labelled data.
The reasons a reviewer sees are the features that moved the score most, with
their sign: ``+ number "12%" (0.84)``, ``- first person (0.61)``.

:func:`assess` runs these steps, each a function below:

1. furniture: a heading, caption or call to action is never a claim;
2. a *plain* sentence (no digit, quotation or cue word) is weighed on its
   words alone;
3. otherwise the text outside quotations is read for its speaker, dates, a
   study and its finding, and a comparison; these become the :class:`Cues`
   the model weighs, and the kind of claim is read from the same findings.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import attrs

from workbench.core.models import ClaimKind, NumberMention
from workbench.core.text import checkworthy
from workbench.core.text.checkworthy import Cues, Weighing
from workbench.core.text.cue_words import (
    COMPARATIVE_WORDS,
    DATE_WORDS,
    FINDING_WORDS,
    LAST_AS_RANK,
    RELATIVE_DATE,
    STUDY_WORDS,
    SUPERLATIVE_WORDS,
    WORD,
    first_in_order,
    is_boilerplate,
    is_plain,
)
from workbench.core.text.kinds import kind_of
from workbench.core.text.numbers import find_numbers
from workbench.core.text.speakers import (
    Attribution,
    Leaning,
    find_speaker,
    outside_quotes,
    quoted_text,
    speaker_note,
)

_MIN_QUOTE_WORDS = 4
_DATE_UNITS = frozenset({"year", "date", "time", "century"})
_ENTITY = re.compile(r"\s([A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)*)")


def default_min_score() -> float:
    """The score a sentence needs to be a claim, chosen on development data."""
    return checkworthy.model().threshold


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
    # What the score adds up, and the reasons that are not the score's (who
    # speaks): enough to weigh the sentence again as a lead (see :func:`as_lead`).
    weighing: Weighing | None = attrs.field(default=None, eq=False, repr=False)
    notes: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)


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
    return assess_words(
        sentence,
        lowered,
        WORD.findall(lowered),
        last_speaker,
        quoted,
        heading,
        lead=lead,
        min_score=min_score,
    )


def assess_words(
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
    leaning: Leaning | None = None,
) -> Assessment:
    """:func:`assess` with the lower-cased text and its words already at hand; ``quiet``
    leaves out the reasons of a sentence that is not kept; ``leaning`` records
    whether ``last_speaker`` was consulted."""
    wordset = set(words)
    plain = not quoted and not heading and is_plain(sentence, wordset)
    numbers = () if plain else find_numbers(sentence, wordset)
    if heading or is_boilerplate(lowered, wordset):
        why = "a heading or caption" if heading else "boilerplate"
        return Assessment(sentence, 0.0, ClaimKind.OTHER, False, (why,), numbers, None, None)
    threshold = default_min_score() if min_score is None else min_score
    explain_from = threshold if quiet else 0.0
    if plain:
        return _assess_plain(sentence, lowered, words, wordset, lead, threshold, explain_from)
    return _assess_closely(
        sentence,
        lowered,
        words,
        wordset,
        numbers,
        last_speaker,
        quoted,
        lead=lead,
        threshold=threshold,
        explain_from=explain_from,
        leaning=leaning,
    )


def _assess_plain(
    sentence: str,
    lowered: str,
    words: list[str],
    wordset: set[str],
    lead: bool,
    threshold: float,
    explain_from: float,
) -> Assessment:
    """A sentence with no number, date, speaker, quotation, study or comparison to
    look for: its score rests on its words."""
    cues = Cues(
        sentence,
        lowered,
        words,
        wordset,
        wordset,
        names=tuple(_ENTITY.findall(sentence)[:3]),
        lead=lead,
    )
    weighed = checkworthy.model().weigh(cues, explain_from=explain_from)
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
        weighing=weighed.weighing,
    )


class _Outside(NamedTuple):
    """The sentence outside its quotations, and what the quotations hold."""

    text: str
    lowered: str
    words: list[str]
    word_set: set[str]
    quote: str | None
    quote_words: int


def _outside(sentence: str, lowered: str, words: list[str], wordset: set[str]) -> _Outside:
    if '"' not in sentence and "\u201c" not in sentence:
        return _Outside(sentence, lowered, words, wordset, None, 0)
    outside = outside_quotes(sentence)
    out_lowered = outside.lower()
    out_words = WORD.findall(out_lowered)
    quote = quoted_text(sentence)
    return _Outside(
        outside, out_lowered, out_words, set(out_words), quote, len(quote.split()) if quote else 0
    )


class _Speaker(NamedTuple):
    said: Attribution
    speaker: str | None
    named: bool
    notes: list[str]


def _speaker(
    sentence: str,
    outside: _Outside,
    last_speaker: str | None,
    quoted: bool,
    leaning: Leaning | None = None,
) -> _Speaker:
    """Who speaks: named in the sentence, or carried on from the sentences before
    when the sentence continues a quotation."""
    notes: list[str] = []
    said = find_speaker(
        sentence, last_speaker, outside=outside.text, out_words=outside.word_set, leaning=leaning
    )
    speaker, named = said.speaker, said.named
    opens_quote = sentence[:1] in '\u201c"'
    continues_quote = quoted or (opens_quote and outside.quote_words >= _MIN_QUOTE_WORDS)
    if speaker is None and continues_quote and leaning is not None:
        leaning.used = True  # the speaker before would carry on
    if speaker is None and continues_quote and last_speaker:
        speaker, named = last_speaker, True
        notes.append(f"speaker {last_speaker} carried from the sentences before")
    if speaker:  # who is speaking is for the reviewer to see; the cues weigh it
        notes.append(f"attributed to {speaker}{speaker_note(said)}")
    return _Speaker(said, speaker, named, notes)


def _date(
    sentence: str,
    lowered: str,
    words: list[str],
    wordset: set[str],
    dates: list[NumberMention],
) -> str | None:
    """The date the sentence gives: a read date, a month or weekday, or "last week"."""
    if dates:
        return dates[0].text
    date_word = first_in_order(words, wordset, DATE_WORDS) or (
        "May" if " May " in sentence else None
    )
    if date_word:
        return date_word
    relative = RELATIVE_DATE.search(lowered) if "last" in wordset else None
    return relative.group(0) if relative else None


def _study(outside: _Outside) -> str | None:
    """A study word, when the sentence also says what the study found."""
    study = first_in_order(outside.words, outside.word_set, STUDY_WORDS)
    return study if study and FINDING_WORDS.intersection(outside.word_set) else None


def _comparison(outside: _Outside) -> str | None:
    """The word that ranks or compares: "largest", "third", "more ... than"."""
    ranks = outside.word_set
    if "last" in ranks and not LAST_AS_RANK.search(outside.lowered):
        ranks = ranks - {"last"}  # "last year" dates a claim; it ranks nothing
    comparison = first_in_order(outside.words, ranks, SUPERLATIVE_WORDS)
    if comparison is None and "than" in outside.word_set:
        comparison = first_in_order(outside.words, outside.word_set, COMPARATIVE_WORDS)
    return comparison


def _assess_closely(
    sentence: str,
    lowered: str,
    words: list[str],
    wordset: set[str],
    numbers: tuple[NumberMention, ...],
    last_speaker: str | None,
    quoted: bool,
    *,
    lead: bool,
    threshold: float,
    explain_from: float,
    leaning: Leaning | None = None,
) -> Assessment:
    """A sentence with something to read: its speaker, quotation, dates, study and
    comparison become the cues the model weighs and decide its kind."""
    outside = _outside(sentence, lowered, words, wordset)
    who = _speaker(sentence, outside, last_speaker, quoted, leaning)
    counts = [n for n in numbers if n.unit not in _DATE_UNITS]
    date = _date(sentence, lowered, words, wordset, [n for n in numbers if n.unit in _DATE_UNITS])
    study = _study(outside)
    direct_quote = outside.quote_words >= _MIN_QUOTE_WORDS or quoted
    cues = Cues(
        sentence,
        lowered,
        words,
        wordset,
        outside.word_set,
        number=counts[0].text if counts else None,
        money_or_percent=any(n.unit in ("%", "$", "£", "€") for n in counts),
        date=date,
        study=study,
        speaker=who.speaker,
        named_speaker=who.named,
        quote_words=outside.quote_words,
        comparison=_comparison(outside),
        names=tuple(_ENTITY.findall(outside.text)[:3]),
        lead=lead,
    )
    weighed = checkworthy.model().weigh(cues, explain_from=explain_from)
    kind = kind_of(
        outside=outside.text,
        words=outside.word_set,
        lowered=outside.lowered,
        numbers=numbers,
        speaker=who.speaker,
        attributed=who.said.reported,
        direct_quote=direct_quote,
        study=study is not None,
        dated=date is not None,
    )
    is_quote = bool(who.speaker and who.named and direct_quote)
    said = who.said
    return Assessment(
        sentence,
        weighed.score,
        kind,
        weighed.score >= threshold,
        (*weighed.reasons, *who.notes),
        numbers,
        who.speaker,
        outside.quote
        if (is_quote or kind is ClaimKind.ATTRIBUTION or outside.quote_words)
        else None,
        who.speaker if said.named and said.named_here else None,
        said.affiliation,
        cues,
        weighed.weighing,
        tuple(who.notes),
    )


def as_lead(
    found: Assessment, lead: bool, *, min_score: float | None = None, quiet: bool = False
) -> Assessment:
    """``found`` for the same sentence opening an article (``lead``) or not: only
    the lead cue differs, so the sentence is weighed again and not read again.
    Arguments as for :func:`assess_words`; an unscored sentence is unchanged."""
    if found.weighing is None:
        return found  # a heading or boilerplate: never scored, wherever it stands
    threshold = default_min_score() if min_score is None else min_score
    weighed = checkworthy.model().weigh_up(
        found.weighing.with_lead(lead), explain_from=threshold if quiet else 0.0
    )
    return attrs.evolve(
        found,
        score=weighed.score,
        checkworthy=weighed.score >= threshold,
        reasons=(*weighed.reasons, *found.notes),
        cues=None if found.cues is None else found.cues._replace(lead=lead),
        weighing=weighed.weighing,
    )
