"""A killed `export -o` leaves no part file for good; a live export's part is never touched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.core.export import ExportOptions, export
from workbench.core.export.writer import STALE_AFTER, atomic_text
from workbench.core.store import Store

# `workbench export -o TARGET` whose report writer stops half way: it writes,
# says so, then waits to be killed. Everything else is the real command.
SLOW_EXPORT = """
import sys, time
from workbench.core import export

def half_then_wait(store, options, out):
    out.write("half a report\\n" * 20000)
    out.flush()
    print("writing", flush=True)
    time.sleep(120)
    return 0

export.WRITERS["markdown"] = half_then_wait
from workbench.cli import main
main(["export", "--format", "markdown", "-o", sys.argv[1]])
"""
OPTIONS = ExportOptions(generated="2026-01-01")


def parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "test.db"  # the WORKBENCH_DB every test gets
    with Store(path):
        pass
    return path


@pytest.fixture
def writing(tmp_path: Path, db: Path) -> Iterator[subprocess.Popen[str]]:
    """A real export process, stopped half way through writing out/report.md."""
    (tmp_path / "out").mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_EXPORT, str(tmp_path / "out" / "report.md")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "WORKBENCH_DB": str(db)},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line == "writing\n", line + (process.stderr.read() if process.stderr else "")
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def test_a_killed_export_leaves_no_stale_part_after_the_next_one(
    tmp_path: Path, db: Path, writing: subprocess.Popen[str]
) -> None:
    out = tmp_path / "out"
    (stranded,) = parts(out)
    assert stranded.startswith(".report.md.") and (out / stranded).stat().st_size > 100_000
    os.kill(writing.pid, signal.SIGKILL)
    writing.wait(timeout=30)
    assert parts(out) == [stranded]  # the kill left it: nothing could remove it
    assert not (out / "report.md").exists()
    with Store(db) as store:
        export(store, "markdown", OPTIONS, out / "report.md")
    assert parts(out) == []
    assert (out / "report.md").read_text().startswith("#")


def test_the_part_of_a_live_export_is_left_alone(
    tmp_path: Path, db: Path, writing: subprocess.Popen[str]
) -> None:
    out = tmp_path / "out"
    (live,) = parts(out)
    with Store(db) as store:
        export(store, "markdown", OPTIONS, out / "report.md")
    assert parts(out) == [live]
    writing.kill()
    writing.wait(timeout=30)
    with Store(db) as store:
        export(store, "markdown", OPTIONS, out / "report.md")
    assert parts(out) == []


def test_parts_of_old_versions_and_other_targets(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    old_and_abandoned = tmp_path / ".report.md.k2j4h1x0.part"
    old_but_fresh = tmp_path / ".report.md.a8d7f6e5.part"
    other_host_abandoned = tmp_path / ".report.md.00000000-12.abcdefgh.part"
    another_target = tmp_path / ".report.md.bak.k2j4h1x0.part"
    for part in (old_and_abandoned, old_but_fresh, other_host_abandoned, another_target):
        part.write_text("half")
    long_ago = time.time() - STALE_AFTER - 60
    for part in (old_and_abandoned, other_host_abandoned, another_target):
        os.utime(part, (long_ago, long_ago))
    with atomic_text(target) as out:
        out.write("whole")
    assert target.read_text() == "whole"
    assert parts(tmp_path) == sorted([old_but_fresh.name, another_target.name])


def test_an_export_in_this_process_keeps_its_own_part_from_another(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    with atomic_text(target) as first:
        first.write("one")
        (mine,) = parts(tmp_path)
        with atomic_text(target) as second:  # e.g. the app's worker thread
            second.write("two")
            assert mine in parts(tmp_path) and len(parts(tmp_path)) == 2
    assert target.read_text() == "one" and parts(tmp_path) == []
