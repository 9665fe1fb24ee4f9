"""Four processes, the store API, the CLI and an ingest,, writing the same database at once.

Nothing reported done may be missing and "database is locked" never reaches the
user. 20 s by default (WORKBENCH_FAULT_SECONDS).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.checks import assert_consistent, reported
from tests.faults.conftest import env_int, start_actor

pytestmark = pytest.mark.slow


def test_concurrent_writers_lose_nothing_and_never_see_locked(fresh_db: Path) -> None:
    seconds = env_int("WORKBENCH_FAULT_SECONDS", 20)
    actors = [
        start_actor("writer", fresh_db, seed=1, seconds=seconds),
        start_actor("writer", fresh_db, seed=2, seconds=seconds),
        start_actor("cli", fresh_db, seed=3, seconds=seconds),
        start_actor("ingest", fresh_db, seed=4, seconds=seconds),
    ]
    outputs = [actor.communicate(timeout=seconds + 120) for actor in actors]
    done: list[list[str]] = []
    for actor, (out, err) in zip(actors, outputs, strict=True):
        lines = out.splitlines(keepends=True)
        errors = [line for line in lines if line.startswith("error")]
        assert errors == [], errors[:3]
        assert "locked" not in err, err[-2000:]
        assert actor.returncode == 0, err[-2000:]
        done.extend(reported(lines))
    kinds = {fields[0] for fields in done}
    assert {"mark", "climark", "ingest"} <= kinds, kinds
    assert_consistent(fresh_db, done)
