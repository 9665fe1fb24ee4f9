"""A seeded database the fault tests copy, and a way to run actor processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.core.ingest import ingest
from workbench.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def env_int(name: str, default: int) -> int:
    """A count or duration the fault run may raise (``make faults``)."""
    return int(os.environ.get(name, default))


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    with Store(path) as store:
        assert ingest(store, [SAMPLES]).ok
    return path


@pytest.fixture
def fresh_db(seeded_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "faults.db"
    shutil.copy(seeded_db, target)
    return target


def start_actor(role: str, db: Path, seed: int, seconds: float = 3600) -> subprocess.Popen[str]:
    """An actor process (tests/faults/actors.py) writing to ``db``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.actors", role, str(db), str(seed), str(seconds)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
