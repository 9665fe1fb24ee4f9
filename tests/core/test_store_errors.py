"""What the store says when SQLite fails, and the lock around generators.

A generator wrapped by the lock-and-translate decorator used to run after the
decorator had returned: unlocked, with raw sqlite3 errors. The plain decorator
now refuses generators, and the generator decorator holds the lock while the
generator's own code runs.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.core.errors import StoreError
from workbench.core.ingest import ingest
from workbench.core.store import Store
from workbench.core.store.base import StoreBase, _translate_errors, _translate_errors_iter

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


# -- the decorators -----------------------------------------------------------------


def test_the_plain_decorator_refuses_a_generator() -> None:
    def rows(store: StoreBase) -> Iterator[int]:
        yield 1

    with pytest.raises(TypeError, match="generator"):
        _translate_errors(rows)


def test_the_generator_decorator_refuses_a_plain_function() -> None:
    def count(store: StoreBase) -> int:
        return 1

    with pytest.raises(TypeError, match="not a generator"):
        _translate_errors_iter(count)  # type: ignore[arg-type]


class _Probe(StoreBase):
    """A store with a generator that reports whether it runs under the lock."""

    @_translate_errors_iter
    def owned(self, fail_at: int | None = None) -> Iterator[bool]:
        for step in range(3):
            if step == fail_at:
                self.db.execute("SELECT * FROM no_such_table")
            yield self._lock._is_owned()  # type: ignore[attr-defined]


def test_a_generator_runs_under_the_lock_and_releases_it_between_items(tmp_path: Path) -> None:
    with _Probe(tmp_path / "probe.db") as probe:
        for owned in probe.owned():
            assert owned  # the generator's own code holds the lock
            assert not probe._lock._is_owned()  # type: ignore[attr-defined]


def test_a_generator_error_names_the_database(tmp_path: Path) -> None:
    path = tmp_path / "probe.db"
    with _Probe(path) as probe:
        rows = probe.owned(fail_at=1)
        assert next(rows)
        with pytest.raises(StoreError, match=f"database {path}: no such table"):
            next(rows)


def test_iter_documents_waits_while_another_thread_uses_the_connection(tmp_path: Path) -> None:
    with Store(tmp_path / "docs.db") as store:
        ingest(store, [SAMPLES])
        got: list[str] = []
        documents = store.iter_documents()  # the worker is handed the iterator

        def export() -> None:
            got.extend(d.title for d in documents)

        with store._lock:  # the UI thread is in the middle of a call
            worker = threading.Thread(target=export)
            worker.start()
            worker.join(0.5)
            assert worker.is_alive() and got == []  # it waits instead of sharing the connection
        worker.join(10)
        assert not worker.is_alive() and len(got) == 5


def test_iter_documents_errors_name_the_database(tmp_path: Path) -> None:
    path = tmp_path / "docs.db"
    with Store(path) as store:
        ingest(store, [SAMPLES])
        documents = store.iter_documents()
        next(documents)
        other = sqlite3.connect(path)
        other.execute("ALTER TABLE documents RENAME TO gone")
        other.commit()
        other.close()
        with pytest.raises(StoreError, match=f"database {path}"):
            next(documents)
