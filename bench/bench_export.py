"""Export speed and memory with every claim reviewed, every format.

    python bench/bench_export.py [--claims 1000000] [--db PATH] [--runs N]
                                 [--formats markdown,csv]

Builds a database of reviewed claims with ``build_db.py`` (or opens ``--db``),
then exports it in each format in a child process of its own, so the peak
resident memory printed (VmHWM) is that format's alone. Each format is
timed ``--runs`` times (the median is printed; by default three runs up to
200,000 claims, one above) and also exports a tenth of the claims (the
documents of a tenth of the corpus): the two peaks show whether memory grows
with the claims. Besides the clock seconds it prints the child's CPU seconds,
which a busy machine inflates less (with those of the worker processes that
Markdown and HTML start for a large selection, whose largest peak memory is
printed on a line of its own), and the reference loop before and after
(``bench_ingest.machine_speed``: CPU seconds of a fixed loop, about 0.3 s here
when the machine is quiet). Goal (issue 16): 1,000,000 claims in <= 30 s per
format, with flat memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
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

GOAL = 30.0  # seconds for a million claims, each format


def export_once(db: Path, fmt: str, out: Path, tenth: bool) -> None:
    """Child process: export once; print claims, seconds, CPU seconds and peak RSS in MB."""
    with Store(db) as store:
        where = ClaimFilter()
        if tenth:
            documents = [d.id for d in store.documents()]
            where = ClaimFilter(document_ids=tuple(documents[: max(1, len(documents) // 10)]))
        started, cpu = time.perf_counter(), time.process_time() + children_cpu()
        written = export(store, fmt, ExportOptions(generated="bench", where=where), out)
        elapsed = time.perf_counter() - started
        spent = time.process_time() + children_cpu() - cpu
    print(f"{written} {elapsed:.3f} {spent:.3f} {peak_rss():.1f} {children_peak():.1f}")


def children_cpu() -> float:
    """CPU seconds of the worker processes that ended (Markdown and HTML use two)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def children_peak() -> float:
    """The peak resident memory of the largest worker process, in MB (0 with none)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux


def peak_rss() -> float:
    """This process's peak resident memory in MB.

    Linux's ``ru_maxrss`` survives exec: a child started by a parent that had
    built a large database in memory would report the parent's peak. VmHWM is
    the peak of this program's own memory.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def run_child(db: Path, fmt: str, out: Path, tenth: bool) -> tuple[int, float, float, float, float]:
    command = [sys.executable, __file__, "--child", fmt, "--db", str(db), "--out", str(out)]
    if tenth:
        command.append("--tenth")
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    written, elapsed, spent, peak, workers = done.stdout.split()
    return int(written), float(elapsed), float(spent), float(peak), float(workers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="a database built already (build_db.py)")
    parser.add_argument("--runs", type=int, help="timed runs a format (median printed)")
    parser.add_argument("--formats", default=",".join(WRITERS), help="comma-separated")
    parser.add_argument("--child", choices=list(WRITERS), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tenth", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        export_once(args.db, args.child, args.out, args.tenth)
        return
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        parser.error(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(WRITERS)}")
    runs = args.runs or (3 if args.claims <= 200_000 else 1)
    print(f"machine: reference loop {machine_speed():.2f} s before (see bench_ingest.py)")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp, "bench.db")
            begun = time.perf_counter()
            size = build(db, args.claims, reviewed=1.0)
            took = time.perf_counter() - begun
            print(f"database: {args.claims:,} reviewed claims in {took:.1f} s, {size:,.1f} MB")
        print(
            f"each format: median of {runs} run{'s' if runs != 1 else ''}, in a process of its own"
        )
        for fmt in formats:
            out = Path(tmp, f"out.{fmt}")
            _, _, _, small, small_workers = run_child(db, fmt, out, tenth=True)
            timings = [run_child(db, fmt, out, tenth=False) for _ in range(runs)]
            written = timings[0][0]
            elapsed = statistics.median(t[1] for t in timings)
            spent = statistics.median(t[2] for t in timings)
            peak = max(t[3] for t in timings)
            workers = max(t[4] for t in timings)
            size = out.stat().st_size / 1e6
            goal = GOAL * written / 1_000_000  # pro rata below a million
            verdict = ""
            if written >= 100_000:
                verdict = f"  ({'meets' if elapsed <= goal else 'misses'} {goal:.0f} s)"
            print(
                f"{fmt:<12} {written:>9,} claims  {elapsed:6.1f} s (CPU {spent:5.1f} s)"
                f"  {size:7.1f} MB  peak RSS {small:6.1f} MB at 10%, {peak:6.1f} MB at 100%"
                f"{verdict}"
            )
            if workers or small_workers:
                print(
                    f"{'':<12} worker processes: peak RSS {small_workers:6.1f} MB at 10%,"
                    f" {workers:6.1f} MB at 100% (CPU above includes theirs)"
                )
    print(f"machine: reference loop {machine_speed():.2f} s after")


if __name__ == "__main__":
    main()
