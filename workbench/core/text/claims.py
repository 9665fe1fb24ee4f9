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

from collections.abc import Iterable

import attrs

from workbench.core.models import Claim
from workbench.core.text.assessment import Assessment, assess, assess_words, default_min_score
from workbench.core.text.cue_words import WORD
from workbench.core.text.sentences import Sentence, split
from workbench.core.text.speakers import find_speaker, full_name, quoted_text

__all__ = ["Assessment", "assess", "default_min_score", "extract", "find_speaker", "quoted_text"]

_LEAD_WORDS = 8  # a lead states news; a shorter first line is a byline or a dateline
MEMO_SIZE = 50_000  # assessments remembered (about 1.2 KB each); afresh when full

_Key = tuple[str, str | None, bool, bool, float | None]
# An assessment without its cues (the sentence's words: most of its memory), and
# whether it was scored at all (a heading or boilerplate is not).
_memo: dict[_Key, tuple[Assessment, bool]] = {}


def forget() -> None:
    """Empty the memo of assessments (benchmarks start each run cold)."""
    _memo.clear()


def _assessed(
    sentence: Sentence, last_speaker: str | None, lead_pending: bool, min_score: float | None
) -> tuple[Assessment, bool, bool]:
    """The sentence's assessment (without its cues), whether it is the article's
    lead and whether it was scored."""
    text = sentence.text
    words: list[str] | None = None
    lead = False
    if lead_pending:
        words = WORD.findall(text.lower())
        lead = len(words) >= _LEAD_WORDS
    key = (text, last_speaker, sentence.quoted, lead, min_score)
    remembered = _memo.get(key)
    if remembered is None:
        lowered = text.lower()
        found = assess_words(
            text,
            lowered,
            WORD.findall(lowered) if words is None else words,
            last_speaker,
            sentence.quoted,
            False,
            lead=lead,
            min_score=min_score,
            quiet=True,
        )
        if len(_memo) >= MEMO_SIZE:
            _memo.clear()
        remembered = _memo[key] = (attrs.evolve(found, cues=None), found.cues is not None)
    return remembered[0], lead, remembered[1]


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


def _sentences_to_claims(
    sentences: Iterable[Sentence], document: str = "", min_score: float | None = None
) -> list[Claim]:
    claims: list[Claim] = []
    last_speaker: str | None = None
    lead_pending = True  # the first sentence of some length that is not boilerplate
    for sentence in sentences:
        if sentence.heading:
            continue
        found, lead, scored = _assessed(sentence, last_speaker, lead_pending, min_score)
        if lead and scored:
            lead_pending = False
        if found.named_speaker and " " not in found.named_speaker and document:
            found = _with_full_name(found, document, sentence.start)
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
