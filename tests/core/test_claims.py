from __future__ import annotations

import pytest

from workbench.core.models import ClaimKind
from workbench.core.text.claims import (
    CLAIM_COLUMNS,
    _memo,
    assess,
    default_min_score,
    extract,
    extract_rows,
    forget,
)
from workbench.core.text.numbers import find_numbers


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("A 2024 survey by the Harlow Trust found that 40% of tenants had damp homes.", "study"),
        ("The depot has partnered with more than 300 councils across the region.", "statistic"),
        (
            '"We sold the names of 4,000 customers to an advertiser," said chief executive Dana Voss.',
            "quote",
        ),
        (
            "Mayor Ilse Brandt said the council had sold the old library to a developer.",
            "attribution",
        ),
        ("The port is now the third largest in Europe by tonnage.", "comparison"),
        ("In 2019, the council approved a new bridge over the Wend.", "event"),
    ],
)
def test_each_kind(sentence: str, kind: str) -> None:
    found = assess(sentence)
    assert found.kind is ClaimKind(kind)
    assert found.checkworthy


def test_quote_records_speaker_and_words() -> None:
    found = assess('"Our figures are wrong and we know it," Dana Voss told reporters.')
    assert found.kind is ClaimKind.QUOTE
    assert found.speaker == "Dana Voss"
    assert found.quote == "Our figures are wrong and we know it"


def test_pronoun_resolves_to_the_last_named_speaker() -> None:
    claims = extract(
        "Council leader Rita Osei said the plan was ready.\n\n"
        '"Not one family has lost a home since the scheme began in 2022," she added.'
    )
    assert [c.speaker for c in claims] == ["Rita Osei", "Rita Osei"]
    assert claims[1].kind is ClaimKind.QUOTE


def test_quoted_opinion_of_a_named_person_is_a_quote_that_scores_low() -> None:
    # Issue 12: an opinion-only quote is still a quote with its speaker, but a
    # fact-checker has nothing in it to check, so it stays below the threshold.
    found = assess('"I think this is a cynical move," said campaigner Joe Pike.')
    assert found.kind is ClaimKind.QUOTE and found.speaker == "Joe Pike"
    assert found.quote == "I think this is a cynical move"
    assert not found.checkworthy


def test_opinion_questions_and_headings_are_not_claims() -> None:
    assert not assess("I think we should all be kinder to each other.").checkworthy
    assert not assess("Will the council ever fix the roads?").checkworthy
    assert not assess("Image copyright", heading=True).checkworthy
    assert not assess("Sign up to our newsletter for more stories like this.").checkworthy


def test_score_ranks_specific_claims_above_vague_ones_and_explains_itself() -> None:
    specific = assess("A 2021 audit by the Lowe Institute found 12% of meters were faulty.")
    vague = assess("The service has had a difficult few years, many feel.")
    assert specific.score > default_min_score() > vague.score
    assert any(reason.startswith('+ number "12%"') for reason in specific.reasons)
    assert any(reason.startswith('- opinion "feel"') for reason in vague.reasons)
    assert 0.0 <= vague.score <= specific.score <= 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("partnered with more than 400 forces", [("more than 400 forces", 400.0, "forces")]),
        ("a list of 5,000 people", [("5,000 people", 5000.0, "people")]),
        ("none were 100% accurate", [("100%", 100.0, "%")]),
        ("a 2019 study", [("2019", 2019.0, "year")]),
        ("a fine of $3.5 million", [("$3.5 million", 3.5e6, "$")]),
        ("hundreds of officers", [("hundreds of officers", None, "officers")]),
        (
            "ranked 14th of 17 suppliers",
            [("14th", 14.0, "rank"), ("17 suppliers", 17.0, "suppliers")],
        ),
        ("three summers in a row", [("three summers", 3.0, "summers")]),
        ("one of the first, COVID-19 aside", []),
        (
            "a dozen pumps and a thousand meters",
            [("a dozen pumps", 12.0, "pumps"), ("a thousand meters", 1000.0, "meters")],
        ),
        ("it came 1,200th of 3,000", [("1,200th", 1200.0, "rank"), ("3,000", 3000.0, "")]),
    ],
)
def test_numbers(text: str, expected: list[tuple[str, float | None, str]]) -> None:
    assert [(n.text, n.value, n.unit) for n in find_numbers(text)] == expected


def test_numbers_keep_their_qualifier_and_offsets() -> None:
    text = "It has at least 12 depots."
    (number,) = find_numbers(text)
    assert number.qualifier == "at least"
    assert text[number.start : number.end] == number.text


def test_number_offsets_survive_letters_whose_lower_case_is_longer() -> None:
    text = "İzmir police said some 400 police forces and hundreds of officers took part"
    numbers = find_numbers(text)
    assert [n.text for n in numbers] == ["some 400 police forces", "hundreds of officers"]
    for number in numbers:
        assert text[number.start : number.end] == number.text


def test_extracted_spans_point_into_the_clean_text() -> None:
    text = "Intro line\n\nThe agency counted 1,500 cases in 2023. Nothing else.\n\nA 2022 review found 9% fewer."
    claims = extract(text)
    assert claims
    for claim in claims:
        assert claim.span_in(text)


