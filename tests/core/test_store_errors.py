"""What the store says when SQLite fails, and the lock around generators.

A generator wrapped by the lock-and-translate decorator used to run after the
decorator had returned: unlocked, with raw sqlite3 errors. The plain decorator
now refuses generators, and the generator decorator holds the lock while the
generator's own code runs.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

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


# -- a full disk ----------------------------------------------------------------------


def _sample_store(path: Path) -> Store:
    store = Store(path)
    ingest(store, [SAMPLES])
    return store


def test_a_full_database_names_the_file_and_says_the_disk_is_full(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    with _sample_store(path) as store:
        claim_id = store.claim_ids()[0]
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        # No page beyond those in use: SQLite answers as it does on a full disk.
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError) as raised:
            store.set_note(claim_id, "a long rationale " * 20_000, "ann")
        assert str(raised.value).startswith(f"cannot write database {path}: the disk is full")
        assert "\n" not in str(raised.value)
        assert store.history(claim_id) == []  # nothing half written


def test_a_disk_io_error_names_the_file_and_blames_a_full_disk_when_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "io.db"
    with Store(path) as store:
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = sqlite3.SQLITE_IOERR | (3 << 8)
        error.sqlite_errorname = "SQLITE_IOERR_WRITE"
        message = str(store._error(error))
        assert message.startswith(f"cannot read or write database {path}: disk I/O error")
        nothing_free = SimpleNamespace(total=10_000_000, used=10_000_000, free=0)
        monkeypatch.setattr(shutil, "disk_usage", lambda _folder: nothing_free)
        message = str(store._error(error))
        assert message.startswith(f"cannot write database {path}: the disk is full")


# Fills the small filesystem it runs on, then goes on ingesting and writing.
FILL_THE_DISK = """
import sys
from pathlib import Path
from workbench.core.errors import StoreError
from workbench.core.ingest import ingest
from workbench.core.store import Store
folder, articles = Path(sys.argv[1]), Path(sys.argv[2])
with Store(folder / "claims.db") as store:
    print("mounted", flush=True)
    try:
        with open(folder / "filler", "wb") as filler:
            while True:
                filler.write(b"x" * 4096)
                filler.flush()
    except OSError:
        pass
    try:
        for number in range(200):
            article = articles / f"{number}.txt"
            article.write_text(f"The council spent {number} million on roads in 2024. " * 40)
            ingest(store, [article])
            store.set_setting(f"k{number}", "v" * 5000)
    except StoreError as error:
        print("error", error, flush=True)
"""


def test_a_really_full_disk_names_the_file(tmp_path: Path) -> None:
    """On a real full filesystem (a 1 MB tmpfs in a private mount namespace)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare(1) here")
    folder, articles = tmp_path / "tiny", tmp_path / "articles"
    folder.mkdir()
    articles.mkdir()
    mount = f"mount -t tmpfs -o size=1m tmpfs {shlex.quote(str(folder))}"
    run = shlex.join([sys.executable, "-c", FILL_THE_DISK, str(folder), str(articles)])
    namespace = [unshare, "--mount"] + ([] if os.geteuid() == 0 else ["--map-root-user"])
    done = subprocess.run(
        [*namespace, "sh", "-c", f"{mount} && {run}"], capture_output=True, text=True, timeout=120
    )
    if "mounted" not in done.stdout:
        pytest.skip(f"cannot mount a small filesystem here: {done.stderr.strip()[:200]}")
    errors = [line for line in done.stdout.splitlines() if line.startswith("error ")]
    assert errors, done.stdout + done.stderr
    assert errors[0].startswith(
        f"error cannot write database {folder / 'claims.db'}: the disk is full"
    )
    assert "Traceback" not in done.stderr


# -- a read-only folder --------------------------------------------------------------

# Reads the database, then tries to write to it; says what happened.
READ_AND_TRY_TO_WRITE = """
import sys
from workbench.core.errors import StoreError
from workbench.core.models import Status
from workbench.core.store import Store
try:
    with Store(sys.argv[1]) as store:
        print("readonly", store.readonly)
        print("claims", store.stats().claims)
        print("documents", len(store.documents()))
        try:
            store.mark(store.claim_ids()[0], Status.SUPPORTED, "ann")
            print("written")
        except StoreError as error:
            print("refused", error)
except StoreError as error:
    print("failed", error)
"""


def _as_nobody(args: list[str]) -> list[str]:
    """``args`` run as a user the folder's permissions apply to (root ignores them)."""
    if os.geteuid() != 0:
        return args
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv(1): permissions cannot be tested")
    command = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", *args]
    probe = subprocess.run(
        [*command[:-3], "-c", "import workbench"], capture_output=True, text=True, timeout=60
    )
    if probe.returncode != 0:
        pytest.skip(f"user nobody cannot run this Python: {probe.stderr.strip()[:200]}")
    return command


def test_a_database_in_a_read_only_folder_can_be_read() -> None:
    # In the system's temporary folder, not tmp_path: user nobody must reach it.
    folder = Path(tempfile.mkdtemp(prefix="workbench-ro-"))
    try:
        path = folder / "claims.db"
        with _sample_store(path) as store:
            claims = store.count_claims()
        assert sorted(p.name for p in folder.iterdir()) == ["claims.db"]  # closed cleanly
        path.chmod(0o444)
        folder.chmod(0o555)
        command = _as_nobody([sys.executable, "-c", READ_AND_TRY_TO_WRITE, str(path)])
        done = subprocess.run(command, capture_output=True, text=True, cwd=folder, timeout=60)
        lines = done.stdout.splitlines()
        assert "readonly True" in lines, done.stdout + done.stderr
        assert f"claims {claims}" in lines
        assert "documents 5" in lines
        refused = [line for line in lines if line.startswith("refused ")]
        assert refused == [f"refused database {path} is read-only; nothing was changed"]
        assert sorted(p.name for p in folder.iterdir()) == ["claims.db"]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
