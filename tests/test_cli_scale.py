"""`workbench scale`: show and set a database's scale; mark, claims and stats follow it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.core.test_scales import NEWSROOM
from workbench.cli import main
from workbench.cli.scale import scale_command
from workbench.core.models import Status
from workbench.core.scale import OURS
from workbench.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path, runner: CliRunner) -> Path:
    path = tmp_path / "scale.db"
    result = runner.invoke(main, ["--db", str(path), "ingest", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    return path


def run(runner: CliRunner, db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def test_scale_commands_have_help_with_an_example(runner: CliRunner) -> None:
    for name, command in scale_command.commands.items():
        assert command.help and "Example" in command.help, name
    assert "politifact" in runner.invoke(main, ["scale", "--help"]).stdout


def test_show_lists_labels_keys_order_and_the_claimreview_mapping(
    runner: CliRunner, db: Path
) -> None:
    code, out, _ = run(runner, db, "scale", "show")
    assert code == 0
    assert "scale: ours" in out
    assert "s   supported       Supported         3      Supported / ratingValue 5" in out
    assert "Unverifiable / no ratingValue" in out
    assert "ordinal order (worst first): disputed < mixed < supported" in out
    code, out, _ = run(runner, db, "scale", "show", "politifact", "--format", "json")
    shown = json.loads(out)
    assert shown["name"] == "politifact" and shown["best_rating"] == 6
    assert shown["labels"][-1] == {
        "name": "pants-on-fire",
        "title": "Pants on Fire",
        "key": "p",
        "order": 1,
        "alternate_name": "Pants on Fire",
        "rating": 1,
        "colour": "#8e0000",
        "stance": "refutes",
    }


def test_set_maps_every_label_in_use_then_mark_claims_and_stats_follow(
    runner: CliRunner, db: Path
) -> None:
    assert run(runner, db, "mark", "1", "supported")[0] == 0
    assert run(runner, db, "mark", "2", "disputed")[0] == 0
    code, _, err = run(runner, db, "scale", "set", "politifact")
    assert code == 1 and "has verdicts disputed, supported, which the politifact" in err
    code, out, err = run(
        runner, db, "scale", "set", "politifact", "--map", "supported=true",
        "--map", "disputed=Pants on Fire", "--reviewer", "ed",
    )  # fmt: skip
    assert code == 0, err
    assert "scale: politifact (was ours)" in out
    assert "relabelled 2 history rows and 2 claims: supported -> true" in out
    code, out, _ = run(runner, db, "scale", "show")
    assert "labels in use: pants-on-fire, true" in out
    assert "changed from ours on" in out and "by ed: supported=true" in out
    code, out, err = run(runner, db, "mark", "3", "Mostly True")
    assert code == 0 and "claim 3: mostly-true" in out
    code, _, err = run(runner, db, "mark", "3", "supported")
    assert code == 1 and "unknown verdict 'supported'" in err and "pants-on-fire" in err
    code, out, _ = run(runner, db, "claims", "--status", "pants on fire", "--format", "json")
    assert [c["id"] for c in json.loads(out)] == [2]
    header, row = run(runner, db, "claims", "--status", "pants-on-fire")[1].splitlines()
    assert row.split()[1] == "pants-on-fire"  # longer than ours' labels, the columns hold
    assert header.index("KIND") == row.index(row.split()[2])
    code, _, err = run(runner, db, "claims", "--status", "disputed")
    assert code == 1 and "unknown verdict 'disputed'" in err
    stats = json.loads(run(runner, db, "stats", "--json")[1])
    assert stats["by_status"]["mostly-true"] == 1 and "supported" not in stats["by_status"]
    code, out, _ = run(runner, db, "mark", "4", "p", "--cite", "a phone call")
    assert code == 1  # a key is no verdict word
    code, out, _ = run(runner, db, "mark", "4", "false", "--cite", "a phone call")
    with Store(db) as store:
        (citation,) = store.citations(4)
        assert citation.stance is not None and citation.stance.value == "refutes"


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["scale", "set", "snopes"], "unknown scale 'snopes'"),
        ("dup-keys", ["scale", "set", "FILE"], "has the key 'y' twice"),
        ("dup-labels", ["scale", "set", "FILE"], "has the label name 'accurate' twice"),
        ("broken", ["scale", "set", "FILE"], "not valid TOML"),
        (None, ["scale", "set", "politifact"], "which the politifact scale lacks"),
        (
            None,
            ["scale", "set", "politifact", "--map", "supported=true", "--map", "disputed=nope"],
            "'nope' is no label of the politifact scale",
        ),
        (None, ["scale", "set", "politifact", "--map", "supported"], "--map takes OLD=NEW"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    runner: CliRunner,
    db: Path,
    tmp_path: Path,
    setup: str | None,
    args: list[str],
    message: str,
) -> None:
    assert run(runner, db, "mark", "1", "supported")[0] == 0
    assert run(runner, db, "mark", "2", "disputed")[0] == 0
    texts = {
        "dup-keys": NEWSROOM.replace('key = "w"', 'key = "y"'),
        "dup-labels": NEWSROOM.replace('name = "wrong"', 'name = "accurate"'),
        "broken": NEWSROOM + "\n[[labels]\n",
    }
    path = tmp_path / "bad.toml"
    if setup is not None:
        path.write_text(texts[setup], encoding="utf-8")
    code, out, err = run(runner, db, *[str(path) if a == "FILE" else a for a in args])
    assert code == 1 and message in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in out + err
    with Store(db) as store:
        assert store.scale() == OURS
        assert store.get_claim(1).status is Status.SUPPORTED
        assert store.scale_changes() == ()


def test_a_scale_file_is_shown_before_it_is_set(
    runner: CliRunner, db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "newsroom.toml"
    path.write_text(NEWSROOM, encoding="utf-8")
    code, out, _ = run(runner, db, "scale", "show", str(path))
    assert code == 0 and "Needs Context" in out and "Missing context / ratingValue 2" in out
    with Store(db) as store:
        assert store.scale() == OURS  # showing a file changes nothing
    code, out, err = run(runner, db, "scale", "set", str(path))
    assert code == 0, err
    assert "keys: y accurate, h needs-context, w wrong, v no-data" in out
