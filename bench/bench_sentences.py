"""Sentence splitting: our accuracy and speed beside pySBD's.

    pip install -e '.[dev]'     # pySBD is a development tool, never needed at run time
    python bench/bench_sentences.py [--repeat 3]

Accuracy is the share of cases in our rule set (bench/sentence_rules.py, our
own wording of the rules pySBD's and syntok's suites are known for) split
exactly right. Speed is measured on real article text: the bodies of the
pages in ../shared/data/article-html when present, the synthetic corpus
otherwise. The aim (issue 12): pySBD's accuracy at 20 times its speed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import article
from devdata import data_dir
from sentence_rules import RULES

from workbench.core.text.repair import repair
from workbench.core.text.sentences import split

Splitter = Callable[[str], list[str]]


def ours(text: str) -> list[str]:
    return [s.text for s in split(text)]


def _flat(pieces: list[str]) -> list[str]:
    return [" ".join(p.split()) for p in pieces if p.strip()]


def accuracy(splitter: Splitter) -> tuple[int, list[str]]:
    """Cases split exactly right (white space aside), and the rules of the others."""
    right, missed = 0, []
    for rule, text, expected in RULES:
        if _flat(splitter(text)) == _flat(expected):
            right += 1
        else:
            missed.append(rule)
    return right, missed


def texts() -> tuple[str, list[str]]:
    data = data_dir()
    if data is not None and (data / "article-html" / "ground-truth.json").exists():
        truth = data / "article-html" / "ground-truth.json"
        pages = json.loads(truth.read_text(encoding="utf-8"))
        return "article-html bodies", [repair(p["articleBody"]) for p in pages.values()]
    rng = random.Random(7)
    return "synthetic corpus", [repair(article(rng, i)) for i in range(200)]


def seconds(splitter: Splitter, corpus: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        for text in corpus:
            splitter(text)
        best = min(best, time.perf_counter() - began)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    try:
        import pysbd
    except ImportError:
        pysbd = None
    right, missed = accuracy(ours)
    print(f"rule set:   {len(RULES)} cases")
    print(f"ours:       {right}/{len(RULES)} = {right / len(RULES):.0%} right")
    if missed:
        print(f"            missed: {', '.join(missed)}")
    name, corpus = texts()
    size = sum(len(t.encode("utf-8")) for t in corpus)
    our_time = seconds(ours, corpus, args.repeat)
    print(f"speed:      {name}, {size / 1e6:.2f} MB")
    print(f"ours:       {our_time:.3f} s = {size / 1e6 / our_time:.1f} MB/s")
    if pysbd is None:
        print("pySBD:      not installed (pip install -e '.[dev]')")
        return
    segmenter = pysbd.Segmenter(language="en", clean=False)

    def theirs(text: str) -> list[str]:
        return [s.strip() for s in segmenter.segment(text)]

    their_right, their_missed = accuracy(theirs)
    print(f"pySBD:      {their_right}/{len(RULES)} = {their_right / len(RULES):.0%} right")
    if their_missed:
        print(f"            missed: {', '.join(their_missed)}")
    their_time = seconds(theirs, corpus, 1)
    print(f"pySBD:      {their_time:.3f} s = {size / 1e6 / their_time:.2f} MB/s")
    print(f"ratio:      ours {their_time / our_time:.0f}x pySBD's speed")


if __name__ == "__main__":
    main()
