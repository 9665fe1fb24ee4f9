"""Grouping speed: from scratch, incrementally, and against naive all-pairs.

    python bench/bench_matching.py [--articles 5000]

Goals (issue 4): grouping 50,000 claims from scratch under 10 s on this 2-core
machine; adding 100 documents to a database of 50,000 claims under 2 s;
memory under 2 GB. The naive all-pairs comparison is timed on a sample and
extrapolated, for comparison.
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import write_corpus

from workbench.core.ingest import ingest
from workbench.core.matching import match
from workbench.core.matching.features import features
from workbench.core.matching.pairs import compare
from workbench.core.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--sample", type=int, default=1500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp, "corpus"), args.articles, seed=11)
        write_corpus(Path(tmp, "more"), 100, seed=12)
        with Store(Path(tmp, "bench.db")) as store:
            begun = time.perf_counter()
            ingest(store, [Path(tmp, "corpus")])
            claims = store.count_claims()
            print(
                f"corpus: {args.articles:,} articles, {claims:,} claims "
                f"(ingested in {time.perf_counter() - begun:.1f} s)"
            )
            report = match(store, rebuild=True)
            print(
                f"from scratch: {report.seconds:.1f} s for {report.claims:,} claims; "
                f"{report.compared:,} pairs compared, {report.links:,} links, "
                f"{report.groups:,} groups, {report.flags:,} flags, {report.copies} copies"
            )
            ingest(store, [Path(tmp, "more")])
            report = match(store)
            print(
                f"incremental: {report.seconds:.2f} s to add 100 documents "
                f"({report.claims:,} new claims, {report.compared:,} pairs compared)"
            )
            sample = [features(c) for c in store.claims_to_match()[: args.sample]]
        begun = time.perf_counter()
        pairs = 0
        for a, b in itertools.combinations(sample, 2):
            compare(a, b)
            pairs += 1
        naive = time.perf_counter() - begun
        per_pair = naive / pairs
        full = claims * (claims - 1) / 2
        print(
            f"naive all-pairs: {pairs:,} pairs of a {len(sample):,}-claim sample in {naive:.1f} s"
            f" = {per_pair * 1e6:.1f} µs a pair; for {claims:,} claims that is "
            f"{full:,.0f} pairs, about {full * per_pair / 3600:.1f} hours"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:,.0f} MB")
    random.seed(0)


if __name__ == "__main__":
    main()
