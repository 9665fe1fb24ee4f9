"""What the review screen remembers for each reviewer between runs, as a setting.

The setting is JSON from the database: every field is checked as it is read,
and a value the database no longer knows (a status the scale dropped, a sort
order renamed) falls back to the default instead of failing the screen.
"""

from __future__ import annotations

from typing import Any

import attrs

from workbench.core.models import ClaimFilter, ClaimKind
from workbench.core.scale import Scale
from workbench.core.store import ORDERS


@attrs.frozen
class ReviewState:
    where: ClaimFilter = attrs.field(factory=ClaimFilter)
    order: str = "score"
    auto_advance: bool = True
    claim_id: int | None = None  # under the cursor

    def setting(self) -> dict[str, Any]:
        """The state as the setting stores it."""
        return {
            "claim_id": self.claim_id,
            "statuses": [s.value for s in self.where.statuses],
            "kinds": [k.value for k in self.where.kinds],
            "documents": list(self.where.document_ids),
            "checked_before": self.where.checked_before,
            "mine": bool(self.where.mine),
            "order": self.order,
            "auto_advance": self.auto_advance,
        }


def read_state(setting: object, scale: Scale, reviewer: str, auto_advance: bool) -> ReviewState:
    """The state a setting holds; ``auto_advance`` where it says nothing."""
    state = setting if isinstance(setting, dict) else {}
    try:
        known = {s.value: s for s in scale.statuses}  # a status the scale lost is dropped
        where = ClaimFilter(
            statuses=tuple(known[s] for s in state.get("statuses", []) if s in known),
            kinds=tuple(ClaimKind(k) for k in state.get("kinds", [])),
            document_ids=tuple(int(d) for d in state.get("documents", [])),
            checked_before=bool(state.get("checked_before", False)),
            mine=reviewer if state.get("mine") else "",
        )
    except (ValueError, TypeError):
        where = ClaimFilter()
    claim_id = state.get("claim_id")
    return ReviewState(
        where=where,
        order=state["order"] if state.get("order") in ORDERS else "score",
        auto_advance=bool(state.get("auto_advance", auto_advance)),
        claim_id=claim_id if isinstance(claim_id, int) else None,
    )
