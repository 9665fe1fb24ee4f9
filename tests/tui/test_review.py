"""The review app driven by Pilot: every action, checked on the database and the screen."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.tui.waiting import workers_done
from workbench.core.models import Action, Stance, Status
from workbench.core.store import Store
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.reader import ReaderScreen
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claim_detail import ClaimDetail
from workbench.tui.widgets.claims_table import ClaimsTable

SIZE = (120, 40)


async def ready(pilot: Pilot[None]) -> ReviewScreen:
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def settled(pilot: Pilot[None]) -> None:
    """Wait until the queued writes are committed and their results are on screen."""
    for _ in range(3):
        await workers_done(pilot.app)
        await pilot.pause()


def table(pilot: Pilot[None]) -> ClaimsTable:
    return pilot.app.screen.query_one(ClaimsTable)


def drawn_detail(pilot: Pilot[None]) -> str:
    """What the detail pane draws on screen, line by line."""
    detail = pilot.app.screen.query_one(ClaimDetail)
    return "\n".join(detail.render_line(y).text for y in range(detail.size.height))


def detail_text(pilot: Pilot[None]) -> str:
    return pilot.app.screen.query_one(ClaimDetail).text


async def test_first_screen_lists_claims_by_score(app: WorkbenchApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert table(pilot).ids == store.claim_ids()
        assert table(pilot).cursor == 0
        first = store.get_claim(store.claim_ids()[0])
        assert first.text[:30] in detail_text(pilot)


async def test_each_verdict_key_is_saved_with_reviewer_and_advances(
    app: WorkbenchApp, store: Store
) -> None:
    ids = store.claim_ids()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for key in "sdmu":
            await pilot.press(key)
        await settled(pilot)
        statuses = [store.get_claim(i).status for i in ids[:4]]
        assert statuses == [Status.SUPPORTED, Status.DISPUTED, Status.MIXED, Status.UNVERIFIABLE]
        assert [store.history(i)[-1].reviewer for i in ids[:4]] == ["ann"] * 4
        assert table(pilot).cursor == 4  # auto-advanced past each verdict
        await pilot.press("k", "x")
        await settled(pilot)
        assert store.get_claim(ids[3]).status is Status.UNREVIEWED
        assert "4 reviewed" not in str(pilot.app.screen.query_one("#header").render())


async def test_undo_and_redo_from_the_keyboard(app: WorkbenchApp, store: Store) -> None:
    first = store.claim_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await pilot.press("z")
        await settled(pilot)
        assert store.get_claim(first).status is Status.UNREVIEWED
        assert table(pilot).current_id == first
        await pilot.press("Z")
        await settled(pilot)
        assert store.get_claim(first).status is Status.SUPPORTED
        actions = [v.action for v in store.history(first)]
        assert actions == [Action.MARK, Action.UNDO, Action.REDO]


async def test_next_and_previous_unreviewed(app: WorkbenchApp, store: Store) -> None:
    ids = store.claim_ids()
    store.mark(ids[1], Status.SUPPORTED, "bob")
    store.mark(ids[2], Status.SUPPORTED, "bob")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket")
        assert table(pilot).current_id == ids[3]
        await pilot.press("left_square_bracket")
        assert table(pilot).current_id == ids[0]
        await pilot.press("j", "end")
        assert table(pilot).cursor == len(ids) - 1
        await pilot.press("home")
        assert table(pilot).cursor == 0


async def test_citation_form_saves_on_enter(app: WorkbenchApp, store: Store) -> None:
    first = store.claim_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"https://audit.example/report")
        await pilot.press("tab", "tab")
        await pilot.press(*"23 per cent")
        await pilot.press("enter")
        await settled(pilot)
        (citation,) = store.citations(first)
        assert citation.source == "https://audit.example/report"
        assert citation.quote == "23 per cent" and citation.reviewer == "ann"
        assert "audit.example/report" in detail_text(pilot)


async def test_citation_form_escape_leaves_nothing(app: WorkbenchApp, store: Store) -> None:
    first = store.claim_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c", *"https://x.example", "escape")
        await settled(pilot)
        assert store.citations(first) == []
        assert isinstance(pilot.app.screen, ReviewScreen)


async def test_edit_and_delete_a_citation(app: WorkbenchApp, store: Store) -> None:
    from workbench.core.models import Citation, SourceKind

    first = store.claim_ids()[0]
    store.add_citation(Citation(None, first, "doc:1", SourceKind.DOCUMENT, reviewer="ann"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("C")
        await pilot.pause()
        await pilot.press("enter")  # edit the highlighted one
        await pilot.pause()
        await pilot.press("tab", "tab", *"the audit table", "enter")
        await settled(pilot)
        assert store.citations(first)[0].quote == "the audit table"
        await pilot.press("C")
        await pilot.pause()
        await pilot.press("delete")
        await settled(pilot)
        assert store.citations(first) == []
        await pilot.press("z")
        await settled(pilot)
        assert len(store.citations(first)) == 1


async def test_note_on_the_verdict(app: WorkbenchApp, store: Store) -> None:
    first = store.claim_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a", "s", "n")  # auto-advance off, so the note is on the same claim
        await pilot.pause()
        await pilot.press(*"matches the audit", "enter")
        await settled(pilot)
        assert store.history(first)[-1].note == "matches the audit"
        assert store.get_claim(first).status is Status.SUPPORTED
        assert "matches the audit" in detail_text(pilot)


async def test_search_jumps_and_escape_restores(app: WorkbenchApp, store: Store) -> None:
    ids = store.claim_ids()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"river trust")
        await pilot.pause(0.3)
        await workers_done(pilot.app)
        await pilot.pause()
        found = table(pilot).ids
        assert found and all("River Trust" in store.get_claim(i).text for i in found)
        await pilot.press("enter")
        await pilot.pause()
        assert table(pilot).ids == ids and table(pilot).current_id == found[0]
        await pilot.press("home", "slash", *"kellmoor", "escape")
        await pilot.pause()
        assert table(pilot).ids == ids and table(pilot).cursor == 0


async def test_a_typo_finds_once_the_index_words_are_read(
    app: WorkbenchApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The words are read in a worker of their own; the search is asked again then."""
    read = Store.claim_word_counts

    def slowly(self: Store) -> list[tuple[str, int]]:
        time.sleep(1.0)  # as at a million claims: the keys come first
        return read(self)

    monkeypatch.setattr(Store, "claim_word_counts", slowly)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"okafr")
        await workers_done(pilot.app, "search")
        await pilot.pause()
        assert len(table(pilot).ids) == 0  # the words are not read yet
        await workers_done(pilot.app)
        await pilot.pause()
        found = table(pilot).ids
        assert found and all("Okafor" in store.get_claim(i).text for i in found)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash", *"okafr")  # the words read last time serve at once
        await pilot.pause(0.3)
        await workers_done(pilot.app)
        await pilot.pause()
        assert table(pilot).ids == found


