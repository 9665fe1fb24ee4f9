"""One key for the verdict on every claim of a group."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from workbench.core.models import Status
from workbench.core.scale import OURS, Scale


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

    def __init__(self, size: int, scale: Scale = OURS) -> None:
        super().__init__()
        self._members = size
        self._scale = scale
        if scale != OURS:  # the scale's keys in place of ours
            keys = self._bindings.key_to_bindings
            for binding in self.BINDINGS:
                if isinstance(binding, Binding) and binding.id not in (
                    "group-clear",
                    "group-cancel",
                ):
                    keys.pop(binding.key, None)
            for label in scale.labels:
                keys.setdefault(label.key, []).append(
                    Binding(
                        label.key, f"pick('{label.name}')", label.title, id=f"group-{label.name}"
                    )
                )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="group-form"):
            yield Label(
                f"Verdict for all {self._members} sources carrying this claim",
                classes="dialog-title",
            )
            keys = [f"{label.key} {label.name}" for label in self._scale.labels]
            if self._scale == OURS:  # in the order the review screen binds them
                keys = ["s supported", "d disputed", "m mixed", "u unverifiable"]
            yield Label(" · ".join([*keys, "x clear"]), classes="field")
            yield Label(
                "Each claim records it as carried over from this one; z undoes all. "
                "Escape cancels.",
                classes="dialog-help",
            )

    def action_pick(self, word: str) -> None:
        self.dismiss(self._scale.verdict(word) if word else None)
