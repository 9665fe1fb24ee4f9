"""Streaming reads for reports and exports: claims a batch at a time with their review."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import attrs

from workbench.core.errors import WorkbenchError
from workbench.core.models import Citation, Claim, ClaimFilter, Document, DocumentMeta, Verdict
from workbench.core.store.base import (
    META_COLUMNS,
    StoreBase,
    _translate_errors,
    _translate_errors_iter,
)

SOURCE_ORDER = (("document_id", "ASC"), ("start", "ASC"))
SCORE_ORDER = (("score", "DESC"), ("document_id", "ASC"), ("start", "ASC"))
PAGE = 500  # claims a page of a report reads at once
# From this many selected claims on, a report counts the reviewers of their latest
# verdicts in one pass over every verdict, rather than claim by claim.
ONE_PASS = 100_000


@attrs.frozen
class ReviewedClaim:
    """A claim with all its review: what every export is built from."""

    claim: Claim
    history: list[Verdict]
    citations: list[Citation]

    @property
    def latest(self) -> Verdict | None:
        return self.history[-1] if self.history else None


class ExportQueries(StoreBase):
    """Streaming reads for reports: claims a batch at a time with their review."""

    @_translate_errors
    def count_for_export(
        self, where: ClaimFilter, *, reviewer: str | None = None, reviewed_only: bool = True
    ) -> dict[str, int]:
        """How many selected claims have each status."""
        sql, params = self._where(where, reviewer=reviewer, reviewed_only=reviewed_only)
        cursor = self.db.execute(
            f"SELECT c.status, count(*) FROM claims c{sql} GROUP BY c.status", params
        )
        return dict(cursor.fetchall())

    @_translate_errors
    def reviewers_for_export(
        self, where: ClaimFilter, *, reviewer: str | None = None, reviewed_only: bool = True
    ) -> dict[str, int]:
        """Reviewers of the latest verdicts of the selected claims, with their counts.

        A large selection reads the verdicts in one pass, in reviewer order; a small
        one looks up its claims' latest verdicts one by one (which, for a million
        claims, costs twice the single pass and sorts a million names).
        """
        sql, params = self._where(where, reviewer=reviewer, reviewed_only=reviewed_only)
        selected = self._one(f"SELECT count(*) AS n FROM claims c{sql}", params)
        if selected is not None and selected["n"] >= ONE_PASS:
            # Verdicts in reviewer order (their index), each counted when no later row of
            # its claim exists: the counts come grouped as they are read, with no sort of
            # a million names (a temporary b-tree of that size, in memory).
            latest = (
                "SELECT v.reviewer AS who, count(*) FROM verdicts v INDEXED BY"
                " idx_verdicts_reviewer JOIN claims c ON c.id = v.claim_id"
                f"{sql or ' WHERE 1'} AND v.reviewer IS NOT NULL AND NOT EXISTS"
                " (SELECT 1 FROM verdicts n WHERE n.claim_id = v.claim_id AND n.id > v.id)"
            )
        else:
            latest = (
                "SELECT (SELECT v.reviewer FROM verdicts v WHERE v.claim_id = c.id"
                f" ORDER BY v.id DESC LIMIT 1) AS who, count(*) FROM claims c{sql}"
            )
        cursor = self.db.execute(
            f"{latest} GROUP BY who HAVING who IS NOT NULL ORDER BY count(*) DESC, who", params
        )
        return dict(cursor.fetchall())

    def iter_reviewed(
        self,
        where: ClaimFilter,
        *,
        reviewer: str | None = None,
        reviewed_only: bool = True,
        order: tuple[tuple[str, str], ...] = SOURCE_ORDER,
        batch: int = PAGE,
    ) -> Iterator[ReviewedClaim]:
        """The selected claims with history and citations, one at a time
        (:meth:`iter_reviewed_pages`, flattened)."""
        pages = self.iter_reviewed_pages(
            where, reviewer=reviewer, reviewed_only=reviewed_only, order=order, batch=batch
        )
        return itertools.chain.from_iterable(pages)

    @_translate_errors_iter
    def iter_reviewed_pages(
        self,
        where: ClaimFilter,
        *,
        reviewer: str | None = None,
        reviewed_only: bool = True,
        order: tuple[tuple[str, str], ...] = SOURCE_ORDER,
        batch: int = PAGE,
        scores: tuple[float | None, float | None] = (None, None),
        stream: bool = False,
    ) -> Iterator[list[ReviewedClaim]]:
        """The selected claims with history and citations, a page of ``batch`` at a time.

        Memory stays flat however many claims there are: each page is read,
        yielded and dropped, and the next one is found by keyset (the sort
        values of the last row), not by OFFSET, so every page costs the same:
        three statements (claims, verdicts, citations), whatever the page holds.
        A writer reads what else it shows of a page's claims (other versions,
        fact-checks) for the whole page too. ``order`` is (column, "ASC"|"DESC")
        pairs of our own; the id ends it. ``scores`` keeps the claims scored at
        least its first value and below its second (None: no bound), a piece of a
        report in score order that a worker process writes.

        ``stream`` reads the claims with one statement, ``batch`` rows at a time,
        rather than a statement a page: a third less time in score order, but the
        read lasts as long as the caller takes, which holds back the write-ahead
        log's checkpoint meanwhile (a report's worker process, which only reads).
        """
        sql, params = self._where(where, reviewer=reviewer, reviewed_only=reviewed_only)
        for score, compare in zip(scores, (">=", "<"), strict=True):
            if score is not None:
                sql += f"{' AND' if sql else ' WHERE'} c.score {compare} ?"
                params = [*params, score]
        columns = [*order, ("id", "ASC")]
        order_by = ", ".join(f"c.{name} {direction}" for name, direction in columns)
        if stream:
            yield from self._streamed(
                f"SELECT c.* FROM claims c{sql} ORDER BY {order_by}", params, batch
            )
            return
        last: list[Any] | None = None
        while True:
            after, after_params = "", []
            directions = {direction for _name, direction in columns}
            if last is not None and len(directions) == 1:
                # One direction: a row value, which SQLite answers with an index range
                # (the OR form below makes it scan from the first row, every batch).
                names = ", ".join(f"c.{name}" for name, _direction in columns)
                marks = ", ".join("?" * len(columns))
                compare = ">" if directions == {"ASC"} else "<"
                after = (" AND " if sql else " WHERE ") + f"({names}) {compare} ({marks})"
                after_params = list(last)
            elif last is not None:
                ors = []
                for depth, (name, direction) in enumerate(columns):
                    equal = [f"c.{n} = ?" for n, _d in columns[:depth]]
                    compare = f"c.{name} {'>' if direction == 'ASC' else '<'} ?"
                    ors.append("(" + " AND ".join([*equal, compare]) + ")")
                    after_params.extend(last[: depth + 1])
                # The bound on the first column lets SQLite seek instead of scan.
                first, first_direction = columns[0]
                bound = f"c.{first} {'>=' if first_direction == 'ASC' else '<='} ?"
                after = (" AND " if sql else " WHERE ") + f"{bound} AND (" + " OR ".join(ors) + ")"
                after_params = [last[0], *after_params]
            rows = self._rows(
                f"SELECT c.* FROM claims c{sql}{after} ORDER BY {order_by} LIMIT ?",
                [*params, *after_params, batch],
            )
            if not rows:
                return
            history, cited = self._review_of([r["id"] for r in rows])
            yield [ReviewedClaim(Claim.from_row(r), history[r["id"]], cited[r["id"]]) for r in rows]
            last = [rows[-1][name] for name, _direction in columns]

    def _streamed(self, sql: str, params: list[Any], batch: int) -> Iterator[list[ReviewedClaim]]:
        cursor = self.db.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        try:
            while batch_rows := cursor.fetchmany(batch):
                rows = [dict(zip(names, row, strict=True)) for row in batch_rows]
                history, cited = self._review_of([r["id"] for r in rows])
                yield [
                    ReviewedClaim(Claim.from_row(r), history[r["id"]], cited[r["id"]]) for r in rows
                ]
        finally:
            cursor.close()

    @_translate_errors
    def score_at(
        self,
        where: ClaimFilter,
        offset: int,
        *,
        reviewer: str | None = None,
        reviewed_only: bool = True,
    ) -> float | None:
        """The score of the selected claim ``offset`` places from the top in score order
        (None past the last): where to cut a report's section into pieces."""
        sql, params = self._where(where, reviewer=reviewer, reviewed_only=reviewed_only)
        row = self.db.execute(
            f"SELECT c.score FROM claims c{sql} ORDER BY c.score DESC LIMIT 1 OFFSET ?",
            [*params, offset],
        ).fetchone()
        return None if row is None else float(row[0])

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        """Every row of a SELECT as a dict, at once: a page of a report is read whole
        anyway, and one list costs less than a generator step a row."""
        cursor = self.db.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _review_of(
        self, ids: list[int]
    ) -> tuple[dict[int, list[Verdict]], dict[int, list[Citation]]]:
        marks = ", ".join("?" * len(ids))
        history: dict[int, list[Verdict]] = {i: [] for i in ids}
        # By claim, then id: each claim's history in order, straight from the index.
        for r in self._rows(
            f"SELECT * FROM verdicts WHERE claim_id IN ({marks}) ORDER BY claim_id, id", ids
        ):
            history[r["claim_id"]].append(Verdict.from_row(r))
        cited: dict[int, list[Citation]] = {i: [] for i in ids}
        for r in self._rows(
            f"SELECT * FROM citations WHERE deleted = 0 AND claim_id IN ({marks}) ORDER BY id",
            ids,
        ):
            cited[r["claim_id"]].append(Citation.from_row(r))
        return history, cited

    @_translate_errors
    def groups_of(self, group_ids: list[int]) -> dict[int, list[Claim]]:
        """group id -> its members in source order, for a page of claims at once."""
        members: dict[int, list[Claim]] = {group_id: [] for group_id in group_ids}
        for chunk, marks in self._chunked(sorted(members), 500):
            for r in self._rows(
                f"SELECT * FROM claims WHERE group_id IN ({marks})"
                " ORDER BY group_id, document_id, start, id",
                chunk,
            ):
                members[r["group_id"]].append(Claim.from_row(r))
        return members

    @_translate_errors
    def any_checked_before(self) -> bool:
        """Whether any claim matches a published fact-check."""
        return self._one("SELECT 1 FROM factcheck_matches LIMIT 1") is not None

    @_translate_errors
    def document_meta(self, doc_ids: list[int] | None = None) -> list[DocumentMeta]:
        """Documents without their texts, by id (every one when ``doc_ids`` is None)."""
        if doc_ids is None:
            rows = list(self._query(f"SELECT {META_COLUMNS} FROM documents ORDER BY id"))
        else:
            rows = []
            for chunk, marks in self._chunked(sorted(set(doc_ids)), 500):
                rows += self._query(
                    f"SELECT {META_COLUMNS} FROM documents WHERE id IN ({marks}) ORDER BY id", chunk
                )
        return [DocumentMeta.from_row(row) for row in rows]

    @_translate_errors_iter
    def iter_document_meta(self, batch: int = 1000) -> Iterator[DocumentMeta]:
        """Every document without its texts, by id, ``batch`` read at a time."""
        last: int | None = None
        while True:
            after, params = ("", []) if last is None else (" WHERE id > ?", [last])
            rows = self._rows(
                f"SELECT {META_COLUMNS} FROM documents{after} ORDER BY id LIMIT ?",
                [*params, batch],
            )
            if not rows:
                return
            yield from (DocumentMeta.from_row(row) for row in rows)
            last = rows[-1]["id"]

    @_translate_errors
    def count_documents(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

    @_translate_errors
    def documents_by_id(self, doc_ids: list[int]) -> list[Document]:
        """These documents with their texts, by id (the ids that name none are left out)."""
        found: list[Document] = []
        for chunk, marks in self._chunked(sorted(set(doc_ids)), 500):
            found += (
                Document.from_row(row)
                for row in self._rows(
                    f"SELECT * FROM documents WHERE id IN ({marks}) ORDER BY id", chunk
                )
            )
        return found

    @_translate_errors_iter
    def iter_documents(self) -> Iterator[Document]:
        """Every document with its texts, one at a time."""
        ids = [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY id").fetchall()]
        for doc_id in ids:
            row = self._one("SELECT * FROM documents WHERE id = ?", [doc_id])
            if row is not None:
                yield Document.from_row(row)

    # -- import of a JSON export ------------------------------------------------------

    @_translate_errors
    def import_document(self, document: Document) -> int:
        """Store an exported document, or find it by content; return its id here."""
        with self._write():
            row = self._one(
                "SELECT id FROM documents WHERE content_hash = ?", [document.content_hash]
            )
            if row is not None:
                return int(row["id"])
            self._note_matching_input()
            return self._insert_row("documents", attrs.evolve(document, id=None).as_row())

    @_translate_errors
    def import_claim(self, claim: Claim) -> int:
        """Find the same sentence of the same document, or add the claim; return its id."""
        with self._write():
            row = self._one(
                'SELECT id FROM claims WHERE document_id = ? AND start = ? AND "end" = ?'
                " AND text = ?",
                [claim.document_id, claim.start, claim.end, claim.text],
            )
            if row is not None:
                return int(row["id"])
            self._note_matching_input()
            return self._insert_row("claims", attrs.evolve(claim, id=None).as_row())

    @_translate_errors
    def import_review(
        self,
        claim_id: int,
        history: list[Verdict],
        citations: list[tuple[Citation, int | None]],
        *,
        reverts: list[int | None] | None = None,
    ) -> tuple[int, int]:
        """Add the verdict rows and citations this database lacks; return how many of each.

        A citation comes with the position in ``history`` of the verdict it was
        given with, if any; ``reverts`` gives, for each row of ``history``, the
        position of the earlier row it undoes or redoes, if any. The claim's
        status becomes its latest verdict (settled, at a desk of several).
        """
        links = list(reverts or [])
        with self._write():
            scale = self._scale()
            for verdict in history:
                if not verdict.verdict.is_state and scale.label(verdict.verdict) is None:
                    raise WorkbenchError(
                        f"claim #{claim_id}: the verdict {verdict.verdict.value!r} is no label"
                        f" of this database's scale ({scale.name}: {scale.words()});"
                        " nothing was imported for it"
                    )
            ids: list[int] = []
            added_verdicts = added_citations = 0
            for index, verdict in enumerate(history):
                link = links[index] if index < len(links) else None
                same = self._one(
                    "SELECT id FROM verdicts WHERE claim_id = ? AND created_at = ? AND reviewer = ?"
                    " AND verdict = ? AND action = ? AND coalesce(note, '') = ?",
                    [
                        claim_id,
                        verdict.created_at,
                        verdict.reviewer,
                        verdict.verdict.value,
                        verdict.action.value,
                        verdict.note,
                    ],
                )
                if same is not None:
                    ids.append(int(same["id"]))
                    continue
                ids.append(
                    self._insert_row(
                        "verdicts",
                        {
                            "claim_id": claim_id,
                            "verdict": verdict.verdict.value,
                            "reviewer": verdict.reviewer,
                            "note": verdict.note,
                            "created_at": verdict.created_at,
                            "action": verdict.action.value,
                            "reverts": ids[link] if link is not None and link < index else None,
                            "carried_from": None,
                        },
                    )
                )
                added_verdicts += 1
            for citation, position in citations:
                same = self._one(
                    "SELECT id FROM citations WHERE claim_id = ? AND source = ? AND"
                    " coalesce(quote, '') = ? AND created_at = ?",
                    [claim_id, citation.source, citation.quote, citation.created_at],
                )
                if same is not None:
                    continue
                verdict_id = ids[position] if position is not None and position < len(ids) else None
                row = attrs.evolve(citation, id=None, claim_id=claim_id, verdict_id=verdict_id)
                self._insert_row("citations", row.as_row())
                added_citations += 1
            self._restatus(claim_id)
            return added_verdicts, added_citations
