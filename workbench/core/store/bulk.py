"""Bulk writes: an ingest's many batches in a row (split from :mod:`.base` for size).

The write-ahead log is copied into the database less often, and a large ingest
sets some claims indexes aside (:mod:`.indexes`): the batch whose
:meth:`StoreBase.transaction` finds it worth it drops them, and the end of
:meth:`BulkStore.bulk` builds them.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from workbench.core.errors import StoreError
from workbench.core.store import indexes
from workbench.core.store.base import BULK_LOG_PAGES, StoreBase


class BulkStore(StoreBase):
    """Many batches of writes in a row."""

    @contextlib.contextmanager
    def bulk(self, *, set_aside: bool = True) -> Iterator[None]:
        """Many batches of writes (an ingest), each a :meth:`transaction`: the
        write-ahead log is copied into the database every BULK_LOG_PAGES pages
        rather than every 1,000 (SQLite's default), so the index pages each batch
        rewrites are copied once, not after every few batches. One that adds about
        as many claims as were stored builds some claims indexes once at the end
        (:mod:`workbench.core.store.indexes`), unless ``set_aside`` is false: an
        ingest with worker processes keeps them, for then the other core would
        wait for the writer while it builds them. A commit is as durable."""
        if self.readonly or self._bulk_from is not None:
            yield
            return
        try:
            with self._lock:
                self._bulk_from = indexes.last_claim_id(self.db.conn)
                self._bulk_keeps = not set_aside
                before = None  # for :memory:, which has no write-ahead log
                if str(self.path) != ":memory:":
                    before = int(self.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
                    # PRAGMA takes no parameters; the values are our own integers.
                    self.db.execute(f"PRAGMA wal_autocheckpoint = {BULK_LOG_PAGES:d}")
        except sqlite3.Error as error:
            self._bulk_from = None
            raise self._error(error) from error
        try:
            yield
        except BaseException:
            # Build the indexes now if possible; otherwise the next opening does.
            with contextlib.suppress(sqlite3.Error, StoreError):
                self._end_bulk(before)
            raise
        self._end_bulk(before)

    def _end_bulk(self, before: int | None) -> None:
        with self._lock:
            self._bulk_from = None
            self._bulk_keeps = False
            deferred, self._bulk_deferred = self._bulk_deferred, False
            try:
                if before is not None:
                    self.db.execute(f"PRAGMA wal_autocheckpoint = {before:d}")
                if deferred:
                    with self._write():
                        indexes.restore(self.db.conn)
            except sqlite3.Error as error:
                raise self._error(error) from error
