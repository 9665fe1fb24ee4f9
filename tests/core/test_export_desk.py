"""Reports of a desk: agreement figures, independent verdicts, adjudications, no conflict
in ClaimReview."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser
from pathlib import Path

from workbench.core.export import WRITERS, ExportOptions, export
from workbench.core.export.bundle import import_bundle, read_bundle
from workbench.core.models import Action, ClaimFilter, Status
from workbench.core.store import Store


def _render(store: Store, fmt: str) -> str:
    out = io.StringIO(newline="")
    WRITERS[fmt](store, ExportOptions(generated="2026-11-30"), out)
    return out.getvalue()


def _desk(store: Store) -> tuple[int, int, int]:
    store.set_required_verdicts(2)
    settled, conflict, adjudicated = store.claim_ids()[:3]
    for claim_id, ann, bob in (
        (settled, Status.SUPPORTED, Status.SUPPORTED),
        (conflict, Status.SUPPORTED, Status.DISPUTED),
        (adjudicated, Status.MIXED, Status.DISPUTED),
    ):
        store.mark(claim_id, ann, "ann")
        store.mark(claim_id, bob, "bob <b>")
    store.adjudicate(adjudicated, Status.DISPUTED, "eve", "the register says 350")
    return settled, conflict, adjudicated


def test_markdown_shows_agreement_and_each_reviewers_verdict(sample_store: Store) -> None:
    _desk(sample_store)
    report = _render(sample_store, "markdown")
    assert "### Agreement between reviewers" in report
    assert "| percent agreement | 33.3% | 3 | 6 |" in report
    assert "| ann & bob \\<b\\> | 3 | 33.3% |" in report
    assert "- **Independent verdicts:** ann: Supported; bob \\<b\\>: Disputed" in report
    assert "- **Adjudicated:** Disputed by eve on 2026-11-20 — the register says 350" in report
    assert "\n## Conflict\n" in report


def test_html_draws_a_bar_per_reviewer_without_script(sample_store: Store) -> None:
    _desk(sample_store)
    report = _render(sample_store, "html")

    class Bars(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.titles: list[str] = []
            self.tags: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.add(tag)
            found = dict(attrs)
            if found.get("class") == "bar" and found.get("title"):
                self.titles.append(found["title"] or "")

    parser = Bars()
    parser.feed(report)
    assert "script" not in parser.tags
    assert parser.titles == [
        "ann agrees with the others on 33.3%",
        "bob <b> agrees with the others on 33.3%",
    ]
    assert "Agreement between reviewers" in report and "bob &lt;b&gt;" in report


def test_claimreview_leaves_out_a_claim_in_conflict(sample_store: Store) -> None:
    settled, conflict, adjudicated = _desk(sample_store)
    reviews = json.loads(_render(sample_store, "claimreview"))
    names = [r["reviewRating"]["alternateName"] for r in reviews]
    assert sorted(names) == ["Disputed", "Supported"]
    assert sample_store.get_claim(settled).status is Status.SUPPORTED
    assert sample_store.get_claim(adjudicated).status is Status.DISPUTED
    assert sample_store.get_claim(conflict).status is Status.CONFLICT


def test_a_single_reviewer_report_has_no_agreement_section(sample_store: Store) -> None:
    sample_store.mark(sample_store.claim_ids()[0], Status.SUPPORTED, "ann")
    assert "Agreement" not in _render(sample_store, "markdown")
    assert "Agreement" not in _render(sample_store, "html")


def test_an_import_into_a_desk_settles_each_claim(sample_store: Store, tmp_path: Path) -> None:
    _desk(sample_store)
    path = tmp_path / "bundle.json"
    export(sample_store, "json", ExportOptions(generated="2026-11-30"), path)
    with Store(tmp_path / "desk.db") as fresh:
        fresh.set_required_verdicts(2)
        import_bundle(fresh, read_bundle(path))
        counts = fresh.status_counts()
        assert counts[Status.CONFLICT] == counts[Status.SUPPORTED] == 1
        assert counts[Status.DISPUTED] == 1  # the adjudication came along


def test_an_import_keeps_what_was_undone_undone(sample_store: Store, tmp_path: Path) -> None:
    sample_store.set_required_verdicts(2)
    claim_id = sample_store.claim_ids()[0]
    sample_store.mark(claim_id, Status.SUPPORTED, "ann")
    sample_store.undo("ann")  # ann took her verdict back
    sample_store.mark(claim_id, Status.DISPUTED, "bob")
    assert sample_store.get_claim(claim_id).status is Status.UNREVIEWED
    path = tmp_path / "bundle.json"
    everything = ExportOptions(generated="2026-11-30", include_unreviewed=True)
    export(sample_store, "json", everything, path)
    with Store(tmp_path / "desk.db") as fresh:
        fresh.set_required_verdicts(2)
        import_bundle(fresh, read_bundle(path))
        imported = fresh.claim_ids(ClaimFilter(search=sample_store.get_claim(claim_id).text))[0]
        assert fresh.get_claim(imported).status is Status.UNREVIEWED  # not a conflict
        assert fresh.review_view(imported, "ann").own is None
        undo = [v for v in fresh.history(imported) if v.action is Action.UNDO]
        assert len(undo) == 1 and undo[0].reverts is not None
        assert fresh.undo("ann") is None  # the journal did not travel; the link did


def test_reviewed_by_keeps_every_claim_with_that_reviewers_own_verdict(
    sample_store: Store,
) -> None:
    sample_store.set_required_verdicts(2)
    first, second, third = sample_store.claim_ids()[:3]
    for claim_id in (first, second):
        sample_store.mark(claim_id, Status.SUPPORTED, "ann")
        sample_store.mark(claim_id, Status.SUPPORTED, "bob")  # bob's row is the latest
    sample_store.mark(third, Status.MIXED, "bob")
    sample_store.mark(third, Status.MIXED, "ann")
    sample_store.mark(third, Status.UNREVIEWED, "ann")  # ann cleared hers
    out = io.StringIO(newline="")
    WRITERS["json"](sample_store, ExportOptions(reviewer="ann", generated="x"), out)
    assert [c["id"] for c in json.loads(out.getvalue())["claims"]] == sorted([first, second])
