"""Pairs of claims: the same fact, near misses kept apart, conflicts, quote versions."""

from __future__ import annotations

import pytest

from workbench.core.matching.features import features
from workbench.core.matching.pairs import compare
from workbench.core.models import Claim
from workbench.core.text.claims import assess


def claim(text: str, claim_id: int, document_id: int) -> Claim:
    found = assess(text)
    return Claim(
        claim_id,
        document_id,
        text,
        found.kind,
        found.score,
        0,
        len(text),
        numbers=found.numbers,
        speaker=found.speaker,
        quote=found.quote,
    )


def kind_of(a: str, b: str) -> str:
    return str(compare(features(claim(a, 1, 1)), features(claim(b, 2, 2))).kind)


def detail_of(a: str, b: str) -> str:
    return str(compare(features(claim(a, 1, 1)), features(claim(b, 2, 2))).detail)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # synonyms and passive voice
        (
            "Norrland Steel will cut 250 jobs at its Brackwater plant next year.",
            "At its Brackwater plant, 250 positions will be eliminated by Norrland Steel next year.",
        ),
        # number words compare as numbers
        (
            "Four hundred volunteers helped clear the beach at Saltcombe on Sunday.",
            "On Sunday, 400 volunteers helped to clear Saltcombe beach.",
        ),
        (
            "Two thousand five hundred people signed the petition in Arlo.",
            "2,500 people signed the petition in Arlo.",
        ),
        # a qualifier that fits the plain figure
        (
            "Nearly 400 volunteers joined the search in Tarsk.",
            "400 volunteers joined the search in Tarsk.",
        ),
        # reordered clauses
        (
            "Despite the rain, more than 20,000 people marched through Velden on Saturday.",
            "More than 20,000 people marched through Velden on Saturday, despite the rain.",
        ),
        # both negate, in other words
        (
            "Halden Bank has been fined $45m for failing to report suspicious transfers.",
            "Halden Bank must pay a $45 million fine after it failed to report suspicious transfers.",
        ),
        # retranslation
        (
            "The police of Velden arrested 32 persons during the protest.",
            "Velden police arrested 32 people during the protest.",
        ),
    ],
)
def test_rewordings_are_the_same_fact(a: str, b: str) -> None:
    assert kind_of(a, b) == "same"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # negation
        (
            "The Haverford council approved the plan for a new incinerator.",
            "The Haverford council did not approve the plan for a new incinerator.",
        ),
        (
            "Norrland Steel will close its Brackwater plant next year.",
            "Norrland Steel will not close its Brackwater plant next year.",
        ),
        (
            "Skyreach will refund passengers whose flights were cancelled.",
            "Skyreach refused to refund passengers whose flights were cancelled.",
        ),
        (
            "The court ruled that the strike at the Kessing port was lawful.",
            "The court ruled that the strike at the Kessing port was unlawful.",
        ),
        # another subject, at the start of the sentence or further on
        (
            "Microsoft will stop selling its face-matching software to police forces.",
            "Amazon will stop selling its face-matching software to police forces.",
        ),
        (
            "Police in Velden arrested 32 protesters on Saturday.",
            "Police in Tarsk arrested 32 protesters on Saturday.",
        ),
        # another thing counted
        (
            "The ministry of education will hire 5,000 teachers this year.",
            "The ministry of education will hire 5,000 nurses this year.",
        ),
        # figures that moved the other way
        (
            "Unemployment in the Lorne valley rose to 5.2% in the second quarter.",
            "Unemployment in the Lorne valley fell to 5.2% in the second quarter.",
        ),
        # two facts about one subject
        (
            "The fire at the Port Elms warehouse started in a storage room.",
            "The owner of the Port Elms warehouse had been warned about the fire exits.",
        ),
    ],
)
def test_near_misses_are_not_the_same_fact(a: str, b: str) -> None:
    assert kind_of(a, b) != "same"


@pytest.mark.parametrize(
    ("a", "b", "detail"),
    [
        (
            "A fire at the Port Elms warehouse killed at least 85 people.",
            "At least 83 people died in the fire at the Port Elms warehouse.",
            "85 vs 83 people",
        ),
        (
            "Norrland Steel is cutting 250 jobs in Brackwater.",
            "Some 320 positions will go at Norrland Steel in Brackwater.",
            "250 vs 320 jobs",
        ),
        (
            "The Haverford council approved the budget on March 3.",
            "The Haverford council approved the budget on April 3.",
            "3 March vs 3 April",
        ),
        (
            "The regulator fined Baltic Ferries €2.5 million.",
            "The regulator fined Baltic Ferries €25 million.",
            "€2.5 million vs €25 million",
        ),
        (
            "More than 20,000 people marched through Velden on Saturday.",
            "More than 30,000 people marched through Velden on Saturday.",
            "20000 vs 30000 people",
        ),
    ],
)
def test_one_figure_apart_is_a_conflict(a: str, b: str, detail: str) -> None:
    assert (kind_of(a, b), detail_of(a, b)) == ("conflict", detail)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Four hundred volunteers helped clear the beach at Saltcombe.",
            "400 volunteers helped clear the beach at Saltcombe.",
        ),
        (
            "The storm left almost 2,000 homes in Kessing without power.",
            "The storm left 2,000 homes in Kessing without power.",
        ),
        (
            "The Osler trial found the drug cut admissions by 30.4%.",
            "The Osler trial found the drug cut admissions by 30%.",
        ),
    ],
)
def test_figures_that_fit_are_no_conflict(a: str, b: str) -> None:
    assert kind_of(a, b) == "same"


def test_two_facts_differing_are_related_not_a_conflict() -> None:
    a = "The Haverford council spent £12 million on roads in 2019."
    b = "The Haverford council spent £9 million on roads in 2021."
    assert kind_of(a, b) == "related"


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        (
            '"We will rebuild every school in the valley before winter," said Mayor Ilse Brandt.',
            '"We shall rebuild all the schools in the valley before the winter," said Mayor '
            "Ilse Brandt.",
            "drift",
        ),
        (
            '"We will rebuild every school in the valley before winter, and we will do it '
            'without raising taxes," said Mayor Ilse Brandt.',
            'Mayor Ilse Brandt said: "We will rebuild every school in the valley before winter...',
            "truncated",
        ),
        (
            '"The strike will go ahead unless the trust makes a serious offer this week," said '
            "union leader Dan Mercer.",
            'Union leader Dan Mercer said: "The strike will go ahead unless the trust makes',
            "truncated",
        ),
    ],
)
def test_versions_of_one_passage_are_the_same_quote(a: str, b: str, relation: str) -> None:
    assert (kind_of(a, b), detail_of(a, b)) == ("same", relation)


def test_two_passages_of_one_speaker_are_two_quotes() -> None:
    a = (
        'In her letter to the board, Brightmart chair Nora Vale said that "the fight for fair '
        'pay is as pressing as it has ever been," naming three areas for work.'
    )
    b = (
        "In an open letter, Brightmart chair Nora Vale set out a wish \u201cto work with the "
        "board on fair pay, starting with three areas: wages, training and hours.\u201d"
    )
    assert kind_of(a, b) != "same"
    assert (
        kind_of(
            '"We expect prices to keep rising until the summer," said economist Lena Falk.',
            '"We expect the price of electricity to fall sharply next year," said economist '
            "Lena Falk.",
        )
        != "same"
    )


def test_the_verdict_does_not_depend_on_the_order() -> None:
    a = "A fire at the Port Elms warehouse killed at least 85 people."
    b = "At least 83 people died in the fire at the Port Elms warehouse."
    assert kind_of(a, b) == kind_of(b, a) == "conflict"
