"""Numbers and dates a claim rests on: ranges, written-out amounts, ratios, qualifiers, dates."""

from __future__ import annotations

import json

import pytest

from workbench.core.models import NumberMention, numbers_json
from workbench.core.text.numbers import find_numbers


def found(text: str) -> list[tuple[str, float | None, str, str]]:
    return [(n.text, n.value, n.unit, n.qualifier) for n in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Forecasters expect 5-8 centimetres of snow on the hills.", 5.0, 8.0, "centimetres"),
        ("The repairs will take 12-48 hours to finish.", 12.0, 48.0, "hours"),
        ("Each lorry carries between 20 and 30 tonnes.", 20.0, 30.0, "tonnes"),
        ("The ferry seats 240 to 310 passengers.", 240.0, 310.0, "passengers"),
        ("Fares rise by 5% to 8% in May.", 5.0, 8.0, "%"),
        ("It cost £2m-£3m to build.", 2e6, 3e6, "£"),
    ],
)
def test_a_range_keeps_both_ends(text: str, low: float, high: float, unit: str) -> None:
    (number,) = [n for n in find_numbers(text) if n.unit not in ("date", "year")]
    assert (number.value, number.high, number.unit) == (low, high, unit)
    assert text[number.start : number.end] == number.text


@pytest.mark.parametrize(
    "text",
    [
        "The airline bought the 787-9 jet.",  # a model number, not 787 to 9
        "Ashby won the final 6-0 and drew 1-1 away.",  # scores
        "Costs went from 30 to 126 pounds a head.",  # a change, not a range
        "Spending was cut by 30 to 126 pounds a head.",
    ],
)
def test_codes_scores_and_changes_are_not_ranges(text: str) -> None:
    assert all(n.high is None for n in find_numbers(text))


def test_a_season_written_short_ends_in_its_full_year() -> None:
    (season,) = find_numbers("The 2023-24 season was the wettest.")
    assert (season.value, season.high, season.unit, season.date) == (
        2023.0,
        2024.0,
        "year",
        "2023/2024",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The hall holds four hundred people.", [("four hundred people", 400.0, "people", "")]),
        ("It took twenty-five workers a week.", [("twenty-five workers", 25.0, "workers", "")]),
        (
            "Some two hundred and fifty thousand homes lost power.",
            [("Some two hundred and fifty thousand homes", 250000.0, "homes", "some")],
        ),
        (
            "A dozen pumps and a thousand meters.",
            [("A dozen pumps", 12.0, "pumps", ""), ("a thousand meters", 1000.0, "meters", "")],
        ),
        ("Several thousand nurses marched.", [("Several thousand nurses", None, "nurses", "")]),
        ("A few hundred fans waited.", [("A few hundred fans", None, "fans", "")]),
    ],
)
def test_written_out_numbers_are_one_mention(
    text: str, expected: list[tuple[str, float | None, str, str]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nearly one in six people skip breakfast.",
            ("Nearly one in six people", 0.1667, "ratio", "nearly"),
        ),
        ("1 in 4 adults walk to work.", ("1 in 4 adults", 0.25, "ratio", "")),
        ("Nine out of 10 bakers agreed.", ("Nine out of 10 bakers", 0.9, "ratio", "")),
        (
            "More than a third of the staff left.",
            ("More than a third", 0.3333, "ratio", "more than"),
        ),
        ("Two-thirds of voters stayed home.", ("Two-thirds", 0.6667, "ratio", "")),
        ("More than half of the schools shut.", ("More than half", 0.5, "ratio", "more than")),
    ],
)
def test_ratios_and_shares(text: str, expected: tuple[str, float, str, str]) -> None:
    assert found(text)[0] == expected


def test_neither_a_year_nor_a_time_span_makes_a_ratio() -> None:
    assert [n.unit for n in find_numbers("There were 30 in 2019.")] == ["", "year"]
    assert "ratio" not in [n.unit for n in find_numbers("She scored 2 in 10 minutes.")]
    assert found("Buyers chose a third supplier.") == []


@pytest.mark.parametrize(
    ("text", "qualifier", "value"),
    [
        ("The firm hired close to 1,000 cleaners.", "close to", 1000.0),
        ("Nearly 300 schools closed.", "nearly", 300.0),
        ("At least 5,000 people came.", "at least", 5000.0),
        ("An estimated 25 million birds migrate.", "estimated", 25e6),
        ("Upwards of 40 boats sank.", "upwards of", 40.0),
        ("The crowd was well over 2,000 people.", "well over", 2000.0),
    ],
)
def test_qualifiers_come_with_the_number(text: str, qualifier: str, value: float) -> None:
    (number,) = find_numbers(text)
    assert (number.qualifier, number.value) == (qualifier, value)
    assert text[number.start : number.end] == number.text


@pytest.mark.parametrize(
    ("text", "written", "iso"),
    [
        ("The vote is on March 3.", "March 3", "--03-03"),
        ("The vote is on April 3.", "April 3", "--04-03"),
        ("It opened on September 12, 2001.", "September 12, 2001", "2001-09-12"),
        ("It opened on 4 June 2019.", "4 June 2019", "2019-06-04"),
        ("The fine came in March 2024.", "March 2024", "2024-03"),
        ("He was arrested on Nov. 5 at home.", "Nov. 5", "--11-05"),
        ("They meet on the 7th of October.", "7th of October", "--10-07"),
        ("They meet on October 7th.", "October 7th", "--10-07"),
        ("The bridge opened in 1998.", "1998", "1998"),
    ],
)
def test_dates_keep_month_and_year_in_iso_form(text: str, written: str, iso: str) -> None:
    (date,) = find_numbers(text)
    assert (date.text, date.date) == (written, iso)
    assert date.unit in ("date", "year")


