"""Take article files and web pages into the store: read, decode, parse, repair, extract, save.

Files are handled in order (no file is held after it is saved; a folder is
walked once, lazily unless the caller counts first with :func:`find_articles`)
and read into documents by :mod:`workbench.core.reading`; documents are saved
with their claims in batches, one transaction each. With ``jobs`` above one,
files are read, parsed and their claims extracted a few files ahead by
``jobs - 1`` worker processes and by this process whenever it would otherwise
wait for them (a reader skips a text the database holds already); this process
alone asks the store whether each text is new and writes the rows, in input
order: one writer, and the same database as one job. A web page is fetched before its batch begins, so the database is never
held while the network is waited on. A file or page that cannot be read
becomes an :class:`IngestError` with one line that names it; the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain
from pathlib import Path
from typing import Any

import attrs

from workbench.core.errors import IngestError, StoreError
from workbench.core.fetch import TIMEOUT, is_url
from workbench.core.formats import FORMATS
from workbench.core.models import IngestOutcome
from workbench.core.reading import (
    MAX_BYTES,
    Loaded,
    Raw,
    load,
    page_raw,
    parse,
    read,
    read_url,
)
from workbench.core.store import Store
from workbench.core.store.documents import PreparedDocument, PreparedParts, prepare_rows
from workbench.core.text.claims import extract_rows

# Reading is re-exported: callers take the whole path of an article from here.
__all__ = [
    "MAX_BYTES",
    "Found",
    "Loaded",
    "Outcome",
    "Raw",
    "Report",
    "WebAddress",
    "article_paths",
    "find_articles",
    "ingest",
    "ingest_file",
    "load",
    "page_raw",
    "parse",
    "read",
    "read_url",
]


@attrs.frozen
class Outcome:
    """What became of one input file."""

    path: str
    outcome: IngestOutcome
    claims: int = 0
    message: str = ""  # the error, or a warning for a file that went in


@attrs.define
class Report:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    claims: int = 0
    outcomes: list[Outcome] = attrs.Factory(list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def count(self, outcome: Outcome) -> None:
        name = outcome.outcome.value  # each outcome has its count of the same name
        setattr(self, name, getattr(self, name) + 1)
        self.claims += outcome.claims
        self.outcomes.append(outcome)


@attrs.frozen
class WebAddress:
    """A page to fetch, named on the command line or in a list of URLs."""

    url: str


Input = str | os.PathLike[str] | WebAddress


def article_paths(paths: Iterable[Input]) -> Iterator[Path | WebAddress | IngestError]:
    """Article files under ``paths``: files as named, folders walked in name order,
    ``http(s)://`` addresses (and every WebAddress) as web pages to fetch.

    A missing path, or a folder with no articles in it, yields an IngestError.
    """
    for raw in paths:
        if isinstance(raw, WebAddress):
            yield raw
            continue
        if isinstance(raw, str) and is_url(raw):
            yield WebAddress(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    # os.path, not a Path for each name: a folder may hold a million files
                    if os.path.splitext(name)[1].lower() in FORMATS and not name.startswith("."):
                        found = True
                        yield Path(root, name)
            if not found:
                yield IngestError(
                    f"{path}: no articles found (looked for {', '.join(sorted(FORMATS))})"
                )
        elif path.exists():
            yield path
        else:
            yield IngestError(f"{path}: no such file or folder")


@attrs.frozen
class Found:
    """What :func:`article_paths` found under the inputs, walked once and kept in order.

    A caller that counts the articles first (for a progress bar) hands this to
    :func:`ingest`, so no folder is walked twice.
    """

    items: tuple[Path | WebAddress | IngestError, ...]

    @property
    def articles(self) -> int:
        return sum(1 for item in self.items if not isinstance(item, IngestError))


def find_articles(paths: Iterable[Input]) -> Found:
    return Found(tuple(article_paths(paths)))


def ingest_file(
    store: Store,
    path: Path,
    *,
    max_bytes: int = MAX_BYTES,
    source: str | None = None,
    min_score: float | None = None,
) -> Outcome:
    """Load, extract and save one file; failures come back as a failed Outcome.

    ``min_score`` is the check-worthiness a sentence needs to become a claim
    (None: the threshold chosen on development data).
    """
    try:
        raw = read(path, max_bytes=max_bytes)
    except IngestError as error:
        return Outcome(str(path), IngestOutcome.FAILED, message=str(error))
    return _save(store, raw, str(path), source, min_score)


def _save(
    store: Store,
    raw: Raw,
    name: str,
    source: str | None,
    min_score: float | None = None,
    ready: Extracted | None = None,
) -> Outcome:
    """Parse, extract and save what was read, unless the same text is stored already.

    The store is asked by content before parsing, so unchanged text costs no
    parse; saving does not ask again (the unique index on the hash is its guard).
    ``ready`` is the parse and extraction a worker process did already.
    """
    try:
        stored_at = store.path_with_content(raw.content_hash)
        if stored_at is not None:  # the same text is stored already: nothing to do
            note = ""
            if stored_at != raw.path:
                note = f"{name}: same text as {stored_at}, stored once"
            return Outcome(name, IngestOutcome.UNCHANGED, 0, note)
        if ready is not None:
            if isinstance(ready, IngestError):
                raise ready
            prepared, warning = ready
            result = store.save_prepared(prepared.stamped(raw.text, store.clock()))
            return Outcome(name, result.outcome, result.claims, warning or "")
        loaded = parse(raw, clock=store.clock, source=source)
    except IngestError as error:
        return Outcome(name, IngestOutcome.FAILED, message=str(error))
    document = loaded.document
    rows = extract_rows(document.clean_text, min_score=min_score)
    result = store.save_prepared(prepare_rows(document, rows))
    return Outcome(name, result.outcome, result.claims, loaded.warning or "")


# A document parsed and extracted in a worker process: its rows (without the
# text as read, which the Raw carries) and the warning of its reading, or why
# it failed.
Extracted = tuple[PreparedDocument, str | None] | IngestError
# The same as plain tuples (PreparedDocument.parts), which cross between
# processes at C speed (a record costs a Python call each way), and the warning.
_Wire = tuple[PreparedParts, str | None]
# What a worker sends back for a file: why it could not be read, or the fields
# of its Raw with its extraction (None: the database held its text already, so
# it was not parsed; the writer asks again, and parses it itself if need be).
Sent = IngestError | tuple[tuple[Any, ...], _Wire | IngestError | None]


def _extracted(raw: Raw, source: str | None, min_score: float | None) -> Extracted:
    """Parse, extract and prepare the rows in a worker process; the text as read
    and the time of ingest are set on saving."""
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


def _from_wire(wire: _Wire | IngestError | None) -> Extracted | None:
    if wire is None or isinstance(wire, IngestError):
        return wire
    parts, warning = wire
    return PreparedDocument.from_parts(parts), warning


_stored: Store | None = None  # a worker's own read-only view of the database


def _stored_already(database: str | None, content_hash: str) -> bool:
    """Whether the database (as last committed) holds this text: a worker does not
    parse a file a re-run finds unchanged. Any doubt is a no: the writer decides."""
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
    """Read, parse, extract and prepare a run of consecutive files in a worker process."""
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


@attrs.define
class _Batch:
    """Consecutive files read together: fewer messages between the processes,
    and the articles of one story meet the same memo of assessments."""

    paths: list[Path] = attrs.Factory(list)
    done: Future[list[Sent]] | None = None  # sent to a worker process
    here: list[Sent] | None = None  # read in this process instead


@attrs.frozen
class _Ahead:
    """A file being read, parsed and extracted ahead of its turn to be saved."""

    path: Path
    batch: _Batch
    index: int  # its place in the batch


# Files read ahead per job: at the end, what is left keeps the workers busy
# while the writer builds the indexes it set aside (see _Readers.settle).
_AHEAD_PER_JOB = 256
# Files per batch: each result wakes a thread of the writer, which unpickles it;
# 32 rather than 8 took a third off that thread's time on the bench corpus.
_BATCH = 32
_QUEUED_PER_WORKER = 4  # batches a worker has in hand, enough while the writer reads one
# Building the set-aside indexes takes about this long a claim (0.5 s for
# 135,000 claims on the bench machine), and reading a file about this long
# until the writer has timed its own.
_INDEX_SECONDS_PER_CLAIM = 4e-6
_READ_SECONDS_PER_FILE = 6e-4


@attrs.define
class _Readers:
    """Batches of files read ahead of the writer: by the worker processes, and
    by this process, the writer, whenever it would otherwise wait for them.

    A worker is given at most :data:`_QUEUED_PER_WORKER` batches at a time; the
    others wait in order. When the batch whose turn has come is still with a
    worker, the writer reads the first waiting batch itself, so ``jobs``
    processes are busy from start to end (the writer's share grows or shrinks
    with what is left to write) and no core is shared by three of them.
    """

    pool: ProcessPoolExecutor
    workers: int
    args: tuple[int, str | None, float | None, str | None]  # see _extracted_all
    waiting: deque[_Batch] = attrs.Factory(deque)
    given: deque[_Batch] = attrs.Factory(deque)  # with a worker, in order
    exhausted: bool = False  # every file is in a batch
    settled: bool = False  # the indexes set aside are built
    read_here: tuple[int, float] = (0, 0.0)  # files the writer read, and in what time

    def add(self, batch: _Batch) -> None:
        self.waiting.append(batch)
        self._give()

    def _give(self, files: int = 0) -> None:
        """Top the workers' batches up, and give them ``files`` more besides."""
        while self.given and self.given[0].done is not None and self.given[0].done.done():
            self.given.popleft()
        busy = sum(1 for batch in self.given if batch.done is not None and not batch.done.done())
        while self.waiting and (busy < self.workers * _QUEUED_PER_WORKER or files > 0):
            batch = self.waiting.popleft()
            batch.done = self.pool.submit(_extracted_all, batch.paths, *self.args)
            self.given.append(batch)
            if busy < self.workers * _QUEUED_PER_WORKER:
                busy += 1
            else:
                files -= len(batch.paths)

    def _read_here(self, batch: _Batch) -> None:
        self.waiting.remove(batch)
        began = time.perf_counter()
        batch.here = _extracted_all(batch.paths, *self.args)
        files, seconds = self.read_here
        self.read_here = (files + len(batch.paths), seconds + time.perf_counter() - began)

    def settle(self, store: Store) -> None:
        """Build the indexes the ingest set aside, once every file is in a batch:
        the workers are given as many of the files left as they can read in
        that time, so no core waits for the other."""
        self.settled = True
        claims = store.set_aside_claims()
        if not claims:
            return
        files, seconds = self.read_here
        per_file = seconds / files if files else _READ_SECONDS_PER_FILE
        self._give(round(claims * _INDEX_SECONDS_PER_CLAIM / per_file) * self.workers)
        store.build_indexes_now()

    def sent(self, ahead: _Ahead) -> Sent:
        """What was read of ``ahead``'s file, read here if its batch is still waiting."""
        batch = ahead.batch
        while batch.here is None:
            if batch.done is None:
                self._read_here(batch)  # its turn has come before a worker took it
            elif batch.done.done() or not self.waiting:
                result = batch.done.result()
                self._give()
                return result[ahead.index]
            else:
                self._read_here(self.waiting[0])  # rather than wait for the worker
                self._give()
        return batch.here[ahead.index]


