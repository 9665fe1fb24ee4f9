"""The main screen: the queue of claims, the selected claim in detail, one key per decision.

Every action calls the store first and changes the screen only after the store
has committed it; a failure is a notification and the screen stays as it was.
Work that can take long at 100,000 claims (listing ids, counting, fuzzy
search) runs in thread workers that answer with messages.
"""

from __future__ import annotations

from typing import Any

import attrs
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from workbench.core.errors import WorkbenchError
from workbench.core.export import ExportOptions, export
from workbench.core.matching.evidence import Suggestion, suggest, verify
from workbench.core.matching.views import flags_of, other_versions, sources_of
from workbench.core.models import (
    QUOTE_FOUND,
    Citation,
    Claim,
    ClaimFilter,
    ClaimKind,
    SourceKind,
    Status,
)
from workbench.core.review import classify_source
from workbench.core.search import fuzzy_find
from workbench.core.store import ORDERS, Store
from workbench.core.text.safe import one_line
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.reader import ReaderScreen
from workbench.tui.widgets.citation_dialog import CitationDialog, CitationInput
from workbench.tui.widgets.citations_dialog import CitationsDialog
from workbench.tui.widgets.claim_detail import ClaimDetail, ClaimView, evidence_text
from workbench.tui.widgets.claims_table import ClaimsTable
from workbench.tui.widgets.export_dialog import ExportDialog, ExportRequest
from workbench.tui.widgets.filter_dialog import FilterDialog
from workbench.tui.widgets.group_dialog import GroupVerdictDialog
from workbench.tui.widgets.note_dialog import NoteDialog
from workbench.tui.widgets.review_header import ReviewHeader, describe_filter, progress_text

SCAN = 500  # claims looked at per query when looking for the next unreviewed one
FAILED = object()  # what _call returns when the store refused


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


