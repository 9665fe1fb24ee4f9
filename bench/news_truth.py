"""What a fact-checker would check in ten real news pages, marked by hand.

The pages are in ../shared/data/article-html (their ground-truth article
bodies). Only page ids and a few key words per claim are kept here, never the
articles' sentences: a claim is the sentence holding all of its key words.

For each claim: its kind, who says it (any of the names given; none when
nobody is quoted or cited), and the numbers a checker would compare, as
(value, unit, qualifier) with the unit's head noun ("cars" for "new cars"),
or ("date", ISO) for a date. ``optional`` marks sentences where checkers
could fairly disagree: they count neither for nor against recall and
precision.
"""

from __future__ import annotations

from typing import NamedTuple

Number = tuple[float | str | None, str, str]


class Truth(NamedTuple):
    keys: tuple[str, ...]
    kind: str
    speakers: tuple[str, ...] = ()
    numbers: tuple[Number, ...] = ()
    optional: bool = False


def c(
    keys: str,
    kind: str,
    speaker: str | tuple[str, ...] = (),
    *numbers: Number,
    optional: bool = False,
) -> Truth:
    """A claim: key words separated by '|', then its kind, speaker(s) and numbers."""
    names = (speaker,) if isinstance(speaker, str) else speaker
    return Truth(tuple(keys.split("|")), kind, names, tuple(numbers), optional)


def maybe(keys: str, kind: str = "other", speaker: str | tuple[str, ...] = ()) -> Truth:
    return c(keys, kind, speaker, optional=True)


