"""The app shows the published fact-checks that match a claim, cites one, filters on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.tui.waiting import workers_done
from workbench.core.factchecks.finding import find_checked_before
from workbench.core.factchecks.importing import import_factchecks
from workbench.core.models import SourceKind, Stance
from workbench.core.store import Store
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claim_detail import ClaimDetail
from workbench.tui.widgets.claims_table import ClaimsTable

SIZE = (120, 40)
URL = "https://checks.example/fine"


@pytest.fixture
def checked(store: Store, tmp_path: Path) -> list[int]:
    """Fact-checks imported into the review database; the ids of the claims they match."""
    path = tmp_path / "checks.csv"
    path.write_text(
        "claim,url,rating,publisher,date\n"
        '"Ashford Water was fined £3.5 million by the regulator in 2024 over missed leak '
        f'targets.",{URL},True,Checkdesk,2026-04-02\n',
        encoding="utf-8",
    )
    import_factchecks(store, [path])
    find_checked_before(store)
    ids = sorted(store.claims_checked_before())
    assert ids
    return ids


async def ready(pilot: Pilot[None]) -> ReviewScreen:
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def test_the_detail_pane_lists_and_b_cites_the_match(
    app: WorkbenchApp, store: Store, checked: list[int]
) -> None:
    claim_id = checked[0]
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        claims = pilot.app.screen.query_one(ClaimsTable)
        claims.move_to(claims.ids.index(claim_id))
        screen = await ready(pilot)
        for _ in range(100):  # evidence is looked for once the cursor rests
            if screen.view is not None and screen.view.evidence is not None:
                break
            await pilot.pause(0.05)
        await ready(pilot)
        shown = pilot.app.screen.query_one(ClaimDetail).text
        assert "Checked before" in shown
        assert "Checkdesk · True · 2026-04-02" in shown and URL in shown
        # above the suggested evidence
        assert shown.index("Checked before") < shown.index("Suggested evidence")
        await pilot.press("b")
        await pilot.pause()
        (citation,) = store.citations(claim_id)
        assert (citation.source, citation.source_kind) == (URL, SourceKind.URL)
        assert citation.stance is Stance.SUPPORTS  # rated True
        assert citation.quote.startswith("Ashford Water was fined")
        assert (citation.reviewer, citation.note) == (
            "ann",
            "Checked before: Checkdesk, True, 2026-04-02",
        )
        await pilot.press("b")  # nothing left to cite: no second citation
        await pilot.pause()
        assert len(store.citations(claim_id)) == 1


async def test_b_on_a_claim_without_a_match_says_so(
    app: WorkbenchApp, store: Store, checked: list[int]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        current = pilot.app.screen.query_one(ClaimsTable).current_id
        assert current is not None and current not in checked
        await pilot.press("b")
        await pilot.pause()
        assert store.citations(current) == []


async def test_the_filter_shows_only_claims_checked_before(
    store: Store, checked: list[int]
) -> None:
    app = make_app(store, "ann")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "space", "enter")  # the "checked before" list
        await ready(pilot)
        assert sorted(pilot.app.screen.query_one(ClaimsTable).ids) == checked
        assert "checked before" in str(pilot.app.screen.query_one("#header").render())
