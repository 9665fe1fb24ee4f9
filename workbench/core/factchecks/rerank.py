"""The final score of a fact-check for a text: the probability that both state the same claim.

The candidates that share words with a text are scored on five features:

- ``words``: the BM25-based word score of :func:`~workbench.core.factchecks.scoring.words_score`;
- ``chars``: the cosine of the character 4-grams of the text and of the fact-check's
  claim and title, each 4-gram weighed by how rare it is among the fact-checks the
  text met (its candidates and a fixed sample of the others), so a misspelt name,
  a run-together tag or an unstemmed form still counts where whole words do not;
- ``media``: the post carried a link or an attached picture or video and the
  fact-check is about a photograph, image or video;
- ``year_same`` and ``year_other``: the post's date (the credit line under an
  embedded post) names a year the fact-check names, or the fact-check names only
  other years.

Their weighted sum goes through the logistic function; the weights come from
``rerank.json``, fitted by ``bench/train_factchecks.py`` on texts of our own
(bench/factcheck_claims.tsv: fact-checks, sentences and social-media posts
restating them, near misses, other fact-checks on the same topics); no
third-party data. ``covered`` weighs 0 in the ranking (it is the separate limit
for storing a match), ``media`` and the years weigh 0 until data of our own says
enough about them. Facts that disagree (numbers, years, negation, opposite
directions or words, names) then lower it.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources
from itertools import chain

import attrs

from workbench.core.factchecks.text import link_or_attachment, post_year, words

GRAM = 4
# Added to the candidates' count in a 4-gram's idf: with few candidates (a claim at
# ingest that meets two fact-checks) rarity among them says little, and the weights
# tend to plain counts; with the 50 of a search it changes little.
SMOOTH = 10
_MEDIA = re.compile(
    r"\b(?:photo|photograph|photographs|photos|image|images|picture|pictures|pictured|"
    r"video|videos|footage|clip|meme|shows?)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
FEATURES = ("words", "chars", "covered", "media", "year_same", "year_other")


@attrs.frozen
class Post:
    """What a text says about itself before cleaning: a link or attachment, its date's year."""

    media: bool
    year: int | None

    @classmethod
    def of(cls, text: str) -> Post:
        return cls(link_or_attachment(text), post_year(text))


@attrs.frozen
class Sides:
    """What reranking reads of a fact-check, derived once."""

    grams: Counter[str]
    repeats: tuple[tuple[str, int], ...]  # the 4-grams it holds more than once
    media: bool
    years: frozenset[int]

    @classmethod
    def of(cls, claim: str, title: str) -> Sides:
        both = f"{claim} {title}"
        counts = grams(both)
        return cls(
            counts,
            repeated(counts),
            bool(_MEDIA.search(both)),
            frozenset(int(y) for y in _YEAR.findall(both)),
        )


def grams(text: str) -> Counter[str]:
    """The character 4-grams of ``text``'s lower-case words, joined by single spaces."""
    joined = " ".join(words(text))
    return Counter(joined[i : i + GRAM] for i in range(len(joined) - GRAM + 1))


@attrs.frozen
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float  # a match is stored and shown as "checked before" from this score ...
    covered_min: float  # ... when the text holds at least this share of the fact-check's claim
    identity: str = ""  # of the weights file: matches found by another model are redone

    def probability(self, values: Sequence[float]) -> float:
        z = self.bias + sum(
            self.weights[name] * v for name, v in zip(FEATURES, values, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def model() -> Model:
    text = resources.files("workbench.core.factchecks").joinpath("rerank.json").read_text("utf-8")
    data = json.loads(text)
    return Model(
        {name: float(data["weights"].get(name, 0.0)) for name in FEATURES},
        float(data["bias"]),
        float(data["threshold"]),
        float(data.get("covered_min", 0.0)),
        hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
    )


def repeated(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    """The 4-grams ``counts`` holds more than once, with their counts."""
    return tuple((g, n) for g, n in counts.items() if n > 1)


def char_similarities(
    ours: Counter[str],
    theirs: Sequence[Counter[str]],
    repeats: Sequence[tuple[tuple[str, int], ...]] | None = None,
) -> list[float]:
    """The cosine of ``ours`` with each of ``theirs``, each 4-gram weighed by how rare it
    is among ``theirs`` (the candidates a text met), grams none of them holds left out;
    ``repeats``: :func:`repeated` of each of ``theirs``, when known.

    Rarity among the candidates rather than among all fact-checks: the words of the
    topic that brought the candidates weigh little, the details that tell them apart
    much.
    """
    seen = Counter(chain.from_iterable(theirs))  # a Counter iterates over its grams once
    top = len(theirs) + 1 + SMOOTH
    log = math.log
    by_count = [log(top / (1 + n)) if n else 0.0 for n in range(len(theirs) + 1)]
    idf = {g: by_count[n] for g, n in seen.items()}
    mine = {g: (1 + log(n)) * idf[g] for g, n in ours.items() if g in idf}
    mine_norm = math.sqrt(sum(v * v for v in mine.values()))
    if not mine_norm:
        return [0.0] * len(theirs)
    squared = {g: v * v for g, v in idf.items()}
    product = {g: v * idf[g] for g, v in mine.items()}  # ours times theirs for a gram once
    found = []
    for at, counts in enumerate(theirs):
        # Most 4-grams occur once: norms and products are summed at C speed, the few
        # repeated grams corrected after.
        norm = sum(map(squared.__getitem__, counts))
        dot = sum(map(product.__getitem__, product.keys() & counts.keys()))
        for g, n in repeats[at] if repeats is not None else repeated(counts):
            norm += squared[g] * ((1 + log(n)) ** 2 - 1)
            if g in product:
                dot += product[g] * log(n)
        found.append(dot / (mine_norm * math.sqrt(norm)) if norm else 0.0)
    return found


def features(
    words_value: float, chars: float, covered: float, post: Post, sides: Sides
) -> tuple[float, ...]:
    year_same = bool(post.year and post.year in sides.years)
    year_other = bool(post.year and sides.years and not sides.years & {post.year, post.year - 1})
    return (
        words_value,
        chars,
        covered,
        float(post.media and sides.media),
        float(year_same),
        float(year_other),
    )
