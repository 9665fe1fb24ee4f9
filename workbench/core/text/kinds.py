"""What kind of claim a sentence makes, which decides how a checker approaches it.

In order of precedence:

* quote: a direct quotation of four words or more with a speaker;
* study: a study, report, survey... and what it found;
* comparison, when it ranks: "ranks 14th of 17", "the league table",
  "number one";
* statistic: a count, amount, share or percentage (a duration alone, such as
  "for two years", is no statistic, nor is a date or a rank);
* comparison: a comparative with "than" ("higher than in 2019", but not the
  qualifier "more than 40"), or a superlative that is the point of the
  sentence ("Ashby's biggest strike", "the first council to") rather than an
  aside ("the airline, the largest in the world, said"); not "first
  appeared", "more respect" nor "the first half";
* attribution: someone said it;
* event: a dated or datable action, without a number;
* other.
"""

from __future__ import annotations

import re

from workbench.core.models import ClaimKind, NumberMention

COMPARATIVE_WORDS = frozenset(
    "more less fewer greater higher lower larger smaller bigger worse better cheaper dearer "
    "faster slower longer shorter older younger richer poorer".split()
)
SUPERLATIVE_WORDS = frozenset(
    "largest biggest smallest highest lowest strongest weakest fastest slowest greatest oldest "
    "newest youngest richest poorest best worst most least first last deadliest busiest "
    "costliest longest shortest".split()
)
RANKING_WORDS = frozenset({"rank", "ranks", "ranked", "ranking", "rankings"})
_DATE_UNITS = frozenset({"year", "date", "time", "century", "rank", "age"})
# Dates written in words: "early this year", "last month", "next week".
_RELATIVE_DATE = re.compile(
    r"\b(?:this|next|last|earlier this|later this|early this|late last) (?:week|weekend|month|"
    r"year|spring|summer|autumn|fall|winter|decade|season|morning|evening|night)\b"
    r"|\b(?:yesterday|today|tonight|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b"
    r"|\b(?:in|on|since|by|until|from|last|next|early|late|mid) (?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december)\b"
)
_RANK_HINTS = frozenset({"one", "no", "top"})
_DATE_HINTS = frozenset(
    """week weekend month year spring summer autumn fall winter decade season morning evening
    night yesterday today tonight monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november
    december""".split()
)
# "a California-based data firm" names a company, not a study.
_STUDY_COMPANY = re.compile(
    r"\b(?:data|research|analysis|polling|survey|testing) (?:firm|company|provider|group|agency)\b"
)
_DURATIONS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries year-old years-old".split()
)
# "more than 40", "less than half": the comparative qualifies a number.
_QUALIFYING = re.compile(
    r"\b(?:more|less|fewer|greater|higher|lower) than (?:about |around |a |an |half|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a hundred|\$|£|€|\d)"
)
_COMPARED = re.compile(
    r"\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|worse|better|cheaper|"
    r"faster|slower|longer|shorter|older|younger|richer|poorer|cheaper|dearer|wider|narrower|"
    r"deeper|heavier|lighter|warmer|colder|wetter|drier|safer|stronger|weaker)"
    r"(?: [a-z-]+){0,4}? than\b"
)
# A superlative that ranks: "the biggest", "Indiana's biggest", "the first council to".
# A superlative that ranks ("the biggest", "Indiana's biggest", "the first council to"),
# read only where a superlative stands, from the words just before and after it.
_BEFORE_SUPERLATIVE = re.compile(
    r"(?:\bthe|['\u2019]s|\bits|\btheir) (?:(?:second|third|fourth|fifth|single|very) )?$"
)
_NOT_RANKING_AFTER = re.compile(
    r" (?:half|quarter|time|day|week|month|year|round|place|name|thing|step|stage|phase|"
    r"of the (?:year|month|week|season))\b"
)
_WORD = re.compile(r"[a-z]+")
_NUMBER_ONE = re.compile(r"\b(?:number one|no\. ?1|top (?:\d+|ten|five|three|spot))\b")


def kind_of(
    *,
    outside: str,
    words: set[str] | frozenset[str] = frozenset(),
    numbers: tuple[NumberMention, ...],
    speaker: str | None,
    attributed: bool = False,
    direct_quote: bool,
    study: bool,
    dated: bool,
    lowered: str = "",
) -> ClaimKind:
    """The kind of a sentence, from its text outside quotation marks and what was found in it.

    ``attributed`` says someone is reported speaking even when the sentence
    does not say who ("she argued ...", with no one named before). ``words``
    and ``lowered`` (the lower-case words and text of ``outside``) save
    reading it again when the caller has them.
    """
    if direct_quote and speaker:
        return ClaimKind.QUOTE
    lowered = lowered or outside.lower()
    words = words or frozenset(_WORD.findall(lowered))
    if study and not _STUDY_COMPANY.search(lowered):
        return ClaimKind.STUDY
    if _ranks(lowered, words, numbers):
        return ClaimKind.COMPARISON
    for number in numbers:
        unit = number.unit
        if unit not in _DATE_UNITS and unit.rpartition(" ")[2] not in _DURATIONS:
            return ClaimKind.STATISTIC
    attributed = attributed or speaker is not None
    if _compares(lowered, words, attributed):
        return ClaimKind.COMPARISON
    if attributed:
        return ClaimKind.ATTRIBUTION
    if dated or numbers or (not _DATE_HINTS.isdisjoint(words) and _RELATIVE_DATE.search(lowered)):
        return ClaimKind.EVENT  # the numbers left are dates, times, ages, ranks, durations
    return ClaimKind.OTHER


def _ranks(
    lowered: str, words: set[str] | frozenset[str], numbers: tuple[NumberMention, ...]
) -> bool:
    if not RANKING_WORDS.isdisjoint(words) or ("league" in words and "league table" in lowered):
        return True
    if _RANK_HINTS.isdisjoint(words) and not numbers:
        return False
    if ("number one" in lowered or "no. 1" in lowered or " top " in lowered) and _NUMBER_ONE.search(
        lowered
    ):
        return True
    if "one of the first" in lowered or "one of the only" in lowered:
        return True  # "one of the first two women elected": a record
    return any(n.unit == "rank" for n in numbers) and (" of " in lowered or "place" in words)


def _compares(lowered: str, words: set[str] | frozenset[str], attributed: bool) -> bool:
    if "than" in words:
        for match in _COMPARED.finditer(lowered):
            if not _QUALIFYING.match(lowered, match.start()):
                return True
    if attributed:
        return False  # "she argued it was the first" attributes; the speech is the claim
    for word in SUPERLATIVE_WORDS.intersection(words):
        at = lowered.find(word)
        while at != -1:
            end = at + len(word)
            if (
                (at == 0 or not lowered[at - 1].isalpha())
                and (end == len(lowered) or not lowered[end].isalpha())
                and _BEFORE_SUPERLATIVE.search(lowered, max(0, at - 40), at)
                and not _NOT_RANKING_AFTER.match(lowered, end)
                and not _aside(lowered, at, end)
            ):
                return True
            at = lowered.find(word, end)
    return False


def _aside(lowered: str, start: int, end: int) -> bool:
    """Whether the superlative at ``start`` sits in an aside: ", the largest in the world,"."""
    opened = max(lowered.rfind(mark, 0, start + 1) for mark in (", ", "\u2014", "\u2013", "("))
    if opened == -1 or len(lowered[opened:start].split()) > 3:
        return False
    return any(mark in lowered[end:] for mark in (",", "\u2014", "\u2013", ")"))
