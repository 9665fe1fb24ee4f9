"""A desk of reviewers through the store: independent verdicts, blind reads, adjudication."""

from __future__ import annotations

import re

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.models import Action, Citation, ClaimFilter, SourceKind, Stance, Status
from workbench.core.store import EVERYTHING, Store


@pytest.fixture
def desk(sample_store: Store) -> Store:
    sample_store.set_required_verdicts(2)
    return sample_store


@pytest.fixture
def claim_id(sample_store: Store) -> int:
    return sample_store.claim_ids()[0]


def _cite(claim_id: int, who: str, source: str) -> Citation:
    return Citation(
        id=None,
        claim_id=claim_id,
        source=source,
        source_kind=SourceKind.URL,
        stance=Stance.SUPPORTS,
        reviewer=who,
    )


def test_one_verdict_is_not_enough_and_the_second_reviewer_reads_blind(
    desk: Store, claim_id: int
) -> None:
    desk.mark(
        claim_id,
        Status.SUPPORTED,
        "ann",
        note="the audit agrees",
        citation=_cite(claim_id, "ann", "https://example.org/audit"),
    )
    assert desk.get_claim(claim_id).status is Status.UNREVIEWED
    bob = desk.review_view(claim_id, "bob")
    assert bob.blind and bob.hidden == 1
    assert bob.history == () and bob.citations == () and bob.verdicts == ()
    assert bob.own is None
    ann = desk.review_view(claim_id, "ann")
    assert ann.blind and ann.hidden == 0
    assert ann.own is not None and ann.own.note == "the audit agrees"
    assert [c.source for c in ann.citations] == ["https://example.org/audit"]


def test_agreeing_verdicts_settle_the_claim_and_lift_the_blind(desk: Store, claim_id: int) -> None:
    desk.mark(claim_id, Status.DISPUTED, "ann", note="350, not 400")
    desk.mark(claim_id, Status.DISPUTED, "bob", note="the register says 350")
    assert desk.get_claim(claim_id).status is Status.DISPUTED
    view = desk.review_view(claim_id, "carol")
    assert not view.blind
    assert [(v.reviewer, v.verdict, v.note) for v in view.verdicts] == [
        ("ann", Status.DISPUTED, "350, not 400"),
        ("bob", Status.DISPUTED, "the register says 350"),
    ]


def test_differing_verdicts_are_a_conflict_an_editor_adjudicates_and_can_undo(
    desk: Store, claim_id: int
) -> None:
    desk.mark(claim_id, Status.SUPPORTED, "ann")
    desk.mark(claim_id, Status.MIXED, "bob")
    assert desk.get_claim(claim_id).status is Status.CONFLICT
    row = desk.adjudicate(claim_id, Status.MIXED, "eve", "the figure is for 2024 only")
    assert (row.action, row.reviewer, row.note) == (
        Action.ADJUDICATE,
        "eve",
        "the figure is for 2024 only",
    )
    assert row.created_at
    assert desk.get_claim(claim_id).status is Status.MIXED
    final = desk.review_view(claim_id, "ann").adjudication
    assert final is not None and (final.adjudicator, final.verdict) == ("eve", Status.MIXED)
    assert desk.undo("eve") == (claim_id, "adjudication mixed")
    assert desk.get_claim(claim_id).status is Status.CONFLICT
    assert desk.review_view(claim_id, "ann").adjudication is None
    assert desk.redo("eve") == (claim_id, "adjudication mixed")
    assert desk.get_claim(claim_id).status is Status.MIXED


