"""Make untrusted article text safe to show in a terminal.

Articles are hostile input: an escape sequence inside one could move the
cursor, change the title or hide text. :func:`printable` drops every control
character (C0, C1, DEL and ANSI/OSC sequences) but the line break and tab.
"""

from __future__ import annotations

import re

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` without terminal control sequences or bidi overrides."""
    return _CONTROL.sub("", _ANSI.sub("", text))


def one_line(text: str, width: int | None = None) -> str:
    """Printable text folded onto one line, cut to ``width`` with an ellipsis."""
    flat = " ".join(printable(text).split())
    if width is not None and len(flat) > width:
        return flat[: max(0, width - 1)] + "\u2026"
    return flat
