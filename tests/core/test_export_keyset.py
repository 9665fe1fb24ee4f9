"""Reports read claims a batch at a time by keyset: every claim once, in order, whatever the batch."""

from __future__ import annotations

import pytest

from workbench.core.models import ClaimFilter
from workbench.core.store import Store
from workbench.core.store.export import SCORE_ORDER, SOURCE_ORDER


@pytest.mark.parametrize("batch", [1, 2, 3, 7, 500])
@pytest.mark.parametrize("order", [SOURCE_ORDER, SCORE_ORDER], ids=["source", "score"])
def test_batches_give_every_claim_once_in_order(
    sample_store: Store, batch: int, order: tuple[tuple[str, str], ...]
) -> None:
    claims = [c.claim for c in sample_store.list_claims()]
    assert len({c.score for c in claims}) < len(claims)  # ties, so the later columns matter

    def key(claim: object) -> tuple[float, ...]:
        values = []
        for name, direction in [*order, ("id", "ASC")]:
            value = getattr(claim, name)
            values.append(-value if direction == "DESC" else value)
        return tuple(values)

    expected = [c.id for c in sorted(claims, key=key)]
    read = sample_store.iter_reviewed(ClaimFilter(), reviewed_only=False, order=order, batch=batch)
    assert [r.claim.id for r in read] == expected
