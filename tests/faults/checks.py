"""What must hold in a database after any crash, kill or race."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path


def reported(lines: Iterable[str]) -> list[list[str]]:
    """The complete ``done ...`` lines an actor printed (a kill may cut the last one)."""
    return [line.split()[1:] for line in lines if line.endswith("\n") and line.startswith("done ")]


def assert_consistent(db: Path, done: list[list[str]]) -> None:
    """Integrity, statuses, the undo journal, and every reported write present."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # The claim's status is its latest history row (unreviewed with none).
        mismatched = conn.execute(
            """
            SELECT c.id, c.status, (SELECT v.verdict FROM verdicts v WHERE v.claim_id = c.id
                                    ORDER BY v.id DESC LIMIT 1) AS latest
            FROM claims c
            WHERE c.status != COALESCE((SELECT v.verdict FROM verdicts v
                                        WHERE v.claim_id = c.id ORDER BY v.id DESC LIMIT 1),
                                       'unreviewed')
            """
        ).fetchall()
        assert mismatched == [], f"status differs from the latest history row: {mismatched[:5]}"
        # An action is undone exactly when the latest undo/redo aimed at it is an undo.
        actions = conn.execute(
            "SELECT id, kind, undone, target FROM actions ORDER BY id"
        ).fetchall()
        latest_on: dict[int, str] = {}
        for _, kind, _, target in actions:
            if kind in ("undo", "redo") and target is not None:
                latest_on[target] = kind
        by_id = {row[0]: row for row in actions}
        for target, kind in latest_on.items():
            assert target in by_id, f"undo/redo aims at missing action {target}"
            assert by_id[target][2] == (1 if kind == "undo" else 0), (
                f"action {target} undone={by_id[target][2]} but its latest revert is {kind}"
            )
        for action_id, kind, undone, _ in actions:
            if kind not in ("undo", "redo") and action_id not in latest_on:
                assert undone == 0, f"action {action_id} undone with no undo row"
        # Every write the actor reported done is there.
        for fields in done:
            what = fields[0]
            if what == "mark":
                claim_id, verdict_id, verdict = int(fields[1]), int(fields[2]), fields[3]
                row = conn.execute(
                    "SELECT claim_id, verdict FROM verdicts WHERE id = ?", [verdict_id]
                ).fetchone()
                assert row == (claim_id, verdict), f"reported verdict {fields} missing: {row}"
            elif what == "climark":
                claim_id, note, verdict = int(fields[1]), fields[2], fields[3]
                row = conn.execute(
                    "SELECT 1 FROM verdicts WHERE claim_id = ? AND note = ? AND verdict = ?",
                    [claim_id, note, verdict],
                ).fetchone()
                assert row is not None, f"reported CLI verdict {fields} missing"
    finally:
        conn.close()
