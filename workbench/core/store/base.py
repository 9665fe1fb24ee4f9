"""The connection, schema and error handling shared by every part of the store.

One :class:`Store` wraps one ``sqlite_utils.Database``. Its connection may be
used from a worker thread (``check_same_thread=False``); a lock serialises
every call, and each unit of work (a document with its claims, a verdict with
its citation) is one transaction. The database runs in WAL mode with a busy
timeout, so a second process can read while one writes. Every write
transaction begins IMMEDIATE (``StoreBase._write``), so a writer waits for
another, up to the timeout, instead of failing at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import inspect
import json
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, ParamSpec, Self, TypeVar

from sqlite_utils import Database

from workbench.core.desk import REQUIRED_VERDICTS
from workbench.core.errors import StoreError, StoreLocked
from workbench.core.models import (
    ClaimFilter,
)
from workbench.core.scale import OURS, SCALE_SETTING, Scale
from workbench.core.store import indexes
from workbench.core.store.filters import chunked, filter_sql
from workbench.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from workbench.core.store.opening import connect, is_readonly
from workbench.core.store.passages import PASSAGE_INSERT

P = ParamSpec("P")
R = TypeVar("R")

# Sort orders the claims list offers, as (name -> ORDER BY); never user text.
ORDERS: dict[str, str] = {
    "score": "c.score DESC, c.id",
    "source": "c.document_id, c.start, c.id",
    "kind": "c.kind, c.score DESC, c.id",
    "status": "c.status, c.score DESC, c.id",
}


# The same orders as the columns of their sort keys, (column, descending), ending
# with the id: how the list pages through them by keyset.
ORDER_KEYS: dict[str, tuple[tuple[str, bool], ...]] = {
    "score": (("score", True), ("id", False)),
    "source": (("document_id", False), ("start", False), ("id", False)),
    "kind": (("kind", False), ("score", True), ("id", False)),
    "status": (("status", False), ("score", True), ("id", False)),
}

EVERYTHING = ClaimFilter()


# A document's columns but its texts: what DocumentMeta is read from.
META_COLUMNS = "id, title, source, path, published, format, content_hash, ingested_at, authors, url"

# Settings rows that tell whether matching has seen every change of the claims:
# CHANGES counts the writes that changed what matching reads (documents and
# claims added, replaced or imported; matching itself), MATCHED is that count
# when a match last committed. They differ while some work is unmatched.
MATCHING_CHANGES = "matching.changes"
MATCHING_MATCHED = "matching.matched"


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _translate_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Run a store method under the store's lock; turn sqlite3 failures into StoreErrors.

    A generator function is refused: its body would run after this wrapper
    returned, unlocked and untranslated. Use :func:`_translate_errors_iter`.
    """
    if inspect.isgeneratorfunction(method):
        raise TypeError(
            f"{method.__qualname__} is a generator function; decorate it with "
            "_translate_errors_iter, which holds the lock while it runs"
        )

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        store = args[0]
        assert isinstance(store, StoreBase)
        with store._lock:
            try:
                return method(*args, **kwargs)
            except sqlite3.Error as error:
                raise store._error(error) from error

    return wrapper


def _translate_errors_iter(method: Callable[P, Iterator[R]]) -> Callable[P, Iterator[R]]:
    """:func:`_translate_errors` for a generator function.

    Each step of the generator (its code from one item to the next) runs under
    the store's lock, with sqlite3 failures turned into StoreErrors. The lock is
    released while the caller handles an item, so a long export in a worker
    thread lets the UI thread use the connection between items, and a caller
    that stops early leaves no lock behind.
    """
    if not inspect.isgeneratorfunction(method):
        raise TypeError(
            f"{method.__qualname__} is not a generator function; decorate it with _translate_errors"
        )

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Iterator[R]:
        store = args[0]
        assert isinstance(store, StoreBase)
        steps = method(*args, **kwargs)
        try:
            while True:
                with store._lock:
                    try:
                        item = next(steps)
                    except StopIteration:
                        return
                    except sqlite3.Error as error:
                        raise store._error(error) from error
                yield item
        finally:
            with store._lock:
                steps.close()

    return wrapper


# How long a writer waits for another's lock before it says the database is
# locked. Matching a large corpus from scratch holds the lock for several
# seconds in one transaction; a `mark` or the app's writer (which waits off the
# screen's thread) should outwait it rather than fail.
BUSY_TIMEOUT = 30.0
# Pages (4 KB each) the write-ahead log holds before it is copied into the
# database, during a bulk write (see BulkStore.bulk).
BULK_LOG_PAGES = 10_000


