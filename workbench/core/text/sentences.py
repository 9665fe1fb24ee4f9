"""Split clean article text into paragraphs, headings and sentences, keeping offsets.

Rules, in the order they are applied:

* Paragraphs are separated by blank lines. Inside one, hard-wrapped lines (as
  in e-mailed or pasted copy) are joined first: a line that runs on into the
  next (the next starts in lower case, the line ends in a comma or a word like
  "the", or the next word would not have fitted on it) is never a heading.
  Of the lines left, a short one without end punctuation (``Image copyright``,
  a subheading) is a heading of its own; a list item starts a sentence.
* A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
  brackets) followed by white space and a capital, a digit or an opening quote.
* Not after a title (``Dr.``, ``Mr.``), a number's label (``No. 5``, ``p. 55``),
  an initial (``J. Smith``), another abbreviation (``Inc.``, ``U.S.``) unless a
  new sentence clearly starts (``& Co. It closed``, ``the U.S. How``), a list
  number (``1. The first item``), an omission (``so ... I``), and never inside a
  number (``3.5``, ``7.15pm``), a URL or an e-mail address.
* Not inside a quotation that closes within :data:`~workbench.core.text.sentence_ends.MAX_QUOTE` characters: a
  quote of several sentences stays one unit with its attribution. Where the
  quotation closes on an end mark, the sentence ends with it, unless the
  attribution follows (``"Why now?" Ms Aro asked.``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain

import attrs

from workbench.core.text.sentence_ends import (
    ABBREVIATIONS,
    CLOSERS,
    FINAL,
    in_quotation,
    is_boundary,
)

MAX_HEADING_WORDS = 20
MIN_WRAP_WIDTH = 40  # lines shorter than this are not taken for hard-wrapped text

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_END = re.compile(r"(?:[.!?\u2026]+)[\"'\u201d\u2019)\]]*(?=\s|$)")
# "1. ", "2) ", "a. ", "(3) ", "- ", "* ", "• " at the start of a line.
_LIST_ITEM = re.compile(
    r"(?:[-*\u2022\u2023\u25e6\u2043]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\(\d{1,3}\))\s"
)
_RUNS_ON_WORDS = frozenset(
    "the a an of and or to in on at for with by from that as but nor than whose which who".split()
)


# Without slots, attrs's frozen __init__ stores to the instance dict instead of
# calling object.__setattr__ for each field: a third cheaper, and a split makes
# one for every sentence of every article.
@attrs.frozen(slots=False)
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
        span = _trim(text, position, match.start())
        if span is not None:
            yield span
        position = match.end()
    span = _trim(text, position, len(text))
    if span is not None:
        yield span


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without white space at its ends; None if nothing else is in it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


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
    stripped = line.strip().rstrip(CLOSERS)
    if not stripped or stripped[-1] in FINAL:
        return False
    return len(stripped.split()) <= MAX_HEADING_WORDS


def _runs_on(line: str, next_line: str, width: int) -> bool:
    """Whether ``line`` was broken mid-sentence and continues on ``next_line``.

    ``width`` is the paragraph's wrap width, 0 when its lines do not look
    hard-wrapped (see :func:`_wrap_width`).
    """
    first = next_line.split(None, 1)[0] if next_line else ""
    if not first or _LIST_ITEM.match(next_line) or first.startswith(("http", "www.")):
        return False
    if first[0].islower():
        return True
    last_char = line[-1]
    if last_char in ",-\u2013\u2014(" or line.rsplit(None, 1)[-1] in _RUNS_ON_WORDS:
        return True
    if last_char in FINAL or last_char in CLOSERS:
        return False
    # A greedy wrapper moved the next word down because it did not fit.
    return width >= MIN_WRAP_WIDTH and len(line) + 1 + len(first) > width


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int:
    """The width a paragraph was hard-wrapped at, or 0 when it was not.

    Wrapped prose ends on a full stop and all its lines but the last fill the
    width nearly; a list of short lines (places, dates, scores) does neither.
    """
    width = max(e - s for s, e in lines)
    last = text[lines[-1][1] - 1]
    if last not in FINAL and last not in CLOSERS:
        return 0
    body = lines[:-1]
    full = sum(1 for s, e in body if (e - s) * 10 >= width * 7)
    return width if full * 4 >= len(body) * 3 else 0


def _blocks(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """Headings and runs of joined lines inside one paragraph."""
    if text.find("\n", start, end) == -1:  # one line, as most paragraphs are
        yield start, end, is_heading(text[start:end])
        return
    lines = list(_lines(text, start, end))
    width = _wrap_width(text, lines)
    run_start: int | None = None
    run_end = start
    joined = False  # the line before runs on into this one
    for index, (l_start, l_end) in enumerate(lines):
        line = text[l_start:l_end]
        following = (
            text[lines[index + 1][0] : lines[index + 1][1]] if index + 1 < len(lines) else ""
        )
        runs_on = bool(following) and _runs_on(line, following, width)
        item = not joined and _LIST_ITEM.match(line) is not None
        if not joined and not runs_on and not item and is_heading(line):
            if run_start is not None:
                yield run_start, run_end, False
                run_start = None
            yield l_start, l_end, True
        else:
            if item and run_start is not None:  # a list item starts afresh
                yield run_start, run_end, False
                run_start = None
            if run_start is None:
                run_start = l_start
            run_end = l_end
        joined = runs_on
    if run_start is not None:
        yield run_start, run_end, False


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the non-blank lines between ``start`` and ``end``, trimmed."""
    line_start = start
    while line_start < end:
        newline = text.find("\n", line_start, end)
        line_end = end if newline == -1 else newline
        span = _trim(text, line_start, line_end)
        if span is not None:
            yield span
        line_start = line_end + 1


