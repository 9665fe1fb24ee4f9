"""claim_view: one call gathers what the detail pane and `workbench show` draw."""

from __future__ import annotations

from workbench.core.matching import match
from workbench.core.matching.diff import word_diff
from workbench.core.models import Citation, FlagKind, SourceKind, Stance, Status
from workbench.core.store import Store
from workbench.core.views import claim_rows, claim_view, with_evidence


def _claim_id(store: Store, words: str) -> int:
    found = next(c.claim for c in store.list_claims(order="source") if words in c.claim.text)
    assert found.id is not None
    return found.id


def test_a_view_holds_the_claim_in_its_paragraph_with_its_history_and_citations(
    sample_store: Store,
) -> None:
    claim_id = _claim_id(sample_store, "halve leakage by 2030")
    sample_store.mark(claim_id, Status.DISPUTED, "ann", note="the plan says 2035")
    sample_store.add_citation(
        Citation(None, claim_id, "https://plan.example", SourceKind.URL, stance=Stance.REFUTES)
    )
    view = claim_view(sample_store, claim_id)
    assert view.claim.id == claim_id and view.document.id == view.claim.document_id
    assert view.paragraph is not None
    assert view.paragraph.before.startswith("Water: Ashford Water says")
    assert view.paragraph.after == ""
    assert [v.verdict for v in view.history] == [Status.DISPUTED]
    assert [c.source for c in view.citations] == ["https://plan.example"]
    assert view.evidence is None  # looked for only when asked


def test_a_view_holds_other_versions_typed_flags_and_sources(sample_store: Store) -> None:
    match(sample_store)
    quote = claim_view(sample_store, _claim_id(sample_store, "halve leakage by 2030"))
    assert len(quote.versions) == 4 and quote.sources == (4, 5)
    drift = [f for f in quote.flags if f.flag.kind is FlagKind.QUOTE_DRIFT]
    assert drift and all(f.diff == word_diff(f.flag.a, f.flag.b) for f in drift)
    pipes = claim_view(sample_store, _claim_id(sample_store, "more than 1,200 kilometres"))
    (conflict,) = pipes.flags
    assert conflict.flag.kind is FlagKind.NUMBER_CONFLICT and conflict.diff == []
    assert conflict.flag.numbers == "1200 vs 1100 kilometres"


def test_evidence_comes_with_its_documents_titles(sample_store: Store) -> None:
    claim_id = _claim_id(sample_store, "more than 1,200 kilometres")
    view = claim_view(sample_store, claim_id, evidence=True)
    assert view.evidence
    titles = {d.id: d.title for d in sample_store.document_meta()}
    for found in view.evidence:
        assert found.suggestion.document_id != view.document.id
        assert found.document_title == titles[found.suggestion.document_id]
    assert with_evidence(sample_store, claim_view(sample_store, claim_id)) == view


def test_a_document_already_read_is_used_again_only_for_its_own_claims(
    sample_store: Store,
) -> None:
    first = claim_view(sample_store, _claim_id(sample_store, "more than 1,200 kilometres"))
    assert first.document.id is not None
    neighbour = next(
        c.id for c in sample_store.claims_of_document(first.document.id) if c.id != first.claim.id
    )
    assert neighbour is not None
    same = claim_view(sample_store, neighbour, document=first.document)
    assert same.document is first.document
    other = claim_view(
        sample_store, _claim_id(sample_store, "halve leakage by 2030"), document=first.document
    )
    assert other.document.id == other.claim.document_id != first.document.id


def test_a_stale_claim_has_no_paragraph(sample_store: Store) -> None:
    claim_id = _claim_id(sample_store, "more than 1,200 kilometres")
    sample_store.db.execute("UPDATE claims SET stale = 1 WHERE id = ?", [claim_id])
    assert claim_view(sample_store, claim_id).paragraph is None


def test_rows_of_the_list_say_how_widely_a_claim_is_carried(sample_store: Store) -> None:
    match(sample_store)
    quote = _claim_id(sample_store, "halve leakage by 2030")
    alone = next(
        c.claim.id
        for c in sample_store.list_claims()
        if c.claim.id is not None and claim_view(sample_store, c.claim.id).sources == (1, 1)
    )
    assert alone is not None
    rows = claim_rows(sample_store, [quote, alone, 10**6])
    assert set(rows) == {quote, alone}  # an unknown id has no row
    assert rows[quote].carried_by == 4 and rows[alone].carried_by is None
    assert rows[quote].document_source == "Ashford Morning Brief"
