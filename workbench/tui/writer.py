"""The app's writes: one queue per store, committed in order off the UI thread.

A write that meets a database locked by another program waits for the lock
(the busy timeout) in a thread worker, never on the UI thread, so the screen
keeps taking keys meanwhile. The writer has a connection of its own (see
``Store.reopen``): the screen's reads on the store's connection are not held
up behind a write that waits.

Jobs run one at a time, in the order they were submitted. Each reports back by
message once its transaction is committed, or once it failed; only then does
the screen show it as done, or notify the failure.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import attrs
from textual.app import App
from textual.message import Message

from workbench.core.errors import StoreLocked, WorkbenchError
from workbench.core.store import Store

T = TypeVar("T")

CLOSE_WAIT = 30.0  # seconds the app waits, when it closes, for writes still queued


@attrs.define(eq=False)
class WriteJob(Generic[T]):
    """A unit of work on the store, and what the screen does once it is over."""

    run: Callable[[Store], T]  # called in the writer's thread with the writer's store
    done: Callable[[T], None]  # called on the UI thread after the commit
    failed: Callable[[WorkbenchError], None]  # called on the UI thread after a failure


class StoreWriter:
    """The write queue of one store, drained by one thread worker at a time."""

    class Finished(Message):
        """A job is over: committed with ``result``, or failed with ``error``."""

        def __init__(self, job: WriteJob[Any], result: Any, error: WorkbenchError | None) -> None:
            super().__init__()
            self.job = job
            self.result = result
            self.error = error

    def __init__(self, app: App[Any], store: Store) -> None:
        self._app = app
        self._main = store
        self._connection: Store | None = None  # opened by the first write
        self._jobs: deque[WriteJob[Any]] = deque()
        self._lock = threading.Lock()
        self._running = False  # a worker is draining the queue
        self._closing = False
        self._idle = threading.Event()
        self._idle.set()
        # Seen from the UI thread only: when each unfinished job was submitted.
        self._submitted: deque[float] = deque()
        self.failures = 0  # jobs that failed since the app started

    # -- the UI thread's side ------------------------------------------------------------

    def submit(
        self,
        run: Callable[[Store], T],
        done: Callable[[T], None],
        failed: Callable[[WorkbenchError], None],
        *,
        at_once: bool = False,
    ) -> None:
        """Queue ``run``; ``done`` or ``failed`` is called on the UI thread when it is over.

        With ``at_once`` a short write that finds no earlier one queued is tried
        here first, on the UI thread, without waiting for a lock: committed, its
        ``done`` runs before this returns, so the screen draws the change in the
        same frame as the key that made it (a verdict took two frames through
        the queue). If another program holds the lock it joins the queue and
        waits there, off the UI thread, as any other write.
        """
        if at_once and self._committed_now(run, done, failed):
            return
        self._submitted.append(time.monotonic())
        with self._lock:
            self._jobs.append(WriteJob(run, done, failed))
            self._idle.clear()
            start = not self._running
            self._running = True
        if start:
            self._app.run_worker(self._drain, name="writes", group="writes", thread=True)

    def _committed_now(
        self,
        run: Callable[[Store], T],
        done: Callable[[T], None],
        failed: Callable[[WorkbenchError], None],
    ) -> bool:
        """Run ``run`` here if nothing is queued and the lock is free; whether it ran."""
        with self._lock:
            if self._running or self._jobs or self._closing:
                return False  # earlier writes commit first, in order
            self._running = True
            self._idle.clear()
        error: WorkbenchError | None = None
        try:
            store = self._store()
            with store.waiting_at_most(0):
                result = run(store)
        except StoreLocked:
            return False  # another program writes: wait in the queue, not here
        except WorkbenchError as failure:
            error = failure
        finally:
            with self._lock:
                self._stop()
        if error is not None:
            self.failures += 1
            failed(error)
        else:
            done(result)
        return True

    @property
    def pending(self) -> int:
        """Jobs submitted whose outcome the screen has not been told yet."""
        return len(self._submitted)

    def waiting_for(self) -> float:
        """Seconds the oldest unfinished job has been waiting (0 with none)."""
        return time.monotonic() - self._submitted[0] if self._submitted else 0.0

    def deliver(self, message: Finished) -> None:
        """Hand a finished job's outcome to the screen (the app calls this)."""
        if self._submitted:
            self._submitted.popleft()
        if message.error is None:
            message.job.done(message.result)
        else:
            self.failures += 1
            message.job.failed(message.error)

    def close(self, timeout: float = CLOSE_WAIT) -> None:
        """Wait for the queued writes (up to ``timeout``), then close the connection.

        Called as the app closes: what the reviewer did must reach the database.
        A write still waiting after ``timeout`` goes on in its thread, which
        closes the connection when it is through.
        """
        with self._lock:
            self._closing = True
        self._idle.wait(timeout)
        with self._lock:
            if not self._running:
                self._close_connection()

    # -- the worker's side ----------------------------------------------------------------

    def _drain(self) -> None:
        """Run the queued jobs in order until the queue is empty."""
        try:
            while True:
                with self._lock:
                    if not self._jobs:
                        self._stop()
                        return
                    job = self._jobs.popleft()
                try:
                    result, error = job.run(self._store()), None
                except WorkbenchError as failure:
                    result, error = None, failure
                self._report(self.Finished(job, result, error))
        except BaseException:
            with self._lock:
                self._stop()
            raise

    def _report(self, message: Finished) -> None:
        # Once the app's event loop is gone nobody is left to tell; the write stands.
        with contextlib.suppress(RuntimeError):
            self._app.post_message(message)

    def _store(self) -> Store:
        if self._connection is None:
            if self._main.readonly or str(self._main.path) == ":memory:":
                self._connection = self._main  # no second connection: share the store's
            else:
                self._connection = self._main.reopen()
        return self._connection

    def _stop(self) -> None:
        """The worker is leaving (called with the lock held)."""
        self._running = False
        self._idle.set()
        if self._closing:
            self._close_connection()

    def _close_connection(self) -> None:
        if self._connection is not None and self._connection is not self._main:
            self._connection.close()
        self._connection = None