async def test_filters_combine_show_in_header_and_clear(app: WorkbenchApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("tab", "space")  # kinds list: tick "statistic"
        await pilot.press("enter")
        await ready(pilot)
        statistics = [i for i in store.claim_ids() if store.get_claim(i).kind.value == "statistic"]
        assert table(pilot).ids == statistics
        assert "statistic" in str(pilot.app.screen.query_one("#header").render())
        await pilot.press("F")
        await ready(pilot)
        assert table(pilot).ids == store.claim_ids()


async def test_reader_opens_the_source_and_returns_a_claim(app: WorkbenchApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        start = table(pilot).current_id
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        await pilot.press("n", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReviewScreen)
        moved = table(pilot).current_id
        claim = store.get_claim(moved)  # type: ignore[arg-type]
        assert claim.document_id == store.get_claim(start).document_id  # type: ignore[arg-type]


async def test_verdict_and_cursor_survive_closing_and_reopening(db_path: Path) -> None:
    with Store(db_path) as store:
        app = make_app(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("j", "j", "d", "q")
            await settled(pilot)
        target = store.claim_ids()[2]
    with Store(db_path) as store:
        assert store.get_claim(target).status is Status.DISPUTED
        app = make_app(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            assert table(pilot).current_id == store.claim_ids()[3]  # after the auto-advance


async def test_locked_database_notifies_and_keeps_the_screen(db_path: Path) -> None:
    import sqlite3

    with Store(db_path, timeout=0.1) as store:
        store.db.execute("PRAGMA busy_timeout = 50")
        first = store.claim_ids()[0]
        app = make_app(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            other = sqlite3.connect(db_path)
            other.execute("BEGIN IMMEDIATE")
            try:
                await pilot.press("s")
                await settled(pilot)
                messages = [n.message for n in pilot.app._notifications]
                assert any("locked" in m for m in messages)
                # Back on the claim: nothing was saved, so the verdict is still to give.
                assert table(pilot).current_id == first
                assert store.get_claim(first).status is Status.UNREVIEWED
            finally:
                other.rollback()
                other.close()
            await pilot.press("s")
            await settled(pilot)
            assert store.get_claim(first).status is Status.SUPPORTED


async def test_hostile_article_text_is_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "hostile.db"
    article = tmp_path / "evil.txt"
    article.write_text(
        "The council spent [bold red]£40 million[/] on 300 new \x1b[31mbuses\x1b[0m in 2024, "
        "more than any year before.\n"
    )
    from workbench.core.ingest import ingest

    with Store(path) as store:
        ingest(store, [article])
        app = make_app(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            shown = detail_text(pilot)
            assert "[bold red]£40 million[/]" in shown
            assert "\x1b" not in shown
            drawn = drawn_detail(pilot)
            assert "[bold red]£40" in drawn
            assert "\x1b" not in drawn


async def test_the_theme_switch_recolours_the_detail_pane(app: WorkbenchApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        detail = pilot.app.screen.query_one(ClaimDetail)
        before = detail.render_line(0)
        await pilot.press("t")
        await pilot.pause()
        after = detail.render_line(0)
        assert after.text == before.text
        assert {seg.style.bgcolor for seg in after if seg.style} != {
            seg.style.bgcolor for seg in before if seg.style
        }


async def test_stance_in_the_citation_form(app: WorkbenchApp, store: Store) -> None:
    first = store.claim_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        dialog = pilot.app.screen
        from textual.widgets import Select

        dialog.query_one("#stance", Select).value = Stance.REFUTES
        await pilot.press(*"doc:2", "enter")
        await settled(pilot)
        (citation,) = store.citations(first)
        assert citation.stance is Stance.REFUTES and citation.source_kind.value == "document"


async def test_export_dialog_writes_the_report(
    app: WorkbenchApp, store: Store, tmp_path: Path
) -> None:
    first = store.claim_ids()[0]
    store.mark(first, Status.DISPUTED, "ann", note="the audit says otherwise")
    target = tmp_path / "out" / "desk.md"
    target.parent.mkdir()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        from textual.widgets import Input, Select

        dialog = pilot.app.screen
        dialog.query_one("#format", Select).value = "markdown"
        dialog.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await workers_done(pilot.app)
        await pilot.pause()
        report = target.read_text()
        assert "the audit says otherwise" in report and "## Disputed" in report
        messages = [n.message for n in pilot.app._notifications]
        assert any(str(target) in m and "1 claim written" in m for m in messages)
        await pilot.press("e")
        await pilot.pause()
        pilot.app.screen.query_one("#path", Input).value = str(tmp_path / "nowhere" / "x.html")
        await pilot.press("enter")
        await workers_done(pilot.app)
        await pilot.pause()
        messages = [n.message for n in pilot.app._notifications]
        assert any("does not exist" in m for m in messages)


async def test_other_versions_group_verdict_and_suggested_evidence(store: Store) -> None:
    from workbench.core.matching import match

    match(store)
    audit = next(
        c.claim
        for c in store.list_claims(order="source")
        if "2025 audit by the Kellmoor" in c.claim.text
    )
    app = make_app(store, "ann")
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table(pilot).move_to(table(pilot).ids.index(audit.id))  # type: ignore[arg-type]
        await ready(pilot)
        shown = detail_text(pilot)
        assert "Carried by 4 sources" in shown and "NewsFlow Daily" in shown
        await workers_done(pilot.app)  # evidence is looked for once it rests
        await pilot.pause()
        assert screen.view is not None and screen.view.evidence  # from the other documents
        await pilot.press("1")
        await settled(pilot)
        (cited,) = store.citations(audit.id)  # type: ignore[arg-type]
        assert cited.source_kind.value == "document" and cited.quote_found is True
        await pilot.press("g", "d")
        await settled(pilot)
        members = store.group_members(audit.group_id)  # type: ignore[arg-type]
        assert {m.status for m in members} == {Status.DISPUTED}
        await pilot.press("z")
        await settled(pilot)
        assert {m.status for m in store.group_members(audit.group_id)} == {Status.UNREVIEWED}  # type: ignore[arg-type]
