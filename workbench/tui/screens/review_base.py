"""The review screen's shared state: the queue, the selected claim, the store calls.

The screen is split by concern: this base holds state, loading and the detail
pane; ``review_search`` the '/' search; ``review_citations`` notes, citations,
evidence, group verdicts and export; ``review`` the verdict keys and bindings.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer
from textual.worker import get_current_worker

from workbench.core.errors import WorkbenchError
from workbench.core.matching.evidence import Suggestion, suggest
from workbench.core.matching.views import flags_of, other_versions, sources_of
from workbench.core.models import (
    Claim,
    ClaimFilter,
    ClaimKind,
    Status,
)
from workbench.core.store import ORDERS, Store
from workbench.tui.widgets.claim_detail import ClaimDetail, ClaimView, evidence_text
from workbench.tui.widgets.claims_table import ClaimsTable
from workbench.tui.widgets.review_header import ReviewHeader, progress_text
from workbench.tui.widgets.search_bar import SearchBar

FAILED = object()  # what _call returns when the store refused
COUNTS_DELAY = 0.2  # seconds after a reload before the progress counts are re-read
EVIDENCE_DELAY = 0.3  # seconds the cursor rests before evidence is looked for


class ReviewBase(Screen[None]):
    """State and loading shared by the parts of the review screen."""

    class IdsLoaded(Message):
        def __init__(
            self, ids: list[int], keep: int | None, counts: dict[Status, int] | None
        ) -> None:
            super().__init__()
            self.ids = ids
            self.keep = keep
            self.counts = counts

    class Evidence(Message):
        def __init__(self, claim_id: int | None, suggestions: list[Suggestion]) -> None:
            super().__init__()
            self.claim_id = claim_id
            self.suggestions = suggestions

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
        self._evidence_timer: Timer | None = None
        self.evidence_pending = False  # evidence is being looked for the current claim

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
        table = self.query_one(ClaimsTable)
        # From now on (the detail pane exists) a cursor move shows its claim at once.
        table.on_highlight = self._show
        table.focus()
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
                checked_before=bool(state.get("checked_before", False)),
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
                "checked_before": self.where.checked_before,
                "order": self.order,
                "auto_advance": self.auto_advance,
            },
        )

    # -- loading ------------------------------------------------------------------------------

    def _reload(self, keep: int | None = None) -> None:
        self._load_ids(self.where, self.order, keep, with_counts=not self._loaded)

    @work(thread=True, exclusive=True, group="ids")
    def _load_ids(
        self, where: ClaimFilter, order: str, keep: int | None, *, with_counts: bool
    ) -> None:
        """The list's ids; the progress counts too on first load (a filter leaves them be)."""
        try:
            ids = self.store.claim_ids(where, order=order)
            counts = self.store.status_counts() if with_counts else None
        except WorkbenchError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.IdsLoaded(ids, keep, counts))

    @on(IdsLoaded)
    def _ids_loaded(self, message: IdsLoaded) -> None:
        if message.counts is not None:
            self.counts = message.counts
        self._loaded = True
        self.table.set_ids(message.ids, keep=message.keep)  # shows the claim under the cursor
        self._draw_header()
        if message.counts is None:
            # Counts may have moved under us (another reviewer, the CLI): re-read
            # them once the list is on screen, not in competition with drawing it.
            self.set_timer(COUNTS_DELAY, self._refresh_counts)

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
                    self.store.checked_before([claim_id]).get(claim_id, []),
                )
            except WorkbenchError as error:
                self.notify(str(error), severity="error", markup=False)
                return
        self.query_one(ClaimDetail).show(self.view)
        self.suggestions = []
        # Evidence is looked for once the cursor rests: searching on every
        # key of a held j would compete with the screen for the interpreter.
        if self._evidence_timer is not None:
            self._evidence_timer.stop()
        self.evidence_pending = self.view is not None
        if self.view is not None:
            claim = self.view.claim
            self._evidence_timer = self.set_timer(EVIDENCE_DELAY, lambda: self._suggest(claim))

    @work(thread=True, exclusive=True, group="evidence")
    def _suggest(self, claim: Claim) -> None:
        try:
            found = suggest(self.store, claim)
        except WorkbenchError:
            found = []  # no evidence to offer; the pane says nothing rather than "looking"
        if not get_current_worker().is_cancelled:
            self.post_message(self.Evidence(claim.id, found))

    @on(Evidence)
    def _evidence(self, message: Evidence) -> None:
        if self.view is None or self.view.claim.id != message.claim_id:
            return
        self.evidence_pending = False
        self.suggestions = message.suggestions
        self.query_one(ClaimDetail).show_evidence(
            evidence_text(message.suggestions, dict(self._documents))
        )

    def _refresh_current(self) -> None:
        current = self.table.current_id
        if current is not None:
            self.table.refresh_rows(current)
        self._show(current)

    # -- verdicts -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="counts")
    def _refresh_counts(self) -> None:
        try:
            counts = self.store.status_counts()
        except WorkbenchError:
            return
        self.app.call_from_thread(self._set_counts, counts)

    def _set_counts(self, counts: dict[Status, int]) -> None:
        if counts != self.counts:
            self.counts = counts
            self._draw_header()
