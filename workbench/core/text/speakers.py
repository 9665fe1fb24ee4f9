"""Who a sentence says is speaking: the person, with their role and organisation.

The speaker is the subject of a speech verb ("said", "told", "according to"),
never a place or an organisation merely named nearby:

* "Ana Ruiz, a hydrologist with the Flood Centre in Exeter, Devon, said"
  -> Ana Ruiz (affiliation: Flood Centre); the appositive is skipped.
* "said Unison representative Karl Brandt", "Unite General Secretary Mara
  Quinn told" -> the person after the last role word, the organisation before
  it kept as the affiliation.
* "..., the army said" -> the army (a description, not a name).
* "according to the state-run Tirana Press Agency" -> Tirana Press Agency.
* "he said", "she added", "it said" -> the last speaker named before.
* A name that only appears in the sentence ("Facewatch AI sold its tool to
  shops, campaigners said") is not the speaker.

Only the text outside quotation marks is read: words inside a quotation are
what was said, not who said it.
"""

from __future__ import annotations

import re

from workbench.core.text.speaker_names import (
    _DETERMINERS,
    _OPENERS,
    _POSSESSIVES,
    ROLE_WORDS,
    Attribution,
    Leaning,
    _is_name,
    _is_role_phrase,
    _read,
    full_name,
    surname,
)

__all__ = [
    "SPEECH_WORDS",
    "Attribution",
    "Leaning",
    "attribute",
    "find_speaker",
    "full_name",
    "quoted_text",
    "surname",
]

SPEECH_VERBS = (
    "said|says|told|tells|wrote|writes|added|adds|stated|explained|argued|claimed|claims|"
    "announced|warned|insisted|noted|mentioned|declared|asked|replied|continued|commented|"
    "tweeted|testified|informed|acknowledged|admitted|conceded|suggested|urged|alleged|saying|"
    "defined|slammed|criticised|criticized|confirmed|denied|reported|reporting|recalled|"
    "responded|answered|revealed|estimated|cited"
)
SPEECH_WORDS = frozenset(SPEECH_VERBS.split("|"))
# Verbs that may put the speaker after them ("said Ana Ruiz"); others take an object.
_INVERTING_VERBS = frozenset(
    "said says added adds wrote writes asked continued explained insisted noted mentioned "
    "warned replied commented tweeted told".split()
)
# Words between a subject and its verb: "Ruiz has said", "Clark, meanwhile, told".
_AUXILIARIES = frozenset(
    """has have had also later previously then always reportedly separately earlier recently
    once would will did does repeatedly publicly privately initially further again now first
    never often still meanwhile however too""".split()
)
_PASSIVE = frozenset("is are was were been being be".split())
_AGENT = re.compile(r" ?\bby ((?:[a-z]+ ){0,2}[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*)*)")
# Descriptions that stand for the organisation the sentence opens with.
_GENERIC_BODIES = frozenset(
    "the company|the firm|the business|the carrier|the airline|the operator|the charity|"
    "the retailer|the bank|the insurer|the utility".split("|")
)
# A study "of" or "by" an organisation cites the organisation.
_LAST_BOUNDARY = re.compile(r".*(?:[;:()\u2014\u2013\u201c\u201d\"]| - )", re.S)
_ADJECTIVAL = frozenset("his her its their the an a allegedly".split())


_NOBODY = Attribution(reported=False)
_SOMEBODY = Attribution()  # "she said", with no one named before


def speech_verbs(outside: str, present: set[str]) -> list[tuple[int, int, str]]:
    """Spans of the speech verbs (and "according to") in ``outside``, in order."""
    lowered = outside.lower()
    spans: list[tuple[int, int, str]] = []
    for word in SPEECH_WORDS.intersection(present):
        start = lowered.find(word)
        while start != -1:
            end = start + len(word)
            if (start == 0 or not lowered[start - 1].isalpha()) and (
                end == len(lowered) or not lowered[end].isalpha()
            ):
                spans.append((start, end, word))
            start = lowered.find(word, end)
    if "according" in present:
        start = lowered.find("according to")
        while start != -1:
            spans.append((start, start + 12, "according to"))
            start = lowered.find("according to", start + 12)
    return sorted(spans)


