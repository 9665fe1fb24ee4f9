"""Words as matching compares them: content words, spinner swaps mapped back.

Text is reduced to canonical content words: lower case, no punctuation, no
stop words, and the word swaps synonym spinners make most often mapped back
("expertise" -> "technology", "corporate" -> "company", "mentioned" -> "said"),
with the plain synonyms news rewrites trade ("killed" / "died", "positions" /
"jobs"). :func:`gist_words` goes one step further for comparing wording: no
numbers (they are compared as amounts) and a light stemming.
"""

from __future__ import annotations

import re

STOP = frozenset(
    """a an the and or but of in on at to for by with from as is are was were be been being it
    its this that these those which who whom whose what when where while if so than then there
    their they them he she his her we our you your i me my not no nor also just only very more
    most such into over under after before about against between through during without within
    would could should may might will shall can do does did has have had having said says told
    added wrote according""".split()
)
# Spinner swaps seen in the wild, mapped back to the common word (and a few
# plain synonyms news rewrites trade). Extend with care: every entry makes two
# words count as one everywhere.
CANONICAL = {
    "expertise": "technology",
    "know-how": "technology",
    "tech": "technology",
    "corporate": "company",
    "firm": "company",
    "agency": "company",
    "enterprise": "business",
    "regulation": "law",
    "legislation": "law",
    "mentioned": "said",
    "stated": "said",
    "informed": "told",
    "defined": "explained",
    "introduced": "announced",
    "discovered": "found",
    "misplaced": "lost",
    "prospects": "customers",
    "clients": "customers",
    "homes": "households",
    "faucet": "tap",
    "escapes": "leaks",
    "leakage": "leaks",
    "spend": "invest",
    "spending": "investment",
    "greater": "more",
    "additionally": "also",
    "utilise": "use",
    "utilize": "use",
    "employed": "used",
    "begin": "start",
    "commence": "start",
    "consumers": "shoppers",
    "individuals": "people",
    "persons": "people",
    "3": "three",
    "5": "five",
    "halve": "half",
    "desk": "table",
    "newest": "latest",
    "nation": "country",
    "information": "records",
    "documents": "records",
    "pipes": "pipe",
    "mains": "pipe",
    # Plain synonyms of news rewrites: the same event told with other words.
    "hearth": "fire",
    "blaze": "fire",
    "faculty": "school",
    "killed": "died",
    "dead": "died",
    "deaths": "died",
    "positions": "jobs",
    "eliminated": "cut",
    "axed": "cut",
    "slashed": "cut",
    "cutting": "cut",
    "scrapped": "cancelled",
    "cancel": "cancelled",
    "cancels": "cancelled",
    "detained": "arrested",
    "hurt": "injured",
    "wounded": "injured",
    "penalty": "fine",
    "fined": "fine",
    "recruited": "enrolled",
    "shut": "closed",
    "stay": "remain",
    "stays": "remain",
    "increased": "rose",
    "dropped": "fell",
    "jobless": "unemployment",
    "began": "start",
    "started": "start",
    "begun": "start",
    "starts": "start",
    "each": "every",
    "residents": "people",
    "inhabitants": "people",
    "floodwater": "flood",
    "floodwaters": "flood",
}
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
# Raw token -> its canonical word ("" for none): news text repeats its words.
_CANONICAL_OF: dict[str, str] = {}
_CANONICAL_CACHE = 200_000


def _canonical(token: str) -> str:
    word = token.strip("'-")
    if word.endswith("'s"):
        word = word[:-2]
    if not word or word in STOP:
        return ""
    return CANONICAL.get(word, word)


def canonical_words(text: str) -> list[str]:
    """The content words of ``text``, canonicalised, in order."""
    known = _CANONICAL_OF
    words = []
    for token in _WORD.findall(text.lower().replace("\u2019", "'")):
        word = known.get(token)
        if word is None:
            word = _canonical(token)
            if len(known) < _CANONICAL_CACHE:
                known[token] = word
        if word:
            words.append(word)
    return words


def _stem(word: str) -> str:
    """A light stemming, enough for "inspect" / "inspects" / "inspected"."""
    if word.endswith("ss"):
        return word
    if word.endswith(("ses", "xes", "zes", "ches", "shes")) and len(word) > 5:
        return word[:-2]
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if suffix != "s" and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]  # "stabbed", "planned", "stopping"
            return stem
    return word


_GIST_OF: dict[str, str] = {}


def gist_words(
    words: list[str] | tuple[str, ...], skip: frozenset[str], *, numbers: bool = False
) -> tuple[str, ...]:
    """Canonical words, lightly stemmed, without those in ``skip`` nor (unless
    ``numbers``) numbers."""
    known = _GIST_OF
    found = []
    for whole in words:
        for word in whole.split("-") if "-" in whole else (whole,):
            if not word or (word[0].isdigit() and not numbers) or word in skip:
                continue
            stem = known.get(word)
            if stem is None:
                stem = _stem(CANONICAL.get(word, word))
                if len(known) < _CANONICAL_CACHE:
                    known[word] = stem
            found.append(stem)
    return tuple(found)