def test_a_reviewer_changes_or_undoes_only_their_own_verdict(desk: Store, claim_id: int) -> None:
    desk.mark(claim_id, Status.SUPPORTED, "ann")
    desk.mark(claim_id, Status.DISPUTED, "bob")
    assert desk.get_claim(claim_id).status is Status.CONFLICT
    desk.mark(claim_id, Status.SUPPORTED, "bob", note="I misread the table")
    assert desk.get_claim(claim_id).status is Status.SUPPORTED
    assert desk.undo("bob") == (claim_id, "verdict supported")
    assert desk.get_claim(claim_id).status is Status.CONFLICT
    assert desk.undo("bob") == (claim_id, "verdict disputed")
    # bob's verdict is withdrawn; ann's stands alone, so the claim waits again
    assert desk.get_claim(claim_id).status is Status.UNREVIEWED
    view = desk.review_view(claim_id, "bob")
    assert view.blind and view.own is None and view.hidden == 1


def test_notes_at_a_desk_stay_with_their_reviewer(desk: Store, claim_id: int) -> None:
    desk.set_note(claim_id, "ann's working notes", "ann")  # pending, before her verdict
    desk.mark(claim_id, Status.MIXED, "bob")
    assert desk.review_view(claim_id, "bob").own.note == ""  # type: ignore[union-attr]
    desk.mark(claim_id, Status.MIXED, "ann")
    own = desk.review_view(claim_id, "ann").own
    assert own is not None and own.note == "ann's working notes"


def test_an_adjudicator_who_reviewed_is_refused_unless_the_desk_allows_it(
    desk: Store, claim_id: int
) -> None:
    desk.mark(claim_id, Status.SUPPORTED, "ann")
    desk.mark(claim_id, Status.DISPUTED, "bob")
    before = len(desk.history(claim_id))
    with pytest.raises(WorkbenchError, match="ann gave one of the verdicts"):
        desk.adjudicate(claim_id, Status.SUPPORTED, "ann", "mine is right")
    assert len(desk.history(claim_id)) == before
    assert desk.get_claim(claim_id).status is Status.CONFLICT
    desk.set_adjudicator_may_review(True)
    desk.adjudicate(claim_id, Status.SUPPORTED, "ann", "checked again with bob")
    assert desk.get_claim(claim_id).status is Status.SUPPORTED


def test_only_a_claim_in_conflict_is_adjudicated(desk: Store, claim_id: int) -> None:
    desk.mark(claim_id, Status.SUPPORTED, "ann")
    with pytest.raises(WorkbenchError, match="not in conflict"):
        desk.adjudicate(claim_id, Status.SUPPORTED, "eve", "")
    desk.mark(claim_id, Status.DISPUTED, "bob")
    with pytest.raises(WorkbenchError, match="gives a verdict"):
        desk.adjudicate(claim_id, Status.UNREVIEWED, "eve", "")
    assert [v.action for v in desk.history(claim_id)] == [Action.MARK, Action.MARK]


def test_conflict_is_no_verdict_to_give(desk: Store, claim_id: int) -> None:
    with pytest.raises(WorkbenchError, match="conflict is not a verdict"):
        desk.mark(claim_id, Status.CONFLICT, "ann")
    assert desk.history(claim_id) == []


def test_changing_the_rule_settles_every_claim_again(sample_store: Store, claim_id: int) -> None:
    sample_store.mark(claim_id, Status.SUPPORTED, "ann")
    sample_store.mark(claim_id, Status.DISPUTED, "bob")
    assert sample_store.get_claim(claim_id).status is Status.DISPUTED  # one verdict: latest wins
    assert sample_store.set_required_verdicts(2) == 1
    assert sample_store.get_claim(claim_id).status is Status.CONFLICT
    assert sample_store.set_required_verdicts(3) == 1
    assert sample_store.get_claim(claim_id).status is Status.UNREVIEWED
    assert sample_store.review_view(claim_id, "carol").blind
    sample_store.set_required_verdicts(1)
    assert sample_store.get_claim(claim_id).status is Status.DISPUTED
    assert not sample_store.review_view(claim_id, "carol").blind
    with pytest.raises(WorkbenchError, match="must be 1 to 9"):
        sample_store.set_required_verdicts(0)
    assert sample_store.desk_settings().required_verdicts == 1


