"""Grouping speed: from scratch, 100 new articles, memory, and naive all-pairs beside it.

    python bench/bench_matching.py [--claims 50000] [--runs 5] [--sample 1500]
    python bench/bench_matching.py --claims 1000000 --runs 1 --sample 0   # memory at scale

Goals (issue 16): grouping 50,000 claims from scratch in 3 s at most; 100
new articles in 0.5 s; 1,000,000 claims in 2 GB. Timings are medians of
``--runs`` runs, each on a fresh copy of one ingested database, as wall time
and as CPU time of this process (CPU time moves less when other programs share
the machine); the reference loop tells a slow machine from a slow build. Peak
memory is that of a separate process that only opens the database and groups
it from scratch, so the ingest that built it does not count. The naive
all-pairs comparison is timed on a sample and extrapolated.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import write_corpus

from workbench.core.ingest import ingest
from workbench.core.matching.features import features, read_facts
from workbench.core.matching.pairs import compare
from workbench.core.matching.run import MatchReport, match
from workbench.core.store import Store

NEW_ARTICLES = 100
# Groups one database from scratch in a fresh interpreter and prints its peak memory.
MEMORY_RUN = """
import json, resource, sys
from workbench.core.matching.run import match
from workbench.core.store import Store
with Store(sys.argv[1]) as store:
    report = match(store, rebuild=True)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"mb": peak, "seconds": report.seconds, "claims": report.claims}))
"""


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop (as bench_ingest prints it)."""
    begun = time.perf_counter()
    sum(range(30_000_000))
    return time.perf_counter() - begun


def articles_for(claims: int, tmp: Path) -> int:
    """How many bench articles make about ``claims`` claims (measured on a few)."""
    folder, sample = tmp / "calibrate", 60
    write_corpus(folder, sample, seed=11)
    with Store(tmp / "calibrate.db") as store:
        ingest(store, [folder])
        per_article = store.count_claims() / sample
    shutil.rmtree(folder)
    return max(4, round(claims / per_article))


def timed(run: Callable[[], MatchReport]) -> tuple[MatchReport, float, float]:
    """The report of ``run()``, its wall seconds and its CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    report = run()
    return report, time.perf_counter() - wall, time.process_time() - cpu


def median(values: list[float]) -> str:
    spread = f" (of {min(values):.2f}-{max(values):.2f})" if len(values) > 1 else ""
    return f"{statistics.median(values):.2f} s{spread}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=50_000, help="claims to group (about)")
    parser.add_argument("--runs", type=int, default=5, help="runs to take the median of")
    parser.add_argument("--sample", type=int, default=1500, help="claims for naive all-pairs")
    args = parser.parse_args()
    reference = machine_speed()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        articles = articles_for(args.claims, tmp)
        write_corpus(tmp / "corpus", articles, seed=11)
        write_corpus(tmp / "more", NEW_ARTICLES, seed=12)
        built = tmp / "built.db"
        begun = time.perf_counter()
        with Store(built) as store:
            ingest(store, [tmp / "corpus"])
            claims = store.count_claims()
        print(
            f"corpus:          {articles:,} articles, {claims:,} claims "
            f"(ingested in {time.perf_counter() - begun:.1f} s)"
        )
        scratch: list[tuple[float, float]] = []
        added: list[tuple[float, float]] = []
        report = more = None
        for _ in range(args.runs):
            db = tmp / "run.db"
            shutil.copy(built, db)
            with Store(db) as store:
                report, wall, cpu = timed(lambda store=store: match(store, rebuild=True))
                scratch.append((wall, cpu))
                ingest(store, [tmp / "more"])
                read_facts.cache_clear()  # as cold as in the process of a `workbench ingest`
                more, wall, cpu = timed(lambda store=store: match(store))
                added.append((wall, cpu))
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        assert report is not None and more is not None
        print(
            f"from scratch:    {median([w for w, _c in scratch])} wall, "
            f"{median([c for _w, c in scratch])} CPU for {report.claims:,} claims; "
            f"{report.compared:,} pairs compared, {report.links:,} links, "
            f"{report.groups:,} groups, {report.flags:,} flags, {report.copies:,} copies"
        )
        print(
            f"{NEW_ARTICLES} articles:    {median([w for w, _c in added])} wall, "
            f"{median([c for _w, c in added])} CPU ({more.claims:,} new claims, "
            f"{more.compared:,} pairs compared)"
        )
        child = subprocess.run(
            [sys.executable, "-c", MEMORY_RUN, str(built)],
            capture_output=True,
            text=True,
            check=True,
            cwd=HERE.parent,
        )
        memory = json.loads(child.stdout)
        print(
            f"peak memory:     {memory['mb']:,.0f} MB grouping {memory['claims']:,} claims "
            f"from scratch ({memory['seconds']:.1f} s in that process)"
        )
        if args.sample > 1:
            with Store(built) as store:
                sample = [features(c) for c in store.claims_to_match(range(1, args.sample + 1))]
            begun = time.perf_counter()
            pairs = 0
            for a, b in itertools.combinations(sample, 2):
                compare(a, b)
                pairs += 1
            naive = time.perf_counter() - begun
            per_pair = naive / pairs
            full = claims * (claims - 1) / 2
            print(
                f"naive all-pairs: {pairs:,} pairs of a {len(sample):,}-claim sample in "
                f"{naive:.1f} s = {per_pair * 1e6:.1f} µs a pair; for {claims:,} claims that is "
                f"{full:,.0f} pairs, about {full * per_pair / 3600:.1f} hours"
            )
    print(
        f"machine:         reference loop {reference:.2f} s before, {machine_speed():.2f} s after"
    )


if __name__ == "__main__":
    main()
