"""The review screen's work off the UI thread: connections of its own, a settled heap."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading

from workbench.core.errors import WorkbenchError
from workbench.core.store import Store


class Readers:
    """Connections of their own for the kinds of work a screen does off the UI thread.

    The screen reads rows and claims on the store's connection as it draws;
    a worker's read there would hold each of them behind it (at a million
    claims evidence search takes seconds, counting the statuses 50 ms,
    placing a claim in a new order tens of ms). SQLite in WAL mode lets the
    connections read side by side. A purpose names each connection:
    "evidence"; "list" (counting a new list, interrupted when another
    replaces it); "quick" (the claims around the cursor, search); "counts"
    (the progress counts, the search index's words, the document titles).
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._open: dict[str, Store] = {}
        self._lock = threading.Lock()

    def get(self, purpose: str) -> Store:
        """The connection for ``purpose``, opened on first use (the store's own
        for an in-memory database, or when another cannot be opened)."""
        with self._lock:
            reader = self._open.get(purpose)
            if reader is None:
                if str(self._store.path) == ":memory:":
                    return self._store
                try:
                    reader = self._open[purpose] = self._store.reopen()
                except WorkbenchError:
                    return self._store
            return reader

    def interrupt(self, purpose: str) -> None:
        """Stop what the connection for ``purpose`` is running, if it is open."""
        reader = self._open.get(purpose)
        if reader is not None:
            reader.interrupt()

    def close(self) -> None:
        with self._lock:
            readers, self._open = list(self._open.values()), {}
        for reader in readers:
            reader.close()


def settle_heap() -> None:
    """Leave the objects the screen has built so far out of garbage collection.

    The app's heap at a million claims (Textual's, the screen's, the document
    titles) made each full collection take 50-120 ms, a frozen frame several
    times a minute of work; what is left is scanned in a few ms. They are
    still freed when no longer used (reference counting); only a cycle of
    them that became garbage would stay, until the screen closes and
    unfreezes them (a process that opens many apps, as the tests do, gets
    them back).
    """
    gc.freeze()


BACKGROUND_NICE = 10  # how much lower the evidence thread runs than the screen


def run_in_background() -> None:
    """Lower the calling thread's CPU priority (Linux: the nice value is per thread).

    Evidence search at a million claims keeps a core busy for a second or two
    while the reviewer goes on: with it niced, the screen's thread and the
    workers that read a sort, a filter or a search key come first on a
    machine of two cores. Elsewhere (no per-thread nice) it does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)