def _read_ahead(
    items: Iterator[Path | WebAddress | IngestError],
    readers: _Readers,
    depth: int,
) -> Iterator[WebAddress | IngestError | _Ahead]:
    """``items`` in order, files handed to ``readers`` ``depth`` files ahead to be
    read, parsed and extracted.

    The writer needs only to save what comes back: it asks the store whether
    each text is stored (a copy of a file earlier in the same run is found as
    one job would find it) and writes the rows.
    """
    window: deque[WebAddress | IngestError | _Ahead] = deque()
    batch = _Batch()
    for item in items:
        if isinstance(item, Path):
            window.append(_Ahead(item, batch, len(batch.paths)))
            batch.paths.append(item)
            if len(batch.paths) >= _BATCH:
                readers.add(batch)
                batch = _Batch()
        else:
            window.append(item)
        while len(window) >= depth or (window and not isinstance(window[0], _Ahead)):
            first = window.popleft()
            if isinstance(first, _Ahead) and first.batch is batch:
                readers.add(batch)  # its turn has come before its batch filled
                batch = _Batch()
            yield first
    if batch.paths:
        readers.add(batch)
    readers.exhausted = True
    yield from window


def _save_ahead(
    store: Store, readers: _Readers, ahead: _Ahead, source: str | None, min_score: float | None
) -> Outcome:
    """Save what was read and extracted ahead, as :func:`ingest_file` would have."""
    sent = readers.sent(ahead)
    if isinstance(sent, IngestError):
        return Outcome(str(ahead.path), IngestOutcome.FAILED, message=str(sent))
    fields, wire = sent
    return _save(store, Raw(*fields), str(ahead.path), source, min_score, _from_wire(wire))


