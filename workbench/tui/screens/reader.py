"""The whole source document, its claims highlighted by status; jump between them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from workbench.core.models import Claim, Document
from workbench.core.text.safe import one_line, printable
from workbench.core.text.sentences import paragraphs
from workbench.core.wording import counted
from workbench.tui.palette import DEFAULT_PALETTE, Palette


class ReaderScreen(Screen[int | None]):
    """Returns the claim the reader was on when Enter was pressed, or None on Escape."""

    BINDINGS = [
        Binding("escape,q,o", "close", "Back", id="reader-back", tooltip="Back to the queue"),
        Binding(
            "n,j,down,right_square_bracket",
            "next_claim",
            "Next claim",
            id="reader-next",
            tooltip="Jump to the next claim in the document",
        ),
        Binding(
            "p,k,up,left_square_bracket",
            "previous_claim",
            "Previous claim",
            id="reader-previous",
            tooltip="Jump to the previous claim",
        ),
        Binding(
            "enter",
            "choose",
            "Review this",
            id="reader-choose",
            tooltip="Back to the queue with this claim selected",
        ),
    ]

    def __init__(
        self,
        document: Document,
        claims: list[Claim],
        current: int | None,
        palette: Palette = DEFAULT_PALETTE,
    ) -> None:
        super().__init__()
        self._document = document
        self._palette = palette
        self._claims = [c for c in claims if not c.stale and c.span_in(document.clean_text)]
        ids = [c.id for c in self._claims]
        self._index = ids.index(current) if current in ids else 0
        self._spans = list(paragraphs(document.clean_text))

    def compose(self) -> ComposeResult:
        doc = self._document
        dated = f" · {doc.published}" if doc.published else ""
        yield Label(
            f" {one_line(doc.title)} — {one_line(doc.source)}{dated} · {counted(len(self._claims), 'claim')}",
            id="reader-title",
        )
        with VerticalScroll(id="reader-body"):
            for number in range(len(self._spans)):
                yield Static(id=f"para-{number}", classes="reader-paragraph")
        yield Footer()

    def on_mount(self) -> None:
        self._draw()
        self.query_one("#reader-body").focus()

    def _paragraph_of(self, claim: Claim) -> int:
        for number, (start, end) in enumerate(self._spans):
            if start <= claim.start < end:
                return number
        return 0

    def _draw(self) -> None:
        text = self._document.clean_text
        current = self._claims[self._index] if self._claims else None
        for number, (start, end) in enumerate(self._spans):
            inside = [c for c in self._claims if start <= c.start < end]
            out = Text()
            position = start
            for claim in inside:
                out.append(printable(text[position : claim.start]))
                look = self._palette.style(claim.status)
                style = look + (" reverse" if claim is current else " underline")
                out.append(f"{self._palette.glyph(claim.status)} ", style=look)
                out.append(printable(text[claim.start : claim.end]), style=style)
                position = claim.end
            out.append(printable(text[position:end]))
            self.query_one(f"#para-{number}", Static).update(out)
        if current is not None:
            widget = self.query_one(f"#para-{self._paragraph_of(current)}")
            self.query_one("#reader-body").scroll_to_widget(widget, animate=False)

    def action_next_claim(self) -> None:
        if self._claims:
            self._index = min(self._index + 1, len(self._claims) - 1)
            self._draw()

    def action_previous_claim(self) -> None:
        if self._claims:
            self._index = max(self._index - 1, 0)
            self._draw()

    def action_choose(self) -> None:
        self.dismiss(self._claims[self._index].id if self._claims else None)

    def action_close(self) -> None:
        self.dismiss(None)
