"""The app follows the database's scale: its keys, help, header, filter and group dialogs."""

from __future__ import annotations

from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import SelectionList

from tests.tui.waiting import workers_done
from workbench.core.models import Status
from workbench.core.scale import POLITIFACT, RESERVED_KEYS
from workbench.core.store import Store
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claims_table import ClaimsTable
from workbench.tui.widgets.filter_dialog import FilterDialog
from workbench.tui.widgets.group_dialog import GroupVerdictDialog

SIZE = (120, 40)


async def ready(pilot: Pilot[None]) -> ReviewScreen:
    for _ in range(2):
        await pilot.pause()
        await workers_done(pilot.app)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def settled(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await workers_done(pilot.app)
        await pilot.pause()


def politifact_app(store: Store) -> WorkbenchApp:
    store.set_scale(POLITIFACT, {}, "ed")
    return make_app(store, "ann")


async def test_the_politifact_keys_record_its_labels(store: Store) -> None:
    ids = store.claim_ids()
    async with politifact_app(store).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        keys = {k: active.binding.description for k, active in screen.active_bindings.items()}
        assert keys["p"] == "Pants on Fire" and keys["y"] == "True" and keys["h"] == "Half True"
        assert "s" not in keys and "u" not in keys  # ours' keys are gone
        await pilot.press("p")
        await pilot.press("s")  # no verdict on this scale: nothing happens
        await pilot.press("m")
        await settled(pilot)
        assert store.get_claim(ids[0]).status is Status("pants-on-fire")
        assert store.get_claim(ids[1]).status is Status("mostly-true")
        assert [v.verdict for v in store.history(ids[0])] == [Status("pants-on-fire")]
        assert len(store.history(ids[1])) == 1
        header = str(screen.query_one("#header").render())
        assert "POF 1" in header and "MT 1" in header and "supp" not in header
        row = screen.query_one(ClaimsTable).render_line(1).text
        assert row.startswith(" p ")  # the label's key is its glyph in the list


async def test_help_and_filter_list_the_scales_labels(store: Store) -> None:
    async with politifact_app(store).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        review = dict(help_screen._groups)["Review"]
        assert [b.description for b in review[:6]] == [label.title for label in POLITIFACT.labels]
        assert "Supported" not in [b.description for b in review]
        await pilot.press("escape")
        await pilot.press("f")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, FilterDialog)
        offered = dialog.query_one("#statuses", SelectionList)
        values = [offered.get_option_at_index(i).value for i in range(offered.option_count)]
        assert values == ["unreviewed", *(label.name for label in POLITIFACT.labels)]


def test_a_scale_cannot_take_a_key_the_review_screen_uses() -> None:
    """RESERVED_KEYS (core) must name every non-verdict key of the app's screen."""
    used: set[str] = set()
    for binding in [*ReviewScreen.BINDINGS, *ClaimsTable.BINDINGS, *WorkbenchApp.BINDINGS]:
        assert isinstance(binding, Binding)
        if binding.action.startswith("verdict(") and binding.action != "verdict('unreviewed')":
            continue
        used.update(
            {"question_mark": "?", "slash": "/", "right_square_bracket": "]"}.get(k, k)
            for k in (k.strip() for k in binding.key.split(","))
        )
    single = {k if len(k) == 1 else {"left_square_bracket": "["}.get(k, "") for k in used}
    assert single - {""} <= RESERVED_KEYS


def test_the_group_dialog_takes_the_scales_keys() -> None:
    dialog = GroupVerdictDialog(3, POLITIFACT)
    keys = dialog._bindings.key_to_bindings
    assert keys["p"][0].action == "pick('pants-on-fire')"
    assert "s" not in keys and keys["x"][0].action == "pick('unreviewed')"
