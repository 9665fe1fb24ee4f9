from __future__ import annotations

import pytest

from workbench.core.text.sentences import split


def texts(text: str) -> list[str]:
    return [s.text for s in split(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dr. Ames met Prof. Lin at No. 5 Dock St. on Monday. They left.",
            ["Dr. Ames met Prof. Lin at No. 5 Dock St. on Monday.", "They left."],
        ),
        (
            "Acme Inc. and Birch Ltd. signed. Then they waited.",
            ["Acme Inc. and Birch Ltd. signed.", "Then they waited."],
        ),
        (
            "The U.S. Senate voted. The U.K. did not.",
            ["The U.S. Senate voted.", "The U.K. did not."],
        ),
        ("J. R. Hale wrote it. She read it.", ["J. R. Hale wrote it.", "She read it."]),
        (
            "Costs rose 3.5% to $1,200.50 in total. Then fell.",
            ["Costs rose 3.5% to $1,200.50 in total.", "Then fell."],
        ),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ("Say No. It matters.", ["Say No.", "It matters."]),
    ],
)
def test_split_handles_abbreviations_numbers_and_punctuation(
    text: str, expected: list[str]
) -> None:
    assert texts(text) == expected


def test_a_quote_of_several_sentences_stays_with_its_attribution() -> None:
    text = '"We start today. We finish in May," said Ms. Aro. The rest is detail.'
    assert texts(text) == [
        '"We start today. We finish in May," said Ms. Aro.',
        "The rest is detail.",
    ]


def test_a_very_long_quote_is_split_into_its_sentences() -> None:
    body = " ".join(f"Sentence number {i} is long enough to matter here." for i in range(15))
    pieces = texts(f'"{body}" she said.')
    assert len(pieces) > 5


def test_headings_and_captions_are_marked() -> None:
    sentences = split(
        "Image copyright\n\nThe council met on Monday.\n\n'A cautious start'\n\nIt voted."
    )
    assert [(s.text, s.heading) for s in sentences] == [
        ("Image copyright", True),
        ("The council met on Monday.", False),
        ("'A cautious start'", True),
        ("It voted.", False),
    ]


def test_offsets_point_into_the_text_and_paragraphs_count() -> None:
    text = "First one. Second one.\n\nThird\nline wraps here."
    sentences = split(text)
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    assert [s.paragraph_index for s in sentences] == [0, 0, 1]
    assert [s.sentence_index for s in sentences] == [0, 1, 2]


def test_open_quote_carried_into_the_next_paragraph_marks_it_quoted() -> None:
    text = 'She said: "The first part is here.\n\n"And the second part ends here."\n\nNarration.'
    flags = [s.quoted for s in split(text)]
    assert flags == [False, True, False]


def test_hard_wrapped_lines_are_joined_before_headings_are_found() -> None:
    text = (
        "Leaks rise again\n"
        "The water board said on Tuesday that it would spend four million on the\n"
        "Bridge Street depot, and that crews from Farleigh would start work in\n"
        "March once the contracts were signed by the board and the county.\n"
        "Next steps"
    )
    assert [(s.text.replace("\n", " "), s.heading) for s in split(text)] == [
        ("Leaks rise again", True),
        (
            "The water board said on Tuesday that it would spend four million on the "
            "Bridge Street depot, and that crews from Farleigh would start work in "
            "March once the contracts were signed by the board and the county.",
            False,
        ),
        ("Next steps", True),
    ]


def test_a_list_of_short_lines_is_not_taken_for_wrapped_prose() -> None:
    text = "June 3 -- Ashby Hall, Ashby, ON\nJune 9 -- The Old Corn Exchange, Hadley\nJune 12 -- Pier Theatre, Elstow, IN"
    assert all(s.heading for s in split(text))
    assert len(split(text)) == 3


def test_numbered_lines_are_items_not_one_run() -> None:
    text = "1. The pumps failed.\n2. The town flooded.\nb. A lettered one."
    assert texts(text) == ["1. The pumps failed.", "2. The town flooded.", "b. A lettered one."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'The judge warned of "lasting harm." The trial resumes in May.',
            ['The judge warned of "lasting harm."', "The trial resumes in May."],
        ),
        (
            "He called it \u201ca disgrace.\u201d The board disagreed.",
            ["He called it \u201ca disgrace.\u201d", "The board disagreed."],
        ),
        (
            "(The figures were revised later.) Prices rose.",
            ["(The figures were revised later.)", "Prices rose."],
        ),
        ('"Is the water safe?" Dr. Lane asked.', ['"Is the water safe?" Dr. Lane asked.']),
        (
            '"We will rebuild it." Mayor Ines Mora said on Monday.',
            ['"We will rebuild it." Mayor Ines Mora said on Monday.'],
        ),
        (
            'She told him, "This is the last one." she said.',
            ['She told him, "This is the last one." she said.'],
        ),
    ],
)
def test_a_sentence_ends_with_its_closing_quotation_or_bracket(
    text: str, expected: list[str]
) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The bridge was built by Hale & Co. It opened in 1990.",
            ["The bridge was built by Hale & Co.", "It opened in 1990."],
        ),
        (
            "Prices are lower in the U.S. How long will it last?",
            ["Prices are lower in the U.S.", "How long will it last?"],
        ),
        ("Ask Nina and co. They were there.", ["Ask Nina and co.", "They were there."]),
        (
            "The winners were Ruth and I. Did you vote?",
            ["The winners were Ruth and I.", "Did you vote?"],
        ),
        ("He was ill. The doctor came.", ["He was ill.", "The doctor came."]),
        ("We met at 6 p.m. The pier was empty.", ["We met at 6 p.m.", "The pier was empty."]),
    ],
)
def test_an_abbreviation_ends_a_sentence_when_a_new_one_clearly_starts(
    text: str, expected: list[str]
) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The table is on p. 42 of the audit.",
        "They met at No. 10 on Friday.",
        "Mr. Okafor and Dr. Lane spoke first.",
        "She worked for the U.S. Treasury for years.",
        "He lived in the U.K. for 20 years.",
        "The report by James P. Lowe came out.",
        "A. J. Brook chaired the panel.",
        "Rain fell at 3.75 cm an hour and the ferry left at 7.15pm on time.",
        "The form at https://forms.example.org/v2/apply.html is new.",
        "Write to desk.news@example.org for a copy.",
        "The plan was ... well, not a plan at all.",
        "It was late . . . I went home anyway.",
        "SALEM, Ore. (AP) — The county closed two bridges.",
        "Hale & Co. built the bridge.",
        "Two things: 1. The pumps failed.",
    ],
)
def test_what_stays_one_sentence(text: str) -> None:
    assert texts(text) == [text]


def test_an_ellipsis_after_a_full_stop_still_ends_the_sentence() -> None:
    assert texts("She never finished.... The room went quiet.") == [
        "She never finished....",
        "The room went quiet.",
    ]


def test_a_split_remembered_for_one_text_is_never_given_for_another() -> None:
    from workbench.core.text.sentences import paragraph_spans, paragraphs, sentences_of

    first = "One claim here.\n\nAnother one there. And a third."
    second = "Other words entirely.\n\nNothing alike."
    split(first)
    assert [s.text for s in split(second)] == ["Other words entirely.", "Nothing alike."]
    assert paragraph_spans(first) == tuple(paragraphs(first))
    assert paragraph_spans(second) == tuple(paragraphs(second))
    again = split(first)
    assert again == list(sentences_of(first))
    again.clear()  # the caller's list is its own: the remembered split is untouched
    assert [s.text for s in split(first)][-1] == "And a third."
