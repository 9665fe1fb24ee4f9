"""Export speed and memory with every claim reviewed, every format.

    python bench/bench_export.py [--claims 1000000] [--db PATH]

Builds a database of reviewed claims with ``build_db.py`` (or opens ``--db``),
then exports it in each format in a child process of its own, so the peak
resident memory printed (``ru_maxrss``) is that format's alone; the same for a
tenth of the claims shows whether memory grows with them. Goal (issue 16):
1,000,000 claims in <= 30 s per format, with flat memory.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_ingest import machine_speed
from build_db import build

from workbench.core.export import WRITERS, ExportOptions, export
from workbench.core.models import ClaimFilter
from workbench.core.store import Store


def export_once(db: Path, fmt: str, out: Path, tenth: bool) -> None:
    """Child process: export once, print claims, seconds and peak RSS in MB."""
    with Store(db) as store:
        where = ClaimFilter()
        if tenth:
            documents = [d.id for d in store.documents()]
            where = ClaimFilter(document_ids=tuple(documents[: max(1, len(documents) // 10)]))
        started = time.perf_counter()
        written = export(store, fmt, ExportOptions(generated="bench", where=where), out)
        elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"{written} {elapsed:.3f} {peak:.1f}")


def run_child(db: Path, fmt: str, out: Path, tenth: bool) -> tuple[int, float, float]:
    command = [sys.executable, __file__, "--child", fmt, "--db", str(db), "--out", str(out)]
    if tenth:
        command.append("--tenth")
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    written, elapsed, peak = done.stdout.split()
    return int(written), float(elapsed), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="a database built already (build_db.py)")
    parser.add_argument("--child", choices=list(WRITERS), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tenth", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        export_once(args.db, args.child, args.out, args.tenth)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp, "bench.db")
            begun = time.perf_counter()
            size = build(db, args.claims, reviewed=1.0)
            took = time.perf_counter() - begun
            print(f"database: {args.claims:,} reviewed claims in {took:.1f} s, {size:,.1f} MB")
        for fmt in WRITERS:
            out = Path(tmp, f"out.{fmt}")
            _, _, small = run_child(db, fmt, out, tenth=True)
            written, elapsed, peak = run_child(db, fmt, out, tenth=False)
            size = out.stat().st_size / 1e6
            print(
                f"{fmt:<12} {written:>9,} claims  {elapsed:6.1f} s  {size:7.1f} MB  "
                f"peak RSS {small:6.1f} MB at 10%, {peak:6.1f} MB at 100%"
            )
    print(f"machine: reference loop {machine_speed():.2f} s (see bench_ingest.py)")


if __name__ == "__main__":
    main()
