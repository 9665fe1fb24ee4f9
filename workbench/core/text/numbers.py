"""Find the numbers a sentence rests on: counts, amounts, ranges, ratios, dates.

"more than 400 forces" -> NumberMention(value=400, unit="forces", qualifier="more than").

* A range keeps both ends: "5-8 centimetres", "between 12 and 48 hours".
* Written-out numbers are one mention: "four hundred" is 400, not 400 and 100.
* A ratio or share is one mention: "one in six people" (1/6), "a third of".
* Qualifiers come with the number: "close to", "nearly", "at least" ...
* Dates keep their month and year, with an ISO form (see :mod:`dates`);
  "September 7th" is a date and "11th-hour" an adjective, not ranks.
* The unit is the noun counted ("30,154 new cars"), never a verb: in
  "more than 500 remain" there is none.
* Model numbers and codes ("787-9", "737 Max jet", ".45-caliber") are not counts.

Vague amounts ("hundreds of officers") are kept with ``value=None`` so that a
later check can see that one source says 400 and another "hundreds".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workbench.core.models import NumberMention
from workbench.core.text.dates import MONTH_WORDS, find_dates, find_times
from workbench.core.text.number_words import NUMBER_WORDS, word_numbers
from workbench.core.text.units import (
    ONES,
    is_plural_noun,
    mention,
    ratio_tail,
    unit_after,
)

__all__ = ["NUMBER_WORDS", "find_numbers"]

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

# Words that may start a written-out amount, a share or a vague one.
# Starts at a digit so the scan can skip ahead; a currency sign is read before it.
_NUMBER = re.compile(
    r"(?=\d)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?: ?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|m|k|b)\b)?"
    r"(?: ?(?P<pct>%|percent\b|per cent\b))?",
    re.I,
)
# The far end of a range: "5-8", "5 to 8", "$5m-$8m", "5% to 8%".
_RANGE_END = re.compile(
    r"(?P<sep> ?[-\u2013] ?| to | and )(?P<cur>US\$|[$£€])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?: ?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|m|k|b)\b)?"
    r"(?: ?(?P<pct>%|percent\b|per cent\b))?(?![\d.,]\d)",
    re.I,
)
_SIGN_OR_SPACE = frozenset(" $£€")
_YEAR_ENDS = frozenset(",.;:)'\u2019\u201d\"")  # after a year; a space may bring a unit
# An ordinal before a noun counts what happened so far ("a 6th fatality", "his
# 3rd term"); before "of", "place" or nothing it ranks ("14th of 17").
_COUNTED_ORDINAL = re.compile(r" ([a-z]{3,})\b(?! of)")
_NOT_COUNTED = frozenset(
    "place position spot and or in on at to for of with from by the is was were".split()
)
_RANGE_STARTS = ("-", " -", "\u2013", " \u2013", " to ", " and ")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_COMPOUND = re.compile(r"-(?P<unit>[a-z]+(?:-[a-z]+)?)\b")  # "12-month", "48-year-old"
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_LOWER_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r" ([A-Za-z0-9][\w'\u2019.-]*)")
_PHRASE = re.compile(r"(?: [A-Za-z0-9][\w'\u2019.-]*){1,5}")

_YEARISH_UNITS = frozenset({"", "year", "date"})


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


def _amount(number: str, scale: str | None) -> float:
    value = float(number.replace(",", ""))
    if scale:
        value = round(value * _SCALES[scale.lower()], 6)
    return value


def _number_before(text: str, start: int) -> bool:
    """Whether another number stands just before ``start``: "400 737 jets", "five 787s"."""
    if start < 2 or text[start - 1] != " ":
        return False
    last = text[start - 2]
    if last.isdigit():
        at = start - 2
        while at > 0 and (text[at - 1].isdigit() or text[at - 1] == ","):
            at -= 1
        return at == 0 or not text[at - 1].isalnum()
    if not last.isalpha():
        return False
    word = text.rfind(" ", 0, start - 1) + 1
    return text[word : start - 1].lower() in ONES


def _is_identifier(text: str, end: int, number: str) -> bool:
    """A model name rather than a count: "the 737 Max jet", "its 777 program"."""
    if (
        not number.isdigit()
        or int(number) < 100
        or (len(number) == 4 and 1800 <= int(number) <= 2100)
    ):
        return False
    match = _TOKEN.match(text, end)
    if not match or match.group(1).lower() in MONTH_WORDS:
        return False
    word = match.group(1)
    if word.islower():
        # "the 777 program has": a name for one thing, not a count of them
        # but "the 300 faulty meters" counts meters: a plural after the modifiers
        return (
            len(word) > 3
            and text.endswith(("the ", "The ", "its ", "Its "), 0, end - len(number))
            and not is_plural_noun(word)
            and word.isalpha()
            and not is_plural_noun(unit_after(text, end)[0].rsplit(" ", 1)[-1] or "x")
        )
    if not word[:1].isupper():
        return False
    after = _TOKEN.match(text, match.end())
    return not (after and is_plural_noun(after.group(1)))


def _digit_numbers(text: str, found: list[NumberMention], taken: list[tuple[int, int]]) -> None:
    size = len(text)
    skip_to = 0
    dated = list(taken)  # dates and times read before; numbers found here lie after them
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        if start < skip_to or (dated and any(s <= start < e for s, e in dated)):
            continue
        number, scale, pct = match.groups()
        before = text[start - 1] if start else " "
        currency = _currency_before(text, start) if before in _SIGN_OR_SPACE and start else ""
        if currency:
            start -= len(currency)
            before = text[start - 1] if start else " "
        elif before.isalnum() or before in "-/.":
            continue  # part of a code, ".45-caliber" or "COVID-19"
        after = text[end] if end < size else " "
        if after.isalpha() and not scale:
            ordinal = _ORDINAL_SUFFIX.match(text, end, end + 3)
            if ordinal:
                _ordinal(text, start, ordinal.end(), float(number.replace(",", "")), found, taken)
            continue
        if (
            len(number) == 4
            and not (scale or pct or currency)
            and after in _YEAR_ENDS
            and number.isdigit()
            and 1800 <= int(number) <= 2100
        ):  # "in 2019," "since 2002." - the commonest number in news, read at once
            found.append(mention(text, start, end, float(number), "year", date=number))
            taken.append((start, end))
            continue
        value = _amount(number, scale) if scale or "," in number else float(number)
        high = None
        if after in " -\u2013" and text.startswith(_RANGE_STARTS, end):
            ranged = _RANGE_END.match(text, end)
            if ranged and _is_range(text, start, number, ranged):
                far_scale = ranged.group("scale") or scale
                high = _amount(_far_end(number, ranged.group("num")), far_scale)
                if scale is None and ranged.group("scale"):
                    value = _amount(number, far_scale)
                pct = pct or ranged.group("pct")
                currency = currency or (ranged.group("cur") or "")
                end = skip_to = ranged.end()
            elif ranged and not (scale or pct) and ranged.group("sep").strip() in "-\u2013":
                skip_to = ranged.end()
                continue  # "787-9", a score "6-0": not a count
            elif after == "-" and not pct:
                compound = _COMPOUND.match(text, end)
                if compound:  # "12-month average", "48-year-old"
                    found.append(
                        mention(text, start, compound.end(), value, compound.group("unit"))
                    )
                    taken.append((start, compound.end()))
                    continue
        if not (currency or pct or high) and before == " " and start > 1:
            if text[start - 2].isalnum() and _number_before(text, start):
                continue  # "400 737 jets": the second is a model number
            if len(number) > 2 and _is_identifier(text, end, number):
                continue
            if text[start - 2] == "," and _is_age(text, start, end, number):
                found.append(mention(text, start, end, value, "age"))
                taken.append((start, end))
                continue
        shown_end, date = end, ""
        if pct:
            unit = "%"
        elif currency:
            unit = _CURRENCY[currency.strip().lower()]
        else:
            unit, unit_end = unit_after(text, end)
            if len(number) == 4 and _is_year(number, scale, unit):
                unit = "year"
                date = number if high is None else f"{number}/{int(high)}"
            elif unit_end > end:
                shown_end = unit_end
            if not high and after == " " and unit in ("", "year"):
                ratio = ratio_tail(text, end, value)
                if ratio:
                    denominator, ratio_end = ratio
                    noun, noun_end = unit_after(text, ratio_end, through_of=False)
                    stop = noun_end if noun else ratio_end
                    found.append(mention(text, start, stop, round(value / denominator, 4), "ratio"))
                    taken.append((start, stop))
                    skip_to = stop
                    continue
        found.append(mention(text, start, shown_end, value, unit, high=high, date=date))
        taken.append((start, shown_end))


def _is_age(text: str, start: int, end: int, number: str) -> bool:
    """ "Ana Ruiz, 55, of Ashby": a person's age between commas after a name."""
    if not (number.isdigit() and len(number) <= 3 and int(number) < 120):
        return False
    if not (text.startswith(", ", start - 2) and text.startswith(",", end)):
        return False
    before = text[max(0, start - 30) : start - 2].split()
    return bool(before) and before[-1][:1].isupper()


