"""score_line: what `workbench score` says of a line, without the command around it."""

from __future__ import annotations

from workbench.core.text.explain import score_line


def test_a_blank_or_markup_only_line_is_not_scored() -> None:
    assert score_line("   ") is None
    assert score_line("<p></p>") is None


def test_the_most_checkworthy_sentence_speaks_for_the_line() -> None:
    scored = score_line(
        "What a week it was. The council cut the road budget by 40% in 2024, its audit shows."
    )
    assert scored is not None
    assert scored.sentences == 2 and scored.checkworthy
    assert scored.best.text.startswith("The council cut")
    assert "40%" in [n.text for n in scored.best.numbers]


def test_the_line_is_repaired_before_it_is_scored() -> None:
    scored = score_line("It was a &quot;cynical&quot; move")
    assert scored is not None and scored.text == 'It was a "cynical" move'
