"""Ingest and extract throughput on a synthetic corpus.

    python bench/bench_ingest.py [--articles 10000]

Prints MB/s of article text into the database and the claims it produced.
The target (issue 2) is at least 2 MB/s on one core.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus

from workbench.core.ingest import ingest
from workbench.core.store import Store


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop: this VM's speed drifts by a quarter
    from hour to hour, and this tells a slow machine from a slow build."""
    begun = time.perf_counter()
    sum(range(30_000_000))
    return time.perf_counter() - begun


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "corpus")
        size = write_corpus(folder, args.articles)
        with Store(Path(tmp, "bench.db")) as store:
            started = time.perf_counter()
            report = ingest(store, [folder])
            elapsed = time.perf_counter() - started
            again_started = time.perf_counter()
            ingest(store, [folder])
            again = time.perf_counter() - again_started
        print(f"articles:        {args.articles:,} ({size / 1e6:.1f} MB)")
        print(
            f"ingest+extract:  {elapsed:.1f} s = {size / 1e6 / elapsed:.2f} MB/s "
            f"({args.articles / elapsed:,.0f} articles/s)"
        )
        print(f"claims:          {report.claims:,} ({report.failed} files failed)")
        print(f"re-ingest:       {again:.1f} s (all unchanged)")
    print(
        f"machine:         reference loop {machine_speed():.2f} s (0.36-0.38 s when we measured 2.1 MB/s)"
    )


if __name__ == "__main__":
    main()
