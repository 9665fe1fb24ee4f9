"""A read that the store refuses becomes one notification; the screen stays as it was."""

from __future__ import annotations

import os
import sys
import threading

import pytest
from textual.pilot import Pilot

from tests.tui.waiting import workers_done
from workbench.core.errors import WorkbenchError
from workbench.core.store import Store
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.readers import BACKGROUND_NICE, run_in_background
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claims_table import ClaimsTable

SIZE = (120, 40)


def _refuse(*args: object, **kwargs: object) -> None:
    raise WorkbenchError("the disk went away")


def _errors(pilot: Pilot[None]) -> list[str]:
    return [n.message for n in pilot.app._notifications if n.severity == "error"]


async def test_a_refused_read_is_told_and_changes_nothing(
    app: WorkbenchApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await workers_done(pilot.app)
        await pilot.pause()
        table = pilot.app.screen.query_one(ClaimsTable)
        before = table.cursor
        monkeypatch.setattr(store, "claims_of_document", _refuse)
        monkeypatch.setattr(store, "statuses", _refuse)
        await pilot.press("o")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert table.cursor == before
        assert _errors(pilot) == ["the disk went away", "the disk went away"]


async def test_a_page_of_the_list_that_cannot_be_read_is_told_once(
    app: WorkbenchApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await workers_done(pilot.app)
        await pilot.pause()
        table = pilot.app.screen.query_one(ClaimsTable)
        monkeypatch.setattr(store, "claims_by_ids", _refuse)
        table.refresh_rows()  # every row is read again, and the page fails
        await pilot.pause()
        table.refresh()  # drawn again: the failed page is not read again
        await pilot.pause()
        assert _errors(pilot) == ["the disk went away"]
        assert isinstance(pilot.app.screen, ReviewScreen)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_evidence_search_runs_below_the_screen_in_priority() -> None:
    """A second of evidence search at a million claims must not take the screen's core."""
    seen: dict[str, int] = {}

    def niced() -> None:
        before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        run_in_background()
        seen["change"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) - before

    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    worker = threading.Thread(target=niced)
    worker.start()
    worker.join()
    assert seen["change"] == min(BACKGROUND_NICE, 19 - mine)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine  # only that thread
