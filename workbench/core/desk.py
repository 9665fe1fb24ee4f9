"""A desk of reviewers: independent verdicts, blind reading, conflict and adjudication.

Everything here reads a claim's verdict history (oldest first) and decides;
nothing writes. The store calls :func:`settle` after each write when the
database asks for more than one independent verdict per claim.

A reviewer's *independent verdict* on a claim is their latest ``mark`` that is
still in effect (not undone, or undone and redone), unless that mark cleared
the verdict. The claim's status is then:

- the verdict of the latest adjudication in effect, if there is one;
- ``unreviewed`` while fewer than ``required`` reviewers gave a verdict;
- the verdict, when every independent verdict is the same;
- ``conflict`` when any two differ.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import attrs

from workbench.core.models import Action, Citation, Status, Verdict

REQUIRED_VERDICTS = "desk.required_verdicts"  # settings key: verdicts a claim needs
ADJUDICATOR_MAY_REVIEW = "desk.adjudicator_may_review"  # settings key: bool
ROSTER = "desk.roster"  # settings key: names added with `workbench desk add`


@attrs.frozen
class DeskSettings:
    """How a database's desk reviews: verdicts per claim, who may adjudicate, who is on it."""

    required_verdicts: int = 1
    adjudicator_may_review: bool = False
    roster: tuple[str, ...] = ()

    @property
    def independent(self) -> bool:
        """Whether claims need more than one reviewer (blind reading, conflicts)."""
        return self.required_verdicts > 1


@attrs.frozen
class IndependentVerdict:
    """One reviewer's own verdict on a claim, with its rationale."""

    reviewer: str
    verdict: Status
    note: str
    verdict_id: int  # the history row of the mark
    created_at: str


@attrs.frozen
class ReviewerProgress:
    """How far one reviewer has got: claims judged, their share, verdicts per day."""

    reviewer: str
    judged: int  # claims on which their own verdict is in effect
    assigned: int = 0  # claims given to them (workbench assign)
    assigned_judged: int = 0  # of those, the ones they judged
    by_day: tuple[tuple[str, int], ...] = ()  # (YYYY-MM-DD, verdicts and adjudications given)


@attrs.frozen
class Adjudication:
    """The final verdict on a claim in conflict: who gave it, when and why."""

    adjudicator: str
    verdict: Status
    note: str
    verdict_id: int
    created_at: str


def in_effect(history: Sequence[Verdict]) -> set[int]:
    """Ids of the history rows not reverted: undone as often as redone."""
    balance: Counter[int] = Counter()
    for row in history:
        if row.reverts is not None:
            if row.action is Action.UNDO:
                balance[row.reverts] += 1
            elif row.action is Action.REDO:
                balance[row.reverts] -= 1
    return {row.id for row in history if row.id is not None and balance[row.id] <= 0}


def independent_verdicts(history: Sequence[Verdict]) -> tuple[IndependentVerdict, ...]:
    """Each reviewer's verdict in effect, in the order they were given."""
    live = in_effect(history)
    marks: dict[str, Verdict] = {}
    notes: dict[str, str] = {}
    for row in history:
        if row.id not in live:
            continue
        if row.action is Action.MARK:
            marks[row.reviewer] = row
            notes[row.reviewer] = row.note
        elif row.action is Action.NOTE and row.reviewer in marks:
            notes[row.reviewer] = row.note
    found = [
        IndependentVerdict(
            reviewer=who,
            verdict=row.verdict,
            note=notes[who],
            verdict_id=row.id or 0,
            created_at=row.created_at,
        )
        for who, row in marks.items()
        if row.verdict is not Status.UNREVIEWED
    ]
    return tuple(sorted(found, key=lambda v: v.verdict_id))


def adjudication(history: Sequence[Verdict]) -> Adjudication | None:
    """The latest adjudication in effect, if any."""
    live = in_effect(history)
    for row in reversed(history):
        if row.action is Action.ADJUDICATE and row.id in live:
            return Adjudication(
                adjudicator=row.reviewer,
                verdict=row.verdict,
                note=row.note,
                verdict_id=row.id or 0,
                created_at=row.created_at,
            )
    return None


def settle(history: Sequence[Verdict], required: int) -> Status:
    """The claim's status under a desk that needs ``required`` independent verdicts."""
    if required <= 1:
        return history[-1].verdict if history else Status.UNREVIEWED
    final = adjudication(history)
    if final is not None:
        return final.verdict
    verdicts = independent_verdicts(history)
    if len(verdicts) < required:
        return Status.UNREVIEWED
    given = {v.verdict for v in verdicts}
    return given.pop() if len(given) == 1 else Status.CONFLICT


def is_blind(history: Sequence[Verdict], required: int) -> bool:
    """Whether reviewers must not see each other's work on the claim yet."""
    if required <= 1 or adjudication(history) is not None:
        return False
    return len(independent_verdicts(history)) < required


@attrs.frozen
class ClaimReviewView:
    """What one viewer may see of a claim's review.

    While the claim is blind, ``history`` and ``citations`` hold the viewer's
    own rows only and ``verdicts`` the viewer's own verdict; ``hidden`` counts
    the other reviewers' verdicts they may not see yet.
    """

    viewer: str
    status: Status
    blind: bool
    required: int
    history: tuple[Verdict, ...]
    citations: tuple[Citation, ...]
    verdicts: tuple[IndependentVerdict, ...]
    adjudication: Adjudication | None
    hidden: int = 0

    @property
    def own(self) -> IndependentVerdict | None:
        """The viewer's own independent verdict, if they gave one."""
        return next((v for v in self.verdicts if v.reviewer == self.viewer), None)


def view_for(
    viewer: str,
    status: Status,
    history: Sequence[Verdict],
    citations: Sequence[Citation],
    required: int,
) -> ClaimReviewView:
    """The claim's review as ``viewer`` may see it (see :class:`ClaimReviewView`)."""
    verdicts = independent_verdicts(history)
    blind = is_blind(history, required)
    if blind:
        own = tuple(v for v in verdicts if v.reviewer == viewer)
        return ClaimReviewView(
            viewer=viewer,
            status=status,
            blind=True,
            required=required,
            history=tuple(row for row in history if row.reviewer == viewer),
            citations=tuple(c for c in citations if c.reviewer == viewer),
            verdicts=own,
            adjudication=None,
            hidden=len(verdicts) - len(own),
        )
    return ClaimReviewView(
        viewer=viewer,
        status=status,
        blind=False,
        required=required,
        history=tuple(history),
        citations=tuple(citations),
        verdicts=verdicts,
        adjudication=adjudication(history),
    )


def own_state(history: Sequence[Verdict], reviewer: str) -> tuple[Status, str]:
    """The reviewer's own verdict (``unreviewed`` if none) and own note on a claim.

    The note is the note of their verdict, or, while they have none, the note
    they wrote for their next verdict (their pending note); other reviewers'
    notes never show through.
    """
    live = in_effect(history)
    verdict, note = Status.UNREVIEWED, ""
    for row in history:
        if row.reviewer != reviewer or row.id not in live:
            continue
        if row.action is Action.MARK:
            verdict, note = row.verdict, row.note
        elif row.action is Action.NOTE:
            note = row.note
    return verdict, note
