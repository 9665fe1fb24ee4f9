"""Claims' "checked before" matches as reports read them: one look-up per claim that has any."""

from __future__ import annotations

from workbench.core.models import CheckedBefore, Claim
from workbench.core.store import Store


class CheckedBeforeFinder:
    """The published fact-checks that match claims, reading which claims have any once."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._claims = store.claims_checked_before()

    def of(self, claim: Claim) -> list[CheckedBefore]:
        if claim.id is None or claim.id not in self._claims:
            return []
        return self._store.checked_before([claim.id]).get(claim.id, [])
