"""Notes written before a verdict wait for it; notes for a verdict land only on that verdict."""

from __future__ import annotations

import pytest

from workbench.core.models import Action, Status
from workbench.core.review import StaleVerdict, current_verdict
from workbench.core.store import Store


@pytest.fixture
def claim_id(sample_store: Store) -> int:
    return sample_store.claim_ids()[0]


def test_a_note_before_any_verdict_is_carried_onto_the_next_one(
    sample_store: Store, claim_id: int
) -> None:
    store = sample_store
    store.note_verdict(claim_id, None, "the figure is from 2023", "ann")
    assert store.get_claim(claim_id).status is Status.UNREVIEWED
    assert store.history(claim_id)[-1].note == "the figure is from 2023"
    made = store.mark(claim_id, Status.DISPUTED, "ann")
    assert made.note == "the figure is from 2023"
    assert (made.action, store.history(claim_id)[-1].note) == (Action.MARK, made.note)
    # Undo gives the note back to the waiting claim; redo carries it again.
    store.undo("ann")
    assert store.get_claim(claim_id).status is Status.UNREVIEWED
    assert store.history(claim_id)[-1].note == "the figure is from 2023"
    store.redo("ann")
    assert store.history(claim_id)[-1].note == "the figure is from 2023"


def test_a_verdict_with_its_own_note_or_on_a_reviewed_claim_carries_nothing(
    sample_store: Store, claim_id: int
) -> None:
    store = sample_store
    store.note_verdict(claim_id, None, "pending", "ann")
    assert store.mark(claim_id, Status.MIXED, "ann", note="its own").note == "its own"
    # The claim is reviewed now: its note belongs to that verdict, not to the next.
    assert store.mark(claim_id, Status.SUPPORTED, "ann").note == ""


def test_a_group_verdict_carries_each_members_pending_note(sample_store: Store) -> None:
    from workbench.core.matching import match

    match(sample_store)
    grouped = next(c.claim for c in sample_store.list_claims() if c.claim.group_id is not None)
    assert grouped.id is not None and grouped.group_id is not None
    sample_store.note_verdict(grouped.id, None, "checked against the audit", "ann")
    rows = sample_store.mark_group(grouped.id, Status.SUPPORTED, "ann")
    notes = {row.claim_id: row.note for row in rows}
    assert notes.pop(grouped.id) == "checked against the audit"
    assert set(notes.values()) == {""}
    sample_store.undo("ann")
    assert sample_store.history(grouped.id)[-1].note == "checked against the audit"


def test_a_note_for_a_verdict_that_changed_since_is_refused(
    sample_store: Store, claim_id: int
) -> None:
    store = sample_store
    given = store.mark(claim_id, Status.SUPPORTED, "ann")
    store.note_verdict(claim_id, given.id, "first", "ann")
    # Note edits keep the verdict current: a second note on it is fine.
    store.note_verdict(claim_id, given.id, "second", "ann")
    assert current_verdict(store.history(claim_id)) == given
    store.mark(claim_id, Status.DISPUTED, "bob")
    with pytest.raises(StaleVerdict, match=f"#{claim_id}"):
        store.note_verdict(claim_id, given.id, "too late", "ann")
    with pytest.raises(StaleVerdict):
        store.note_verdict(claim_id, None, "too late", "ann")
    assert store.history(claim_id)[-1].verdict is Status.DISPUTED
    assert store.history(claim_id)[-1].note == ""
