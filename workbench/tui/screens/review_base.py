"""The review screen's shared state: the queue, the selected claim, the store calls.

The screen is split by concern: this base holds state, loading and the detail
pane; ``review_search`` the '/' search; ``review_citations`` notes, citations,
evidence, group verdicts and export; ``review`` the verdict keys and bindings.

Reads call the store directly (``_call``); writes go through the app's write
queue (``_write``), which commits them in order off the UI thread.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

import attrs
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from workbench.core.claim_list import ClaimList, ClaimWindow
from workbench.core.desk import ReviewerProgress
from workbench.core.errors import WorkbenchError
from workbench.core.models import (
    ClaimFilter,
    Status,
)
from workbench.core.scale import OURS, Scale
from workbench.core.search import Searcher, Vocabulary
from workbench.core.store import Store
from workbench.core.text.safe import one_line
from workbench.core.views import (
    ClaimRow,
    ClaimView,
    Evidence,
    claim_rows,
    claim_view,
    with_evidence,
)
from workbench.tui.frames import FrameHold
from workbench.tui.palette import DEFAULT_PALETTE, palette_for
from workbench.tui.screens.given_verdict import GivenVerdict
from workbench.tui.screens.readers import Readers, settle_heap
from workbench.tui.screens.review_state import ReviewState, read_state
from workbench.tui.widgets.claim_detail import ClaimDetail
from workbench.tui.widgets.claims_table import ClaimsTable
from workbench.tui.widgets.review_header import ReviewHeader, progress_text
from workbench.tui.widgets.search_bar import SearchBar
from workbench.tui.writer import StoreWriter

T = TypeVar("T")
P = ParamSpec("P")

COUNTS_DELAY = 0.2  # seconds after a reload before the progress counts are re-read
EVIDENCE_DELAY = 0.3  # seconds the cursor rests before evidence is looked for
DESK_REFRESH = 10.0  # seconds between re-reads of what other reviewers changed, at a desk
SAVING_DELAY = 0.15  # seconds a write may take before the header says "saving…"
WINDOW_FROM = 50_000  # claims in the database from which a new list is shown before it is counted


class ReviewBase(Screen[None]):
    """State and loading shared by the parts of the review screen."""

    class IdsLoaded(Message):
        def __init__(
            self, ids: ClaimList | ClaimWindow, keep: int | None, counts: dict[Status, int] | None
        ) -> None:
            super().__init__()
            self.ids = ids
            self.keep = keep
            self.counts = counts

    def __init__(
        self, store: Store, reviewer: str, database_name: str, writer: StoreWriter
    ) -> None:
        super().__init__()
        self.store = store
        self.writer = writer
        self.reviewer = reviewer
        self.database_name = database_name
        self.where = ClaimFilter()
        self.order = "score"
        self.auto_advance = True
        # The database's verdict scale, read on mount (``_use_scale``), and its look.
        self.scale = OURS
        self.palette = DEFAULT_PALETTE
        self.counts: dict[Status, int] = {s: 0 for s in OURS.statuses}
        self.progress: ReviewerProgress | None = None  # the reviewer's own, for the header
        self.independent = False  # claims need several independent verdicts (a desk)
        self.view: ClaimView | None = None
        self._titles: list[tuple[int, str]] | None = None  # see _documents
        self._searcher: Searcher | None = None
        self._words: Vocabulary | None = None  # the search index's words, as last read
        self._evidence_thread: ThreadPoolExecutor | None = None  # see _find_evidence
        # Connections of their own for work off the UI thread (see _reader), by purpose.
        self._readers = Readers(store)
        self._before_search: tuple[Sequence[int], int | None] | None = None
        self._loaded = False
        self._frames: FrameHold | None = None  # see _hold_frames
        # The verdict just given, while nothing else happened since (`n` notes it).
        self.given: GivenVerdict | None = None
        # Verdicts queued and not yet committed, by claim: the next open claim skips them.
        self.queued: dict[int, GivenVerdict] = {}

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield ReviewHeader(id="header")
        with Horizontal(id="panes"):
            yield ClaimsTable(self._claim_rows, id="claims")
            yield ClaimDetail(id="detail")
        yield SearchBar(placeholder="search claims (Enter jumps, Escape returns)", id="search")
        yield Footer()

    def on_mount(self) -> None:
        scale = self._call(self.store.scale)
        self._use_scale(scale if scale is not None else OURS)
        state = self._saved_state()
        self._read_titles()
        table = self.query_one(ClaimsTable)
        # From now on (the detail pane exists) a cursor move shows its claim at once.
        table.on_highlight = self._cursor_moved
        table.focus()
        self._reload(keep=state.claim_id)
        self.set_interval(DESK_REFRESH, self._desk_tick)

    @property
    def _documents(self) -> list[tuple[int, str]]:
        """(id, title) of every document, for the dialogs that name them.

        Read in a worker as the screen opens (a quarter of a second from a cold
        cache at a million claims, which the first screen need not wait for);
        a dialog opened before that reads them here.
        """
        if self._titles is None:
            self._titles = self._call(self.store.document_titles)
        return self._titles or []

    @work(thread=True, exclusive=True, group="titles")
    def _read_titles(self) -> None:
        # Titles only: counting every document's claims took 0.4 s at a million claims.
        try:
            titles = self._reader("counts").document_titles()
        except WorkbenchError:
            return  # read again, and told, when a dialog needs them
        self.app.call_from_thread(self._titles_read, titles)

    def _titles_read(self, titles: list[tuple[int, str]]) -> None:
        self._titles = titles
        settle_heap()
        if self._loaded and self.where.document_ids:
            self._draw_header()  # the filter's documents by name

    def _desk_tick(self) -> None:
        """At a desk others write too: now and then re-read the counts and the rows shown."""
        if self.independent and self._loaded and not self.queued:
            self.table.refresh_rows()
            self._refresh_counts()

    def _use_scale(self, scale: Scale) -> None:
        """Draw and count the statuses of ``scale``, the database's."""
        self.scale = scale
        self.palette = palette_for(scale)
        self.counts = {s: self.counts.get(s, 0) for s in scale.statuses}
        self.query_one(ClaimsTable).palette = self.palette
        self.query_one(ClaimDetail).palette = self.palette

    @property
    def table(self) -> ClaimsTable:
        return self.query_one(ClaimsTable)

    def _claim_rows(self, ids: list[int]) -> dict[int, ClaimRow]:
        """A page of the list's rows, read as the table draws it (none if the read failed)."""
        rows = self._call(claim_rows, self.store, ids, viewer=self.reviewer)
        return rows if rows is not None else {}

    def _call(self, read: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T | None:
        """Read from the store on the UI thread: what ``read`` returns, or None.

        None means it failed, and the reviewer has been told in a notification;
        so ``read`` must be one that never returns None itself.
        """
        try:
            return read(*args, **kwargs)
        except WorkbenchError as error:
            self.notify(str(error), severity="error", markup=False, timeout=8)
            return None

    def _write(
        self,
        run: Callable[[Store], T],
        done: Callable[[T], None],
        failed: Callable[[WorkbenchError], None] | None = None,
        *,
        at_once: bool = False,
    ) -> None:
        """Queue a write: ``run`` gets the writer's store, off the UI thread.

        ``done`` runs here once the store has committed, so the screen never
        shows as recorded what is not; a failure is a notification, then
        ``failed`` (the screen as it was, or put back). ``at_once`` is for
        writes of a row or two (a verdict, an undo): see ``StoreWriter.submit``.
        """

        def on_done(result: T) -> None:
            done(result)
            self._draw_header()

        def on_failed(error: WorkbenchError) -> None:
            self.notify(str(error), severity="error", markup=False, timeout=8)
            if failed is not None:
                failed(error)
            self._draw_header()

        self.writer.submit(run, on_done, on_failed, at_once=at_once)
        if not self.writer.pending:
            return  # committed already
        # A write that takes longer than a blink shows "saving…" until it is through.
        self.set_timer(SAVING_DELAY + 0.01, self._draw_header)

    def _cursor_moved(self, claim_id: int | None) -> None:
        # A note after the reviewer moved is for the claim under the cursor.
        self.given = None
        if claim_id is not None and self.view is not None and self.view.claim.id == claim_id:
            # Still on the claim shown (a filter or sort kept it): the pane stands,
            # and so does its evidence; redrawing it took half of such a frame.
            return
        self._show(claim_id)

    # -- state that survives a restart ------------------------------------------------------

    @property
    def _state_key(self) -> str:
        return f"ui:{self.reviewer}"

    def _saved_state(self) -> ReviewState:
        setting = self._call(self.store.get_setting, self._state_key, {})
        state = read_state(setting, self.scale, self.reviewer, self.app_auto_advance)
        self.where, self.order, self.auto_advance = state.where, state.order, state.auto_advance
        return state

    @property
    def app_auto_advance(self) -> bool:
        return bool(getattr(self.app, "auto_advance", True))

    def save_state(self) -> None:
        if self.store.readonly:
            return
        key = self._state_key
        state = ReviewState(self.where, self.order, self.auto_advance, self.table.current_id)
        setting = state.setting()

        def run(store: Store) -> WorkbenchError | None:
            # Not worth an error, nor keeping the app from quitting: the review is saved.
            try:
                store.set_setting(key, setting)
            except WorkbenchError as error:
                return error
            return None

        def done(error: WorkbenchError | None) -> None:
            if error is not None:
                self.notify(
                    f"Cursor and filters not remembered: {one_line(str(error), 200)}",
                    severity="warning",
                    markup=False,
                )

        self._write(run, done)

    # -- loading ------------------------------------------------------------------------------

    def _reload(self, keep: int | None = None) -> None:
        # A list of many claims is shown around the cursor first, counted after.
        window = sum(self.counts.values()) >= WINDOW_FROM
        stale = [w for w in self.workers if w.group == "ids" and not w.is_finished]
        if stale:
            # The list being counted is not wanted any more: stop its count now
            # (cancelled first, so its worker knows the failure is not news),
            # rather than have this one wait behind it on the connection.
            for worker in stale:
                worker.cancel()
            self._readers.interrupt("list")
        self._hold_frames()  # until the claims are in (_ids_loaded)
        self._load_ids(self.where, self.order, keep, with_counts=not self._loaded, window=window)

    @work(thread=True, exclusive=True, group="ids")
    def _load_ids(
        self,
        where: ClaimFilter,
        order: str,
        keep: int | None,
        *,
        with_counts: bool,
        window: bool = False,
    ) -> None:
        """The list's ids; the progress counts too on first load (a filter leaves them be).

        The ids are counted, not read: the list reads them a page at a time as
        they are drawn, and the page under the cursor is read here. With
        ``window``, the claims around ``keep`` are handed over first
        (``ClaimWindow``: two short reads), so the screen shows them while the
        list is counted and ``keep`` placed in it (tens of ms at a million).
        """
        worker = get_current_worker()
        try:
            if with_counts and not window:  # the first list: is the database large?
                window = self._reader("quick").count_claims(ClaimFilter()) >= WINDOW_FROM
            if window:  # on a connection of its own: never behind a count
                shown, _index = ClaimWindow.around(self._reader("quick"), where, order, keep)
                if worker.is_cancelled:
                    return
                self.post_message(self.IdsLoaded(shown, keep, None))
            reader = self._reader("list")
            ids, _index = ClaimList.around(self.store, where, order, keep, reader=reader)
            counts = reader.status_counts() if with_counts else None
        except WorkbenchError as error:
            if not worker.is_cancelled:  # a cancelled one was interrupted: not news
                self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.IdsLoaded(ids, keep, counts))

    @on(IdsLoaded)
    def _ids_loaded(self, message: IdsLoaded) -> None:
        if not message.ids.counted:  # the claims around the cursor: the list follows
            self.table.set_ids(message.ids, keep=message.keep)
            self._hold_frames(release=True)
            return
        if message.counts is not None:
            self.counts = message.counts
        if not self._loaded:
            self.call_after_refresh(settle_heap)
        self._loaded = True
        if isinstance(self.table.ids, ClaimWindow):
            # Where the cursor is now (it may have moved in the window), on the same line.
            self.table.set_ids(message.ids, keep=self.table.current_id, steady=True)
        else:
            self.table.set_ids(message.ids, keep=message.keep)  # shows the claim under the cursor
        self._draw_header()
        self._hold_frames(release=True)
        if message.counts is not None:
            self._refresh_counts()  # the reviewer's own progress, when at a desk
        else:
            # Counts may have moved under us (another reviewer, the CLI): re-read
            # them once the list is on screen, not in competition with drawing it.
            self.set_timer(COUNTS_DELAY, self._refresh_counts)

    def _draw_header(self) -> None:
        names = dict(self._titles or [])  # until read, the filter says "doc 12"
        self.query_one(ReviewHeader).show(
            progress_text(
                self.database_name,
                self.reviewer,
                self.counts,
                self.where,
                names,
                auto_advance=self.auto_advance,
                width=self.size.width,
                saving=self.writer.waiting_for() >= SAVING_DELAY,
                palette=self.palette,
                mine=self.progress,
            )
        )

    @property
    def suggestions(self) -> list[Evidence]:
        """The passages suggested as evidence for the claim shown (none until found)."""
        if self.view is None or self.view.evidence is None:
            return []
        return self.view.evidence

    def _show(self, claim_id: int | None) -> None:
        if claim_id is None:
            self.view = None
        else:
            known = self.view.document if self.view is not None else None
            view = self._call(
                claim_view, self.store, claim_id, document=known, viewer=self.reviewer
            )
            if view is None:
                return  # the pane keeps the claim it showed
            self.view = view
        self.query_one(ClaimDetail).show(self.view)
        if self.view is None:
            self.workers.cancel_group(self, "evidence")
        else:
            self._find_evidence(self.view)

    @work(exclusive=True, group="evidence")
    async def _find_evidence(self, view: ClaimView) -> None:
        """Look for the evidence of the claim shown once the cursor rests on it.

        Searching on every key of a held j would compete with the screen for
        the interpreter: the next claim shown cancels this worker while it
        waits. The search runs in a thread of its own; the pane is drawn back here.

        Not in asyncio's shared pool (asyncio.to_thread), where Textual's
        thread workers run too: a search cannot be stopped once it runs (2 s at
        a million claims), so a reviewer resting on one claim after another
        filled the pool with them, and the list, the search and the writes
        waited in its queue for seconds. One thread runs them one at a time
        (they share a connection anyway); one not yet begun when the cursor
        moves on is dropped.
        """
        await asyncio.sleep(EVIDENCE_DELAY)
        if self._evidence_thread is None:
            self._evidence_thread = ThreadPoolExecutor(1, thread_name_prefix="evidence")
        reader = self._reader("evidence")
        try:
            found = await asyncio.get_running_loop().run_in_executor(
                self._evidence_thread, with_evidence, reader, view
            )
        except WorkbenchError:
            # No evidence to offer; the pane says nothing rather than "looking".
            found = attrs.evolve(view, evidence=[])
        if self.view is None or self.view.claim.id != view.claim.id:
            return
        self.view = attrs.evolve(self.view, evidence=found.evidence)
        self.query_one(ClaimDetail).show_evidence(self.view.evidence)

    def _reader(self, purpose: str) -> Store:
        """A connection of its own for one kind of work off the UI thread (see Readers)."""
        return self._readers.get(purpose)

    def _hold_frames(self, *, release: bool = False) -> None:
        """Draw the key's change with the result it asked for, in one frame (see FrameHold)."""
        if self._frames is None:
            self._frames = FrameHold(self.app)
        if release:
            self._frames.release()
        else:
            self._frames.hold()

    def on_unmount(self) -> None:
        self._hold_frames(release=True)
        gc.unfreeze()  # collected as usual again (see settle_heap)
        if self._evidence_thread is not None:
            self._evidence_thread.shutdown(wait=False, cancel_futures=True)
        self._readers.close()

    def _refresh_claim(self, claim_id: int) -> None:
        """A write on this claim is committed: redraw its row, and its detail if shown."""
        self.table.refresh_rows(claim_id)
        if self.table.current_id == claim_id:
            self._show(claim_id)

    def _refresh_current(self) -> None:
        current = self.table.current_id
        if current is not None:
            self.table.refresh_rows(current)
        self._show(current)

    # -- verdicts -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="counts")
    def _refresh_counts(self) -> None:
        reader = self._reader("counts")
        try:
            counts = reader.status_counts()
            # The reviewer's own progress, at a desk: several verdicts a claim, or a share.
            desk = reader.desk_settings()
            wanted = desk.independent or reader.holds_claims(self.reviewer)
            found = reader.reviewer_progress(self.reviewer) if wanted else ()
        except WorkbenchError:
            return
        mine = found[0] if found else None
        self.app.call_from_thread(self._set_counts, counts, mine, desk.independent)

    def _set_counts(
        self,
        counts: dict[Status, int],
        mine: ReviewerProgress | None = None,
        independent: bool = False,
    ) -> None:
        self.independent = independent
        if counts != self.counts or mine != self.progress:
            self.counts = counts
            self.progress = mine
            self._draw_header()
