"""Decide what two claims from different documents are to each other.

* **same**: they state the same fact. The wording agrees (rapidfuzz token-set
  ratio of canonical words without numbers, which forgives reordered clauses
  and words one version adds) and so do the facts (:mod:`.facts`): neither
  negates what the other states, they name no different subject, dates and
  amounts fit. Two quotes by one speaker are the same when they are versions of
  one passage (:mod:`.quotes`), drifted or cut short.
* **conflict**: worded alike, about one subject, and only one figure differs
  (an amount of the same thing, or a date): sources disagreeing about a fact.
* **related**: a neighbouring fact shown to reviewers but never merged: worded
  alike with one fact apart (a negation, another subject, date or amount), or
  agreeing facts worded less alike than the same fact (a suggestion).

:func:`compare` is symmetric in its verdict's kind, so grouping can ask it
about any pair in either order and get the answer a stored link would give.
"""

from __future__ import annotations

import enum

import attrs
from rapidfuzz import fuzz

from workbench.core.matching.amounts import (
    amounts_agree,
    amounts_differ,
    counts_differ,
    describe_amounts,
)
from workbench.core.matching.facts import (
    dates_differ,
    entities_differ,
    opposites,
    prefix_negated,
)
from workbench.core.matching.features import Facts, Features
from workbench.core.matching.quotes import QuoteRelation, relation
from workbench.core.matching.words import STOP

SAME = 68.0  # token-set ratio of the wording for the same fact
CONFLICT = 75.0  # so alike that one differing figure is a disagreement
CONFLICT_SHARE = 0.7  # and this share of their words in common (Dice) ...
ANCHORED_SHARE = 0.6  # ... or this share, when another amount agrees in both
CONTAINED = 0.75  # the same fact: one claim's words are mostly in the other
LONG = 8  # claims of this many words or more, worded apart by independent outlets ...
LONG_CONTAINED = 0.65  # ... need a little less
ANCHORED = 0.5  # ... or half of them, when an amount agrees in both
RELATED = 60.0  # worded this alike, a neighbouring fact
SHORT = 6  # claims of fewer canonical words need a higher score
SHORT_SAME = 85.0


class LinkKind(enum.StrEnum):
    """What two claims are to each other, as stored in links."""

    SAME = "same"
    CONFLICT = "conflict"
    RELATED = "related"
    NONE = "none"


class Reason(enum.StrEnum):
    """Why two related claims are not the same fact (the detail of a related link)."""

    SIMILAR = "similar"  # facts agree, wording less alike: a suggestion
    NEGATION = "negation"  # one says what the other denies
    DIRECTION = "direction"  # one figure went up, the other down
    SUBJECT = "subject"  # another subject or object
    COUNTED = "counted"  # they count different things
    SPEAKER = "speaker"  # said by someone else
    QUOTE = "quote"  # another passage of the same speaker
    DATE = "date"
    AMOUNT = "amount"


REASON_TEXT = {
    Reason.SIMILAR: "worded alike",
    Reason.NEGATION: "one negates the other",
    Reason.DIRECTION: "the figures move in opposite directions",
    Reason.SUBJECT: "about another subject",
    Reason.COUNTED: "counts something else",
    Reason.SPEAKER: "said by someone else",
    Reason.QUOTE: "another passage of the same speaker",
    Reason.DATE: "another date",
    Reason.AMOUNT: "another amount",
}


@attrs.frozen
class PairRelation:
    """What two claims are to each other."""

    kind: LinkKind
    score: float
    detail: str = ""  # conflict: "85 vs 83 people"; related: a Reason; same: a QuoteRelation

    @property
    def compatible(self) -> bool:
        """The two may sit in one group: the same fact, or agreeing facts worded apart."""
        return self.kind is LinkKind.SAME or (
            self.kind is LinkKind.RELATED and self.detail == Reason.SIMILAR
        )


NONE = PairRelation(LinkKind.NONE, 0.0)


def _named(speaker: str | None) -> set[str]:
    """The words of a speaker's name; none for a description ("the firm", "officials")."""
    if not speaker or not speaker[0].isupper():
        return set()
    words = {w for w in speaker.lower().split() if w not in STOP}
    return words if len(words) == len(speaker.split()) else set()


def _speakers_agree(a: Facts, b: Facts) -> bool:
    """Both quotes are given to one person (or either claim does not say whom).

    The speaker reader sometimes takes a name near the verb ("Tellimo chief
    executive Priya Nair said" gives "Tellimo"): a speaker named anywhere in the
    other claim's text is the same speaker.
    """
    left, right = _named(a.speaker), _named(b.speaker)
    if not left or not right or left & right:
        return True
    return left <= b.word_set or right <= a.word_set


def _share(a: Facts, b: Facts) -> float:
    """Dice coefficient of the two claims' wording (word sets)."""
    total = len(a.gist_set) + len(b.gist_set)
    return 2 * len(a.gist_set & b.gist_set) / total if total else 0.0


def _contained(a: Facts, b: Facts) -> float:
    """The share of the shorter claim's words the other holds.

    The token-set ratio forgives words that either version adds; two claims
    that each add several words of their own ("started in a storage room" /
    "warned about the fire exits") tell two facts about one subject.
    """
    smaller = min(len(a.gist_set), len(b.gist_set))
    return len(a.gist_set & b.gist_set) / smaller if smaller else 0.0


def _contained_enough(a: Facts, b: Facts, contained: float) -> bool:
    if min(len(a.gist_set), len(b.gist_set)) >= LONG:
        return contained >= LONG_CONTAINED
    return contained >= CONTAINED


