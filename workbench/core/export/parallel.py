"""The sections of a report by verdict, written by worker processes at once.

A report by verdict is a summary and then one section per status; the sections
do not depend on one another. For a large selection the sections are cut into
pieces of about the same size (runs of scores, so that a report of mostly one
verdict is shared too), and :data:`JOBS` worker processes, each with its own
read-only connection, write the pieces to part files beside the report while
the parent makes the summary; the parent then writes each section's heading and
copies its pieces in report order: the report is byte for byte the one a single
process writes. A failure anywhere stops the workers, removes the parts and is
raised in the parent, which (``atomic_text``) leaves no partial report. A small
selection, a report by document or a database in memory is written in this
process, section after section.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

import attrs

from workbench.core.errors import WorkbenchError
from workbench.core.export.common import (
    ExportOptions,
    Page,
    Summary,
    report_counts,
    section_summary,
    sections,
    summarise,
)
from workbench.core.export.writer import part_file
from workbench.core.models import ClaimFilter, Status
from workbench.core.store import Store
from workbench.core.store.export import SCORE_ORDER

# From this many selected claims on, a report by verdict writes its sections in
# worker processes (below it, starting them costs more than it saves).
PARALLEL_FROM = 50_000
JOBS = 2  # worker processes, at most (this machine has two cores)
MOST_PIECES = 8  # pieces a section is cut into, at most
START: str | None = None  # how workers start; None: start_method() decides (tests set it)

# Writes the claims of a section (or of a piece of one) to ``out``; returns how many.
# A function of a module (not a closure): a worker process finds it by name.
SectionWriter = Callable[[Summary, Iterator[Page], TextIO], int]


def jobs_for(store: Store, options: ExportOptions, counts: dict[Status, int]) -> int:
    """How many worker processes write the sections (0: this process writes them), given
    the selected claims by status."""
    if options.by != "verdict" or str(store.path) == ":memory:":
        return 0
    wanted = options.jobs
    if wanted is None:
        if sum(counts.values()) < PARALLEL_FROM:
            return 0
        wanted = min(JOBS, os.cpu_count() or 1)
    return wanted if wanted > 1 and sum(counts.values()) > 1 else 0


def start_method() -> str:
    """Fork a process with one thread (the command line): the worker starts at once, and a
    script without a ``__main__`` guard is not run again. Spawn one with threads (the
    app), which a fork could leave holding a lock that no thread will release."""
    if START is not None:
        return START
    forks = "fork" in multiprocessing.get_all_start_methods()
    return "fork" if forks and threading.active_count() == 1 else "spawn"


def write_report(
    store: Store,
    options: ExportOptions,
    out: TextIO,
    head: Callable[[Summary], None],
    section: tuple[Callable[[str], str], str],
    write: SectionWriter,
    *,
    target: Path | None = None,
) -> int:
    """The report: ``head`` writes its top from the summary, then each section follows in
    order, between its opening (made from its heading) and its closing (``section``),
    its claims written by ``write``; returns the claims written.

    ``target`` is the report's path, beside which worker processes write their
    parts (the temporary folder when the report goes to standard output). The
    workers start before the summary is made, which takes seconds at a million
    claims.
    """
    opening, closing = section
    scale = store.scale()
    counts = report_counts(store, options, scale)
    jobs = jobs_for(store, options, counts)
    if not jobs:
        summary = summarise(store, options, counts)
        head(summary)
        written = 0
        for heading, pages in sections(store, options, summary):
            out.write(opening(heading))
            written += write(summary, pages, out)
            out.write(closing)
        return written
    statuses = [
        status
        for status in counts
        if counts[status] and (not options.where.statuses or status in options.where.statuses)
    ]
    pieces = [piece for status in statuses for piece in _cut(store, options, counts, status, jobs)]
    # Each worker its share of the pieces, the largest first to the least loaded worker,
    # so that they finish together; it writes them in report order.
    shares: list[list[int]] = [[] for _ in range(jobs)]
    loads = [0] * jobs
    for i in sorted(range(len(pieces)), key=lambda i: -pieces[i].size):
        least = loads.index(min(loads))
        shares[least].append(i)
        loads[least] += pieces[i].size
    values = {status.value: count for status, count in counts.items()}
    method = start_method()
    context = (
        multiprocessing.get_context("fork")
        if method == "fork"
        else multiprocessing.get_context("spawn")
    )
    with contextlib.ExitStack() as stack:
        parts = [stack.enter_context(part_file(target)) for _ in pieces]
        news: multiprocessing.Queue[tuple[int, int | BaseException]] = context.Queue()
        database = store.path.absolute()
        workers = [
            context.Process(
                target=_work,
                args=(
                    [
                        _Job(database, options, values, pieces[i], parts[i], i)
                        for i in sorted(share)
                    ],
                    write,
                    news,
                ),
                daemon=True,
            )
            for share in shares
        ]
        stack.callback(_stop, workers)  # on an error too: no worker outlives the export
        for worker in workers:
            worker.start()
        head(summarise(store, options, counts))
        done: dict[int, int] = {}
        written = 0
        for i, (piece, part) in enumerate(zip(pieces, parts, strict=True)):
            if i == 0 or pieces[i - 1].status is not piece.status:
                out.write(opening(scale.title(piece.status)))
            while i not in done:
                index, result = _next(news, workers)
                if isinstance(result, BaseException):
                    raise result
                done[index] = result
            written += done[i]
            _append(part, out)
            if i + 1 == len(pieces) or pieces[i + 1].status is not piece.status:
                out.write(closing)
        return written


@attrs.frozen
class _Piece:
    """The claims of a section scored at least ``least`` and below ``below`` (None: no
    bound): a run of the section, in score order."""

    status: Status
    least: float | None
    below: float | None
    size: int  # about how many claims


def _cut(
    store: Store, options: ExportOptions, counts: dict[Status, int], status: Status, jobs: int
) -> list[_Piece]:
    """A section in pieces of about the same number of claims, so that the workers share
    even a report that is mostly one verdict: about twice as many pieces in all as
    workers. Claims of the same score stay in one piece."""
    count = counts[status]
    wanted = min(round(2 * jobs * count / sum(counts.values())), MOST_PIECES)
    if wanted < 2:
        return [_Piece(status, None, None, count)]
    where = attrs.evolve(options.where, statuses=(status,))
    cuts: list[float] = []
    for n in range(1, wanted):
        score = store.score_at(
            where,
            n * count // wanted,
            reviewer=options.reviewer,
            reviewed_only=not options.include_unreviewed,
        )
        if score is not None and (not cuts or score < cuts[-1]):
            cuts.append(score)
    bounds = [None, *cuts, None]
    return [
        _Piece(status, bounds[k + 1], bounds[k], count // (len(bounds) - 1))
        for k in range(len(bounds) - 1)
    ]


@attrs.frozen
class _Job:
    """One piece for a worker: where to read, which claims, where to write."""

    database: Path
    options: ExportOptions
    counts: dict[str, int]
    piece: _Piece
    part: Path
    index: int  # the piece's place in the report


def _work(
    jobs: list[_Job],
    write: SectionWriter,
    news: multiprocessing.Queue[tuple[int, int | BaseException]],
) -> None:
    """A worker process: write its pieces, each to its part file, and say when each is
    done (or what failed)."""
    index = jobs[0].index
    try:
        with Store(jobs[0].database, readonly=True) as store:
            first = jobs[0]
            counts = {Status(value): count for value, count in first.counts.items()}
            summary = section_summary(store, first.options, counts)
            for job in jobs:
                index = job.index
                news.put((index, _write_part(store, summary, job, write)))
    except BaseException as error:  # the parent raises it
        news.put((index, _portable(error)))


def _write_part(store: Store, summary: Summary, job: _Job, write: SectionWriter) -> int:
    options, piece = job.options, job.piece
    pages = store.iter_reviewed_pages(
        attrs.evolve(options.where, statuses=(piece.status,)),
        reviewer=options.reviewer,
        reviewed_only=not options.include_unreviewed,
        order=SCORE_ORDER,
        scores=(piece.least, piece.below),
        # One statement when the (status, score) index gives the order, so SQLite sorts
        # only claims of the same score; under another filter it would sort the piece.
        stream=options.reviewer is None
        and attrs.evolve(options.where, statuses=()) == ClaimFilter(),
    )
    with open(job.part, "w", encoding="utf-8") as out:
        return write(summary, pages, out)


def _portable(error: BaseException) -> BaseException:
    """The error itself when it can cross to the parent, else one that says what it was."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # any error that cannot be pickled
        return RuntimeError(f"export worker failed: {type(error).__name__}: {error}")
    return error


def _next(
    news: multiprocessing.Queue[tuple[int, int | BaseException]],
    workers: Sequence[multiprocessing.process.BaseProcess],
) -> tuple[int, int | BaseException]:
    """The next worker's news; an error when a worker ended without a word (killed)."""
    while True:
        try:
            return news.get(timeout=0.5)
        except queue.Empty:
            for worker in workers:
                if worker.exitcode not in (None, 0):
                    raise WorkbenchError(
                        f"an export worker process ended with code {worker.exitcode};"
                        " no report was written"
                    ) from None


def _stop(workers: Sequence[multiprocessing.process.BaseProcess]) -> None:
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        if worker.pid is not None:
            worker.join()


def _append(part: Path, out: TextIO) -> None:
    """Copy a part file to the end of the report: as bytes when the report has them."""
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        with open(part, "rb") as source:
            shutil.copyfileobj(source, buffer, 1 << 20)
        return
    with open(part, encoding="utf-8", newline="") as text:
        while chunk := text.read(1 << 20):
            out.write(chunk)
