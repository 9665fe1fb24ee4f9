"""Claims' "checked before" matches as reports read them: one look-up per claim that has any."""

from __future__ import annotations

from workbench.core.models import Citation, Claim, Stance
from workbench.core.published import CheckedBefore
from workbench.core.review import classify_source
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


_REFUTES = ("false", "fake", "pants on fire", "incorrect", "wrong", "not true", "fabricated")
_MIXED = ("half", "mixture", "mixed", "partly", "partially", "unproven", "misleading")
_SUPPORTS = ("true", "correct", "accurate")


def stance_of(rating: str) -> Stance | None:
    """What a fact-check's rating says of the claim: refutes ("False", "Mostly false"),
    supports ("True", "Mostly true"), or nothing clear ("Half true", "Mixture")."""
    words = " ".join(rating.lower().split())
    if any(w in words for w in _REFUTES):
        return Stance.REFUTES
    if any(w in words for w in _MIXED):
        return None
    if any(w in words for w in _SUPPORTS):
        return Stance.SUPPORTS
    return None


def citation_for(match: CheckedBefore, claim_id: int, reviewer: str) -> Citation:
    """A citation of a published fact-check: its url, its claim quoted, who rated it how."""
    fc = match.factcheck
    said = ", ".join(part for part in (fc.publisher, fc.rating, fc.date) if part)
    return Citation(
        id=None,
        claim_id=claim_id,
        source=fc.url,
        source_kind=classify_source(fc.url),
        quote=fc.claim,
        stance=stance_of(fc.rating),
        note=f"Checked before: {said}" if said else "Checked before",
        reviewer=reviewer,
    )


def next_to_cite(matches: list[CheckedBefore], cited: list[Citation]) -> CheckedBefore | None:
    """The best match not cited yet."""
    sources = {c.source for c in cited}
    return next((m for m in matches if m.factcheck.url not in sources), None)
