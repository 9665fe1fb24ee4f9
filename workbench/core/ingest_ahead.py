"""Files read, parsed and extracted ahead of the writer, by worker processes and by the writer.

With ``ingest --jobs N``, ``N - 1`` worker processes and the writing process
read files in batches of consecutive files (:data:`BATCH`), which the writer
then saves in input order. Every batch goes into one queue of tasks as soon as
it is filled, up to :data:`AHEAD_PER_JOB` files a job ahead of the writer. A
worker takes the next task itself, so it never waits for the writer to hand
one on, and sends back plain tuples. When the batch whose turn has come is not
back yet, the writer takes the next task from the same queue and reads it
itself rather than wait; its share grows or shrinks with what is left to
write.

A worker that stops (killed, out of memory) loses only time: the writer reads
whatever it had not sent back.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from collections import deque
from collections.abc import Iterator
from multiprocessing.context import ForkProcess
from pathlib import Path
from typing import Any

import attrs

from workbench.core.errors import IngestError, StoreError
from workbench.core.reading import Raw, parse, read
from workbench.core.store import Store
from workbench.core.store.documents import PreparedDocument, PreparedParts, prepare_rows
from workbench.core.text.claims import extract_rows

__all__ = ["AHEAD_PER_JOB", "BATCH", "Ahead", "Extracted", "Readers", "from_wire", "read_ahead"]

# A document parsed and extracted ahead: its rows (without the text as read,
# which the Raw carries) and the warning of its reading, or why it failed.
Extracted = tuple[PreparedDocument, str | None] | IngestError
# The same as plain tuples (PreparedDocument.parts), which cross between
# processes at C speed (a record costs a Python call each way), and the warning.
_Wire = tuple[PreparedParts, str | None]
# What is sent back for a file: why it could not be read, or the fields of its
# Raw with its extraction (None: the database held its text already, so it was
# not parsed; the writer asks again, and parses it itself if need be).
Sent = IngestError | tuple[tuple[Any, ...], _Wire | IngestError | None]
# What every batch is read with: max_bytes, source, min_score, and the database
# to ask whether a text is stored (None: it held nothing when the ingest began).
Args = tuple[int, str | None, float | None, str | None]

AHEAD_PER_JOB = 256  # files read ahead per job: enough that no worker waits for a task
# Bytes of files read ahead at most, whatever their number: what is read waits
# in memory (its text, clean text and rows) until the writer saves it.
AHEAD_BYTES = 64 * 1024 * 1024
# Files per batch: each is one message each way between the processes.
BATCH = 32
_POLL = 0.5  # seconds between looks at whether the workers are alive


def _extracted(raw: Raw, source: str | None, min_score: float | None) -> Extracted:
    """Parse, extract and prepare the rows; the text as read and the time of
    ingest are set on saving."""
    try:
        loaded = parse(raw, clock=str, source=source)
    except IngestError as error:
        return error
    document = attrs.evolve(loaded.document, original_text="")  # the writer has it
    rows = extract_rows(document.clean_text, min_score=min_score)
    return prepare_rows(document, rows), loaded.warning


def _to_wire(extracted: Extracted) -> _Wire | IngestError:
    if isinstance(extracted, IngestError):
        return extracted
    prepared, warning = extracted
    return prepared.parts(), warning


def from_wire(wire: _Wire | IngestError | None) -> Extracted | None:
    if wire is None or isinstance(wire, IngestError):
        return wire
    parts, warning = wire
    return PreparedDocument.from_parts(parts), warning


_stored: Store | None = None  # this process's own read-only view of the database


def _stored_already(database: str | None, content_hash: str) -> bool:
    """Whether the database (as last committed) holds this text: a re-run does
    not parse a file it finds unchanged. Any doubt is a no: the writer decides."""
    global _stored
    if database is None:
        return False
    try:
        if _stored is None or str(_stored.path) != database:
            _stored = Store(database, readonly=True)
        return _stored.path_with_content(content_hash) is not None
    except StoreError:
        return False


def _forget_stored() -> None:
    """Close the read-only view of the database this process opened to read files."""
    global _stored
    if _stored is not None:
        _stored.close()
        _stored = None


def _extracted_all(
    paths: list[Path],
    max_bytes: int,
    source: str | None,
    min_score: float | None,
    database: str | None,
) -> list[Sent]:
    """Read, parse, extract and prepare a batch of consecutive files."""
    sent: list[Sent] = []
    for path in paths:
        try:
            raw = read(path, max_bytes=max_bytes)
        except IngestError as error:
            sent.append(error)
            continue
        fields = (raw.path, raw.text, raw.content_hash, raw.format, raw.warning, raw.url, raw.stem)
        if _stored_already(database, raw.content_hash):
            sent.append((fields, None))
        else:
            sent.append((fields, _to_wire(_extracted(raw, source, min_score))))
    return sent


_Task = tuple[int, list[Path]] | None  # a batch's number and files; None: stop
_Result = tuple[int, list[Sent]]


def _work(tasks: Any, results: Any, args: Args) -> None:
    """A worker process: read the batches it takes until told to stop."""
    try:
        while (task := tasks.get()) is not None:
            number, paths = task
            results.put((number, _extracted_all(paths, *args)))
    except KeyboardInterrupt:  # the writer stops the run; it says why
        pass
    finally:
        _forget_stored()


@attrs.define(eq=False)
class Batch:
    """Consecutive files read together: fewer messages between the processes,
    and the articles of one story meet the same memo of assessments."""

    number: int
    paths: list[Path] = attrs.Factory(list)
    sent: list[Sent] | None = None  # what was read of them, once it is back


@attrs.frozen
class Ahead:
    """A file being read, parsed and extracted ahead of its turn to be saved."""

    path: Path
    batch: Batch
    index: int  # its place in the batch


@attrs.define(eq=False)
class Readers:
    """The worker processes and the queues between them and the writer."""

    args: Args
    workers: list[ForkProcess]
    tasks: Any  # multiprocessing queues (their classes are not public)
    results: Any
    batches: dict[int, Batch] = attrs.Factory(dict)  # queued, not yet back
    read_here: int = 0  # files the writer read itself

    @classmethod
    def start(cls, workers: int, args: Args) -> Readers:
        # fork: the workers start at once with the modules already imported
        context = multiprocessing.get_context("fork")
        tasks, results = context.Queue(), context.Queue()
        processes = [
            context.Process(target=_work, args=(tasks, results, args), daemon=True)
            for _ in range(workers)
        ]
        for process in processes:
            process.start()
        return cls(args, processes, tasks, results)

    def close(self) -> None:
        """Stop the workers: at once if they are still busy (an interrupted run)."""
        busy = bool(self.batches)
        for _ in self.workers:
            self.tasks.put(None)
        for process in self.workers:
            process.join(None if not busy else 0.2)
            if process.is_alive():
                process.terminate()
                process.join()
        for channel in (self.tasks, self.results):
            channel.cancel_join_thread()  # nothing left in them is wanted
            channel.close()
        _forget_stored()

    def add(self, batch: Batch) -> None:
        self.batches[batch.number] = batch
        self.tasks.put((batch.number, batch.paths))

    def sent(self, ahead: Ahead) -> Sent:
        """What was read of ``ahead``'s file, read here rather than waited for."""
        batch = ahead.batch
        while batch.sent is None:
            if self._take_results(block=False):
                continue
            if self._read_next_here():
                continue
            if not self._take_results(block=True) and self._a_worker_stopped():
                self._read_all_here()
        return batch.sent[ahead.index]

    def _take_results(self, *, block: bool) -> bool:
        """Store a batch a worker sent back; whether there was one (``block``:
        wait for one while any worker is alive)."""
        try:
            number, sent = self.results.get(block, _POLL) if block else self.results.get(False)
        except queue.Empty:
            return False
        batch = self.batches.get(number)
        if batch is not None:  # None: read here already, after a worker stopped
            self._done(batch, sent)
        return True

    def _done(self, batch: Batch, sent: list[Sent]) -> None:
        batch.sent = sent
        del self.batches[batch.number]

    def _read_next_here(self) -> bool:
        """Take the next task from the queue and read it here; whether there was one."""
        try:
            task = self.tasks.get(False)
        except queue.Empty:
            return False
        if task is None:  # the writer is closing: never taken while it reads
            return False
        number, paths = task
        batch = self.batches.get(number)
        if batch is not None:
            self.read_here += len(paths)
            self._done(batch, _extracted_all(paths, *self.args))
        return True

    def _a_worker_stopped(self) -> bool:
        return any(not process.is_alive() for process in self.workers)

    def _read_all_here(self) -> None:
        """A worker stopped: what it took is lost, so read here every batch not
        back yet, in order (one another worker sends back meanwhile is used)."""
        while self.batches:
            while self._take_results(block=False):
                pass
            if self.batches:
                first = self.batches[min(self.batches)]
                self.read_here += len(first.paths)
                self._done(first, _extracted_all(first.paths, *self.args))


