"""A key that starts a read draws its change and the read's result in one frame.

Drawn as they came, a sort's toast (or a search's typed letter) took a frame
of its own, and the list it asked for waited for Textual's next tick after it.
"""

from __future__ import annotations

import time
from typing import Any

from textual.app import App

from tests.tui.waiting import workers_done
from workbench.core.claim_list import ClaimList
from workbench.core.models import ClaimFilter
from workbench.core.search import Searcher
from workbench.core.store import Store
from workbench.tui import frames
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.search_bar import SearchBar

SIZE = (120, 40)
READ_TAKES = 0.03  # seconds each list read takes here: a big database's


def shown_lists(app: App[Any], screen: ReviewScreen) -> list[list[int]]:
    """The list's ids as each frame is written, from now on."""
    lists: list[list[int]] = []
    display = app._display

    def written(on: Any, update: Any) -> None:
        lists.append(list(screen.table.ids[:5]))
        display(on, update)

    app._display = written  # type: ignore[method-assign,assignment]
    return lists


async def test_a_sort_shows_its_toast_and_its_list_in_the_same_frame(
    app: WorkbenchApp, store: Store, monkeypatch: Any
) -> None:
    by_source = store.claim_ids(order="source")[:5]
    around = ClaimList.around

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(READ_TAKES)
        return around(*args, **kwargs)

    async with app.run_test(size=SIZE) as pilot:
        await workers_done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert list(screen.table.ids[:5]) != by_source
        monkeypatch.setattr(ClaimList, "around", slow)
        lists = shown_lists(app, screen)
        await pilot.press("S")  # score -> source
        await workers_done(app)
        await pilot.pause()
        assert lists, "nothing drawn"
        assert lists[0] == by_source, "a frame was drawn before the sorted list was in"
        assert not screen._frames or not screen._frames.held


async def test_a_hold_ends_by_itself_when_the_result_is_slow(app: WorkbenchApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(app)
        hold = frames.FrameHold(app)
        hold.hold(limit=0.05)
        assert hold.held and app._batch_count == 1
        await pilot.pause(0.2)
        assert not hold.held and app._batch_count == 0
        hold.hold()
        hold.hold()  # nested: still one batch, one release
        assert app._batch_count == 1
        hold.release()
        assert app._batch_count == 0


async def test_typing_a_search_shows_each_letter_with_its_own_results(
    app: WorkbenchApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(app)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("slash")
        await workers_done(app)
        await pilot.pause()
        bar = screen.query_one(SearchBar)
        drawn: list[tuple[str, list[int]]] = []
        display = app._display

        def written(on: Any, update: Any) -> None:
            drawn.append((bar.value, list(screen.table.ids[:3])))
            display(on, update)

        app._display = written  # type: ignore[method-assign,assignment]
        await pilot.press("w", "a", "t", "e", "r")
        await workers_done(app)
        await pilot.pause()
    assert drawn and drawn[-1][0] == "water"
    searcher = Searcher(store)
    for value, ids in drawn:  # never a letter beside the list of the query before it
        assert ids == searcher.find(value, ClaimFilter(), limit=300)[:3], value
