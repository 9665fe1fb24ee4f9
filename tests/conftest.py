"""Shared fixtures. Every test runs in its own temporary folder, so none can
reach the committed claims.db."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.core.ingest import ingest
from workbench.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "test.db"))
    monkeypatch.setenv("WORKBENCH_REVIEWER", "tester")


class FixedClock:
    """A clock that ticks one second per call, for deterministic timestamps.

    With ``days`` > 1 the ticks also cycle through that many dates, so per-day
    figures have more than one day to count.
    """

    def __init__(self, days: int = 1) -> None:
        self.ticks = 0
        self.days = days

    def __call__(self) -> str:
        self.ticks += 1
        minutes, seconds = divmod(self.ticks, 60)
        day = 20 + self.ticks % self.days
        return f"2026-11-{day:02d}T09:{minutes:02d}:{seconds:02d}+00:00"


@pytest.fixture
def make_clock() -> type[FixedClock]:
    """The test clock class, for fixtures that build their own store."""
    return FixedClock


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "store.db", clock=FixedClock()) as opened:
        yield opened


@pytest.fixture
def sample_store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "samples.db", clock=FixedClock()) as opened:
        report = ingest(opened, [SAMPLES])
        assert report.ok and report.added == 5
        yield opened
