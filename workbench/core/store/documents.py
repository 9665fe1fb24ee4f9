"""Documents and claims: saving what ingest found, and the queries the lists run."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

import attrs

from workbench.core.errors import NotFound, StoreError
from workbench.core.models import (
    CLAIM_COLUMNS,
    Claim,
    ClaimFilter,
    ClaimValues,
    Document,
    DocumentMeta,
    IngestOutcome,
    Status,
    numbers_json,
    strings_json,
)
from workbench.core.store.base import (
    EVERYTHING,
    META_COLUMNS,
    ORDERS,
    StoreBase,
    _pk,
    _translate_errors,
)
from workbench.core.store.passages import paragraph_rows, passage_rows


@attrs.frozen
class ListedClaim:
    """A claim as the claims list shows it, with its document's names."""

    claim: Claim
    document_title: str
    document_source: str


@attrs.frozen
class SaveResult:
    """What happened to one ingested document."""

    document_id: int
    outcome: IngestOutcome  # never FAILED: a failure is an exception
    claims: int  # claims extracted (0 when unchanged)


_CLAIM_COLUMNS = CLAIM_COLUMNS
_CLAIM_INSERT = (
    'INSERT INTO claims ("document_id", '
    + ", ".join(f'"{c}"' for c in _CLAIM_COLUMNS)
    + ") VALUES (?, "
    + ", ".join("?" * len(_CLAIM_COLUMNS))
    + ")"
)
ClaimRow = ClaimValues
# A new document's row: the columns of Document.as_row(), in its order.
DOCUMENT_COLUMNS = (
    "title",
    "source",
    "path",
    "published",
    "original_text",
    "clean_text",
    "content_hash",
    "ingested_at",
    "format",
    "authors",
    "url",
)
_DOCUMENT_INSERT = (
    "INSERT INTO documents ("
    + ", ".join(f'"{c}"' for c in DOCUMENT_COLUMNS)
    + ") VALUES ("
    + ", ".join("?" * len(DOCUMENT_COLUMNS))
    + ")"
)
_PATH, _ORIGINAL, _CLEAN, _HASH, _INGESTED = (
    DOCUMENT_COLUMNS.index(name)
    for name in ("path", "original_text", "clean_text", "content_hash", "ingested_at")
)
DocumentRow = tuple[Any, ...]
# A claim's row without its text: (kind, score, start, end, ...).
_ClaimTail = tuple[str, float, int, int, int, int, str, str | None, str | None, str, str, int]
# A prepared document as PreparedDocument.parts() gives it: the document's row,
# its claims' rows without their text, its paragraphs as (number, start, end).
PreparedParts = tuple[DocumentRow, list[_ClaimTail], tuple[tuple[int, int, int], ...]]


@attrs.frozen
class PreparedDocument:
    """A document with its claims and paragraphs as plain rows, built ahead of saving.

    Tuples of strings and numbers cross between processes far cheaper than
    records, and the one writer has only to hand them to SQLite: ingest's worker
    processes prepare documents, the writer saves them.
    """

    row: DocumentRow  # the columns of DOCUMENT_COLUMNS
    claim_rows: tuple[ClaimRow, ...] | list[ClaimRow]  # the columns of _CLAIM_COLUMNS
    paragraphs: tuple[tuple[str, int, int], ...]  # (text, number, start) for the index

    @property
    def path(self) -> str:
        return str(self.row[_PATH])

    @property
    def content_hash(self) -> str:
        return str(self.row[_HASH])

    @property
    def document(self) -> Document:
        """The document as a record, for the rare one that replaces an older version."""
        return Document.from_row({"id": None, **dict(zip(DOCUMENT_COLUMNS, self.row, strict=True))})

    def stamped(self, original_text: str, ingested_at: str) -> PreparedDocument:
        """The same with the text as read and the time of saving, which a worker
        process leaves to the writer."""
        row = list(self.row)
        row[_ORIGINAL], row[_INGESTED] = original_text, ingested_at
        return PreparedDocument(tuple(row), self.claim_rows, self.paragraphs)

    def parts(self) -> PreparedParts:
        """The rows without the texts that are slices of the clean text (a claim's
        sentence, a paragraph): what crosses between processes, a third smaller."""
        return (
            self.row,
            [row[1:] for row in self.claim_rows],
            tuple((number, start, start + len(text)) for text, number, start in self.paragraphs),
        )

    @classmethod
    def from_parts(cls, parts: PreparedParts) -> PreparedDocument:
        """:meth:`parts` made whole again."""
        row, claims, paragraphs = parts
        clean: str = row[_CLEAN]
        return cls(
            row,
            [(clean[r[2] : r[3]], *r) for r in claims],
            tuple((clean[start:end], number, start) for number, start, end in paragraphs),
        )

    def claims(self) -> list[Claim]:
        """The claims again, for the rare document that replaces an older version."""
        return [
            Claim.from_row(
                {"id": None, "document_id": None, **dict(zip(_CLAIM_COLUMNS, row, strict=True))}
            )
            for row in self.claim_rows
        ]


