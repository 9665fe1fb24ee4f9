"""How check-worthy a sentence is: a logistic regression with readable reasons.

The score is ``1 / (1 + exp(-z))`` where ``z`` adds, for every feature that
fires, its learned weight times its value. The features are of two sorts:

- *cues* a reviewer can name: a number, a date, a study and its finding, an
  official body, a finding or a decision, a named speaker, a comparison, event
  verbs, hedges, opinion words, first or second person, a question, length;
- the sentence's words (``word "percent"``), from a vocabulary fixed at
  training time.

The weights are in ``checkworthy.json`` beside this module, written by
``bench/train_checkworthy.py`` from the ClaimBuster dataset (Arslan, Hassan, Li,
Tremayne, ICWSM 2020; CC BY 4.0) and a few news sentences of our own. The
weight of the ``lead`` cue (the first sentence of an article states its news)
is set by hand: debate transcripts have no leads to learn it from.

The reasons are the features that moved this score most, signed, with their
share of ``z``: ``+ number "40%" (0.84)``, ``- first person (0.61)``.
Scoring is pure Python: scikit-learn is needed to train, never to score.

The threshold for the queue (``threshold`` in the weights file) is the one,
in steps of 0.05, with the best check-worthy F1 over 5-fold cross-validated
scores on the ClaimBuster development half; ``--min-score`` overrides it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence, Set as AbstractSet
from functools import cache
from importlib import resources
from operator import itemgetter
from typing import NamedTuple

import attrs

WEIGHTS_FILE = "checkworthy.json"
MAX_REASONS = 4
MIN_SHOWN = 0.05  # contributions smaller than this are not worth a reviewer's eye

# Cue words; all lower case, matched against the set of a sentence's words.
OFFICIAL_BODIES = frozenset(
    "court courts judge judges jury coroner coroners inquiry inquest tribunal police "
    "prosecutor prosecutors government ministry department agency commission committee "
    "council regulator regulators watchdog parliament congress senate authorities officials "
    "administration ombudsman auditor auditors investigators investigation panel board "
    "cdc fda fbi nhs who's un eu ofcom ofsted".split()
)
FINDING_VERBS = frozenset(
    "found finds determined determines ruled rules concluded concludes confirmed confirms "
    "established revealed reveals showed shows uncovered identified estimated estimates "
    "calculated measured recorded reported".split()
)
# Verbs of deciding and acting; words that are as often nouns ("the end", "tax
# cuts", "an order") are left out.
DECISION_VERBS = frozenset(
    "stop stopped stopping ended ending halted halting ban banned cancel cancelled canceled "
    "scrap scrapped scrapping withdraw withdrew withdrawn pulled pulling quit agreed refused "
    "refusing declined decided approved rejected announced ordered launched sued fined "
    "charged arrested resigned appointed suspended closed raised introduced sold bought "
    "acquired signed vetoed voted promised pledged vowed intend intends plans planned "
    "aim aims intention".split()
)
# These decide only when "to" follows: "agreed to pay", not "agreed that it was late".
_DECIDE_TO = frozenset(
    "agreed refused declined decided voted promised pledged vowed intend intends plans "
    "planned aim aims intention".split()
)
EVENT_VERBS = frozenset(
    "killed died injured wounded arrested elected won lost rose fell increased decreased "
    "doubled tripled halved grew dropped declined jumped soared plunged collapsed attacked "
    "invaded crashed struck destroyed built opened hit reached began started became "
    "happened occurred spent paid created".split()
)
HEDGES = frozenset("may might could perhaps probably possibly likely maybe seem seems".split())
OPINIONS = frozenset(
    "believe believes think thinks feel feels hope hopes wish opinion arguably cynical "
    "hypocritical great terrible wonderful fantastic brilliant excellent amazing incredible "
    "awful appalling disgrace disgraceful shameful ridiculous absurd outrageous unacceptable "
    "irresponsible reckless unfair sad proud thrilled delighted disappointed devastated "
    "heartbroken betrayal".split()
)
OBLIGATIONS = frozenset("should must need needs ought".split())
FIRST_SINGULAR = frozenset("i me my mine myself".split())
FIRST_PLURAL = frozenset("we us our ours ourselves".split())
SECOND_PERSON = frozenset("you your yours yourself".split())
_PAST = re.compile(r"(?<=[a-z]{3})ed\b")  # a word of five letters or more ending in -ed
_US = re.compile(r"\bus\b")  # lower case: "US" is a country
_PAST_WORDS = frozenset("was were had did".split())
_AUXILIARIES = frozenset("has have had will would is are was were has also not been".split())
_ACTS = (
    FINDING_VERBS
    | DECISION_VERBS
    | EVENT_VERBS
    | frozenset("said says told warned admitted denied accused".split())
)
# Phrases that frame or give background rather than report news.
FRAMING = (
    "comes as",
    "comes amid",
    "came as",
    "came amid",
    "is part of",
    "are part of",
    "remains to be seen",
    "raises questions",
    "in recent years",
    "has long been",
    "have long been",
    "is known for",
    "not the first time",
    "it is unclear",
    "it is not clear",
)
# Each framing phrase has one of these words: the phrases are looked for only then.
_FRAMING_WORDS = frozenset(
    "comes came part remains raises recent long known time unclear clear".split()
)

_CUE_OF: dict[str, tuple[str, ...]] = {}
for _key, _words in (
    ("official_body", OFFICIAL_BODIES),
    ("finding", FINDING_VERBS),
    ("decision", DECISION_VERBS),
    ("event", EVENT_VERBS),
    ("past", _PAST_WORDS),
    ("hedge", HEDGES),
    ("opinion", OPINIONS),
    ("obligation", OBLIGATIONS),
    ("first_singular", FIRST_SINGULAR),
    ("first_plural", FIRST_PLURAL),
    ("second_person", SECOND_PERSON),
):
    for _word in _words:
        _CUE_OF[_word] = (*_CUE_OF.get(_word, ()), _key)

_SAYS_LITTLE = frozenset({"opinion", "hedge", "obligation"})
# What is said counts inside quotation marks too; how it is said (opinion, hedge,
# person) only outside them, for a quoted "we" is the speaker's, not the writer's.
_CONTENT = frozenset({"official_body", "finding", "decision", "event", "past"})

# Readable names of the cue features, as a reviewer sees them in a reason.
CUE_NAMES = {
    "number": "number",
    "money_or_percent": "money or percentage",
    "date": "date",
    "study": "study and its finding",
    "official_body": "official body",
    "finding": "finding",
    "official_act": "official finding or decision",
    "framing": "framing or background",
    "decision": "decision or action",
    "event": "event verb",
    "dated_action": "dated action",
    "past": "past tense",
    "named_speaker": "named speaker",
    "unnamed_speaker": "unnamed speaker",
    "quote": "direct quotation",
    "comparison": "comparison",
    "names": "names",
    "hedge": "hedge",
    "opinion": "opinion",
    "quoted_opinion": "opinion in a quotation",
    "obligation": "should or must",
    "first_singular": "first person",
    "first_plural": "first person plural",
    "second_person": "second person",
    "question": "question",
    "short": "short",
    "long": "long",
    "lead": "lead of the article",
}


class Cues(NamedTuple):
    """What the claim extractor found in a sentence before it is weighed.

    A named tuple rather than an attrs class: one is made for every sentence
    of every article, and a tuple is made four times faster.

    ``lowered`` is the sentence in lower case, ``words`` its words in order,
    ``word_set`` the same as a set and ``out_words`` those outside quotation marks.
    """

    sentence: str
    lowered: str
    words: Sequence[str]
    word_set: AbstractSet[str]
    out_words: AbstractSet[str]
    number: str | None = None  # the first count or amount, not a year
    money_or_percent: bool = False
    date: str | None = None
    study: str | None = None  # a study word cited with a finding
    speaker: str | None = None
    named_speaker: bool = False
    quote_words: int = 0
    comparison: str | None = None
    names: tuple[str, ...] = ()
    lead: bool = False  # the first sentence of an article


_LEAD = ("lead", 1.0, "")


class Weighing(NamedTuple):
    """What a sentence's score adds up, kept to weigh it again as an article's lead.

    ``cues`` are the cue features that fire, in the order they are added (the
    lead cue, when it fires, last of them); ``words`` is the sum of the word
    features' weights; ``strongest`` the word features a reason may name, the
    strongest first. The lead cue is the only feature that depends on where the
    sentence stands, so the same sentence as a lead is :meth:`with_lead` of it.
    """

    cues: tuple[tuple[str, float, str], ...]
    words: float
    strongest: tuple[str, ...]

    def with_lead(self, lead: bool) -> Weighing:
        """The same sentence's weighing with the lead cue on or off."""
        has = bool(self.cues) and self.cues[-1] == _LEAD
        if has == lead:
            return self
        return self._replace(cues=(*self.cues, _LEAD) if lead else self.cues[:-1])


