"""Who a phrase names: a person (with role and organisation), an organisation or a description.

:mod:`workbench.core.text.speakers` finds the subject of a speech verb; this
module reads that phrase:

* "Ana Ruiz, a hydrologist with the Flood Centre" -> Ana Ruiz, role
  hydrologist, affiliation Flood Centre;
* "Unite General Secretary Mara Quinn" -> Mara Quinn, role General Secretary,
  affiliation Unite;
* "the state-run Tirana Press Agency" -> Tirana Press Agency (named);
* "prosecutors" -> a description, as good a source as a name;
* "he", "Osei" -> the last speaker named, when it fits.

:func:`full_name` finds the whole name a lone surname stands for.
"""

from __future__ import annotations

import functools
import re

import attrs

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


class Leaning:
    """What reading a sentence needed of the speaker named before it.

    ``used``: the speaker itself ("he said", a quotation carried on);
    ``surnames``: only whether the speaker's surname is one of these ("Osei
    said" names the Rita Osei before it, else whoever Osei is). An assessment
    that needed neither is the same whoever spoke before, so the memo of
    :mod:`workbench.core.text.claims` keeps one for every earlier speaker.
    """

    __slots__ = ("surnames", "used")

    def __init__(self) -> None:
        self.used = False
        self.surnames: set[str] = set()


def _read(
    phrase: str, last_speaker: str | None, leaning: Leaning | None = None
) -> Attribution | None:
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
        if leaning is not None:
            leaning.used = True  # the earlier speaker is the one speaking
        pronoun = tokens[0].lower()
        if not last_speaker:
            return None
        a_person = _is_name(last_speaker.split()) and len(last_speaker.split()) > 1
        if (pronoun in ("he", "she") and not a_person) or (pronoun == "it" and a_person):
            return None  # "it said" after a person, "she said" after a ministry
        return Attribution(last_speaker, True, False, a_person)
    if len(tokens) == 1 and leaning is not None:
        leaning.surnames.add(tokens[0])  # the earlier speaker, if this is their surname
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


def surname(name: str) -> str:
    """The last word of a name that is not a suffix: "Ken Lowe Jr." -> Lowe."""
    return _surname(name)


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
