"""Every figure of the extraction issue (12), printed by one command.

    python bench/bench_extraction.py [--quick]

Runs, one after another (never beside other work: the speed figure is a
timing), the benches that hold those figures:

- ``bench_checkworthy.py``: ClaimBuster check-worthy F1 (cross-validated) and
  CLEF-2019 MAP, beside their floors; where the seed articles' leads rank
  (needs ``.[dev]`` and ../shared/data);
- ``bench_news.py``: recall, precision, speakers, numbers and kinds on ten
  hand-marked real pages (needs ../shared/data/article-html);
- ``bench_sentences.py``: sentence splitting against our rule set (and pySBD
  when it is installed);
- ``bench_ingest.py``: ingest throughput, which must not fall.

``--quick`` runs each on tiny sizes (the test suite's smoke run). A bench that
lacks its data or a development extra says so and the rest go on.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

BENCHES: list[tuple[str, list[str], list[str]]] = [
    # script, arguments, arguments with --quick
    ("bench_checkworthy.py", [], []),
    ("bench_news.py", [], []),
    ("bench_sentences.py", [], ["--repeat", "1"]),
    ("bench_ingest.py", [], ["--articles", "12", "--runs", "1"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke run")
    args = parser.parse_args()
    failed = []
    for script, full, quick in BENCHES:
        print(f"== {script}", flush=True)
        done = subprocess.run(
            [sys.executable, str(HERE / script), *(quick if args.quick else full)], check=False
        )
        if done.returncode != 0:
            failed.append(script)
        print(flush=True)
    if failed:
        print(f"did not finish: {', '.join(failed)} (see above)")
        return 1
    print("every extraction bench ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
