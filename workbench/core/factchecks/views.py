"""Claims' "checked before" matches as reports read them: one look-up a page of claims."""

from __future__ import annotations

from collections.abc import Iterable

from workbench.core.models import Citation, Claim, Stance
from workbench.core.published import CheckedBefore
from workbench.core.review import classify_source
from workbench.core.store import Store


class CheckedBeforeFinder:
    """The published fact-checks that match claims, for reports.

    :meth:`load` reads the matches of a page of claims in one statement; ``of``
    answers from it. A claim outside the page loaded costs a statement of its
    own. With no match in the database there is nothing to read at all.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._any = store.any_checked_before()
        self._page: dict[int, list[CheckedBefore]] = {}
        self._loaded: set[int] = set()

    def load(self, claims: Iterable[Claim]) -> None:
        """Read the matches of these claims (a page of a report) at once."""
        ids = [claim.id for claim in claims if claim.id is not None]
        self._loaded = set(ids)
        self._page = self._store.checked_before(ids) if self._any and ids else {}

    def of(self, claim: Claim) -> list[CheckedBefore]:
        if claim.id is None or not self._any:
            return []
        if claim.id in self._loaded:
            return self._page.get(claim.id, [])
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
