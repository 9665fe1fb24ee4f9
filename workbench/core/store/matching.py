"""SQL of matching across sources: blocking keys, links, groups, flags, copies, passages."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Set as AbstractSet
from typing import Any

from workbench.core.flags import Flag
from workbench.core.models import Claim
from workbench.core.store.base import (
    MATCHING_CHANGES,
    MATCHING_MATCHED,
    StoreBase,
    _translate_errors,
    _translate_errors_iter,
)

# A claim as matching reads it: (id, document id, text, numbers (JSON), speaker, quote).
MatchRow = tuple[int, int, str, str | None, str | None, str | None]

MAX_BLOCK = 200  # a key shared by more claims than this is too common to block on
# The version of the rules that decide links and groups (workbench.core.matching).
# Raise it when they change: matching stored under older rules is then pending,
# and the next match redoes it as a whole. 2: no chaining, facts must agree,
# related links, truncated quotes.
MATCHING_RULES = 2
MATCHING_RULES_KEY = "matching.rules"


class MatchingStore(StoreBase):
    """Reads and writes of the matching tables."""

    # -- passages (full-text search of paragraphs, for evidence) -------------------------

    @_translate_errors
    def search_passages(
        self, terms: list[str], *, exclude_doc: int | None = None, limit: int = 30
    ) -> list[dict[str, Any]]:
        """Paragraphs that mention any of ``terms`` (FTS5, best bm25 first)."""
        quoted = ['"' + t.replace('"', '""') + '"' for t in terms if t.strip()]
        if not quoted:
            return []
        exclude = "" if exclude_doc is None else " AND doc_id != ?"
        params: list[Any] = [" OR ".join(quoted)]
        if exclude_doc is not None:
            params.append(exclude_doc)
        params.append(limit)
        return list(
            self._query(
                "SELECT text, doc_id, paragraph, start, bm25(passages) AS rank FROM passages"
                f" WHERE passages MATCH ?{exclude} ORDER BY rank LIMIT ?",
                params,
            )
        )

    @_translate_errors
    def passages_indexed(self) -> bool:
        """Whether every document has its paragraphs in the search index."""
        cursor = self.db.execute(
            "SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM passages)"
        )
        return int(cursor.fetchone()[0]) == 0

    # -- what is left to match -------------------------------------------------------------

    @_translate_errors
    def matching_changes(self) -> int:
        """How many writes have changed what matching reads (a version to compare)."""
        row = self._one("SELECT value FROM settings WHERE key = ?", [MATCHING_CHANGES])
        return int(row["value"]) if row else 0

    @_translate_errors
    def matching_pending(self) -> bool:
        """Whether some claims or documents changed since matching last finished.

        True while claims have no group yet (never matched, or their match was
        interrupted) and after a document was replaced or imported, until a
        match commits. Cheap: two settings rows and one indexed lookup.
        """
        row = self._one(
            "SELECT coalesce((SELECT value FROM settings WHERE key = ?), '0')"
            " IS NOT coalesce((SELECT value FROM settings WHERE key = ?), '0')"
            " OR EXISTS (SELECT 1 FROM claims WHERE group_id IS NULL AND stale = 0) AS pending",
            [MATCHING_CHANGES, MATCHING_MATCHED],
        )
        return bool(row and row["pending"]) or self.matching_outdated()

    @_translate_errors
    def matching_outdated(self) -> bool:
        """Whether the stored matching was made under older rules (see MATCHING_RULES).

        A database where no match ever finished has nothing outdated; one
        matched before the rules were versioned was matched under version 1.
        """
        row = self._one(
            "SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?) AS matched,"
            " coalesce((SELECT value FROM settings WHERE key = ?), '1') AS rules",
            [MATCHING_MATCHED, MATCHING_RULES_KEY],
        )
        return bool(row and row["matched"] and str(row["rules"]) != str(MATCHING_RULES))

    @_translate_errors
    def finish_matching(self) -> None:
        """Record that matching has seen every change; in the transaction of its writes.

        The change count moves on too, so another match that read the claims
        before this one committed knows its work is out of date.
        """
        with self._write():
            self._note_matching_input()
            self.db.execute(
                "INSERT OR REPLACE INTO settings (key, value)"
                " SELECT ?, value FROM settings WHERE key = ?",
                [MATCHING_MATCHED, MATCHING_CHANGES],
            )
            self.db.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                [MATCHING_RULES_KEY, str(MATCHING_RULES)],
            )

    # -- blocking keys and links -----------------------------------------------------------

    @_translate_errors
    def claims_to_match(self, ids: Iterable[int] | None = None) -> list[Claim]:
        """Claims (all, or these) that take part in matching: not stale."""
        if ids is None:
            return [
                Claim.from_row(r)
                for r in self._query("SELECT * FROM claims WHERE stale = 0 ORDER BY id")
            ]
        wanted = list(ids)
        found: list[Claim] = []
        for chunk, marks in self._chunked(wanted, 500):
            found.extend(
                Claim.from_row(r)
                for r in self._query(
                    f"SELECT * FROM claims WHERE stale = 0 AND id IN ({marks}) ORDER BY id", chunk
                )
            )
        return found

    @_translate_errors
    def match_rows(self, ids: Iterable[int] | None = None) -> list[MatchRow]:
        """What matching reads of the claims (all, or these) that take part in it, by id:
        (id, document id, text, numbers as stored, speaker, quote). Stale claims do not."""
        columns = (
            "SELECT id, document_id, text, numbers, speaker, quote FROM claims WHERE stale = 0"
        )
        if ids is None:
            return self.db.execute(f"{columns} ORDER BY id").fetchall()
        found: list[MatchRow] = []
        for chunk, marks in self._chunked(sorted(set(ids)), 500):
            found.extend(self.db.execute(f"{columns} AND id IN ({marks})", chunk).fetchall())
        found.sort()
        return found

    @_translate_errors_iter
    def iter_match_rows(self, batch: int = 20_000) -> Iterator[list[MatchRow]]:
        """:meth:`match_rows` of every claim, ``batch`` rows at a time (memory stays flat)."""
        cursor = self.db.execute(
            "SELECT id, document_id, text, numbers, speaker, quote FROM claims WHERE stale = 0"
            " ORDER BY id"
        )
        while rows := cursor.fetchmany(batch):
            yield rows

    @_translate_errors
    def group_match_rows(self, group_ids: Iterable[int]) -> dict[int, list[MatchRow]]:
        """group id -> :meth:`match_rows` of its claims (stale ones too), by id."""
        found: dict[int, list[MatchRow]] = {}
        for chunk, marks in self._chunked(sorted(set(group_ids)), 500):
            for group_id, claim_id, doc_id, text, numbers, speaker, quote in self.db.execute(
                "SELECT group_id, id, document_id, text, numbers, speaker, quote FROM claims"
                f" WHERE group_id IN ({marks}) ORDER BY group_id, document_id, start",
                chunk,
            ).fetchall():
                found.setdefault(group_id, []).append(
                    (claim_id, doc_id, text, numbers, speaker, quote)
                )
        return found

    @_translate_errors
    def claims_by_id(self, ids: Iterable[int]) -> list[Claim]:
        """These claims (stale ones too), by id."""
        wanted = list(ids)
        found: list[Claim] = []
        for chunk, marks in self._chunked(wanted, 500):
            found.extend(
                Claim.from_row(r)
                for r in self._query(
                    f"SELECT * FROM claims WHERE id IN ({marks}) ORDER BY id", chunk
                )
            )
        return found

    @_translate_errors
    def unmatched_claim_ids(self) -> list[int]:
        """Claims never seen by matching (no group yet)."""
        cursor = self.db.execute(
            "SELECT id FROM claims WHERE group_id IS NULL AND stale = 0 ORDER BY id"
        )
        return [row[0] for row in cursor.fetchall()]

    @_translate_errors
    def postings(self, keys: Iterable[str]) -> tuple[dict[str, list[int]], set[str]]:
        """The claims already keyed under each of ``keys``, and which keys are common."""
        wanted = sorted(set(keys))
        found: dict[str, list[int]] = {}
        common: set[str] = set()
        for chunk, marks in self._chunked(wanted, 500):
            common.update(
                row[0]
                for row in self.db.execute(
                    f"SELECT key FROM common_keys WHERE key IN ({marks})", chunk
                ).fetchall()
            )
            for key, claim_id in self.db.execute(
                f"SELECT key, claim_id FROM claim_keys WHERE key IN ({marks})", chunk
            ).fetchall():
                found.setdefault(key, []).append(claim_id)
        return {k: v for k, v in found.items() if k not in common}, common

    @_translate_errors
    def key_counts(self, claim_ids: list[int]) -> dict[int, int]:
        """claim id -> how many blocking keys it is stored under (common keys are not)."""
        found: dict[int, int] = {}
        for chunk, marks in self._chunked(claim_ids, 500):
            found.update(
                self.db.execute(
                    f"SELECT claim_id, count(*) FROM claim_keys WHERE claim_id IN ({marks})"
                    " GROUP BY claim_id",
                    chunk,
                ).fetchall()
            )
        return found

    @_translate_errors
    def save_links(
        self,
        keys: dict[int, AbstractSet[str]],
        links: Iterable[tuple[int, int, str, float, str]],
        common: AbstractSet[str] = frozenset(),
    ) -> None:
        """Blocking keys of newly matched claims, the links found, newly common keys.

        Links are (a, b, kind, score, detail) with a < b, best given in (a, b)
        order: SQLite then appends to its B-trees instead of inserting all over.

        A common key's postings are dropped: it will never block again.
        """
        with self._write():
            fresh = sorted(common)
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO common_keys (key) VALUES (?)", [(k,) for k in fresh]
            )
            for chunk, marks in self._chunked(fresh, 500):
                self.db.execute(f"DELETE FROM claim_keys WHERE key IN ({marks})", chunk)
            # Rows go in primary-key order: SQLite then appends to its B-trees
            # instead of inserting all over them.
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO claim_keys (key, claim_id) VALUES (?, ?)",
                sorted(
                    (key, claim_id)
                    for claim_id, claim_keys in keys.items()
                    for key in claim_keys
                    if key not in common
                ),
            )
            # An upsert, not INSERT OR REPLACE: inside the savepoint of a unit,
            # REPLACE with foreign keys on journals every row's pages (15x slower).
            self.db.conn.executemany(
                "INSERT INTO claim_links (a, b, kind, score, detail) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (a, b, kind) DO UPDATE SET score = excluded.score,"
                " detail = excluded.detail",
                links,
            )

    @_translate_errors
    def links_of(
        self, claim_ids: list[int], kind: str | None = None
    ) -> list[tuple[int, int, str, float, str]]:
        found = []
        for chunk, marks in self._chunked(claim_ids, 400):
            only = " AND kind = ?" if kind else ""
            params: list[Any] = [*chunk, *chunk] + ([kind] if kind else [])
            found.extend(
                self.db.execute(
                    f"SELECT a, b, kind, score, detail FROM claim_links WHERE (a IN ({marks})"
                    f" OR b IN ({marks})){only}",
                    params,
                ).fetchall()
            )
        return sorted(set(found))

    @_translate_errors
    def set_groups(self, groups: dict[int, int]) -> None:
        """claim id -> group id."""
        with self._write():
            self.db.conn.executemany(
                "UPDATE claims SET group_id = ? WHERE id = ?",
                ((group, claim) for claim, group in groups.items()),
            )

    @_translate_errors
    def clear_matching(self) -> None:
        with self._write():
            for table in ("claim_keys", "common_keys", "claim_links", "flags", "copies"):
                self.db.execute(f"DELETE FROM {table}")  # our own table names
            self.db.execute("UPDATE claims SET group_id = NULL")

    # -- groups, flags, copies -----------------------------------------------------------

    @_translate_errors
    def group_members(self, group_id: int) -> list[Claim]:
        return [
            Claim.from_row(r)
            for r in self._query(
                "SELECT * FROM claims WHERE group_id = ? ORDER BY document_id, start", [group_id]
            )
        ]

    @_translate_errors
    def replace_flags(self, group_ids: set[int], claim_ids: set[int], flags: list[Flag]) -> None:
        """Quote flags (drift, truncation) of these groups and conflict flags touching
        these claims, anew."""
        with self._write():
            groups, claims = sorted(group_ids), sorted(claim_ids)
            for chunk, marks in self._chunked(groups, 500):
                self.db.execute(
                    "DELETE FROM flags WHERE kind IN ('quote_drift', 'quote_truncated')"
                    f" AND group_id IN ({marks})",
                    chunk,
                )
            for chunk, marks in self._chunked(claims, 400):
                self.db.execute(
                    f"DELETE FROM flags WHERE kind = 'number_conflict' AND"
                    f" (claim_a IN ({marks}) OR claim_b IN ({marks}))",
                    [*chunk, *chunk],
                )
            self.db.conn.executemany(
                "INSERT INTO flags (group_id, kind, claim_a, claim_b, detail)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    (
                        f.group_id,
                        f.kind.value,
                        f.claim_a,
                        f.claim_b,
                        json.dumps(f.as_record()["detail"]),
                    )
                    for f in flags
                ),
            )

    @_translate_errors
    def group_of(self, claim_ids: list[int]) -> dict[int, int]:
        found: dict[int, int] = {}
        for chunk, marks in self._chunked(claim_ids, 500):
            found.update(
                self.db.execute(
                    f"SELECT id, group_id FROM claims WHERE id IN ({marks})", chunk
                ).fetchall()
            )
        return found

    @_translate_errors
    def flags_for(self, claim_id: int | None = None, group_id: int | None = None) -> list[Flag]:
        """The flags of a group (given, or the claim's): its own and its claims' conflicts."""
        if group_id is None and claim_id is not None:
            row = self._one("SELECT group_id FROM claims WHERE id = ?", [claim_id])
            group_id = row["group_id"] if row else None
        if group_id is None:
            return []
        return [
            Flag.from_row(row)
            for row in self._query(
                "SELECT * FROM flags WHERE group_id = ?1"
                " OR claim_a IN (SELECT id FROM claims WHERE group_id = ?1)"
                " OR claim_b IN (SELECT id FROM claims WHERE group_id = ?1) ORDER BY id",
                [group_id],
            )
        ]

    @_translate_errors
    def all_flags(self) -> list[Flag]:
        return [
            Flag.from_row(row) for row in self._query("SELECT * FROM flags ORDER BY group_id, id")
        ]

    @_translate_errors
    def group_summaries(self) -> list[dict[str, Any]]:
        """Every group with more than one claim: id, size, documents (no texts)."""
        return list(
            self._query(
                "SELECT group_id, count(*) AS size, count(DISTINCT document_id) AS documents,"
                " group_concat(id) AS claims FROM claims WHERE group_id IS NOT NULL"
                " GROUP BY group_id HAVING count(*) > 1 ORDER BY size DESC, group_id"
            )
        )

    @_translate_errors
    def group_count(self) -> int:
        """How many groups have more than one claim (:meth:`group_summaries`, counted)."""
        cursor = self.db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM claims WHERE group_id IS NOT NULL"
            " GROUP BY group_id HAVING count(*) > 1)"
        )
        return int(cursor.fetchone()[0])

    @_translate_errors
    def document_groups(self) -> dict[int, set[int]]:
        """document id -> the groups (of more than one claim) its claims belong to."""
        found: dict[int, set[int]] = {}
        for doc_id, group_id in self.db.execute(
            "SELECT document_id, group_id FROM claims WHERE group_id IN (SELECT group_id"
            " FROM claims GROUP BY group_id HAVING count(DISTINCT document_id) > 1)"
        ).fetchall():
            found.setdefault(doc_id, set()).add(group_id)
        return found

    @_translate_errors
    def replace_copies(self, copies: list[tuple[int, int, float, int]]) -> None:
        with self._write():
            self.db.execute("DELETE FROM copies")
            self.db.conn.executemany(
                "INSERT INTO copies (doc_a, doc_b, score, shared) VALUES (?, ?, ?, ?)", copies
            )

    @_translate_errors
    def copies(self) -> list[tuple[int, int, float, int]]:
        return [
            (int(a), int(b), float(score), int(shared))
            for a, b, score, shared in self.db.execute(
                "SELECT doc_a, doc_b, score, shared FROM copies ORDER BY doc_a, doc_b"
            ).fetchall()
        ]

    @_translate_errors
    def group_documents(self, group_ids: list[int]) -> dict[int, list[int]]:
        """group id -> the documents its claims come from."""
        found: dict[int, list[int]] = {}
        for chunk, marks in self._chunked(group_ids, 500):
            for group_id, doc_id in self.db.execute(
                f"SELECT DISTINCT group_id, document_id FROM claims WHERE group_id IN ({marks})",
                chunk,
            ).fetchall():
                found.setdefault(group_id, []).append(doc_id)
        return found

    @_translate_errors
    def set_verification(
        self, citation_id: int, score: float, doc_id: int | None, start: int | None, end: int | None
    ) -> None:
        with self._write():
            self.db.execute(
                "UPDATE citations SET verified_score = ?, verified_document = ?,"
                " verified_start = ?, verified_end = ? WHERE id = ?",
                [score, doc_id, start, end, citation_id],
            )