def test_march_3_and_april_3_are_different_dates() -> None:
    (march,) = find_numbers("It closed on March 3.")
    (april,) = find_numbers("It closed on April 3.")
    assert march.value == april.value and march.date != april.date


def test_dates_and_adjectives_are_not_ranks() -> None:
    assert [n.unit for n in find_numbers("Talks resume on September 7th.")] == ["date"]
    assert find_numbers("They struck an 11th-hour deal.") == ()
    assert [n.unit for n in find_numbers("It came 14th of 17 teams.")] == ["rank", "teams"]


def test_clock_times_are_not_counts() -> None:
    assert found("They left about 4:30 a.m. and came back at 7.15pm.") == [
        ("about 4:30 a.m.", 4.5, "time", "about"),
        ("7.15pm", 19.25, "time", ""),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("More than 500 remain in shelters.", [("More than 500", 500.0, "", "more than")]),
        ("About 40 died in the floods.", [("About 40", 40.0, "", "about")]),
        ("Some 13,000 UN troops stay.", [("Some 13,000 UN troops", 13000.0, "un troops", "some")]),
        ("The 30,154 new cars sold.", [("30,154 new cars", 30154.0, "new cars", "")]),
        (
            "They bought 30 of the bank's old buses.",
            [("30 of the bank's old buses", 30.0, "buses", "")],
        ),
        ("Hundreds of them left.", [("Hundreds", None, "", "")]),
    ],
)
def test_units_are_the_nouns_counted_not_verbs(
    text: str, expected: list[tuple[str, float | None, str, str]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The fleet has 400 737 Max jets.",  # 737 names the model
        "Five 787 Dreamliner orders came in.",
        "He owned a .45-caliber pistol.",
        "Pupils sat the test; their scores fell.",
    ],
)
def test_model_numbers_calibres_and_test_scores_are_not_counts(text: str) -> None:
    assert [n.value for n in find_numbers(text)] in ([400.0], [5.0], [])


def test_a_mention_round_trips_through_json_with_its_range_and_date() -> None:
    numbers = find_numbers("On May 4, 2021 between 12 and 48 hours of rain fell.")
    assert {n.date for n in numbers} == {"2021-05-04", ""}
    assert any(n.high == 48.0 for n in numbers)
    written = numbers_json(numbers)
    assert written == json.dumps([n.as_dict() for n in numbers])
    assert tuple(NumberMention.from_dict(d) for d in json.loads(written)) == numbers


def test_a_mention_stored_by_an_older_version_still_reads() -> None:
    old = {
        "text": "12 pumps",
        "value": 12.0,
        "unit": "pumps",
        "qualifier": "",
        "start": 0,
        "end": 8,
    }
    assert NumberMention.from_dict(old) == NumberMention("12 pumps", 12.0, "pumps", "", 0, 8)
    newer = {**old, "high": None, "date": "", "confidence": 0.9}  # a field from a later version
    assert NumberMention.from_dict(newer).text == "12 pumps"


def test_an_ordinal_before_a_noun_counts_and_before_of_ranks() -> None:
    assert found("Officials reported a 6th death from the fever.") == [
        ("6th death", 6.0, "death", "")
    ]
    assert found("The port came 14th of 17 in the table.")[0][2] == "rank"


def test_more_qualifiers_and_an_article_between() -> None:
    assert found("He faces a maximum of 10 years and up to a $250,000 fine.") == [
        ("a maximum of 10 years", 10.0, "years", "maximum of"),
        ("up to a $250,000", 250000.0, "$", "up to"),
    ]
    assert found("Rates stayed below 6 percent.") == [("below 6 percent", 6.0, "%", "below")]


def test_half_of_a_period_is_no_share() -> None:
    assert found("A winner will be picked in the first half of next year.") == []


def test_a_year_after_a_code_or_before_a_comma() -> None:
    assert [(n.text, n.unit, n.date) for n in find_numbers("In 2019, the 2020 plan began.")] == [
        ("2019", "year", "2019"),
        ("2020", "year", "2020"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year before a singular noun and a verb dates it; it counts nothing
        ("The 2024 audit found leaks in the mains.", [("2024", "year", "2024")]),
        ("Their 2023 survey told a different story.", [("2023", "year", "2023")]),
        # a verb ends the unit: what follows it is no part of what is counted
        ("Some 40 inspectors found leaks.", [("Some 40 inspectors", "inspectors", "")]),
        ("The 12 pupils wrote letters.", [("12 pupils", "pupils", "")]),
    ],
)
def test_a_verb_ends_the_unit_and_a_year_before_a_noun_is_a_date(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(n.text, n.unit, n.date) for n in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Crews replaced the 300 faulty meters in a week.",
            [("300 faulty meters", "faulty meters")],
        ),
        ("Its 250 older buses will go.", [("250 older buses", "older buses")]),
    ],
)
def test_the_number_before_modifiers_and_a_plural_counts_it(
    text: str, expected: list[tuple[str, str]]
) -> None:
    """ "the 777 program" names one thing; "the 300 faulty meters" counts them."""
    assert [(n.text, n.unit) for n in find_numbers(text)] == expected
    assert find_numbers("The 777 program has stalled.") == ()
