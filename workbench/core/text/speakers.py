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

import functools
import re

import attrs

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
# Words that open a clause: the subject of the verb comes after the last of them.
_OPENERS = frozenset(
    """that after before when while because if as since but where which who whom whose although
    though until unless so whether than once and or""".split()
)
_DETERMINERS = frozenset("the a an".split())
_POSSESSIVES = frozenset("his her its their our my your".split())
_PRONOUNS = frozenset("he she they it".split())
_FIRST_PERSON = frozenset("i we you".split())
# Words for what a person is; the name follows the last of them.
ROLE_WORDS = frozenset(
    """president minister secretary general chairman chairwoman chair director spokesman
    spokeswoman spokesperson representative rep rep. chief executive officer head leader governor
    gov gov. senator sen sen. mayor commissioner superintendent attorney judge professor prof
    prof. dr dr. mr mr. mrs mrs. ms ms. sheriff captain coach editor editor-in-chief founder
    co-founder ceo cfo coo analyst economist teacher meteorologist correspondent reporter manager
    deputy vice member councillor councilman councilwoman speaker ambassador inspector detective
    sergeant lieutenant colonel major chancellor premier king queen prince princess pope bishop
    lawyer prosecutor researcher scientist author activist campaigner organiser organizer
    official officials spokespeople adviser advisor aide consultant partner owner principal
    dean nurse doctor physician surgeon chef expert strategist pollster commander""".split()
)
# Roles for a body rather than a person: "<Org> officials said" quotes the Org.
_GROUP_ROLES = frozenset(
    "officials spokesman spokeswoman spokesperson spokespeople representatives sources "
    "executives staff".split()
)
_TITLES = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof. mx mx. sir dame lord lady".split())
# Last words of organisations and places, which make a capitalised run no person.
ORG_WORDS = frozenset(
    """department office ministry agency authority council association union party company corp
    corporation inc inc. ltd ltd. llc plc group institute university college school hospital
    service services police army military government court committee commission board bank
    airline airlines times news post press taliban county city state states republic kingdom
    nations coalition network foundation trust fund center centre administration bureau senate
    house congress parliament assembly prosecution station club league federation organisation
    organization society industries holdings partners media journal magazine agency system
    systems unit force forces navy guard district church council ai""".split()
)
_NAME_PARTICLES = frozenset("de van von der da di du la le bin al el ibn st. st".split())
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())

_WORD = re.compile(r"[A-Za-z]+")
_AGENT = re.compile(r" ?\bby ((?:[a-z]+ ){0,2}[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*)*)")
# Descriptions that stand for the organisation the sentence opens with.
_GENERIC_BODIES = frozenset(
    "the company|the firm|the business|the carrier|the airline|the operator|the charity|"
    "the retailer|the bank|the insurer|the utility".split("|")
)
# A study "of" or "by" an organisation cites the organisation.
_STUDY_OF = re.compile(
    r"^(?:the |an? )?(?:[a-z-]+ ){0,3}(?:audit|report|study|survey|review|analysis|poll|census|"
    r"research|data|figures)\b.* (?:of|by|from) (?:the )?([A-Z][\w.&'\u2019-]*(?: [A-Z][\w.&'\u2019-]*)*)$"
)
_INSTITUTIONS = frozenset(
    """prosecutors authorities officials military statement spokesman spokeswoman spokesperson
    regulator regulators ministry commission inquiry coroner court judge agency office unions
    union police investigators""".split()
)
_LINKS = frozenset("of for in at from the and to with by on near".split())
_TRAILING = frozenset("in on during over last this earlier later on yesterday today".split())
_SOURCE_IN = re.compile(
    r" (?:from|by) ((?:the )?[A-Z][\w.&'\u2019-]*(?: [A-Z][\w.&'\u2019-]*)*"
    r"|the [a-z]+(?: [a-z]+)?)$"
)
# Capitalised words that belong to a role, not to an organisation: "Interior Minister".
_ROLE_MODIFIERS = frozenset(
    """interior foreign finance health home justice defence defense education prime deputy vice
    chief executive senior general state attorney first press communications managing founding
    acting former assistant associate principal lead head supreme high district county city
    house senate labour trade transport energy environment culture treasury""".split()
)
# Everything up to the last mark that ends a clause (greedy, so one pass from the end).
_LAST_BOUNDARY = re.compile(r".*(?:[;:()\u2014\u2013\u201c\u201d\"]| - )", re.S)
_ADJECTIVAL = frozenset("his her its their the an a allegedly".split())


