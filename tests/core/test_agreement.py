"""Agreement figures against published worked examples, and over a desk's verdicts."""

from __future__ import annotations

import pytest

from workbench.core.agreement import (
    agreement,
    cohen_kappa,
    krippendorff_alpha,
    percent_agreement,
)
from workbench.core.models import Status
from workbench.core.store import Store

S, M, D, U = Status.SUPPORTED, Status.MIXED, Status.DISPUTED, Status.UNVERIFIABLE

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C:
# four observers, twelve units, values 1..5, some missing (None).
OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
UNITS = [[v for v in unit if v is not None] for unit in zip(*OBSERVERS, strict=True)]


def test_krippendorff_alpha_matches_the_published_example() -> None:
    assert krippendorff_alpha(UNITS) == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(UNITS, order=[1, 2, 3, 4, 5]) == pytest.approx(0.815, abs=5e-4)


def test_alpha_is_undefined_without_pairs_or_without_variation() -> None:
    assert krippendorff_alpha([[1], [2]]) is None  # no unit has two values
    assert krippendorff_alpha([[1, 1], [1, 1]]) is None  # one value throughout


def test_cohen_kappa_matches_the_textbook_example() -> None:
    # 50 items, two raters: yes/yes 20, yes/no 5, no/yes 10, no/no 15:
    # observed agreement 0.7, chance agreement 0.5, kappa 0.4.
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([("y", "y")] * 3) is None


def test_percent_agreement_counts_pairs_within_claims() -> None:
    assert percent_agreement([[S, S, D], [M, M]]) == pytest.approx(2 / 4)


def test_the_report_of_a_desk() -> None:
    verdicts = {
        1: {"ann": S, "bob": S},
        2: {"ann": D, "bob": M},
        3: {"ann": M, "bob": M, "cy": M},
        4: {"ann": U, "cy": S},
        5: {"bob": S},  # one verdict: not counted
    }
    report = agreement(verdicts)
    assert report.claims == 4 and report.percent.verdicts == 9
    assert report.percent.value == pytest.approx(4 / 6)
    # ordinal leaves out unverifiable, and with it claim 4
    assert (report.alpha_ordinal.claims, report.alpha_ordinal.verdicts) == (3, 7)
    pairs = {(p.first, p.second): p for p in report.pairs}
    assert pairs["ann", "bob"].claims == 3
    assert pairs["ann", "bob"].agreement == pytest.approx(2 / 3)
    assert pairs["ann", "cy"].claims == 2 and pairs["ann", "cy"].agreement == 0.5
    people = {r.reviewer: r for r in report.reviewers}
    assert people["cy"].claims == 2 and people["cy"].agreement == pytest.approx(2 / 3)
    bob = agreement(verdicts, reviewer="bob")
    assert bob.claims == 3 and [r.reviewer for r in bob.reviewers] == ["bob"]
    assert all("bob" in (p.first, p.second) for p in bob.pairs)


def test_the_store_gives_each_reviewers_verdict_in_effect(sample_store: Store) -> None:
    first, second, third = sample_store.claim_ids()[:3]
    sample_store.mark(first, S, "ann")
    sample_store.mark(first, D, "bob")
    sample_store.mark(second, M, "ann")
    sample_store.mark(second, M, "bob")
    sample_store.mark(second, S, "bob")
    sample_store.undo("bob")  # bob's verdict on the second claim is mixed again
    sample_store.mark(third, M, "ann")
    assert sample_store.independent_verdict_table() == {
        first: {"ann": S, "bob": D},
        second: {"ann": M, "bob": M},
    }
