"""`workbench stats --json`: the shape scripts read, pinned key by key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from workbench.cli import main
from workbench.core.ingest import ingest
from workbench.core.models import ClaimKind, Status
from workbench.core.store import Store

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _stats(path: Path) -> tuple[str, Any]:
    result = CliRunner().invoke(main, ["--db", str(path), "stats", "--json"])
    assert result.exit_code == 0, result.output
    return result.stdout, json.loads(result.stdout)


def test_stats_json_keeps_its_keys_order_and_values(tmp_path: Path, make_clock: Any) -> None:
    path = tmp_path / "stats.db"
    with Store(path, clock=make_clock(days=2)) as store:
        assert ingest(store, [SAMPLES]).added == 5
        store.mark(1, Status.SUPPORTED, "ann")
        store.mark(2, Status.DISPUTED, "bob")
        store.mark(3, Status.MIXED, "ann")
        claims = store.count_claims()

    out, figures = _stats(path)
    assert out == json.dumps(figures, indent=2) + "\n"
    assert list(figures) == [
        "documents",
        "claims",
        "by_kind",
        "by_status",
        "by_reviewer",
        "by_day",
        "by_reviewer_day",
    ]
    assert figures["documents"] == 5 and figures["claims"] == claims
    assert list(figures["by_kind"]) == [k.value for k in ClaimKind]
    assert sum(figures["by_kind"].values()) == claims
    assert list(figures["by_status"]) == [s.value for s in Status if s is not Status.CONFLICT]
    assert figures["by_status"]["unreviewed"] == claims - 3
    assert {k: v for k, v in figures["by_status"].items() if k != "unreviewed"} == {
        "supported": 1,
        "disputed": 1,
        "mixed": 1,
        "unverifiable": 0,
    }
    assert figures["by_reviewer"] == {"ann": 2, "bob": 1}
    assert list(figures["by_reviewer"]) == ["ann", "bob"]  # most first, then by name
    days = figures["by_day"]
    assert list(days) == sorted(days) and sum(days.values()) == 3 and len(days) == 2
    assert list(figures["by_reviewer_day"]) == ["ann", "bob"]
    assert {who: sum(d.values()) for who, d in figures["by_reviewer_day"].items()} == {
        "ann": 2,
        "bob": 1,
    }


def test_stats_json_adds_the_desk_at_a_desk_of_independent_reviewers(
    tmp_path: Path, make_clock: Any
) -> None:
    path = tmp_path / "desk.db"
    with Store(path, clock=make_clock()) as store:
        ingest(store, [SAMPLES])
        store.set_required_verdicts(2)
        store.mark(1, Status.SUPPORTED, "ann")
        store.mark(1, Status.DISPUTED, "bob")

    out, figures = _stats(path)
    assert out == json.dumps(figures, indent=2) + "\n"
    assert list(figures)[-1] == "desk"
    assert list(figures["by_status"])[-1] == "conflict"
    assert figures["desk"] == {
        "required_verdicts": 2,
        "waiting_for_verdicts": 0,
        "in_conflict": 1,
        "adjudicated": 0,
    }
    assert list(figures["desk"]) == [
        "required_verdicts",
        "waiting_for_verdicts",
        "in_conflict",
        "adjudicated",
    ]
