"""What a number counts and how it is hedged: units, qualifiers, ratios.

Shared by the readers of numbers written in digits (:mod:`numbers`) and in
words (:mod:`number_words`).
"""

from __future__ import annotations

import re

from workbench.core.models import NumberMention
from workbench.core.text.dates import MONTH_WORDS

_QUALIFIERS = (
    "more than|greater than|over|nearly|almost|about|around|roughly|approximately|at least|up to|"
    "fewer than|less than|under|some|as many as|as few as|just over|just under|at most|"
    "close to|an estimated|estimated|well over|upwards of|in excess of|no more than|"
    "no fewer than|no less than|as much as|as little as|more than about|only about|below|"
    "above|a maximum of|a minimum of"
)
_QUALIFIER_SET = frozenset(_QUALIFIERS.split("|"))
_QUALIFIER_ENDS = frozenset(q.split()[-1] for q in _QUALIFIER_SET)

ONES = {
    "one": 1,
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_DIGIT = re.compile(r"\d")
_LOWER_WORD = re.compile(r"[a-z]+")
_TOKEN = re.compile(r" ([A-Za-z0-9][\w'\u2019.-]*)")
_PHRASE = re.compile(r"(?: ['\u2019]?[A-Za-z0-9][\w'\u2019.-]*){1,6}")
_DENOMINATOR = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?![\d%])(?! ?(?:per ?cent|percent)\b)")

_STOP = frozenset(
    """a an the and or but of in on at to for by with from as is are was were be been it its
    that this which who than per when while if so also out up off into over under after
    before since until about against between through during without within""".split()
)
COUNT_NOUNS = frozenset(
    "people police staff children men women cattle personnel data pence feet teeth mice".split()
)
# Words that follow a number but count nothing: verbs, pronouns, adverbs.
_NOT_UNITS = frozenset(
    """is are was were be been being has have had do does did will would can could may might
    must shall should remain remains remained stay stays stayed died die dies live lives lived
    work works worked say says said think thought know knew go goes went come comes came left
    leave leaves get gets got take takes took make makes made face faces faced attend attended
    join joined joins took need needs needed want wants wanted see saw seen seem seems use used
    uses run runs ran show shows showed win wins won lose loses lost fell fall falls rose rise
    rises signed sign voted vote votes agreed agree gathered marched turned became become
    them us you it him her those these they we which who whom whose what where there here
    more less each apiece ago later earlier before after alone only just too also even still
    already again yet thus plus unless always perhaps across besides towards afterwards
    sometimes whereas this its his hers ours yours theirs""".split()
) | frozenset(
    # Irregular past tenses, which the "-ed" test misses ("the 2024 audit found
    # leaks"); participles that also serve as adjectives ("broken", "paid") are not here.
    """found gave began brought bought caught taught meant stood wrote chose drove grew threw
    spoke fought sought""".split()
)
NOT_UNIT_WORDS = (_NOT_UNITS | _STOP) - {"of"}


def is_plural_noun(word: str) -> bool:
    """A lower-case plural ("cars") or a noun that counts as one ("people")."""
    if word[-1:] != "s":
        return word.lower() in COUNT_NOUNS
    return (
        word.islower()
        and len(word) > 2
        and not word.endswith(("ss", "us", "is", "'s", "\u2019s"))
        and word not in _NOT_UNITS
    )


def is_verb_like(word: str) -> bool:
    """A word that cannot be the noun a number counts."""
    if len(word) > 1 and word.isupper():
        return False  # an acronym: "US troops", not the pronoun
    lowered = word.lower()
    if lowered in _NOT_UNITS or lowered in _STOP:
        return True
    return word.islower() and len(word) > 4 and lowered.endswith(("ed", "ly"))


