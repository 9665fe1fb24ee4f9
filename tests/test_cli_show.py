"""`workbench show` draws the claim view the app's detail pane draws."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from workbench.cli import main
from workbench.core.store import Store
from workbench.core.views import claim_view
from workbench.tui.widgets.claim_detail import describe, evidence_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _quote_claim(db: Path) -> int:
    with Store(db) as store:
        return next(c.claim.id or 0 for c in store.list_claims() if "halve leakage" in c.claim.text)


def test_show_lists_the_versions_flags_and_evidence_the_pane_lists(tmp_path: Path) -> None:
    db = tmp_path / "show.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "ingest", str(SAMPLES)]).exit_code == 0
    claim_id = _quote_claim(db)
    shown = runner.invoke(main, ["--db", str(db), "show", str(claim_id)])
    assert shown.exit_code == 0, shown.output
    assert "Other sources (4):" in shown.output and "Flag: quote drift" in shown.output
    assert "Suggested evidence:" in shown.output
    with Store(db) as store:
        view = claim_view(store, claim_id, evidence=True)
    pane = describe(view).plain
    mentioned = re.compile(r"#(\d+)")
    assert set(mentioned.findall(shown.output)) == set(mentioned.findall(pane))
    assert view.evidence
    for found in view.evidence[:3]:
        assert found.document_title[:30] in evidence_text(view.evidence).plain
        assert f"doc:{found.suggestion.document_id} {found.document_title[:30]}" in shown.output
