"""Opening a database file: read-write, read-only, or immutable when nothing can be written."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from workbench.core.errors import StoreError


def connect(
    path: Path, *, readonly: bool, timeout: float, on_error: Callable[[sqlite3.Error], StoreError]
) -> sqlite3.Connection:
    """A connection to the database at ``path`` (``:memory:`` too), in autocommit mode."""
    # isolation_level=None: the sqlite3 module never opens a transaction
    # behind our back (its implicit BEGIN is DEFERRED); _write() opens them.
    if str(path) == ":memory:":
        return sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(f"cannot open database {path}: folder {folder} does not exist")
    if path.is_dir():
        raise StoreError(f"cannot open database {path}: it is a folder")
    try:
        if readonly:
            return _connect_readonly(path, timeout, on_error)
        return sqlite3.connect(path, timeout=timeout, check_same_thread=False, isolation_level=None)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open database {path}: {error}") from error


def _connect_readonly(
    path: Path, timeout: float, on_error: Callable[[sqlite3.Error], StoreError]
) -> sqlite3.Connection:
    """Open a database we may not write, so that reading it works.

    Reading a WAL database needs its ``-shm`` file; when the folder is
    read-only and no writer has the database open, that file is missing
    and cannot be made, and even a read fails. With no ``-wal`` file either,
    every committed change is in the database file itself, so it is opened
    as immutable: read as it is, without the files that coordinate writers.
    """
    if not path.exists():
        raise StoreError(f"cannot create database {path}: the folder is read-only")
    uri = path.resolve().as_uri()

    def connect(options: str) -> sqlite3.Connection:
        return sqlite3.connect(
            f"{uri}?{options}",
            uri=True,
            timeout=timeout,
            check_same_thread=False,
            isolation_level=None,
        )

    conn = connect("mode=ro")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error as error:
        conn.close()
        name = getattr(error, "sqlite_errorname", "")
        if not name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            raise on_error(error) from error
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError(
                f"cannot read database {path}: its latest changes are still in "
                f"{wal.name} and its folder is read-only; open it once where it can "
                "be written"
            ) from error
    return connect("mode=ro&immutable=1")


def is_readonly(path: Path) -> bool:
    """A file we may not write, or a new file in a folder we may not write."""
    if str(path) == ":memory:":
        return False
    if path.exists():
        return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
    return path.parent.is_dir() and not os.access(path.parent, os.W_OK)
