"""Ingest with worker processes: one writer, and the same database as one job."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

import workbench.core.ingest_ahead as ahead_module
from tests.conftest import SAMPLES, FixedClock
from workbench.core.ingest import Raw, Report, ingest
from workbench.core.store import Store

TOWNS = ("Wendmouth", "Saltby", "Harrowgate Vale", "Lindqvist Bay")


def _articles(folder: Path) -> None:
    """Our own small articles, some sharing sentences (as outlets' copy does),
    one empty, one a copy of another."""
    folder.mkdir()
    shutil.copytree(SAMPLES, folder / "samples")
    for index in range(40):
        town = TOWNS[index % len(TOWNS)]
        body = (
            f"{town} council to sell depot\n\n"
            f"The {town} council voted on Tuesday to sell its bus depot for £{index + 2} million, "
            "a decision opposed by the drivers' union.\n\n"
            f'"We were given {index + 10} days to respond," said union organiser Petra Lund. '
            "She added that the sale would cost 40 jobs.\n\n"
            "Residents gathered outside the town hall in the rain."
        )
        (folder / f"story-{index:03d}.txt").write_text(body, encoding="utf-8")
    (folder / "story-copy.txt").write_text(
        (folder / "story-007.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "story-empty.txt").write_text("  \n", encoding="utf-8")
    for name in ("broken-a.html", "broken-b.html"):  # the same text, and none to read
        (folder / name).write_text("<html><body><nav></nav></body></html>", encoding="utf-8")


def _contents(path: Path) -> list[list[tuple[object, ...]]]:
    with sqlite3.connect(path) as db:
        return [
            db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            for table in ("documents", "claims", "passages")
        ]


def _run(base: Path, jobs: int, monkeypatch: pytest.MonkeyPatch) -> tuple[Report, Report]:
    """Ingest base/corpus twice (a file changed between), working in ``base``
    so both runs store the same relative paths."""
    monkeypatch.chdir(base)
    folder = Path("corpus")
    _articles(folder)
    with Store(base / "claims.db", clock=FixedClock()) as store:
        first = ingest(store, [folder], jobs=jobs)
        (folder / "story-003.txt").write_text("Saltby closed its pier for 9 days.", "utf-8")
        again = ingest(store, [folder], jobs=jobs)
        (folder / "story-003.txt").unlink()
    return first, again


def test_two_jobs_write_the_same_database_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = _run(tmp_path / "one", 1, monkeypatch)
    two = _run(tmp_path / "two", 2, monkeypatch)
    assert _contents(tmp_path / "one" / "claims.db") == _contents(tmp_path / "two" / "claims.db")
    for single, double in zip(one, two, strict=True):
        assert single.outcomes == double.outcomes  # the same, in the same order
    first = one[0]
    assert (first.added, first.unchanged, first.failed) == (45, 1, 3)
    assert one[1].updated == 1


def test_workers_leave_a_stored_text_unparsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A re-run costs the workers a read and a look-up, not a parse, for every
    text the database holds; a new file among them is parsed and stored."""
    monkeypatch.chdir(tmp_path)
    folder = Path("corpus")
    _articles(folder)
    log = tmp_path / "parsed.log"
    parse = ahead_module._extracted

    def logged(raw: Raw, source: str | None, min_score: float | None) -> object:
        with log.open("a", encoding="utf-8") as out:  # the workers are other processes
            out.write(f"{raw.path}\n")
        return parse(raw, source, min_score)

    monkeypatch.setattr(ahead_module, "_extracted", logged)  # the workers fork with it
    with Store(tmp_path / "claims.db", clock=FixedClock()) as store:
        first = ingest(store, [folder], jobs=2)
        # Every text the first time: the two broken pages and the copy as well.
        assert len(log.read_text(encoding="utf-8").split()) == first.added + 3
        log.unlink()
        (folder / "story-new.txt").write_text("Saltby closed its pier for 9 days.", "utf-8")
        again = ingest(store, [folder], jobs=2)
    assert (again.added, again.failed) == (1, 3)
    # The new file and the two that failed to parse (so were not stored) only.
    assert sorted(log.read_text(encoding="utf-8").split()) == [
        "corpus/broken-a.html",
        "corpus/broken-b.html",
        "corpus/story-new.txt",
    ]


def test_a_text_a_worker_took_for_stored_is_parsed_by_the_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker's view of the database may be out of date (a document deleted
    since): the writer asks again and parses what is not stored after all."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = _run(tmp_path / "one", 1, monkeypatch)
    monkeypatch.setattr(ahead_module, "_stored_already", lambda _database, _hash: True)
    two = _run(tmp_path / "two", 2, monkeypatch)
    assert _contents(tmp_path / "one" / "claims.db") == _contents(tmp_path / "two" / "claims.db")
    for single, double in zip(one, two, strict=True):
        assert single.outcomes == double.outcomes


