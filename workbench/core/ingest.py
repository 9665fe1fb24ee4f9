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

import os
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path

import attrs

from workbench.core.errors import IngestError
from workbench.core.fetch import TIMEOUT, is_url
from workbench.core.formats import FORMATS
from workbench.core.ingest_ahead import (
    AHEAD_PER_JOB,
    Ahead,
    Extracted,
    Readers,
    from_wire,
    read_ahead,
)
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
from workbench.core.store.documents import prepare_rows
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
    # One job sets some indexes aside and builds them at the end; with workers,
    # the writer keeps them up to date as it goes while the workers read (the
    # build would leave the workers nothing to do: 0.5 s at 10,000 articles).
    with store.bulk(set_aside=jobs <= 1):
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
    readers = Readers.start(jobs - 1, args)  # this process reads too: see ingest_ahead
    try:
        ahead = read_ahead(items, readers, jobs * AHEAD_PER_JOB)
        return _ingest(store, ahead, max_bytes, source, timeout, on_file, min_score, readers)
    finally:
        readers.close()


def _save_ahead(
    store: Store, readers: Readers, ahead: Ahead, source: str | None, min_score: float | None
) -> Outcome:
    """Save what was read and extracted ahead, as :func:`ingest_file` would have."""
    sent = readers.sent(ahead)
    if isinstance(sent, IngestError):
        return Outcome(str(ahead.path), IngestOutcome.FAILED, message=str(sent))
    fields, wire = sent
    return _save(store, Raw(*fields), str(ahead.path), source, min_score, from_wire(wire))


def _ingest(
    store: Store,
    items: Iterator[Path | WebAddress | IngestError | Ahead],
    max_bytes: int,
    source: str | None,
    timeout: float,
    on_file: Callable[[Outcome], None] | None,
    min_score: float | None,
    readers: Readers | None = None,
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
                elif isinstance(item, Ahead):
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
