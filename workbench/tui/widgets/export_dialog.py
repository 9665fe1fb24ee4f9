"""Choose a report format and a file; the screen exports with the current filters."""

from __future__ import annotations

from pathlib import Path

import attrs
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select

from workbench.core.export import EXTENSIONS, WRITERS


@attrs.frozen
class ExportRequest:
    format: str
    path: Path
    include_unreviewed: bool


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Returns what to export where, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export-cancel")]

    def __init__(self, filters: str, folder: Path) -> None:
        super().__init__()
        self._filters = filters
        self._folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-form"):
            yield Label("Export verdicts", classes="dialog-title")
            yield Label(f"Claims: {self._filters or 'all reviewed claims'}", classes="field")
            yield Select(
                [(name, name) for name in WRITERS], value="html", allow_blank=False, id="format"
            )
            yield Input(str(self._folder / "report.html"), id="path")
            yield Checkbox("include unreviewed claims", id="unreviewed")
            yield Label("", id="export-error", classes="dialog-error")
            yield Label("Enter exports · Escape cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#path", Input)
        path = Path(path_input.value)
        if path.stem == "report":
            path_input.value = str(path.with_suffix(f".{EXTENSIONS[str(event.value)]}"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self.query_one("#export-error", Label).update("Where should the report go?")
            return
        self.dismiss(
            ExportRequest(
                format=str(self.query_one("#format", Select).value),
                path=Path(value).expanduser(),
                include_unreviewed=self.query_one("#unreviewed", Checkbox).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
