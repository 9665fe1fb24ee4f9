"""The review screen on a long list: it reads pages of ids, never the whole list."""

from __future__ import annotations

from typing import Any

import pytest

from tests.tui.waiting import workers_done
from workbench.core.claim_list import ClaimList
from workbench.core.models import ClaimFilter, Status
from workbench.core.store import Store
from workbench.tui.app import WorkbenchApp
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