def test_last_year_dates_a_claim_and_last_place_ranks_one() -> None:
    dated = assess("An audit published last year found that 23% of the water is lost to leaks.")
    assert dated.kind is ClaimKind.STUDY
    assert dated.cues is not None and dated.cues.comparison is None
    summer = assess("Crews replaced 40 pumps last summer after the 2024 audit found leaks.")
    assert summer.cues is not None and summer.cues.date is not None
    assert summer.cues.comparison is None
    relative = assess("The council replaced forty old pumps across the district last summer.")
    assert relative.cues is not None and relative.cues.date == "last summer"
    ranked = assess("The company came last of the 17 suppliers in the regulator's league table.")
    assert ranked.cues is not None and ranked.cues.comparison == "last"
    assert ranked.kind is ClaimKind.COMPARISON


def test_a_remembered_sentence_is_read_in_its_own_article() -> None:
    """The memo of assessments keys on what the reading depends on: the same
    sentence after a different speaker names that speaker."""
    later = "\n\nShe said 40 pumps had failed since May."
    first = extract("Tilda Marsh said the board would meet on Monday." + later)
    second = extract("Ona Vance said the depot would close on Friday." + later)
    again = extract("Tilda Marsh said the board would meet on Monday." + later)
    assert first == again
    assert (first[-1].speaker, second[-1].speaker) == ("Tilda Marsh", "Ona Vance")
    assert first[-1].numbers == second[-1].numbers


@pytest.mark.parametrize(
    "later",
    [
        "Marsh said 40 pumps had failed since May.",  # a lone surname
        '"Forty of the pumps have failed since May and more will follow."',  # carried on
    ],
)
def test_a_sentence_that_leans_on_the_speaker_before_is_remembered_per_speaker(
    later: str,
) -> None:
    """A sentence whose reading consults the speaker before it is remembered for
    that speaker only; one that does not is shared by every article."""
    forget()
    first = extract(f"Tilda Marsh said the board met on Monday.\n\n{later}")
    second = extract(f"Ona Vance said the depot closed on Friday.\n\n{later}")
    third = extract(f"Ben Marsh said the pool shut in June.\n\n{later}")
    assert first[-1].speaker == "Tilda Marsh"
    assert second[-1].speaker not in ("Tilda Marsh", "Ben Marsh")
    assert third[-1].speaker == "Ben Marsh"  # another Marsh: remembered apart
    assert second == extract(f"Ona Vance said the depot closed on Friday.\n\n{later}")


def test_a_plural_subject_is_remembered_once_whoever_spoke_before() -> None:
    """ "Organisers said" could only have named an earlier speaker whose surname is
    Organisers: after any other speaker the sentence is read once."""
    forget()
    later = "Organisers said 4,000 people had signed the petition."
    claims = [
        extract(f"{name} said the hall was full.\n\n{later}")[-1]
        for name in ("Tilda Marsh", "Ona Vance", "Ben Okoro")
    ]
    read = {(c.text, c.speaker, c.score, c.kind, c.reasons, c.numbers) for c in claims}
    assert len(read) == 1 and claims[0].speaker == "Organisers"
    assert sum(1 for key in _memo if key[0] == later) == 1


def test_rows_are_the_claims_as_the_store_writes_them() -> None:
    """extract_rows gives, without a Claim on the way, the rows extract's claims make."""
    text = (
        "Rita Osei, who chairs the Wend Water board, said 40% of pumps had failed.\n\n"
        '"We will replace 1,200 of them by 2027," Osei said. She added that it would cost '
        "£3.5m.\n\nIt was a wet evening."
    )
    for min_score in (None, 0.0):
        forget()
        claims = extract(text, min_score=min_score)
        expected = [tuple(c.as_row()[name] for name in CLAIM_COLUMNS) for c in claims]
        assert extract_rows(text, min_score=min_score) == expected  # remembered
        forget()
        assert extract_rows(text, min_score=min_score) == expected  # afresh


@pytest.mark.parametrize("min_score", [None, 0.0, 0.9])
def test_a_sentence_met_as_a_lead_and_inside_an_article_reads_as_if_afresh(
    min_score: float | None,
) -> None:
    """The memo weighs a remembered sentence again as an article's lead (only the
    lead cue differs): the claims are those of a cold reading, in either order,
    with the speaker's note kept after the score's reasons."""
    lead = '"We will replace 1,200 of the pumps by 2027," said Rita Osei of Wend Water.'
    opening = f"{lead}\n\nThe board met on Monday to agree the plan."
    inside = f"The board met on Monday to agree the plan.\n\n{lead}"
    cold = {}
    for text in (opening, inside):
        forget()
        cold[text] = extract(text, min_score=min_score)
    for order in ((opening, inside), (inside, opening)):
        forget()
        assert [extract(text, min_score=min_score) for text in order] == [
            cold[text] for text in order
        ]
    if min_score == 0.0:
        led = next(c for c in cold[opening] if c.text == lead)
        within = next(c for c in cold[inside] if c.text == lead)
        assert led.score > within.score
        assert any("lead of the article" in reason for reason in led.reasons)
        assert led.reasons[-1] == within.reasons[-1] == "attributed to Rita Osei (Wend Water)"
