"""Notes land on the verdict the reviewer meant, checked on the database and the screen.

A note typed right after a verdict belongs to that verdict, even when
auto-advance has moved the cursor on; a note typed before any verdict waits
in the database as a pending note and is carried onto the verdict given next.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Label, Select

from tests.tui.waiting import workers_done
from workbench.core.models import Action, Status
from workbench.core.store import Store
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claim_detail import ClaimDetail
from workbench.tui.widgets.claims_table import ClaimsTable
from workbench.tui.widgets.note_dialog import NoteDialog

SIZE = (120, 40)


async def ready(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReviewScreen)


async def settled(pilot: Pilot[None]) -> None:
    """Wait until every queued write is committed and its result is on screen."""
    for _ in range(3):
        await workers_done(pilot.app)
        await pilot.pause()


def cursor(pilot: Pilot[None]) -> int | None:
    return pilot.app.screen.query_one(ClaimsTable).current_id


def detail_text(pilot: Pilot[None]) -> str:
    return pilot.app.screen.query_one(ClaimDetail).text


async def open_note(pilot: Pilot[None]) -> NoteDialog:
    await pilot.press("n")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, NoteDialog)
    return dialog


def title_of(dialog: NoteDialog) -> str:
    return str(dialog.query_one(".dialog-title", Label).render())


def messages(pilot: Pilot[None]) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def test_a_note_before_the_verdict_waits_in_the_database_and_lands_on_it(
    db_path: Path, make_clock: type
) -> None:
    with Store(db_path, clock=make_clock()) as store:
        first = store.claim_ids()[0]
        app = make_app(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            dialog = await open_note(pilot)
            assert title_of(dialog) == f"Note for #{first} (pending verdict)"
            await pilot.press(*"two audits disagree", "enter")
            await settled(pilot)
            assert store.get_claim(first).status is Status.UNREVIEWED
            assert "Note (pending verdict): two audits disagree" in detail_text(pilot)
            await pilot.press("q")
            await settled(pilot)
    # The pending note survives closing the app.
    with Store(db_path, clock=make_clock()) as store:
        app = make_app(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            assert cursor(pilot) == first
            assert "Note (pending verdict): two audits disagree" in detail_text(pilot)
            await pilot.press("d")
            await settled(pilot)
            await pilot.press("k")  # back from the auto-advance
            assert cursor(pilot) == first
            assert "Rationale: two audits disagree" in detail_text(pilot)
            assert "pending verdict" not in detail_text(pilot)
        latest = store.history(first)[-1]
        assert (latest.verdict, latest.action, latest.note) == (
            Status.DISPUTED,
            Action.MARK,
            "two audits disagree",
        )


async def test_a_note_right_after_a_verdict_goes_to_that_verdict_despite_the_advance(
    app: WorkbenchApp, store: Store
) -> None:
    ids = store.claim_ids()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await settled(pilot)
        assert cursor(pilot) == ids[1]  # auto-advance moved on
        dialog = await open_note(pilot)
        assert title_of(dialog) == f"Note for #{ids[0]}: supported"
        await pilot.press(*"matches the audit", "enter")
        await settled(pilot)
        latest = store.history(ids[0])[-1]
        assert (latest.verdict, latest.action, latest.note) == (
            Status.SUPPORTED,
            Action.NOTE,
            "matches the audit",
        )
        assert store.history(ids[1]) == []  # nothing reached the next claim
        assert cursor(pilot) == ids[1]  # and the cursor stayed where it was
        assert any(f"#{ids[0]}: supported" in m for m in messages(pilot))


async def test_a_note_on_a_reviewed_claim_edits_its_current_verdict(store: Store) -> None:
    ids = store.claim_ids()
    store.mark(ids[0], Status.SUPPORTED, "bob", note="first reading")
    app = make_app(store, "ann")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        # A verdict elsewhere, then the reviewer walks back to a reviewed claim:
        # the note is for the claim under the cursor, not the earlier verdict.
        await pilot.press("j", "s")
        await settled(pilot)
        await pilot.press("k", "k")
        assert cursor(pilot) == ids[0]
        dialog = await open_note(pilot)
        assert title_of(dialog) == f"Note for #{ids[0]}: supported"
        field = dialog.query_one(Input)
        assert field.value == "first reading"
        field.value = ""
        await pilot.press(*"the audit table confirms it", "enter")
        await settled(pilot)
        latest = store.history(ids[0])[-1]
        assert (latest.verdict, latest.action, latest.note) == (
            Status.SUPPORTED,
            Action.NOTE,
            "the audit table confirms it",
        )
        assert store.history(ids[1])[-1].note == ""
        assert "Rationale: the audit table confirms it" in detail_text(pilot)


async def test_undo_restores_the_previous_note(app: WorkbenchApp, store: Store) -> None:
    ids = store.claim_ids()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await settled(pilot)
        await open_note(pilot)
        await pilot.press(*"first reason", "enter")
        await settled(pilot)
        dialog = await open_note(pilot)  # still the verdict just given
        assert title_of(dialog) == f"Note for #{ids[0]}: supported"
        assert dialog.query_one(Input).value == "first reason"
        dialog.query_one(Input).value = ""
        await pilot.press(*"second reason", "enter")
        await settled(pilot)
        assert store.history(ids[0])[-1].note == "second reason"
        await pilot.press("z")
        await settled(pilot)
        assert store.history(ids[0])[-1].note == "first reason"
        assert store.get_claim(ids[0]).status is Status.SUPPORTED
        assert cursor(pilot) == ids[0]
        assert "Rationale: first reason" in detail_text(pilot)
        await pilot.press("z")
        await settled(pilot)
        assert store.history(ids[0])[-1].note == ""
        assert store.get_claim(ids[0]).status is Status.SUPPORTED
        assert "Rationale:" not in detail_text(pilot)


async def test_the_report_shows_the_rationale_typed_in_the_app(
    app: WorkbenchApp, store: Store, tmp_path: Path
) -> None:
    ids = store.claim_ids()
    target = tmp_path / "desk.md"
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_note(pilot)  # before the verdict
        await pilot.press(*"the council's own figures differ", "enter")
        await settled(pilot)
        await pilot.press("d")
        await settled(pilot)
        await pilot.press("s")  # on the next claim, then the note after it
        await settled(pilot)
        await open_note(pilot)
        await pilot.press(*"the audit confirms it", "enter")
        await settled(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = pilot.app.screen
        dialog.query_one("#format", Select).value = "markdown"
        dialog.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await settled(pilot)
    report = target.read_text()
    assert "**Rationale:** the council's own figures differ" in report
    assert "**Rationale:** the audit confirms it" in report
    assert store.get_claim(ids[0]).status is Status.DISPUTED
    assert store.get_claim(ids[1]).status is Status.SUPPORTED
