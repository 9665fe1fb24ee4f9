"""Extraction on real news: the claims a fact-checker would check, found and read right.

    python bench/bench_news.py [-v]

Ten pages of ../shared/data/article-html, marked by hand in bench/news_truth.py
(page ids and key words only). Each page's ground-truth article body goes
through our repair and extract(), as an ingested article would, so the figures
do not depend on HTML extraction.

recall      marked claims that extract() keeps              (target >= 90%)
precision   kept claims that are marked                      (target >= 85%)
speakers    marked claims whose speaker is right             (target >= 90%)
numbers     marked numbers read right: value, unit, qualifier (target >= 90%)
kinds       marked claims of the right kind                  (target >= 90%)

Recall and precision rest on the check-worthiness score (which sentences are
kept); speakers, numbers and kinds on the reading of each sentence. So the
last three are given twice: on the claims kept, and on every marked sentence
(assessed whether kept or not), which measures the reading alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import attrs
from devdata import data_dir
from news_truth import PAGES, Number, Truth

from workbench.core.models import Claim, ClaimKind, NumberMention
from workbench.core.text.claims import assess, extract
from workbench.core.text.repair import repair
from workbench.core.text.sentences import split
from workbench.core.text.speakers import full_name


def _holds(text: str, truth: Truth) -> bool:
    lowered = text.lower().replace("\u2019", "'")
    return all(key.lower().replace("\u2019", "'") in lowered for key in truth.keys)


def _norm(name: str) -> str:
    words = name.lower().replace("\u2019", "'").replace(".", "").split()
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    return " ".join(words)


def speaker_right(found: str | None, truth: Truth) -> bool:
    """Right when it names one of the marked speakers (whole words, either way round)."""
    if not truth.speakers:
        return found is None
    if found is None:
        return False
    ours = _norm(found)
    for name in truth.speakers:
        theirs = _norm(name)
        if ours == theirs or f" {theirs} " in f" {ours} " or f" {ours} " in f" {theirs} ":
            return True
    return False


def number_right(expected: Number, mentions: Iterable[NumberMention]) -> bool:
    value, unit, qualifier = expected
    for mention in mentions:
        if value == "date":
            if mention.date == unit:
                return True
            continue
        if value is None or mention.value is None:
            same = value is None and mention.value is None
        else:
            same = abs(mention.value - float(value)) <= abs(float(value)) * 0.005
        words = mention.unit.split()
        unit_ok = not unit or mention.unit == unit or unit in words
        if same and unit_ok and mention.qualifier == qualifier:
            return True
    return False


class Tally:
    def __init__(self) -> None:
        self.right = 0
        self.total = 0
        self.misses: list[str] = []

    def add(self, ok: bool, note: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(note)

    def line(self, name: str, target: str) -> str:
        share = self.right / self.total if self.total else 0.0
        return f"{name:<22}{self.right:>4}/{self.total:<4} = {share:6.1%}   (target {target})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="list what was missed")
    args = parser.parse_args()
    data = data_dir()
    truth_file = data / "article-html" / "ground-truth.json" if data else None
    if truth_file is None or not truth_file.exists():
        print("no ../shared/data/article-html here: nothing to measure", file=sys.stderr)
        raise SystemExit(1)
    bodies = json.loads(truth_file.read_text(encoding="utf-8"))
    recall, precision = Tally(), Tally()
    kept = {"speakers": Tally(), "numbers": Tally(), "kinds": Tally()}
    every = {"speakers": Tally(), "numbers": Tally(), "kinds": Tally()}
    problems: list[str] = []
    for page, truths in PAGES.items():
        text = repair(bodies[page]["articleBody"])
        claims = extract(text)
        # Every marked sentence read as if kept: the reading without the score.
        everything = _everything(text)
        for truth in truths:
            label = f"{page[:8]} {'|'.join(truth.keys)}"
            if sum(_holds(s.text, truth) for s in split(text)) != 1:
                problems.append(f"{label}: key words do not pick out one sentence")
                continue
            claim = next((c for c in claims if _holds(c.text, truth)), None)
            if not truth.optional:
                recall.add(claim is not None, label)
            read = next(c for c in everything if _holds(c.text, truth))
            for tallies, got in ((kept, claim), (every, read)):
                if got is None or truth.optional:
                    continue
                if truth.speakers or got.speaker:
                    tallies["speakers"].add(
                        speaker_right(got.speaker, truth), f"{label}: {got.speaker!r}"
                    )
                for number in truth.numbers:
                    shown = [(n.text, n.value, n.unit, n.qualifier, n.date) for n in got.numbers]
                    tallies["numbers"].add(
                        number_right(number, got.numbers), f"{label}: {number} in {shown}"
                    )
                tallies["kinds"].add(
                    got.kind is ClaimKind(truth.kind), f"{label}: {got.kind.value}"
                )
        for claim in claims:
            marked = [t for t in truths if _holds(claim.text, t)]
            if marked and all(t.optional for t in marked):
                continue
            precision.add(bool(marked), f"{page[:8]} [{claim.sentence_index}] {claim.score:.2f}")
    required = sum(not t.optional for ts in PAGES.values() for t in ts)
    optional = sum(t.optional for ts in PAGES.values() for t in ts)
    print(f"pages: {len(PAGES)}, marked claims: {required} (+{optional} either way)")
    print(recall.line("recall", ">= 90%") + "   score-driven")
    print(precision.line("precision", ">= 85%") + "   score-driven")
    for name in ("speakers", "numbers", "kinds"):
        print(kept[name].line(f"{name} (kept)", ">= 90%"))
    for name in ("speakers", "numbers", "kinds"):
        print(every[name].line(f"{name} (all marked)", ">= 90%") + "   reading only")
    for problem in problems:
        print(f"truth file: {problem}", file=sys.stderr)
    if args.verbose:
        for name, tally in [
            ("missed claims", recall),
            ("kept, not marked", precision),
            *((f"{k} wrong (all marked)", t) for k, t in every.items()),
        ]:
            if tally.misses:
                print(f"\n{name}:")
                for miss in tally.misses:
                    print(f"  {miss}")


def _everything(text: str) -> list[Claim]:
    """Every sentence of ``text`` assessed as extract() would, kept or not."""
    out: list[Claim] = []
    last: str | None = None
    for sentence in split(text):
        if sentence.heading:
            continue
        found = assess(sentence.text, last_speaker=last, quoted=sentence.quoted)
        if found.named_speaker and " " not in found.named_speaker:
            whole = full_name(text, sentence.start, found.named_speaker)
            found = attrs.evolve(found, speaker=whole, named_speaker=whole)
        if found.named_speaker:
            last = found.named_speaker
        out.append(
            Claim(
                None,
                None,
                sentence.text,
                found.kind,
                found.score,
                sentence.start,
                sentence.end,
                numbers=found.numbers,
                speaker=found.speaker,
            )
        )
    return out


if __name__ == "__main__":
    main()