def read_ahead(
    items: Iterator[Path | Any],
    readers: Readers,
    depth: int,
) -> Iterator[Any]:
    """``items`` in order, files handed to ``readers`` ``depth`` files ahead to be
    read, parsed and extracted; other items (web addresses, errors) as they are.

    The writer needs only to save what comes back: it asks the store whether
    each text is stored (a copy of a file earlier in the same run is found as
    one job would find it) and writes the rows.
    """
    window: deque[Any] = deque()
    sizes: deque[int] = deque()  # of the files in the window, in order
    ahead_bytes = 0
    number = 0
    batch = Batch(number)
    for item in items:
        if isinstance(item, Path):
            window.append(Ahead(item, batch, len(batch.paths)))
            batch.paths.append(item)
            try:
                size = os.stat(item).st_size
            except OSError:
                size = 0  # reading it will say why
            sizes.append(size)
            ahead_bytes += size
            if len(batch.paths) >= BATCH:
                readers.add(batch)
                number += 1
                batch = Batch(number)
        else:
            window.append(item)
        while (
            len(window) >= depth
            or ahead_bytes > AHEAD_BYTES
            or (window and not isinstance(window[0], Ahead))
        ):
            first = window.popleft()
            if isinstance(first, Ahead):
                ahead_bytes -= sizes.popleft()
                if first.batch is batch:
                    readers.add(batch)  # its turn has come before its batch filled
                    number += 1
                    batch = Batch(number)
            yield first
    if batch.paths:
        readers.add(batch)
    yield from window
