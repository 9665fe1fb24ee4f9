"""A desk through the app: two reviewers judge blind and disagree, an editor adjudicates.

Three apps, one after another, on one database (each with its own store, as
three terminals would be), checked on the database and on the screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from tests.tui.waiting import workers_done
from workbench.core.models import Action, ClaimFilter, ClaimKind, Status
from workbench.core.scale import POLITIFACT
from workbench.core.store import Store
from workbench.tui.app import make_app
from workbench.tui.screens.adjudication import AdjudicationScreen
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.screens.stats import StatsScreen
from workbench.tui.widgets.claim_detail import ClaimDetail
from workbench.tui.widgets.claims_table import ClaimsTable
from workbench.tui.widgets.conflict_panel import ConflictPanel
from workbench.tui.widgets.note_dialog import NoteDialog
from workbench.tui.widgets.review_header import ReviewHeader
from workbench.tui.widgets.stats_panel import StatsPanel

SIZE = (140, 44)


@pytest.fixture
def desk_db(db_path: Path, make_clock: type) -> Path:
    with Store(db_path, clock=make_clock()) as store:
        store.set_required_verdicts(2)
        store.add_to_roster(["ann", "bob", "eve"])
        store.assign(ClaimFilter(kinds=(ClaimKind.QUOTE,)), ["ann"], "eve")
    return db_path


@pytest.fixture
def opened(desk_db: Path, make_clock: type) -> Iterator[Store]:
    with Store(desk_db, clock=make_clock()) as store:
        yield store


async def settled(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.pause()
        await workers_done(pilot.app)
    await pilot.pause()


def drawn(widget: Widget) -> str:
    """What a widget shows on screen, as plain lines."""
    return "\n".join(strip.text for strip in widget.render_lines(widget.region.reset_offset))


def header(pilot: Pilot[None]) -> str:
    return drawn(pilot.app.screen.query_one(ReviewHeader))


def detail(pilot: Pilot[None]) -> str:
    return pilot.app.screen.query_one(ClaimDetail).text


def table(pilot: Pilot[None]) -> ClaimsTable:
    return pilot.app.screen.query_one(ClaimsTable)


async def go_to(pilot: Pilot[None], claim_id: int) -> None:
    table(pilot).move_to(table(pilot).ids.index(claim_id))
    await settled(pilot)


async def give(pilot: Pilot[None], key: str, note: str) -> None:
    """A verdict key, then its note typed into the note dialog."""
    await pilot.press(key)
    await settled(pilot)
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NoteDialog)
    pilot.app.screen.query_one(Input).value = note
    await pilot.press("enter")
    await settled(pilot)


async def test_two_reviewers_blind_then_an_editor_adjudicates(opened: Store) -> None:
    share = opened.claim_ids(ClaimFilter(assigned_to="ann"))
    claim_id = share[0]

    async with make_app(Store(opened.path), "ann").run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("M")  # ann's queue: the claims given to her
        await settled(pilot)
        assert table(pilot).ids == share
        assert "filter: mine" in header(pilot) and f"share 0/{len(share)}" in header(pilot)
        assert "Assigned to: ann" in detail(pilot)
        await go_to(pilot, claim_id)
        await give(pilot, "s", "the audit agrees")
        assert "you 1 share 1/" in header(pilot)
        await go_to(pilot, claim_id)
        assert "Blind: 1 of 2 independent verdicts given\n" in detail(pilot)
        assert "Your verdict: supported" in detail(pilot)
        assert "Your note: the audit agrees" in detail(pilot)
        # The list shows ann her own verdict while the claim waits for a second one.
        rows = table(pilot)
        line = rows.render_line(rows.ids.index(claim_id) - rows.scroll_offset.y + 1).text
        assert line.startswith(" ✔ ")
    assert opened.get_claim(claim_id).status is Status.UNREVIEWED  # one verdict of two

    async with make_app(Store(opened.path), "bob").run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("M")  # bob's queue: nothing given to him, but ann began this one
        await settled(pilot)
        assert table(pilot).ids == [claim_id]
        assert "Blind: 1 of 2 independent verdicts given; 1 hidden" in detail(pilot)
        assert "the audit agrees" not in detail(pilot) and "supported" not in detail(pilot)
        assert "Assigned to: ann" in detail(pilot)  # who holds it is no secret
        await give(pilot, "d", "the register says less")
    assert opened.get_claim(claim_id).status is Status.CONFLICT

    async with make_app(Store(opened.path), "ann").run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("A")
        await settled(pilot)
        assert isinstance(pilot.app.screen, AdjudicationScreen)
        before = len(opened.history(claim_id))
        await pilot.press("m")  # ann gave a verdict: refused, nothing written
        await settled(pilot)
        assert isinstance(pilot.app.screen, AdjudicationScreen)
        assert len(opened.history(claim_id)) == before
        told = [n.message for n in pilot.app._notifications]
        assert any(m.startswith("you gave one of the verdicts") and "\n" not in m for m in told)
        assert "you gave one of the verdicts" in drawn(pilot.app.screen.query_one(ConflictPanel))

    async with make_app(Store(opened.path), "eve").run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("A")
        await settled(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, AdjudicationScreen)
        assert screen.ids == [claim_id]
        shown = drawn(screen.query_one(ConflictPanel))
        assert "ann" in shown and "bob" in shown
        assert "the audit agrees" in shown and "the register says less" in shown
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(pilot.app.screen, NoteDialog)
        pilot.app.screen.query_one(Input).value = "right figure, wrong year"
        await pilot.press("enter")
        await settled(pilot)
        last = opened.history(claim_id)[-1]
        assert (last.action, last.reviewer, last.verdict) == (
            Action.ADJUDICATE,
            "eve",
            Status.MIXED,
        )
        assert last.note == "right figure, wrong year"
        assert opened.get_claim(claim_id).status is Status.MIXED
        assert "Adjudicated mixed by eve" in drawn(screen.query_one(ConflictPanel))
        await pilot.press("z")
        await settled(pilot)
        assert opened.get_claim(claim_id).status is Status.CONFLICT
        assert screen.ids == [claim_id]
        await pilot.press("Z")
        await settled(pilot)
        assert opened.get_claim(claim_id).status is Status.MIXED
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        await pilot.press("i")
        await settled(pilot)
        assert isinstance(pilot.app.screen, StatsScreen)
        figures = drawn(pilot.app.screen.query_one(StatsPanel))
        assert "percent agreement" in figures and "0.0%" in figures
        assert "ann & bob" in figures and "Krippendorff's alpha, nominal" in figures
        assert "eve" in figures


async def test_the_adjudication_keys_follow_the_database_scale(opened: Store) -> None:
    opened.set_scale(POLITIFACT, {}, "eve")
    claim_id = opened.claim_ids(ClaimFilter(kinds=(ClaimKind.QUOTE,)), order="score")[0]
    opened.mark(claim_id, Status("true"), "ann")
    opened.mark(claim_id, Status("pants-on-fire"), "bob")
    assert opened.get_claim(claim_id).status is Status.CONFLICT
    async with make_app(Store(opened.path), "eve").run_test(size=SIZE) as pilot:
        await settled(pilot)
        await go_to(pilot, claim_id)  # the detail pane draws each reviewer's label
        assert "ann: true" in detail(pilot) and "bob: pants-on-fire" in detail(pilot)
        await pilot.press("A")
        await settled(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, AdjudicationScreen)
        shown = drawn(screen.query_one(ConflictPanel))
        assert "true" in shown and "pants-on-fire" in shown
        await pilot.press("h")  # PolitiFact's Half True; ours has no h
        await pilot.pause()
        assert isinstance(pilot.app.screen, NoteDialog)
        pilot.app.screen.query_one(Input).value = "each half right"
        await pilot.press("enter")
        await settled(pilot)
        last = opened.history(claim_id)[-1]
        assert (last.action, last.verdict) == (Action.ADJUDICATE, Status("half-true"))
        assert "Adjudicated half-true by eve" in drawn(screen.query_one(ConflictPanel))
        await pilot.press("escape")
        await settled(pilot)
        await pilot.press("i")
        await settled(pilot)
        figures = drawn(pilot.app.screen.query_one(StatsPanel))
        assert "half-true 1" in figures and "pants-on-fire 0" in figures