@attrs.frozen
class Attribution:
    """Who speaks in a sentence, as far as the sentence says."""

    speaker: str | None = None
    named: bool = False  # a proper name (person or organisation), not a description
    named_here: bool = False  # named in this sentence, not carried by a pronoun
    person: bool = False  # a person's name, not an organisation's
    role: str = ""  # "General Secretary", "a meteorologist"
    affiliation: str = ""  # the organisation the person speaks for
    reported: bool = True  # a speech verb reports speech, whoever the speaker


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


def attribute(outside: str, out_words: set[str], last_speaker: str | None) -> Attribution:
    """Who speaks in a sentence, from its text outside quotation marks."""
    if not SPEECH_WORDS.intersection(out_words) and "according" not in out_words:
        return _NOBODY
    verbs = [v for v in speech_verbs(outside, out_words) if not _adjectival(outside, v[0])]
    if not verbs:
        return _NOBODY
    # A closing attribution (", the ministry said in a statement.") speaks for
    # the whole sentence, whatever was said or asked inside it.
    ordered = [verbs[-1], *verbs[:-1]] if _closes(outside, verbs[-1]) else verbs
    for start, end, word in ordered:
        found = _attribute_at(outside, start, end, word, last_speaker)
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
    outside: str, start: int, end: int, word: str, last_speaker: str | None
) -> Attribution | None:
    if word == "according to":
        phrase = _phrase_after(outside, end)
        return _read(phrase, last_speaker) if phrase else None
    subject, passive = _subject_before(outside, start)
    if passive:  # "were told by WeWork", "In an email sent by chairman Ana Ruiz, staff were told"
        agent = _AGENT.match(outside, end) or _AGENT.search(outside, max(0, start - 80), start)
        return _read(agent.group(1), last_speaker) if agent else None
    if subject:
        return _read(subject, last_speaker)
    if word in _INVERTING_VERBS:
        phrase = _phrase_after(outside, end)
        first = phrase.split(" ", 1)[0] if phrase else ""
        if first and (
            first[:1].isupper()
            or first.lower() in _DETERMINERS
            or first.lower() in ROLE_WORDS
            or _role_then_name(phrase)
        ):
            return _read(phrase, last_speaker)  # "said chief executive Dana Voss"
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


def _is_role_phrase(phrase: str) -> bool:
    words = phrase.lower().split()
    return bool(words) and any(w.strip(",.") in ROLE_WORDS for w in words)


def _is_name(tokens: list[str]) -> bool:
    """Whether ``tokens`` are a person's name: capitalised, no organisation word."""
    if not tokens or len(tokens) > 5:
        return False
    for token in tokens:
        lowered = token.lower()
        if lowered in _NAME_PARTICLES or lowered in _SUFFIXES:
            continue
        if not token[:1].isupper() or lowered in ORG_WORDS:
            return False
        if len(token) > 1 and token.isupper() and not token.endswith("."):
            return False  # an acronym: "AI", "BBC"
    return tokens[-1].lower() not in ORG_WORDS


def _read(phrase: str, last_speaker: str | None) -> Attribution | None:
    """Who a subject phrase names: a person, an organisation or a description."""
    phrase = phrase.strip(" ,.;:'\u2019\"")
    appositive = ""
    if ", " in phrase:
        phrase, appositive = phrase.split(", ", 1)
    tokens = phrase.split()
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].lower() in _FIRST_PERSON:
        return None  # "I said", "we told them": the writer, not a source
    if len(tokens) == 1 and tokens[0].lower() in _PRONOUNS:
        pronoun = tokens[0].lower()
        if not last_speaker:
            return None
        a_person = _is_name(last_speaker.split()) and len(last_speaker.split()) > 1
        if (pronoun in ("he", "she") and not a_person) or (pronoun == "it" and a_person):
            return None  # "it said" after a person, "she said" after a ministry
        return Attribution(last_speaker, True, False, a_person)
    if len(tokens) == 1 and last_speaker and _surname(last_speaker) == tokens[0]:
        return Attribution(last_speaker, True, True, True)  # "Osei said" after "Rita Osei"
    return _analyse(phrase, appositive)


