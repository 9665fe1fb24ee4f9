"""Speakers: the person who speaks, not a place or an organisation named nearby."""

from __future__ import annotations

import pytest

from workbench.core.text.claims import assess, extract, find_speaker


@pytest.mark.parametrize(
    ("sentence", "speaker", "affiliation"),
    [
        (
            "Ana Ruiz, a hydrologist with the Flood Forecasting Centre in Exeter, Devon, said "
            "the river would peak on Friday.",
            "Ana Ruiz",
            "Flood Forecasting Centre",
        ),
        (
            "Pay will rise by 4% next year, said Unison representative Karl Brandt.",
            "Karl Brandt",
            "Unison",
        ),
        (
            "Unite General Secretary Mara Quinn told members the offer was final.",
            "Mara Quinn",
            "Unite",
        ),
        (
            "Dr. Ines Mora of the County Health Service says the outbreak is over.",
            "Ines Mora",
            "County Health Service",
        ),
        (
            '"The pumps failed twice in May," Tom Reyes, the trust\'s chief engineer, said.',
            "Tom Reyes",
            "",
        ),
        ("Harbour master Lena Fry said the port handled 2,400 ships.", "Lena Fry", ""),
        (
            "The ferry's owner, Ben Okoro, said in an email that the boat was safe.",
            "Ben Okoro",
            "",
        ),
    ],
)
def test_the_speaker_is_the_person_with_their_organisation(
    sentence: str, speaker: str, affiliation: str
) -> None:
    said = find_speaker(sentence, None)
    assert said.speaker == speaker
    assert said.person
    if affiliation:
        assert said.affiliation == affiliation
        assert any(affiliation in reason for reason in assess(sentence).reasons)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Two soldiers died in a crash near Kandor, the army said in a statement.", "the army"),
        (
            "Seven homes flooded in Ashby overnight, Farleigh council officials said.",
            "Farleigh council",
        ),
        (
            "The bridge will close for a month, according to the state-owned Tirana Press Agency.",
            "Tirana Press Agency",
        ),
        (
            "A new depot opened in Hadley, the Elstow Water Board said on Monday.",
            "Elstow Water Board",
        ),
        ("A man admitted the theft on Monday, prosecutors said.", "prosecutors"),
        (
            "Sales fell 5% in May, according to the monthly report from CarData.",
            "CarData",
        ),
    ],
)
def test_an_organisation_or_a_description_speaks_when_no_person_is_named(
    sentence: str, speaker: str
) -> None:
    said = find_speaker(sentence, None)
    assert said.speaker == speaker
    assert not said.person


def test_a_name_that_does_not_speak_is_not_the_speaker() -> None:
    assert (
        find_speaker(
            "Facewatch AI sold its face-matching tool to 40 shops last year.", None
        ).speaker
        is None
    )
    said = find_speaker(
        "Facewatch AI, which sells face-matching software to shops, broke the law, "
        "the regulator said.",
        None,
    )
    assert said.speaker == "the regulator"
    assert find_speaker("Facewatch AI said it would appeal against the fine.", None).speaker == (
        "Facewatch AI"
    )


def test_a_place_before_the_speech_verb_is_not_the_speaker() -> None:
    said = find_speaker(
        "The new patient from Ashby in Upper Dale fell ill on Nov. 5, according to the "
        "Dale Health Agency.",
        None,
    )
    assert said.speaker == "Dale Health Agency"


def test_pronouns_resolve_to_the_last_person_named() -> None:
    claims = extract(  # every sentence a claim: this is about speakers, not scores
        "Council leader Rita Osei said the plan would cost £3m.\n\n"
        '"Nobody will lose a home because of this scheme," she added.\n\n'
        "The River Trust said the plan came too late for the fish.\n\n"
        '"We warned about the pollution in 2019 and again in 2021," it said.',
        min_score=0.0,
    )
    assert [c.speaker for c in claims] == ["Rita Osei", "Rita Osei", "River Trust", "River Trust"]


def test_a_surname_stands_for_the_full_name_given_earlier() -> None:
    claims = extract(
        "Ashby Speaker Brian Hale opened the session on Monday.\n\n"
        "Hale said the council would cut its budget by 12% next year."
    )
    assert claims[-1].speaker == "Brian Hale"


def test_she_does_not_resolve_to_an_organisation_nor_it_to_a_person() -> None:
    assert find_speaker("She said the pumps were fixed.", "Elstow Water Board").speaker is None
    assert find_speaker("It said the pumps were fixed.", "Rita Osei").speaker is None
    assert find_speaker("She said the pumps were fixed.", "Rita Osei").speaker == "Rita Osei"


def test_a_coordinated_verb_takes_the_sentence_subject() -> None:
    said = find_speaker(
        "However, the union raised alarm at the deal, and said members had two days to sign.",
        None,
    )
    assert said.speaker == "the union"


def test_first_person_and_adjectives_are_no_speakers() -> None:
    assert find_speaker("I said the figures were wrong.", None).speaker is None
    assert (
        find_speaker("The US is seeking his extradition over his alleged role.", None).speaker
        is None
    )


def test_the_comma_inside_a_number_does_not_cut_the_speaker() -> None:
    said = find_speaker("Pay should rise by 5% next year, close to 1,000 nurses said.", None)
    assert said.speaker == "close to 1,000 nurses"


def test_an_institution_is_a_source_as_good_as_a_name_but_an_anonymous_one_is_not() -> None:
    assert find_speaker("The school will close, the news agency said.", None).named
    assert find_speaker("The school will close, prosecutors said.", None).named
    anonymous = find_speaker("A person familiar with the matter said the school would close.", None)
    assert anonymous.speaker == "a person familiar with the matter"
    assert not anonymous.named


def test_the_company_is_the_organisation_the_sentence_opens_with() -> None:
    said = find_speaker("Elstow Water will spend £3m on pipes, the company said on Monday.", None)
    assert said.speaker == "Elstow Water"
    assert find_speaker("The bridge will close, the company said.", None).speaker == "the company"


def test_a_study_of_an_institute_cites_the_institute() -> None:
    said = find_speaker(
        "According to an audit of the year 2025 of the Hale Institute, 23% of water is lost.",
        None,
    )
    assert said.speaker == "Hale Institute"


def test_roles_are_shown_without_their_article() -> None:
    found = assess("Its chief executive, Dana Voss, said the plant would close in May.")
    assert "attributed to Dana Voss (chief executive)" in found.reasons


@pytest.mark.parametrize(
    ("sentence", "speaker", "role"),
    [
        (
            '"The bridge is unsafe," said council leader Priya Anand.',
            "Priya Anand",
            "council leader",
        ),
        ('"We will strike in May," said union boss Ken Lowe.', "Ken Lowe", "union boss"),
    ],
)
def test_a_lowercase_role_after_said_still_names_the_person(
    sentence: str, speaker: str, role: str
) -> None:
    found = find_speaker(sentence, None)
    assert (found.speaker, found.role) == (speaker, role)
