"""Decide whether two claims from different documents state the same fact.

Same fact: the canonical words agree closely (rapidfuzz token-set ratio, which
forgives reordered clauses and words one version adds), and the facts agree:
numbers in both must overlap and never contradict, and names in both must
overlap. A pair whose words agree but whose amounts for the same unit differ
is a number conflict instead: two sources disagreeing about one fact.
"""

from __future__ import annotations

import attrs
from rapidfuzz import fuzz

from workbench.core.matching.features import Features

SAME = 68.0  # token-set ratio of canonical words for the same fact
CONFLICT = 75.0  # so alike that a differing amount of the same unit is a disagreement
SHORT = 6  # claims of fewer canonical words need a higher score
SHORT_SAME = 85.0


@attrs.frozen
class Verdict:
    """What two claims are to each other."""

    kind: str  # "same", "conflict" or "none"
    score: float
    detail: str = ""


NONE = Verdict("none", 0.0)


def _numbers_agree(a: Features, b: Features) -> bool:
    """Both claims' numbers overlap (or one has none); conflicts are checked apart."""
    return not a.values or not b.values or bool(a.values & b.values)


def _conflicting(a: Features, b: Features) -> list[tuple[float, float, str]]:
    """Amounts of the same unit that differ, one from each claim."""
    found = []
    for value, unit in b.counted:
        values = a.by_unit.get(unit)
        if values and value not in values:
            found.append((min(values, key=lambda v: abs(v - value)), value, unit))
    return found


def _names_agree(a: Features, b: Features) -> bool:
    return not a.names or not b.names or bool(a.names & b.names)


def _speakers_agree(a: Features, b: Features) -> bool:
    if not a.speaker or not b.speaker:
        return True
    left, right = set(a.speaker.lower().split()), set(b.speaker.lower().split())
    return bool(left & right)


def compare(a: Features, b: Features) -> Verdict:
    """Same fact, conflicting numbers, or nothing in common."""
    if a.document_id == b.document_id or not a.words or not b.words:
        return NONE
    # score_cutoff lets rapidfuzz stop early on the many pairs that are far apart
    score = fuzz.token_set_ratio(a.joined, b.joined, score_cutoff=min(SAME, CONFLICT))
    if score < min(SAME, CONFLICT):
        return NONE
    conflicts = _conflicting(a, b)
    # A differing amount is a disagreement only about one subject: the claims
    # share a name, or another number, besides reading alike.
    anchored = bool(a.names & b.names) or bool(a.values & b.values)
    if conflicts and score >= CONFLICT and anchored:
        ours, theirs, unit = conflicts[0]
        return Verdict("conflict", score, f"{ours:g} vs {theirs:g} {unit}".strip())
    threshold = SHORT_SAME if min(len(a.words), len(b.words)) < SHORT else SAME
    if (
        score >= threshold
        and not conflicts
        and _numbers_agree(a, b)
        and _names_agree(a, b)
        and _speakers_agree(a, b)
    ):
        return Verdict("same", score)
    return NONE
