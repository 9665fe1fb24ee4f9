"""``--db`` and ``--reviewer`` mean the same before and after the command name.

Given on the group they reach every command; given in both places with
different values they are a one-line error. Only ``ingest`` and ``import``
create a database that is not there yet.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BRIEF = SAMPLES / "morning-brief.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def no_env_db(monkeypatch: pytest.MonkeyPatch) -> None:
    """No $WORKBENCH_DB, so the default is ./claims.db in the test's own folder."""
    monkeypatch.delenv("WORKBENCH_DB", raising=False)


@pytest.fixture
def r_db(runner: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "r.db"
    result = runner.invoke(main, ["ingest", "--db", str(path), str(SAMPLES)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def app_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    """Stand in for the Textual app: record what it would have opened."""
    calls: list[tuple[Path, str]] = []
    import workbench.tui.app

    monkeypatch.setattr(
        workbench.tui.app, "run_app", lambda db, reviewer: calls.append((Path(db), reviewer))
    )
    return calls


def _latest(db: Path, claim_id: int) -> tuple[str, str]:
    with Store(db) as store:
        last = store.history(claim_id)[-1]
    return last.verdict.value, last.reviewer


def test_db_before_ingest_creates_that_database_only(
    runner: CliRunner, tmp_path: Path, no_env_db: None
) -> None:
    result = runner.invoke(main, ["--db", "mine.db", "ingest", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mine.db").exists()
    assert not (tmp_path / "claims.db").exists()
    with Store(tmp_path / "mine.db") as store:
        assert store.stats().documents == 5


def test_db_before_ingest_beats_the_environment(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--db", "mine.db", "ingest", str(BRIEF)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mine.db").exists()
    assert not (tmp_path / "test.db").exists()  # $WORKBENCH_DB from conftest


def test_db_before_mark_marks_in_that_database(
    runner: CliRunner, r_db: Path, tmp_path: Path, no_env_db: None
) -> None:
    result = runner.invoke(main, ["--db", str(r_db), "mark", "2", "supported"])
    assert result.exit_code == 0, result.output
    assert _latest(r_db, 2) == ("supported", "tester")
    assert not (tmp_path / "claims.db").exists()


def test_reviewer_before_the_command_and_db_after_it(runner: CliRunner, r_db: Path) -> None:
    result = runner.invoke(main, ["--reviewer", "zed", "mark", "--db", str(r_db), "1", "supported"])
    assert result.exit_code == 0, result.output
    assert "by zed" in result.stdout
    assert _latest(r_db, 1) == ("supported", "zed")


def test_db_and_reviewer_after_the_command_still_work(runner: CliRunner, r_db: Path) -> None:
    result = runner.invoke(main, ["mark", "--db", str(r_db), "--reviewer", "amy", "3", "mixed"])
    assert result.exit_code == 0, result.output
    assert _latest(r_db, 3) == ("mixed", "amy")


def test_the_same_value_in_both_places_is_fine(runner: CliRunner, r_db: Path) -> None:
    both = ["--db", str(r_db), "--reviewer", "zed"]
    result = runner.invoke(main, [*both, "mark", *both, "1", "disputed"])
    assert result.exit_code == 0, result.output
    assert _latest(r_db, 1) == ("disputed", "zed")


@pytest.mark.parametrize(
    ("before", "after", "word"),
    [
        (["--db", "a.db"], ["--db", "b.db"], "--db"),
        (["--reviewer", "zed"], ["--reviewer", "amy"], "--reviewer"),
    ],
)
def test_different_values_in_both_places_are_a_one_line_error(
    runner: CliRunner, r_db: Path, tmp_path: Path, before: list[str], after: list[str], word: str
) -> None:
    if word == "--reviewer":
        before, after = [*before, "--db", str(r_db)], after
    result = runner.invoke(main, [*before, "mark", *after, "1", "supported"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and word in lines[0] and "Traceback" not in result.output
    assert not (tmp_path / "a.db").exists() and not (tmp_path / "b.db").exists()
    with Store(r_db) as store:
        assert store.history(1) == []


DATABASE_COMMANDS = [
    ["claims"],
    ["show", "1"],
    ["mark", "1", "supported"],
    ["stats"],
    ["export", "--format", "json"],
    ["match"],
    ["groups"],
    ["review"],
]
DB = ["--db", "mine.db"]


@pytest.mark.parametrize(
    "args",
    [[*DB]]  # the app alone
    + [[*DB, *command] for command in DATABASE_COMMANDS]
    + [[command[0], *DB, *command[1:]] for command in DATABASE_COMMANDS],
    ids=" ".join,
)
def test_a_missing_database_is_not_created(
    runner: CliRunner, tmp_path: Path, app_calls: list[tuple[Path, str]], args: list[str]
) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == (
        "Error: no database at mine.db "
        "(ingest articles into it first: workbench --db mine.db ingest PATH)"
    )
    assert app_calls == []
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_missing_default_database_is_not_created(
    runner: CliRunner, tmp_path: Path, app_calls: list[tuple[Path, str]], no_env_db: None
) -> None:
    result = runner.invoke(main, [])
    assert result.exit_code == 1
    assert "no database at claims.db" in result.stderr
    assert app_calls == [] and not (tmp_path / "claims.db").exists()


def test_the_app_opens_the_database_and_reviewer_given_before_review(
    runner: CliRunner, r_db: Path, app_calls: list[tuple[Path, str]]
) -> None:
    assert runner.invoke(main, ["--db", str(r_db), "--reviewer", "zed"]).exit_code == 0
    assert runner.invoke(main, ["--db", str(r_db), "review", "--reviewer", "amy"]).exit_code == 0
    assert runner.invoke(main, ["--reviewer", "bo", "review", "--db", str(r_db)]).exit_code == 0
    assert app_calls == [(r_db, "zed"), (r_db, "amy"), (r_db, "bo")]


def test_import_creates_the_database_given_before_it(
    runner: CliRunner, r_db: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle.json"
    exported = runner.invoke(
        main, ["--db", str(r_db), "export", "--format", "json", "--include-unreviewed"]
    )
    assert exported.exit_code == 0, exported.output
    bundle.write_text(exported.stdout, encoding="utf-8")
    result = runner.invoke(main, ["--db", "copy.db", "import", str(bundle)])
    assert result.exit_code == 0, result.output
    with Store(tmp_path / "copy.db") as store:
        assert store.stats().documents == 5


def test_every_database_command_takes_db_before_it(runner: CliRunner, r_db: Path) -> None:
    for args in (
        ["claims", "--limit", "1", "--format", "json"],
        ["show", "1"],
        ["stats", "--json"],
        ["match"],
        ["groups", "--format", "json"],
        ["export", "--format", "csv"],
    ):
        result = runner.invoke(main, ["--db", str(r_db), *args])
        assert result.exit_code == 0, (args, result.output)
    stats = runner.invoke(main, ["--db", str(r_db), "stats", "--json"])
    assert json.loads(stats.stdout)["documents"] == 5


def test_export_filters_by_reviewer_with_reviewed_by(runner: CliRunner, r_db: Path) -> None:
    runner.invoke(main, ["--db", str(r_db), "--reviewer", "ann", "mark", "1", "supported"])
    runner.invoke(main, ["--db", str(r_db), "--reviewer", "bob", "mark", "2", "disputed"])
    only_ann = runner.invoke(
        main, ["--db", str(r_db), "export", "--format", "json", "--reviewed-by", "ann"]
    )
    assert only_ann.exit_code == 0, only_ann.output
    assert [c["id"] for c in json.loads(only_ann.stdout)["claims"]] == [1]
    # The global --reviewer names who is working; it does not filter an export.
    everyone = runner.invoke(
        main, ["--db", str(r_db), "--reviewer", "ann", "export", "--format", "json"]
    )
    assert sorted(c["id"] for c in json.loads(everyone.stdout)["claims"]) == [1, 2]


def test_export_reviewer_after_the_command_points_to_reviewed_by(
    runner: CliRunner, r_db: Path
) -> None:
    result = runner.invoke(
        main, ["export", "--db", str(r_db), "--format", "json", "--reviewer", "ann"]
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--reviewed-by ann" in lines[0]


def test_python_m_workbench_honours_db_before_the_command(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_DB"}
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "--db", "X.db", "ingest", str(BRIEF)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "X.db").exists() and not (tmp_path / "claims.db").exists()
    missing = subprocess.run(
        [sys.executable, "-m", "workbench", "--db", "nope.db", "stats"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 1 and "no database at nope.db" in missing.stderr
    assert not (tmp_path / "nope.db").exists()
