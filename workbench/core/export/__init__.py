"""Reports and exchange formats: Markdown, HTML, JSON, CSV, ClaimReview JSON-LD.

Every writer streams: claims are read from the store a batch at a time and
written as they come, so memory does not grow with the number of claims.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from workbench.core.errors import WorkbenchError
from workbench.core.export.bundle import write_json
from workbench.core.export.claimreview import write_claimreview
from workbench.core.export.common import ExportOptions
from workbench.core.export.csv_table import write_csv
from workbench.core.export.html import write_html
from workbench.core.export.markdown import write_markdown
from workbench.core.export.writer import atomic_text
from workbench.core.store import Store

Writer = Callable[[Store, ExportOptions, TextIO], int]
WRITERS: dict[str, Writer] = {
    "markdown": write_markdown,
    "html": write_html,
    "json": write_json,
    "csv": write_csv,
    "claimreview": write_claimreview,
}
# The writers whose sections worker processes may write (export.parallel): they take
# the report's path too.
_SECTIONED: dict[str, Callable[..., int]] = {"markdown": write_markdown, "html": write_html}
EXTENSIONS = {
    "markdown": "md",
    "html": "html",
    "json": "json",
    "csv": "csv",
    "claimreview": "jsonld",
}


def writer_for(fmt: str) -> Writer:
    try:
        return WRITERS[fmt]
    except KeyError:
        raise WorkbenchError(
            f"unknown format {fmt!r}; choose one of: {', '.join(WRITERS)}"
        ) from None


def export(store: Store, fmt: str, options: ExportOptions, path: Path | None = None) -> int:
    """Write the report to ``path`` (atomically) or to standard output; return claims written."""
    write = writer_for(fmt)
    if path is None:
        return write(store, options, sys.stdout)
    newline = "" if fmt == "csv" else None  # csv writes its own CRLF
    try:
        with atomic_text(path, newline=newline) as out:
            if write is _SECTIONED.get(fmt):
                # Its sections may be written by worker processes, in parts beside it.
                return _SECTIONED[fmt](store, options, out, target=path)
            return write(store, options, out)
    except OSError as error:
        raise WorkbenchError(f"cannot write {path}: {error.strerror or error}") from error


__all__ = ["EXTENSIONS", "WRITERS", "ExportOptions", "export", "writer_for"]