def _is_range(text: str, start: int, number: str, ranged: re.Match[str]) -> bool:
    """Whether "A-B" or "A to B" is a range (B above A), not a code, score or change."""
    low = float(number.replace(",", ""))
    far = ranged.group("num")
    high = float(far.replace(",", ""))
    before = text[max(0, start - 8) : start].lower()
    if ranged.group("sep") == " and " and not before.endswith("between "):
        return False  # "20 and 30" is two numbers unless "between"
    if ranged.group("sep") == " to " and before.endswith(("from ", "by ")):
        # "rose from 30 to 126", "down by 30 to 126" are changes; "by 5% to 8%" a range
        both = ranged.group("pct") and text[start : ranged.start()].rstrip().endswith(("%", "cent"))
        if not both:
            return False
    else:
        high = float(_far_end(number, far).replace(",", ""))
    return high > low


def _far_end(number: str, far: str) -> str:
    """The far end of a range written short: "2019-20" ends in 2020."""
    if len(number) == 4 and len(far) == 2 and number.isdigit() and far.isdigit():
        return number[:2] + far
    return far


def _is_year(number: str, scale: str | None, unit: str) -> bool:
    if scale or not number.isdigit() or len(number) != 4 or not 1800 <= int(number) <= 2100:
        return False
    return unit in _YEARISH_UNITS or not (is_plural_noun(unit.rsplit(" ", 1)[-1]))