class Weighed(NamedTuple):
    """A score in 0..1 and the features that moved it most, signed."""

    score: float
    reasons: tuple[str, ...]
    weighing: Weighing | None = None  # what the score adds up


def _official_act(words: Sequence[str], bodies: AbstractSet[str]) -> str | None:
    """ "the inquiry found", "a coroner has determined": a body, then what it did."""
    acts = []
    for body in bodies:
        at = words.index(body)
        while True:
            for after in words[at + 1 : at + 4]:
                if after in _ACTS or (len(after) > 4 and after.endswith("ed")):
                    acts.append((at, f"{body} {after}"))
                    break
                if after not in _AUXILIARIES:
                    break
            try:
                at = words.index(body, at + 1)
            except ValueError:
                break
    return min(acts)[1] if acts else None


def _other_decision(words: Sequence[str], lowered: str) -> str | None:
    """The first decision verb that really decides, when the first one did not."""
    for word in words:
        if word in DECISION_VERBS and (word not in _DECIDE_TO or _decides(word, lowered)):
            return word
    return None


def _decides(word: str, lowered: str) -> bool:
    """ "agreed to pay", "our aim is to halve": the word commits to an act."""
    return f"{word} to " in lowered or f"{word} is to " in lowered


def cue_features(cues: Cues) -> list[tuple[str, float, str]]:
    """The cue features that fire: (key, value, what fired it)."""
    words = cues.words
    out = cues.out_words
    lowered = cues.lowered
    first: dict[str, str] = {}  # cue -> the first word outside quotes that fires it
    quoted_opinion = ""
    for word in _CUE_OF.keys() & cues.word_set:
        outside = word in out
        for key in _CUE_OF[word]:
            if outside or key in _CONTENT:
                seen = first.get(key)
                if seen is None or words.index(word) < words.index(seen):
                    first[key] = word
            elif key in _SAYS_LITTLE and (
                not quoted_opinion or words.index(word) < words.index(quoted_opinion)
            ):
                quoted_opinion = word
    past = "past" in first or "event" in first or _PAST.search(lowered) is not None
    found: list[tuple[str, float, str]] = []
    add = found.append
    if cues.number:
        add(("number", 1.0, cues.number))
        if cues.money_or_percent:
            add(("money_or_percent", 1.0, ""))
    if cues.date:
        add(("date", 1.0, cues.date))
    if cues.study:
        add(("study", 1.0, cues.study))
    if "official_body" in first:
        add(("official_body", 1.0, first["official_body"]))
        act = _official_act(words, OFFICIAL_BODIES.intersection(cues.word_set))
        if act:
            add(("official_act", 1.0, act))
    decision = first.get("decision")
    if decision in _DECIDE_TO and not _decides(decision, lowered):
        decision = _other_decision(words, lowered)
    for key, fired in (
        ("finding", first.get("finding")),
        ("decision", decision),
        ("event", first.get("event")),
    ):
        if fired:
            add((key, 1.0, fired))
    if past:
        add(("past", 1.0, ""))
        if cues.date:
            add(("dated_action", 1.0, ""))
    if cues.speaker:
        add(
            ("named_speaker", 1.0, cues.speaker)
            if cues.named_speaker
            else ("unnamed_speaker", 1.0, cues.speaker)
        )
    if cues.quote_words >= 4:
        add(("quote", 1.0, ""))
    if cues.comparison:
        add(("comparison", 1.0, cues.comparison))
    if cues.names:
        add(("names", min(3, len(cues.names)) / 3, ", ".join(cues.names[:3])))
    for key in ("hedge", "opinion"):
        if key in first:
            add((key, 1.0, first[key]))
    if quoted_opinion:
        add(("quoted_opinion", 1.0, quoted_opinion))
    if "obligation" in first:
        add(("obligation", 1.0, first["obligation"]))
    elif "have" in out and "have to" in lowered:
        add(("obligation", 1.0, "have to"))
    if "first_singular" in first:
        add(("first_singular", 1.0, ""))
    plural = first.get("first_plural")
    if plural and (plural != "us" or _US.search(cues.sentence) is not None):  # not "the US"
        add(("first_plural", 1.0, ""))
    if "second_person" in first:
        add(("second_person", 1.0, ""))
    framing = (
        next((phrase for phrase in FRAMING if phrase in lowered), None)
        if not _FRAMING_WORDS.isdisjoint(cues.word_set)
        else None
    )
    if framing:
        add(("framing", 1.0, framing))
    if "?" in cues.sentence and cues.sentence.rstrip(" \"'\u201d\u2019)").endswith("?"):
        add(("question", 1.0, ""))
    if len(words) < 6:
        add(("short", 1.0, f"{len(words)} words"))
    elif len(words) >= 20:
        add(("long", 1.0, f"{len(words)} words"))
    if cues.lead:
        add(_LEAD)  # last: see Weighing
    return found