_QUOTE_MARK = re.compile('["\u201c\u201d]')


def _has_quote_mark(text: str) -> bool:
    return '"' in text or "\u201c" in text or "\u201d" in text


def _quote_spans(block: str) -> list[tuple[int, int]]:
    """(open, close) offsets of double quotations; an unclosed one runs to the end."""
    spans: list[tuple[int, int]] = []
    if "\u201c" not in block and "\u201d" not in block:
        # Straight quotes only: each one opens or closes in turn, found by str.find.
        open_mark = block.find('"')
        while open_mark != -1:
            close_mark = block.find('"', open_mark + 1)
            if close_mark == -1:
                spans.append((open_mark, len(block)))
                break
            spans.append((open_mark, close_mark))
            open_mark = block.find('"', close_mark + 1)
        return spans
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


_BULLETS = "\u2022\u2043"


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences' spans in one block (a list: most blocks hold one or two)."""
    block = text[start:end]
    return _split_spans(text, block, start, _quote_spans(block) if _has_quote_mark(block) else [])


# A run of full stops as :data:`_END` matches it. Opening with a literal, it
# is found many times faster than _END's class: a text is scanned for it
# once, and a paragraph with no other end mark takes its share of the runs.
_DOTS = re.compile(r"\.\.*[\"'\u201d\u2019)\]]*(?=\s|$)")


