"""The statistics screen: the desk's progress, each reviewer's, and how far they agree."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label

from workbench.core.desk_views import DeskFigures, desk_figures
from workbench.core.errors import WorkbenchError
from workbench.core.store import Store
from workbench.core.text.safe import one_line
from workbench.tui.widgets.stats_panel import StatsPanel


class StatsScreen(Screen[None]):
    """Figures read in a thread worker when the screen opens (r reads them again)."""

    BINDINGS = [
        Binding("escape,q,i", "close", "Back", id="stats-back", tooltip="Back to the queue"),
        Binding("r", "reload", "Refresh", id="stats-refresh", tooltip="Read the figures again"),
    ]

    def __init__(self, store: Store, reviewer: str) -> None:
        super().__init__()
        self.store = store
        self.reviewer = reviewer

    def compose(self) -> ComposeResult:
        yield Label(f" statistics · {one_line(self.reviewer, 16)}", id="stats-title")
        with VerticalScroll(id="stats-body"):
            yield StatsPanel("reading the figures…", id="stats")
        yield Footer()

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self._read()

    @work(thread=True, exclusive=True, group="stats")
    def _read(self) -> None:
        try:
            figures = desk_figures(self.store)
        except WorkbenchError as error:
            self.app.call_from_thread(
                self.notify, str(error), severity="error", markup=False, timeout=8
            )
            return
        self.app.call_from_thread(self._shown, figures)

    def _shown(self, figures: DeskFigures) -> None:
        self.query_one(StatsPanel).show(figures)

    def action_close(self) -> None:
        self.dismiss(None)
