"""Claims indexes set aside while a large ingest writes, and built again after it.

Four of the claims indexes order rows by score or kind, so every new claim
lands on a random page of each; a large ingest into a small database spent
more time keeping them than building them once at the end (at 10,000 bench
articles into an empty database, 1.5 s of 8.6 s against 0.5 s to build).
The other indexes grow at their end (document order, or the same status and
no group for every new claim) and cost little, so they stay, as do the ones
ingest itself reads (the documents' path and content).

Only an ingest that adds about as many claims as were stored sets them aside
(:func:`worth_deferring`): never a million-claim database for a hundred
articles. The indexes are dropped inside a batch's transaction, which also
records their names in the settings; building them again removes the record
in the same transaction. A killed ingest leaves its committed batches and the
record, and the next writable opening of the database builds them (reading
without them is slower, never wrong). The statements are this module's own,
the same text the migrations leave in the schema (a test holds them together).
"""

from __future__ import annotations

import json
import sqlite3

# The indexes set aside, as migrations 6 and 11 create them.
DEFERRABLE: dict[str, str] = {
    "idx_claims_status_score": "CREATE INDEX idx_claims_status_score ON claims (status, score DESC)",
    "idx_claims_kind_score": "CREATE INDEX idx_claims_kind_score ON claims (kind, score DESC)",
    "idx_claims_score": "CREATE INDEX idx_claims_score ON claims (score DESC)",
    "idx_claims_status_kind": (
        "CREATE INDEX idx_claims_status_kind ON claims (status, kind, score DESC)"
    ),
}
# The settings row naming the indexes an ingest set aside (a JSON list).
DEFERRED_SETTING = "ingest.deferred_indexes"
# An ingest sets them aside once the claims stored before it are no more than
# those it has added plus this many: building the indexes over a few thousand
# claims costs a few milliseconds.
SMALL_DATABASE = 5_000


def last_claim_id(conn: sqlite3.Connection) -> int:
    """The highest claim id (the rowid: one step down the table's tree)."""
    row = conn.execute("SELECT max(id) FROM claims").fetchone()
    return int(row[0] or 0)


def worth_deferring(conn: sqlite3.Connection, first_id: int) -> bool:
    """Whether an ingest that began when the last claim id was ``first_id`` has
    added enough claims for building the indexes afresh to cost less."""
    added = last_claim_id(conn) - first_id
    return first_id <= added + SMALL_DATABASE


def defer_if_worth(conn: sqlite3.Connection, first_id: int) -> bool:
    """:func:`defer` if :func:`worth_deferring`; whether it did."""
    if not worth_deferring(conn, first_id):
        return False
    defer(conn)
    return True


def defer(conn: sqlite3.Connection) -> None:
    """Drop the deferrable indexes and record it; inside the caller's transaction."""
    present = {
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        if row[0] in DEFERRABLE
    }
    if not present:
        return
    names = sorted(present | set(_recorded(conn)))
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key)"
        " DO UPDATE SET value = excluded.value",
        [DEFERRED_SETTING, json.dumps(names)],
    )
    for name in sorted(present):
        conn.execute(f"DROP INDEX {name}")  # our own names, never user text


def is_deferred(conn: sqlite3.Connection) -> bool:
    """Whether some ingest set indexes aside and they are not built yet."""
    return (
        conn.execute("SELECT 1 FROM settings WHERE key = ?", [DEFERRED_SETTING]).fetchone()
        is not None
    )


def restore(conn: sqlite3.Connection) -> None:
    """Build the indexes set aside again and remove the record; inside the caller's
    transaction. An index someone built meanwhile is left as it is."""
    present = {
        row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    for name in _recorded(conn):
        if name not in present:
            conn.execute(DEFERRABLE[name])
    conn.execute("DELETE FROM settings WHERE key = ?", [DEFERRED_SETTING])


def _recorded(conn: sqlite3.Connection) -> list[str]:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", [DEFERRED_SETTING]).fetchone()
    if row is None:
        return []
    names = json.loads(row[0])
    # Only names this module knows: the statements run are its own.
    return [name for name in names if name in DEFERRABLE]
