"""One key for the verdict on every claim of a group."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from workbench.core.models import Status


class GroupVerdictDialog(ModalScreen[Status | None]):
    """Returns the verdict for the whole group, or None when cancelled."""

    BINDINGS = [
        Binding("s", "pick('supported')", "Supported", id="group-supported"),
        Binding("d", "pick('disputed')", "Disputed", id="group-disputed"),
        Binding("m", "pick('mixed')", "Mixed", id="group-mixed"),
        Binding("u", "pick('unverifiable')", "Unverifiable", id="group-unverifiable"),
        Binding("x", "pick('unreviewed')", "Clear", id="group-clear"),
        Binding("escape", "pick('')", "Cancel", id="group-cancel"),
    ]

    def __init__(self, size: int) -> None:
        super().__init__()
        self._members = size

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="group-form"):
            yield Label(
                f"Verdict for all {self._members} sources carrying this claim",
                classes="dialog-title",
            )
            yield Label(
                "s supported · d disputed · m mixed · u unverifiable · x clear", classes="field"
            )
            yield Label(
                "Each claim records it as carried over from this one; z undoes all. "
                "Escape cancels.",
                classes="dialog-help",
            )

    def action_pick(self, word: str) -> None:
        self.dismiss(Status(word) if word else None)
