from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core import ingest as core_ingest, jobs
from workbench.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path, runner: CliRunner) -> Path:
    path = tmp_path / "cli.db"
    result = runner.invoke(main, ["ingest", "--db", str(path), str(SAMPLES)])
    assert result.exit_code == 0, result.output
    return path


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    for name, command in main.commands.items():
        assert command.help and "Example" in command.help, f"{name} lacks help or an example"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_ingest_reports_counts_and_is_idempotent(runner: CliRunner, db: Path) -> None:
    again = runner.invoke(main, ["ingest", "--db", str(db), str(SAMPLES)])
    assert again.exit_code == 0
    assert again.output.startswith("0 added, 0 updated, 5 unchanged, 0 failed; 0 claims")


def test_ingest_failure_exits_non_zero_with_one_line_per_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(
        main,
        [
            "ingest",
            "--db",
            str(tmp_path / "x.db"),
            str(tmp_path / "empty.txt"),
            str(SAMPLES / "spun-copy.txt"),
        ],
    )
    assert result.exit_code == 1
    assert "error: " in result.stderr and "empty.txt: empty file" in result.stderr
    assert "1 added" in result.stdout


def test_claims_json_has_the_promised_fields(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(main, ["claims", "--db", str(db), "--format", "json"])
    records = json.loads(result.stdout)
    with Store(db) as store:
        assert len(records) == store.count_claims()
    needed = {
        "id",
        "document_id",
        "document_title",
        "text",
        "kind",
        "score",
        "status",
        "numbers",
        "speaker",
        "start",
        "end",
    }
    assert needed <= set(records[0])
    assert records == sorted(records, key=lambda r: -r["score"])
    kms = [r for r in records if any(n["unit"] == "kilometres" for n in r["numbers"])]
    assert {n["value"] for r in kms for n in r["numbers"] if n["unit"] == "kilometres"} >= {
        1200.0,
        1100.0,
    }


def test_claims_filters_table_and_csv(runner: CliRunner, db: Path) -> None:
    quotes = json.loads(
        runner.invoke(
            main, ["claims", "--db", str(db), "--kind", "quote", "--format", "json"]
        ).stdout
    )
    assert quotes and {r["kind"] for r in quotes} == {"quote"}
    table = runner.invoke(main, ["claims", "--db", str(db), "--limit", "3"]).stdout
    assert table.splitlines()[0].split()[:4] == ["ID", "STATUS", "KIND", "SCORE"]
    assert len(table.splitlines()) == 4
    csv_out = runner.invoke(
        main, ["claims", "--db", str(db), "--search", "Kellmoor", "--format", "csv"]
    ).stdout
    assert csv_out.startswith("id,document_id") and "Kellmoor" in csv_out
    bad = runner.invoke(main, ["claims", "--db", str(db), "--kind", "gossip"])
    assert bad.exit_code == 1 and "unknown kind 'gossip'; choose one of: statistic" in bad.stderr


def test_mark_then_show_and_stats(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(
        main,
        [
            "mark",
            "--db",
            str(db),
            "1",
            "disputed",
            "--note",
            "audit says 19%",
            "--cite",
            "https://audit.example/report",
            "--quote",
            "19 per cent",
            "--reviewer",
            "ann",
        ],
    )
    assert result.exit_code == 0 and "claim 1: disputed by ann with a citation" in result.stdout
    shown = runner.invoke(main, ["show", "--db", str(db), "1"]).stdout
    assert "ann: disputed — audit says 19%" in shown
    assert "refutes: https://audit.example/report" in shown and "19 per cent" in shown
    assert "»" in shown and "«" in shown
    stats = json.loads(runner.invoke(main, ["stats", "--db", str(db), "--json"]).stdout)
    assert stats["documents"] == 5 and stats["by_status"]["disputed"] == 1
    cleared = runner.invoke(main, ["mark", "--db", str(db), "1", "unreviewed"])
    assert "unreviewed by tester" in cleared.stdout  # reviewer from $WORKBENCH_REVIEWER
    text_stats = runner.invoke(main, ["stats", "--db", str(db)]).stdout
    assert "disputed" in text_stats and "documents: 5" in text_stats


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "999"], "no claim with id 999"),
        (["mark", "999", "supported"], "no claim with id 999"),
        (["mark", "1", "probably"], "unknown verdict 'probably'"),
        (["mark", "1", "supported", "--quote", "x"], "add --cite SOURCE"),
    ],
)
def test_user_mistakes_are_one_line(
    runner: CliRunner, db: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(main, [args[0], "--db", str(db), *args[1:]])
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_bad_database_paths(runner: CliRunner, tmp_path: Path) -> None:
    for command in (["stats"], ["ingest", str(SAMPLES)]):
        missing = runner.invoke(main, [*command, "--db", str(tmp_path / "no" / "x.db")])
        assert (
            missing.exit_code == 1 and f"folder {tmp_path / 'no'} does not exist" in missing.stderr
        )
    junk = tmp_path / "junk.db"
    junk.write_text("not sqlite at all " * 100)
    result = runner.invoke(main, ["stats", "--db", str(junk)])
    assert result.exit_code == 1 and "junk.db is not a workbench database" in result.stderr


def test_score_is_a_line_filter(runner: CliRunner) -> None:
    text = (
        "A 2019 study by the Lowe Institute found none of the tools were 100% accurate.\n\n"
        "What a lovely day?\n"
    )
    result = runner.invoke(main, ["score"], input=text)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    assert lines[0]["kind"] == "study" and lines[0]["checkworthy"] and lines[0]["reasons"]
    assert not lines[1]["checkworthy"] and lines[1]["score"] < lines[0]["score"]
    assert set(lines[0]) >= {"text", "score", "kind", "checkworthy", "reasons"}


def test_repair_keeps_line_count(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("It & # 39;s a ,quot;test,quot;\n\n<b>bold</b>   move\n", encoding="utf-8")
    result = runner.invoke(main, ["repair", str(source)])
    assert result.stdout == 'It\'s a "test"\n\nbold move\n'


def test_the_environment_chooses_the_database(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "env.db"
    monkeypatch.setenv("WORKBENCH_DB", str(target))
    runner.invoke(main, ["ingest", str(SAMPLES / "morning-brief.txt")])
    assert target.exists()


def test_export_every_format_and_import(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    runner.invoke(
        main, ["mark", "--db", str(db), "1", "supported", "--cite", "doc:2", "--quote", "23%"]
    )
    runner.invoke(main, ["mark", "--db", str(db), "2", "disputed", "--note", "wrong year"])
    for fmt in ("markdown", "html", "json", "csv", "claimreview"):
        out = tmp_path / f"r.{fmt}"
        result = runner.invoke(main, ["export", "--db", str(db), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "2 claims written" in result.stderr and out.stat().st_size > 0
    stdout = runner.invoke(
        main, ["export", "--db", str(db), "--format", "claimreview", "--status", "disputed"]
    ).stdout
    assert [r["reviewRating"]["alternateName"] for r in json.loads(stdout)] == ["Disputed"]
    fresh = tmp_path / "fresh.db"
    imported = runner.invoke(main, ["import", "--db", str(fresh), str(tmp_path / "r.json")])
    assert imported.exit_code == 0 and "2 verdicts and 1 citation added" in imported.stdout
    assert runner.invoke(main, ["show", "--db", str(fresh), "1"]).stdout.count("supported") >= 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "unknown format 'pdf'; choose one of: markdown, html"),
        (["--format", "csv", "--status", "maybe"], "unknown verdict 'maybe'; choose one of"),
        (["--format", "csv", "--kind", "gossip"], "unknown kind 'gossip'"),
        (
            ["--format", "csv", "-o", "/no/such/folder/x.csv"],
            "folder /no/such/folder does not exist",
        ),
    ],
)
def test_export_mistakes(runner: CliRunner, db: Path, args: list[str], message: str) -> None:
    result = runner.invoke(main, ["export", "--db", str(db), *args])
    assert result.exit_code == 1 and message in result.stderr


def test_stats_per_reviewer_and_day(runner: CliRunner, db: Path) -> None:
    runner.invoke(main, ["mark", "--db", str(db), "1", "supported", "--reviewer", "ann"])
    runner.invoke(main, ["mark", "--db", str(db), "2", "mixed", "--reviewer", "bob"])
    figures = json.loads(runner.invoke(main, ["stats", "--db", str(db), "--json"]).stdout)
    assert figures["by_reviewer"] == {"ann": 1, "bob": 1}
    assert sum(figures["by_day"].values()) == 2


def test_groups_and_match_commands(runner: CliRunner, db: Path) -> None:
    table = runner.invoke(main, ["groups", "--db", str(db), "--flagged"])
    assert table.exit_code == 0
    assert "numbers disagree: 1200 vs 1100 kilometres" in table.stdout
    assert "quote drift (Miriam Okafor)" in table.stdout and "[-" in table.stdout
    groups = json.loads(runner.invoke(main, ["groups", "--db", str(db), "--format", "json"]).stdout)
    audit = next(g for g in groups if any("Kellmoor" in c["text"] for c in g["claims"]))
    assert (audit["documents"], audit["sources"]) == (4, 3)  # the spun copy counts once
    rebuilt = runner.invoke(main, ["match", "--db", str(db), "--rebuild"])
    assert rebuilt.exit_code == 0 and "groups of more than one claim" in rebuilt.stdout
    again = json.loads(runner.invoke(main, ["groups", "--db", str(db), "--format", "json"]).stdout)
    assert [g["claims"] for g in again] == [g["claims"] for g in groups]
    records = json.loads(
        runner.invoke(main, ["claims", "--db", str(db), "--format", "json"]).stdout
    )
    flagged = [r for r in records if "number_conflict" in r["flags"]]
    assert flagged and all(r["group_id"] is not None for r in records)


def test_ingest_min_score_keeps_fewer_claims_and_refuses_a_score_out_of_range(
    runner: CliRunner, tmp_path: Path, db: Path
) -> None:
    strict = tmp_path / "strict.db"
    result = runner.invoke(
        main, ["ingest", "--db", str(strict), "--min-score", "0.9", str(SAMPLES)]
    )
    assert result.exit_code == 0, result.output
    with Store(db) as default_store, Store(strict) as strict_store:
        default_scores = [default_store.get_claim(i).score for i in default_store.claim_ids()]
        strict_scores = [strict_store.get_claim(i).score for i in strict_store.claim_ids()]
    assert 0 < len(strict_scores) < len(default_scores)
    assert min(strict_scores) >= 0.9
    bad = runner.invoke(main, ["ingest", "--db", str(strict), "--min-score", "1.5", str(SAMPLES)])
    assert bad.exit_code == 1
    assert bad.stderr.strip() == "Error: --min-score must be between 0 and 1, not 1.5"


def test_score_and_show_give_the_learned_reasons(runner: CliRunner, db: Path) -> None:
    line = "The regulator fined the water company £3 million for leaks in 2024.\n"
    (record,) = [
        json.loads(out) for out in runner.invoke(main, ["score"], input=line).stdout.splitlines()
    ]
    assert record["reasons"][0].startswith("+ number")
    assert all(reason[:2] in ("+ ", "- ") for reason in record["reasons"])
    calm = "The mood in the square was calm.\n"
    assert json.loads(runner.invoke(main, ["score"], input=calm).stdout)["checkworthy"] is False
    anything = runner.invoke(main, ["score", "--min-score", "0"], input=calm).stdout
    assert json.loads(anything)["checkworthy"] is True
    with Store(db) as store:
        best = store.claim_ids(order="score")[0]
    shown = runner.invoke(main, ["show", "--db", str(db), str(best)]).stdout
    assert "Why it scored: + " in shown


def test_show_names_the_authors_of_a_web_page(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "ferry.html"
    page.write_text(
        '<html><head><meta charset="utf-8"><title>Ferry timetable doubles</title>'
        '<meta property="og:site_name" content="Kellport Gazette">'
        '<meta name="author" content="Ines Marlow">'
        '<meta property="article:published_time" content="2024-03-05"></head><body><article>'
        "<p>The island ferry will sail 14 times a week from May, up from four sailings in "
        "winter, the operator said on Friday.</p>"
        "<p>About 2,300 people live on the three islands served by the route.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    db = tmp_path / "web.db"
    assert runner.invoke(main, ["--db", str(db), "ingest", str(page)]).exit_code == 0
    shown = runner.invoke(main, ["--db", str(db), "show", "1"])
    assert shown.exit_code == 0, shown.output
    assert "Kellport Gazette, 2024-03-05 · by Ines Marlow" in shown.output


def test_ingest_with_two_jobs_reports_what_one_job_does(
    runner: CliRunner, tmp_path: Path, db: Path
) -> None:
    two = runner.invoke(
        main, ["ingest", "--db", str(tmp_path / "two.db"), "--jobs", "2", str(SAMPLES)]
    )
    assert two.exit_code == 0, two.output
    assert two.stdout.startswith("5 added, 0 updated, 0 unchanged, 0 failed")
    with Store(db) as one_store, Store(tmp_path / "two.db") as two_store:
        assert [c.claim for c in one_store.list_claims()] == [
            c.claim for c in two_store.list_claims()
        ]
    bad = runner.invoke(
        main, ["ingest", "--db", str(tmp_path / "two.db"), "--jobs", "0", str(SAMPLES)]
    )
    assert bad.exit_code == 1
    assert bad.stderr.count("\n") == 1 and "--jobs" in bad.stderr
    word = runner.invoke(
        main, ["ingest", "--db", str(tmp_path / "two.db"), "--jobs", "many", str(SAMPLES)]
    )
    assert word.exit_code == 1
    assert word.stderr.count("\n") == 1 and "'auto'" in word.stderr


def test_ingest_uses_a_free_core_by_itself_on_a_large_batch(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "AUTO_FROM", 3)  # five sample files count as a large batch
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    used: list[int] = []
    real = core_ingest.ingest

    def spy(*args: Any, **kwargs: Any) -> Any:
        used.append(kwargs["jobs"])
        return real(*args, **kwargs)

    monkeypatch.setattr("workbench.cli.ingest.ingest", spy)
    auto = runner.invoke(main, ["ingest", "--db", str(tmp_path / "auto.db"), str(SAMPLES)])
    assert auto.exit_code == 0, auto.output
    assert used == [2] and "ingest: 2 processes" in auto.stderr
    assert auto.stdout.startswith("5 added, 0 updated, 0 unchanged, 0 failed")
    one = runner.invoke(
        main, ["ingest", "--db", str(tmp_path / "one.db"), "--jobs", "1", str(SAMPLES)]
    )
    assert one.exit_code == 0 and used == [2, 1] and "processes" not in one.stderr


def test_counts_agree_with_their_nouns() -> None:
    from workbench.core.wording import counted

    assert counted(1, "claim") == "1 claim"
    assert counted(0, "claim") == "0 claims"
    assert counted(12345, "claim") == "12,345 claims"
    assert counted(1, "match", "matches") == "1 match"
    assert counted(3, "match", "matches") == "3 matches"


def test_python_m_workbench_runs_the_cli_only_as_the_main_program(tmp_path: Path) -> None:
    """multiprocessing's spawn imports the main module again as __mp_main__ (export
    workers started from the app do): that import must not start the CLI or the app."""
    import subprocess
    import sys

    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            "import runpy; runpy.run_module('workbench.__main__', run_name='__mp_main__')",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (imported.returncode, imported.stdout, imported.stderr) == (0, "", "")
