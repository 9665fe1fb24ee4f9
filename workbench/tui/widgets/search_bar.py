"""The '/' search line of the review screen; arrows move the list under it."""

from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Input

from workbench.tui.widgets.scrolling import set_scroll_size


class SearchBar(Input):
    """The '/' search line; arrows move the list under it."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel search", id="search-cancel"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    class Cancelled(Message):
        pass

    class Move(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def _watch_value(self, value: str) -> None:
        # Input gives itself the text's width as its scrollable size on every
        # change, and that size is a reactive that lays the whole screen out
        # (15-40 ms a keystroke); set it quietly first, so Input's own
        # assignment finds nothing changed (see ``set_scroll_size``).
        set_scroll_size(self, Size(self.content_width, 1))
        super()._watch_value(value)

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def action_move(self, step: int) -> None:
        self.post_message(self.Move(step))
