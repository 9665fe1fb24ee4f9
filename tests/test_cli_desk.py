"""Two reviewers and an editor through the CLI: blind review, conflict, adjudication."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core.models import ClaimFilter, Status
from workbench.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path, runner: CliRunner) -> Path:
    path = tmp_path / "desk.db"
    result = runner.invoke(main, ["--db", str(path), "ingest", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    return path


def run(runner: CliRunner, db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def test_two_reviewers_disagree_blind_and_an_editor_adjudicates(
    runner: CliRunner, db: Path
) -> None:
    code, out, _ = run(runner, db, "desk", "set", "--required", "2")
    assert code == 0 and "claims need 2 independent verdicts" in out
    code, out, _ = run(
        runner, db, "--reviewer", "ann", "mark", "1", "supported", "--note", "matches the audit"
    )
    assert code == 0
    code, out, _ = run(runner, db, "--reviewer", "bob", "show", "1")
    assert "Blind: 1 other verdict hidden until the claim has 2" in out
    assert "ann:" not in out and "matches the audit" not in out
    code, out, _ = run(runner, db, "--reviewer", "ann", "show", "1")
    assert "Blind: 0 other verdicts hidden" in out and "matches the audit" in out
    run(runner, db, "--reviewer", "bob", "mark", "1", "disputed", "--note", "350, not 400")
    code, out, _ = run(runner, db, "claims", "--status", "conflict", "--format", "json")
    assert [c["id"] for c in json.loads(out)] == [1]
    code, out, _ = run(runner, db, "--reviewer", "bob", "show", "1")
    assert "ann: supported — matches the audit" in out
    assert "bob: disputed — 350, not 400" in out
    assert "In conflict: waiting for an adjudicator" in out
    code, out, _ = run(
        runner, db, "--reviewer", "eve", "adjudicate", "1", "mixed", "--note", "2024 only"
    )
    assert code == 0 and out == "claim 1: mixed, adjudicated by eve\n"
    code, out, _ = run(runner, db, "show", "1")
    assert "Adjudicated mixed by eve on" in out and "2024 only" in out
    with Store(db) as store:
        assert store.get_claim(1).status is Status.MIXED


def test_a_reviewer_of_the_claim_cannot_adjudicate_it(runner: CliRunner, db: Path) -> None:
    run(runner, db, "desk", "set", "--required", "2")
    run(runner, db, "--reviewer", "ann", "mark", "1", "supported")
    run(runner, db, "--reviewer", "bob", "mark", "1", "disputed")
    code, out, err = run(runner, db, "--reviewer", "ann", "adjudicate", "1", "supported")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "ann gave one of the verdicts on claim #1" in err
    with Store(db) as store:
        assert store.get_claim(1).status is Status.CONFLICT
        assert len(store.history(1)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["adjudicate", "1", "supported"], "claim #1 is unreviewed, not in conflict"),
        (["adjudicate", "1", "conflict"], "conflict is a state, not a verdict"),
        (["mark", "1", "conflict"], "conflict is a state, not a verdict"),
        (["adjudicate", "999", "mixed"], "no claim with id 999"),
        (["desk", "set", "--required", "0"], "required verdicts must be 1 to 9"),
        (["desk", "set", "--adjudicator-may-review", "perhaps"], "takes yes or no"),
    ],
)
def test_bad_desk_input_is_one_line_and_writes_nothing(
    runner: CliRunner, db: Path, args: list[str], message: str
) -> None:
    run(runner, db, "desk", "set", "--required", "2")
    with Store(db) as store:
        before = (store.desk_settings(), store.history(1))
    code, out, err = run(runner, db, *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err, err
    with Store(db) as store:
        assert (store.desk_settings(), store.history(1)) == before


def test_desk_show_and_the_roster(runner: CliRunner, db: Path) -> None:
    code, out, _ = run(runner, db, "desk", "add", "ann", "bob")
    assert code == 0 and out == "roster: ann, bob\n"
    run(runner, db, "--reviewer", "carol", "mark", "2", "mixed")
    code, out, _ = run(runner, db, "desk", "show")
    assert out.splitlines() == [
        "independent verdicts per claim: 1",
        "an adjudicator may be one of the claim's reviewers: no",
        "reviewers: ann, bob, carol",
    ]


def test_assign_a_split_and_list_each_share(runner: CliRunner, db: Path) -> None:
    run(runner, db, "desk", "add", "ann", "bob")
    code, out, _ = run(runner, db, "assign", "--status", "unreviewed", "--split", "ann,bob")
    assert code == 0
    dealt = dict(line.split(": ") for line in out.splitlines())
    assert set(dealt) == {"ann", "bob"}
    code, out, _ = run(runner, db, "--reviewer", "ann", "claims", "--mine", "--format", "json")
    ann = [c["id"] for c in json.loads(out)]
    code, out, _ = run(runner, db, "claims", "--assigned-to", "bob", "--format", "json")
    bob = [c["id"] for c in json.loads(out)]
    assert f"{len(ann)} claims" == dealt["ann"] and f"{len(bob)} claims" == dealt["bob"]
    assert not set(ann) & set(bob)
    code, out, _ = run(runner, db, "show", str(ann[0]))
    assert "Assigned to: ann" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assign", "--split", "ann,zed"], "unknown reviewer 'zed' (known: ann, bob)"),
        (["assign", "--to", "zed"], "unknown reviewer 'zed'"),
        (["assign", "--to", "ann", "--split", "ann,bob"], "either --to NAME or --split"),
        (["assign", "--split", "ann,bob", "--status", "later"], "unknown verdict 'later'"),
        (["claims", "--mine", "--assigned-to", "ann"], "not both"),
    ],
)
def test_bad_assignments_are_one_line_and_assign_nothing(
    runner: CliRunner, db: Path, args: list[str], message: str
) -> None:
    run(runner, db, "desk", "add", "ann", "bob")
    code, out, err = run(runner, db, *args)
    assert code != 0 and out == ""
    assert message in err, err
    if code == 1:
        assert err.count("\n") == 1
    with Store(db) as store:
        assert store.count_claims(ClaimFilter(assigned_to="ann")) == 0


def test_agreement_of_two_reviewers(runner: CliRunner, db: Path) -> None:
    code, out, _ = run(runner, db, "agreement")
    assert code == 0 and out == "no claim has two or more independent verdicts yet\n"
    run(runner, db, "desk", "set", "--required", "2")
    for claim, ann, bob in [
        ("1", "supported", "supported"),
        ("2", "disputed", "mixed"),
        ("3", "mixed", "mixed"),
        ("4", "unverifiable", "disputed"),
    ]:
        run(runner, db, "--reviewer", "ann", "mark", claim, ann)
        run(runner, db, "--reviewer", "bob", "mark", claim, bob)
    run(runner, db, "--reviewer", "ann", "mark", "5", "supported")  # alone: not counted
    code, out, _ = run(runner, db, "agreement", "--format", "json")
    report = json.loads(out)
    assert report["percent"] == {"value": 0.5, "claims": 4, "verdicts": 8}
    assert report["alpha_ordinal"]["claims"] == 3
    (pair,) = report["pairs"]
    assert (pair["first"], pair["second"], pair["claims"]) == ("ann", "bob", 4)
    # kappa by hand: observed 2/4; chance from ann (S, D, M, U) and bob (S, M, M, D):
    # S 1*1 + D 1*1 + M 1*2 = 4 of 16 -> (0.5 - 0.25) / 0.75
    assert pair["kappa"] == pytest.approx(1 / 3)
    code, out, _ = run(runner, db, "agreement")
    assert "percent agreement                50.0%   (4 claims, 8 verdicts)" in out
    assert "ann & bob" in out and "0.333" in out
    code, out, _ = run(runner, db, "agreement", "--reviewer", "carol")
    assert out == "no claim has two or more independent verdicts yet\n"


def test_stats_show_each_reviewers_progress_and_the_desk(runner: CliRunner, db: Path) -> None:
    run(runner, db, "--reviewer", "ann", "mark", "1", "supported")
    code, out, _ = run(runner, db, "stats")
    assert "desk (" not in out  # one verdict per claim: no desk figures
    run(runner, db, "desk", "set", "--required", "2")
    run(runner, db, "--reviewer", "ann", "mark", "2", "mixed")
    run(runner, db, "--reviewer", "bob", "mark", "2", "disputed")
    run(runner, db, "--reviewer", "bob", "mark", "3", "disputed")
    run(runner, db, "--reviewer", "eve", "adjudicate", "2", "disputed")
    code, out, _ = run(runner, db, "stats", "--json")
    figures = json.loads(out)
    days = figures["by_reviewer_day"]
    assert {name: sum(d.values()) for name, d in days.items()} == {"ann": 2, "bob": 2, "eve": 1}
    assert figures["desk"] == {
        "required_verdicts": 2,
        "waiting_for_verdicts": 2,
        "in_conflict": 0,
        "adjudicated": 1,
    }
    code, out, _ = run(runner, db, "stats")
    assert code == 0 and "verdicts per reviewer per day:" in out
    assert "desk (2 independent verdicts per claim):" in out
    assert "  waiting for more verdicts       2" in out


def test_unassign_takes_a_share_back_and_undo_takes_back_an_adjudication(
    runner: CliRunner, db: Path
) -> None:
    run(runner, db, "desk", "add", "ann", "bob")
    run(runner, db, "assign", "--split", "ann,bob")
    with Store(db) as store:
        bobs = store.count_claims(ClaimFilter(assigned_to="bob"))
    code, out, _ = run(runner, db, "unassign", "--from", "bob")
    assert code == 0 and out.strip() == f"{bobs} assignments removed from bob"
    with Store(db) as store:
        assert store.count_claims(ClaimFilter(assigned_to="bob")) == 0
        assert store.count_claims(ClaimFilter(assigned_to="ann")) > 0
    run(runner, db, "desk", "set", "--required", "2")
    run(runner, db, "--reviewer", "ann", "mark", "1", "supported")
    run(runner, db, "--reviewer", "bob", "mark", "1", "disputed")
    run(runner, db, "--reviewer", "eve", "adjudicate", "1", "mixed", "--note", "both half right")
    code, out, _ = run(runner, db, "--reviewer", "eve", "undo")
    assert code == 0 and out.strip() == "undone: adjudication mixed on claim 1"
    with Store(db) as store:
        assert store.get_claim(1).status is Status.CONFLICT
    code, out, _ = run(runner, db, "--reviewer", "eve", "redo")
    assert out.strip() == "redone: adjudication mixed on claim 1"
    code, out, _ = run(runner, db, "--reviewer", "carol", "undo")
    assert code == 0 and out.strip() == "nothing to undo for carol"
    with Store(db) as store:
        assert store.get_claim(1).status is Status.MIXED


def test_mine_lists_what_others_began_and_waits_for_me(runner: CliRunner, db: Path) -> None:
    run(runner, db, "desk", "set", "--required", "2")
    run(runner, db, "--reviewer", "ann", "mark", "3", "supported")
    code, out, _ = run(runner, db, "--reviewer", "bob", "claims", "--mine", "--format", "json")
    assert code == 0 and [c["id"] for c in json.loads(out)] == [3]
    code, out, _ = run(runner, db, "--reviewer", "ann", "claims", "--mine", "--format", "json")
    assert json.loads(out) == []  # ann judged it: it waits for someone else
