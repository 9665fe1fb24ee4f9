"""Two reviewers in two processes on one database: they judge blind, at the same time,
and disagree; a third process (the CLI) shows the blind and the conflict."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from workbench.core.ingest import ingest
from workbench.core.models import Status
from workbench.core.store import Store

ROOT = Path(__file__).resolve().parent.parent

# Each reviewer marks the same claims from their own process and connection;
# bob disagrees on every other one. They start together and write as they go.
REVIEWER = """
import sys, time
from pathlib import Path
from workbench.core.models import Status
from workbench.core.store import Store

db, who, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
while not go.exists():
    time.sleep(0.01)
with Store(db) as store:
    for n, claim_id in enumerate(store.claim_ids()[:12]):
        verdict = Status.DISPUTED if who == "bob" and n % 2 else Status.SUPPORTED
        store.mark(claim_id, verdict, who, note=f"{who} on {claim_id}")
"""


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    return subprocess.run(
        [sys.executable, "-m", "workbench", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def test_two_processes_review_blind_and_disagree(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    with Store(db) as store:
        assert ingest(store, [ROOT / "samples"]).ok
        store.set_required_verdicts(2)
        ids = store.claim_ids()[:12]
        blind_one = store.claim_ids()[12]
        store.mark(blind_one, Status.MIXED, "ann", note="ann alone")
    go = tmp_path / "go"
    reviewers = [
        subprocess.Popen(
            [sys.executable, "-c", REVIEWER, str(db), who, str(go)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("ann", "bob")
    ]
    go.touch()
    for process in reviewers:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    with Store(db) as store:
        statuses = [store.get_claim(i).status for i in ids]
        assert statuses == [Status.SUPPORTED, Status.CONFLICT] * 6
        for claim_id in ids:  # every verdict of both, none lost to the other's writes
            assert {v.reviewer for v in store.history(claim_id)} == {"ann", "bob"}
    shown = _cli(db, "--reviewer", "bob", "show", str(blind_one))
    assert shown.returncode == 0, shown.stderr
    assert "Blind: 1 other verdict hidden" in shown.stdout and "ann" not in shown.stdout
    conflict = _cli(db, "--reviewer", "eve", "show", str(ids[1]))
    assert f"ann: supported — ann on {ids[1]}" in conflict.stdout
    assert f"bob: disputed — bob on {ids[1]}" in conflict.stdout
    figures = json.loads(_cli(db, "agreement", "--format", "json").stdout)
    assert figures["percent"] == {"value": 0.5, "claims": 12, "verdicts": 24}
