"""A claim's citations in a list, to pick one to edit or to delete."""

from __future__ import annotations

import enum

import attrs
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.core.models import Citation
from workbench.core.text.safe import one_line


class Pick(enum.Enum):
    """What the reviewer wants done with the citation picked."""

    EDIT = "edit"
    DELETE = "delete"


@attrs.frozen
class PickedCitation:
    citation_id: int
    pick: Pick


class CitationPicker(ModalScreen[PickedCitation | None]):
    """Returns the citation picked and what to do with it, or None when closed."""

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="citations-close"),
        Binding("e,enter", "edit", "Edit", id="citations-edit"),
        Binding("delete,backspace", "delete", "Delete", id="citations-delete"),
    ]

    def __init__(self, citations: list[Citation]) -> None:
        super().__init__()
        self._citations = citations

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Citations", classes="dialog-title")
            options = []
            for citation in self._citations:
                stance = citation.stance.value if citation.stance else "—"
                quote = f" “{one_line(citation.quote, 40)}”" if citation.quote else ""
                options.append(
                    Option(
                        f"{stance:<9} {one_line(citation.source, 40)}{quote}", id=str(citation.id)
                    )
                )
            yield OptionList(*options, id="citations")
            yield Label(
                "Enter edits · Delete removes (undo with z) · Escape closes", classes="dialog-help"
            )

    def _selected(self) -> int | None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is None:
            return None
        option = option_list.get_option_at_index(option_list.highlighted)
        return int(option.id) if option.id else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.dismiss(PickedCitation(selected, Pick.EDIT))

    def action_delete(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.dismiss(PickedCitation(selected, Pick.DELETE))

    def action_cancel(self) -> None:
        self.dismiss(None)
