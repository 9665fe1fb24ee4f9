"""Fixtures for driving the review app headless."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.core.ingest import ingest
from workbench.core.store import Store
from workbench.tui.app import WorkbenchApp, make_app

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "review.db"
    with Store(path) as store:
        assert ingest(store, [SAMPLES]).ok
    return path


@pytest.fixture
def store(db_path: Path, make_clock: type) -> Iterator[Store]:
    with Store(db_path, clock=make_clock()) as opened:
        yield opened


@pytest.fixture
def app(store: Store) -> WorkbenchApp:
    return make_app(store, "ann")