def _same_event(a: Facts, b: Facts, anchored: bool) -> bool:
    """Something besides the wording ties the two to one event: a name, another figure
    or a date they share. Without it "More than 3,000 residents signed a petition"
    and "More than 5,000 residents signed a petition" may be two petitions."""
    return (
        anchored
        or not a.entities.isdisjoint(b.entities)
        or not a.years.isdisjoint(b.years)
        or not a.weekdays.isdisjoint(b.weekdays)
        or any(x.fits(y) for x in a.dates for y in b.dates)
    )


def _compare_quotes(a: Facts, b: Facts, score: float) -> PairRelation | None:
    """The verdict for two quotes, or None when the claims are not both quotes."""
    if a.quoted is None or b.quoted is None:
        return None
    if not _speakers_agree(a, b):
        return PairRelation(LinkKind.RELATED, score, Reason.SPEAKER) if score >= SAME else NONE
    if not a.speaker and not b.speaker and score < SAME:
        return None  # nobody says who spoke: the wording decides
    found = relation(a.quoted, b.quoted)
    if found is QuoteRelation.DIFFERENT:
        return PairRelation(LinkKind.RELATED, score, Reason.QUOTE) if score >= RELATED else NONE
    return PairRelation(LinkKind.SAME, max(score, SAME), found)


def compare(
    a: Features, b: Features, memo: dict[tuple[Facts, Facts], PairRelation] | None = None
) -> PairRelation:
    """Same fact, conflicting figures, a related fact, or nothing in common.

    Two claims of one document are never linked. Copies of a sentence share
    their :class:`Facts`: with a ``memo`` (one dict for a run of comparisons)
    the verdict for two texts is worked out once.
    """
    if a.document_id == b.document_id:
        return NONE
    if memo is None:
        return _compare(a.facts, b.facts)
    pair = (a.facts, b.facts)
    found = memo.get(pair)
    if found is None:
        found = memo[pair] = _compare(*pair)
    return found


def wording(a: Facts, b: Facts) -> float:
    """How alike two claims are worded: the token-set ratio of their gists, 0 below RELATED.

    Runs of many pairs score them at once with ``rapidfuzz.process.cpdist`` on
    ``gist_joined`` with the same scorer and cutoff (see :func:`judge`).
    """
    # score_cutoff lets rapidfuzz stop early on the many pairs that are far apart
    return fuzz.token_set_ratio(a.gist_joined, b.gist_joined, score_cutoff=RELATED)


def _compare(a: Facts, b: Facts) -> PairRelation:
    return judge(a, b, wording(a, b))


def judge(a: Facts, b: Facts, score: float) -> PairRelation:
    """The relation of two claims' facts, given how alike they are worded (:func:`wording`)."""
    if not a.gist or not b.gist:
        return NONE
    if score < RELATED:  # (two versions of a quote share most of their words too)
        return NONE
    quoted = _compare_quotes(a, b, score)
    if quoted is not None:
        return quoted
    reasons: list[Reason] = []
    detail = ""
    contained = _contained(a, b)
    anchored = amounts_agree(a.amounts, b.amounts)
    only_a, only_b = a.gist_set - b.gist_set, b.gist_set - a.gist_set
    # A negation tells only between sentences worded alike: rewordings trade
    # "never reaches" for "is lost before it reaches".
    if (
        contained >= CONTAINED
        and (a.negated != b.negated or prefix_negated(only_a, a.unprefixed, only_b, b.unprefixed))
    ) or opposites(a.polar, b.polar):
        reasons.append(Reason.NEGATION)
    if a.direction and b.direction and a.direction != b.direction:
        reasons.append(Reason.DIRECTION)
    if entities_differ(a.entities, b.entities, a.word_set, b.word_set):
        reasons.append(Reason.SUBJECT)
    when = dates_differ((a.dates, a.years, a.weekdays), (b.dates, b.years, b.weekdays))
    if when:
        # a date apart in its year and its month too is another event, not a misreport
        reasons.extend([Reason.DATE] * min(when[2], 2))
        detail = f"{when[0]} vs {when[1]}"
    amounts = amounts_differ(a.amounts, b.amounts)
    if amounts:
        reasons.append(Reason.AMOUNT)
        detail = describe_amounts(*amounts)
    elif counts_differ(a.amounts, b.amounts):
        reasons.append(Reason.COUNTED)
    if not reasons:
        threshold = SHORT_SAME if min(len(a.gist), len(b.gist)) < SHORT else SAME
        if score >= threshold and (
            _contained_enough(a, b, contained) or (anchored and contained >= ANCHORED)
        ):
            return PairRelation(LinkKind.SAME, score)
        return PairRelation(LinkKind.RELATED, score, Reason.SIMILAR)
    if (
        len(reasons) == 1
        and reasons[0] in (Reason.AMOUNT, Reason.DATE)
        and score >= CONFLICT
        and _same_event(a, b, anchored)
        and (
            (_share(a, b) >= CONFLICT_SHARE and contained >= CONTAINED)
            or (anchored and _share(a, b) >= ANCHORED_SHARE)
        )
    ):
        return PairRelation(LinkKind.CONFLICT, score, detail)
    if score >= SAME:
        reason = reasons[0]
        specific = detail if reason in (Reason.DATE, Reason.AMOUNT) else ""
        return PairRelation(
            LinkKind.RELATED, score, f"{reason}: {specific}" if specific else reason
        )
    return NONE
