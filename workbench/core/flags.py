"""A flag matching raised between two versions of a claim: quote drift or truncation, or a
number conflict, with the detail a reviewer needs, read into typed fields."""

from __future__ import annotations

import json
from typing import Any

import attrs

from workbench.core.models import FlagKind


@attrs.frozen
class Flag:
    """Quote drift or truncation, or a number conflict, between two claims, for a reviewer.

    The detail that matching stored with it is read into typed fields; a field
    a kind does not use stays empty. ``source_a`` and ``source_b`` are not
    stored: views fill them in (see ``matching.views.with_sources``).
    """

    id: int | None
    group_id: int | None
    kind: FlagKind = attrs.field(converter=FlagKind)
    claim_a: int
    claim_b: int
    similarity: float = 0.0  # 0..100: how alike the two claims (or quotes) read
    speaker: str | None = None  # quote drift or truncation: who is quoted
    a: str = ""  # the quote (or a conflict's figure) as claim_a words it
    b: str = ""  # as claim_b words it
    numbers: str = ""  # number conflict: the figures that differ ("1200 vs 1100 kilometres")
    cut: int | None = None  # quote truncation: the claim whose version stops early
    source_a: str = ""  # the outlet of claim_a, when a view filled it in
    source_b: str = ""  # the outlet of claim_b

    def concerns(self, claim_id: int | None) -> bool:
        """Whether the flag is about this claim: one of its two claims."""
        return claim_id in (self.claim_a, self.claim_b)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Flag:
        detail = row["detail"]
        if isinstance(detail, str):
            detail = json.loads(detail)
        cut = detail.get("cut")
        return cls(
            id=row["id"],
            group_id=row["group_id"],
            kind=row["kind"],
            claim_a=row["claim_a"],
            claim_b=row["claim_b"],
            similarity=float(detail.get("similarity", 0.0)),
            speaker=detail.get("speaker"),
            a=str(detail.get("a") or ""),
            b=str(detail.get("b") or ""),
            numbers=str(detail.get("numbers") or ""),
            cut=int(cut) if cut is not None else None,
        )

    def as_record(self) -> dict[str, Any]:
        """The flag as JSON output gives it: the stored row, its detail an object.

        The sources of its two claims are added when a view filled them in.
        """
        detail: dict[str, Any]
        if self.kind.quoted:
            detail = {"speaker": self.speaker, "a": self.a, "b": self.b}
            detail["similarity"] = self.similarity
            if self.cut is not None:
                detail["cut"] = self.cut
        else:
            detail = {"numbers": self.numbers, "similarity": self.similarity}
            detail.update({k: v for k, v in (("a", self.a), ("b", self.b)) if v})
        record: dict[str, Any] = {
            "id": self.id,
            "group_id": self.group_id,
            "kind": self.kind.value,
            "claim_a": self.claim_a,
            "claim_b": self.claim_b,
            "detail": detail,
        }
        if self.source_a or self.source_b:
            record.update(source_a=self.source_a, source_b=self.source_b)
        return record