def _document_row(document: Document) -> DocumentRow:
    """The values of :meth:`Document.as_row` in the order of DOCUMENT_COLUMNS (the
    test holds the two together), without a dict on the way."""
    d = document
    return (
        d.title,
        d.source,
        d.path,
        d.published,
        d.original_text,
        d.clean_text,
        d.content_hash,
        d.ingested_at,
        d.format,
        strings_json(d.authors),
        d.url,
    )


def prepare(document: Document, claims: Iterable[Claim]) -> PreparedDocument:
    """A document's rows, each claim's built straight from it (the columns of
    :meth:`Claim.as_row`)."""
    rows = tuple(
        (
            c.text,
            c.kind.value,
            c.score,
            c.start,
            c.end,
            c.sentence_index,
            c.paragraph_index,
            numbers_json(c.numbers),
            c.speaker,
            c.quote,
            c.status.value,
            strings_json(c.reasons),
            int(c.stale),
        )
        for c in claims
    )
    return PreparedDocument(_document_row(document), rows, paragraph_rows(document.clean_text))


def prepare_rows(document: Document, claim_rows: list[ClaimRow]) -> PreparedDocument:
    """A document's rows with its claims' rows as
    :func:`workbench.core.text.claims.extract_rows` gives them: what ingest saves."""
    return PreparedDocument(
        _document_row(document), claim_rows, paragraph_rows(document.clean_text)
    )


def _passage_rows(doc_id: int, prepared: PreparedDocument) -> list[tuple[str, int, int, int]]:
    return [(text, doc_id, number, start) for text, number, start in prepared.paragraphs]


