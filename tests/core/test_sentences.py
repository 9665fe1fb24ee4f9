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
