"""Writers wait for one another: every write transaction begins IMMEDIATE.

Another real process holds the write lock for about a second while this one
ingests, gives a group verdict or undoes one. A transaction that read first
and then tried to write (a deferred one) failed at once with "database is
locked", whatever the busy timeout; an immediate one waits for the lock.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from workbench.core.errors import StoreError, StoreLocked
from workbench.core.ingest import ingest
from workbench.core.matching import match
from workbench.core.models import Claim, Status
from workbench.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
HOLD = 1.0

# Takes the write lock of the database, says so, keeps it HOLD seconds, commits.
HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('holder', '1')")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
print("released", flush=True)
"""


@contextmanager
def lock_held_by_another_process(path: Path, seconds: float = HOLD) -> Iterator[float]:
    """Another process holds the write lock from the moment this yields."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        yield time.monotonic()
        assert holder.stdout.readline().strip() == "released"
        assert holder.wait(timeout=30) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


@pytest.fixture
def grouped(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "grouped.db") as store:
        assert ingest(store, [SAMPLES]).added == 5
        match(store)
        yield store


def _grouped_claim(store: Store) -> Claim:
    for listed in store.list_claims(order="source"):
        group = listed.claim.group_id
        if group is not None and len(store.group_members(group)) > 1:
            return listed.claim
    raise AssertionError("the samples have no group")


def test_ingest_waits_for_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "ingest.db"
    with Store(path) as store:
        store.set_setting("created", True)
        with lock_held_by_another_process(path) as began:
            report = ingest(store, [SAMPLES / "ashford-courier.md"])
            waited = time.monotonic() - began
        assert report.ok and report.added == 1
        assert waited > HOLD / 2
        assert store.get_setting("holder") == 1


def test_group_verdict_waits_for_another_writer(grouped: Store) -> None:
    claim = _grouped_claim(grouped)
    assert claim.id is not None and claim.group_id is not None
    with lock_held_by_another_process(grouped.path):
        rows = grouped.mark_group(claim.id, Status.SUPPORTED, "ann")
    members = grouped.group_members(claim.group_id)
    assert len(rows) == len(members) > 1
    assert all(m.status is Status.SUPPORTED for m in members)


def test_group_undo_waits_for_another_writer(grouped: Store) -> None:
    claim = _grouped_claim(grouped)
    assert claim.id is not None and claim.group_id is not None
    grouped.mark_group(claim.id, Status.DISPUTED, "ann")
    with lock_held_by_another_process(grouped.path):
        undone = grouped.undo("ann")
    assert undone is not None and undone[0] == claim.id
    assert all(m.status is Status.UNREVIEWED for m in grouped.group_members(claim.group_id))
    with lock_held_by_another_process(grouped.path):
        assert grouped.redo("ann") is not None
    assert all(m.status is Status.DISPUTED for m in grouped.group_members(claim.group_id))


def test_match_rebuild_waits_for_another_writer(grouped: Store) -> None:
    before = len(grouped.all_flags())
    with lock_held_by_another_process(grouped.path):
        report = match(grouped, rebuild=True)
    assert report.claims == grouped.count_claims()
    assert len(grouped.all_flags()) == before


def test_a_writer_gives_up_after_the_busy_timeout_naming_the_database(tmp_path: Path) -> None:
    path = tmp_path / "short.db"
    with Store(path, timeout=0.2) as store:
        store.set_setting("created", True)
        with (
            lock_held_by_another_process(path),
            pytest.raises(StoreError, match=f"database {path} is locked"),
        ):
            store.set_setting("mine", 1)
        assert store.get_setting("mine") is None
        store.set_setting("mine", 2)
        assert store.get_setting("mine") == 2


def test_waiting_at_most_gives_up_at_once_then_waits_as_usual_again(grouped: Store) -> None:
    """The app's verdicts try the lock without waiting on the UI thread first."""
    claim = _grouped_claim(grouped)
    assert claim.id is not None
    with lock_held_by_another_process(grouped.path):
        started = time.monotonic()
        with pytest.raises(StoreLocked, match="is locked"), grouped.waiting_at_most(0):
            grouped.mark(claim.id, Status.SUPPORTED, "ann")
        assert time.monotonic() - started < HOLD / 2
        grouped.mark(claim.id, Status.DISPUTED, "ann")  # the usual busy timeout: waits
    assert grouped.get_claim(claim.id).status is Status.DISPUTED


def test_every_write_transaction_begins_immediate(grouped: Store) -> None:
    """No write starts a deferred transaction: SQLite sees BEGIN IMMEDIATE or a savepoint."""
    seen: list[str] = []
    grouped.db.conn.set_trace_callback(seen.append)
    claim = _grouped_claim(grouped)
    assert claim.id is not None
    grouped.mark(claim.id, Status.SUPPORTED, "ann", note="first")
    grouped.set_note(claim.id, "second", "ann")
    grouped.mark_group(claim.id, Status.MIXED, "ann")
    grouped.undo("ann")
    grouped.redo("ann")
    grouped.set_setting("k", 1)
    ingest(grouped, [SAMPLES])
    match(grouped, rebuild=True)
    grouped.db.conn.set_trace_callback(None)
    begins = [s.strip().upper() for s in seen if s.strip().upper().startswith("BEGIN")]
    assert begins and all(b.startswith("BEGIN IMMEDIATE") for b in begins), begins
