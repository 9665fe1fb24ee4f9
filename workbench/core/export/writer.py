"""Write a report so an interrupted export never leaves a half file behind.

A report is written to a part file beside its target and renamed over it when
complete. A process killed mid-write cannot remove its part, so each part is
named after the process writing it (``.NAME.HOST-PID.RANDOM.part``) and the
next export to the same target removes the parts whose writer is gone: the
process no longer runs on this host, or (another host's, a reused pid, a part
of an older version) nothing has written to it for an hour. A part a live
export is writing is never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from workbench.core.errors import WorkbenchError

STALE_AFTER = 3600.0  # seconds without a write after which any part is abandoned
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
# What follows ".NAME." in a part's name: this version's, or an older version's.
_OWNED = re.compile(r"(?P<host>[0-9a-f]{8})-(?P<pid>\d+)\.[a-z0-9_]+")
_UNOWNED = re.compile(r"[a-z0-9_]{8}")
# Parts this process is writing now (an export per thread is possible).
_WRITING: set[str] = set()
_WRITING_LOCK = threading.Lock()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _running(pid: int) -> bool:
    """Whether a process with this id runs on this host (when unsure: yes)."""
    if pid == os.getpid():
        return False  # this process: its live parts are in _WRITING
    if os.name != "posix":
        return True  # os.kill(pid, 0) would end the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it runs, as another user
        return True
    return True


def _is_stale(entry: os.DirEntry[str], middle: str, now: float) -> bool:
    owned = _OWNED.fullmatch(middle)
    if owned is None and _UNOWNED.fullmatch(middle) is None:
        return False  # not a part of this target (".NAME.bak.xxx.part" is another's)
    with _WRITING_LOCK:
        if os.path.abspath(entry.path) in _WRITING:
            return False
    if owned is not None and owned["host"] == _HOST and not _running(int(owned["pid"])):
        return True
    try:
        return now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
    except FileNotFoundError:
        return False


def remove_stale_parts(path: Path) -> list[str]:
    """Remove the part files of ``path`` left by exports that were killed; return their names."""
    folder = path.parent if str(path.parent) else Path(".")
    head, tail = f".{path.name}.", ".part"
    removed: list[str] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(head) and name.endswith(tail) and entry.is_file()):
            continue
        if _is_stale(entry, name[len(head) : -len(tail)], now):
            # Best effort: a part another export removed first, or one we may not
            # delete, must not stop this export.
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(name)
    return removed


@contextlib.contextmanager
def atomic_text(path: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """A text file that appears at ``path`` only once it is complete.

    The report is written to a temporary file in the same folder and renamed
    over the target at the end; on any error the temporary file is removed and
    a good earlier report, if there was one, stays. Parts that killed exports
    left beside the target are removed first.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WorkbenchError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise WorkbenchError(f"cannot write {path}: it is a folder")
    remove_stale_parts(path)
    owner = f"{_HOST}-{os.getpid()}"
    try:
        with _WRITING_LOCK:
            handle, temporary = tempfile.mkstemp(
                prefix=f".{path.name}.{owner}.", suffix=".part", dir=folder
            )
            _WRITING.add(os.path.abspath(temporary))
    except OSError as error:
        raise WorkbenchError(f"cannot write {path}: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline=newline) as out:
            yield out
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a report is ordinary
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    finally:
        with _WRITING_LOCK:
            _WRITING.discard(os.path.abspath(temporary))


@contextlib.contextmanager
def part_file(path: Path | None) -> Iterator[Path]:
    """An empty part file beside ``path`` (in the temporary folder when None) for a piece of
    its report that another process writes; removed at the end, whatever happens.

    Named as :func:`atomic_text` names its part, so that a part a killed export left
    behind is removed by the next export to the same target.
    """
    owner = f"{_HOST}-{os.getpid()}"
    folder = (path.parent if str(path.parent) else Path(".")) if path is not None else None
    name = path.name if path is not None else "workbench-report"
    try:
        with _WRITING_LOCK:
            handle, temporary = tempfile.mkstemp(
                prefix=f".{name}.{owner}.", suffix=".part", dir=folder
            )
            _WRITING.add(os.path.abspath(temporary))
    except OSError as error:
        raise WorkbenchError(f"cannot write {path}: {error.strerror or error}") from error
    os.close(handle)
    try:
        yield Path(temporary)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        with _WRITING_LOCK:
            _WRITING.discard(os.path.abspath(temporary))
