"""The main screen: the queue of claims, the selected claim in detail, one key per decision.

Every write goes through the app's write queue (``writer``), off the UI
thread, and the screen shows it as done only after the store has committed
it; a failure is a notification and the screen stays as it was (or is put
back). Only the cursor moves on at once after a verdict, so the next key
applies to the claim the reviewer sees. Work that can take long at 100,000
claims (listing ids, counting, fuzzy search) runs in thread workers that
answer with messages.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import attrs
from textual.binding import Binding

from workbench.core.errors import WorkbenchError
from workbench.core.models import (
    ClaimFilter,
    Status,
)
from workbench.core.review import pending_note
from workbench.core.scale import OURS, Scale
from workbench.core.store import ORDERS, Store
from workbench.tui.scale_keys import scale_bindings, swap_bindings
from workbench.tui.screens.adjudication import AdjudicationScreen
from workbench.tui.screens.given_verdict import GivenVerdict
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.reader import ReaderScreen
from workbench.tui.screens.review_checked import CheckedBeforeActions
from workbench.tui.screens.review_citations import CitationActions
from workbench.tui.screens.review_search import SearchActions
from workbench.tui.screens.stats import StatsScreen
from workbench.tui.widgets.claims_table import ClaimsTable
from workbench.tui.widgets.filter_dialog import FilterDialog

SCAN = 500  # claims looked at per query when looking for the next unreviewed one


def _gives_verdict(binding: Binding) -> bool:
    """A key for one of the default scale's verdicts (x, which clears, is every scale's)."""
    return binding.action.startswith("verdict(") and binding.action != "verdict('unreviewed')"


class ReviewScreen(SearchActions, CitationActions, CheckedBeforeActions):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    BINDINGS = [
        Binding(
            "s",
            "verdict('supported')",
            "Supported",
            id="mark-supported",
            tooltip="The evidence supports the claim",
        ),
        Binding(
            "d",
            "verdict('disputed')",
            "Disputed",
            id="mark-disputed",
            tooltip="The evidence contradicts the claim",
        ),
        Binding(
            "m", "verdict('mixed')", "Mixed", id="mark-mixed", tooltip="Partly true, partly not"
        ),
        Binding(
            "u",
            "verdict('unverifiable')",
            "Unverifiable",
            id="mark-unverifiable",
            tooltip="Not enough evidence either way",
        ),
        Binding(
            "x",
            "verdict('unreviewed')",
            "Clear",
            id="mark-clear",
            tooltip="Back to unreviewed (recorded in the history)",
        ),
        Binding("c", "cite", "Cite", id="cite", tooltip="Add a citation to the claim"),
        Binding(
            "C",
            "citations",
            "Citations",
            id="citations",
            show=False,
            tooltip="Edit or delete the claim's citations",
        ),
        Binding("n", "note", "Note", id="note", tooltip="Write the rationale of the verdict"),
        Binding("z", "undo", "Undo", id="undo", tooltip="Undo your last action (repeatable)"),
        Binding(
            "Z,ctrl+shift+z", "redo", "Redo", id="redo", show=False, tooltip="Redo what you undid"
        ),
        Binding(
            "right_square_bracket",
            "next_open(1)",
            "Next open",
            id="next-unreviewed",
            show=False,
            tooltip="Next unreviewed claim",
        ),
        Binding(
            "left_square_bracket",
            "next_open(-1)",
            "Previous open",
            id="previous-unreviewed",
            show=False,
            tooltip="Previous unreviewed claim",
        ),
        Binding(
            "slash", "search", "Search", id="search", tooltip="Fuzzy search the claims as you type"
        ),
        Binding("f", "filter", "Filter", id="filter", tooltip="Filter by status, kind, source"),
        Binding(
            "M",
            "toggle_mine",
            "Mine",
            id="mine",
            show=False,
            tooltip="Only your queue: claims given to you, and those waiting for your verdict",
        ),
        Binding(
            "A",
            "adjudicate",
            "Adjudicate",
            id="adjudicate",
            show=False,
            tooltip="The claims whose reviewers disagree, side by side, to decide",
        ),
        Binding(
            "i",
            "stats",
            "Statistics",
            id="stats",
            show=False,
            tooltip="Progress per reviewer and day, agreement between reviewers",
        ),
        Binding(
            "F",
            "clear_filter",
            "Clear filters",
            id="clear-filter",
            show=False,
            tooltip="Show every claim again",
        ),
        Binding(
            "o", "open_source", "Source", id="open-source", tooltip="Read the whole source document"
        ),
        Binding(
            "S",
            "cycle_sort",
            "Sort",
            id="sort",
            show=False,
            tooltip="Sort by score, source order, kind or status",
        ),
        Binding(
            "a",
            "toggle_advance",
            "Auto-advance",
            id="auto-advance",
            show=False,
            tooltip="Move to the next open claim after a verdict, or stay",
        ),
        Binding(
            "g",
            "group_verdict",
            "Group verdict",
            id="group-verdict",
            show=False,
            tooltip="One verdict for every source that carries this claim",
        ),
        Binding(
            "1",
            "cite_suggestion(1)",
            "Cite suggestion 1",
            id="cite-suggestion-1",
            show=False,
            tooltip="Cite the first suggested passage",
        ),
        Binding(
            "2",
            "cite_suggestion(2)",
            "Cite suggestion 2",
            id="cite-suggestion-2",
            show=False,
            tooltip="Cite the second suggested passage",
        ),
        Binding(
            "3",
            "cite_suggestion(3)",
            "Cite suggestion 3",
            id="cite-suggestion-3",
            show=False,
            tooltip="Cite the third suggested passage",
        ),
        Binding(
            "b",
            "cite_checked",
            "Cite checked",
            id="cite-checked-before",
            show=False,
            tooltip="Cite the published fact-check of this claim (again: the next one)",
        ),
        Binding(
            "e",
            "export",
            "Export",
            id="export",
            tooltip="Write a report of the verdicts (current filters apply)",
        ),
        Binding("question_mark", "help", "Help", id="help", tooltip="All keys"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit; everything is already saved"),
    ]
    # The keys of the database's verdicts: ours until the scale is read (``_use_scale``).
    verdict_bindings: list[Binding] = [
        b for b in BINDINGS if isinstance(b, Binding) and _gives_verdict(b)
    ]

    def review_bindings(self) -> list[Binding]:
        """The screen's keys: the verdicts of the database's scale first, then the rest."""
        rest = [b for b in self.BINDINGS if isinstance(b, Binding) and not _gives_verdict(b)]
        return [*self.verdict_bindings, *rest]

    def _use_scale(self, scale: Scale) -> None:
        """One key per verdict of the scale, in place of ours (``Label.key``)."""
        super()._use_scale(scale)
        ours = [b for b in self.BINDINGS if isinstance(b, Binding) and _gives_verdict(b)]
        if scale == OURS:
            self.verdict_bindings = ours
            return
        self.verdict_bindings = scale_bindings(scale, "verdict", "mark", "Verdict")
        swap_bindings(self, ours, self.verdict_bindings)

    def action_verdict(self, word: str) -> None:
        claim_id = self.table.current_id
        if claim_id is None:
            return
        try:
            status = self.scale.verdict(word)
        except WorkbenchError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        view = self.view if self.view and self.view.claim.id == claim_id else None
        given = GivenVerdict(claim_id, status, view.claim.text if view else "")
        if view is not None and view.history:
            # What the verdict will carry, until the store says what it did carry.
            given.note = pending_note(view.claim.status, view.history[-1].note)
        reviewer = self.reviewer

        def run(store: Store) -> tuple[Status, Status]:
            before = store.get_claim(claim_id).status
            made = store.mark(claim_id, status, reviewer)
            given.verdict_id, given.note = made.id, made.note
            # At a desk of several the claim's status is not simply the verdict.
            return before, store.get_claim(claim_id).status

        def done(change: tuple[Status, Status]) -> None:
            before, after = change
            self._settle(given)
            self.counts[before] = self.counts.get(before, 0) - 1
            self.counts[after] = self.counts.get(after, 0) + 1
            self.table.refresh_rows(claim_id)
            if self.table.current_id == claim_id:
                self._show(claim_id)
            if self.progress is not None:
                self._refresh_counts()  # the reviewer's own progress

        def failed(error: WorkbenchError) -> None:
            self._settle(given)
            # Back to the claim that has no verdict, unless the reviewer moved on by hand.
            if self.table.current_id == landed and claim_id in self.table.ids:
                self.table.move_to(self.table.ids.index(claim_id))

        self.queued[claim_id] = given
        # The cursor moves on now; the verdict shows once it is committed (in
        # this frame when the database is free, see ``StoreWriter.submit``).
        if self.auto_advance and status is not Status.UNREVIEWED:
            self._go_to_open(1, quiet=True)
        landed = self.table.current_id
        self.given = given if status is not Status.UNREVIEWED else None
        self._write(run, done, failed, at_once=True)

    def _settle(self, given: GivenVerdict) -> None:
        """The verdict is committed or failed: no longer queued, and no longer noted if failed."""
        if self.queued.get(given.claim_id) is given:
            del self.queued[given.claim_id]
        if self.given is given and given.verdict_id is None:
            self.given = None

    def action_next_open(self, step: int) -> None:
        self._go_to_open(step)

    def _go_to_open(self, step: int, *, quiet: bool = False) -> bool:
        """Move to the next (step 1) or previous (-1) unreviewed claim, wrapping once."""
        ids, start = self.table.ids, self.table.cursor
        if not ids:
            return False
        # Lazily: the list may hold a million claims, read a page at a time.
        order = (
            itertools.chain(range(start + 1, len(ids)), range(0, start))
            if step > 0
            else itertools.chain(range(start - 1, -1, -1), range(len(ids) - 1, start, -1))
        )
        while chunk := list(itertools.islice(order, SCAN)):
            wanted = {index: claim_id for index in chunk if (claim_id := self.table.id_at(index))}
            statuses = self._call(self.store.statuses, list(wanted.values()))
            # At a desk a claim the reviewer judged waits for others: not open to them.
            own = (
                self._call(self.store.own_verdicts, list(wanted.values()), self.reviewer)
                if self.independent
                else {}
            )
            if statuses is None or own is None:
                return False
            for index, claim_id in wanted.items():
                queued = self.queued.get(claim_id)
                status = queued.status if queued else statuses.get(claim_id)
                if status is Status.UNREVIEWED and (queued or claim_id not in own):
                    self.table.move_to(index)
                    return True
        if not quiet:
            self.notify("No unreviewed claim left in this list.")
        else:
            self.notify("That was the last unreviewed claim in this list.")
        return False

    def action_undo(self) -> None:
        self._undo_or_redo(Store.undo, "Nothing to undo.", "Undone")

    def action_redo(self) -> None:
        self._undo_or_redo(Store.redo, "Nothing to redo.", "Redone")

    def _undo_or_redo(
        self, method: Callable[[Store, str], tuple[int, str] | None], nothing: str, word: str
    ) -> None:
        self.given = None
        reviewer = self.reviewer

        def done(result: tuple[int, str] | None) -> None:
            if result is None:
                self.notify(nothing)
                return
            claim_id, what = result
            if claim_id in self.table.ids:
                self.table.move_to(self.table.ids.index(claim_id))
            self.table.refresh_rows(claim_id)
            self._show(self.table.current_id)
            self.notify(f"{word}: {what} on claim #{claim_id}", markup=False)
            self._refresh_counts()

        self._write(lambda store: method(store, reviewer), done, at_once=True)

    def action_toggle_advance(self) -> None:
        self.auto_advance = not self.auto_advance
        self.notify(f"Auto-advance {'on' if self.auto_advance else 'off'}")
        self._draw_header()
        self.save_state()

    # -- notes and citations ------------------------------------------------------------------------

    def action_filter(self) -> None:
        def apply(result: ClaimFilter | None) -> None:
            if result is not None:
                self.where = attrs.evolve(result, mine=self.where.mine)  # M toggles that one
                self._reload(keep=self.table.current_id)
                self.save_state()

        conflicts = bool(self.counts.get(Status.CONFLICT))
        self.app.push_screen(
            FilterDialog(self.where, self._documents, conflicts=conflicts, scale=self.scale), apply
        )

    def action_toggle_mine(self) -> None:
        mine = "" if self.where.mine else self.reviewer
        self.where = attrs.evolve(self.where, mine=mine)
        self.notify("Your queue" if mine else "Every claim again")
        self._reload(keep=self.table.current_id)
        self.save_state()

    def action_adjudicate(self) -> None:
        def back(_: None) -> None:
            self.table.refresh_rows()
            self._show(self.table.current_id)
            self._refresh_counts()

        self.app.push_screen(AdjudicationScreen(self.store, self.reviewer, self.writer), back)

    def action_stats(self) -> None:
        self.app.push_screen(StatsScreen(self.store, self.reviewer))

    def action_clear_filter(self) -> None:
        self.where = ClaimFilter()
        self._reload(keep=self.table.current_id)
        self.save_state()

    def action_cycle_sort(self) -> None:
        names = list(ORDERS)
        self.order = names[(names.index(self.order) + 1) % len(names)]
        self._reload(keep=self.table.current_id)  # the toast shows with the sorted list
        self.notify(f"Sorted by {self.order}")
        self.save_state()

    def action_open_source(self) -> None:
        if self.view is None or self.view.document.id is None:
            return
        claims = self._call(self.store.claims_of_document, self.view.document.id)
        if claims is None:
            return

        def back(claim_id: int | None) -> None:
            self._refresh_current()
            if claim_id is None:
                return
            if claim_id in self.table.ids:
                self.table.move_to(self.table.ids.index(claim_id))
            else:
                self.notify("That claim is hidden by the filters (F clears them).")

        self.app.push_screen(
            ReaderScreen(self.view.document, claims, self.view.claim.id, self.palette), back
        )

    def action_help(self) -> None:
        self.app.push_screen(
            HelpScreen(
                [
                    ("Review", self.review_bindings()),
                    ("Move", [b for b in ClaimsTable.BINDINGS if isinstance(b, Binding)]),
                    ("App", [b for b in self.app.BINDINGS if isinstance(b, Binding)]),
                ]
            )
        )

    def action_quit(self) -> None:
        """Quit once every queued write is committed; stay if one of them failed."""
        self.save_state()
        failures = self.writer.failures

        def leave(_: None) -> None:
            if self.writer.failures > failures:
                self.notify(
                    "Not quitting: a change above was not saved. q again quits anyway.",
                    severity="error",
                    timeout=10,
                )
                return
            self.app.exit()

        self._write(lambda store: None, leave)

    def on_resize(self) -> None:
        if self._loaded:
            self._draw_header()