# Documents are committed together (each in its own savepoint): a commit writes
# every index page the batch touched, so few large commits cost far less than
# many small ones. A batch also ends after BATCH_SECONDS, so progress is
# reported steadily and another writer never waits long for the lock.
BATCH_FILES = 500
BATCH_SECONDS = 0.5


def ingest(
    store: Store,
    paths: Iterable[Input] | Found,
    *,
    max_bytes: int = MAX_BYTES,
    source: str | None = None,
    timeout: float = TIMEOUT,
    on_file: Callable[[Outcome], None] | None = None,
    min_score: float | None = None,
    jobs: int = 1,
) -> Report:
    """Ingest every article under ``paths`` (files, folders, ``http(s)://`` pages,
    or what :func:`find_articles` found under them).

    ``source`` names the outlet of articles that do not name their own.
    Outcomes are reported once their batch is committed, so a report never
    names a document the database does not hold. ``jobs`` above one parses
    and extracts files in that many processes, this one and ``jobs - 1``
    workers; this process alone writes, in input order, so the database is the
    same as with one job.
    """
    items = iter(paths.items if isinstance(paths, Found) else article_paths(paths))
    with store.bulk():
        if jobs <= 1:
            return _ingest(store, items, max_bytes, source, timeout, on_file, min_score)
        return _ingest_in_workers(
            store, items, jobs, max_bytes, source, timeout, on_file, min_score
        )