@functools.lru_cache(maxsize=4096)
def _analyse(phrase: str, appositive: str) -> Attribution | None:
    """:func:`_read` for a phrase that needs no earlier speaker; the same phrases
    ("the army", "prosecutors", a name) come back in article after article."""
    tokens = phrase.split()
    study = _STUDY_OF.match(phrase)
    if study:  # "an audit of the year 2025 of the Kellmoor Institute"
        return Attribution(study.group(1), True, True)
    source = _SOURCE_IN.search(phrase)
    if source and not _is_name(tokens[: len(phrase[: source.start()].split())]):
        # "the Facts report from InfoNation": the organisation is the source
        return _read(source.group(1), None)
    for index, token in enumerate(tokens[1:], start=1):
        if token in _TRAILING and tokens[index - 1][:1].isupper():
            tokens = tokens[:index]  # "Clark in October revealed": the time is no part of him
            break
    head, affiliation = _split_affiliation(tokens)
    person, role, group = _person(head)
    if person:
        if not affiliation:
            affiliation = group or _affiliation_in(appositive)
        return Attribution(person, True, True, True, role or _role_in(appositive), affiliation)
    if appositive and _is_name(appositive.split()) and _is_role_phrase(phrase):
        return Attribution(appositive, True, True, True, phrase, "")  # "his lawyer, Ana Ruiz"
    return _organisation_or_description(head, tokens)


def _split_affiliation(tokens: list[str]) -> tuple[list[str], str]:
    """ "Ana Ruiz of the River Trust" -> (Ana Ruiz, River Trust)."""
    for index, token in enumerate(tokens[1:], start=1):
        if token.lower() in ("of", "at", "with", "for", "from") and tokens[index - 1][:1].isupper():
            rest = [t for t in tokens[index + 1 :] if t.lower() not in _DETERMINERS]
            if rest and rest[0][:1].isupper() and _is_name(tokens[:index][-3:]):
                return tokens[:index], " ".join(rest)
    return tokens, ""


def _person(tokens: list[str]) -> tuple[str, str, str]:
    """(name, role, organisation) when ``tokens`` end in a person's name."""
    roles = [i for i, t in enumerate(tokens) if t.lower() in ROLE_WORDS]
    if roles:
        last_role = roles[-1]
        name = [t for t in tokens[last_role + 1 :] if t.lower() not in _TITLES]
        if not name or not _is_name(name):
            return "", "", ""
        first_role = roles[0]
        while first_role > 0 and (
            tokens[first_role - 1][:1].islower()
            or tokens[first_role - 1].lower() in _ROLE_MODIFIERS
        ):
            first_role -= 1  # "high school math teacher", "Interior Minister"
        while first_role < len(tokens) and tokens[first_role].lower() in _OPENERS:
            first_role += 1  # "but General Mark Milley"
        group = tokens[:first_role]
        role = " ".join(t for t in tokens[first_role : last_role + 1] if t.lower() not in _TITLES)
        return " ".join(name), _bare_role(role), " ".join(group) if _capitalised(group) else ""
    name = [t for t in tokens if t.lower() not in _TITLES]
    if name and _is_name(name) and (len(name) >= 2 or len(name) < len(tokens)):
        return " ".join(name), "", ""
    # "Harbour master Lena Fry": a name after a role we do not list.
    run = len(tokens)
    while run > 0 and (tokens[run - 1][:1].isupper() or tokens[run - 1].lower() in _SUFFIXES):
        run -= 1
    if (
        run > 0
        and len(tokens) - run >= 2
        and tokens[run - 1][:1].islower()
        and tokens[run - 1] not in _LINKS  # "the Office for the District of New York"
    ):
        name = tokens[run:]
        if _is_name(name):
            return " ".join(name), _bare_role(" ".join(tokens[:run])), ""
    return "", "", ""


