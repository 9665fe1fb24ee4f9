"""Find the numbers a sentence rests on: counts, percentages, money, years.

"more than 400 forces" -> NumberMention(value=400, unit="forces", qualifier="more than").
Vague amounts ("hundreds of officers") are kept with ``value=None`` so that a
later check can see that one source says 400 and another "hundreds".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workbench.core.models import NumberMention

_QUALIFIERS = (
    "more than|greater than|over|nearly|almost|about|around|roughly|approximately|at least|up to|"
    "fewer than|less than|under|some|as many as|as few as|just over|just under|at most"
)
_WORD_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a hundred": 100,
    "a thousand": 1000,
    "a dozen": 12,
}
_VAGUE = "dozens|hundreds|thousands|millions|billions|scores"
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCY = {"$": "$", "£": "£", "€": "€", "us$": "$"}
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

# Starts at a digit so the scan can skip ahead; a currency sign is read before it.
# The lookahead lets the regex engine jump from digit to digit (twice as fast).
_NUMBER = re.compile(
    r"(?=\d)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?: ?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|m|k|b)\b)?"
    r"(?: ?(?P<pct>%|percent\b|per cent\b))?",
    re.I,
)
# Qualifiers are looked for just before a number, not tried at every position.
_QUALIFIER_SET = frozenset(_QUALIFIERS.split("|"))
_QUALIFIER_ENDS = frozenset(q.split()[-1] for q in _QUALIFIER_SET)
_QUALIFIER_TAILS = tuple(
    f"{form} " for word in _QUALIFIER_ENDS for form in {word, word.capitalize(), word.upper()}
)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_NO_UNIT = frozenset({"", "%", "year", "date", "$", "£", "€"})
_WORD_HINTS = frozenset(w for key in _WORD_NUMBERS for w in key.split() if w != "a") | frozenset(
    _VAGUE.split("|")
)
NUMBER_WORDS = _WORD_HINTS  # words that may start a written-out amount
_LOWER_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_WORDY = re.compile(
    rf"\b(?P<word>{'|'.join(_WORD_NUMBERS)}|{_VAGUE})\b"
    r"(?P<of> of)?",
    re.I,
)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.? $", re.I)
# Cheap str.endswith tests that rule out most numbers before a regex is tried.
_MONTH_TAILS = tuple(
    f"{form}{dot} "
    for month in _MONTHS.split("|")
    for form in {month, month.capitalize(), month.upper()}
    for dot in ("", ".")
)
_UNIT_AFTER = re.compile(r" ?([A-Za-z][A-Za-z-]*)\b(?: ([a-z][a-z-]*s)\b)?")
_STOP = frozenset(
    """a an the and or but of in on at to for by with from as is are was were be been it its
    that this which who than per when while if so also out up off into over under after
    before since until about against between through during without within""".split()
)
_COUNT_NOUNS = frozenset({"people", "police", "staff", "children", "men", "women", "cattle"})


def _unit_after(text: str, end: int) -> tuple[str, int]:
    """The unit written after a number ending at ``end``, and where the unit ends."""
    match = _UNIT_AFTER.match(text, end)
    if not match:
        return "", end
    first, second = match.groups()
    first = first.lower()
    if first in _STOP:
        return "", end
    if second and not first.endswith("s") and second not in _STOP:
        return f"{first} {second}", match.end()  # "400 police forces"
    return first, match.end(1)


def _currency_before(text: str, start: int) -> str:
    """The currency sign (with its space) written just before ``start``, if any."""
    if start == 0:
        return ""
    before = text[start - 1]
    if before == " ":
        if start < 2 or text[start - 2] not in "$£€":
            return ""
        sign_end, space = start - 1, " "
    elif before in "$£€":
        sign_end, space = start, ""
    else:
        return ""
    sign = text[sign_end - 1]
    if sign == "$" and sign_end >= 3 and text.startswith("US", sign_end - 3):
        return "US$" + space
    return sign + space


def _is_year(text: str, match: re.Match[str], unit: str) -> bool:
    raw = match.group("num")
    if match.group("pct") or match.group("scale") or not raw.isdigit():
        return False
    if len(raw) != 4 or not 1800 <= int(raw) <= 2100:
        return False
    return not (unit.endswith("s") and " " not in unit) and unit not in _COUNT_NOUNS


def _qualifier(text: str, start: int) -> tuple[str, int]:
    """A qualifier ("more than") right before ``start``, and where it begins."""
    if start < 3 or not text.endswith(_QUALIFIER_TAILS, 0, start):
        return "", start
    words = text[max(0, start - 20) : start].lower().split()
    for size in (3, 2, 1):
        if len(words) >= size:
            phrase = " ".join(words[-size:])
            if phrase in _QUALIFIER_SET:
                begin = start - 1 - len(phrase)
                if begin == 0 or not text[begin - 1].isalnum():
                    return phrase, begin
    return "", start


_A_WORDS = frozenset(key.split()[1] for key in _WORD_NUMBERS if key.startswith("a "))
_WHOLE_WORDS = frozenset(key for key in _WORD_NUMBERS if " " not in key) | frozenset(
    _VAGUE.split("|")
)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _number_words(text: str, hints: Iterable[str]) -> list[tuple[int, int, str, bool]]:
    """Written-out amounts as (start, end, lower-case words, followed by " of").

    The same matches as :data:`_WORDY`, found by looking only for the words the
    sentence holds (``hints``) rather than running the alternation everywhere.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # lower-casing moved offsets: use the regex
        return [
            (m.start(), m.end(), m.group("word").lower(), bool(m.group("of")))
            for m in _WORDY.finditer(text)
        ]
    size = len(lowered)
    found: list[tuple[int, int, str, bool]] = []
    for word in hints:
        at = lowered.find(word)
        while at != -1:
            end = at + len(word)
            whole = (at == 0 or not _is_word_char(lowered[at - 1])) and (
                end == size or not _is_word_char(lowered[end])
            )
            start = at
            if whole and word in _A_WORDS:  # "a dozen", "a thousand"
                if (
                    at >= 2
                    and lowered.startswith("a ", at - 2)
                    and (at == 2 or not _is_word_char(lowered[at - 3]))
                ):
                    start = at - 2
                if start == at and word not in _WHOLE_WORDS:
                    whole = False
            if whole:
                of = lowered.startswith(" of", end)
                found.append((start, end + 3 if of else end, lowered[start:end], of))
            at = lowered.find(word, end)
    found.sort()
    return found