def test_a_group_verdict_at_a_desk_counts_for_each_member(desk: Store) -> None:
    claim_id = desk.claim_ids()[1]
    rows = desk.mark_group(claim_id, Status.SUPPORTED, "ann")
    desk.mark(claim_id, Status.SUPPORTED, "bob")
    assert desk.get_claim(claim_id).status is Status.SUPPORTED
    for row in rows[1:]:
        assert desk.get_claim(row.claim_id).status is Status.UNREVIEWED


def test_the_roster_and_verdicts_name_the_known_reviewers(desk: Store, claim_id: int) -> None:
    desk.add_to_roster(["dan", "eve"])
    desk.mark(claim_id, Status.SUPPORTED, "ann")
    assert desk.known_reviewers() == ("dan", "eve", "ann")
    with pytest.raises(WorkbenchError, match="needs a name"):
        desk.add_to_roster(["fay", " "])
    assert desk.desk_settings().roster == ("dan", "eve")


# -- assignment -----------------------------------------------------------------------


@pytest.fixture
def matched(sample_store: Store) -> Store:
    from workbench.core.matching import match

    match(sample_store)
    sample_store.add_to_roster(["ann", "bob", "carol"])
    return sample_store


def _groups(store: Store) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for item in store.list_claims():
        if item.claim.group_id is not None:
            found.setdefault(item.claim.group_id, []).append(item.claim.id or 0)
    return {g: ids for g, ids in found.items() if len(ids) > 1}


def test_a_split_deals_whole_groups_and_balances_the_load(matched: Store) -> None:
    groups = _groups(matched)
    assert groups, "the samples should hold claims stated by several sources"
    dealt = matched.assign(EVERYTHING, ["ann", "bob"], "eve", split=True)
    total = matched.count_claims()
    assert sum(dealt.values()) == total
    assert abs(dealt["ann"] - dealt["bob"]) <= max(len(ids) for ids in groups.values())
    for ids in groups.values():
        holders = {matched.assignees(i) for i in ids}
        assert len(holders) == 1 and len(next(iter(holders))) == 1
    mine = matched.count_claims(ClaimFilter(assigned_to="ann"))
    assert mine == dealt["ann"]


def test_a_second_split_gives_each_claim_to_a_second_reviewer(matched: Store) -> None:
    matched.assign(EVERYTHING, ["ann", "bob", "carol"], "eve", split=True)
    matched.assign(EVERYTHING, ["ann", "bob", "carol"], "eve", split=True)
    for claim_id in matched.claim_ids():
        holders = matched.assignees(claim_id)
        assert len(holders) == 2 and len(set(holders)) == 2


def test_assign_to_one_reviewer_with_filters(matched: Store) -> None:
    claim_id = matched.claim_ids()[0]
    matched.mark(claim_id, Status.SUPPORTED, "ann")
    where = ClaimFilter(statuses=(Status.UNREVIEWED,))
    dealt = matched.assign(where, ["carol"], "eve")
    assert dealt == {"carol": matched.count_claims(where)}
    assert matched.assignees(claim_id) == ()
    group_id, ids = next(iter(_groups(matched).items()))
    matched.assign(ClaimFilter(group_ids=(group_id,)), ["bob"], "eve")
    assert matched.claim_ids(ClaimFilter(assigned_to="bob")) == sorted(
        ids, key=lambda i: matched.claim_ids().index(i)
    )


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["ann", "zed"], "unknown reviewer 'zed' (known: ann, bob, carol)"),
        (["ann", "ann"], "named twice"),
        ([""], "name the reviewers"),
    ],
)
def test_a_bad_split_assigns_nothing(matched: Store, names: list[str], message: str) -> None:
    with pytest.raises(WorkbenchError, match=re.escape(message)):
        matched.assign(EVERYTHING, names, "eve", split=True)
    assert matched.count_claims(ClaimFilter(assigned_to="ann")) == 0
