"""The facts two claims must agree on to state the same fact (amounts: :mod:`.amounts`).

Wording can agree closely while the facts differ: one sentence negates the
other ("approved" / "did not approve"), names another subject ("Microsoft" /
"Amazon") or another date ("March 3" / "April 3"). This module reads those
facts from a claim and says where two claims part.

Dates are read from the text, and from the ISO ``date`` the number reader
gives a :class:`NumberMention` when it does.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

import attrs

from workbench.core.matching.amounts import NUMBER_WORD_VALUES
from workbench.core.matching.words import STOP
from workbench.core.models import NumberMention

T = TypeVar("T")

# -- negation and direction -------------------------------------------------------------

NEGATIONS = frozenset(
    """not no never none nobody nothing neither nor cannot lack lacks lacked lacking
    refused refuses refuse refusing denied denies deny denying rejected rejects reject
    rejecting failed fails fail failing unable miss misses missed missing""".split()
)
# "declined" and the like negate only when an infinitive follows ("declined to comment").
NEGATING_BEFORE_TO = frozenset({"declined", "declines", "decline", "declining"})
NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")
_PREFIX_STARTS = frozenset(prefix[:2] for prefix in NEGATING_PREFIXES)
UP = frozenset(
    """rose rise rises risen rising increased increase increases increasing climbed climbs
    grew grow grows growing jumped jumps soared soars surged surges gained gains higher
    raised raises raising add adds added adding expand expands expanded expanding""".split()
)
DOWN = frozenset(
    """fell fall falls fallen falling dropped drop drops dropping decreased decrease decreases
    decreasing shrank shrinks slipped slips slumped slumps plunged plunges lower lowered
    lowers cut cuts cutting reduce reduces reduced reducing slash slashes slashed""".split()
)
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")


_APOSTROPHE_NOT = "n't"


def negation_parity(tokens: list[str]) -> int:
    """1 when the text negates an odd number of times, else 0 ("not only" does not count)."""
    words = set(tokens)
    if (
        NEGATIONS.isdisjoint(words)
        and NEGATING_BEFORE_TO.isdisjoint(words)
        and not any(_APOSTROPHE_NOT in t for t in words if "'" in t)
    ):
        return 0
    count = 0
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token in NEGATIONS or token.endswith(_APOSTROPHE_NOT):
            if token == "not" and following == "only":
                continue
            count += 1
        elif token in NEGATING_BEFORE_TO and following == "to":
            count += 1
    return count % 2


def direction(tokens: list[str]) -> int:
    """+1 when the text says something went up, -1 down, 0 neither or both."""
    words = set(tokens)
    up, down = bool(words & UP), bool(words & DOWN)
    return 0 if up == down else (1 if up else -1)


def tokens_of(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


def _forms(*stems: str) -> frozenset[str]:
    return frozenset(stems)


# Words that state the opposite of each other ("passed" / "failed" an inspection).
OPPOSITES = (
    (
        _forms("pass", "passed", "passes", "passing"),
        _forms("fail", "failed", "fails", "failing"),
    ),
    (
        _forms("approve", "approved", "approves", "approving", "accept", "accepted", "accepts"),
        _forms("reject", "rejected", "rejects", "rejecting"),
    ),
    (_forms("confirm", "confirmed", "confirms"), _forms("deny", "denied", "denies")),
    (_forms("open", "opened", "opens", "reopened", "reopen"), _forms("close", "closed", "closes")),
    (_forms("allow", "allowed", "allows", "lift", "lifted"), _forms("ban", "banned", "bans")),
    (_forms("support", "supported", "supports", "backed"), _forms("oppose", "opposed", "opposes")),
    (_forms("convicted", "guilty"), _forms("acquitted", "innocent", "cleared")),
    (_forms("win", "won", "wins"), _forms("lose", "lost", "loses")),
)


def polar_sides(words: frozenset[str]) -> frozenset[tuple[int, int]]:
    """(pair, side) for each pair of :data:`OPPOSITES` the words take one side of."""
    sides = set()
    for index, (yes, no) in enumerate(OPPOSITES):
        said_yes, said_no = not words.isdisjoint(yes), not words.isdisjoint(no)
        if said_yes != said_no:
            sides.add((index, 0 if said_yes else 1))
    return frozenset(sides)


def opposites(a: frozenset[tuple[int, int]], b: frozenset[tuple[int, int]]) -> bool:
    """One claim says a word the other says the opposite of (sides from :func:`polar_sides`)."""
    return any((index, 1 - side) in b for index, side in a)


def unprefixed(words: Iterable[str]) -> frozenset[str]:
    """The words that a negating prefix turned around, without it ("unlawful" -> "lawful")."""
    return frozenset(
        word[len(prefix) :]
        for word in words
        if word[:2] in _PREFIX_STARTS
        for prefix in NEGATING_PREFIXES
        if word.startswith(prefix) and len(word) - len(prefix) >= 3
    )


def prefix_negated(
    only_a: frozenset[str], bare_a: frozenset[str], only_b: frozenset[str], bare_b: frozenset[str]
) -> bool:
    """One side has a word the other has with a negating prefix ("lawful" / "unlawful").

    ``bare_a`` and ``bare_b`` are each side's :func:`unprefixed` words.
    """
    return not bare_a.isdisjoint(only_b) or not bare_b.isdisjoint(only_a)


# -- names --------------------------------------------------------------------------------

# Words that open sentences without naming anyone; a capitalised first word
# outside this list is read as a name ("Microsoft will ..." / "Amazon will ...").
COMMON_STARTERS = frozenset(
    """after although among another any around as asked authorities according additionally
    also analysts before both critics despite doctors during each earlier engineers even
    every experts families few firefighters for government hackers health here however
    in instead investigators its last later local many meanwhile more most much neither
    next nor now officials once one only opponents other others over overall people police
    prices protesters rescuers researchers residents scientists separately shares shop
    shoppers since so some still students supporters teachers than that the their then
    there these they this those though three through thursday today together two under
    unemployment unlike until voters weeks what when where whether which while who why
    with workers yesterday yet""".split()
)
TITLES = frozenset(
    """mr mrs ms miss dr sir dame lord lady mayor president senator councillor minister prime
    chief professor prof judge general captain officer inspector sergeant chancellor
    governor king queen prince princess pope rev father sister saint st""".split()
)
# Names of one place written several ways.
ALIASES = {
    "us": "usa",
    "u.s": "usa",
    "america": "usa",
    "american": "usa",
    "united": "usa",
    "states": "usa",
    "uk": "britain",
    "british": "britain",
    "kingdom": "britain",
    "england": "britain",
}
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
NOT_NAMES = frozenset(MONTHS) | WEEKDAYS | TITLES
_CAPITALISED = re.compile(r"[A-Z][A-Za-z'\u2019.-]*")


def first_word_name(text: str) -> str | None:
    """The sentence's first word when it reads as a name (not a common opening word)."""
    match = _CAPITALISED.match(text.lstrip("\"'\u201c\u2018 "))
    if match is None:
        return None
    word = match.group(0).rstrip(".").lower()
    for suffix in ("'s", "\u2019s"):
        word = word.removesuffix(suffix)
    if (
        len(word) < 2
        or word in COMMON_STARTERS
        or word in NOT_NAMES
        or word in STOP
        or any(part in NUMBER_WORD_VALUES for part in word.split("-"))
    ):
        return None
    return word