def _ordinal(
    text: str,
    start: int,
    end: int,
    value: float,
    found: list[NumberMention],
    taken: list[tuple[int, int]],
) -> None:
    """A rank ("14th of 17"), but not "11th-hour" nor "the 14th century"."""
    if text.startswith("-", end):
        return  # "11th-hour", "21st-century": an adjective
    after = text[end : end + 9].lower()
    if after.startswith((" century", " centuries")):
        found.append(NumberMention(text[start : end + 8], value, "century", "", start, end + 8))
        taken.append((start, end + 8))
        return
    counted = _COUNTED_ORDINAL.match(text, end)
    if counted and counted.group(1) not in _NOT_COUNTED:  # "a 6th fatality": six so far
        stop = counted.end(1)
        found.append(NumberMention(text[start:stop], value, counted.group(1), "", start, stop))
        taken.append((start, stop))
        return
    found.append(NumberMention(text[start:end], value, "rank", "", start, end))
    taken.append((start, end))


def _month_by_a_number(text: str, months: Iterable[str]) -> bool:
    """Whether a month name (capitalised) stands within a few characters of a digit.

    Most sentences that name a month hold no date ("since March"); this saves
    running the date pattern over them.
    """
    for month in months:
        name = month.capitalize()
        at = text.find(name)
        while at != -1:
            if _DIGIT.search(text, max(0, at - 8), at + len(name) + 10):
                return True
            at = text.find(name, at + len(name))
    return False


def find_numbers(text: str, words: set[str] | None = None) -> tuple[NumberMention, ...]:
    """Every number in ``text`` with its unit, in order of appearance.

    ``words``, the lower-case words of ``text`` when the caller has them, saves
    looking for number words in text that has none.
    """
    found: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    has_digit = _DIGIT.search(text) is not None
    if words is None:
        words = set(_LOWER_WORD.findall(text.lower()))
    if has_digit:
        months = MONTH_WORDS.intersection(words)
        if months and _month_by_a_number(text, months):
            for date in find_dates(text):
                found.append(
                    NumberMention(
                        text[date.start : date.end],
                        date.value,
                        "date",
                        "",
                        date.start,
                        date.end,
                        date=date.iso,
                    )
                )
                taken.append((date.start, date.end))
        if ":" in text or "m" in words or "am" in words or "pm" in words or "pm." in text:
            for time in find_times(text):
                if not any(s < time.end and time.start < e for s, e in taken):
                    found.append(mention(text, time.start, time.end, time.value, "time"))
                    taken.append((time.start, time.end))
        _digit_numbers(text, found, taken)
    hints = NUMBER_WORDS.intersection(words)
    if hints:
        word_numbers(text, hints, found, taken)
    if len(found) > 1:
        found.sort(key=lambda n: n.start)
    return tuple(found)
