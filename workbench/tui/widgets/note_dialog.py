"""A one-field dialog for the rationale of a verdict; its title names the verdict."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class NoteDialog(ModalScreen[str | None]):
    """Returns the new note, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note-cancel")]

    def __init__(self, note: str, claim_text: str, title: str = "Note on the verdict") -> None:
        super().__init__()
        self._note = note
        self._claim_text = claim_text
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title", markup=False)
            yield Label(self._claim_text, classes="dialog-claim", markup=False)
            yield Input(self._note, placeholder="why this verdict", id="note-input")
            yield Label("Enter saves · Escape cancels", classes="dialog-help")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
