"""A verdict given on the review screen, which the note typed next belongs to."""

from __future__ import annotations

import attrs

from workbench.core.models import Status


@attrs.define(eq=False)
class GivenVerdict:
    """A verdict the reviewer gave on this screen: `n` right after it writes its note.

    ``verdict_id`` and ``note`` are filled in by the write, in the writer's
    thread, once the store has recorded the verdict; ``verdict_id`` stays None
    if it failed. Jobs run in order, so a note queued after it sees them.
    """

    claim_id: int
    status: Status
    claim_text: str
    note: str = ""  # the verdict's note: the pending note it took over, or the last one written
    verdict_id: int | None = None
