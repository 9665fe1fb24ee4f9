"""What the desk's screens show: a claim in conflict, and the desk's figures.

:func:`conflict_view` gathers, in one call, each reviewer's independent
verdict with their note and citations, the sources they cited in common and
apart, and a word diff of the passages they quoted, so an adjudicator sees
side by side what each one relied on. :func:`desk_figures` gathers the
statistics screen's progress per reviewer and agreement. Nothing here draws
or writes.
"""

from __future__ import annotations

import attrs

from workbench.core.agreement import AgreementReport, agreement
from workbench.core.desk import Adjudication, DeskSettings, ReviewerProgress
from workbench.core.matching.diff import word_diff
from workbench.core.models import Citation, Claim, Status
from workbench.core.scale import OURS, Scale
from workbench.core.store import Store


@attrs.frozen
class ReviewerSide:
    """One reviewer's verdict on the claim, why, and what they cited."""

    reviewer: str
    verdict: Status
    note: str
    created_at: str
    citations: tuple[Citation, ...]
    only_theirs: tuple[str, ...]  # sources no other reviewer of the claim cited


@attrs.frozen
class ConflictView:
    """A claim in conflict (or adjudicated) with every reviewer's side."""

    claim: Claim
    document_title: str
    sides: tuple[ReviewerSide, ...]
    shared_sources: tuple[str, ...]  # sources every reviewer cited
    quote_diff: list[tuple[str, str]]  # the first two reviewers' quotes, word by word
    adjudication: Adjudication | None
    adjudicator_is_reviewer: bool  # the viewer gave one of the verdicts
    adjudicator_may_review: bool  # the desk lets such a viewer adjudicate anyway

    @property
    def refused(self) -> str:
        """Why the viewer may not adjudicate this claim ('' if they may)."""
        if self.adjudicator_is_reviewer and not self.adjudicator_may_review:
            return (
                f"you gave one of the verdicts on claim #{self.claim.id}; this desk asks"
                " another person to adjudicate"
            )
        return ""


def conflict_view(store: Store, claim_id: int, viewer: str) -> ConflictView:
    """Claim ``claim_id`` as its adjudicator ``viewer`` sees it, in one call."""
    claim = store.get_claim(claim_id)
    review = store.review_view(claim_id, viewer)
    meta = store.document_meta([claim.document_id or 0])
    cited: dict[str, list[Citation]] = {}
    for citation in review.citations:
        cited.setdefault(citation.reviewer, []).append(citation)
    sources = {v.reviewer: {c.source for c in cited.get(v.reviewer, [])} for v in review.verdicts}
    shared = set.intersection(*sources.values()) if sources else set()
    sides = []
    for verdict in review.verdicts:
        mine = sources[verdict.reviewer]
        others = set().union(*(s for who, s in sources.items() if who != verdict.reviewer))
        sides.append(
            ReviewerSide(
                reviewer=verdict.reviewer,
                verdict=verdict.verdict,
                note=verdict.note,
                created_at=verdict.created_at,
                citations=tuple(cited.get(verdict.reviewer, [])),
                only_theirs=tuple(sorted(mine - others)),
            )
        )
    quotes = [" ".join(c.quote for c in side.citations if c.quote) for side in sides[:2]]
    diff = word_diff(quotes[0], quotes[1]) if len(quotes) == 2 and any(quotes) else []
    desk = store.desk_settings()
    return ConflictView(
        claim=claim,
        document_title=meta[0].title if meta else "",
        sides=tuple(sides),
        shared_sources=tuple(sorted(shared)),
        quote_diff=diff,
        adjudication=review.adjudication,
        adjudicator_is_reviewer=any(v.reviewer == review.viewer for v in review.verdicts),
        adjudicator_may_review=desk.adjudicator_may_review,
    )


@attrs.frozen
class DeskFigures:
    """The statistics screen: claims by status, each reviewer's progress, agreement."""

    counts: dict[Status, int]
    settings: DeskSettings
    reviewers: tuple[ReviewerProgress, ...]
    agreement: AgreementReport
    scale: Scale = OURS  # the database's verdicts, in the scale's order


def desk_figures(store: Store) -> DeskFigures:
    """Every figure of the statistics screen, in one call."""
    scale = store.scale()
    return DeskFigures(
        scale=scale,
        counts=store.status_counts(),
        settings=store.desk_settings(),
        reviewers=store.reviewer_progress(),
        agreement=agreement(store.independent_verdict_table(), order=scale.ordinal),
    )
