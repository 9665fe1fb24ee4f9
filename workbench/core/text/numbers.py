"""Find the numbers a sentence rests on: counts, percentages, money, years.

"more than 400 forces" -> NumberMention(value=400, unit="forces", qualifier="more than").
Vague amounts ("hundreds of officers") are kept with ``value=None`` so that a
later check can see that one source says 400 and another "hundreds".
"""

from __future__ import annotations

import re

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
_NUMBER = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?: ?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|m|k|b)\b)?"
    r"(?: ?(?P<pct>%|percent\b|per cent\b))?",
    re.I,
)
# Qualifiers are looked for just before a number, not tried at every position.
_QUALIFIER_SET = frozenset(_QUALIFIERS.split("|"))
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
_UNIT_AFTER = re.compile(r" ?([A-Za-z][A-Za-z-]*)\b(?: ([a-z][a-z-]*s)\b)?")
_STOP = frozenset(
    """a an the and or but of in on at to for by with from as is are was were be been it its
    that this which who than per when while if so also out up off into over under after
    before since until about against between through during without within""".split()
)
_COUNT_NOUNS = frozenset({"people", "police", "staff", "children", "men", "women", "cattle"})


def _unit_end(text: str, lowered: str, end: int, unit: str) -> int:
    return lowered.find(unit, end) + len(unit)


def _unit_after(text: str, end: int) -> str:
    match = _UNIT_AFTER.match(text, end)
    if not match or match.group(1).lower() in _STOP:
        return ""
    first = match.group(1).lower()
    if match.group(2) and not first.endswith("s") and match.group(2).lower() not in _STOP:
        return f"{first} {match.group(2).lower()}"  # "400 police forces"
    return first


def _currency_before(text: str, start: int) -> str:
    """The currency sign (with its space) written just before ``start``, if any."""
    if start == 0 or text[start - 1] not in "$£€ ":
        return ""
    for sign in ("US$ ", "US$", "$ ", "£ ", "€ ", "$", "£", "€"):
        if start >= len(sign) and text.startswith(sign, start - len(sign)):
            return sign
    return ""


def _is_year(text: str, match: re.Match[str], unit: str) -> bool:
    raw = match.group("num")
    if match.group("pct") or match.group("scale") or not raw.isdigit():
        return False
    if len(raw) != 4 or not 1800 <= int(raw) <= 2100:
        return False
    return not (unit.endswith("s") and " " not in unit) and unit not in _COUNT_NOUNS


def _qualifier(text: str, start: int) -> tuple[str, int]:
    """A qualifier ("more than") right before ``start``, and where it begins."""
    if start < 3 or text[start - 1] != " ":
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


def find_numbers(text: str, words: set[str] | None = None) -> tuple[NumberMention, ...]:
    """Every number in ``text`` with its unit, in order of appearance.

    ``words``, the lower-case words of ``text`` when the caller has them, saves
    looking for number words in text that has none.
    """
    found: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    has_digit = _DIGIT.search(text) is not None
    for match in _NUMBER.finditer(text) if has_digit else ():
        start, end = match.span()
        currency = _currency_before(text, start)
        if currency:
            start -= len(currency)
        elif start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/"):
            continue  # part of a code or a range such as "COVID-19"
        if end < len(text) and text[end].isalpha() and not match.group("scale"):
            ordinal = re.match(r"(?:st|nd|rd|th)\b", text[end : end + 3])
            if ordinal:  # a rank: "14th of 17"
                stop = end + ordinal.end()
                found.append(
                    NumberMention(
                        text[start:stop], float(match.group("num")), "rank", "", start, stop
                    )
                )
                taken.append((start, stop))
            continue
        raw = match.group("num").replace(",", "")
        value = float(raw)
        scale = (match.group("scale") or "").lower()
        if scale:
            value *= _SCALES[scale]
        unit = ""
        if match.group("pct"):
            unit = "%"
        elif currency:
            unit = _CURRENCY[currency.strip().lower()]
        else:
            unit = _unit_after(text, end)
            if not currency and _is_year(text, match, unit):
                unit = "year"
            elif _MONTH_BEFORE.search(text, max(0, start - 12), start):
                unit = "date"
        qualifier, start = _qualifier(text, start)
        shown_end = end
        if unit not in ("", "%", "year", "date", "$", "£", "€"):
            shown_end = _unit_end(text, lowered, end, unit)
        found.append(
            NumberMention(text[start:shown_end].strip(), value, unit, qualifier, start, shown_end)
        )
        taken.append((start, end))
    if words is None:
        words = set(_LOWER_WORD.findall(lowered))
    wordy = _WORDY.finditer(text) if _WORD_HINTS.intersection(words) else iter(())
    for match in wordy:
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        word = match.group("word").lower()
        if word in _WORD_NUMBERS and match.group("of"):
            continue  # "one of the first" is no count
        unit = _unit_after(text, end)
        if word in _WORD_NUMBERS and not (unit.endswith("s") or unit in _COUNT_NOUNS):
            continue  # "one single tap", "three lose": not a count of things
        if unit:
            end = _unit_end(text, lowered, end, unit)
        if word in _WORD_NUMBERS and not unit:
            continue  # a bare "one" is a pronoun far more often than a count
        count = _WORD_NUMBERS.get(word)
        qualifier, start = _qualifier(text, start)
        found.append(
            NumberMention(
                text[start:end], float(count) if count else None, unit, qualifier, start, end
            )
        )
    return tuple(sorted(found, key=lambda n: n.start))
