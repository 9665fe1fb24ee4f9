"""Where a sentence ends: whether an end mark, with the words around it, closes one.

The rules are listed in :mod:`workbench.core.text.sentences`, which splits text
with them; this module holds the abbreviations, titles and list numbers they
know and the test each end mark goes through (:func:`is_boundary`).
"""

from __future__ import annotations

import re

__all__ = [
    "ABBREVIATIONS",
    "CLOSERS",
    "FINAL",
    "MAX_QUOTE",
    "SENTENCE_STARTERS",
    "in_quotation",
    "is_boundary",
]

MAX_QUOTE = 500  # a longer quotation is split into its sentences

# Titles and labels that always have something after them: never a sentence end.
_PREFIXES = frozenset(
    """mr mrs ms mx dr prof gen gov sen rep rev hon capt lt col sgt cmdr adm maj supt insp
    fr vs cf e.g i.e approx""".split()
)
# Labels that end a sentence unless a number follows: "No. 5", "p. 55", "vol. 2".
_NEEDS_NUMBER = frozenset({"no", "nos", "fig", "vol", "pp", "p", "op", "sec", "art", "ch"})
# Abbreviations that may end a sentence (``& Co. It closed``); they do only
# when the next word clearly starts a new one (see :data:`SENTENCE_STARTERS`).
ABBREVIATIONS = (
    frozenset(
        """sr jr st mt ft inc ltd llc plc co corp bros dept est etc al u.s u.k u.n e.u a.m p.m
        ph.d d.c n.y l.a u.s.a ave blvd rd univ assn n.h n.j n.m n.c n.d r.i s.c s.d""".split()
    )
    | _PREFIXES
    | _NEEDS_NUMBER
)
# Months and US states as the wire services shorten them: abbreviations only
# when capitalised ("Mich.", "Nov."), ordinary words otherwise ("ill.", "mass.").
_CAPITALISED_ABBREVIATIONS = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec ala ariz ark calif colo conn del fla ga
    ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex vt va wash
    wis wyo""".split()
)
# Words that begin a sentence far more often than they continue a name.
SENTENCE_STARTERS = frozenset(
    """The A An It He She They We I You This That These Those There Here His Her Its Their
    Our My Your But And Or So Yet If As When While After Before Although Though Since
    Because How What Why Where Who Which Did Do Does Is Are Was Were Has Have Had Can Could
    Would Should In On At For From By With Without Under Over Meanwhile However Then Now
    Today Yesterday Some Many Most Few Several Others All Both Each Every None Nobody Nothing
    Not Nor Also Still Instead""".split()
)

_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_NEXT_WORD = re.compile(r"[\"'\u201c\u2018(\[]?([A-Za-z]+)")
# The attribution that may follow a quotation closed on an end mark.
_ATTRIBUTION = re.compile(
    r"(?:(?:[A-Z][\w'\u2019.-]*|of|the) ){1,5}(?:said|says|told|asked|asks|added|adds|wrote|"
    r"writes|explained|insisted|replied|responded|answered|recalled|noted|warned|continued|"
    r"argued|claimed|stated|declared|tweeted|posted|testified|admitted|conceded|acknowledged|"
    r"agreed|countered|remarked|observed|joked|stressed|emphasi[sz]ed|announced|concluded)\b"
)
OPENERS = "\"'\u201c\u2018([\u00bf\u00a1"
FINAL = ".!?\u2026:;"
CLOSERS = "\"'\u201d\u2019)]*"


def is_boundary(block: str, begin: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the end mark (with its closers) at ``begin..end`` of ``block`` ends a sentence."""
    after, size = end, len(block)
    while after < size and block[after].isspace():  # no copy of the rest of the block
        after += 1
    if after == size:
        return False  # the end of the block ends the sentence anyway
    following = block[after]
    if not (following.isupper() or following.isdigit() or following in OPENERS):
        return False
    mark = block[begin:end].rstrip(CLOSERS)
    if mark == "." and not _period_ends(block, begin, after, following):
        return False
    if (
        mark in ("...", "\u2026")
        and begin > 1
        and block[begin - 1] == " "
        and block[begin - 2] not in FINAL
    ):
        return False  # an omission inside a sentence: "the thing is ... I did not"
    for open_at, close_at in spans:
        if open_at < begin < close_at and close_at - open_at <= MAX_QUOTE:
            if close_at >= end:
                return False  # inside a quotation that goes on
            # The quotation closes on this end mark: a new sentence follows
            # unless the next words attribute the quotation.
            return not _ATTRIBUTION.match(block, after, after + 80)
    return True


def in_quotation(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` lies inside a quotation that :func:`is_boundary` keeps whole."""
    for open_at, close_at in spans:
        if open_at < at < close_at and close_at - open_at <= MAX_QUOTE:
            return True
    return False


def _period_ends(block: str, begin: int, after: int, following: str) -> bool:
    """Whether the full stop at ``begin`` ends a sentence, by the word it follows."""
    if begin >= 2 and block[begin - 1] == " " and block[begin - 2] == ".":
        # A spaced ellipsis ". . ." leaves words out; a fourth dot ends the sentence.
        return block.endswith(". . . .", 0, begin + 1)
    space = block.rfind(" ", max(0, begin - 24), begin)
    last = block[space + 1 : begin]
    if len(last) > 1 and last.isalpha() and last.islower() and last not in ABBREVIATIONS:
        return True  # the common case, "... the virus. The": no regex needed
    word = _WORD_BEFORE.search(block, max(0, begin - 24), begin)
    if word is None:
        return not _list_number(block, begin)
    written = word.group(1)
    token = written.lower()
    if written[0].isupper() and token in _CAPITALISED_ABBREVIATIONS:
        token = "st"  # any abbreviation that may end a sentence
    starts = _starts_sentence(block, after, following)
    if token == "p" and written == "P":
        token = written  # "p. 55" is a page; "James P. Kennedy" an initial
    if token in ABBREVIATIONS:
        if token in _NEEDS_NUMBER:
            return not following.isdigit()
        return token not in _PREFIXES and starts
    if len(token) == 1:
        if _list_number(block, begin, letter=True):
            return False  # "a. The first item", "B. The second"
        if written.isupper():
            return starts  # an initial: "J. Smith", but "you and I. Did you"
    if _ACRONYM.match(token) and following.isupper():
        return starts  # "U.S. Government", but "in the U.S. How about"
    return True


def _list_number(block: str, begin: int, *, letter: bool = False) -> bool:
    """Whether the number (or letter) ending at ``begin`` numbers a list item: "1. The"."""
    if letter:
        digits = begin - 1
    else:
        digits = begin
        while digits > 0 and block[digits - 1].isdigit():
            digits -= 1
        if not 0 < begin - digits <= 3:
            return False
    if digits == 0:
        return True
    if not block[digits - 1].isspace() and block[digits - 1] not in "\u2022\u2043":
        return False
    before = block[:digits].rstrip(" ")
    return not before or before[-1] in "\n\u2022\u2043-*.!?:"


def _starts_sentence(block: str, after: int, following: str) -> bool:
    """Whether the word at ``after`` clearly begins a sentence."""
    if following.isdigit():
        return False
    word = _NEXT_WORD.match(block, after, after + 16)
    return word is not None and word.group(1) in SENTENCE_STARTERS