class StoreBase:
    """The connection to one workbench database: opening, migrating, transactions."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        timeout: float = BUSY_TIMEOUT,
        clock: Callable[[], str] = utc_now,
    ) -> None:
        self.path = Path(path)
        self.clock = clock  # what the store and ingest stamp times with
        self._lock = threading.RLock()
        # Search-index rows waiting for the end of a transaction() (None outside one).
        self._pending_passages: list[tuple[str, int, int, int]] | None = None
        # Inside bulk(): the last claim id as it began; whether indexes are set aside.
        self._bulk_from: int | None = None
        self._bulk_deferred = False
        self._bulk_keeps = False  # this bulk sets no index aside
        self.readonly = readonly or is_readonly(self.path)
        conn = self._connect(timeout)
        try:
            self.db = Database(conn, execute_plugins=False)
            self._prepare(timeout)
        except sqlite3.Error as error:
            conn.close()
            raise self._error(error) from error
        except StoreError:
            conn.close()
            raise

    # -- opening -----------------------------------------------------------------

    def _connect(self, timeout: float) -> sqlite3.Connection:
        return connect(self.path, readonly=self.readonly, timeout=timeout, on_error=self._error)

    def _prepare(self, timeout: float) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        # How long a writer waits for another one before giving up (PRAGMA takes
        # no parameters; the value is our own integer).
        self.db.execute(f"PRAGMA busy_timeout = {max(0, round(timeout * 1000)):d}")
        # 64 MB of page cache instead of 2 MB: the claims indexes of a large
        # database stay in memory while an ingest batch updates them.
        self.db.execute("PRAGMA cache_size = -65536")
        # Savepoint journals and sort scratch in memory, not in temporary files:
        # every ingested document opens a savepoint inside its batch.
        self.db.execute("PRAGMA temp_store = MEMORY")
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
        if version > 0 and indexes.is_deferred(self.db.conn):
            # An ingest stopped before building them; before migrating, which expects them.
            with self._write():
                indexes.restore(self.db.conn)
        self._migrate(version)

    def _migrate(self, version: int) -> None:
        for number in range(version, SCHEMA_VERSION):
            with self._write():
                # Another process may have migrated while this one waited for the lock.
                if self.schema_version() > number:
                    continue
                MIGRATIONS[number](self.db)
                # PRAGMA takes no parameters; the value is our own integer.
                self.db.execute(f"PRAGMA user_version = {number + 1:d}")

    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _error(self, error: sqlite3.Error) -> StoreError:
        """One line for a failure of SQLite, naming the database and what to do."""
        text = str(error)
        code = getattr(error, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        full = StoreError(
            f"cannot write database {self.path}: the disk is full; free some space and "
            "try again (this change was not saved)"
        )
        if primary == sqlite3.SQLITE_FULL or "database or disk is full" in text:
            return full
        if primary == sqlite3.SQLITE_IOERR or "disk I/O error" in text:
            if self._disk_nearly_full():
                return full
            name = getattr(error, "sqlite_errorname", None) or "SQLITE_IOERR"
            return StoreError(
                f"cannot read or write database {self.path}: disk I/O error ({name}); "
                "check the disk it is on"
            )
        if (
            primary in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)
            or "file is not a database" in text
            or "malformed" in text
        ):
            return StoreError(f"{self.path} is not a workbench database ({text})")
        if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
            return StoreLocked(f"database {self.path} is locked by another program; try again")
        if primary == sqlite3.SQLITE_READONLY or "readonly" in text or "read-only" in text:
            return StoreError(f"database {self.path} is read-only; nothing was changed")
        if primary == sqlite3.SQLITE_CANTOPEN or "unable to open" in text:
            return StoreError(f"cannot open database {self.path}: {text}")
        return StoreError(f"database {self.path}: {text}")

    def _disk_nearly_full(self) -> bool:
        """Whether the disk holding the database has (almost) no space left."""
        if str(self.path) == ":memory:":
            return False
        try:
            free = shutil.disk_usage(self.path.resolve().parent).free
        except OSError:
            return False
        return bool(free < 1024 * 1024)

    def interrupt(self) -> None:
        """Stop the statement this connection is running (called from another thread).

        The store call running it fails with a StoreError; one started after
        it is over runs as usual. Not under the lock: the point is to reach a
        statement that holds it.
        """
        with contextlib.suppress(sqlite3.ProgrammingError):  # closed meanwhile
            self.db.conn.interrupt()

    def close(self) -> None:
        with self._lock:
            try:
                self.db.close()
            except sqlite3.Error as error:
                raise self._error(error) from error

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        """One unit of writing: every write in the store goes through here.

        Outside a transaction it opens one with ``BEGIN IMMEDIATE``, which takes
        the write lock at once, waiting up to the busy timeout for another
        writer, and commits at the end (rolls back on an exception). A deferred
        transaction would read first and fail at its first write with "database
        is locked" without waiting, because SQLite cannot let a reader that
        might hold an old snapshot wait for a writer. Inside an open transaction
        the unit is a savepoint, so it can fail alone.
        """
        with self._lock:
            conn = self.db.conn
            if conn.in_transaction:
                with self.db.atomic():  # a savepoint inside the open transaction
                    yield
                return
            if self.readonly:
                raise StoreError(f"database {self.path} is read-only; nothing was changed")
            self._ensure_present()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # a failed COMMIT may have ended it already
                    conn.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def waiting_at_most(self, seconds: float) -> Iterator[None]:
        """Inside, a write waits at most ``seconds`` for another writer's lock
        (then fails with :class:`StoreLocked`); the usual busy timeout after."""
        with self._lock:
            before = int(self.db.execute("PRAGMA busy_timeout").fetchone()[0])
            # PRAGMA takes no parameters; both values are our own integers.
            self.db.execute(f"PRAGMA busy_timeout = {max(0, round(seconds * 1000)):d}")
            try:
                yield
            finally:
                self.db.execute(f"PRAGMA busy_timeout = {before:d}")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several units of work in one transaction (begun IMMEDIATE).

        Each unit inside keeps its own savepoint, so one failing document
        leaves the others whole; the group is committed together, which saves
        a commit per document when ingesting thousands of them.

        Paragraphs for the search index are gathered and written once, just
        before the commit: FTS5 flushes its pending index at the end of every
        savepoint, so indexing inside each document's savepoint wrote one tiny
        index segment per document.
        """
        with self._lock:
            if self._pending_passages is not None:  # already inside one
                yield
                return
            try:
                with self._write():
                    if (
                        self._bulk_from is not None
                        and not self._bulk_deferred
                        and not self._bulk_keeps
                    ):  # see bulk()
                        self._bulk_deferred = indexes.defer_if_worth(self.db.conn, self._bulk_from)
                    self._pending_passages = []
                    try:
                        yield
                        self._write_passages(self._pending_passages)
                    finally:
                        self._pending_passages = None
            except sqlite3.Error as error:
                raise self._error(error) from error

    def _note_matching_input(self) -> None:
        """Count a change of what matching reads; call inside the write that makes it."""
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, '1') ON CONFLICT (key)"
            " DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
            [MATCHING_CHANGES],
        )

    def _write_passages(self, rows: list[tuple[str, int, int, int]]) -> None:
        """Add (text, document id, paragraph number, start) rows to the search index."""
        self.db.conn.executemany(PASSAGE_INSERT, rows)

    def _scale(self) -> Scale:
        """The database's verdict scale (``ours`` until one is set), read inside the caller's lock."""
        row = self._one("SELECT value FROM settings WHERE key = ?", [SCALE_SETTING])
        if row is None:
            return OURS
        return Scale.from_dict(json.loads(row["value"]), source="the database's scale")

    def _restatus(self, claim_id: int) -> None:
        """Set the claim's status from its history after an import: its latest verdict
        (the review store settles it instead at a desk of independent reviewers)."""
        latest = self._one(
            "SELECT verdict FROM verdicts WHERE claim_id = ? ORDER BY created_at DESC, id DESC"
            " LIMIT 1",
            [claim_id],
        )
        if latest is not None:
            self.db.execute(
                "UPDATE claims SET status = ? WHERE id = ?", [latest["verdict"], claim_id]
            )

    def _insert_row(self, table: str, row: dict[str, Any]) -> int:
        """One INSERT with parameters; ``table`` and the keys are our own names."""
        columns = ", ".join(f'"{key}"' for key in row)
        marks = ", ".join("?" * len(row))
        cursor = self.db.conn.execute(
            f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values())
        )
        return _pk(cursor.lastrowid)

    def _where(
        self, where: ClaimFilter, *, reviewer: str | None = None, reviewed_only: bool = False
    ) -> tuple[str, list[Any]]:
        """The WHERE clause (on claims as ``c``) of a filter, with its parameters.

        ``reviewer`` keeps claims whose latest verdict is that reviewer's;
        ``reviewed_only`` drops unreviewed claims (both for exports).
        """
        several = bool(reviewer) and self._required_verdicts() > 1
        return filter_sql(where, reviewer=reviewer, reviewed_only=reviewed_only, several=several)

    def _required_verdicts(self) -> int:
        """Independent verdicts a claim needs at this database's desk (1: the latest wins)."""
        row = self._one("SELECT value FROM settings WHERE key = ?", [REQUIRED_VERDICTS])
        return int(json.loads(row["value"])) if row else 1

    _chunked = staticmethod(chunked)

    def _ensure_present(self) -> None:
        """Refuse to write into a database file that was deleted or moved away.

        SQLite would go on writing to the unlinked file and every write would
        be lost when the app closes.
        """
        if str(self.path) != ":memory:" and not self.path.exists():
            raise StoreError(
                f"database {self.path} has vanished (deleted or moved); nothing was saved"
            )

    def _query(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        """Rows of a SELECT as dicts, read lazily.

        sqlite-utils' ``query`` wraps every statement in a savepoint (three
        statements for one read, and a savepoint left open if the caller stops
        early); a plain SELECT needs none.
        """
        cursor = self.db.conn.execute(sql, list(params))
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def _one(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any] | None:
        cursor = self.db.conn.execute(sql, list(params))
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([column[0] for column in cursor.description], row, strict=True))


def _pk(value: Any) -> int:
    """The integer id sqlite-utils reports after an insert."""
    if value is None:
        raise StoreError("the database did not return an id for a new row")
    return int(value)
