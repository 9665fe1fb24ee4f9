"""The review screen's remembered state: written as a setting, read back with care."""

from __future__ import annotations

from workbench.core.models import ClaimFilter, ClaimKind, Status
from workbench.core.scale import OURS
from workbench.tui.screens.review_state import ReviewState, read_state


def test_a_state_reads_back_as_it_was_saved() -> None:
    where = ClaimFilter(
        statuses=(Status.DISPUTED,),
        kinds=(ClaimKind.QUOTE,),
        document_ids=(3, 5),
        checked_before=True,
        mine="ann",
    )
    state = ReviewState(where, "kind", False, 42)
    assert read_state(state.setting(), OURS, "ann", True) == state


def test_what_the_database_no_longer_knows_falls_back_to_defaults() -> None:
    setting = {"statuses": ["disputed", "gone-from-the-scale"], "order": "by-magic"}
    state = read_state(setting, OURS, "ann", True)
    assert state.where.statuses == (Status.DISPUTED,)
    assert state.order == "score" and state.auto_advance and state.claim_id is None


def test_a_setting_that_is_not_a_state_gives_the_defaults() -> None:
    junks: list[object] = [None, [], "text", {"kinds": ["no-such-kind"]}, {"documents": 7}]
    for junk in junks:
        assert read_state(junk, OURS, "ann", False) == ReviewState(auto_advance=False)
    assert read_state({"claim_id": "12"}, OURS, "ann", True).claim_id is None
