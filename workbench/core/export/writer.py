"""Write a report so an interrupted export never leaves a half file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from workbench.core.errors import WorkbenchError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_text(path: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """A text file that appears at ``path`` only once it is complete.

    The report is written to a temporary file in the same folder and renamed
    over the target at the end; on any error the temporary file is removed and
    a good earlier report, if there was one, stays.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WorkbenchError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise WorkbenchError(f"cannot write {path}: it is a folder")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
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
