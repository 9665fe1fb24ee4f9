"""The grouping benchmark runs (a smoke run of seconds, so it cannot rot)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_matching_prints_its_figures() -> None:
    command = ["bench/bench_matching.py", "--claims", "300", "--runs", "2", "--sample", "20"]
    result = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for line in ("corpus:", "from scratch:", "100 articles:", "peak memory:", "naive all-pairs:"):
        assert line in result.stdout
    assert "reference loop" in result.stdout
