"""Published fact-checks: a claim someone has already checked, and how well one matches."""

from __future__ import annotations

import attrs

from workbench.core.models import _score_in_range


@attrs.frozen
class FactCheck:
    """A published fact-check: a claim someone has already checked, and their rating.

    Its ``url`` is its identity: importing the same url again updates it.
    """

    url: str
    claim: str
    title: str = ""
    rating: str = ""  # as the publisher words it: "False", "Mostly true", "Pants on fire"
    publisher: str = ""
    date: str = ""  # ISO 8601 when it could be read, else as given
    id: int | None = None


@attrs.frozen
class CheckedBefore:
    """A published fact-check that matches a claim or a text, and how well (0..1)."""

    factcheck: FactCheck
    score: float = attrs.field(validator=_score_in_range)
