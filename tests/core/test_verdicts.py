"""Verdicts, notes, citations and the undo journal."""

from __future__ import annotations

import pytest

from workbench.core.models import Action, Citation, SourceKind, Stance, Status
from workbench.core.store import Store


@pytest.fixture
def claim_id(sample_store: Store) -> int:
    return sample_store.claim_ids()[0]


def test_undo_and_redo_a_verdict_are_recorded_not_deleted(
    sample_store: Store, claim_id: int
) -> None:
    store = sample_store
    store.mark(claim_id, Status.SUPPORTED, "ann", note="matches the audit")
    store.mark(claim_id, Status.DISPUTED, "ann", note="second thoughts")
    assert store.undo("ann") == (claim_id, "verdict disputed")
    claim = store.get_claim(claim_id)
    assert claim.status is Status.SUPPORTED
    assert store.history(claim_id)[-1].note == "matches the audit"
    assert store.undo("ann") == (claim_id, "verdict supported")
    assert store.get_claim(claim_id).status is Status.UNREVIEWED
    assert store.undo("ann") is None
    assert store.redo("ann") == (claim_id, "verdict supported")
    assert store.redo("ann") == (claim_id, "verdict disputed")
    assert store.redo("ann") is None
    assert store.get_claim(claim_id).status is Status.DISPUTED
    actions = [v.action for v in store.history(claim_id)]
    assert actions == [Action.MARK, Action.MARK, Action.UNDO, Action.UNDO, Action.REDO, Action.REDO]
    assert all(v.reviewer == "ann" for v in store.history(claim_id))


def test_a_new_action_clears_the_redo_stack(sample_store: Store, claim_id: int) -> None:
    store = sample_store
    store.mark(claim_id, Status.SUPPORTED, "ann")
    store.undo("ann")
    store.mark(claim_id, Status.MIXED, "ann")
    assert store.redo("ann") is None
    assert store.get_claim(claim_id).status is Status.MIXED


def test_undo_is_per_reviewer(sample_store: Store) -> None:
    first, second = sample_store.claim_ids()[:2]
    sample_store.mark(first, Status.SUPPORTED, "ann")
    sample_store.mark(second, Status.DISPUTED, "bob")
    assert sample_store.undo("ann") == (first, "verdict supported")
    assert sample_store.get_claim(second).status is Status.DISPUTED


def test_notes_change_the_rationale_and_undo(sample_store: Store, claim_id: int) -> None:
    store = sample_store
    store.mark(claim_id, Status.MIXED, "ann")
    store.set_note(claim_id, "half right: 23% is the 2024 figure", "ann")
    assert store.history(claim_id)[-1].note == "half right: 23% is the 2024 figure"
    assert store.get_claim(claim_id).status is Status.MIXED
    store.undo("ann")
    assert store.history(claim_id)[-1].note == ""
    assert store.get_claim(claim_id).status is Status.MIXED


def test_citations_add_edit_delete_and_undo_each(sample_store: Store, claim_id: int) -> None:
    store = sample_store
    added = store.add_citation(
        Citation(
            None,
            claim_id,
            "doc:2",
            SourceKind.DOCUMENT,
            quote="23% of treated water",
            stance=Stance.SUPPORTS,
            reviewer="ann",
        )
    )
    assert [c.id for c in store.citations(claim_id)] == [added.id]
    import attrs

    store.update_citation(attrs.evolve(added, locator="paragraph 2", note="same audit"), "ann")
    assert store.get_citation(added.id).locator == "paragraph 2"  # type: ignore[arg-type]
    store.delete_citation(added.id, "ann")  # type: ignore[arg-type]
    assert store.citations(claim_id) == []
    assert len(store.citations(claim_id, include_deleted=True)) == 1
    store.undo("ann")  # the deletion
    assert [c.id for c in store.citations(claim_id)] == [added.id]
    store.undo("ann")  # the edit
    assert store.get_citation(added.id).locator == ""  # type: ignore[arg-type]
    store.undo("ann")  # the addition
    assert store.citations(claim_id) == []
    store.redo("ann")
    assert [c.id for c in store.citations(claim_id)] == [added.id]


def test_undoing_a_verdict_withdraws_the_citation_given_with_it(
    sample_store: Store, claim_id: int
) -> None:
    citation = Citation(None, claim_id, "https://a.example", SourceKind.URL, reviewer="ann")
    sample_store.mark(claim_id, Status.SUPPORTED, "ann", citation=citation)
    assert len(sample_store.citations(claim_id)) == 1
    sample_store.undo("ann")
    assert sample_store.citations(claim_id) == []


def test_page_queries(sample_store: Store) -> None:
    ids = sample_store.claim_ids()
    page = sample_store.claims_by_ids(ids[:5])
    assert set(page) == set(ids[:5])
    sample_store.mark(ids[0], Status.SUPPORTED, "ann")
    assert sample_store.statuses(ids[:2]) == {ids[0]: Status.SUPPORTED, ids[1]: Status.UNREVIEWED}
    counts = sample_store.status_counts()
    assert counts[Status.SUPPORTED] == 1 and sum(counts.values()) == len(ids)
