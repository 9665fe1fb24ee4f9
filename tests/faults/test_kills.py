"""Writers killed with SIGKILL at random moments lose nothing they reported saved.

30 kills in the normal test run; ``make faults`` sets WORKBENCH_FAULT_KILLS=200.
"""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from tests.faults.checks import assert_consistent, reported
from tests.faults.conftest import env_int, start_actor

pytestmark = pytest.mark.slow


def test_killed_writer_keeps_every_reported_verdict(fresh_db: Path) -> None:
    kills = env_int("WORKBENCH_FAULT_KILLS", 30)
    rng = random.Random(20261124)
    done: list[list[str]] = []
    actions_reported = 0
    for round_number in range(kills):
        actor = start_actor("writer", fresh_db, seed=round_number)
        assert actor.stdout is not None
        first = actor.stdout.readline()
        assert first == "ready\n", first + (actor.stderr.read() if actor.stderr else "")
        time.sleep(rng.uniform(0.0, 0.25))
        actor.send_signal(signal.SIGKILL)
        out, _ = actor.communicate(timeout=30)
        assert actor.returncode == -signal.SIGKILL
        lines = out.splitlines(keepends=True)
        assert not [line for line in lines if line.startswith("error")], lines
        these = reported(lines)
        actions_reported += len(these)
        done.extend(these)
        # Check after every kill: a later writer must not mend what a kill broke.
        assert_consistent(fresh_db, done)
    assert actions_reported > kills, "the writers were killed before doing anything"
