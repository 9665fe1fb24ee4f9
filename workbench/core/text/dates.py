"""Find calendar dates and clock times written in a sentence.

"March 3" and "April 3" are different dates, so a date is kept whole, with its
ISO 8601 form: "September 11, 2001" -> "2001-09-11", "3 March 2024" ->
"2024-03-03", "March 2024" -> "2024-03", and "Nov. 5" -> "--11-05" when the
year is not written. Clock times ("4:30 a.m.", "7.15pm") are found so that
their figures are not taken for counts.
"""

from __future__ import annotations

import re

import attrs

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH_WORDS = frozenset(MONTHS)

# Months are written with a capital; "may" and "march" in lower case are verbs.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>1[89]\d\d|20\d\d)"
_DATE = re.compile(  # the lookahead lets the engine skip to capitals and digits
    rf"(?=[A-Z\d])\b(?:(?P<m1>{_MONTH}) (?P<d1>\d{{1,2}}){_ORD}(?!\d)(?:,? {_YEAR.format('y1')}\b)?"
    rf"|(?P<d2>\d{{1,2}}){_ORD} (?:of )?(?P<m2>{_MONTH})(?:,? {_YEAR.format('y2')}\b)?"
    rf"|(?P<m3>{_MONTH}),? (?:of )?{_YEAR.format('y3')}\b)"
)
_TIME = re.compile(  # the lookahead lets the engine skip from digit to digit
    r"(?=\d)\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?"
    r"(?: ?(?P<half>[ap])(?:m\b|\.m\.)| ?(?P<HALF>[AP])(?:M\b|\.M\.))"
    r"|(?=\d)\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b"
)


@attrs.frozen
class Found:
    """A date or time: where it is, what it says, and its ISO form."""

    start: int
    end: int
    value: float  # the day of the month, or the year; hours for a time
    unit: str  # "date" or "time"
    iso: str = ""


def _month(written: str) -> int:
    return MONTHS[written.rstrip(".").lower()]


def find_dates(text: str) -> list[Found]:
    """Dates with a month name in ``text``, in order."""
    found: list[Found] = []
    for match in _DATE.finditer(text):
        groups = match.groupdict()
        end = match.end()
        if groups["m3"]:
            month, year = _month(groups["m3"]), int(groups["y3"])
            found.append(Found(match.start(), end, float(year), "date", f"{year:04d}-{month:02d}"))
            continue
        if groups["m1"]:
            month, day, year_text = _month(groups["m1"]), int(groups["d1"]), groups["y1"]
        else:
            month, day, year_text = _month(groups["m2"]), int(groups["d2"]), groups["y2"]
            if end > 0 and text[end - 1] == "." and not year_text:
                end -= 1  # "5 Nov." ends the sentence with its full stop
        if not 1 <= day <= 31:
            continue
        iso = (
            f"{int(year_text):04d}-{month:02d}-{day:02d}"
            if year_text
            else f"--{month:02d}-{day:02d}"
        )
        found.append(Found(match.start(), end, float(day), "date", iso))
    return found


def find_times(text: str) -> list[Found]:
    """Clock times in ``text``: "4:30 a.m.", "7.15pm", "18:05"."""
    found: list[Found] = []
    for match in _TIME.finditer(text):
        if match.group("h24"):
            hours, minutes = int(match.group("h24")), int(match.group("m24"))
        else:
            hours, minutes = int(match.group("h")), int(match.group("min") or 0)
            half = (match.group("half") or match.group("HALF")).lower()
            if hours > 12:
                continue
            hours = hours % 12 + (12 if half == "p" else 0)
        found.append(Found(match.start(), match.end(), round(hours + minutes / 60, 4), "time", ""))
    return found
