"""Candidates for the '/' search, found through the paragraph index.

A claim lies inside one paragraph of its document, and every paragraph is in
the FTS5 ``passages`` index: the paragraphs that hold the query's words lead
to the claims that start in them. No second index is kept (indexing the claims
again would cost ingest a fifth of its time); the fuzzy scoring that follows
drops the claims whose paragraph, not themselves, held a word.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.core.models import ClaimFilter
from workbench.core.store.base import StoreBase, _translate_errors


def _match(groups: Sequence[Sequence[str]], prefix: bool) -> str:
    """An FTS5 query: every group must match, by any one of its words."""
    star = "*" if prefix else ""
    parts = []
    for words in groups:
        alternatives = [f'"{word.replace(chr(34), chr(34) * 2)}"{star}' for word in words]
        parts.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts)


class ClaimSearchStore(StoreBase):
    """Claims by the words of their paragraphs, and the words the index holds."""

    @_translate_errors
    def claim_search_candidates(
        self,
        groups: Sequence[Sequence[str]],
        where: ClaimFilter,
        *,
        prefix: bool = True,
        limit: int = 2000,
    ) -> list[tuple[int, str]]:
        """(id, text) of up to ``limit`` claims of the filter whose paragraph holds,
        for every group, one of its words (as a word's beginning when ``prefix``).

        Words are as the index splits them (lower case letters and digits).
        No groups means no word to hold: the filter's first claims; an empty
        group finds nothing.
        """
        wanted = [[w for w in words if w] for words in groups]
        if not all(wanted):
            return []
        sql, params = self._where(where)
        if not wanted:
            cursor = self.db.conn.execute(
                f"SELECT c.id, c.text FROM claims c{sql} LIMIT ?", [*params, limit]
            )
        else:
            clause = " AND " + sql.removeprefix(" WHERE ") if sql else ""
            cursor = self.db.conn.execute(
                "SELECT c.id, c.text FROM passages p JOIN claims c ON c.document_id = p.doc_id"
                " AND c.start >= p.start AND c.start < p.start + length(p.text)"
                f" WHERE passages MATCH ?{clause} LIMIT ?",
                [_match(wanted, prefix), *params, limit],
            )
        found: list[tuple[int, str]] = cursor.fetchall()
        return found

    @_translate_errors
    def claim_word_counts(self) -> list[tuple[str, int]]:
        """Every word of the paragraph index with how many paragraphs hold it.

        Read through a temporary table of this connection, as ``claim_words``.
        """
        self.db.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.passage_words"
            " USING fts5vocab(main, passages, 'row')"
        )
        cursor = self.db.conn.execute("SELECT term, doc FROM temp.passage_words")
        found: list[tuple[str, int]] = cursor.fetchall()
        return found

    @_translate_errors
    def claim_words(self) -> list[str]:
        """Every word of the paragraph index, once each (for typo-tolerant search).

        The word list is a temporary table of this connection, so a read-only
        database can give it too.
        """
        self.db.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.passage_words"
            " USING fts5vocab(main, passages, 'row')"
        )
        cursor = self.db.conn.execute("SELECT term FROM temp.passage_words")
        return [term for (term,) in cursor.fetchall()]
