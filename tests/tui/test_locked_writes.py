"""A database locked by another program slows a write down, never the app.

The app's writes wait for the lock in a thread worker; the screen takes keys
meanwhile, and shows a verdict as recorded only once the store committed it.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from textual.pilot import Pilot

from tests.tui.waiting import workers_done
from workbench.core.models import Status
from workbench.core.store import Store
from workbench.tui.app import make_app
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claims_table import GLYPHS, ClaimsTable
from workbench.tui.widgets.review_header import ReviewHeader

SIZE = (120, 40)
HOLD = 1.0  # seconds the other program keeps its write lock (the app waits up to 5)


async def ready(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReviewScreen)


async def settled(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await workers_done(pilot.app)
        await pilot.pause()


def header(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one(ReviewHeader).render())


def row_text(pilot: Pilot[None], claim_id: int) -> str:
    table = pilot.app.screen.query_one(ClaimsTable)
    line = table.ids.index(claim_id) - table.scroll_offset.y + 1
    return table.render_line(line).text


class OtherWriter:
    """Another program holding the database's write lock until released.

    With ``release_after`` a thread lets go after that many seconds, for when
    the test itself is blocked (the app closing waits for its writes).
    """

    def __init__(self, path: Path, *, release_after: float | None = None) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("BEGIN IMMEDIATE")
        self.since = time.monotonic()
        self.held = True
        self._lock = threading.Lock()
        self._timer = None if release_after is None else threading.Timer(release_after, self.stop)
        if self._timer is not None:
            self._timer.start()

    async def release_after_hold(self, pilot: Pilot[None]) -> None:
        """Let go once the lock has been held ``HOLD`` seconds, the app running meanwhile."""
        while time.monotonic() - self.since < HOLD:
            await pilot.pause(0.05)
        self.stop()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            if self.held:
                self.held = False
                self.conn.execute("ROLLBACK")
                self.conn.close()


async def test_a_verdict_waits_for_the_lock_while_the_app_stays_responsive(
    db_path: Path, make_clock: type
) -> None:
    with Store(db_path, clock=make_clock()) as store:
        ids = store.claim_ids()
        app = make_app(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            other = OtherWriter(db_path)
            try:
                started = time.monotonic()
                await pilot.press("s")
                assert time.monotonic() - started < HOLD / 2, "the key waited for the lock"
                await pilot.press("j")  # a cursor key, processed while the write waits
                assert pilot.app.screen.query_one(ClaimsTable).current_id == ids[2]
                # Not committed, so not shown as recorded: the row keeps its glyph.
                assert store.get_claim(ids[0]).status is Status.UNREVIEWED
                assert row_text(pilot, ids[0]).startswith(f" {GLYPHS[Status.UNREVIEWED]} ")
                assert " 0/" in header(pilot)
                await pilot.pause(0.3)
                assert "saving…" in header(pilot)
                await other.release_after_hold(pilot)
            finally:
                other.stop()
            await settled(pilot)
            assert store.get_claim(ids[0]).status is Status.SUPPORTED
            assert row_text(pilot, ids[0]).startswith(f" {GLYPHS[Status.SUPPORTED]} ")
            assert " 1/" in header(pilot) and "saving…" not in header(pilot)
            assert not [n for n in pilot.app._notifications if n.severity == "error"]


async def test_auto_advance_skips_claims_whose_verdict_is_still_queued(
    db_path: Path, make_clock: type
) -> None:
    with Store(db_path, clock=make_clock()) as store:
        ids = store.claim_ids()
        for claim_id in ids[2:]:
            store.mark(claim_id, Status.MIXED, "bob")
        app = make_app(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            table = pilot.app.screen.query_one(ClaimsTable)
            await pilot.press("j")
            other = OtherWriter(db_path)
            try:
                await pilot.press("s")  # on ids[1]: wraps round to ids[0], the other open one
                assert table.current_id == ids[0]
                await pilot.press("d")  # ids[1] waits in the queue: not open any more
                assert table.current_id == ids[0]
                await other.release_after_hold(pilot)
            finally:
                other.stop()
            await settled(pilot)
        assert store.get_claim(ids[0]).status is Status.DISPUTED
        assert store.get_claim(ids[1]).status is Status.SUPPORTED


async def test_closing_the_app_waits_for_the_queued_writes(db_path: Path, make_clock: type) -> None:
    with Store(db_path, clock=make_clock()) as store:
        first = store.claim_ids()[0]
        app = make_app(store, "ann")
        other = None
        try:
            async with app.run_test(size=SIZE) as pilot:
                await ready(pilot)
                other = OtherWriter(db_path, release_after=HOLD)
                await pilot.press("s")
                assert store.get_claim(first).status is Status.UNREVIEWED
            # The app has closed: the verdict waited for the lock and is in.
            assert other is not None and not other.held
            assert store.get_claim(first).status is Status.SUPPORTED
        finally:
            if other is not None:
                other.stop()


async def test_quit_stays_when_a_write_failed(db_path: Path, make_clock: type) -> None:
    with Store(db_path, clock=make_clock()) as store:
        # The writer's connection takes this over: long enough for q to come before the failure.
        store.db.execute("PRAGMA busy_timeout = 1500")
        first = store.claim_ids()[0]
        app = make_app(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            other = OtherWriter(db_path)
            try:
                await pilot.press("s", "q")  # q while the verdict still waits for the lock
                await settled(pilot)
                assert pilot.app.is_running
                errors = [n.message for n in pilot.app._notifications if n.severity == "error"]
                assert any("locked" in m for m in errors)
                assert any("Not quitting" in m for m in errors)
            finally:
                other.stop()
            await pilot.press("q")
            await settled(pilot)
            assert not pilot.app.is_running
        assert store.get_claim(first).status is Status.UNREVIEWED


async def test_with_the_database_free_a_verdict_is_committed_before_the_key_returns(
    db_path: Path, make_clock: type
) -> None:
    # One frame for the key: the verdict is in the database and in its row
    # when the key's handler is through, with no write left in the queue.
    with Store(db_path, clock=make_clock()) as store:
        ids = store.claim_ids()
        app = make_app(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            screen = pilot.app.screen
            assert isinstance(screen, ReviewScreen)
            screen.action_verdict("supported")
            assert screen.writer.pending == 0
            assert store.get_claim(ids[0]).status is Status.SUPPORTED
            assert row_text(pilot, ids[0]).startswith(f" {GLYPHS[Status.SUPPORTED]} ")
            assert screen.query_one(ClaimsTable).current_id == ids[1]
            screen.action_undo()
            assert screen.writer.pending == 0
            assert store.get_claim(ids[0]).status is Status.UNREVIEWED


async def test_a_write_behind_a_queued_one_waits_its_turn(db_path: Path, make_clock: type) -> None:
    # Writes commit in the order they were made, even when the second could go at once.
    with Store(db_path, clock=make_clock()) as store:
        ids = store.claim_ids()
        app = make_app(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            screen = pilot.app.screen
            assert isinstance(screen, ReviewScreen)
            other = OtherWriter(db_path)
            try:
                screen.action_verdict("supported")  # the lock is held: queued
                assert screen.writer.pending == 1
                other.stop()
                screen.action_verdict("disputed")  # free now, but behind the first
                assert screen.writer.pending == 2
                assert store.get_claim(ids[1]).status is Status.UNREVIEWED
            finally:
                other.stop()
            await settled(pilot)
        assert store.get_claim(ids[0]).status is Status.SUPPORTED
        assert store.get_claim(ids[1]).status is Status.DISPUTED


async def test_a_verdict_on_a_read_only_database_says_so_and_changes_nothing(
    db_path: Path, make_clock: type
) -> None:
    # The at-once path fails there and then: one error, the row as it was, and
    # the cursor back on the claim that has no verdict.
    with Store(db_path, clock=make_clock()) as store:
        ids = store.claim_ids()
    with Store(db_path, clock=make_clock(), readonly=True) as store:
        app = make_app(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("s")
            await settled(pilot)
            errors = [n.message for n in pilot.app._notifications if n.severity == "error"]
            assert len(errors) == 1 and "read-only" in errors[0]
            assert pilot.app.screen.query_one(ClaimsTable).current_id == ids[0]
            assert row_text(pilot, ids[0]).startswith(f" {GLYPHS[Status.UNREVIEWED]} ")
    with Store(db_path) as store:
        assert store.get_claim(ids[0]).status is Status.UNREVIEWED
