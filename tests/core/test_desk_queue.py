"""The desk as the app reads it: a reviewer's queue, progress, blind views, conflicts."""

from __future__ import annotations

import pytest

from workbench.core.desk import ReviewerProgress
from workbench.core.desk_views import conflict_view
from workbench.core.errors import WorkbenchError
from workbench.core.models import Citation, ClaimFilter, ClaimKind, SourceKind, Stance, Status
from workbench.core.store import EVERYTHING, Store
from workbench.core.views import claim_view


@pytest.fixture
def desk(sample_store: Store) -> Store:
    sample_store.set_required_verdicts(2)
    sample_store.add_to_roster(["ann", "bob", "eve"])
    return sample_store


def _cite(claim_id: int, who: str, source: str, quote: str) -> Citation:
    return Citation(
        id=None,
        claim_id=claim_id,
        source=source,
        source_kind=SourceKind.URL,
        quote=quote,
        stance=Stance.SUPPORTS,
        reviewer=who,
    )


def test_mine_is_my_share_and_what_others_began_without_me(desk: Store) -> None:
    desk.assign(ClaimFilter(kinds=(ClaimKind.QUOTE,)), ["ann"], "eve")
    share = desk.claim_ids(ClaimFilter(assigned_to="ann"))
    assert share and desk.claim_ids(ClaimFilter(mine="ann")) == share
    others = [i for i in desk.claim_ids() if i not in share]
    desk.mark(others[0], Status.SUPPORTED, "bob")  # bob began it: it waits for a second verdict
    assert desk.claim_ids(ClaimFilter(mine="ann")) == sorted(
        [*share, others[0]], key=desk.claim_ids().index
    )
    assert others[0] not in desk.claim_ids(ClaimFilter(mine="bob"))  # not twice by bob
    desk.mark(others[0], Status.SUPPORTED, "ann")  # settled: no longer anyone's to do
    assert desk.claim_ids(ClaimFilter(mine="ann")) == share
    desk.mark(others[1], Status.MIXED, "bob")
    desk.mark(others[1], Status.UNREVIEWED, "bob")  # bob cleared his verdict: nothing begun
    assert others[1] not in desk.claim_ids(ClaimFilter(mine="ann"))


def test_progress_counts_own_verdicts_share_and_days(desk: Store) -> None:
    ids = desk.claim_ids()
    desk.assign(EVERYTHING, ["ann"], "eve")
    desk.mark(ids[0], Status.SUPPORTED, "ann")
    desk.mark(ids[1], Status.DISPUTED, "ann")
    desk.undo("ann")
    desk.mark(ids[0], Status.DISPUTED, "bob")
    progress = {p.reviewer: p for p in desk.reviewer_progress()}
    assert progress["ann"].judged == 1
    assert (progress["ann"].assigned, progress["ann"].assigned_judged) == (len(ids), 1)
    assert progress["bob"].judged == 1 and progress["bob"].assigned == 0
    assert progress["eve"].judged == 0
    assert sum(n for _day, n in progress["ann"].by_day) == 2  # verdicts given, undone or not
    assert [p.reviewer for p in desk.reviewer_progress("bob")] == ["bob"]


def test_one_reviewers_progress_is_theirs_of_the_whole_desks(desk: Store) -> None:
    """Read for one reviewer only (the app asks often), it says what the desk's says."""
    ids = desk.claim_ids()
    desk.assign(ClaimFilter(kinds=(ClaimKind.QUOTE,)), ["ann"], "eve")
    desk.assign(EVERYTHING, ["bob"], "eve")
    desk.mark(ids[0], Status.SUPPORTED, "ann")
    desk.mark(ids[0], Status.DISPUTED, "bob")
    desk.mark(ids[1], Status.MIXED, "bob")
    desk.mark(ids[2], Status.SUPPORTED, "eve")
    desk.mark(ids[2], Status.UNREVIEWED, "eve")
    whole = {p.reviewer: p for p in desk.reviewer_progress()}
    for name in ("ann", "bob", "eve", "zed"):
        assert desk.reviewer_progress(name) == (whole.get(name, ReviewerProgress(name, 0)),)
    assert desk.holds_claims("bob") and not desk.holds_claims("eve")