PAGES: dict[str, list[Truth]] = {
    # Michigan, a virus outbreak (AP)
    "c467d507551a836efa9cfe843ba5d7bafe519750e04d0c9ff0decf44f013f829": [
        c("6th fatality", "statistic", "Michigan health authorities", (6, "fatality", "")),
        c(
            "officials said monday|one of two",
            "statistic",
            "Berrien County Health Department",
            (2, "people", ""),
        ),
        maybe("death occurred saturday", "event"),
        c("first appeared in west michigan", "event"),
        maybe("barry, berrien", "other"),
        c("10 human cases|46 animal", "statistic", (), (10, "cases", ""), (46, "cases", "")),
        c("khaldun|freezing temperatures", "attribution", "Joneigh Khaldun"),
    ],
    # China, a plague case (NY Post)
    "432362af0be43f6da757ea778bd7f2f000094a565bdebac5af7442987a5372f3": [
        c("bubonic plague was reported", "statistic", (), (2, "people", "")),
        c("black death|25 million", "statistic", (), (25e6, "people", "estimated")),
        c("wild rabbit|nov. 5", "attribution", "Xinhua News Agency", ("date", "--11-05", "")),
        c("county of huade", "attribution", ("Xinhua News Agency", "the news agency")),
        c("28 people", "statistic", (), (28, "people", "")),
        c(
            "no one has shown symptoms",
            "attribution",
            ("the commission", "regional health commission"),
        ),
        c("two other patients", "statistic", (), (2, "patients", "")),
        maybe("cases appear to be unrelated", "attribution", "Authorities"),
    ],
    # Emirates and Boeing (CNBC)
    "374ac9a59a85196cdacc1679fb8993521a7b7d9d6533720f102300be1c7face4": [
        c("finalized a deal", "statistic", "executives of both companies", (30, "jets", "")),
        c("down by 30 to 126", "statistic", (), (30, "", ""), (126, "jets", "")),
        c("777 program|engine problems", "other"),
        c("242 to 330", "statistic", (), (242, "passengers", "")),
        c("$8.8 billion", "statistic", (), (8.8e9, "$", "")),
        c(
            "346 people",
            "statistic",
            (),
            (2, "crashes", ""),
            (5, "months", "less than"),
            (346, "people", ""),
        ),
        c("grounded since march", "statistic", (), (400, "jets", "roughly")),
        c("five 787", "statistic", (), (5, "sales", "")),
        c("some 60", "statistic", (), (60, "jet", "some")),
        c("recommence its expansion", "attribution", "Tim Clark"),
        c("by 30%", "statistic", "Tim Clark", (30, "%", ""), (2025, "year", "")),
        c("270 aircraft", "statistic", (), (270, "aircraft", ""), (12, "freight", "")),
        c(
            "$16 billion",
            "statistic",
            "Emirates",
            (30, "jets", ""),
            (50, "jets", ""),
            (16e9, "$", ""),
        ),
        maybe("order had been revised", "event"),
        c("number one buyer", "comparison", (), (123, "planes", "")),
        c("scrap its production", "event"),
    ],
    # Afghanistan, a helicopter crash (Al Jazeera)
    "7916ecca969ffdd8f6fc32d171fbe0dd63db40fe4c1d2ade02b1dec5929a162f": [
        c("two united states service", "statistic", "US military", (2, "members", "")),
        c("cause of the crash", "quote", ("US military", "the statement")),
        c("claimed responsibility", "attribution", "Afghan Taliban"),
        c("chinook", "quote", "Zabihullah Mujahid"),
        c("mujahideen base", "quote", "Zabihullah Mujahid"),
        c("ruled out taliban", "attribution", "Afghan government"),
        c("two western hostages", "statistic", (), (2, "hostages", ""), (3, "commanders", "")),
        c(
            "13,000 us troops",
            "statistic",
            (),
            (13000, "troops", "roughly"),
            (18, "years", ""),
            ("date", "2001-09-11", ""),
        ),
        c("mark milley", "quote", "Mark Milley"),
        c("2,500 afghan", "statistic", "United Nations", (2500, "civilians", "more than")),
    ],
    # Houston, car sales (Houston Chronicle)
    "9ebb3af65694a953005df5bd3869b2cefc263e1dea0471e3ef361c66a264cdd3": [
        c("plunged 10 percent", "statistic", (), (10, "%", "")),
        c("30,154", "study", "InfoNation", (30154, "cars", ""), (10, "%", "")),
        c("208,560", "statistic", (), (208560, "vehicles", ""), (5, "%", "")),
        c("2.6 percent|12.3 percent", "statistic", (), (2.6, "%", ""), (12.3, "%", "")),
        c("303,417", "statistic", "InfoNation", (303417, "vehicles", ""), (4, "%", "")),
        c("not as strong as 2018", "quote", "Dan McDowell"),
        c("below 6 percent", "statistic", (), (6, "%", "below")),
        c("5.7 percent", "statistic", "Edmunds.com", (5.7, "%", ""), (6.2, "%", "")),
        c("quarter-point", "statistic", "Federal Reserve", (0.25, "point", "")),
        maybe("popular time for expensive", "quote", "Jessica Caldwell"),
        c("prices are climbing", "other"),
        c("$39,014", "statistic", (), (39014, "$", ""), (38373, "$", ""), (34410, "$", "")),
        c("$41,640", "statistic", "InfoNation", (41640, "$", ""), (31627, "$", "")),
        c("pushed prices up", "attribution", "Dan McDowell"),
        c("14.6 percent", "statistic", (), (14.6, "%", "")),
        c("13.2 percent", "statistic", (), (13.2, "%", ""), (21.8, "%", ""), (15.2, "%", "")),
        c("17.3 million", "statistic", (), (17.3e6, "vehicles", "nearly"), (0.3, "%", "")),
        maybe("16.6 million", "statistic", "Edmunds"),
    ],
    # WeWork layoffs (The Real Deal)
    "bc13ff87b2630ffbebc33bc37b11178b14f03109055e1d17bf644f804b63d98a": [
        c(
            "more than a third",
            "statistic",
            (),
            (1 / 3, "ratio", "more than"),
            (12000, "employees", ""),
        ),
        c("company email", "attribution", "Marcelo Claure"),
        c("necessary job eliminations", "quote", "Marcelo Claure"),
        maybe("scale back certain functions", "quote", "Marcelo Claure"),
        c(
            "person familiar with the matter told",
            "attribution",
            "a person familiar with the matter",
        ),
        c("$47 billion", "statistic", (), (47e9, "$", ""), (8e9, "$", "")),
        c("$9.5 billion", "statistic", (), (9.5e9, "$", "")),
        c(
            "4,000 people",
            "statistic",
            "people familiar with the matter",
            (4000, "people", "more than"),
        ),
        c(
            "1,000 maintenance workers",
            "statistic",
            "a group of employees",
            (1000, "workers", ""),
            ("date", "--12-09", ""),
        ),
        maybe("weworkers coalition", "event"),
        c("agreement with jll", "statistic", "the group", (1000, "workers", "close to")),
        c("raised alarm", "attribution", "the group"),
        c("pay discrepancies", "attribution", "the group"),
        maybe("following through on its promise", "quote", "the group"),
        c("$3 billion tender", "statistic", (), (3e9, "$", ""), (2, "weeks", "almost")),
    ],
    # Austria, Hitler's birthplace (NBC News)
    "5a822960e9a2cb1e664d334b6c936c5cb6e41fb5331877538c2c8339cb59d57e": [
        c(
            "turned into a police station",
            "attribution",
            ("Austria's interior minister", "Wolfgang Peschorn"),
        ),
        c("compulsory purchase", "event"),
        c("local police force's offices", "attribution", "Interior Ministry"),
        maybe("unmistakable signal", "quote", "Wolfgang Peschorn"),
        c("first half of next year", "attribution", "Interior Ministry"),
        c("braunau in 1889", "attribution", "Austria", (1889, "year", ""), (1938, "year", "")),
        maybe("perpetrators of nazi crimes", "other"),
    ],
    # Indiana, a teachers' protest (Detroit News, AP)
    "7de5241947a5f7147fe9787c6f6fa16685bfe66e6c35510a68780f27690dc4f0": [
        c(
            "several thousand teachers",
            "statistic",
            (),
            (None, "teachers", ""),
            (0.5, "ratio", "more than"),
        ),
        c("biggest such teacher protest", "comparison", (), (2, "years", "")),
        c("more than 40 fellow", "statistic", "Angela Cooper", (40, "teachers", "more than")),
        maybe("top worry is low pay", "attribution", "Angela Cooper"),
        c("$2 billion in cash", "statistic", "Keith Gambill", (2e9, "$", "")),
        maybe("state has the money", "quote", "Keith Gambill"),
        c(
            "nearly 300 school districts",
            "statistic",
            "teachers unions",
            (300, "districts", "nearly"),
        ),
        maybe("2020 session", "event"),
        c("15,000 people registered", "statistic", "the unions", (15000, "people", "more than")),
        c(
            "at least 5,000 people",
            "statistic",
            "Indiana State Police",
            (5000, "people", "at least"),
        ),
        maybe("avoided direct criticism", "other"),
        maybe("lost his reelection bid", "event"),
        c(
            "until at least 2021",
            "attribution",
            ("Eric Holcomb", "GOP leaders"),
            (2021, "year", "at least"),
        ),
        c("other teacher protests were held", "event"),
        c("by 2.5%", "statistic", (), (2.5, "%", ""), (2, "years", "")),
        c("bosma said lawmakers", "attribution", "Brian Bosma"),
        maybe("didn’t see holcomb", "event"),
        c("$5.9 million", "statistic", "his office", (5.9e6, "$", "nearly"), (2016, "year", "")),
        c(
            "teacher pay commission",
            "attribution",
            ("Eric Holcomb", "the governor"),
            (2020, "year", ""),
        ),
        c("9% funding increase", "statistic", "Education advocacy groups", (9, "%", "")),
        c("lowest teacher salary", "study", "Jennifer McCormick", (2002, "year", "")),
        maybe("have “vilified” educators", "attribution", "Joel Schlabach"),
    ],
    # New York, a threat to a congresswoman (NBC News)
    "7a457a4f71735c17b8b34fafc88835d225cf879b2d812311857a64cfc891eee9": [
        c("pleaded guilty monday", "attribution", "prosecutors"),
        c("felon in possession", "attribution", "U.S. Attorney’s Office", (55, "", "")),
        c("$250,000", "statistic", (), (10, "years", "maximum of"), (250000, "$", "up to")),
        c("sentencing is scheduled", "event", (), ("date", "--02-14", "")),
        c("march 21 call", "event", (), ("date", "--03-21", "")),
        c('bullet in her skull,"', "quote", "prosecutor’s office"),
        c("first two muslim women", "comparison", (), (2, "women", "")),
        c("staff member who reported", "quote", "U.S. attorney's office"),
        c("never intended to harm", "attribution", "Sonya Zoghlin"),
        maybe("taken responsibility", "quote", "Sonya Zoghlin"),
        c(
            "three rifles",
            "statistic",
            "prosecutors",
            (3, "rifles", ""),
            (2, "shotguns", ""),
            (None, "rounds", ""),
        ),
        c("criminal mischief in 1998", "event", (), (1998, "year", "")),
        maybe("rights of free speech", "attribution", "James P. Kennedy Jr."),
    ],
    # Sweden drops an investigation (BBC)
    "c7e39ac49fa1235f5d50f83bf2444248bd3aa4e6df044377916c812dd109ba23": [
        c("have dropped an investigation", "event", (), (2010, "year", "")),
        c("for seven years", "event", (), (7, "years", ""), (2012, "year", "")),
        c("50 weeks", "event", (), (48, "year-old", ""), (50, "weeks", "")),
        maybe("held at belmarsh", "other"),
        c("shelved in 2017", "event", (), (2017, "year", "")),
        c("us is seeking assange's extradition", "event", (), (2010, "year", "")),
        c("discontinue the investigation", "quote", "Swedish Prosecution Authority"),
        c("evidence has weakened", "quote", "Swedish Prosecution Authority"),
        maybe("credible and reliable", "quote", "Eva-Marie Persson"),
        maybe("coherent, extensive", "quote", "Eva-Marie Persson"),
        c("seven witnesses", "statistic", "Prosecutors", (7, "witnesses", "")),
        maybe("always argued", "attribution", "Julian Assange"),
        c("dragged out by british police", "event"),
        c("18 criminal charges", "statistic", (), (18, "charges", "")),
        maybe("no competing extradition", "other"),
        c("accused of rape", "event", (), (2010, "year", "")),
        c("always denied the allegations", "attribution", "Julian Assange"),
        c("dropped in 2015", "event", (), (2015, "year", "")),
        maybe("wikileaks welcomed", "event", "Wikileaks"),
        maybe("belligerent prosecution", "quote", "Kristinn Hrafnsson"),
        c("conspiracy to commit computer intrusion", "other"),
        c("largest ever leaks", "comparison", (), (5, "years", "up to")),
        c("formally approved an extradition", "event"),
        c("due to be released", "event"),
        c("judge ruled that assange", "event"),
        c("rejected assange's attempt", "event"),
    ],
}