class DocumentStore(StoreBase):
    """Reads and writes of documents and claims."""

    @_translate_errors
    def save_document(self, document: Document, claims: Iterable[Claim]) -> SaveResult:
        """Store a document and its claims in one transaction.

        The same content (by hash) is stored once: the unique index on the hash
        refuses a second copy, and the copy stored already is the result. A file
        whose content changed since it was ingested replaces the old version:
        claims with the same text keep their id and verdicts; claims that are
        gone are deleted unless a reviewer already acted on them, in which case
        they are kept as stale.
        """
        claims = list(claims)
        return self._save(prepare(document, claims), claims)

    @_translate_errors
    def save_prepared(self, prepared: PreparedDocument) -> SaveResult:
        """:meth:`save_document` for a document prepared ahead (:func:`prepare`)."""
        return self._save(prepared, None)

    def _save(self, prepared: PreparedDocument, claims: list[Claim] | None) -> SaveResult:
        if self._pending_passages is not None:  # inside a batch: see _add_in_batch
            added = self._add_in_batch(prepared)
            if added is not None:
                return added
        document = prepared.document
        try:
            with self._write():
                previous = self._one(
                    "SELECT id, content_hash FROM documents WHERE path = ? ORDER BY id DESC"
                    " LIMIT 1",
                    [document.path],
                )
                if previous is not None:
                    doc_id = int(previous["id"])
                    if previous["content_hash"] == document.content_hash:
                        return SaveResult(doc_id, IngestOutcome.UNCHANGED, 0)
                    self.db.table("documents").update(doc_id, document.as_row())
                    self._replace_claims(doc_id, prepared.claims() if claims is None else claims)
                    self._index_passages(document, doc_id)
                    self._note_matching_input()
                    return SaveResult(doc_id, IngestOutcome.UPDATED, len(prepared.claim_rows))
                doc_id = _pk(self.db.conn.execute(_DOCUMENT_INSERT, prepared.row).lastrowid)
                self._insert_claims(doc_id, prepared.claim_rows)
                self._note_matching_input()
                if self._pending_passages is None:
                    self._write_passages(_passage_rows(doc_id, prepared))
        except sqlite3.IntegrityError:
            copy = self._stored_copy(document)
            if copy is None:  # some other constraint failed
                raise
            return copy
        if self._pending_passages is not None:  # written when the batch commits
            self._pending_passages.extend(_passage_rows(doc_id, prepared))
        return SaveResult(doc_id, IngestOutcome.ADDED, len(prepared.claim_rows))

    def _stored_copy(self, document: Document | PreparedDocument) -> SaveResult | None:
        """The document holding the same text, when the unique index refused ``document``."""
        same = self._one("SELECT id FROM documents WHERE content_hash = ?", [document.content_hash])
        return SaveResult(int(same["id"]), IngestOutcome.UNCHANGED, 0) if same else None

    def _add_in_batch(self, prepared: PreparedDocument) -> SaveResult | None:
        """Add a new document inside a batch transaction, without a savepoint of its own.

        The insert of the document is the first write, so a copy refused by the
        unique index on the hash leaves nothing behind; any later failure ends
        the whole batch (its transaction is rolled back). The matching change
        is noted once a batch. None: the path is stored already, and the
        document replaces it (with a savepoint) in :meth:`_save`.
        """
        conn = self.db.conn
        found = conn.execute(
            "SELECT 1 FROM documents WHERE path = ? LIMIT 1", (prepared.path,)
        ).fetchone()
        if found is not None:
            return None
        try:
            doc_id = _pk(conn.execute(_DOCUMENT_INSERT, prepared.row).lastrowid)
        except sqlite3.IntegrityError:
            copy = self._stored_copy(prepared)
            if copy is None:  # some other constraint failed
                raise
            return copy
        self._insert_claims(doc_id, prepared.claim_rows)
        pending = self._pending_passages
        assert pending is not None
        if self._noted_batch is not pending:  # once a batch: it is a version, not a count
            self._note_matching_input()
            self._noted_batch = pending
        pending.extend(_passage_rows(doc_id, prepared))
        return SaveResult(doc_id, IngestOutcome.ADDED, len(prepared.claim_rows))

    _noted_batch: object = None  # the batch whose change to matching's input is noted

    def _insert_claims(self, doc_id: int, rows: Iterable[ClaimRow]) -> None:
        """Many rows in one statement: ingest speed is bound by this on big corpora."""
        self.db.conn.executemany(_CLAIM_INSERT, [(doc_id, *row) for row in rows])

    @_translate_errors
    def path_with_content(self, content_hash: str) -> str | None:
        """The path of the document already stored with this content, if any."""
        row = self._one("SELECT path FROM documents WHERE content_hash = ?", [content_hash])
        return row["path"] if row else None

    def _index_passages(self, document: Document, doc_id: int, *, replace: bool = True) -> None:
        """(Re)index a document's paragraphs; called inside save_document's transaction.

        Removing a document's old paragraphs scans the index (doc_id is not an
        indexed column of an FTS5 table), so it is done only when replacing.
        """
        if replace:
            self.db.execute("DELETE FROM passages WHERE doc_id = ?", [doc_id])
        self._write_passages(passage_rows(doc_id, document.clean_text))

    @_translate_errors
    def reindex_passages(self) -> int:
        """Rebuild the passage index from every document (after migrating a database)."""
        count = 0
        with self._write():
            self.db.execute("DELETE FROM passages")
            for row in list(self._query("SELECT id FROM documents ORDER BY id")):
                document = Document.from_row(
                    next(iter(self._query("SELECT * FROM documents WHERE id = ?", [row["id"]])))
                )
                self._index_passages(document, row["id"])
                count += 1
        return count

    def _replace_claims(self, doc_id: int, claims: list[Claim]) -> None:
        old = {
            row["text"]: row
            for row in self._query(
                "SELECT id, text, status FROM claims WHERE document_id = ?", [doc_id]
            )
        }
        for claim in claims:
            kept = old.pop(claim.text, None)
            if kept is None:
                self.db.table("claims").insert(attrs.evolve(claim, document_id=doc_id).as_row())
            else:
                row = attrs.evolve(claim, document_id=doc_id, status=kept["status"]).as_row()
                self.db.table("claims").update(kept["id"], row)
        for row in old.values():
            touched = self._one("SELECT 1 AS x FROM verdicts WHERE claim_id = ?", [row["id"]])
            cited = self._one("SELECT 1 AS x FROM citations WHERE claim_id = ?", [row["id"]])
            if touched or cited:
                self.db.execute("UPDATE claims SET stale = 1 WHERE id = ?", [row["id"]])
            else:
                for sql in (
                    "DELETE FROM claim_keys WHERE claim_id = ?",
                    "DELETE FROM claim_links WHERE a = ?1 OR b = ?1",
                    "DELETE FROM flags WHERE claim_a = ?1 OR claim_b = ?1",
                    "DELETE FROM claims WHERE id = ?",
                ):
                    self.db.execute(sql, [row["id"]])

    @_translate_errors
    def get_document(self, doc_id: int) -> Document:
        row = self._one("SELECT * FROM documents WHERE id = ?", [doc_id])
        if row is None:
            raise NotFound(f"no document with id {doc_id}")
        return Document.from_row(row)

    @_translate_errors
    def documents(self) -> list[DocumentMeta]:
        """Every document without its texts, with its claim count."""
        columns = ", ".join(f"d.{name.strip()}" for name in META_COLUMNS.split(","))
        return [
            DocumentMeta.from_row(row)
            for row in self._query(
                f"SELECT {columns},"
                " (SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS claims"
                " FROM documents d ORDER BY d.id"
            )
        ]

    # -- claims ----------------------------------------------------------------------

    @_translate_errors
    def count_claims(self, where: ClaimFilter = EVERYTHING) -> int:
        sql, params = self._where(where)
        row = self._one(f"SELECT count(*) AS n FROM claims c{sql}", params)
        return int(row["n"]) if row else 0

    @_translate_errors
    def list_claims(
        self,
        where: ClaimFilter = EVERYTHING,
        *,
        order: str = "score",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ListedClaim]:
        sql, params = self._where(where)
        order_by = ORDERS.get(order)
        if order_by is None:
            raise StoreError(f"unknown sort order {order!r}; choose from {', '.join(ORDERS)}")
        page = ""
        if limit is not None:
            page = " LIMIT ? OFFSET ?"
            params += [limit, offset]
        rows = self._query(
            "SELECT c.*, d.title AS document_title, d.source AS document_source"
            f" FROM claims c JOIN documents d ON d.id = c.document_id{sql}"
            f" ORDER BY {order_by}{page}",
            params,
        )
        return [
            ListedClaim(Claim.from_row(r), r["document_title"], r["document_source"]) for r in rows
        ]

    @_translate_errors
    def claim_ids(self, where: ClaimFilter = EVERYTHING, *, order: str = "score") -> list[int]:
        """The ids of every claim that matches, in list order (cheap at 100,000)."""
        sql, params = self._where(where)
        order_by = ORDERS.get(order, ORDERS["score"])
        cursor = self.db.execute(f"SELECT c.id FROM claims c{sql} ORDER BY {order_by}", params)
        return [row[0] for row in cursor.fetchall()]

    @_translate_errors
    def get_claim(self, claim_id: int) -> Claim:
        row = self._one("SELECT * FROM claims WHERE id = ?", [claim_id])
        if row is None:
            raise NotFound(f"no claim with id {claim_id}")
        return Claim.from_row(row)

    @_translate_errors
    def claims_of_document(self, doc_id: int) -> list[Claim]:
        return [
            Claim.from_row(r)
            for r in self._query(
                "SELECT * FROM claims WHERE document_id = ? ORDER BY start", [doc_id]
            )
        ]

    @_translate_errors
    def claims_by_ids(self, ids: list[int]) -> dict[int, ListedClaim]:
        """The listed form of the given claims, keyed by id (one query a page)."""
        found: dict[int, ListedClaim] = {}
        for chunk, marks in self._chunked(ids, 500):
            for r in self._query(
                "SELECT c.*, d.title AS document_title, d.source AS document_source"
                f" FROM claims c JOIN documents d ON d.id = c.document_id WHERE c.id IN ({marks})",
                chunk,
            ):
                found[r["id"]] = ListedClaim(
                    Claim.from_row(r), r["document_title"], r["document_source"]
                )
        return found

    @_translate_errors
    def statuses(self, ids: list[int]) -> dict[int, Status]:
        """The status of each of the given claims."""
        found: dict[int, Status] = {}
        for chunk, marks in self._chunked(ids, 900):
            cursor = self.db.execute(f"SELECT id, status FROM claims WHERE id IN ({marks})", chunk)
            found.update((row[0], Status(row[1])) for row in cursor.fetchall())
        return found

    @_translate_errors
    def status_counts(self) -> dict[Status, int]:
        """How many claims have each status (every status present, zero or not)."""
        counts = {status: 0 for status in self._scale().statuses}
        cursor = self.db.execute("SELECT status, count(*) FROM claims GROUP BY status")
        for status, count in cursor.fetchall():
            counts[Status(status)] = count
        return counts

    @_translate_errors
    def claim_texts(self) -> tuple[list[int], list[str]]:
        """Every claim's id and text, for fuzzy search (two flat lists, cheap to scan)."""
        cursor = self.db.execute("SELECT id, text FROM claims ORDER BY id")
        ids: list[int] = []
        texts: list[str] = []
        for claim_id, text in cursor.fetchall():
            ids.append(claim_id)
            texts.append(text)
        return ids, texts
