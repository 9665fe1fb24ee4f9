"""Every key of the review app, with what it does."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


def _key_label(binding: Binding) -> str:
    keys = [k.strip() for k in binding.key.split(",")]
    names = {
        "question_mark": "?",
        "slash": "/",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "pagedown": "PgDn",
        "pageup": "PgUp",
        "ctrl+p": "ctrl+p",
        "delete": "Del",
    }
    return " ".join(names.get(k, k) for k in keys)


class HelpScreen(ModalScreen[None]):
    """Lists the bindings handed to it, grouped as given."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help-close")]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self._groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Label("Keys", classes="dialog-title")
            for title, bindings in self._groups:
                table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
                table.add_column(style="bold cyan", no_wrap=True, min_width=10)
                table.add_column(style="bold", no_wrap=True)
                table.add_column(style="dim")
                for binding in bindings:
                    table.add_row(_key_label(binding), binding.description, binding.tooltip)
                yield Label(title, classes="help-group")
                yield Static(table)
            yield Label(
                "Every action is also in the command palette (ctrl+p). Escape or ? closes.",
                classes="dialog-help",
            )

    def action_close(self) -> None:
        self.dismiss(None)
