"""Kinds: a comparison only when something is compared or ranked; an event without a number."""

from __future__ import annotations

import pytest

from workbench.core.models import ClaimKind
from workbench.core.text.claims import assess


@pytest.mark.parametrize(
    "sentence",
    [
        "The council spent more on roads than on schools in 2024.",
        "Fares in Ashby are higher than anywhere else in the county.",
        "The strike was Ashby's biggest in a decade.",
        "The port ranks 14th of 17 in the regional league table.",
        "Omar Tal is one of the first two women elected to the harbour board.",
        "Elstow is the number one exporter of wool in the county.",
        "The bridge is the longest in the county and the oldest still in use.",
    ],
)
def test_real_comparisons_and_rankings(sentence: str) -> None:
    assert assess(sentence).kind is ClaimKind.COMPARISON


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Cases of the fever first appeared in Hadley at the end of June.", ClaimKind.EVENT),
        ("More than 40 teachers walked out of the school on Tuesday.", ClaimKind.STATISTIC),
        ("Residents want more respect from the council and better buses.", ClaimKind.OTHER),
        (
            "The airline, the largest carrier in the region, opened a route to Elstow in May.",
            ClaimKind.EVENT,
        ),
        ("The jury will pick a design in the first half of next year.", ClaimKind.EVENT),
        ("She argued it was the first town to ban cars from its centre.", ClaimKind.ATTRIBUTION),
    ],
)
def test_first_more_and_biggest_in_passing_are_no_comparison(
    sentence: str, kind: ClaimKind
) -> None:
    assert assess(sentence).kind is kind


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge over the Wend opened to traffic in 1998.",
        "The 48-year-old was sentenced to 50 weeks in jail in April.",
        "The mill closed for good early this year.",
        "Protesters marched on the town hall last month.",
        "He was arrested on March 21 at his home in Hadley.",
    ],
)
def test_an_event_without_a_count_is_an_event_not_a_statistic(sentence: str) -> None:
    assert assess(sentence).kind is ClaimKind.EVENT


def test_an_age_between_commas_is_no_count() -> None:
    found = assess("Tom Reyes, 55, of Ashby, was convicted of fraud in 2019.")
    assert [n.unit for n in found.numbers] == ["age", "year"]
    assert found.kind is ClaimKind.EVENT


def test_a_quotation_from_a_described_speaker_is_a_quote() -> None:
    found = assess('"The cause of the fire is still being investigated," the statement said.')
    assert found.kind is ClaimKind.QUOTE


def test_a_data_firm_is_no_study() -> None:
    found = assess("Rates averaged 5.7% in October, according to CarData, a data firm in Leeds.")
    assert found.kind is ClaimKind.STATISTIC
