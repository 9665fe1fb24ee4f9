"""Evidence: find a cited passage in its source, and suggest passages for a claim."""

from __future__ import annotations

import os
from pathlib import Path

import attrs
from rapidfuzz import fuzz

from workbench.core.errors import WorkbenchError
from workbench.core.matching.words import STOP, canonical_words
from workbench.core.models import Citation, Claim, SourceKind
from workbench.core.review import document_id_of
from workbench.core.store import Store
from workbench.core.text.sentences import split

MIN_SUGGESTION = 55.0


@attrs.frozen
class Located:
    score: float  # 0..100
    start: int
    end: int


def locate(quote: str, text: str) -> Located:
    """Where ``quote`` best appears in ``text``, tolerating small changes of wording.

    Both are compared lower-cased (same length, so offsets stay valid) with
    rapidfuzz's partial-ratio alignment.
    """
    quote = " ".join(quote.split())
    if not quote or not text:
        return Located(0.0, 0, 0)
    found = fuzz.partial_ratio_alignment(quote.lower(), text.lower())
    if found is None:
        return Located(0.0, 0, 0)
    return Located(round(found.score, 1), found.dest_start, found.dest_end)


def source_text(store: Store, citation: Citation) -> tuple[int | None, str] | None:
    """The text a citation points to, when it is a corpus document or a local file."""
    if citation.source_kind is SourceKind.DOCUMENT:
        doc_id = document_id_of(citation.source)
        if doc_id is None:
            return None
        return doc_id, store.get_document(doc_id).clean_text
    if citation.source_kind is SourceKind.FILE and os.path.isfile(citation.source):
        from workbench.core.ingest import parse, read

        try:
            return None, parse(read(Path(citation.source))).document.clean_text
        except WorkbenchError:
            return None
    return None


def verify(store: Store, citation: Citation) -> Located | None:
    """Check a citation's quote in its source and store the result; None if not checkable."""
    if not citation.quote or citation.id is None:
        return None
    found = source_text(store, citation)
    if found is None:
        return None
    doc_id, text = found
    located = locate(citation.quote, text)
    store.set_verification(citation.id, located.score, doc_id, located.start, located.end)
    return located


@attrs.frozen
class Suggestion:
    """A passage of another document that may support or refute a claim."""

    document_id: int
    paragraph: int
    text: str  # the sentence
    start: int  # offsets in the document's clean text
    end: int
    score: float


def _terms(claim: Claim) -> list[str]:
    words = []
    for word in claim.text.replace("\u2019", "'").split():
        word = word.strip(".,;:!?\"'“”()[]").lower()
        if len(word) >= 4 and word not in STOP and word.replace(",", "").isalnum():
            words.append(word.replace(",", ""))
    return sorted(set(words))[:24]


def suggest(store: Store, claim: Claim, limit: int = 5) -> list[Suggestion]:
    """The sentences of other documents closest to the claim (FTS5, reranked by rapidfuzz)."""
    terms = _terms(claim)
    if not terms:
        return []
    wanted = " ".join(canonical_words(claim.text))
    found: list[Suggestion] = []
    for passage in store.search_passages(terms, exclude_doc=claim.document_id, limit=30):
        for sentence in split(passage["text"]):
            if sentence.heading:
                continue
            score = fuzz.token_set_ratio(wanted, " ".join(canonical_words(sentence.text)))
            if score >= MIN_SUGGESTION:
                start = passage["start"] + sentence.start
                found.append(
                    Suggestion(
                        passage["doc_id"],
                        passage["paragraph"],
                        sentence.text,
                        start,
                        start + len(sentence.text),
                        round(score, 1),
                    )
                )
    found.sort(key=lambda s: (-s.score, s.document_id, s.start))
    unique: list[Suggestion] = []
    for suggestion in found:
        if all(s.text != suggestion.text for s in unique):
            unique.append(suggestion)
    return unique[:limit]
