"""Ingest and extract throughput on a synthetic corpus, as medians of several runs.

    python bench/bench_ingest.py [--articles 10000] [--runs 3] [--jobs 2]

Prints MB/s of article text into the database (read, repair, extract, store)
and the claims it produced, each figure the median of ``--runs`` runs into a
fresh database, beside the reference loop (a fixed pure-Python loop, so a
slow machine can be told from a slow build). One job is timed by the CPU time
of this process (``time.process_time``), which other programs on the machine
disturb less than the clock; ``--jobs N`` also times N worker processes by
the clock, interleaved run by run with one job by the clock, and prints the
ratio. Targets (issue 16): >= 5 MB/s on one core; two jobs >= 1.8x one.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus

from workbench.core.ingest import Report, ingest
from workbench.core.store import Store
from workbench.core.text.claims import forget


def machine_speed() -> float:
    """CPU seconds for a fixed pure-Python loop: this VM's speed drifts by a quarter
    from hour to hour, and this tells a slow machine from a slow build."""
    begun = time.process_time()
    sum(range(30_000_000))
    return time.process_time() - begun


def _children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(folder: Path, database: Path, jobs: int) -> tuple[float, float, float, Report]:
    """(CPU seconds of this process, of its workers, clock seconds, report) of one ingest."""
    forget()  # each run starts with no assessment remembered
    with Store(database) as store:
        cpu, wall, children = time.process_time(), time.perf_counter(), _children()
        report = ingest(store, [folder], jobs=jobs)
        return (
            time.process_time() - cpu,
            _children() - children,
            time.perf_counter() - wall,
            report,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1, help="also time this many workers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "corpus")
        size = write_corpus(folder, args.articles) / 1e6
        cpu: list[float] = []
        wall: list[float] = []
        wall_jobs: list[float] = []
        parent: list[float] = []
        workers: list[float] = []
        loops: list[float] = []
        report = Report()
        for attempt in range(args.runs):
            loops.append(machine_speed())
            spent, _, clock, report = run(folder, Path(tmp, f"one-{attempt}.db"), 1)
            cpu.append(spent)
            wall.append(clock)
            if args.jobs > 1:
                mine, theirs, clock, _ = run(folder, Path(tmp, f"jobs-{attempt}.db"), args.jobs)
                wall_jobs.append(clock)
                parent.append(mine)
                workers.append(theirs)
        with Store(Path(tmp, "one-0.db")) as store:
            again = time.perf_counter()
            ingest(store, [folder])
            again = time.perf_counter() - again
    one_cpu, one_wall = statistics.median(cpu), statistics.median(wall)
    print(f"articles:        {args.articles:,} ({size:.1f} MB), median of {args.runs} runs")
    print(
        f"ingest+extract:  {size / one_cpu:.2f} MB/s on one core (CPU {one_cpu:.2f} s; "
        f"clock {one_wall:.2f} s = {size / one_wall:.2f} MB/s)"
    )
    if wall_jobs:
        jobs_wall = statistics.median(wall_jobs)
        ratios = [one / many for one, many in zip(wall, wall_jobs, strict=True)]
        print(
            f"--jobs {args.jobs}:        {size / jobs_wall:.2f} MB/s by the clock "
            f"({jobs_wall:.2f} s), {statistics.median(ratios):.2f}x one job "
            f"(runs: {', '.join(f'{r:.2f}' for r in ratios)})"
        )
        writer, pool = statistics.median(parent), statistics.median(workers)
        # On two free cores the run takes the longer of the writer's CPU time and
        # half of all the CPU time spent (the writer's and the workers').
        free = max(writer, (writer + pool) / 2)
        print(
            f"  CPU:           writer {writer:.2f} s, workers {pool:.2f} s: on {args.jobs} "
            f"free cores {size / free:.2f} MB/s, {one_cpu / free:.2f}x one job"
        )
    print(f"claims:          {report.claims:,} ({report.failed} files failed)")
    print(f"re-ingest:       {again:.1f} s (all unchanged)")
    print(
        f"machine:         reference loop {statistics.median(loops):.2f} s CPU "
        f"(runs: {', '.join(f'{s:.2f}' for s in loops)}; 0.34 s on a quiet machine)"
    )


if __name__ == "__main__":
    main()