# Persons a quotation speaks in: the speaker's, not the writer's (see _CONTENT).
_PERSONS = FIRST_SINGULAR | FIRST_PLURAL | SECOND_PERSON


def word_features(cues: Cues) -> AbstractSet[str]:
    """The word features of a sentence: its distinct words, but not the persons
    ("I", "we", "you") that only a quotation speaks in, which are the speaker's
    as for the first-person cues. (Word pairs were tried: they added nothing on
    the development data and cost a fifth of the scoring time.)"""
    words = cues.word_set
    if cues.out_words is words:  # no quotation
        return words
    quoted = _PERSONS.intersection(words).difference(cues.out_words)
    return words - quoted if quoted else words


def describe(key: str, evidence: str = "") -> str:
    """A feature's readable name: ``number "40%"``, ``word "percent"``."""
    if key in CUE_NAMES:
        name = CUE_NAMES[key]
        return f'{name} "{evidence}"' if evidence else name
    return f'word "{key}"'


@attrs.frozen
class Model:
    """Weights as trained; see the module docstring."""

    bias: float
    cues: dict[str, float]
    words: dict[str, float]
    threshold: float
    _strength: dict[str, float] = attrs.field(init=False, repr=False, eq=False)
    # Each word feature's place among them, the strongest first and words of
    # equal strength in alphabetical order, so they come in one order in every
    # process (a set's order follows the process's string hashing).
    _rank: dict[str, int] = attrs.field(init=False, repr=False, eq=False)
    # Each word feature's reason, written once: '+ word "percent" (0.79)', and
    # each cue's that names no evidence: '+ past tense (0.95)'.
    _said: dict[str, str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        strength = {g: abs(w) for g, w in self.words.items()}
        object.__setattr__(self, "_strength", strength)
        ranked = sorted(strength, key=lambda g: (-strength[g], g))
        object.__setattr__(self, "_rank", {g: place for place, g in enumerate(ranked)})
        said = {g: _reason(w, describe(g)) for g, w in self.words.items()}
        object.__setattr__(self, "_said", said)
        # A cue with no evidence always has the value 1 (see cue_features).
        cue_said = {key: _reason(w, describe(key)) for key, w in self.cues.items() if w}
        object.__setattr__(self, "_cue_said", cue_said)

    _cue_said: dict[str, str] = attrs.field(init=False, repr=False, eq=False)

    @classmethod
    def load(cls) -> Model:
        raw = json.loads(
            resources.files("workbench.core.text").joinpath(WEIGHTS_FILE).read_text("utf-8")
        )
        return cls(
            float(raw["bias"]),
            {k: float(v) for k, v in raw["cues"].items()},
            {k: float(v) for k, v in raw["words"].items()},
            float(raw["threshold"]),
        )

    def weigh(self, cues: Cues, *, explain_from: float = 0.0) -> Weighed:
        """The score of one sentence and, when it reaches ``explain_from``, the
        reasons for it (extraction explains only the sentences it keeps)."""
        return self.weigh_up(self.weighing(cues), explain_from=explain_from)

    def weighing(self, cues: Cues) -> Weighing:
        """The features of one sentence that the score adds up."""
        words = self.words
        present = words.keys() & word_features(cues)
        strongest = sorted(present, key=self._rank.__getitem__)
        return Weighing(
            tuple(cue_features(cues)),
            sum(map(words.__getitem__, present)),
            tuple(strongest[:MAX_REASONS]),
        )

    def weigh_up(self, weighing: Weighing, *, explain_from: float = 0.0) -> Weighed:
        """:meth:`weigh` for features found already."""
        z = self.bias
        weights = self.cues
        found = weighing.cues
        for key, value, _evidence in found:
            z += weights.get(key, 0.0) * value
        z += weighing.words
        score = round(_sigmoid(z), 3)
        if score < explain_from:
            return Weighed(score, (), weighing)
        parts: list[tuple[float, float, str, str | None]] = [
            (abs(weight), weight, key, evidence)
            for key, value, evidence in found
            if (weight := weights.get(key, 0.0) * value)
        ]
        strength = self._strength
        parts.extend((strength[word], 0.0, word, None) for word in weighing.strongest)
        parts.sort(key=_MAGNITUDE, reverse=True)
        said, cue_said = self._said, self._cue_said
        reasons = tuple(
            said[key]
            if evidence is None
            else cue_said[key]
            if not evidence
            else _reason(weight, describe(key, evidence))
            for magnitude, weight, key, evidence in parts[:MAX_REASONS]
            if magnitude >= MIN_SHOWN
        )
        return Weighed(score, reasons, weighing)


_MAGNITUDE = itemgetter(0)


def _reason(weight: float, name: str) -> str:
    return f"{'+' if weight > 0 else '-'} {name} ({abs(weight):.2f})"


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


@cache
def model() -> Model:
    """The shipped model, read once per process."""
    return Model.load()