def find_numbers(text: str, words: set[str] | None = None) -> tuple[NumberMention, ...]:
    """Every number in ``text`` with its unit, in order of appearance.

    ``words``, the lower-case words of ``text`` when the caller has them, saves
    looking for number words in text that has none.
    """
    found: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    size = len(text)
    has_digit = _DIGIT.search(text) is not None
    for match in _NUMBER.finditer(text) if has_digit else ():
        start, end = match.span()
        number, scale, pct = match.groups()
        currency = _currency_before(text, start)
        if currency:
            start -= len(currency)
        elif start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/"):
            continue  # part of a code or a range such as "COVID-19"
        if end < size and not scale and text[end].isalpha():
            ordinal = _ORDINAL_SUFFIX.match(text, end, end + 3)
            if ordinal:  # a rank: "14th of 17"
                stop = ordinal.end()
                found.append(
                    NumberMention(
                        text[start:stop], float(number.replace(",", "")), "rank", "", start, stop
                    )
                )
                taken.append((start, stop))
            continue
        value = float(number.replace(",", ""))
        if scale:
            value *= _SCALES[scale.lower()]
        shown_end = end
        if pct:
            unit = "%"
        elif currency:
            unit = _CURRENCY[currency.strip().lower()]
        else:
            unit, unit_end = _unit_after(text, end)
            if _is_year(text, match, unit):
                unit = "year"
            elif text.endswith(_MONTH_TAILS, 0, start) and _MONTH_BEFORE.search(
                text, max(0, start - 12), start
            ):
                unit = "date"
            if unit not in _NO_UNIT:
                shown_end = unit_end
        qualifier, start = _qualifier(text, start)
        found.append(
            NumberMention(text[start:shown_end].strip(), value, unit, qualifier, start, shown_end)
        )
        taken.append((start, end))
    if words is None:
        words = set(_LOWER_WORD.findall(text.lower()))
    hints = _WORD_HINTS.intersection(words)
    for start, end, word, of in _number_words(text, hints) if hints else ():
        if any(s < end and start < e for s, e in taken):
            continue
        if word in _WORD_NUMBERS and of:
            continue  # "one of the first" is no count
        unit, unit_end = _unit_after(text, end)
        if word in _WORD_NUMBERS and not (unit.endswith("s") or unit in _COUNT_NOUNS):
            continue  # "one single tap", "three lose": not a count of things
        if unit:
            end = unit_end
        if word in _WORD_NUMBERS and not unit:
            continue  # a bare "one" is a pronoun far more often than a count
        count = _WORD_NUMBERS.get(word)
        qualifier, start = _qualifier(text, start)
        found.append(
            NumberMention(
                text[start:end], float(count) if count else None, unit, qualifier, start, end
            )
        )
    if len(found) > 1:
        found.sort(key=lambda n: n.start)
    return tuple(found)
