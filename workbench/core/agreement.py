"""How far reviewers agree: percent agreement, Cohen's kappa, Krippendorff's alpha.

Written out in plain Python rather than taken from the ``krippendorff``
package: that package needs numpy for a computation over a few thousand
verdicts at most, and the formulas are short. Both are checked against
published worked examples in the tests (Krippendorff 2011, "Computing
Krippendorff's Alpha-Reliability", and a textbook kappa).

A *unit* is one claim; its values are the independent verdicts of the
reviewers who judged it. Only claims with two or more verdicts count.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

import attrs

from workbench.core.models import Status
from workbench.core.scale import OURS

# The default scale's order for ordinal alpha, worst to best (ClaimReview rating 1, 3, 5).
# Unverifiable has no place on it and is left out of ordinal figures. Another
# scale gives its own (``Scale.ordinal``).
ORDINAL_ORDER = OURS.ordinal


def _pairable(units: Iterable[Sequence[Hashable]]) -> list[Sequence[Hashable]]:
    return [values for values in units if len(values) >= 2]


def coincidences(units: Iterable[Sequence[Hashable]]) -> dict[tuple[Hashable, Hashable], float]:
    """Krippendorff's coincidence matrix: each ordered pair of values within a unit,
    weighted 1 / (values in the unit - 1)."""
    matrix: dict[tuple[Hashable, Hashable], float] = {}
    for values in _pairable(units):
        weight = 1 / (len(values) - 1)
        for i, j in itertools.permutations(range(len(values)), 2):
            key = (values[i], values[j])
            matrix[key] = matrix.get(key, 0.0) + weight
    return matrix


def _nominal(c: Hashable, k: Hashable) -> float:
    return 0.0 if c == k else 1.0


def _ordinal(order: Sequence[Hashable], totals: Mapping[Hashable, float]) -> Callable[..., float]:
    rank = {value: i for i, value in enumerate(order)}

    def distance(c: Hashable, k: Hashable) -> float:
        low, high = sorted((rank[c], rank[k]))
        between = sum(totals.get(order[g], 0.0) for g in range(low, high + 1))
        return (between - (totals.get(c, 0.0) + totals.get(k, 0.0)) / 2) ** 2

    return distance


def krippendorff_alpha(
    units: Iterable[Sequence[Hashable]], *, order: Sequence[Hashable] | None = None
) -> float | None:
    """Alpha over the units' values: nominal, or ordinal along ``order`` (worst first).

    Values missing from ``order`` are dropped for an ordinal alpha. None when
    the figure is undefined: fewer than two pairable values, or a single value
    used throughout (no expected disagreement).
    """
    kept = [[v for v in values if order is None or v in order] for values in _pairable(list(units))]
    matrix = coincidences(kept)
    totals: dict[Hashable, float] = {}
    for (c, _k), weight in matrix.items():
        totals[c] = totals.get(c, 0.0) + weight
    n = sum(totals.values())
    if n < 2:
        return None
    distance = _nominal if order is None else _ordinal(order, totals)
    observed = sum(weight * distance(c, k) for (c, k), weight in matrix.items())
    expected = sum(totals[c] * totals[k] * distance(c, k) for c in totals for k in totals)
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def cohen_kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa for two raters' values on the same items; None when undefined."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / n
    first = Counter(a for a, _b in pairs)
    second = Counter(b for _a, b in pairs)
    chance = sum(first[v] * second[v] for v in first) / (n * n)
    if chance == 1:
        return None
    return (observed - chance) / (1 - chance)


def percent_agreement(units: Iterable[Sequence[Hashable]]) -> float | None:
    """The share of pairs of verdicts on the same claim that are equal."""
    agree = total = 0
    for values in _pairable(units):
        for a, b in itertools.combinations(values, 2):
            total += 1
            agree += a == b
    return agree / total if total else None


@attrs.frozen
class Figure:
    """One agreement figure and what it stands on: the claims and verdicts counted."""

    value: float | None  # None: undefined (too few verdicts, or one verdict throughout)
    claims: int
    verdicts: int


@attrs.frozen
class PairAgreement:
    """Two reviewers over the claims both judged."""

    first: str
    second: str
    claims: int
    agreement: float | None
    kappa: float | None


@attrs.frozen
class ReviewerAgreement:
    """One reviewer: how often their verdict matched the others' on the same claims."""

    reviewer: str
    claims: int
    agreement: float | None


@attrs.frozen
class AgreementReport:
    """Every figure of ``workbench agreement``."""

    percent: Figure
    alpha_nominal: Figure
    alpha_ordinal: Figure
    pairs: tuple[PairAgreement, ...]
    reviewers: tuple[ReviewerAgreement, ...]

    @property
    def claims(self) -> int:
        return self.percent.claims


def agreement(
    verdicts: Mapping[int, Mapping[str, Status]],
    *,
    reviewer: str | None = None,
    order: Sequence[Status] = ORDINAL_ORDER,
) -> AgreementReport:
    """The figures over claims with two or more independent verdicts.

    ``verdicts`` maps each claim to {reviewer: verdict}. With ``reviewer`` only
    the claims that reviewer judged count, and only the pairs they are in.
    ``order`` is the scale's ordinal order, worst first (``Scale.ordinal``);
    verdicts off it are left out of the ordinal alpha.
    """
    units = {
        claim: dict(given)
        for claim, given in verdicts.items()
        if len(given) >= 2 and (reviewer is None or reviewer in given)
    }
    values = [list(given.values()) for given in units.values()]
    ordinal = [[v for v in vs if v in order] for vs in values]
    ordinal = [vs for vs in ordinal if len(vs) >= 2]

    def figure(value: float | None, counted: list[list[Status]]) -> Figure:
        return Figure(value, len(counted), sum(len(vs) for vs in counted))

    names = sorted({name for given in units.values() for name in given})
    pairs = []
    for first, second in itertools.combinations(names, 2):
        if reviewer is not None and reviewer not in (first, second):
            continue
        both = [(g[first], g[second]) for g in units.values() if first in g and second in g]
        if both:
            share = sum(a == b for a, b in both) / len(both)
            pairs.append(PairAgreement(first, second, len(both), share, cohen_kappa(both)))
    people = []
    for name in names:
        if reviewer is not None and name != reviewer:
            continue
        mine = [g for g in units.values() if name in g]
        others = [(g[name], v) for g in mine for who, v in g.items() if who != name]
        matched = sum(a == b for a, b in others) / len(others) if others else None
        people.append(ReviewerAgreement(name, len(mine), matched))
    return AgreementReport(
        percent=figure(percent_agreement(values), values),
        alpha_nominal=figure(krippendorff_alpha(values), values),
        alpha_ordinal=figure(krippendorff_alpha(ordinal, order=order), ordinal),
        pairs=tuple(pairs),
        reviewers=tuple(people),
    )
