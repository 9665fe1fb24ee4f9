"""The fact-check commands, and the claims they match as claims and show list them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CHECKS = (
    "claim,url,title,rating,publisher,date\n"
    '"Ashford Water was fined £3.5 million by the regulator in 2024 over missed leak targets.",'
    "https://checks.example/fine,Was Ashford Water fined?,True,Checkdesk,2026-04-02\n"
    "A shark swam down the flooded high street,https://checks.example/shark,,False,Truth Lab,\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def checks(tmp_path: Path) -> Path:
    path = tmp_path / "checks.csv"
    path.write_text(CHECKS, encoding="utf-8")
    return path


def test_import_then_ingest_finds_the_claims_checked_before(
    runner: CliRunner, checks: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "f.db")
    imported = runner.invoke(main, ["--db", db, "factchecks", "import", str(checks)])
    assert imported.exit_code == 0, imported.output
    assert imported.output.startswith("2 added, 0 updated, 0 unchanged, 0 could not be read")
    ingested = runner.invoke(main, ["--db", db, "ingest", str(SAMPLES)])
    assert "checked before:" in ingested.output
    listed = runner.invoke(main, ["--db", db, "claims", "--checked-before", "--format", "json"])
    records = json.loads(listed.output)
    assert any("fined Ashford Water £3.5 million" in r["text"] for r in records)
    assert all(r["checked_before"][0]["url"] == "https://checks.example/fine" for r in records)
    table = runner.invoke(main, ["--db", db, "claims", "--checked-before"])
    assert "checked before" in table.output and "Checkdesk · True · 2026-04-02" in table.output
    shown = runner.invoke(main, ["--db", db, "show", str(records[0]["id"])])
    assert "Checked before (1):" in shown.output
    assert "https://checks.example/fine" in shown.output


def test_import_after_ingest_matches_the_stored_claims(
    runner: CliRunner, checks: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "f.db")
    runner.invoke(main, ["--db", db, "ingest", str(SAMPLES)])
    imported = runner.invoke(main, ["--db", db, "factchecks", "import", str(checks)])
    assert "checked before: " in imported.output
    again = runner.invoke(main, ["--db", db, "factchecks", "import", str(checks)])
    assert again.output.startswith("0 added, 0 updated, 2 unchanged")


def test_a_bad_row_is_one_line_and_exit_1(runner: CliRunner, checks: Path, tmp_path: Path) -> None:
    checks.write_text(CHECKS + "No url for this one,\n", encoding="utf-8")
    result = runner.invoke(
        main, ["--db", str(tmp_path / "f.db"), "factchecks", "import", str(checks)]
    )
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {checks} line 4: no url")
    assert result.stdout.startswith("2 added")


def test_search_reads_a_line_writes_a_json_object(
    runner: CliRunner, checks: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "f.db")
    runner.invoke(main, ["--db", db, "factchecks", "import", str(checks)])
    lines = (
        "The regulator fined Ashford Water £3.5m for leaks https://t.co/x1 #water\n"
        "\n"
        "Sharks in the flooded high street!\n"
    )
    result = runner.invoke(main, ["--db", db, "factchecks", "search", "--limit", "1"], input=lines)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [record["text"] for record in out] == lines.splitlines()
    assert out[0]["matches"][0]["url"] == "https://checks.example/fine"
    assert set(out[0]["matches"][0]) >= {"url", "claim", "title", "rating", "publisher", "score"}
    assert out[1]["matches"] == []
    assert [m["url"] for m in out[2]["matches"]] == ["https://checks.example/shark"]


def test_search_needs_a_database(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["--db", str(tmp_path / "none.db"), "factchecks", "search"], input="x\n"
    )
    assert result.exit_code == 1
    assert "no database at" in result.stderr


def test_the_sample_factchecks_match_the_sample_story(runner: CliRunner, tmp_path: Path) -> None:
    """What `make sample-db` builds: the fine and the audit were checked before; the
    near miss (a halving the company only promises) and the others match nothing."""
    db = str(tmp_path / "s.db")
    assert runner.invoke(main, ["--db", db, "ingest", str(SAMPLES)]).exit_code == 0
    imported = runner.invoke(
        main, ["--db", db, "factchecks", "import", str(SAMPLES / "factchecks.json")]
    )
    assert imported.exit_code == 0, imported.output
    assert imported.output.startswith("5 added, 0 updated, 0 unchanged, 0 could not be read")
    listed = runner.invoke(main, ["--db", db, "claims", "--checked-before"]).output
    assert "checkdesk.example.org/2024/04/ashford-water-fine" in listed
    assert "truthlab.example.net/checks/kellmoor-leak-audit" in listed
    for other in ("ashford-leaks-halved", "ashford-line-closure", "hexley-reservoir"):
        assert other not in listed