def _split_spans(
    text: str,
    block: str,
    start: int,
    spans: list[tuple[int, int]],
    marks: Iterable[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """:func:`_split_block` for ``block`` (``text[start:...]``) with its quotations.

    ``marks``: the spans of :data:`_END`'s matches in ``block``, when known, as
    offsets in ``text`` (as all offsets this returns).
    """
    if "\u2022" in block or "\u2043" in block:  # a list run into one line: "• one • two"
        return _split_listed(text, block, start, spans)
    size = len(block)
    limit = start + size
    if marks is None:  # the text ends where the block does: "$" matches there
        marks = (match.span() for match in _END.finditer(text, start, limit))
    found: list[tuple[int, int]] = []
    begin = start  # where the next sentence starts, past any white space
    while begin < limit and text[begin].isspace():
        begin += 1
    for mark_at, cut in marks:
        if cut == limit:
            continue  # the end of the block ends the sentence anyway
        mark_at -= start
        cut -= start
        at = cut - 1
        if (
            # The common case, decided here without a call: "... the virus. The".
            mark_at == at
            and block[at] == "."
            and block[cut] == " "
            and block[cut + 1].isupper()  # a block ends in no space: cut + 1 < size
        ):
            space = block.rfind(" ", max(0, at - 24), at)
            last = block[space + 1 : at]
            if (
                len(last) > 1
                and last.isalpha()
                and last.islower()
                and last not in ABBREVIATIONS
                and (not spans or not in_quotation(spans, at))
            ):
                # The sentence ends on the full stop; the next starts after the space.
                found.append((begin, start + cut))
                begin = start + cut + 1
                continue
        if not is_boundary(block, mark_at, cut, spans):
            continue
        end = start + cut
        last_at = end
        while last_at > begin and text[last_at - 1].isspace():
            last_at -= 1
        if begin < last_at:
            found.append((begin, last_at))
        begin = end
        while begin < limit and text[begin].isspace():
            begin += 1
    end = limit
    while end > begin and text[end - 1].isspace():
        end -= 1
    if begin < end:
        found.append((begin, end))
    return found


def _split_listed(
    text: str, block: str, start: int, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """:func:`_split_spans` for a block with a bullet in it, which also starts a sentence."""
    cuts = [m.end() for m in _END.finditer(block) if is_boundary(block, *m.span(), spans)]
    bullets = [i for i, c in enumerate(block) if c in _BULLETS and i and block[i - 1] == " "]
    cuts = sorted({*cuts, *bullets})
    found: list[tuple[int, int]] = []
    begin = start
    for cut in (*cuts, len(block)):
        end = start + cut
        while begin < end and text[begin].isspace():  # _trim, without a call a sentence
            begin += 1
        last = end
        while last > begin and text[last - 1].isspace():
            last -= 1
        if begin < last:
            found.append((begin, last))
        begin = end
    return found


# The text split last, with its sentences and paragraphs. Ingest asks for one
# clean text's split up to three times (a title taken from its first sentence,
# its claims, the paragraphs of the search index), so it is split once. The
# entry is replaced whole and a reader compares the text it holds, so a thread
# splitting other text never gets another text's sentences.
_Spans = tuple[tuple[int, int], ...]
_last: tuple[str, tuple[Sentence, ...], _Spans] = ("", (), ())


def split(text: str) -> list[Sentence]:
    """Every sentence and heading of ``text``, in order, with exact offsets."""
    global _last
    last = _last
    if last[0] == text:
        return list(last[1])
    spans = tuple(paragraphs(text))
    sentences = tuple(chain.from_iterable(_sentences_in(text, spans)))
    _last = (text, sentences, spans)
    return list(sentences)


def paragraph_spans(text: str) -> _Spans:
    """:func:`paragraphs` as a tuple, from the last :func:`split` when it split ``text``."""
    last = _last
    if last[0] == text:
        return last[2]
    return tuple(paragraphs(text))


def sentences_of(text: str) -> Iterator[Sentence]:
    """:func:`split`, one sentence at a time: a reader of the first few stops early."""
    return chain.from_iterable(_sentences_in(text, paragraphs(text)))


def _sentences_in(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[list[Sentence]]:
    """The sentences of ``text``, whose paragraphs are ``spans``, a paragraph at a time."""
    count = 0
    quote_carries = False  # a quotation left open at the end of the last paragraph
    dots = [match.span() for match in _DOTS.finditer(text)]
    dots.append((len(text) + 1, 0))  # past every paragraph
    next_dot = 0  # the first run of full stops not before this paragraph
    for p_index, (p_start, p_end) in enumerate(spans):
        paragraph = text[p_start:p_end]
        opens_with_quote = paragraph[:1] in '\u201c"'
        in_quote = quote_carries and opens_with_quote
        spans = (
            _quote_spans(paragraph)
            if '"' in paragraph or "\u201c" in paragraph or "\u201d" in paragraph
            else []
        )
        if "\n" not in paragraph:  # one line, as most paragraphs are: one block
            # A paragraph ends in no space: ending on an end mark, it is no heading.
            heading = paragraph[-1] not in FINAL and is_heading(paragraph)
            if heading:
                pieces = [(p_start, p_end)]
            elif "?" in paragraph or "!" in paragraph or "\u2026" in paragraph:
                pieces = _split_spans(text, paragraph, p_start, spans)
            else:  # its marks are the runs of full stops in it
                while dots[next_dot][0] < p_start:
                    next_dot += 1
                first = next_dot
                while dots[next_dot][0] < p_end:
                    next_dot += 1
                pieces = _split_spans(text, paragraph, p_start, spans, dots[first:next_dot])
            quoted = in_quote and not heading
            yield [
                Sentence(text[s_start:s_end], s_start, s_end, p_index, index, heading, quoted)
                for index, (s_start, s_end) in enumerate(pieces, count)
            ]
            count += len(pieces)
        else:
            for b_start, b_end, heading in _blocks(text, p_start, p_end):
                pieces = [(b_start, b_end)] if heading else _split_block(text, b_start, b_end)
                quoted = in_quote and not heading
                yield [
                    Sentence(text[s_start:s_end], s_start, s_end, p_index, index, heading, quoted)
                    for index, (s_start, s_end) in enumerate(pieces, count)
                ]
                count += len(pieces)
        quote_carries = (
            bool(spans) and spans[-1][1] == len(paragraph) and (paragraph[-1:] not in '\u201d"')
        )
