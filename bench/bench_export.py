"""Export speed and memory with 100,000 reviewed claims, every format.

    python bench/bench_export.py [--claims 100000]

Goal (issue 5): under 10 s per format, and memory that does not grow with the
number of claims (peak traced allocation is printed for 10% and 100% of them).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_app import build

from workbench.core.export import WRITERS, ExportOptions, export
from workbench.core.models import ClaimFilter, Status
from workbench.core.store import Store


def review_all(path: Path) -> None:
    rng = random.Random(9)
    verdicts = [Status.SUPPORTED, Status.DISPUTED, Status.MIXED, Status.UNVERIFIABLE]
    with Store(path) as store:
        ids = store.claim_ids()
        with store.transaction():
            for claim_id in ids:
                store.mark(
                    claim_id,
                    rng.choice(verdicts),
                    rng.choice(["ann", "bob", "cy"]),
                    note="checked against the council minutes",
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp, "bench.db")
        begun = time.perf_counter()
        build(db, args.claims)
        review_all(db)
        print(f"database: {args.claims:,} reviewed claims in {time.perf_counter() - begun:.1f} s")
        with Store(db) as store:
            tenth = ExportOptions(
                generated="bench",
                where=ClaimFilter(document_ids=tuple(range(1, args.claims // 200 + 1))),
            )
            full = ExportOptions(generated="bench")
            for fmt in WRITERS:
                started = time.perf_counter()
                written = export(store, fmt, full, Path(tmp, f"out.{fmt}"))
                elapsed = time.perf_counter() - started
                peaks = []
                for options in (tenth, full):  # traced separately: tracing slows Python
                    tracemalloc.start()
                    export(store, fmt, options, Path(tmp, f"traced.{fmt}"))
                    peaks.append(tracemalloc.get_traced_memory()[1] / 1e6)
                    tracemalloc.stop()
                size = Path(tmp, f"out.{fmt}").stat().st_size / 1e6
                print(
                    f"{fmt:<12} {written:>7,} claims  {elapsed:5.1f} s  {size:6.1f} MB  "
                    f"peak memory {peaks[0]:5.1f} MB at 10%, {peaks[1]:5.1f} MB at 100%"
                )


if __name__ == "__main__":
    main()
