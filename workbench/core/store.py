"""The workbench database. The only module that speaks SQL.

One :class:`Store` wraps one ``sqlite_utils.Database``. Its connection may be
used from a worker thread (``check_same_thread=False``); a lock serialises
every call, and each unit of work (a document with its claims, a verdict with
its citation) is one transaction. The database runs in WAL mode with a busy
timeout, so a second process can read while one writes and a writer waits for
another instead of failing at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import attrs
from sqlite_utils import Database

from workbench.core.errors import NotFound, StoreError
from workbench.core.migrations import MIGRATIONS, SCHEMA_VERSION
from workbench.core.models import (
    Action,
    Citation,
    Claim,
    ClaimFilter,
    ClaimKind,
    Document,
    Status,
    Verdict,
)

P = ParamSpec("P")
R = TypeVar("R")

# Sort orders the claims list offers, as (name -> ORDER BY); never user text.
ORDERS: dict[str, str] = {
    "score": "c.score DESC, c.id",
    "source": "c.document_id, c.start",
    "kind": "c.kind, c.score DESC, c.id",
    "status": "c.status, c.score DESC, c.id",
}


EVERYTHING = ClaimFilter()


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


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
    outcome: str  # "added", "updated", "unchanged"
    claims: int  # claims extracted (0 when unchanged)
    duplicate_of: str | None = None  # the path stored with the same content


def _translate_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Turn sqlite3 failures into one-line StoreErrors that name the database."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        store = args[0]
        assert isinstance(store, Store)
        with store._lock:
            try:
                return method(*args, **kwargs)
            except sqlite3.Error as error:
                raise store._error(error) from error

    return wrapper


class Store:
    """All reads and writes of one workbench database."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        timeout: float = 5.0,
        clock: Callable[[], str] = utc_now,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        self.readonly = readonly or _is_readonly(self.path)
        conn = self._connect(timeout)
        try:
            self.db = Database(conn, execute_plugins=False)
            self._prepare()
        except sqlite3.Error as error:
            conn.close()
            raise self._error(error) from error
        except StoreError:
            conn.close()
            raise

    # -- opening -----------------------------------------------------------------

    def _connect(self, timeout: float) -> sqlite3.Connection:
        if str(self.path) == ":memory:":
            return sqlite3.connect(":memory:", check_same_thread=False)
        folder = self.path.parent
        if not folder.is_dir():
            raise StoreError(f"cannot open database {self.path}: folder {folder} does not exist")
        if self.path.is_dir():
            raise StoreError(f"cannot open database {self.path}: it is a folder")
        try:
            if self.readonly:
                if not self.path.exists():
                    raise StoreError(f"cannot create database {self.path}: the folder is read-only")
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
            return sqlite3.connect(self.path, timeout=timeout, check_same_thread=False)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open database {self.path}: {error}") from error

    def _prepare(self) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA busy_timeout = 5000")
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database {self.path} is at schema version {version}, newer than this "
                f"workbench understands ({SCHEMA_VERSION}); upgrade workbench to open it"
            )
        if self.readonly:
            if version < SCHEMA_VERSION:
                raise StoreError(
                    f"database {self.path} is read-only and needs upgrading to schema "
                    f"version {SCHEMA_VERSION}; open it once where it can be written"
                )
            return
        if str(self.path) != ":memory:":
            mode = self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":
                raise StoreError(f"database {self.path} cannot use WAL mode (got {mode})")
            self.db.execute("PRAGMA synchronous = NORMAL")
        self._migrate(version)

    def _migrate(self, version: int) -> None:
        for number in range(version, SCHEMA_VERSION):
            with self.db.atomic():
                MIGRATIONS[number](self.db)
                # PRAGMA takes no parameters; the value is our own integer.
                self.db.execute(f"PRAGMA user_version = {number + 1:d}")

    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _error(self, error: sqlite3.Error) -> StoreError:
        text = str(error)
        if "file is not a database" in text or "malformed" in text:
            return StoreError(f"{self.path} is not a workbench database ({text})")
        if "locked" in text or "busy" in text:
            return StoreError(f"database {self.path} is locked by another program; try again")
        if "readonly" in text or "read-only" in text:
            return StoreError(f"database {self.path} is read-only; nothing was changed")
        if "unable to open" in text:
            return StoreError(f"cannot open database {self.path}: {text}")
        return StoreError(f"database {self.path}: {text}")

    def close(self) -> None:
        with self._lock:
            self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several units of work in one transaction.

        Each unit inside keeps its own savepoint, so one failing document
        leaves the others whole; the group is committed together, which saves
        a commit per document when ingesting thousands of them.
        """
        with self._lock:
            try:
                with self.db.atomic():
                    yield
            except sqlite3.Error as error:
                raise self._error(error) from error

    def _one(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any] | None:
        return next(iter(self.db.query(sql, list(params))), None)

    # -- documents -----------------------------------------------------------------

    @_translate_errors
    def save_document(self, document: Document, claims: Iterable[Claim]) -> SaveResult:
        """Store a document and its claims in one transaction.

        The same content (by hash) is stored once. A file whose content changed
        since it was ingested replaces the old version: claims with the same text
        keep their id and verdicts; claims that are gone are deleted unless a
        reviewer already acted on them, in which case they are kept as stale.
        """
        same = self._one(
            "SELECT id, path FROM documents WHERE content_hash = ?", [document.content_hash]
        )
        if same is not None:
            return SaveResult(same["id"], "unchanged", 0, duplicate_of=same["path"])
        claims = list(claims)
        previous = self._one(
            "SELECT id FROM documents WHERE path = ? ORDER BY id DESC LIMIT 1", [document.path]
        )
        with self.db.atomic():
            if previous is None:
                doc_id = self._insert_row("documents", document.as_row())
                self._insert_claims(doc_id, claims)
                return SaveResult(doc_id, "added", len(claims))
            doc_id = previous["id"]
            self.db.table("documents").update(doc_id, document.as_row())
            self._replace_claims(doc_id, claims)
            return SaveResult(int(doc_id), "updated", len(claims))

    _CLAIM_COLUMNS = (
        "document_id",
        "text",
        "kind",
        "score",
        "start",
        "end",
        "sentence_index",
        "paragraph_index",
        "numbers",
        "speaker",
        "quote",
        "status",
        "reasons",
        "stale",
    )

    def _insert_row(self, table: str, row: dict[str, Any]) -> int:
        """One INSERT with parameters; ``table`` and the keys are our own names."""
        columns = ", ".join(f'"{key}"' for key in row)
        marks = ", ".join("?" * len(row))
        cursor = self.db.conn.execute(
            f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values())
        )
        return _pk(cursor.lastrowid)

    def _insert_claims(self, doc_id: int, claims: list[Claim]) -> None:
        """Many rows in one statement: ingest speed is bound by this on big corpora."""
        columns = ", ".join(f'"{c}"' for c in self._CLAIM_COLUMNS)
        marks = ", ".join("?" * len(self._CLAIM_COLUMNS))
        rows = []
        for claim in claims:
            row = claim.as_row()
            row["document_id"] = doc_id
            rows.append([row[c] for c in self._CLAIM_COLUMNS])
        self.db.conn.executemany(f"INSERT INTO claims ({columns}) VALUES ({marks})", rows)

    @_translate_errors
    def path_with_content(self, content_hash: str) -> str | None:
        """The path of the document already stored with this content, if any."""
        row = self._one("SELECT path FROM documents WHERE content_hash = ?", [content_hash])
        return row["path"] if row else None

    def _replace_claims(self, doc_id: int, claims: list[Claim]) -> None:
        old = {
            row["text"]: row
            for row in self.db.query(
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
                self.db.execute("DELETE FROM claims WHERE id = ?", [row["id"]])

    @_translate_errors
    def get_document(self, doc_id: int) -> Document:
        row = self._one("SELECT * FROM documents WHERE id = ?", [doc_id])
        if row is None:
            raise NotFound(f"no document with id {doc_id}")
        return Document.from_row(row)

    @_translate_errors
    def documents(self) -> list[dict[str, Any]]:
        """Every document's id, title, source, date and claim count (no texts)."""
        return list(
            self.db.query(
                "SELECT d.id, d.title, d.source, d.path, d.published, d.format,"
                " (SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS claims"
                " FROM documents d ORDER BY d.id"
            )
        )

    # -- claims ----------------------------------------------------------------------

    def _where(self, where: ClaimFilter) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if where.statuses:
            clauses.append(f"c.status IN ({', '.join('?' * len(where.statuses))})")
            params.extend(s.value for s in where.statuses)
        if where.kinds:
            clauses.append(f"c.kind IN ({', '.join('?' * len(where.kinds))})")
            params.extend(k.value for k in where.kinds)
        if where.document_ids:
            clauses.append(f"c.document_id IN ({', '.join('?' * len(where.document_ids))})")
            params.extend(where.document_ids)
        if where.search:
            clauses.append("c.text LIKE ? ESCAPE '\\'")
            escaped = where.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(f"%{escaped}%")
        if not where.include_stale:
            clauses.append("c.stale = 0")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

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
        rows = self.db.query(
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
            for r in self.db.query(
                "SELECT * FROM claims WHERE document_id = ? ORDER BY start", [doc_id]
            )
        ]

    @_translate_errors
    def iter_claims(self, batch: int = 2000) -> Iterator[Claim]:
        """Every claim in id order, fetched a batch at a time."""
        last = 0
        while True:
            rows = list(
                self.db.query(
                    "SELECT * FROM claims WHERE id > ? ORDER BY id LIMIT ?", [last, batch]
                )
            )
            if not rows:
                return
            yield from (Claim.from_row(r) for r in rows)
            last = rows[-1]["id"]

    # -- verdicts and citations -------------------------------------------------------------

    @_translate_errors
    def mark(
        self,
        claim_id: int,
        verdict: Status,
        reviewer: str,
        *,
        note: str = "",
        citation: Citation | None = None,
        action: Action = Action.MARK,
        reverts: int | None = None,
        carried_from: int | None = None,
    ) -> Verdict:
        """Record a verdict (and its citation) in one transaction; return the row."""
        self._require_claim(claim_id)
        now = self._clock()
        with self.db.atomic():
            row = {
                "claim_id": claim_id,
                "verdict": Status(verdict).value,
                "reviewer": reviewer,
                "note": note,
                "created_at": now,
                "action": Action(action).value,
                "reverts": reverts,
                "carried_from": carried_from,
            }
            verdict_id = _pk(self.db.table("verdicts").insert(row).last_pk)
            self.db.execute(
                "UPDATE claims SET status = ? WHERE id = ?", [Status(verdict).value, claim_id]
            )
            if citation is not None:
                self._insert_citation(
                    attrs.evolve(citation, claim_id=claim_id, verdict_id=verdict_id), now
                )
        return Verdict.from_row({"id": verdict_id, **row})

    def _insert_citation(self, citation: Citation, now: str) -> int:
        row = attrs.evolve(citation, created_at=citation.created_at or now).as_row()
        row.pop("id", None)
        return _pk(self.db.table("citations").insert(row).last_pk)

    def _require_claim(self, claim_id: int) -> None:
        if self._one("SELECT id FROM claims WHERE id = ?", [claim_id]) is None:
            raise NotFound(f"no claim with id {claim_id}")

    @_translate_errors
    def add_citation(self, citation: Citation) -> Citation:
        self._require_claim(citation.claim_id)
        now = self._clock()
        with self.db.atomic():
            new_id = self._insert_citation(citation, now)
        return self.get_citation(new_id)

    @_translate_errors
    def get_citation(self, citation_id: int) -> Citation:
        row = self._one("SELECT * FROM citations WHERE id = ?", [citation_id])
        if row is None:
            raise NotFound(f"no citation with id {citation_id}")
        return Citation.from_row(row)

    @_translate_errors
    def history(self, claim_id: int) -> list[Verdict]:
        """The claim's verdict history, oldest first."""
        return [
            Verdict.from_row(r)
            for r in self.db.query(
                "SELECT * FROM verdicts WHERE claim_id = ? ORDER BY id", [claim_id]
            )
        ]

    @_translate_errors
    def citations(self, claim_id: int, *, include_deleted: bool = False) -> list[Citation]:
        deleted = "" if include_deleted else " AND deleted = 0"
        return [
            Citation.from_row(r)
            for r in self.db.query(
                f"SELECT * FROM citations WHERE claim_id = ?{deleted} ORDER BY id", [claim_id]
            )
        ]

    # -- figures ---------------------------------------------------------------------------

    @_translate_errors
    def stats(self) -> dict[str, Any]:
        def counts(column: str) -> dict[str, int]:
            # column is one of two names of ours, never user text
            return {
                r["k"]: r["n"]
                for r in self.db.query(
                    f"SELECT {column} AS k, count(*) AS n FROM claims GROUP BY {column} ORDER BY k"
                )
            }

        docs = self._one("SELECT count(*) AS n FROM documents")
        by_kind = {k.value: 0 for k in ClaimKind} | counts("kind")
        by_status = {s.value: 0 for s in Status} | counts("status")
        return {
            "documents": docs["n"] if docs else 0,
            "claims": sum(by_kind.values()),
            "by_kind": by_kind,
            "by_status": by_status,
        }

    @_translate_errors
    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._one("SELECT value FROM settings WHERE key = ?", [key])
        return json.loads(row["value"]) if row else default

    @_translate_errors
    def set_setting(self, key: str, value: Any) -> None:
        with self.db.atomic():
            self.db.table("settings").upsert({"key": key, "value": json.dumps(value)}, pk="key")


def _pk(value: Any) -> int:
    """The integer id sqlite-utils reports after an insert."""
    if value is None:
        raise StoreError("the database did not return an id for a new row")
    return int(value)


def _is_readonly(path: Path) -> bool:
    """A file we may not write, or a new file in a folder we may not write."""
    if str(path) == ":memory:":
        return False
    if path.exists():
        return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
    return path.parent.is_dir() and not os.access(path.parent, os.W_OK)
