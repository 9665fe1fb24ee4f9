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
_RANKING_SUPERLATIVE = re.compile(
    r"(?:\bthe|['\u2019]s|\bits|\btheir|\bone of the) (?:(?:second|third|fourth|fifth|single|very) )?"
    r"(?:largest|biggest|smallest|highest|lowest|strongest|weakest|fastest|slowest|greatest|"
    r"oldest|newest|youngest|richest|poorest|best|worst|deadliest|busiest|costliest|longest|"
    r"shortest|most [a-z]+|least [a-z]+|first|last)\b(?! (?:half|quarter|time|day|week|month|"
    r"year|round|place|name|thing|step|stage|phase|of the (?:year|month|week|season)))"
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
) -> ClaimKind:
    """The kind of a sentence, from its text outside quotation marks and what was found in it.

    ``attributed`` says someone is reported speaking even when the sentence
    does not say who ("she argued ...", with no one named before).
    """
    if direct_quote and speaker:
        return ClaimKind.QUOTE
    lowered = outside.lower()
    words = words or frozenset(_WORD.findall(lowered))
    if study and not _STUDY_COMPANY.search(lowered):
        return ClaimKind.STUDY
    quantities = [
        n for n in numbers if n.unit not in _DATE_UNITS and n.unit.split(" ")[-1] not in _DURATIONS
    ]
    if _ranks(lowered, words, numbers):
        return ClaimKind.COMPARISON
    if quantities:
        return ClaimKind.STATISTIC
    attributed = attributed or speaker is not None
    if _compares(lowered, words, attributed):
        return ClaimKind.COMPARISON
    if attributed:
        return ClaimKind.ATTRIBUTION
    if dated or any(n.unit in _DATE_UNITS for n in numbers) or _RELATIVE_DATE.search(lowered):
        return ClaimKind.EVENT
    return ClaimKind.OTHER


def _ranks(
    lowered: str, words: set[str] | frozenset[str], numbers: tuple[NumberMention, ...]
) -> bool:
    if not RANKING_WORDS.isdisjoint(words) or "league table" in lowered:
        return True
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
    if attributed or SUPERLATIVE_WORDS.isdisjoint(words):
        return False  # "she argued it was the first" attributes; the speech is the claim
    return any(
        not _aside(lowered, m.start(), m.end()) for m in _RANKING_SUPERLATIVE.finditer(lowered)
    )


def _aside(lowered: str, start: int, end: int) -> bool:
    """Whether the superlative at ``start`` sits in an aside: ", the largest in the world,"."""
    opened = max(lowered.rfind(mark, 0, start + 1) for mark in (", ", "\u2014", "\u2013", "("))
    if opened == -1 or len(lowered[opened:start].split()) > 3:
        return False
    return any(mark in lowered[end:] for mark in (",", "\u2014", "\u2013", ")"))
