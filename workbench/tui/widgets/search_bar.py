"""The '/' search line of the review screen; arrows move the list under it."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


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

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def action_move(self, step: int) -> None:
        self.post_message(self.Move(step))