def attribute(
    outside: str, out_words: set[str], last_speaker: str | None, leaning: Leaning | None = None
) -> Attribution:
    """Who speaks in a sentence, from its text outside quotation marks; ``leaning``
    records whether ``last_speaker`` was consulted."""
    if not SPEECH_WORDS.intersection(out_words) and "according" not in out_words:
        return _NOBODY
    verbs = [v for v in speech_verbs(outside, out_words) if not _adjectival(outside, v[0])]
    if not verbs:
        return _NOBODY
    # A closing attribution (", the ministry said in a statement.") speaks for
    # the whole sentence, whatever was said or asked inside it.
    ordered = [verbs[-1], *verbs[:-1]] if _closes(outside, verbs[-1]) else verbs
    for start, end, word in ordered:
        found = _attribute_at(outside, start, end, word, last_speaker, leaning)
        if found is not None:
            if found.speaker in _GENERIC_BODIES:
                # "Ashford Water will spend £240m, the company said": the company named first
                named = _first_subject(outside[:start])
                if named[:1].isupper() and named.split()[0].lower() not in _DETERMINERS:
                    return Attribution(named, True, True)
            return found
    return _SOMEBODY


def _adjectival(outside: str, start: int) -> bool:
    """ "his alleged role", "the claimed saving": a speech verb used as an adjective."""
    before = outside[max(0, start - 12) : start].split()
    return bool(before) and before[-1].lower() in _ADJECTIVAL


def _closes(outside: str, verb: tuple[int, int, str]) -> bool:
    """Whether the verb ends the sentence's last clause: ", the army said on Monday." """
    start, end, _word = verb
    before = outside[:start].rstrip()
    comma = before.rfind(", ")
    if comma == -1 or len(before) - comma > 90:
        return False
    rest = outside[end:]
    return ", " not in rest and len(rest.split()) <= 8


def _attribute_at(
    outside: str,
    start: int,
    end: int,
    word: str,
    last_speaker: str | None,
    leaning: Leaning | None = None,
) -> Attribution | None:
    if word == "according to":
        phrase = _phrase_after(outside, end)
        return _read(phrase, last_speaker, leaning) if phrase else None
    subject, passive = _subject_before(outside, start)
    if passive:  # "were told by WeWork", "In an email sent by chairman Ana Ruiz, staff were told"
        agent = _AGENT.match(outside, end) or _AGENT.search(outside, max(0, start - 80), start)
        return _read(agent.group(1), last_speaker, leaning) if agent else None
    if subject:
        return _read(subject, last_speaker, leaning)
    if word in _INVERTING_VERBS:
        phrase = _phrase_after(outside, end)
        first = phrase.split(" ", 1)[0] if phrase else ""
        if first and (
            first[:1].isupper()
            or first.lower() in _DETERMINERS
            or first.lower() in ROLE_WORDS
            or _role_then_name(phrase)
        ):
            return _read(phrase, last_speaker, leaning)  # "said chief executive Dana Voss"
    return None


def _role_then_name(phrase: str) -> bool:
    """ "council leader Priya Anand", "union boss Ken Lowe": a lowercase role, then a name."""
    words = phrase.split()
    for at, word in enumerate(words[:3]):
        if word.lower() in ROLE_WORDS or word.lower() in _INFORMAL_ROLES:
            return any(w[:1].isupper() for w in words[at + 1 :])
    return False


# Roles newspapers write that are not titles: "union boss", "party chief".
_INFORMAL_ROLES = frozenset("boss chief".split())


def _phrase_after(outside: str, end: int) -> str:
    """The noun phrase after an inverted verb or "according to", up to its clause's end."""
    rest = outside[end:].lstrip(" ,")
    words: list[str] = []
    for token in rest.split():
        bare = token.rstrip(",.;:!?")
        lowered = bare.lower()
        if lowered in _STOP_AFTER or (not words and lowered in _STOP_FIRST):
            break
        words.append(bare)
        if bare != token and not (len(bare) <= 3 and token.endswith(".")):
            break  # a comma or a full stop ends it ("Ms." and "Jr." do not)
        if len(words) >= 12:
            break
    return " ".join(words)


_STOP_AFTER = frozenset(
    """in on at during after before when while adding who which that because as to told said
    says saying citing and but than earlier last this""".split()
)
_STOP_FIRST = frozenset("that if whether how why what about of for by with".split())


