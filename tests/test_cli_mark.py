"""``mark`` checks everything before it writes, and writes verdict and citation at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(runner: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "mark.db"
    result = runner.invoke(main, ["ingest", "--db", str(path), str(SAMPLES)])
    assert result.exit_code == 0, result.output
    return path


def _state(db: Path, claim_id: int) -> tuple[str, int, int, int]:
    """Status, history rows, citations (deleted too) and journal rows of a claim."""
    with Store(db) as store:
        status = store.get_claim(claim_id).status.value
        history = len(store.history(claim_id))
        citations = len(store.citations(claim_id, include_deleted=True))
        journal = store.db.execute(
            "SELECT count(*) FROM actions WHERE claim_id = ?", [claim_id]
        ).fetchone()[0]
    return status, history, citations, int(journal)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cite", "doc:999", "--quote", "23%"], "no document with id 999"),
        (["--cite", "doc:999"], "no document with id 999"),
        (["--cite", "doc:2", "--stance", "maybe"], "unknown stance 'maybe'"),
        (["--cite", "   "], "a citation needs a source"),
    ],
)
def test_a_failing_mark_leaves_nothing_behind(
    runner: CliRunner, db: Path, args: list[str], message: str
) -> None:
    before = _state(db, 1)
    result = runner.invoke(main, ["mark", "--db", str(db), "1", "supported", *args])
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert _state(db, 1) == before == ("unreviewed", 0, 0, 0)


def test_a_retry_after_a_missing_document_records_once(runner: CliRunner, db: Path) -> None:
    failed = runner.invoke(
        main, ["mark", "--db", str(db), "1", "supported", "--cite", "doc:999", "--quote", "23%"]
    )
    assert failed.exit_code == 1
    retried = runner.invoke(
        main,
        ["mark", "--db", str(db), "1", "supported", "--cite", "doc:2", "--quote", "spend £240m"],
    )
    assert retried.exit_code == 0, retried.output
    assert "with a citation" in retried.stdout and "quote found" in retried.stdout
    assert _state(db, 1) == ("supported", 1, 1, 1)
    with Store(db) as store:
        (citation,) = store.citations(1)
        (verdict,) = store.history(1)
    # The quote check is stored with the citation, in the same write.
    assert citation.verdict_id == verdict.id
    assert citation.quote_found and citation.verified_document == 2


def test_a_quote_from_a_file_is_checked_and_stored_with_the_citation(
    runner: CliRunner, db: Path, tmp_path: Path
) -> None:
    report = tmp_path / "audit.txt"
    report.write_text("The audit found that 350 forces were deployed in the region.\n")
    result = runner.invoke(
        main,
        ["mark", "--db", str(db), "2", "disputed", "--cite", str(report), "--quote", "350 forces"],
    )
    assert result.exit_code == 0, result.output
    assert "quote found in the source" in result.stdout
    with Store(db) as store:
        (citation,) = store.citations(2)
    assert citation.source_kind.value == "file" and citation.quote_found


def test_a_missing_claim_writes_nothing(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(
        main, ["mark", "--db", str(db), "999", "supported", "--cite", "doc:2", "--quote", "x"]
    )
    assert result.exit_code == 1 and "no claim with id 999" in result.stderr
    with Store(db) as store:
        assert store.db.execute("SELECT count(*) FROM citations").fetchone()[0] == 0
        assert store.db.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 0
