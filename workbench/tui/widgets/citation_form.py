"""The form for adding or editing a citation: source, quoted passage, locator, stance, note."""

from __future__ import annotations

import attrs
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from workbench.core.models import Stance
from workbench.core.text.safe import one_line


@attrs.frozen
class CitationInput:
    """What the reviewer typed; the screen turns it into a Citation."""

    source: str
    quote: str = ""
    locator: str = ""
    stance: Stance | None = None
    note: str = ""


class CitationForm(ModalScreen[CitationInput | None]):
    """Returns the typed citation, or None when cancelled (nothing is saved then)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="citation-cancel")]

    def __init__(
        self,
        documents: list[tuple[int, str]],
        *,
        initial: CitationInput | None = None,
        title: str = "Add a citation",
    ) -> None:
        super().__init__()
        self._documents = documents
        self._initial = initial or CitationInput(source="")
        self._title = title

    def compose(self) -> ComposeResult:
        start = self._initial
        with Vertical(classes="dialog", id="citation-form"):
            yield Label(self._title, classes="dialog-title")
            yield Label("Source: a URL, a file path, or pick a corpus document", classes="field")
            with Horizontal(classes="row"):
                yield Input(start.source, placeholder="https://… or /path/to/file", id="source")
                yield Select(
                    [
                        (one_line(f"{doc_id}: {title}", 40), doc_id)
                        for doc_id, title in self._documents
                    ],
                    prompt="corpus document",
                    id="document",
                )
            yield Input(
                start.quote, placeholder="quoted passage: the words in the source", id="quote"
            )
            with Horizontal(classes="row"):
                yield Input(start.locator, placeholder="locator: paragraph, page", id="locator")
                yield Select(
                    [("supports", Stance.SUPPORTS), ("refutes", Stance.REFUTES)],
                    prompt="stance",
                    value=start.stance if start.stance else Select.NULL,
                    id="stance",
                )
            yield Input(start.note, placeholder="note", id="note")
            yield Label("", id="citation-error", classes="dialog-error")
            yield Label("Enter saves · Escape cancels · Tab moves", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#source", Input).focus()

    @on(Select.Changed, "#document")
    def _picked(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.query_one("#source", Input).value = f"doc:{event.value}"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        source = self.query_one("#source", Input).value.strip()
        if not source:
            self.query_one("#citation-error", Label).update("A citation needs a source.")
            self.query_one("#source", Input).focus()
            return
        stance = self.query_one("#stance", Select).value
        self.dismiss(
            CitationInput(
                source=source,
                quote=self.query_one("#quote", Input).value.strip(),
                locator=self.query_one("#locator", Input).value.strip(),
                stance=stance if isinstance(stance, Stance) else None,
                note=self.query_one("#note", Input).value.strip(),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
