"""Reports by verdict written by worker processes: the same bytes as one process, no
partial report and no part left behind when a worker fails."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.export import ExportOptions, export, parallel
from workbench.core.export.common import Page, Summary, summarise
from workbench.core.export.parallel import jobs_for, start_method, write_report
from workbench.core.export.writer import atomic_text
from workbench.core.ingest import ingest
from workbench.core.models import Citation, ClaimFilter, SourceKind, Stance, Status
from workbench.core.store import Store
from workbench.core.store.export import SCORE_ORDER, SOURCE_ORDER

ARTICLES = {
    "buses.txt": (
        "date 2026-03-01 Council report on <the> town buses\n\n"
        "The council spent £40 million on 300 new buses in 2024, more than any year before.\n\n"
        '"We will cut fares by 10% next spring," said Mayor Ada Lowe on Tuesday.\n\n'
        "A 2025 audit by the Harlow Institute found that 12% of the buses were faulty.\n\n"
        "Ridership rose 8% in 2025 to 41 million journeys, the transport office said.\n"
    ),
    "wire.txt": (
        "date 2026-03-02 Wire copy: buses\n\n"
        "The council spent £40 million on 300 new buses in 2024, more than in any year.\n\n"
        "A 2025 audit by the Harlow Institute found that 12% of buses were faulty.\n\n"
        "Fares went up 5% in January, the third rise in 2 years, officials said.\n"
    ),
    "schools.txt": (
        "date 2026-03-03 Schools: the numbers\n\n"
        "Class sizes grew to 31 pupils on average in 2025, up from 27 in 2019.\n\n"
        '"We hired 1,200 teachers last year," said the minister, Jo Park, on Monday.\n\n'
        "Spending per pupil fell by 3% in real terms between 2020 and 2025.\n"
    ),
}
VERDICTS = [Status.DISPUTED, Status.SUPPORTED, Status.UNVERIFIABLE, Status.MIXED]


@pytest.fixture
def desk(tmp_path: Path, make_clock: type) -> Iterator[Store]:
    """Claims of three articles (two of them wire copies) under every verdict, some with
    two reviewers, citations and notes."""
    paths = []
    for name, text in ARTICLES.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    with Store(tmp_path / "desk.db", clock=make_clock(days=2)) as store:
        assert ingest(store, paths).ok
        ids = store.claim_ids(order="source")
        assert len(ids) >= 8
        for n, claim_id in enumerate(ids[:-1]):  # the last one stays unreviewed
            status = VERDICTS[n % len(VERDICTS)]
            citation = None
            if n % 3 == 0:
                citation = Citation(
                    None,
                    claim_id,
                    f"https://example.org/source/{n}?a=1&b=<2>",
                    SourceKind.URL,
                    quote="buses",
                    stance=Stance.REFUTES if n % 2 else Stance.SUPPORTS,
                    note=f"checked *{n}*",
                )
            store.mark(claim_id, status, "ann", note=f"note | {n}", citation=citation)
            if n % 4 == 2:
                store.mark(claim_id, status, "bob")  # two reviewers who agree
            if n == 4:
                store.mark(claim_id, Status.SUPPORTED, "bob")  # and two who do not
        yield store


def exported(store: Store, fmt: str, path: Path, **options: object) -> bytes:
    export(store, fmt, ExportOptions(generated="2026-11-25", **options), path)  # type: ignore[arg-type]
    return path.read_bytes()


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize(("unreviewed", "start"), [(False, "spawn"), (True, None)])
def test_two_processes_write_what_one_writes(
    desk: Store,
    tmp_path: Path,
    fmt: str,
    unreviewed: bool,
    start: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "START", start)
    summary = summarise(desk, ExportOptions(jobs=2, include_unreviewed=unreviewed))
    assert len([n for n in summary.counts.values() if n]) >= 4, summary.counts
    assert jobs_for(desk, ExportOptions(jobs=2), summary.counts) == 2
    one = exported(desk, fmt, tmp_path / "one", jobs=1, include_unreviewed=unreviewed)
    two = exported(desk, fmt, tmp_path / "two", jobs=2, include_unreviewed=unreviewed)
    assert two == one
    assert b"bob" in one and b"https://example.org/source/0" in one
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_filtered_report_in_two_processes(desk: Store, tmp_path: Path) -> None:
    where = ClaimFilter(statuses=(Status.MIXED, Status.DISPUTED))
    one = exported(desk, "markdown", tmp_path / "one.md", jobs=1, where=where)
    two = exported(desk, "markdown", tmp_path / "two.md", jobs=2, where=where)
    assert two == one
    assert b"## Supported" not in one.replace(b"# Supported", b"")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_report_of_one_verdict_is_cut_into_pieces(desk: Store, tmp_path: Path, fmt: str) -> None:
    """Two workers share even one section: it is cut by score, ties kept together."""
    where = ClaimFilter(statuses=(Status.DISPUTED,))
    options = ExportOptions(jobs=2, where=where)
    counts = summarise(desk, options).counts
    pieces = parallel._cut(desk, options, counts, Status.DISPUTED, 2)
    assert len(pieces) > 1
    scores = [r.claim.score for r in desk.iter_reviewed(where)]
    for piece in pieces:  # each score falls in exactly one piece
        assert piece.least is None or piece.least in scores
    one = exported(desk, fmt, tmp_path / "one", jobs=1, where=where)
    two = exported(desk, fmt, tmp_path / "two", jobs=2, where=where)
    assert two == one
    heading = b"\n## Disputed\n" if fmt == "markdown" else b"<h2>Disputed</h2>"
    assert one.count(heading) == 1  # one heading, however many pieces


def test_small_reports_stay_in_one_process(desk: Store, tmp_path: Path) -> None:
    counts = summarise(desk, ExportOptions()).counts
    assert jobs_for(desk, ExportOptions(), counts) == 0  # a few claims
    assert jobs_for(desk, ExportOptions(jobs=2, by="document"), counts) == 0
    assert jobs_for(desk, ExportOptions(jobs=1), counts) == 0


def test_workers_fork_from_one_thread_and_spawn_from_several() -> None:
    assert start_method() == "fork"  # a test runs in one thread
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        waiting.join()


def _failing(summary: Summary, pages: Iterator[Page], out: TextIO) -> int:
    claims = [reviewed.claim for page in pages for reviewed in page]
    out.write(f"{len(claims)} claims\n")
    if claims[0].status is Status.SUPPORTED:
        raise WorkbenchError("cannot write the supported claims")
    return len(claims)


def _killed(summary: Summary, pages: Iterator[Page], out: TextIO) -> int:
    claims = [reviewed.claim for page in pages for reviewed in page]
    out.write(f"{len(claims)} claims\n")
    if claims[0].status is Status.SUPPORTED:
        os._exit(3)
    return len(claims)


@pytest.mark.parametrize(
    ("section", "message"), [(_failing, "cannot write the supported"), (_killed, "code 3")]
)
def test_a_failing_worker_leaves_no_report_and_no_part(
    desk: Store, tmp_path: Path, section: object, message: str
) -> None:
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    target.write_text("the good report of yesterday\n", encoding="utf-8")
    options = ExportOptions(jobs=2)
    with pytest.raises(WorkbenchError, match=message), atomic_text(target) as out:
        write_report(desk, options, out, lambda _: None, (str, ""), section, target=target)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "the good report of yesterday\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.md"]


@pytest.mark.parametrize("order", [SCORE_ORDER, SOURCE_ORDER])
def test_one_statement_reads_the_pages_the_keyset_reads(desk: Store, order: object) -> None:
    where = ClaimFilter()
    middle = desk.score_at(where, 4)
    assert middle is not None
    for scores in [(None, None), (middle, None), (None, middle)]:
        keyset = list(desk.iter_reviewed_pages(where, order=order, batch=3, scores=scores))  # type: ignore[arg-type]
        streamed = list(
            desk.iter_reviewed_pages(where, order=order, batch=3, scores=scores, stream=True)  # type: ignore[arg-type]
        )
        assert streamed == keyset and keyset
    low = [
        r.claim.score
        for page in desk.iter_reviewed_pages(where, scores=(None, middle))
        for r in page
    ]
    assert low and max(low) < middle
