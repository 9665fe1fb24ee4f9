"""A claim in conflict is drawn in the claims list (it once had no style and crashed the app)."""

from __future__ import annotations

from tests.tui.waiting import workers_done
from workbench.core.models import Status
from workbench.core.store import Store
from workbench.tui.app import make_app
from workbench.tui.widgets.claims_table import ClaimsTable


async def test_a_claim_in_conflict_has_a_row(store: Store) -> None:
    store.set_required_verdicts(2)
    first = store.claim_ids()[0]
    store.mark(first, Status.SUPPORTED, "ann")
    store.mark(first, Status.DISPUTED, "bob")
    assert store.get_claim(first).status is Status.CONFLICT
    async with make_app(store, "eve").run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        await workers_done(pilot.app)
        await pilot.pause()
        table = pilot.app.screen.query_one(ClaimsTable)
        assert table.current_id == first
        assert "≠" in table.render_line(1).text
