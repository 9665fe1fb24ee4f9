"""One paragraph splitter: the reader, the detail pane and `show` find paragraphs alike."""

from __future__ import annotations

from workbench.core.text.sentences import paragraph_around, paragraphs

TEXT = "Heading line\n\nThe mill closed in 1998. It reopened in 2004.\n \nA last word here.  "


def test_the_paragraph_around_a_sentence_is_one_of_the_paragraphs() -> None:
    start = TEXT.index("It reopened")
    end = start + len("It reopened in 2004.")
    assert paragraph_around(TEXT, start, end) in set(paragraphs(TEXT))
    assert TEXT[slice(*paragraph_around(TEXT, start, end) or (0, 0))] == (
        "The mill closed in 1998. It reopened in 2004."
    )


def test_a_blank_line_of_spaces_separates_paragraphs_too() -> None:
    start = TEXT.index("A last")
    span = paragraph_around(TEXT, start, start + 6)
    assert span is not None and TEXT[span[0] : span[1]] == "A last word here."


def test_a_span_over_a_break_gets_both_paragraphs() -> None:
    start, end = TEXT.index("line"), TEXT.index("closed")
    span = paragraph_around(TEXT, start, end)
    assert span == (0, TEXT.index("\n \n"))


def test_a_span_outside_the_text_has_no_paragraph() -> None:
    assert paragraph_around(TEXT, 5, len(TEXT) + 1) is None
    assert paragraph_around(TEXT, -1, 3) is None