def entity_names(names: Iterable[str]) -> frozenset[str]:
    """Names as compared across claims: titles, months and days out, aliases joined."""
    return frozenset(ALIASES.get(n, n) for n in names if n not in NOT_NAMES)


def entities_differ(
    a: frozenset[str], b: frozenset[str], words_a: frozenset[str], words_b: frozenset[str]
) -> bool:
    """Each claim names someone or something the other does not (another subject).

    A name the other claim holds as a plain word ("Police said" / "said police")
    or a shortened form ("Met" / "Metropolitan") is the same name.
    """
    if not a or not b or a == b:
        return False
    only_a = {n for n in a - b if n not in words_b}
    only_b = {n for n in b - a if n not in words_a}
    if not only_a or not only_b:
        return False
    for x in list(only_a):
        for y in list(only_b):
            if len(x) >= 3 and len(y) >= 3 and (x.startswith(y) or y.startswith(x)):
                only_a.discard(x)
                only_b.discard(y)
    return bool(only_a) and bool(only_b)


# -- dates --------------------------------------------------------------------------------


@attrs.frozen
class When:
    """A date as far as the text gives it: year, month, day (None when not given)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def fits(self, other: When) -> bool:
        """The two can be the same date: no part both give differs."""
        return all(
            x is None or y is None or x == y
            for x, y in ((self.year, other.year), (self.month, other.month), (self.day, other.day))
        )

    def __str__(self) -> str:
        month = _MONTH_NAMES[self.month - 1] if self.month else ""
        return " ".join(str(p) for p in (self.day, month, self.year) if p)


_MONTH_NAMES = (
    "January February March April May June July August September October November December".split()
)
# Month names as written in dates: capitalised ("may" and "march" are verbs).
_MONTH = "|".join(sorted({m.capitalize() for m in MONTHS}, key=len, reverse=True))
_MONTH_WORD = re.compile(rf"\b({_MONTH})\b\.?")
_DAY_BEFORE = re.compile(r"(?<![\w.,])([0-3]?\d)(?:st|nd|rd|th)? $")
_DAY_AFTER = re.compile(
    r",? ([0-3]?\d)(?:st|nd|rd|th)?\b(?!\.\d|,\d)(?:,? ((?:1[89]|20|21)\d\d)\b)?"
)
_YEAR_AFTER = re.compile(r",? ((?:1[89]|20|21)\d\d)\b")
_WORD_BEFORE = re.compile(
    r"\b(?:in|since|until|by|of|last|next|early|late|mid|from|before|after|on) $", re.I
)
_ISO_DATE = re.compile(r"\b((?:1[89]|20|21)\d\d-[01]\d(?:-[0-3]\d)?)\b")


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _iso(text: str) -> When | None:
    """An ISO 8601 date as the number reader gives it: 2024-03-03, 2024-03, 2024, --03-03."""
    match = re.fullmatch(r"(\d{4}|-)-?(\d\d)?-?(\d\d)?", text)
    if match is None:
        return None
    year, month, day = match.groups()
    return When(int(year) if year != "-" else None, _int(month), _int(day))


_ISO_HINT = re.compile(r"\d{4}-\d\d")


def dates_in(
    text: str, numbers: Iterable[NumberMention], words: frozenset[str] | None = None
) -> tuple[frozenset[When], frozenset[int]]:
    """The dates (with a month) and the years a claim gives.

    ``words``, the claim's lower-case words when the caller has them, saves
    reading for dates a text that names no month.
    """
    dates: set[When] = set()
    years: set[int] = set()
    if words is None or not words.isdisjoint(MONTHS):
        for match in _MONTH_WORD.finditer(text):
            month = MONTHS[match.group(1).lower()]
            start, end = match.span()
            day: int | None = None
            year: int | None = None
            before = _DAY_BEFORE.search(text, max(0, start - 6), start)
            after = _DAY_AFTER.match(text, end)
            if before:  # "3 March", "3 March 2024"
                day = int(before.group(1))
                later = _YEAR_AFTER.match(text, end)
                year = int(later.group(1)) if later else None
            elif after:  # "March 3", "March 3, 2024"
                day = int(after.group(1))
                year = _int(after.group(2))
            else:
                later = _YEAR_AFTER.match(text, end)
                if later:  # "March 2024"
                    year = int(later.group(1))
                elif not _WORD_BEFORE.search(text, max(0, start - 8), start):
                    continue  # a bare "May": a name or the start of a question
            if day is not None and not 1 <= day <= 31:
                continue
            dates.add(When(year, month, day))
    if _ISO_HINT.search(text):
        for match in _ISO_DATE.finditer(text):
            found = _iso(match.group(1))
            if found is not None:
                dates.add(found)
    for number in numbers:
        iso = getattr(number, "date", "") or ""  # the newer number reader gives ISO dates
        if iso:
            found = _iso(iso)
            if found is not None and (found.month or found.day):
                dates.add(found)
            elif found is not None and found.year:
                years.add(found.year)
        elif number.unit == "year" and number.value is not None:
            years.add(int(number.value))
    years.update(d.year for d in dates if d.year)
    # A date without its year is fitted to the years the claim gives elsewhere.
    return frozenset(dates), frozenset(years)


def weekdays_in(tokens: list[str]) -> frozenset[str]:
    return frozenset(t for t in tokens if t in WEEKDAYS)


def _both_unmatched(
    a: Iterable[T], b: Iterable[T], fit: Callable[[T, T], bool] = operator.eq
) -> tuple[T, T] | None:
    """One item of each side that fits nothing on the other side, if both sides have one."""
    left, right = list(a), list(b)
    alone_a = [x for x in left if not any(fit(x, y) for y in right)]
    alone_b = [y for y in right if not any(fit(x, y) for x in left)]
    if alone_a and alone_b:
        return alone_a[0], alone_b[0]
    return None


def dates_differ(
    a: tuple[frozenset[When], frozenset[int], frozenset[str]],
    b: tuple[frozenset[When], frozenset[int], frozenset[str]],
) -> tuple[str, str, int] | None:
    """The first disagreement between two claims' dates, years or weekdays, as written,
    with how many parts of the date differ (day, month, year)."""
    if a == b or not any(x and y for x, y in zip(a, b, strict=True)):
        return None
    found = _both_unmatched(sorted(a[0], key=str), sorted(b[0], key=str), When.fits)
    if found:
        x, y = found
        parts = sum(
            p is not None and q is not None and p != q
            for p, q in ((x.year, y.year), (x.month, y.month), (x.day, y.day))
        )
        return str(x), str(y), parts
    years = _both_unmatched(sorted(a[1]), sorted(b[1]))
    if years:
        return str(years[0]), str(years[1]), 1
    days = _both_unmatched(sorted(a[2]), sorted(b[2]))
    if days:
        return days[0].capitalize(), days[1].capitalize(), 1
    return None
