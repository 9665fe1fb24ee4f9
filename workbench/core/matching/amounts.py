"""Amounts two claims give, and whether they can be the same figure.

Amounts are read from the claim's :class:`NumberMention` records (value,
unit, qualifier, and, when the number reader gives them, a range's ``high``
end); written-out amounts the reader split in two ("four hundred") are joined
back here, so both forms compare as numbers. A qualifier makes an amount a
span of values: "nearly 400" fits 400, "at least 83" and "at least 85" are
two tolls.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable

import attrs

from workbench.core.models import NumberMention
from workbench.core.text.units import ONES

# Month names the number reader may give as a unit ("3 March"): a date, not an amount.
_MONTH_UNITS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

LOWER_BOUNDS = frozenset(
    """more than|greater than|over|at least|just over|upwards of|in excess of|above|exceeding|
    no fewer than|no less than|a minimum of""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
UPPER_BOUNDS = frozenset(
    """fewer than|less than|under|up to|at most|as many as|just under|below|no more than|
    a maximum of""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
NEARLY = frozenset({"nearly", "almost", "close to", "just under", "short of"})
APPROXIMATELY = frozenset(
    {"about", "around", "roughly", "approximately", "some", "an estimated", "estimated", "circa"}
)
SPREAD = 0.15  # how far "about 400" reaches either side
# Vague amounts ("hundreds of") as the spans they can stand for.
VAGUE = {
    "dozens": (13.0, 199.0),
    "scores": (40.0, 199.0),
    "hundreds": (100.0, 1999.0),
    "thousands": (1000.0, 99999.0),
    "millions": (1e6, 999e6),
    "billions": (1e9, 999e9),
}
# What a number counts, in one word for each thing, so that reworded units compare.
UNIT_WORDS = {
    "pound": "£",
    "pounds": "£",
    "sterling": "£",
    "gbp": "£",
    "dollar": "$",
    "dollars": "$",
    "usd": "$",
    "us$": "$",
    "euro": "€",
    "euros": "€",
    "eur": "€",
    "percent": "%",
    "per": "%",
    "cent": "%",
    "percentage": "%",
    "position": "job",
    "post": "job",
    "role": "job",
    "worker": "job",
    "employee": "job",
    "people": "person",
    "individual": "person",
    "resident": "person",
    "inhabitant": "person",
    "civilian": "person",
    "victim": "person",
    "dead": "person",
    "death": "person",
    "life": "person",
    "lives": "person",
    "fatality": "person",
    "fatalitie": "person",
    "km": "kilometre",
    "kilometer": "kilometre",
    "house": "home",
    "household": "home",
    "dwelling": "home",
}
# Words that say nothing about what is counted ("250 more jobs", "12 new routes").
UNIT_NOISE = frozenset(
    "more new extra additional other further million billion thousand hundred of the".split()
)
_SCALE_WORDS = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER_WORD_VALUES = {"zero": 0, **ONES}  # the words extraction reads, and none
_PHRASE_WORDS = frozenset(NUMBER_WORD_VALUES) | frozenset(_SCALE_WORDS)
_NUMBER_PHRASE = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion)(?:[ -]and[ -]|[ -])?)+",
    re.I,
)
_DIGITS = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def words_value(phrase: str) -> float | None:
    """The value of a written-out number ("two thousand five hundred" -> 2500)."""
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[ -]+", phrase.lower().strip()):
        if word in ("and", ""):
            continue
        if word == "a":
            current = current or 1.0
            continue
        if word in NUMBER_WORD_VALUES:
            current += NUMBER_WORD_VALUES[word]
            seen = True
        elif word == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif word in _SCALE_WORDS:
            total += (current or 1.0) * _SCALE_WORDS[word]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@functools.lru_cache(maxsize=4096)
def unit_key(unit: str) -> frozenset[str]:
    """The words of a unit, singular and with synonyms joined ("250 positions" counts jobs)."""
    unit = unit.lower().strip()
    if unit in ("$", "£", "€", "%"):
        return frozenset({unit})
    if unit in UNIT_WORDS:
        return frozenset({UNIT_WORDS[unit]})
    words = set()
    for word in re.findall(r"[a-z$£€%]+", unit):
        if word in UNIT_NOISE:
            continue
        word = UNIT_WORDS.get(word, word)
        word = UNIT_WORDS.get(_singular(word), _singular(word))
        words.add(word)
    return frozenset(words)


@attrs.frozen
class Amount:
    """One amount a claim gives: its span of possible values and what it counts."""

    text: str  # as written
    low: float
    high: float
    unit: frozenset[str]
    bound: str  # "lower", "upper" or "" (exact, approximate, range or vague)
    value: float  # the number written (a range's low end)
    label: str = ""  # the unit as written, lower case ("kilometres", "£")

    def same_unit(self, other: Amount) -> bool:
        return self.unit == other.unit or bool(self.unit & other.unit)

    def fits(self, other: Amount) -> bool:
        """The two can be the same figure.

        Two bounds in the same direction fit only when they are the same number:
        "at least 83" and "at least 85" are two tolls, not one.
        """
        if self.bound and self.bound == other.bound:
            return math.isclose(self.value, other.value, rel_tol=1e-9, abs_tol=1e-9)
        return self.low <= other.high and other.low <= self.high


def _tolerance(text: str, value: float) -> float:
    """Half the last written digit: "3.5 million" stands for 3.45 to 3.55 million."""
    match = _DIGITS.search(text)
    if match is None:
        return 0.5
    raw = float(match.group(0).replace(",", ""))
    scale = value / raw if raw else 1.0
    decimals = len(match.group(1) or "")
    return 0.5 * 10.0 ** (-decimals) * scale


def _amount(mention: NumberMention, value: float | None, unit: str) -> Amount | None:
    qualifier = mention.qualifier.lower()
    high_end = getattr(mention, "high", None)  # the newer number reader gives ranges
    if value is None:
        word = mention.text.lower().split()[0] if mention.text else ""
        span = VAGUE.get(word.rstrip(","))
        if span is None:
            return None
        return Amount(mention.text, span[0], span[1], unit_key(unit), "", span[0], _label(unit))
    if isinstance(high_end, (int, float)) and high_end > value:
        low, high, bound = value, float(high_end), ""
    elif qualifier in LOWER_BOUNDS:
        low, high, bound = value, math.inf, "lower"
    elif qualifier in UPPER_BOUNDS and qualifier not in NEARLY:
        low, high, bound = 0.0, value, "upper"
    elif qualifier in NEARLY:
        low, high, bound = value * (1 - SPREAD), value, ""
    elif qualifier in APPROXIMATELY:
        low, high, bound = value * (1 - SPREAD), value * (1 + SPREAD), ""
    else:
        tolerance = _tolerance(mention.text, value)
        low, high, bound = value - tolerance, value + tolerance, ""
    return Amount(mention.text, low, high, unit_key(unit), bound, value, _label(unit))


def _label(unit: str) -> str:
    key = unit_key(unit)
    for symbol in ("£", "$", "€", "%"):
        if key == {symbol}:
            return symbol
    return unit.lower().strip()


def amounts_in(
    text: str, numbers: Iterable[NumberMention], words: frozenset[str] | None = None
) -> tuple[Amount, ...]:
    """The amounts (counts, money, shares) a claim gives; years, dates and ranks left out.

    ``words``, the claim's lower-case words when the caller has them, saves
    looking for written-out numbers in a text that has none.
    """
    mentions = [
        n
        for n in numbers
        if n.unit not in ("year", "date", "time", "rank")
        and not getattr(n, "date", "")
        and n.unit.lower() not in _MONTH_UNITS
    ]
    if not mentions:
        return ()
    found: list[Amount] = []
    spans: list[tuple[int, int]] = []
    for mention in sorted(mentions, key=lambda n: (n.start, -(n.end - n.start))):
        if any(s <= mention.start and mention.end <= e for s, e in spans):
            continue  # "hundred volunteers" inside "four hundred volunteers"
        value, unit = mention.value, mention.unit
        first, _, rest = unit.partition(" ")
        if first in _SCALE_WORDS and rest and value is not None:
            value, unit = value * _SCALE_WORDS[first], rest  # "four" + "hundred volunteers"
        head = mention.text[:12].split(" ", 1)[0].split("-", 1)[0].lower()
        if head in _PHRASE_WORDS and value is not None:
            # A written-out number the reader took only the end of ("two thousand five
            # hundred"): read the whole phrase that runs into the mention.
            begin = max(0, mention.start - 60)
            for phrase in _NUMBER_PHRASE.finditer(text, begin, mention.end):
                if phrase.start() < mention.start < phrase.end():
                    value = words_value(phrase.group(0)) or value
        amount = _amount(mention, value, unit)
        if amount is not None:
            found.append(amount)
            spans.append((mention.start, mention.end))
    return tuple(found)


def amounts_differ(a: tuple[Amount, ...], b: tuple[Amount, ...]) -> tuple[Amount, Amount] | None:
    """Two amounts of one thing, one from each claim, that cannot be the same figure.

    Only when each claim has an amount of that thing the other cannot match:
    a claim that gives one figure more than the other is no disagreement.
    """
    if not a or not b:
        return None
    for x in a:
        others = [y for y in b if x.same_unit(y)]
        if not others or any(x.fits(y) for y in others):
            continue
        for y in others:
            if not any(z.fits(y) for z in a if z.same_unit(y)):
                return x, y
    return None


def amounts_agree(a: tuple[Amount, ...], b: tuple[Amount, ...]) -> bool:
    """Some amount of one thing is the same figure in both claims (an anchor)."""
    return any(x.unit and x.same_unit(y) and x.fits(y) for x in a for y in b)


def counts_differ(a: tuple[Amount, ...], b: tuple[Amount, ...]) -> bool:
    """Both claims count something, and nothing they count is the same thing."""
    if not a or not b:
        return False
    counted_a = [x for x in a if x.unit]
    counted_b = [y for y in b if y.unit]
    if not counted_a or not counted_b:
        return False
    return not any(x.same_unit(y) for x in counted_a for y in counted_b)


def _number(value: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:g} {word}"
    return str(int(value)) if value.is_integer() else f"{value:g}"


def figure(value: float, label: str) -> str:
    """A value with its unit for people: "£12 million", "5.2%", "1200 kilometres"."""
    if label in ("£", "$", "€"):
        return f"{label}{_number(value)}"
    if label == "%":
        return f"{_number(value)}%"
    return f"{_number(value)} {label}".strip()


def describe_amounts(x: Amount, y: Amount) -> str:
    """ "1200 vs 1100 kilometres" for a conflict: the two values and what they count."""
    label = x.label or y.label
    if label in ("£", "$", "€", "%"):
        return f"{figure(x.value, label)} vs {figure(y.value, label)}"
    return f"{_number(x.value)} vs {_number(y.value)} {label}".strip()