def _subject_before(outside: str, start: int) -> tuple[str, bool]:
    """The subject of the verb at ``start`` and whether the verb is passive."""
    before = outside[max(0, start - 300) : start].rstrip()
    words = before.split(" ")
    # Step back over auxiliaries and interjected adverbs: "has also said",
    # "Clark, meanwhile, told".
    progressive = outside[start : start + 20].split(" ", 1)[0].lower().endswith("ing")
    while words:
        last = words[-1].strip(",").lower()
        if last in _PASSIVE and not progressive:
            return "", True
        if last in _PASSIVE:  # "are reporting": the subject comes before
            words.pop()
            continue
        if last in _AUXILIARIES:
            words.pop()
            if words and words[-1].endswith(",") and last in ("meanwhile", "however", "too"):
                words[-1] = words[-1][:-1]
            continue
        break
    text = " ".join(words)
    if not text.strip():
        return "", False
    last_boundary = _LAST_BOUNDARY.match(text)
    boundary = last_boundary.end() if last_boundary else 0
    clause = text[boundary:]
    if clause.rstrip().endswith(","):
        return _appositive_subject(clause.rstrip()[:-1]), False
    # No comma before the verb: the subject runs back to the last comma or
    # clause opener ("a day after the Taliban said" -> the Taliban).
    segment = clause[clause.rfind(", ") + 1 :]  # not the comma in "1,000"
    tokens = segment.split()
    if tokens and tokens[-1].lower() in ("and", "but"):
        # "The group raised alarm at the deal, and said": the sentence's subject speaks
        return _first_subject(text), False
    for index in range(len(tokens) - 1, -1, -1):
        lowered = tokens[index].lower()
        if lowered in _OPENERS and not (
            lowered in ("and", "or") and index + 1 < len(tokens) and tokens[index + 1][:1].isupper()
        ):
            tokens = tokens[index + 1 :]
            break
    return " ".join(tokens), False


_LEAD_ADVERBS = frozenset("however meanwhile separately also but still yet now later then".split())


def _first_subject(text: str) -> str:
    """The noun phrase a sentence opens with: "However, the group raised" -> the group."""
    tokens = text.split()
    while tokens and tokens[0].strip(",").lower() in _LEAD_ADVERBS:
        tokens.pop(0)
    subject: list[str] = []
    for token in tokens:
        bare = token.rstrip(",")
        if (not subject and bare.lower() in _DETERMINERS | _POSSESSIVES) or bare[:1].isupper():
            subject.append(bare)
        elif subject and subject[-1].lower() in _DETERMINERS | _POSSESSIVES:
            subject.append(bare)  # "the group"
            break
        else:
            break
        if bare != token:
            break
    return " ".join(subject) if any(w[:1].isupper() or len(subject) > 1 for w in subject) else ""


def _appositive_subject(clause: str) -> str:
    """The subject before an appositive: "Ana Ruiz, a hydrologist in Exeter, Devon," -> Ana Ruiz.

    Also "the mayor's aide, Ben Okoro," -> Ben Okoro (the name in apposition).
    """
    segments = [s.strip() for s in clause.split(", ")]
    last = segments[-1]
    if len(segments) >= 2 and _is_name(last.split()) and len(last.split()) >= 2:
        return last + ", " + segments[-2] if _is_role_phrase(segments[-2]) else last
    for index in range(len(segments) - 1, 0, -1):
        first = segments[index].split(" ", 1)[0]
        lowered = first.lower()
        if (
            first[:1].islower()
            or lowered in ("who", "which", "whose")
            or first.endswith(("'s", "\u2019s", "'", "\u2019"))
        ):
            subject = segments[index - 1]
            return subject + ", " + segments[index]
    return ""


# A quotation opens with a curly or straight mark and may close with either
# (real copy mixes them: \u201cThe end," she said).
QUOTED = re.compile('[\u201c"]([^\u201d"]{2,})(?:[\u201d"]|$)')
_WORD = re.compile(r"[a-z]+")


def quoted_text(sentence: str) -> str | None:
    """The words inside quotation marks (several quotations joined with ' … ')."""
    parts = [part.strip(" ,") for part in QUOTED.findall(sentence)]
    parts = [p for p in parts if p]
    return " \u2026 ".join(parts) if parts else None


def outside_quotes(sentence: str) -> str:
    """The sentence with its quotations replaced by a mark that ends a clause."""
    return QUOTED.sub(" ; ", sentence)


def find_speaker(
    sentence: str,
    last_speaker: str | None,
    *,
    outside: str | None = None,
    out_words: set[str] | None = None,
    leaning: Leaning | None = None,
) -> Attribution:
    """Who the sentence says is speaking, from its text outside quotation marks.

    ``named_here`` is False when the speaker comes from ``last_speaker`` (a
    pronoun such as "she added"), so a caller can track who was last named.
    """
    outside = outside_quotes(sentence) if outside is None else outside
    if out_words is None:
        out_words = set(_WORD.findall(outside.lower()))
    return attribute(outside, out_words, last_speaker, leaning)


def speaker_note(said: Attribution) -> str:
    """ " (General Secretary, Unite)": the speaker's role and organisation, when known."""
    parts = [said.role] if said.role else []
    if said.affiliation and said.affiliation not in said.role and said.affiliation != said.speaker:
        parts.append(said.affiliation)
    return f" ({', '.join(parts)})" if parts else ""