class ReviewScreen(Screen[None]):
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
            "e",
            "export",
            "Export",
            id="export",
            tooltip="Write a report of the verdicts (current filters apply)",
        ),
        Binding("question_mark", "help", "Help", id="help", tooltip="All keys"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit; everything is already saved"),
    ]

    class IdsLoaded(Message):
        def __init__(self, ids: list[int], keep: int | None, counts: dict[Status, int]) -> None:
            super().__init__()
            self.ids = ids
            self.keep = keep
            self.counts = counts

    class Evidence(Message):
        def __init__(self, claim_id: int | None, suggestions: list[Suggestion]) -> None:
            super().__init__()
            self.claim_id = claim_id
            self.suggestions = suggestions

    class SearchResults(Message):
        def __init__(self, query: str, ids: list[int]) -> None:
            super().__init__()
            self.query = query
            self.ids = ids

    def __init__(self, store: Store, reviewer: str, database_name: str) -> None:
        super().__init__()
        self.store = store
        self.reviewer = reviewer
        self.database_name = database_name
        self.where = ClaimFilter()
        self.order = "score"
        self.auto_advance = True
        self.counts: dict[Status, int] = {s: 0 for s in Status}
        self.view: ClaimView | None = None
        self._documents: list[tuple[int, str]] = []
        self._search_texts: tuple[list[int], list[str]] | None = None
        self._before_search: tuple[list[int], int | None] | None = None
        self._loaded = False
        self.suggestions: list[Suggestion] = []

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield ReviewHeader(id="header")
        with Horizontal(id="panes"):
            yield ClaimsTable(self.store, id="claims")
            yield ClaimDetail(id="detail")
        yield SearchBar(placeholder="search claims (Enter jumps, Escape returns)", id="search")
        yield Footer()

    def on_mount(self) -> None:
        state = self._saved_state()
        documents = self._call(self.store.documents)
        if documents is not FAILED:
            self._documents = [(d["id"], d["title"]) for d in documents]
        self.query_one(ClaimsTable).focus()
        self._reload(keep=state.get("claim_id"))

    @property
    def table(self) -> ClaimsTable:
        return self.query_one(ClaimsTable)

    def _call(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        """Call the store; a failure becomes a notification and FAILED."""
        try:
            return method(*args, **kwargs)
        except WorkbenchError as error:
            self.notify(str(error), severity="error", markup=False, timeout=8)
            return FAILED

    # -- state that survives a restart ------------------------------------------------------

    @property
    def _state_key(self) -> str:
        return f"ui:{self.reviewer}"

    def _saved_state(self) -> dict[str, Any]:
        state = self._call(self.store.get_setting, self._state_key, {})
        if not isinstance(state, dict):
            state = {}
        try:
            self.where = ClaimFilter(
                statuses=tuple(Status(s) for s in state.get("statuses", [])),
                kinds=tuple(ClaimKind(k) for k in state.get("kinds", [])),
                document_ids=tuple(int(d) for d in state.get("documents", [])),
            )
        except ValueError:
            self.where = ClaimFilter()
        self.order = state.get("order", "score") if state.get("order") in ORDERS else "score"
        self.auto_advance = bool(state.get("auto_advance", self.app_auto_advance))
        return dict(state)

    @property
    def app_auto_advance(self) -> bool:
        return bool(getattr(self.app, "auto_advance", True))

    def save_state(self) -> None:
        if self.store.readonly:
            return
        self._call(
            self.store.set_setting,
            self._state_key,
            {
                "claim_id": self.table.current_id,
                "statuses": [s.value for s in self.where.statuses],
                "kinds": [k.value for k in self.where.kinds],
                "documents": list(self.where.document_ids),
                "order": self.order,
                "auto_advance": self.auto_advance,
            },
        )

    # -- loading ------------------------------------------------------------------------------

    def _reload(self, keep: int | None = None) -> None:
        self._load_ids(self.where, self.order, keep)

    @work(thread=True, exclusive=True, group="ids")
    def _load_ids(self, where: ClaimFilter, order: str, keep: int | None) -> None:
        try:
            ids = self.store.claim_ids(where, order=order)
            counts = self.store.status_counts()
        except WorkbenchError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.IdsLoaded(ids, keep, counts))

    def on_review_screen_ids_loaded(self, message: IdsLoaded) -> None:
        self.counts = message.counts
        self._loaded = True
        self.table.set_ids(message.ids, keep=message.keep)
        if not message.ids:
            self._show(None)
        self._draw_header()

    def _draw_header(self) -> None:
        names = dict(self._documents)
        self.query_one(ReviewHeader).show(
            progress_text(
                self.database_name,
                self.reviewer,
                self.counts,
                self.where,
                names,
                auto_advance=self.auto_advance,
                width=self.size.width,
            )
        )

    @on(ClaimsTable.Highlighted)
    def _highlighted(self, message: ClaimsTable.Highlighted) -> None:
        self._show(message.claim_id)

    def _show(self, claim_id: int | None) -> None:
        if claim_id is None:
            self.view = None
        else:
            try:
                claim = self.store.get_claim(claim_id)
                assert claim.document_id is not None
                document = (
                    self.view.document
                    if self.view and self.view.document.id == claim.document_id
                    else self.store.get_document(claim.document_id)
                )
                self.view = ClaimView(
                    claim,
                    document,
                    self.store.history(claim_id),
                    self.store.citations(claim_id),
                    other_versions(self.store, claim),
                    flags_of(self.store, claim),
                    sources_of(self.store, [claim])[claim_id],
                )
            except WorkbenchError as error:
                self.notify(str(error), severity="error", markup=False)
                return
        self.query_one(ClaimDetail).show(self.view)
        self.suggestions = []
        if self.view is not None:
            self._suggest(self.view.claim)

    @work(thread=True, exclusive=True, group="evidence")
    def _suggest(self, claim: Claim) -> None:
        try:
            found = suggest(self.store, claim)
        except WorkbenchError:
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Evidence(claim.id, found))

    def on_review_screen_evidence(self, message: Evidence) -> None:
        if self.view is None or self.view.claim.id != message.claim_id:
            return
        self.suggestions = message.suggestions
        self.query_one(ClaimDetail).show_evidence(
            evidence_text(message.suggestions, dict(self._documents))
        )

    def action_cite_suggestion(self, number: int) -> None:
        if self.view is None or self.view.claim.id is None or len(self.suggestions) < number:
            self.notify("No suggested passage with that number.")
            return
        chosen = self.suggestions[number - 1]
        citation = Citation(
            id=None,
            claim_id=self.view.claim.id,
            source=f"doc:{chosen.document_id}",
            source_kind=SourceKind.DOCUMENT,
            quote=chosen.text,
            locator=f"paragraph {chosen.paragraph + 1}",
            reviewer=self.reviewer,
        )
        saved = self._call(self.store.add_citation, citation)
        if saved is FAILED:
            return
        self._call(verify, self.store, saved)
        self.notify("Suggested passage cited (z undoes).")
        self._refresh_current()

    def action_group_verdict(self) -> None:
        if self.view is None or self.view.claim.id is None:
            return
        claim_id = self.view.claim.id
        size = max(1, self.view.sources[1])

        def apply(status: Status | None) -> None:
            if status is None:
                return
            rows = self._call(self.store.mark_group, claim_id, status, self.reviewer)
            if rows is FAILED:
                return
            self.table.refresh_rows()
            self._show(claim_id)
            self._refresh_counts()
            self.notify(f"{status.value} on {len(rows)} claims of the group (z undoes all)")

        self.app.push_screen(GroupVerdictDialog(size), apply)

    def _refresh_current(self) -> None:
        current = self.table.current_id
        if current is not None:
            self.table.refresh_rows(current)
        self._show(current)

    # -- verdicts -------------------------------------------------------------------------------

    def action_verdict(self, word: str) -> None:
        claim_id = self.table.current_id
        if claim_id is None:
            return
        status = Status(word)
        before = self.view.claim.status if self.view and self.view.claim.id == claim_id else None
        if self._call(self.store.mark, claim_id, status, self.reviewer) is FAILED:
            return
        if before is not None:
            self.counts[before] -= 1
            self.counts[status] += 1
        self._draw_header()
        self.table.refresh_rows(claim_id)
        if self.auto_advance and status is not Status.UNREVIEWED:
            if not self._go_to_open(1, quiet=True):
                self._show(claim_id)
        else:
            self._show(claim_id)

    def action_next_open(self, step: int) -> None:
        self._go_to_open(step)

    def _go_to_open(self, step: int, *, quiet: bool = False) -> bool:
        """Move to the next (step 1) or previous (-1) unreviewed claim, wrapping once."""
        ids, start = self.table.ids, self.table.cursor
        if not ids:
            return False
        order = (
            list(range(start + 1, len(ids))) + list(range(0, start))
            if step > 0
            else (list(range(start - 1, -1, -1)) + list(range(len(ids) - 1, start, -1)))
        )
        for offset in range(0, len(order), SCAN):
            chunk = order[offset : offset + SCAN]
            statuses = self._call(self.store.statuses, [ids[i] for i in chunk])
            if statuses is FAILED:
                return False
            for index in chunk:
                if statuses.get(ids[index]) is Status.UNREVIEWED:
                    self.table.move_to(index)
                    return True
        if not quiet:
            self.notify("No unreviewed claim left in this list.")
        else:
            self.notify("That was the last unreviewed claim in this list.")
        return False

    def action_undo(self) -> None:
        self._undo_or_redo(self.store.undo, "Nothing to undo.", "Undone")

    def action_redo(self) -> None:
        self._undo_or_redo(self.store.redo, "Nothing to redo.", "Redone")

    def _undo_or_redo(self, method: Any, nothing: str, done: str) -> None:
        result = self._call(method, self.reviewer)
        if result is FAILED:
            return
        if result is None:
            self.notify(nothing)
            return
        claim_id, what = result
        if claim_id in self.table.ids:
            self.table.move_to(self.table.ids.index(claim_id))
        self.table.refresh_rows(claim_id)
        self._show(self.table.current_id)
        self.notify(f"{done}: {what} on claim #{claim_id}", markup=False)
        self._refresh_counts()

    @work(thread=True, exclusive=True, group="counts")
    def _refresh_counts(self) -> None:
        try:
            counts = self.store.status_counts()
        except WorkbenchError:
            return
        self.app.call_from_thread(self._set_counts, counts)

    def _set_counts(self, counts: dict[Status, int]) -> None:
        self.counts = counts
        self._draw_header()

    def action_toggle_advance(self) -> None:
        self.auto_advance = not self.auto_advance
        self.notify(f"Auto-advance {'on' if self.auto_advance else 'off'}")
        self._draw_header()
        self.save_state()

    # -- notes and citations ------------------------------------------------------------------------

    def action_note(self) -> None:
        if self.view is None:
            return
        claim_id = self.view.claim.id
        note = self.view.history[-1].note if self.view.history else ""

        def save(result: str | None) -> None:
            if result is None or claim_id is None:
                return
            if self._call(self.store.set_note, claim_id, result, self.reviewer) is FAILED:
                self.app.push_screen(
                    NoteDialog(result, one_line(self.view.claim.text, 200) if self.view else ""),
                    save,
                )
                return
            self._refresh_current()

        self.app.push_screen(NoteDialog(note, one_line(self.view.claim.text, 200)), save)

    def action_cite(
        self, initial: CitationInput | None = None, citation_id: int | None = None
    ) -> None:
        if self.view is None or self.view.claim.id is None:
            return
        claim_id = self.view.claim.id

        def save(result: CitationInput | None) -> None:
            if result is None:
                return
            try:
                kind = classify_source(result.source)
            except WorkbenchError as error:
                self.notify(str(error), severity="error", markup=False)
                self.action_cite(result, citation_id)
                return
            citation = Citation(
                id=citation_id,
                claim_id=claim_id,
                source=result.source,
                source_kind=kind,
                quote=result.quote,
                locator=result.locator,
                stance=result.stance,
                note=result.note,
                reviewer=self.reviewer,
            )
            if citation_id is None:
                saved = self._call(self.store.add_citation, citation)
            else:
                saved = self._call(self.store.update_citation, citation, self.reviewer)
            if saved is FAILED:  # keep what was typed: open the form again
                self.action_cite(result, citation_id)
                return
            checked = self._call(verify, self.store, saved) if result.quote else None
            if checked not in (None, FAILED):
                found = "found" if checked.score >= QUOTE_FOUND else "NOT found"
                self.notify(
                    f"Citation saved; quote {found} in the source ({checked.score:.0f}/100).",
                    markup=False,
                )
            else:
                self.notify("Citation saved.")
            self._refresh_current()

        title = "Add a citation" if citation_id is None else "Edit the citation"
        self.app.push_screen(CitationDialog(self._documents, initial=initial, title=title), save)

    def action_citations(self) -> None:
        if self.view is None or not self.view.citations:
            self.notify("This claim has no citations yet (c adds one).")
            return
        by_id = {c.id: c for c in self.view.citations}

        def chosen(result: tuple[str, int] | None) -> None:
            if result is None:
                return
            what, citation_id = result
            if what == "delete":
                if self._call(self.store.delete_citation, citation_id, self.reviewer) is not FAILED:
                    self.notify("Citation removed (z undoes).")
                    self._refresh_current()
                return
            old = by_id[citation_id]
            self.action_cite(
                CitationInput(old.source, old.quote, old.locator, old.stance, old.note), citation_id
            )

        self.app.push_screen(CitationsDialog(self.view.citations), chosen)

    # -- finding claims ---------------------------------------------------------------------------

    def action_search(self) -> None:
        bar = self.query_one(SearchBar)
        if self._before_search is None:
            self._before_search = (self.table.ids, self.table.current_id)
        bar.display = True
        bar.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        if not query and self._before_search is not None:
            self.table.set_ids(self._before_search[0], keep=self._before_search[1])
            return
        self._search(query)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        if self._search_texts is None:
            try:
                self._search_texts = self.store.claim_texts()
            except WorkbenchError as error:
                self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
                return
        ids, texts = self._search_texts
        allowed = set(self._before_search[0]) if self._before_search else None
        found = [
            i
            for i, _score in fuzzy_find(query, texts, ids, limit=300)
            if allowed is None or i in allowed
        ]
        if not get_current_worker().is_cancelled:
            self.post_message(self.SearchResults(query, found))

    def on_review_screen_search_results(self, message: SearchResults) -> None:
        if self._before_search is None or self.query_one(SearchBar).value.strip() != message.query:
            return
        self.table.set_ids(message.ids)
        if not message.ids:
            self._show(None)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._end_search(jump_to=self.table.current_id)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self._end_search(jump_to=None)

    @on(SearchBar.Move)
    def _search_move(self, message: SearchBar.Move) -> None:
        self.table.move_to(self.table.cursor + message.step)

    def _end_search(self, jump_to: int | None) -> None:
        bar = self.query_one(SearchBar)
        bar.display = False
        bar.value = ""
        if self._before_search is not None:
            ids, previous = self._before_search
            self._before_search = None
            self.table.set_ids(ids, keep=jump_to if jump_to is not None else previous)
        self.table.focus()

    def action_filter(self) -> None:
        def apply(result: ClaimFilter | None) -> None:
            if result is not None:
                self.where = result
                self._reload(keep=self.table.current_id)
                self.save_state()

        self.app.push_screen(FilterDialog(self.where, self._documents), apply)

    def action_clear_filter(self) -> None:
        self.where = ClaimFilter()
        self._reload(keep=self.table.current_id)
        self.save_state()

    def action_cycle_sort(self) -> None:
        names = list(ORDERS)
        self.order = names[(names.index(self.order) + 1) % len(names)]
        self.notify(f"Sorted by {self.order}")
        self._reload(keep=self.table.current_id)
        self.save_state()

    def action_open_source(self) -> None:
        if self.view is None or self.view.document.id is None:
            return
        claims = self._call(self.store.claims_of_document, self.view.document.id)
        if claims is FAILED:
            return

        def back(claim_id: int | None) -> None:
            self._refresh_current()
            if claim_id is None:
                return
            if claim_id in self.table.ids:
                self.table.move_to(self.table.ids.index(claim_id))
            else:
                self.notify("That claim is hidden by the filters (F clears them).")

        self.app.push_screen(ReaderScreen(self.view.document, claims, self.view.claim.id), back)

    def action_export(self) -> None:
        names = dict(self._documents)

        def run(request: ExportRequest | None) -> None:
            if request is not None:
                self._export(request)

        folder = self.store.path.resolve().parent
        self.app.push_screen(ExportDialog(describe_filter(self.where, names), folder), run)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, request: ExportRequest) -> None:
        options = ExportOptions(
            where=attrs.evolve(self.where, search=""),
            include_unreviewed=request.include_unreviewed,
            organisation=self.reviewer,
        )
        try:
            written = export(self.store, request.format, options, request.path)
        except WorkbenchError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(
            self.notify, f"{written} claims written to {request.path.resolve()}", markup=False
        )

    def action_help(self) -> None:
        self.app.push_screen(
            HelpScreen(
                [
                    ("Review", [b for b in self.BINDINGS if isinstance(b, Binding)]),
                    ("Move", [b for b in ClaimsTable.BINDINGS if isinstance(b, Binding)]),
                    ("App", [b for b in self.app.BINDINGS if isinstance(b, Binding)]),
                ]
            )
        )

    def action_quit(self) -> None:
        self.save_state()
        self.app.exit()

    def on_resize(self) -> None:
        if self._loaded:
            self._draw_header()
