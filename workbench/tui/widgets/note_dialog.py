"""A one-field dialog for the rationale of the current verdict."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class NoteDialog(ModalScreen[str | None]):
    """Returns the new note, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note-cancel")]

    def __init__(self, note: str, claim_text: str) -> None:
        super().__init__()
        self._note = note
        self._claim_text = claim_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Note on the verdict", classes="dialog-title")
            yield Label(self._claim_text, classes="dialog-claim")
            yield Input(self._note, placeholder="why this verdict", id="note-input")
            yield Label("Enter saves · Escape cancels", classes="dialog-help")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