def _ingest_in_workers(
    store: Store,
    items: Iterator[Path | WebAddress | IngestError],
    jobs: int,
    max_bytes: int,
    source: str | None,
    timeout: float,
    on_file: Callable[[Outcome], None] | None,
    min_score: float | None,
) -> Report:
    # A worker asks the database for each text before parsing it, so a re-run
    # parses no unchanged file; a database that held no document when the run
    # began can hold only copies within the run, which the writer finds.
    stored = str(store.path) != ":memory:" and store.count_documents() > 0
    args = (max_bytes, source, min_score, str(store.path) if stored else None)
    # jobs - 1 workers: this process reads too, whenever it has nothing to write.
    # fork: the workers start at once with the modules already imported.
    workers = jobs - 1
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        readers = _Readers(pool, workers, args)
        ahead = _read_ahead(items, readers, jobs * _AHEAD_PER_JOB)
        try:
            return _ingest(store, ahead, max_bytes, source, timeout, on_file, min_score, readers)
        finally:
            _forget_stored()


def _ingest(
    store: Store,
    items: Iterator[Path | WebAddress | IngestError | _Ahead],
    max_bytes: int,
    source: str | None,
    timeout: float,
    on_file: Callable[[Outcome], None] | None,
    min_score: float | None,
    readers: _Readers | None = None,
) -> Report:
    report = Report()
    waiting: WebAddress | None = None  # a page to fetch before the next batch begins
    while True:
        fetched: list[Raw | IngestError] = []
        if waiting is not None:
            try:
                fetched.append(read_url(waiting.url, max_bytes=max_bytes, timeout=timeout))
            except IngestError as error:
                fetched.append(error)
            waiting = None
        outcomes: list[Outcome] = []
        began = time.monotonic()
        with store.transaction():
            for item in chain(fetched, items):
                if isinstance(item, WebAddress):
                    waiting = item
                    break
                if isinstance(item, IngestError):
                    outcomes.append(Outcome(_named(item), IngestOutcome.FAILED, message=str(item)))
                elif isinstance(item, _Ahead):
                    assert readers is not None
                    outcomes.append(_save_ahead(store, readers, item, source, min_score))
                elif isinstance(item, Raw):
                    outcomes.append(_save(store, item, item.path, source, min_score))
                else:
                    outcomes.append(
                        ingest_file(
                            store, item, max_bytes=max_bytes, source=source, min_score=min_score
                        )
                    )
                if len(outcomes) >= BATCH_FILES or time.monotonic() - began >= BATCH_SECONDS:
                    break
                if readers is not None and readers.exhausted and not readers.settled:
                    break  # commit, and build the indexes while the workers read the rest
        if readers is not None and readers.exhausted and not readers.settled:
            readers.settle(store)
        if not outcomes and waiting is None:
            return report
        for outcome in outcomes:
            report.count(outcome)
            if on_file is not None:
                on_file(outcome)


def _named(error: IngestError) -> str:
    """The file or address an error's line names (an address has a colon of its own)."""
    line = str(error)
    if is_url(line):
        scheme, _, rest = line.partition("://")
        return f"{scheme}://{rest.split(': ', 1)[0]}"
    return line.split(":", 1)[0]
