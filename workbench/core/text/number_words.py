"""Amounts written in words: "four hundred", "twenty-five", "several thousand", "a third of".

An amount in words is one mention however many words it takes ("four
hundred" is 400, not 400 and 100); small ones count only with a plural noun
after them ("two years", not "one single tap").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workbench.core.models import NumberMention
from workbench.core.text.units import (
    ONES,
    drop_inside,
    is_plural_noun,
    mention,
    ratio_tail,
    unit_after,
)

_SCALE_WORDS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_VAGUE_WORDS = frozenset({"dozens", "hundreds", "thousands", "millions", "billions", "scores"})
_FEW = frozenset({"several", "few"})  # "several thousand", "a few hundred": vague
_FRACTIONS = {
    "half": 0.5,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 0.25,
    "quarters": 0.25,
    "fifth": 0.2,
    "fifths": 0.2,
    "tenth": 0.1,
    "tenths": 0.1,
}
NUMBER_WORDS = (
    frozenset(ONES)
    | frozenset(_SCALE_WORDS)
    | _VAGUE_WORDS
    | {"dozen", "half", "third", "thirds"}
    | {"quarter", "quarters"}
)
_WORD_VALUES = {**ONES, **_SCALE_WORDS, "dozen": 12}

# Words before "half" or "quarter" that make it a part of a period, not a share.
_NOT_SHARES = frozenset("first second third fourth last the this next other final".split())
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def word_numbers(
    text: str, hints: Iterable[str], found: list[NumberMention], taken: list[tuple[int, int]]
) -> None:
    """Written-out amounts: "four hundred", "twenty-five", "several thousand", "a third of".

    Only the places where a hint word stands are read, each with the few words
    around it: tokenising every sentence that holds a "two" would cost far more.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # lower-casing moved offsets ("İ"): keep them
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    size = len(lowered)
    starts: dict[int, str] = {}
    for hint in hints:
        at = lowered.find(hint)
        while at != -1:
            after = at + len(hint)
            if (at == 0 or not lowered[at - 1].isalpha()) and (
                after == size or not lowered[after].isalpha()
            ):
                if at and lowered[at - 1] == "-":  # "twenty-five": read from "twenty"
                    at = lowered.rfind(" ", 0, at) + 1
                starts.setdefault(at, hint)
            at = lowered.find(hint, after)
    done = 0
    for at in sorted(starts):
        if at < done or (taken and any(s <= at < e for s, e in taken)):
            continue
        if _simple_count(text, lowered, at, starts[at], found, taken):
            continue
        low = text.rfind(" ", 0, max(0, at - 14)) + 1
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, low, at + 90)]
        index = next((i for i, w in enumerate(words) if w[0] == at), None)
        if index is None:
            continue
        following = _read_amount(text, words, index, found, taken)
        done = words[following - 1][1] if following > index else at + 1


_NOT_SIMPLE = NUMBER_WORDS | {"in", "out", "and", "of", "a"}


def _simple_count(
    text: str,
    lowered: str,
    at: int,
    hint: str,
    found: list[NumberMention],
    taken: list[tuple[int, int]],
) -> bool:
    """The common "two years" at ``at``, read without tokenising around it.

    Returns False when the amount needs the full reading of :func:`_read_amount`.
    """
    if hint not in ONES:
        return False
    end = at + len(hint)
    if not lowered.startswith(hint, at) or not lowered.startswith(" ", end):
        return False
    space = lowered.find(" ", end + 1)
    following = lowered[end + 1 : space if space != -1 else len(lowered)].rstrip(".,;:")
    if following == "of" and hint == "one":
        return True  # "one of the first" is no count, and the commonest "one" in news
    if following in _NOT_SIMPLE or "-" in following:
        return False
    unit, unit_end = unit_after(text, end)
    if unit and is_plural_noun(unit.rsplit(" ", 1)[-1]):
        found.append(mention(text, at, unit_end, float(ONES[hint]), unit))
        taken.append((at, unit_end))
    return True


def _read_amount(
    text: str,
    words: list[tuple[int, int, str]],
    index: int,
    found: list[NumberMention],
    taken: list[tuple[int, int]],
) -> int:
    """Read one written-out amount starting at ``words[index]``; return the next index."""
    start = words[index][0]
    previous = words[index - 1][2].lower() if index else ""
    head = words[index][2].lower().split("-")[-1]
    if previous in _FEW or (
        previous == "a" and (head in _SCALE_WORDS or head in _FRACTIONS or head == "dozen")
    ):
        start = words[index - 1][0]
        if previous == "few" and index > 1 and words[index - 2][2].lower() == "a":
            start = words[index - 2][0]
    total = current = 0.0
    vague = previous in _FEW
    fraction: float | None = None
    end = index
    seen = False
    while end < len(words):
        w_start, _, written = words[end]
        if seen and w_start - words[end - 1][1] != 1:
            break  # words must follow each other with one space between
        parts = written.lower().split("-")
        if seen and parts == ["and"] and end + 1 < len(words):
            nxt = words[end + 1][2].lower().split("-")[0]
            if nxt in ONES:
                end += 1
                continue
            break
        if all(p in _WORD_VALUES for p in parts):
            for part in parts:
                number = _WORD_VALUES[part]
                if part in _SCALE_WORDS and part != "hundred":
                    total += max(current, 1.0) * number
                    current = 0.0
                elif part in ("hundred", "dozen"):
                    current = max(current, 1.0) * number
                else:
                    current += number
            seen = True
            end += 1
            continue
        if parts[-1] in _VAGUE_WORDS:
            vague, seen = True, True
            end += 1
            if text.startswith(" of ", words[end - 1][1]) and end + 1 < len(words):
                nested = words[end + 1][2].lower()
                if nested in _VAGUE_WORDS:  # "tens of thousands", "hundreds of thousands"
                    end += 2
            continue
        if parts[-1] in _FRACTIONS and (len(parts) > 1 or not seen or current):
            numerator = ONES.get(parts[0], current or 1.0) if len(parts) > 1 else current or 1.0
            fraction = numerator * _FRACTIONS[parts[-1]]
            seen = True
            end += 1
            break
        break
    if not seen:
        return index + 1
    stop = words[end - 1][1]
    value = total + current
    if fraction is not None:
        if not text.startswith(" of ", stop) or previous in _NOT_SHARES:
            return end  # "a third undisclosed buyer", "the first half of the year"
        found.append(mention(text, start, stop, round(fraction, 4), "ratio"))
        taken.append((start, stop))
        return end
    if not vague:
        ratio = ratio_tail(text, stop, value)
        if ratio:
            noun, noun_end = unit_after(text, ratio[1], through_of=False)
            stop = noun_end if noun else ratio[1]
            drop_inside(found, taken, start, stop)  # "nine out of 10 dentists": one mention
            found.append(mention(text, start, stop, round(value / ratio[0], 4), "ratio"))
            taken.append((start, stop))
            return end
    unit, unit_end = unit_after(text, stop)
    if not vague and value < 100 and not is_plural_noun(unit.rsplit(" ", 1)[-1] or "-"):
        return end  # "one single tap", "three lose": not a count of things
    if unit and text.startswith(" of ", stop) and value == 1:
        return end  # "one of the first" is no count
    if (
        vague
        and not unit
        and words[end - 1][2].lower() == "scores"
        and not text.startswith(" of ", stop)
    ):
        return end  # "test scores"
    shown_end = unit_end if unit else stop
    if vague and text.startswith(" of ", stop) and not unit:
        shown_end = stop
    found.append(mention(text, start, shown_end, None if vague else value, unit))
    taken.append((start, shown_end))
    return end
