"""How many processes a long ingest uses when the user leaves it to us (``--jobs auto``).

A second process pays for itself only on a large batch (starting the pool and
sending texts between processes costs more than it saves on a few hundred
files), and only on a core nobody else is using: on a busy machine two jobs
are slower than one. One writer keeps up with about four extracting workers.
"""

from __future__ import annotations

import os

AUTO_FROM = 500  # files in the batch before a second process is worth starting
AUTO_MAX = 4  # workers one writer keeps up with


def auto_jobs(articles: int, *, cores: int | None = None, load: float | None = None) -> int:
    """Processes for an ingest of ``articles`` files: as many as there are free
    cores (a core at most half busy counts as free, by the one-minute load
    average), at most ``AUTO_MAX``, and one for a small batch."""
    if articles < AUTO_FROM:
        return 1
    if cores is None:
        cores = os.cpu_count() or 1
    if load is None:
        try:
            load = os.getloadavg()[0]
        except (OSError, AttributeError):  # no load average here: do not guess
            return 1
    free = int(cores - load + 0.5)
    return max(1, min(free, cores, AUTO_MAX))