def test_unassign_takes_claims_back_from_one_reviewer_or_all(desk: Store) -> None:
    desk.assign(EVERYTHING, ["ann", "bob"], "eve")
    total = desk.count_claims()
    assert desk.unassign(EVERYTHING, ["ann"]) == total
    assert desk.count_claims(ClaimFilter(assigned_to="ann")) == 0
    assert desk.count_claims(ClaimFilter(assigned_to="bob")) == total
    assert desk.unassign(ClaimFilter(statuses=(Status.SUPPORTED,))) == 0
    assert desk.unassign(EVERYTHING) == total
    with pytest.raises(WorkbenchError):
        desk.unassign(EVERYTHING, [" "])


def test_claim_view_for_a_viewer_is_blind_like_show(desk: Store) -> None:
    desk.assign(ClaimFilter(kinds=(ClaimKind.QUOTE,)), ["bob"], "eve")
    claim_id = desk.claim_ids(ClaimFilter(assigned_to="bob"))[0]
    desk.mark(
        claim_id,
        Status.SUPPORTED,
        "ann",
        note="the audit agrees",
        citation=_cite(claim_id, "ann", "https://audit.example", "23% is lost"),
    )
    bob = claim_view(desk, claim_id, viewer="bob")
    assert bob.history == [] and bob.citations == []
    assert bob.review is not None and bob.review.blind and bob.review.hidden == 1
    assert bob.holders == ("bob",)
    everyone = claim_view(desk, claim_id)
    assert everyone.review is None and len(everyone.history) == 1


def test_conflict_view_sets_the_sides_and_their_evidence_apart(desk: Store) -> None:
    claim_id = desk.claim_ids()[0]
    desk.mark(
        claim_id,
        Status.SUPPORTED,
        "ann",
        note="the audit agrees",
        citation=_cite(claim_id, "ann", "https://audit.example", "23% of water is lost"),
    )
    desk.add_citation(_cite(claim_id, "ann", "https://shared.example", ""))
    desk.mark(
        claim_id,
        Status.DISPUTED,
        "bob",
        note="the register says less",
        citation=_cite(claim_id, "bob", "https://register.example", "13% of water is lost"),
    )
    desk.add_citation(_cite(claim_id, "bob", "https://shared.example", ""))
    view = conflict_view(desk, claim_id, "eve")
    assert [(s.reviewer, s.verdict, s.note) for s in view.sides] == [
        ("ann", Status.SUPPORTED, "the audit agrees"),
        ("bob", Status.DISPUTED, "the register says less"),
    ]
    assert view.shared_sources == ("https://shared.example",)
    assert view.sides[0].only_theirs == ("https://audit.example",)
    assert ("removed", "23%") in view.quote_diff and ("added", "13%") in view.quote_diff
    assert view.refused == ""
    assert "you gave one of the verdicts" in conflict_view(desk, claim_id, "ann").refused


def test_an_adjudication_undone_and_redone_is_not_the_adjudicators_own_verdict(
    desk: Store,
) -> None:
    claim_id = desk.claim_ids()[0]
    desk.mark(claim_id, Status.SUPPORTED, "ann")
    desk.mark(claim_id, Status.DISPUTED, "bob")
    desk.adjudicate(claim_id, Status.MIXED, "eve", "both half right")
    desk.undo("eve")
    desk.redo("eve")
    progress = {p.reviewer: p for p in desk.reviewer_progress()}
    assert (progress["ann"].judged, progress["bob"].judged, progress["eve"].judged) == (1, 1, 0)
    desk.undo("eve")  # in conflict again: eve never judged it, so it is not "mine" to her
    assert desk.get_claim(claim_id).status is Status.CONFLICT
    assert claim_id not in desk.claim_ids(ClaimFilter(mine="eve"))
