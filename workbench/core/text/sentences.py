"""Split clean article text into paragraphs, headings and sentences, keeping offsets.

Rules, in the order they are applied:

* Paragraphs are separated by blank lines. Inside one, a short line without
  end punctuation (``Image copyright``, a subheading) is a heading of its own;
  other lines are joined, as hard-wrapped text.
* A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
  brackets) followed by white space and a capital, a digit or an opening quote.
* Not after an abbreviation (``Dr.``, ``Inc.``, ``No. 5``, ``U.S.``), an initial
  (``J. Smith``), and never inside a number (``3.5``, ``1,200.50``).
* Not inside a quotation that closes within :data:`MAX_QUOTE` characters: a
  quote of several sentences stays one unit with its attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

MAX_QUOTE = 500  # a longer quotation is split into its sentences
MAX_HEADING_WORDS = 20

ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof sr jr st mt ft inc ltd llc plc co corp bros dept est approx vs
    etc e.g i.e cf al gen gov sen rep rev hon capt lt col sgt cmdr adm maj fig vol pp op
    jan feb mar apr jun jul aug sep sept oct nov dec no nos u.s u.k u.n e.u a.m p.m ph.d
    d.c n.y l.a""".split()
)
_NEEDS_NUMBER = frozenset({"no", "nos", "fig", "vol", "pp", "op"})

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_END = re.compile(r"(?:[.!?\u2026]+)[\"'\u201d\u2019)\]]*(?=\s|$)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_OPENERS = "\"'\u201c\u2018([\u00bf\u00a1"
_FINAL = ".!?\u2026:;"
_CLOSERS = "\"'\u201d\u2019)]*"


@attrs.frozen
class Sentence:
    text: str
    start: int  # offsets in the text that was split
    end: int
    paragraph_index: int
    sentence_index: int  # position in the whole text
    heading: bool = False
    quoted: bool = False  # the sentence lies wholly inside an open quotation


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the paragraphs, without their surrounding white space."""
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        yield from _trimmed(text, position, match.start())
        position = match.end()
    yield from _trimmed(text, position, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the paragraph that holds ``start..end``; None if that is not in the text.

    A span that runs over a paragraph break gets every paragraph it touches.
    """
    if not 0 <= start <= end <= len(text):
        return None
    first, last = start, end
    for p_start, p_end in paragraphs(text):
        if p_start > end:
            break
        if p_end >= start:
            first, last = min(first, p_start), max(last, p_end)
    return first, last


def is_heading(line: str) -> bool:
    """A short line with no end punctuation: a title, caption or subheading."""
    stripped = line.strip().rstrip(_CLOSERS)
    if not stripped or stripped[-1] in _FINAL:
        return False
    return len(stripped.split()) <= MAX_HEADING_WORDS


def _blocks(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """Headings and runs of joined lines inside one paragraph."""
    if text.find("\n", start, end) == -1:  # one line, as most paragraphs are
        yield start, end, is_heading(text[start:end])
        return
    run_start: int | None = None
    run_end = start
    line_start = start
    while line_start < end:
        newline = text.find("\n", line_start, end)
        line_end = end if newline == -1 else newline
        line = text[line_start:line_end]
        next_line = text[line_end + 1 : end].lstrip()[:1]
        wraps_on = newline != -1 and next_line.islower()
        if (
            line.strip()
            and is_heading(line)
            and not wraps_on
            and (newline != -1 or line_start != start)
        ):
            if run_start is not None:
                yield run_start, run_end, False
                run_start = None
            yield from ((s, e, True) for s, e in _trimmed(text, line_start, line_end))
        elif line.strip():
            if run_start is None:
                run_start = line_start
            run_end = line_end
        line_start = line_end + 1
    if run_start is not None:
        block = text[run_start:run_end]
        yield run_start, run_end, is_heading(block) and "\n" not in block


_QUOTE_MARK = re.compile('["\u201c\u201d]')


def _has_quote_mark(text: str) -> bool:
    return '"' in text or "\u201c" in text or "\u201d" in text


def _quote_spans(block: str) -> list[tuple[int, int]]:
    """(open, close) offsets of double quotations; an unclosed one runs to the end."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _QUOTE_MARK.finditer(block):
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


def _is_boundary(block: str, match: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    after, size = match.end(), len(block)
    while after < size and block[after].isspace():  # no copy of the rest of the block
        after += 1
    if after == size:
        return False  # the end of the block ends the sentence anyway
    following = block[after]
    if not (following.isupper() or following.isdigit() or following in _OPENERS):
        return False
    mark = match.group(0)
    if mark[0] == "." and len(mark.rstrip(_CLOSERS)) == 1:
        word = _WORD_BEFORE.search(block, max(0, match.start() - 24), match.start())
        if word:
            token = word.group(1).lower()
            if token in ABBREVIATIONS and (token not in _NEEDS_NUMBER or following.isdigit()):
                return False
            if len(token) == 1 and word.group(1).isupper():
                return False  # an initial: J. Smith
            if _ACRONYM.match(token) and following.isupper():
                return False
    for open_at, close_at in spans:
        if open_at < match.start() < close_at and close_at - open_at <= MAX_QUOTE:
            return False
    return True


def _split_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    block = text[start:end]
    spans = _quote_spans(block) if _has_quote_mark(block) else []
    position = 0
    for match in _END.finditer(block):
        if _is_boundary(block, match, spans):
            yield from _trimmed(text, start + position, start + match.end())
            position = match.end()
    yield from _trimmed(text, start + position, end)


def split(text: str) -> list[Sentence]:
    """Every sentence and heading of ``text``, in order, with exact offsets."""
    sentences: list[Sentence] = []
    quote_carries = False  # a quotation left open at the end of the last paragraph
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        paragraph = text[p_start:p_end]
        opens_with_quote = paragraph[:1] in '\u201c"'
        in_quote = quote_carries and opens_with_quote
        for b_start, b_end, heading in _blocks(text, p_start, p_end):
            pieces = [(b_start, b_end)] if heading else list(_split_block(text, b_start, b_end))
            for s_start, s_end in pieces:
                sentences.append(
                    Sentence(
                        text=text[s_start:s_end],
                        start=s_start,
                        end=s_end,
                        paragraph_index=p_index,
                        sentence_index=len(sentences),
                        heading=heading,
                        quoted=in_quote and not heading,
                    )
                )
        spans = _quote_spans(paragraph) if _has_quote_mark(paragraph) else []
        quote_carries = (
            bool(spans) and spans[-1][1] == len(paragraph) and (paragraph[-1:] not in '\u201d"')
        )
    return sentences
