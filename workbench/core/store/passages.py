"""The paragraph search index: its table and the rows a document gives it.

A paragraph is what :func:`workbench.core.text.sentences.paragraphs` says it
is, the one splitter that also numbers claims' paragraphs and lays out the
reader (:func:`~workbench.core.text.sentences.paragraph_spans` takes them from
the split that found a new document's claims). This is the only store module
that splits text: the index is rebuilt from stored texts (by a migration and by
``reindex_passages``), where no caller is there to hand the paragraphs in.
"""

from __future__ import annotations

from workbench.core.text.sentences import paragraph_spans

PASSAGES_TABLE = (
    "CREATE VIRTUAL TABLE passages USING fts5(text, doc_id UNINDEXED, paragraph UNINDEXED,"
    " start UNINDEXED, tokenize = 'unicode61', detail = none)"
)
PASSAGE_INSERT = "INSERT INTO passages (text, doc_id, paragraph, start) VALUES (?, ?, ?, ?)"


def paragraph_rows(text: str) -> tuple[tuple[str, int, int], ...]:
    """A document's paragraphs as (text, number, start), before it has an id."""
    return tuple(
        (text[start:end], number, start)
        for number, (start, end) in enumerate(paragraph_spans(text))
    )


def passage_rows(doc_id: int, text: str) -> list[tuple[str, int, int, int]]:
    """A document's paragraphs as rows of the search index (for PASSAGE_INSERT)."""
    return [(part, doc_id, number, start) for part, number, start in paragraph_rows(text)]