def unit_after(text: str, end: int, *, through_of: bool = True) -> tuple[str, int]:
    """The noun a number ending at ``end`` counts, and where it ends.

    Up to three modifiers may stand before it ("30,154 new cars", "50 Airbus
    A350-900 jets", "close to 1,000 maintenance and cleaning workers"); "400 of
    the jets" counts jets. Codes with digits are dropped from the unit.
    """
    phrase = _PHRASE.match(text, end)
    if phrase is None:
        return "", end
    words = phrase.group(0)
    space = words.find(" ", 1)
    first_raw = words[1:] if space == -1 else words[1:space]
    if first_raw.islower():  # the common cases, without reading the phrase word by word
        if first_raw in NOT_UNIT_WORDS:
            return "", end
        if is_plural_noun(first_raw) and first_raw not in COUNT_NOUNS:
            return first_raw, end + 1 + len(first_raw)  # "300 buses"
        if space != -1 and first_raw.isalpha() and not is_verb_like(first_raw):
            stop = words.find(" ", space + 1)
            second = words[space + 1 :] if stop == -1 else words[space + 1 : stop]
            if second.isalpha() and second.islower() and is_plural_noun(second):
                # "300 new buses", "400 police forces"
                return f"{first_raw} {second}", end + space + 1 + len(second)
    tokens: list[tuple[str, int, str]] = []  # (word, where it ends, lower case)
    position = end
    limit = 6 if first_raw.lower() == "of" else 4  # "30 of Boeing's 787-9 Dreamliner jets"
    for raw in words[1:].split(" ", limit):
        position += 1 + len(raw)
        word = raw.rstrip(".'\u2019")
        if not word or len(tokens) == limit:
            break
        lowered = word.lower()
        tokens.append((word, position - len(raw) + len(word), lowered))
        if len(word) != len(raw):
            break  # "buses." ends the phrase
        if (
            lowered in NOT_UNIT_WORDS
            and not word.isupper()
            and (len(tokens) == 1 or (limit == 4 and lowered not in ("and", "or")))
        ):
            break  # "30 in", "resident said": nothing after a verb or a link is counted
    first, first_end, first_lower = tokens[0]
    if first_lower == "of":
        return _unit_of(tokens) if through_of else ("", end)
    if is_verb_like(first) or (first[0].isdigit() and not first.isdigit()):
        return "", end
    kept: list[str] = []
    for index, (word, word_end, lowered) in enumerate(tokens[:4]):
        if index and lowered in ("and", "or") and index + 1 < len(tokens):
            kept.append(lowered)
            continue
        if is_verb_like(word) or lowered in MONTH_WORDS:
            break
        if is_plural_noun(word) and not (
            lowered in COUNT_NOUNS
            and index + 1 < len(tokens)
            and is_plural_noun(tokens[index + 1][0])
        ):  # "400 police forces": police is a modifier there
            kept.append(lowered)
            return " ".join(kept), word_end
        if word.isalpha() or not _DIGIT.search(word):
            kept.append(lowered)
    if not first.isalpha():
        return "", end
    return first_lower, first_end


def _unit_of(tokens: list[tuple[str, int, str]]) -> tuple[str, int]:
    """The counted noun after "of": "30 of Boeing's 787-9 Dreamliner jets" -> jets."""
    for word, word_end, lowered in tokens[1:6]:
        if is_plural_noun(word):
            return lowered, word_end
        if is_verb_like(word) and lowered not in ("the", "its", "their", "his", "her"):
            break
    return "", 0


def qualifier_before(text: str, start: int) -> tuple[str, int]:
    """A qualifier ("more than") right before ``start``, and where it begins.

    An article between them is allowed: "up to a $250,000 fine".
    """
    if start < 3 or text[start - 1] != " ":
        return "", start
    word_start = text.rfind(" ", 0, start - 1) + 1
    before = text[word_start : start - 1]
    if before in ("a", "an"):  # "up to a $250,000 fine"
        qualifier, begin = qualifier_before(text, word_start)
        if qualifier:
            return qualifier, begin
    if before.lower() not in _QUALIFIER_ENDS:
        return "", start
    words = text[max(0, start - 24) : start].lower().split()
    for size in (3, 2, 1):
        if len(words) >= size:
            phrase = " ".join(words[-size:])
            if phrase in _QUALIFIER_SET:
                begin = start - 1 - len(phrase)
                if begin == 0 or not text[begin - 1].isalnum():
                    return phrase.removeprefix("an ").removeprefix("a "), begin
    return "", start


def mention(
    text: str,
    start: int,
    end: int,
    value: float | None,
    unit: str,
    *,
    high: float | None = None,
    date: str = "",
) -> NumberMention:
    qualifier, begin = qualifier_before(text, start)
    return NumberMention(text[begin:end].strip(), value, unit, qualifier, begin, end, high, date)


_TIME_NOUNS = frozenset(
    "seconds minutes hours days weeks months years decades games matches attempts".split()
)


def ratio_tail(text: str, end: int, numerator: float) -> tuple[float, int] | None:
    """ "in six", " out of 10" after a number: the denominator and where it ends.

    Not "30 in 2019" (a year) nor "2 in 10 minutes" (a rate over time).
    """
    if text.startswith(" in ", end):
        at = end + 4
    elif text.startswith(" out of ", end):
        at = end + 8
    else:
        return None
    match = _DENOMINATOR.match(text, at)
    if match:
        written = match.group(1)
        if len(written) == 4 and written.isdigit() and 1800 <= int(written) <= 2100:
            return None
        denominator, stop = float(written.replace(",", "")), match.end()
    else:
        word = _LOWER_WORD.match(text, at)
        if not (word and word.group(0) in ONES):
            return None
        denominator, stop = float(ONES[word.group(0)]), word.end()
    following = _TOKEN.match(text, stop)
    noun = following.group(1).rstrip(".,;:").lower() if following else ""
    if denominator <= numerator or noun in _TIME_NOUNS:
        return None
    return denominator, stop


def drop_inside(
    found: list[NumberMention], taken: list[tuple[int, int]], start: int, stop: int
) -> None:
    """Forget the mentions found between ``start`` and ``stop``."""
    found[:] = [n for n in found if not start <= n.start < stop]
    taken[:] = [(s, e) for s, e in taken if not start <= s < stop]
