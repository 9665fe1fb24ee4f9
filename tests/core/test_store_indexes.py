"""A large ingest sets four claims indexes aside and builds them at its end.

The schema after any ingest is the schema the migrations make; an ingest
stopped half way leaves its batches and a record, and the next opening of the
database builds the indexes; a small ingest into a large database keeps them.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.core.ingest import Outcome, ingest
from workbench.core.store import Store, indexes

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def claim_indexes(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claims'"
            " AND sql IS NOT NULL"
        ).fetchall()
    finally:
        conn.close()
    return dict(rows)


def articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for number in range(count):
        (folder / f"story-{number:02d}.txt").write_text(
            f"The harbour board of Port {number} spent £{number + 3} million on new cranes "
            f"in 2024, up {number + 10}% on the year before.\n",
            encoding="utf-8",
        )
    return folder


def test_the_deferrable_statements_are_the_ones_the_migrations_leave(tmp_path: Path) -> None:
    with Store(tmp_path / "claims.db"):
        pass
    made = claim_indexes(tmp_path / "claims.db")
    for name, sql in indexes.DEFERRABLE.items():
        assert made[name] == sql


def test_an_ingest_into_an_empty_database_builds_the_indexes_at_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workbench.core.ingest.BATCH_FILES", 2)
    path = tmp_path / "claims.db"
    with Store(path):
        pass
    schema = claim_indexes(path)
    seen: list[set[str]] = []

    def during(outcome: Outcome) -> None:  # called after each batch is committed
        seen.append(set(claim_indexes(path)))

    with Store(path) as store:
        report = ingest(store, [articles(tmp_path / "in", 5)], on_file=during)
        assert report.added == 5 and report.claims == 5
        assert store.get_setting(indexes.DEFERRED_SETTING) is None
    assert all(not set(indexes.DEFERRABLE) & names for names in seen)
    assert claim_indexes(path) == schema


def test_a_stopped_ingest_leaves_its_batches_and_the_next_opening_builds_the_indexes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "claims.db"
    folder = articles(tmp_path / "in", 5)
    with Store(path):
        pass
    schema = claim_indexes(path)
    # The process dies (no clean-up runs) once its first batch of two is committed.
    script = (
        "import os, sys\n"
        "import workbench.core.ingest as ingest\n"
        "from workbench.core.store import Store\n"
        "ingest.BATCH_FILES = 2\n"
        "store = Store(sys.argv[1])\n"
        "ingest.ingest(store, [sys.argv[2]], on_file=lambda outcome: os._exit(3))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path), str(folder)], check=False)
    assert done.returncode == 3
    assert not set(indexes.DEFERRABLE) & set(claim_indexes(path))
    with Store(path, readonly=True) as reader:  # slower without them, never wrong
        assert reader.count_claims() == 2
    with Store(path) as store:
        assert store.count_claims() == 2
        assert store.get_setting(indexes.DEFERRED_SETTING) is None
    assert claim_indexes(path) == schema


def test_an_ingest_that_fails_still_builds_the_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workbench.core.ingest.BATCH_FILES", 2)
    path = tmp_path / "claims.db"
    with Store(path) as store:
        schema = claim_indexes(path)

        def stop(outcome: Outcome) -> None:
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            ingest(store, [articles(tmp_path / "in", 5)], on_file=stop)
        assert store.count_claims() == 2
        assert claim_indexes(path) == schema
        assert store.get_setting(indexes.DEFERRED_SETTING) is None


def test_a_small_ingest_into_a_large_database_keeps_the_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexes, "SMALL_DATABASE", 10)
    path = tmp_path / "claims.db"
    with Store(path) as store:
        ingest(store, [articles(tmp_path / "large", 40)])  # 40 claims stored
        schema = claim_indexes(path)
        seen: list[set[str]] = []
        ingest(
            store,
            [SAMPLES],
            on_file=lambda outcome: seen.append(set(claim_indexes(path))),
        )
        assert seen and all(set(indexes.DEFERRABLE) <= names for names in seen)
    assert claim_indexes(path) == schema


def test_with_workers_no_index_is_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --jobs, the writer keeps every index up to date as it writes while
    the workers read: building them at the end would leave the workers idle."""
    monkeypatch.setattr("workbench.core.ingest.BATCH_FILES", 2)
    path = tmp_path / "claims.db"
    with Store(path):
        pass
    schema = claim_indexes(path)
    seen: list[set[str]] = []

    def during(outcome: Outcome) -> None:  # called after each batch is committed
        seen.append(set(claim_indexes(path)))

    with Store(path) as store:
        report = ingest(store, [articles(tmp_path / "in", 12)], on_file=during, jobs=2)
        assert report.added == 12
        assert store.get_setting(indexes.DEFERRED_SETTING) is None
    assert len(seen) == 12 and all(names == set(schema) for names in seen)
    assert claim_indexes(path) == schema
