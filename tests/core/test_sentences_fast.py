"""The shortcuts of the sentence split give what its plain rules give.

The split decides the common end ("... the virus. The") without a call, finds
runs of full stops in one scan of the whole text and reads straight quotation
marks with str.find; the plain path applies every rule to every end mark.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings, strategies as st

from workbench.core.text import sentences as S

WORDS = [
    "the",
    "virus",
    "rose",
    "dr",
    "etc",
    "inc",
    "no",
    "vs",
    "p",
    "U.S",
    "J",
    "Co",
    "Nov",
    "ill",
    "Ames",
    "Smith",
    "The",
    "It",
    "How",
    "5",
    "3.5",
    "1",
    "a",
    "\u00c9te",
    "\u00e9t\u00e9",
    '"We',
    'it"',
    "\u201cWhy",
    "\u2018so",
    "(see",
    "said",
    "asked",
    "\u2022",
]
MARKS = [
    "",
    "",
    "",
    "",
    ".",
    ".",
    ".",
    "?",
    "!",
    "...",
    "\u2026",
    '."',
    '.".',
    ".\u201d",
    ".)",
    '?"',
    ",",
    ":",
]
GAPS = [" ", " ", " ", " ", " ", " ", "  ", "\n", "\n\n", " . . . "]
prose = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(GAPS)), max_size=40
).map(lambda words: "".join(word + mark + gap for word, mark, gap in words))


def _plain_quote_spans(block: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in re.finditer('["\u201c\u201d]', block):
        char, index = match.group(0), match.start()
        if open_at is None:
            if char != "\u201d":
                open_at = index
        elif char != "\u201c":
            spans.append((open_at, index))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(block)))
    return spans


def _plain(
    text: str,
    block: str,
    start: int,
    spans: list[tuple[int, int]],
    marks: object = None,
) -> list[tuple[int, int]]:
    # Every end mark _END finds goes through _is_boundary (no bullet is a cut
    # where the block has none).
    return S._split_listed(text, block, start, spans)


def _fields(text: str) -> list[tuple[object, ...]]:
    S._last = ("", (), ())
    return [
        (s.text, s.start, s.end, s.paragraph_index, s.sentence_index, s.heading, s.quoted)
        for s in S.split(text)
    ]


@settings(max_examples=1000, deadline=None)
@given(prose)
@example("It fell. The rate rose. Co. It closed etc. Then. Dr. Ames left.")
@example('He said "It fell. The rate rose." Then she left. \u201cNo.\u201d She went.')
@example("Rates rose... Then. A. B. \u2026 C! D? E.\u201d F.) G")
@example(
    '"' + "Costs rose again. The board met. " * 20 + '" Ms Aro said. "It fell. The rate rose."'
)
def test_the_split_agrees_with_its_plain_rules(text: str) -> None:
    fast = _fields(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(S, "_split_spans", _plain)
        patch.setattr(S, "_quote_spans", _plain_quote_spans)
        plain = _fields(text)
    assert fast == plain