def _capitalised(tokens: list[str]) -> bool:
    return bool(tokens) and all(t[:1].isupper() for t in tokens)


def _organisation_or_description(head: list[str], tokens: list[str]) -> Attribution:
    words = [t for t in head if t.lower() not in _DETERMINERS] or head
    if words[0].lower() in _POSSESSIVES:
        return Attribution(" ".join(tokens).lower(), False, True)  # "his office"
    capitals = [t for t in words if t[:1].isupper() or t[:1].isdigit()]
    if capitals and len(capitals) == len(words):
        return Attribution(" ".join(words), True, True)  # "the Interior Ministry", "Austria"
    if capitals and words[-1].lower() in _GROUP_ROLES and words[0][:1].isupper():
        org = " ".join(words[:-1])  # "Berrien County Health Department officials"
        return Attribution(org, True, True, False, words[-1], org)
    lead = 0
    while lead < len(words) and words[lead][:1].islower() and lead < len(words) - 1:
        lead += 1
    if lead and _capitalised(words[lead:]):
        return Attribution(" ".join(words[lead:]), True, True)  # "the state-run Tirana Agency"
    described = " ".join(tokens)
    if tokens[0].lower() in _DETERMINERS or tokens[0].lower() in _POSSESSIVES:
        described = described[:1].lower() + described[1:]  # "The group" -> "the group"
    # "the news agency", "prosecutors", "the attorney's office": a body one can
    # ask, as good a source as a name; "a person familiar with the matter" is not.
    noun = words[-1].lower().strip("'\u2019")
    return Attribution(described, noun in ORG_WORDS or noun in _INSTITUTIONS, True)


def _affiliation_in(appositive: str) -> str:
    """The organisation in an appositive: "a hydrologist with the Flood Centre in Exeter"."""
    match = re.search(
        r"\b(?:with|at|of|for|from)\s+(?:the\s+)?([A-Z][\w&.'\u2019-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w&.'\u2019-]*)*)",
        appositive,
    )
    if match:
        return match.group(1)
    possessive = re.match(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)['\u2019]s?\s", appositive)
    return possessive.group(1) if possessive else ""


def _bare_role(role: str) -> str:
    """ "Its chief executive" -> "chief executive": a role without its determiner."""
    first, _, rest = role.partition(" ")
    if rest and (first.lower() in _DETERMINERS or first.lower() in _POSSESSIVES):
        return rest
    return role


def _role_in(appositive: str) -> str:
    """The role in an appositive: "a hydrologist with the Flood Centre" -> hydrologist."""
    words = appositive.split()
    cut = next((i for i, w in enumerate(words) if w in _LINKS), len(words))
    return _bare_role(" ".join(words[:cut]))


def _surname(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in _SUFFIXES]
    return words[-1] if words else name


_NAME_RUN = re.compile(r"((?:[A-Z][\w'\u2019-]*\.? ){1,5})$")


def full_name(text: str, before: int, surname: str) -> str:
    """The full name a surname stands for, as first written before ``before``.

    "Bosma said" after "House Speaker Brian Bosma spoke" -> "Brian Bosma".
    """
    bare = surname.split()[-1]
    if not bare[:1].isupper() or bare.lower() in ORG_WORDS or bare.lower() in _INSTITUTIONS:
        return surname
    at = text.find(bare, 0, before)
    while at != -1:
        after = at + len(bare)
        whole = (after == len(text) or not text[after].isalnum()) and at > 0 and text[at - 1] == " "
        run = _NAME_RUN.search(text, max(0, at - 60), at) if whole else None
        at = text.find(bare, after, before)
        if run is None:
            continue
        tokens = [*run.group(1).split(), bare]
        cut = max(
            (i for i, t in enumerate(tokens[:-1]) if t.lower() in _NOT_IN_NAMES),
            default=-1,
        )
        name = [t for t in tokens[cut + 1 :] if t.lower() not in _TITLES]
        if 2 <= len(name) <= 4 and _is_name(name):
            return " ".join(name)
    return surname


# Words that end the run before a name: "Indiana House Speaker | Brian Bosma".
_NOT_IN_NAMES = ROLE_WORDS | ORG_WORDS | _ROLE_MODIFIERS
