"""Keep hostile text inert: in the store, in a terminal, in a spreadsheet.

Articles and reviewers' notes are untrusted input: an escape sequence inside
one could clear the screen, change the terminal's title or hide text, a bidi
override could show words in another order than they are stored, and a cell
that starts with ``=`` is a live formula in a spreadsheet.

:func:`sanitise` is the one rule for every text field that enters the store
(article text and metadata on ingest, notes, citations and reviewer names,
an imported bundle): it drops ANSI/OSC escape sequences whole, every C0 and C1
control character but the line break and tab, DEL, NUL, the Unicode line and
paragraph separators and the bidi embedding, override and isolate controls.
It only ever deletes, so :class:`Sanitised` can map a position in the text
before to the position after. The screen side (:func:`printable`) applies the
same rule again, for databases written before it existed.

:func:`csv_cell` is the one formula guard every CSV writer shares.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

import attrs

from workbench.core.models import Citation

# An escape sequence: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), or a
# two-character escape (ESC and one of @-Z \ ] ^ _).
_ESCAPE = r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])"
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
# One pass, escape sequences first: every match is deleted, nothing is replaced.
_HOSTILE = re.compile(f"{_ESCAPE}|{_CONTROL}")
# For one-line identifiers: line breaks and tabs too.
_CONTROL_CHAR = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters JSON allows raw but a terminal may act on: escaped as \\uXXXX.
_ENCODER = json.JSONEncoder(ensure_ascii=False)
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# A spreadsheet evaluates a cell that starts with one of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_sanitised(text: str) -> bool:
    """A fast test that ``text`` holds nothing :func:`sanitise` would remove.

    More: it holds no character but the line break and the tab that Python
    counts as not printable (no odd space, no invisible format character).
    """
    # Python counts every control, format and separator character but the space
    # as not printable, so a printable text has nothing to remove.
    return text.isprintable() or text.replace("\n", " ").replace("\t", " ").isprintable()


def sanitise(text: str) -> str:
    """``text`` without escape sequences, control characters or bidi controls.

    Line breaks and tabs stay; use :func:`sanitise_line` for a one-line field.
    """
    if is_sanitised(text):
        return text
    return _HOSTILE.sub("", text)


def sanitise_line(text: str) -> str:
    """A one-line field (title, outlet, reviewer): sanitised, whitespace runs made one space."""
    return " ".join(sanitise(text).split())


def visible(text: str) -> str:
    """An identifier (a file path) with each character :func:`sanitise` drops spelled out.

    Deleting would make two different names one (``a\\x1b.txt`` and ``a.txt``);
    ``\\x1b`` written out is as inert and keeps them apart.
    """
    if text.isprintable():
        return text
    return _CONTROL_CHAR.sub(lambda m: repr(m.group(0))[1:-1], text)


@attrs.frozen
class Sanitised:
    """A text after :func:`sanitise`, with a map from old positions to new ones."""

    text: str
    # Sorted start of each deleted run, and the characters deleted up to its end.
    _starts: tuple[int, ...] = ()
    _ends: tuple[int, ...] = ()
    _removed: tuple[int, ...] = ()

    @classmethod
    def of(cls, text: str) -> Sanitised:
        if is_sanitised(text):
            return cls(text)
        starts: list[int] = []
        ends: list[int] = []
        removed: list[int] = []
        total = 0
        for match in _HOSTILE.finditer(text):
            total += match.end() - match.start()
            starts.append(match.start())
            ends.append(match.end())
            removed.append(total)
        return cls(_HOSTILE.sub("", text), tuple(starts), tuple(ends), tuple(removed))

    def position(self, old: int) -> int:
        """Where position ``old`` of the original text lands in :attr:`text`.

        A position inside a deleted run lands where the run was.
        """
        index = bisect.bisect_right(self._starts, old) - 1
        if index < 0:
            return old
        before = self._removed[index - 1] if index else 0
        if old < self._ends[index]:
            return self._starts[index] - before
        return old - self._removed[index]


def sanitise_citation(citation: Citation) -> Citation:
    """A citation with every field a reviewer typed sanitised."""
    return attrs.evolve(
        citation,
        source=sanitise_line(citation.source),
        quote=sanitise(citation.quote),
        locator=sanitise_line(citation.locator),
        note=sanitise(citation.note),
        reviewer=sanitise_line(citation.reviewer),
    )


def printable(text: str) -> str:
    """Text safe to show in a terminal: the same rule as :func:`sanitise`."""
    return sanitise(text)


def one_line(text: str, width: int | None = None) -> str:
    """Printable text folded onto one line, cut to ``width`` with an ellipsis."""
    flat = sanitise_line(text)
    if width is not None and len(flat) > width:
        return flat[: max(0, width - 1)] + "\u2026"
    return flat


def csv_cell(value: Any) -> Any:
    """A value a spreadsheet shows but never evaluates, nor a terminal acts on.

    Text is sanitised; text that starts (after any leading white space) with a
    formula character gets a leading quote. Numbers pass unchanged.
    """
    if not isinstance(value, str):
        return value
    text = sanitise(value)
    if text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START):
        return "'" + text
    return text


def json_text(value: Any, *, indent: int | None = None) -> str:
    """``json.dumps`` keeping non-ASCII text readable, but C1 and bidi controls escaped.

    JSON escapes C0 controls itself; the rest would reach a terminal raw.
    """
    if indent is None:  # one encoder for all: json.dumps makes one a call with these options
        dumped = _ENCODER.encode(value)
    else:
        dumped = json.dumps(value, ensure_ascii=False, indent=indent)
    # Printable: none of _JSON_RAW's characters (each is a control or a separator).
    if dumped.isascii() or dumped.isprintable():
        return dumped
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", dumped)
