"""Where the development data lives: ../shared/data beside the repository.

A worktree sits one folder deeper than the main checkout, so the folder above
that is tried too; ``WORKBENCH_DATA`` overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def data_dir() -> Path | None:
    """The shared data folder, or None when this clone has none."""
    if os.environ.get("WORKBENCH_DATA"):
        return Path(os.environ["WORKBENCH_DATA"])
    for base in (REPO.parent, REPO.parent.parent):
        candidate = base / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return None