def test_workers_ask_an_empty_database_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into a database that held no document, the workers parse every file without
    opening the database to ask (the writer finds copies within the run)."""
    monkeypatch.chdir(tmp_path)
    folder = Path("corpus")
    _articles(folder)
    log = tmp_path / "asked.log"
    asked = ahead_module._stored_already

    def logged(database: str | None, content_hash: str) -> bool:
        if database is not None:
            with log.open("a", encoding="utf-8") as out:  # the workers are other processes
                out.write(f"{content_hash}\n")
        return asked(database, content_hash)

    monkeypatch.setattr(ahead_module, "_stored_already", logged)  # the workers fork with it
    with Store(tmp_path / "claims.db", clock=FixedClock()) as store:
        first = ingest(store, [folder], jobs=2)
        assert first.added > 40 and not log.exists()
        ingest(store, [folder], jobs=2)
    # The second time, every file but the empty one (which fails on reading).
    assert len(log.read_text(encoding="utf-8").split()) == len(first.outcomes) - 1


def test_the_writer_reads_files_itself_rather_than_wait_for_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two jobs are this process and one worker: when the batch whose turn has
    come is still with the worker, the writer reads a later batch itself; the
    database is the one a single job writes."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = _run(tmp_path / "one", 1, monkeypatch)
    writer = os.getpid()
    log = tmp_path / "pids.log"
    parse = ahead_module._extracted

    def slow_worker(raw: Raw, source: str | None, min_score: float | None) -> object:
        if os.getpid() != writer:
            time.sleep(0.02)  # the worker is slow: the writer cannot keep waiting
        with log.open("a", encoding="utf-8") as out:  # the worker is another process
            out.write(f"{os.getpid()}\n")
        return parse(raw, source, min_score)

    monkeypatch.setattr(ahead_module, "_extracted", slow_worker)  # the worker forks with it
    monkeypatch.setattr(ahead_module, "BATCH", 4)
    two = _run(tmp_path / "two", 2, monkeypatch)
    assert _contents(tmp_path / "one" / "claims.db") == _contents(tmp_path / "two" / "claims.db")
    for single, double in zip(one, two, strict=True):
        assert single.outcomes == double.outcomes
    readers = set(log.read_text(encoding="utf-8").split())
    assert str(writer) in readers
    assert len(readers) == 3  # the writer, and one worker in each of the two runs


def test_a_worker_that_stops_loses_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed half way (out of memory, say) takes batches with it; the
    writer reads what did not come back, and the database is the one a single
    job writes."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = _run(tmp_path / "one", 1, monkeypatch)
    writer = os.getpid()
    parse = ahead_module._extracted

    died = tmp_path / "died"

    def dies(raw: Raw, source: str | None, min_score: float | None) -> object:
        if os.getpid() != writer:
            died.touch()
            os._exit(9)  # the worker is gone, with the batch it held
        return parse(raw, source, min_score)

    monkeypatch.setattr(ahead_module, "_extracted", dies)  # the worker forks with it
    monkeypatch.setattr(ahead_module, "BATCH", 4)
    two = _run(tmp_path / "two", 2, monkeypatch)
    assert died.exists()  # a worker took a batch, and stopped with it
    assert _contents(tmp_path / "one" / "claims.db") == _contents(tmp_path / "two" / "claims.db")
    for single, double in zip(one, two, strict=True):
        assert single.outcomes == double.outcomes


class _Collecting:
    """Readers that only record what was put in their queue."""

    def __init__(self) -> None:
        self.added: list[int] = []

    def add(self, batch: ahead_module.Batch) -> None:
        self.added.append(len(batch.paths))


def test_big_files_are_read_ahead_a_few_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is read ahead waits in memory, so the window counts bytes as well as
    files: ten files of 1 KB with room for 3 KB are handed on at most four ahead."""
    paths = []
    for number in range(10):
        path = tmp_path / f"big-{number}.txt"
        path.write_text("x" * 1024, encoding="utf-8")
        paths.append(path)
    monkeypatch.setattr(ahead_module, "AHEAD_BYTES", 3 * 1024)
    monkeypatch.setattr(ahead_module, "BATCH", 1)
    readers = _Collecting()
    window = ahead_module.read_ahead(iter(paths), readers, 100)  # type: ignore[arg-type]
    first = next(window)
    assert first.path == paths[0] and len(readers.added) == 4
    assert [item.path for item in [first, *window]] == paths
