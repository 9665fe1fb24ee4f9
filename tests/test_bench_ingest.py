"""A smoke run of bench/bench_ingest.py (seconds), so the bench cannot rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL = ("--articles", "12", "--runs", "1", "--jobs", "2")


def test_bench_ingest_runs_and_prints_its_figures() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_ingest.py"), *SMALL],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    out = run.stdout
    for label in ("ingest+extract:", "--jobs 2:", "claims:", "reference loop"):
        assert label in out, out
    assert "(0 files failed)" in out
