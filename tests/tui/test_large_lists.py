"""The review screen on a long list: it reads pages of ids, never the whole list."""

from __future__ import annotations

from typing import Any

import pytest

from tests.tui.waiting import workers_done
from workbench.core.claim_list import ClaimList
from workbench.core.models import ClaimFilter, Status
from workbench.core.store import Store
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens import review
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claims_table import ClaimsTable

SIZE = (120, 40)


def _refuse(*_args: Any, **_kwargs: Any) -> Any:
    raise AssertionError("read every id or every document's claim count")


async def _listed(app: WorkbenchApp) -> None:
    await workers_done(app, "ids")


async def test_the_list_pages_its_ids_and_keeps_the_cursor_on_its_claim(
    app: WorkbenchApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = store.claim_ids()
    # The screen must not read the whole list, nor count every document's claims.
    monkeypatch.setattr(store, "claim_ids", _refuse)
    monkeypatch.setattr(store, "documents", _refuse)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        table = screen.query_one(ClaimsTable)
        assert isinstance(table.ids, ClaimList) and len(table.ids) == len(every)
        await pilot.press("j", "j", "j")
        kept = table.current_id
        assert kept == every[3]
        screen.where = ClaimFilter(statuses=(Status.UNREVIEWED,))
        screen._reload(keep=kept)
        await _listed(app)
        await pilot.pause()
        assert table.current_id == kept and table.cursor == 3
        await pilot.press("S")  # sort by source: the cursor stays on the claim
        await _listed(app)
        await pilot.pause()
        assert table.current_id == kept
        assert table.cursor == store.claim_position(screen.where, "source", kept)


async def test_evidence_is_searched_on_a_connection_of_its_own(
    app: WorkbenchApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search of seconds at a million claims must not hold the screen's reads behind it."""
    from workbench.tui.screens import review_base

    used: list[Store] = []
    search = review_base.with_evidence  # type: ignore[attr-defined]

    def recorded(reader: Store, view: Any) -> Any:
        used.append(reader)
        return search(reader, view)

    monkeypatch.setattr(review_base, "with_evidence", recorded)
    monkeypatch.setattr(review_base, "EVIDENCE_DELAY", 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(20):
            await pilot.pause(0.05)
            if used:
                break
        assert used and all(reader is not store for reader in used)
        assert used[0].path == store.path


async def test_the_lists_workers_read_on_connections_of_their_own(
    app: WorkbenchApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting and placing a claim take tens of ms at a million claims: on the
    screen's connection they would hold every row the screen draws behind them."""
    from workbench.core import claim_list

    readers: list[Any] = []
    around = claim_list.ClaimList.around.__func__  # type: ignore[attr-defined]

    def recorded(cls: Any, /, *args: Any, reader: Store | None = None, **kwargs: Any) -> Any:
        readers.append(reader)
        return around(cls, *args, reader=reader, **kwargs)

    monkeypatch.setattr(claim_list.ClaimList, "around", classmethod(recorded))
    monkeypatch.setattr(store, "status_counts", _refuse)
    monkeypatch.setattr(store, "document_titles", _refuse)  # a quarter of a second, cold
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        table = app.screen.query_one(ClaimsTable)
        assert len(table.ids) == store.count_claims()  # read, through another connection
        assert readers and all(r is not None and r is not store for r in readers)
        assert readers[0].path == store.path
        await workers_done(app)
        assert app.screen._titles  # type: ignore[attr-defined]


async def test_scroll_areas_follow_what_they_hold(app: WorkbenchApp, store: Store) -> None:
    """The list's and the detail pane's scrollable sizes are set without a layout."""
    from workbench.tui.widgets.claim_detail import ClaimDetail
    from workbench.tui.widgets.search_bar import SearchBar

    async with app.run_test(size=(100, 24)) as pilot:  # the list is longer than its pane
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        table = screen.query_one(ClaimsTable)
        detail = screen.query_one(ClaimDetail)
        assert table.virtual_size.height == store.count_claims() + 1  # the header line
        screen.where = ClaimFilter(statuses=(Status.SUPPORTED,))  # none yet: empty
        screen._reload()
        await _listed(app)
        await pilot.pause()
        assert len(table.ids) == 0 and table.virtual_size.height == 1
        assert table.max_scroll_y == 0
        screen.where = ClaimFilter()
        screen._reload()
        await _listed(app)
        await pilot.pause()
        assert table.virtual_size.height == len(table.ids) + 1
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == len(table.ids) - 1
        assert table.scroll_offset.y == table.max_scroll_y > 0  # scrolled to the last row
        assert detail.virtual_size.height == len(detail._lines) > 0
        await pilot.press("slash", "c", "o", "u")
        await pilot.pause()
        bar = screen.query_one(SearchBar)
        assert bar.value == "cou" and bar.virtual_size.width == bar.content_width


async def test_a_long_list_shows_the_claims_around_the_cursor_then_counts(
    app: WorkbenchApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a million claims the window comes first; the counted list keeps the cursor's line."""
    from workbench.core.claim_list import ClaimWindow
    from workbench.tui.screens import review_base

    monkeypatch.setattr(review_base, "WINDOW_FROM", 0)  # every list is "long"
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        table = screen.query_one(ClaimsTable)
        shown: list[Any] = []
        set_ids = table.set_ids

        def recorded(ids: Any, **kwargs: Any) -> None:
            shown.append(ids)
            set_ids(ids, **kwargs)

        monkeypatch.setattr(table, "set_ids", recorded)
        await pilot.press(*"jjjjjjjj")
        kept, line = table.current_id, table.cursor - table.scroll_offset.y
        assert kept is not None
        await pilot.press("S")  # sort by source
        await _listed(app)
        await pilot.pause()
        assert [type(ids) for ids in shown] == [ClaimWindow, ClaimList]
        assert "counting" not in str(table.render_line(0).text)
        assert table.current_id == kept
        assert table.cursor == store.claim_position(screen.where, "source", kept)
        assert table.cursor - table.scroll_offset.y == line or table.scroll_offset.y in (
            0,
            table.max_scroll_y,
        )


async def test_a_sort_that_keeps_the_claim_keeps_its_pane(
    app: WorkbenchApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.tui.screens import review_base
    from workbench.tui.widgets.claim_detail import ClaimDetail

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("j", "j")
        await pilot.pause()
        shown, text = screen.view, screen.query_one(ClaimDetail).text
        read: list[int] = []
        view = review_base.claim_view  # type: ignore[attr-defined]

        def counted(store: Store, claim_id: int, **kwargs: Any) -> Any:
            read.append(claim_id)
            return view(store, claim_id, **kwargs)

        monkeypatch.setattr(review_base, "claim_view", counted)
        await pilot.press("S")
        await _listed(app)
        await pilot.pause()
        assert screen.table.current_id == shown.claim.id if shown else False
        assert read == [] and screen.view is shown
        assert screen.query_one(ClaimDetail).text == text
        await pilot.press("j")  # another claim: read and shown
        await pilot.pause()
        assert read == [screen.table.current_id]


async def test_the_screens_heap_is_left_out_of_full_collections_while_it_is_open(
    app: WorkbenchApp,
) -> None:
    import gc

    assert gc.get_freeze_count() == 0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0  # closed: collected as usual again


async def test_evidence_searches_never_hold_up_the_lists_workers(
    app: WorkbenchApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search of seconds cannot be stopped once it runs: resting on claim after claim
    filled the thread pool that Textual's workers share, and the list waited."""
    import asyncio
    import threading

    from workbench.tui.screens import review_base

    release = threading.Event()
    threads: set[str] = set()
    search = review_base.with_evidence  # type: ignore[attr-defined]

    def stuck(reader: Store, view: Any) -> Any:
        threads.add(threading.current_thread().name)
        release.wait(10)
        return search(reader, view)

    monkeypatch.setattr(review_base, "with_evidence", stuck)
    monkeypatch.setattr(review_base, "EVIDENCE_DELAY", 0.0)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for _ in range(8):  # a claim, a rest, the next one...
                await pilot.press("j")
                await pilot.pause(0.05)
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            screen.where = ClaimFilter(statuses=(Status.UNREVIEWED,))
            screen._reload(keep=screen.table.current_id)
            await asyncio.wait_for(_listed(app), 5)
            assert threads and all(name.startswith("evidence") for name in threads)
            release.set()
            await workers_done(app)
    finally:
        release.set()


async def test_a_verdict_finds_the_next_open_claim_behind_many_reviewed_ones(
    app: WorkbenchApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Behind 200,000 reviewed claims the next open one took seconds: the
    # screen read their statuses a chunk at a time. Now it asks the list.
    every = store.claim_ids()
    for claim_id in every[1:-1]:
        store.mark(claim_id, Status.MIXED, "bob")
    monkeypatch.setattr(review, "SCAN", 2)
    reads: list[int] = []
    statuses = store.statuses

    def counted(ids: list[int]) -> dict[int, Status]:
        reads.append(len(ids))
        return statuses(ids)

    monkeypatch.setattr(store, "statuses", counted)
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert isinstance(screen.table.ids, ClaimList) and screen.table.current_id == every[0]
        await pilot.press("s")
        await workers_done(app)
        assert screen.table.current_id == every[-1]
        assert len(reads) <= 2, reads  # the claims next to the cursor, then the list's own query
        await pilot.press("d")  # the last open one: the cursor stays, and says so
        await workers_done(app)
        assert screen.table.current_id == every[-1]
    assert store.get_claim(every[0]).status is Status.SUPPORTED
    assert store.get_claim(every[-1]).status is Status.DISPUTED
