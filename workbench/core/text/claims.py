"""Extract a document's check-worthy claims: its sentences assessed in order.

Each sentence is scored and typed by :mod:`workbench.core.text.assessment`;
this module carries what one sentence tells the next (who spoke last, whether
the lead has been seen) and keeps the sentences whose score reaches the
threshold chosen on development data (:func:`default_min_score`, settable per
ingest). The first sentence of an article of some length is its lead: it
states the news, and the ``lead`` cue lifts it. Headings and boilerplate are
never claims.

The same sentence comes back in article after article (wire copy, a story
several outlets carry), so an assessment is remembered for the sentence and
everything it depends on (:data:`MEMO_SIZE` of them): the result is the same,
only sooner.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

import attrs

from workbench.core.models import (
    CLAIM_COLUMNS,
    Claim,
    ClaimValues,
    Status,
    numbers_json,
    strings_json,
)
from workbench.core.text.assessment import (
    Assessment,
    as_lead,
    assess,
    assess_words,
    default_min_score,
)
from workbench.core.text.cue_words import WORD
from workbench.core.text.sentences import Sentence, split
from workbench.core.text.speakers import Leaning, find_speaker, full_name, quoted_text, surname

__all__ = [
    "CLAIM_COLUMNS",
    "Assessment",
    "ClaimValues",
    "assess",
    "default_min_score",
    "extract",
    "extract_rows",
    "find_speaker",
    "quoted_text",
]

_LEAD_WORDS = 8  # a lead states news; a shorter first line is a byline or a dateline
# Assessments remembered, about 2.9 KB each with what a lead is weighed from
# (tracemalloc, bench corpus): at most about 100 MB; afresh when full.
MEMO_SIZE = 35_000

_UNREVIEWED = Status.UNREVIEWED.value

# (kind, score, numbers, speaker, quote, reasons) of a kept sentence, as its row has them.
_RowPart = tuple[str, float, str, str | None, str | None, str]


class _Remembered(NamedTuple):
    """An assessment without its cues (the sentence's words: most of its memory),
    whether it was scored at all (a heading or boilerplate is not), and the
    columns of its claim's row when it is kept."""

    found: Assessment
    scored: bool
    row: _RowPart | None


# Remembered by (sentence, quoted, min_score), as it reads inside an article;
# an assessment that needed the speaker before (its key is in _leans) also by
# that speaker, or by None when the reading needed only to know that the
# speaker's surname was none of the words it compared (None in _leans: it
# needed the speaker itself). The same sentence as an article's lead is
# weighed again from what is remembered (:func:`_as_lead`), not read again.
_Key = tuple[str, bool, float | None]
_memo: dict[_Key | tuple[str, bool, float | None, str | None], _Remembered] = {}
_leans: dict[_Key, frozenset[str] | None] = {}
# The same as an article's lead, by the id of the remembered reading it was
# weighed from (each is held by _memo until both are emptied together).
_as_leads: dict[int, _Remembered] = {}


def _by(lean: frozenset[str] | None, last_speaker: str | None) -> str | None:
    """What of the speaker before a remembered reading depends on."""
    if lean is None or (last_speaker and surname(last_speaker) in lean):
        return last_speaker
    return None


def forget() -> None:
    """Empty the memo of assessments (benchmarks start each run cold)."""
    _memo.clear()
    _leans.clear()
    _as_leads.clear()


def _row_part(found: Assessment) -> _RowPart:
    return (
        found.kind.value,
        found.score,
        numbers_json(found.numbers),
        found.speaker,
        found.quote,
        strings_json(found.reasons),
    )


def _assessed(
    sentence: Sentence, last_speaker: str | None, lead_pending: bool, min_score: float | None
) -> tuple[_Remembered, bool]:
    """The sentence's assessment (without its cues) and whether it is the article's lead."""
    text = sentence.text
    words: list[str] | None = None
    lead = False
    if lead_pending:
        words = WORD.findall(text.lower())
        lead = len(words) >= _LEAD_WORDS
    key: _Key = (text, sentence.quoted, min_score)
    remembered = _memo.get(key)
    if remembered is None and key in _leans:
        remembered = _memo.get((*key, _by(_leans[key], last_speaker)))
    if remembered is None:
        lowered = text.lower()
        leaning = Leaning()
        found = assess_words(
            text,
            lowered,
            WORD.findall(lowered) if words is None else words,
            last_speaker,
            sentence.quoted,
            False,
            min_score=min_score,
            quiet=True,
            leaning=leaning,
        )
        if len(_memo) >= MEMO_SIZE:
            forget()
        remembered = _Remembered(
            attrs.evolve(found, cues=None),
            found.cues is not None,
            _row_part(found) if found.checkworthy else None,
        )
        if leaning.used or leaning.surnames:  # after another speaker it may differ
            # Whatever any reading of it needed: a reading that stopped at a
            # surname it matched compared fewer words than one that went on.
            known = _leans.get(key, frozenset())
            lean = None if leaning.used or known is None else known | leaning.surnames
            _leans[key] = lean
            _memo[(*key, _by(lean, last_speaker))] = remembered
        else:
            _memo[key] = remembered
    return (_as_lead(remembered, min_score) if lead else remembered), lead


def _as_lead(remembered: _Remembered, min_score: float | None) -> _Remembered:
    """A remembered assessment for the same sentence as an article's lead."""
    if not remembered.scored:
        return remembered  # a heading or boilerplate is no lead
    led = _as_leads.get(id(remembered))
    if led is None:
        found = as_lead(remembered.found, True, min_score=min_score, quiet=True)
        led = _Remembered(found, True, _row_part(found) if found.checkworthy else None)
        _as_leads[id(remembered)] = led
    return led


def _with_full_name(found: Assessment, document: str, start: int) -> Assessment:
    """ "Osei said" names the Rita Osei the article introduced earlier."""
    named = found.named_speaker
    assert named is not None
    whole = full_name(document, start, named)
    if whole == named:
        return found
    said = f"attributed to {named}"
    reasons = tuple(r.replace(said, f"attributed to {whole}", 1) for r in found.reasons)
    return attrs.evolve(found, speaker=whole, named_speaker=whole, reasons=reasons)


def _kept(
    sentences: Iterable[Sentence], document: str, min_score: float | None
) -> Iterator[tuple[Sentence, Assessment, _RowPart | None]]:
    """The sentences kept as claims, each with its assessment and, unless the
    article changed the assessment, the columns of its row."""
    last_speaker: str | None = None
    lead_pending = True  # the first sentence of some length that is not boilerplate
    for sentence in sentences:
        if sentence.heading:
            continue
        remembered, lead = _assessed(sentence, last_speaker, lead_pending, min_score)
        found = remembered.found
        if lead and remembered.scored:
            lead_pending = False
        named = found.named_speaker
        if named:
            if " " not in named and document:
                found = _with_full_name(found, document, sentence.start)
                named = found.named_speaker
            last_speaker = named
        if found.checkworthy:
            yield sentence, found, remembered.row if found is remembered.found else None


def _sentences_to_claims(
    sentences: Iterable[Sentence], document: str = "", min_score: float | None = None
) -> list[Claim]:
    return [
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
        for sentence, found, _row in _kept(sentences, document, min_score)
    ]


def extract(clean_text: str, *, min_score: float | None = None) -> list[Claim]:
    """The check-worthy claims of a document's clean text, spans pointing into it.

    A sentence is kept when its score reaches ``min_score`` (by default the
    threshold chosen on development data, :func:`default_min_score`).
    """
    return _sentences_to_claims(split(clean_text), clean_text, min_score)


def extract_rows(clean_text: str, *, min_score: float | None = None) -> list[ClaimValues]:
    """:func:`extract` as the store's rows (:data:`CLAIM_COLUMNS`), with no Claim
    made on the way: ingest writes these, and a sentence seen before costs a
    look-up and a tuple."""
    rows: list[ClaimValues] = []
    add = rows.append
    for sentence, found, part in _kept(split(clean_text), clean_text, min_score):
        kind, score, numbers, speaker, quote, reasons = part or _row_part(found)
        add(
            (
                sentence.text,
                kind,
                score,
                sentence.start,
                sentence.end,
                sentence.sentence_index,
                sentence.paragraph_index,
                numbers,
                speaker,
                quote,
                _UNREVIEWED,
                reasons,
                0,
            )
        )
    return rows
