"""A synthetic corpus for benchmarks: articles about made-up towns, in our words.

Deterministic for a seed, so two runs measure the same text.
"""

from __future__ import annotations

import random
from pathlib import Path

TOWNS = ["Ashby", "Bramford", "Colwick", "Dunmore", "Elstow", "Farleigh", "Glenrock", "Hadley"]
BODIES = ["council", "water board", "police force", "hospital trust", "rail operator", "port"]
PEOPLE = ["Ana Ruiz", "Ben Okoro", "Cara Lind", "Dev Patel", "Eli Stone", "Fay Morgan"]
# Sentence lengths and the share of plain narration follow real wire copy
# (the seed articles average about 170 bytes a sentence, half of them no claim).
TEMPLATES = [
    "Residents of {town} have long complained about the state of the roads, the buses and "
    "the library, and many of them turned out on a wet evening to hear what the {body} had to say.",
    "The meeting, which ran late into the evening, heard from shop owners, parents and a "
    "handful of students who had come straight from the college across the square.",
    "Officials from the {body} declined to answer questions after the session, saying that a "
    "full statement would follow once the board had reviewed the figures in detail.",
    "The {body} in {town} spent £{money} million on repairs in {year}, more than in any year "
    "since records began, according to accounts published by the county auditor this week.",
    "A {year} audit by the {town} Institute found that {pct}% of the {things} checked by its "
    "inspectors were faulty, and that most of the faults had been reported at least once before.",
    '"We have fixed {count} {things} since {month}, and we will not stop until every street in '
    'the district is covered," said {person}, who has led the programme for two years.',
    "{person}, who leads the {body}, said the figures were {adj} and that the board would "
    "publish a fuller account of its spending before the end of the financial year.",
    "The {body} now ranks {rank}th of {total} in the regional league table, two places lower "
    "than a year ago and well behind its neighbours on both cost and reliability.",
    "In {month} {year}, the {body} opened a new depot on the edge of {town}, promising faster "
    "repairs for the villages to the north that had waited longest for crews to arrive.",
    "More than {count} residents signed a petition against the plan last week, and organisers "
    "said they would present it to the full council at its next meeting in the town hall.",
    "Critics say the {body} has been slow to act, and many residents who spoke at the meeting "
    "agreed that the problems had been allowed to build up over a long period of time.",
    "Do you think the {body} is doing enough to keep the {things} of {town} in good repair?",
    "It &#39;s a ,quot;{adj},quot; result for {town}, one resident said as the meeting broke "
    "up, adding that she would wait to see whether anything changed on her own street.",
]
WORDS = {
    "things": ["meters", "pipes", "street lights", "buses", "bridges", "pumps"],
    "adj": ["encouraging", "worrying", "misleading", "accurate", "disappointing"],
    "month": ["January", "March", "June", "September", "November"],
}


def story(rng: random.Random) -> dict[str, object]:
    """The facts of one story, which several outlets then report."""
    town = rng.choice(TOWNS)
    return {
        "town": town,
        "body": rng.choice(BODIES),
        "person": rng.choice(PEOPLE),
        "money": rng.randint(2, 400),
        "year": rng.randint(2015, 2026),
        "pct": rng.randint(2, 60),
        "count": rng.randint(20, 9000),
        "rank": rng.randint(4, 19),
        "total": rng.randint(20, 30),
        "things": rng.choice(WORDS["things"]),
        "adj": rng.choice(WORDS["adj"]),
        "month": rng.choice(WORDS["month"]),
    }


def article(rng: random.Random, index: int, fill: dict[str, object] | None = None) -> str:
    """One outlet's article: a choice of sentences about a story's facts."""
    fill = fill or story(rng)
    town = fill["town"]
    paragraphs = [
        f"date 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {town} report {index}"
    ]
    for _ in range(rng.randint(6, 10)):
        sentences = [rng.choice(TEMPLATES).format(**fill) for _ in range(rng.randint(1, 3))]
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` articles under ``folder``; return the bytes written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    facts = story(rng)
    for index in range(count):
        if index % 4 == 0:  # four outlets report each story, as real coverage does
            facts = story(rng)
        text = article(rng, index, facts)
        (folder / f"article-{index:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total
