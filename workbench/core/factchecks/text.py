"""Text as fact-check matching reads it: noise out, then stemmed content words.

Posts carry noise that says nothing about the claim: links, ``pic.twitter.com``
attachments, the "— Name (@handle) date" line under an embedded post, the
``@`` and ``#`` marks. Links and attachments go; a handle or hashtag keeps its
words ("#DefundTheCBC" -> "Defund The CBC", "@realDonaldTrump" -> "real Donald
Trump"), because they often name what the post is about. A run-together
lower-case tag ("#stonemanshooting") is split into words the fact-checks use,
when a ``known`` test is given.

Words are lower-cased, stop words dropped, number words written as digits and
stemmed with the Snowball English stemmer, so "washed ashore" meets "wash up"
and "ten times" meets "10".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable

import Stemmer

# Links, bare domains with a path, and attachments; also glued to a word before them.
_LINK = re.compile(
    r"(?:https?://|www\.|pic\.twitter\.com/)\S*|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ly|co)/\S*",
    re.IGNORECASE,
)
# The credit line under an embedded post: "— Name (@handle) January 14, 2020".
_CREDIT = re.compile(
    r"[\u2014\u2013]\s*([^\u2014\u2013()\n]{0,60}?)\s*\(@\w{1,30}\)\s*"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})?"
)
_TAG = re.compile(r"(?<![\w@#])[@#](\w{2,})")
# Where a joined tag splits: fooBar, FOOBar, foo2020, 2020foo.
_CAMEL = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:,\d{3})*(?:\.\d+)?")  # words first: most are

STOP = frozenset(
    """a an the and or but of in on at to for by with from as is are was were be been being it
    its this that these those which who whom whose what when where while if so than then there
    their they them he she his her we our you your i me my not no nor also just only very more
    most such into over under after before about against between through during without within
    would could should may might will shall can do does did has have had having said says told
    according s t rt via amp us im it's i'm don't can't won't didn't doesn't isn't wasn't aren't
    weren't hasn't haven't hadn't""".split()
)
NEGATIONS = frozenset("""not no never none nobody nothing neither nor cannot without n't""".split())
NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "thousand": "1000",
}
MIN_PIECE = 3  # a run-together tag splits only into words at least this long
LONG_TAG = 7  # shorter lower-case tags are left whole

_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    """One stemmer per thread: a Stemmer object must not be shared between threads."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def stem(words: list[str]) -> list[str]:
    result: list[str] = _stemmer().stemWords(words)
    return result


def _split_tag(tag: str, known: Callable[[Iterable[str]], set[str]] | None) -> str:
    """A hashtag or handle as words: at its capitals, else into known words."""
    words = _CAMEL.sub(" ", tag).replace("_", " ")
    if " " in words.strip() or known is None or len(tag) < LONG_TAG or not tag.isalpha():
        return words
    return " ".join(segment(tag.lower(), known) or [tag])


def segment(word: str, known: Callable[[Iterable[str]], set[str]]) -> list[str] | None:
    """``word`` split into the fewest known words (by their stems), or None.

    ``known`` gets every stem that could be a piece at once and returns those
    the fact-checks use.
    """
    size = len(word)
    pieces = {
        (i, j): word[i:j]
        for i in range(size)
        for j in range(i + MIN_PIECE, size + 1)
        if word[i:j] not in STOP
    }
    stems = dict(zip(pieces, stem(list(pieces.values())), strict=True))
    found = known(set(stems.values()))
    best: list[list[str] | None] = [None] * (size + 1)
    best[0] = []
    for i in range(size):
        head = best[i]
        if head is None:
            continue
        for j in range(i + MIN_PIECE, size + 1):
            if stems.get((i, j)) in found:
                current = best[j]
                if current is None or len(current) > len(head) + 1:
                    best[j] = [*head, word[i:j]]
    result = best[size]
    return result if result is not None and len(result) > 1 else None


def clean(text: str, known: Callable[[Iterable[str]], set[str]] | None = None) -> str:
    """``text`` without links, attachments and credit lines; tags turned into words.

    Each rule runs only on text with the character it needs: most claims
    have no link, handle or tag, and ingest cleans every claim.
    """
    if "/" not in text and "www." not in text and "@" not in text and "#" not in text:
        return text
    text = _LINK.sub(" ", text)
    if "(@" in text:
        text = _CREDIT.sub(lambda m: " " + m.group(1) + " ", text)
    if "@" in text or "#" in text:
        text = _TAG.sub(lambda m: " " + _split_tag(m.group(1), known) + " ", text)
    return " ".join(text.split())


_POSTED = re.compile(
    r"\(@\w{1,30}\)\s*(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December) \d{1,2}, (\d{4})"
)


def without_credit(text: str) -> str:
    """``text`` without the credit lines of embedded posts: their names are the posters',
    not names the claim is about, and must not count when names are compared."""
    return _CREDIT.sub(" ", text) if "(@" in text else text


def link_or_attachment(text: str) -> bool:
    """Whether ``text`` carries a link or an attached picture or video (before cleaning)."""
    return ("/" in text or "www." in text) and _LINK.search(text) is not None


def post_year(text: str) -> int | None:
    """The year of the last embedded post's credit line ("(@handle) June 4, 2019"), if any."""
    if "(@" not in text:
        return None
    found = _POSTED.findall(text)
    return int(found[-1]) if found else None


def words(text: str) -> list[str]:
    """The lower-case words and numbers of ``text`` (stop words kept)."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


# word -> its term ("" for a stop word): texts repeat their words, and
# stemming a word once is enough. Bounded, so a stream of odd words cannot
# grow it without end.
_TERM_OF: dict[str, str] = {}
_TERM_CACHE = 300_000


def _term(word: str) -> str:
    if word in STOP:
        return ""
    if word.endswith("'s"):
        word = word[:-2]
    elif "'" in word:
        word = word.replace("'", "")
    if word[0].isdigit():
        word = word.replace(",", "")
    word = NUMBER_WORDS.get(word, word)
    result: str = _stemmer().stemWord(word)
    return result


def terms(text: str) -> list[str]:
    """The stemmed content words of already cleaned ``text``, in order."""
    known = _TERM_OF
    found = words(text)
    kept = [known.get(word) for word in found]
    if None in kept:
        for at, term in enumerate(kept):
            if term is None:
                term = kept[at] = _term(found[at])
                if len(known) < _TERM_CACHE:
                    known[found[at]] = term
    return [term for term in kept if term]


def negated(text: str) -> bool:
    """Whether ``text`` says something is not so ("not", "never", "didn't" ...)."""
    return any(w in NEGATIONS or w.endswith("n't") for w in words(text))


_NAME = re.compile(r"\b[A-Z][\w'-]*[a-zA-Z](?:\s+[A-Z][\w'-]*[a-zA-Z])*")
_ENDS_SENTENCE = '.!?:;"“”'


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip()
    return start == 0 or not before or before[-1] in _ENDS_SENTENCE


def names(text: str) -> set[str]:
    """Stems of the capitalised words of ``text`` that do not just start a sentence."""
    found: list[str] = []
    for match in _NAME.finditer(text):
        parts = match.group(0).split()
        if len(parts) == 1 and _starts_sentence(text, match.start()):
            continue  # one capitalised word at a sentence start is no name
        found.extend(p.lower() for p in parts if p.lower() not in STOP)
    return set(stem([w.replace("'s", "").replace("'", "") for w in found]))
