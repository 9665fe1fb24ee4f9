"""The text pipeline on arbitrary Unicode, control characters included.

No exception; every span lies inside its text and slices back to what it names;
repair reaches its fixed point in one call.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from workbench.core.text.claims import assess, extract
from workbench.core.text.numbers import find_numbers
from workbench.core.text.repair import repair, repair_line
from workbench.core.text.sentences import split

# Pieces real articles are made of, so the generator reaches the interesting
# paths (quotes, numbers, entities, abbreviations) and not only random noise.
FRAGMENTS = [
    "The council said ",
    "\u201cWe will",
    " not\u201d ",
    '"It was',
    ' harm." ',
    "Mr. Smith ",
    "U.S. ",
    "No. 10 ",
    "3.5% ",
    "$1,200 ",
    "at least 83 ",
    "four hundred ",
    "March 3, 2020 ",
    "& # 39;",
    ",quot;",
    "&amp;quot;",
    "lt;b&gt;",
    "<p>",
    "</p>",
    "donâ€™t",
    "\u00a0",
    "\u200b",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\x00",
    "\x1b[2J",
    "\x1b]0;t\x07",
    "\x9b",
    "\u202e",
    "\u2066",
    "...",
    "e.g. ",
    "7.15pm ",
    "https://x.org/a.b ",
    "said. ",
    "? ",
    "! ",
    "- ",
    "(",
    ")",
]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map(
    "".join
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_repair_is_idempotent(text: str) -> None:
    once = repair(text)
    assert repair(once) == once


@SETTINGS
@given(texts)
def test_repair_line_keeps_one_line(text: str) -> None:
    line = repair_line(text.replace("\n", " ").replace("\r", " "))
    assert "\n" not in line
    assert repair_line(line) == line


@SETTINGS
@given(texts)
def test_sentences_slice_back_inside_their_text(text: str) -> None:
    clean = repair(text)
    previous_end = 0
    for sentence in split(clean):
        assert 0 <= sentence.start <= sentence.end <= len(clean)
        assert clean[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end


@SETTINGS
@given(texts)
def test_claims_slice_back_to_their_text(text: str) -> None:
    clean = repair(text)
    for claim in extract(clean):
        assert 0 <= claim.start <= claim.end <= len(clean)
        assert clean[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.score <= 1.0
        for number in claim.numbers:
            assert 0 <= number.start <= number.end <= len(claim.text)
            assert claim.text[number.start : number.end] == number.text


@SETTINGS
@given(texts)
def test_numbers_and_scores_on_raw_text(text: str) -> None:
    for number in find_numbers(text):
        assert 0 <= number.start <= number.end <= len(text)
        assert text[number.start : number.end] == number.text
    assessed = assess(text)
    assert 0.0 <= assessed.score <= 1.0
