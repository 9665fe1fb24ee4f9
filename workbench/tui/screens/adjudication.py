"""The adjudication queue: claims whose reviewers disagree, and the editor's final verdict.

The queue lists the claims in conflict when the screen opens; a claim decided
here stays in it (marked) so its adjudicator can see the outcome and undo it.
The final verdict asks for the reason, then goes through the app's write queue
to :meth:`Store.adjudicate`, recorded as an adjudication (who, when, why). An
adjudicator who gave one of the verdicts is refused up front when the desk
forbids it, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from workbench.core.desk_views import ConflictView, conflict_view
from workbench.core.errors import WorkbenchError
from workbench.core.models import ClaimFilter, Status
from workbench.core.scale import OURS, Scale
from workbench.core.store import Store
from workbench.core.text.safe import one_line
from workbench.tui.palette import DEFAULT_PALETTE, palette_for
from workbench.tui.scale_keys import scale_bindings, swap_bindings
from workbench.tui.widgets.conflict_panel import ConflictPanel
from workbench.tui.widgets.note_dialog import NoteDialog
from workbench.tui.writer import StoreWriter

T = TypeVar("T")


class AdjudicationScreen(Screen[None]):
    """The claims in conflict, one shown side by side; a key gives the final verdict."""

    BINDINGS = [
        Binding(
            "s",
            "decide('supported')",
            "Supported",
            id="adjudicate-supported",
            tooltip="Final: supported",
        ),
        Binding(
            "d",
            "decide('disputed')",
            "Disputed",
            id="adjudicate-disputed",
            tooltip="Final: disputed",
        ),
        Binding("m", "decide('mixed')", "Mixed", id="adjudicate-mixed", tooltip="Final: mixed"),
        Binding(
            "u",
            "decide('unverifiable')",
            "Unverifiable",
            id="adjudicate-unverifiable",
            tooltip="Final: unverifiable",
        ),
        Binding("z", "undo", "Undo", id="adjudicate-undo", tooltip="Undo your last action"),
        Binding("Z", "redo", "Redo", id="adjudicate-redo", show=False, tooltip="Redo it"),
        Binding("escape,q,A", "close", "Back", id="adjudicate-back", tooltip="Back to the queue"),
    ]

    def __init__(self, store: Store, reviewer: str, writer: StoreWriter) -> None:
        super().__init__()
        self.store = store
        self.reviewer = reviewer
        self.writer = writer
        self.ids: list[int] = []
        self.view: ConflictView | None = None
        self.scale: Scale = OURS
        self.palette = DEFAULT_PALETTE

    def compose(self) -> ComposeResult:
        yield Label("", id="adjudication-title")
        yield OptionList(id="conflicts")
        with VerticalScroll(id="conflict-body"):
            yield ConflictPanel(id="conflict")
        yield Footer()

    def on_mount(self) -> None:
        self._use_scale(self._call(self.store.scale) or OURS)
        found = self._call(
            self.store.claim_ids, ClaimFilter(statuses=(Status.CONFLICT,)), order="score"
        )
        self.ids = found or []
        self._fill()
        self.query_one(OptionList).focus()

    def _use_scale(self, scale: Scale) -> None:
        """The final verdicts are the database's scale's, with its keys and look."""
        self.scale, self.palette = scale, palette_for(scale)
        panel = self.query_one(ConflictPanel)
        panel.palette = self.palette
        if scale == OURS:
            return
        panel.keys = " ".join(label.key for label in scale.labels)
        ours = [
            b for b in self.BINDINGS if isinstance(b, Binding) and b.action.startswith("decide(")
        ]
        swap_bindings(self, ours, scale_bindings(scale, "decide", "adjudicate", "Final"))

    # -- reads and writes ---------------------------------------------------------------

    def _call(self, read: Callable[..., T], *args: object, **kwargs: object) -> T | None:
        try:
            return read(*args, **kwargs)
        except WorkbenchError as error:
            self.notify(str(error), severity="error", markup=False, timeout=8)
            return None

    def _write(self, run: Callable[[Store], T], done: Callable[[T], None]) -> None:
        def failed(error: WorkbenchError) -> None:
            self.notify(str(error), severity="error", markup=False, timeout=8)

        self.writer.submit(run, done, failed)

    # -- drawing ------------------------------------------------------------------------

    @property
    def current_id(self) -> int | None:
        index = self.query_one(OptionList).highlighted
        return self.ids[index] if index is not None and 0 <= index < len(self.ids) else None

    def _prompt(self, claim_id: int) -> Text:
        claim = self._call(self.store.get_claim, claim_id)
        out = Text(no_wrap=True, overflow="ellipsis")
        if claim is None:
            out.append(f"#{claim_id}", style="dim")
            return out
        out.append(f"{self.palette.glyph(claim.status)} ", style=self.palette.style(claim.status))
        out.append(f"#{claim_id} ", style="bold")
        if claim.status is not Status.CONFLICT:
            out.append(f"{claim.status.value} ", style=self.palette.style(claim.status))
        out.append(one_line(claim.text, 200))
        return out

    def _fill(self, keep: int | None = None) -> None:
        options = self.query_one(OptionList)
        options.set_options([Option(self._prompt(i), id=str(i)) for i in self.ids])
        if self.ids:
            options.highlighted = self.ids.index(keep) if keep in self.ids else 0
        self._title()
        self._show(self.current_id)

    def _title(self) -> None:
        waiting = self._call(self.store.count_claims, ClaimFilter(statuses=(Status.CONFLICT,)))
        self.query_one("#adjudication-title", Label).update(
            Text.assemble(
                (" adjudication ", "bold reverse"),
                (f" {one_line(self.reviewer, 16)} ", "bold"),
                (f"· {waiting or 0} in conflict · {len(self.ids)} in this queue", "dim"),
            )
        )

    def _show(self, claim_id: int | None) -> None:
        self.view = None
        if claim_id is not None:
            self.view = self._call(conflict_view, self.store, claim_id, self.reviewer)
        self.query_one(ConflictPanel).show(self.view)

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        self._show(self.current_id)

    def _redraw(self, claim_id: int) -> None:
        if claim_id not in self.ids:
            # An undo put a claim not listed back in conflict: it joins the queue.
            claim = self._call(self.store.get_claim, claim_id)
            if claim is not None and claim.status is Status.CONFLICT:
                self.ids.append(claim_id)
                self._fill(keep=claim_id)
            return
        index = self.ids.index(claim_id)
        self.query_one(OptionList).replace_option_prompt_at_index(index, self._prompt(claim_id))
        self.query_one(OptionList).highlighted = index
        self._title()
        self._show(claim_id)

    # -- actions ------------------------------------------------------------------------

    def action_decide(self, word: str) -> None:
        view, status = self.view, Status(word)
        if view is None or view.claim.id is None or status not in self.scale.verdicts:
            return
        if view.refused:
            self.notify(view.refused, severity="error", markup=False)
            return
        claim_id, reviewer = view.claim.id, self.reviewer

        def write(reason: str | None) -> None:
            if reason is None:
                return
            if not reason:
                self.notify("An adjudication needs its reason; nothing was written.")
                return
            self._write(
                lambda store: store.adjudicate(claim_id, status, reviewer, reason),
                lambda _row: self._redraw(claim_id),
            )

        title = f"Adjudicate #{claim_id}: {status.value} — why?"
        self.app.push_screen(NoteDialog("", one_line(view.claim.text, 200), title), write)

    def _undo_or_redo(
        self, method: Callable[[Store, str], tuple[int, str] | None], word: str
    ) -> None:
        reviewer = self.reviewer

        def done(result: tuple[int, str] | None) -> None:
            if result is None:
                self.notify(f"Nothing to {word.lower()}.")
                return
            claim_id, what = result
            self.notify(f"{word}: {what} on claim #{claim_id}", markup=False)
            self._redraw(claim_id)

        self._write(lambda store: method(store, reviewer), done)

    def action_undo(self) -> None:
        self._undo_or_redo(Store.undo, "Undo")

    def action_redo(self) -> None:
        self._undo_or_redo(Store.redo, "Redo")

    def action_close(self) -> None:
        self.dismiss(None)
