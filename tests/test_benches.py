"""Every bench script runs, on tiny sizes, so the benches cannot rot.

Each runs in a subprocess as a user would start it. Nothing here looks at a
timing: only that the script finishes and prints its figures. A bench that
needs the development data (../shared/data) is skipped without it, as is one
that needs a development-only library (scikit-learn, pySBD).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"


def _data() -> Path | None:
    """The development data folder, as bench/devdata.py finds it."""
    if os.environ.get("WORKBENCH_DATA"):
        return Path(os.environ["WORKBENCH_DATA"])
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "data").is_dir():
            return base / "shared" / "data"
    return None


DATA = _data()

# (script, arguments, data folder it needs or None, modules it needs, what it prints)
BENCHES: list[tuple[str, list[str], str | None, tuple[str, ...], str]] = [
    ("build_db.py", ["{tmp}/b.db", "--claims", "300"], None, (), "per 100,000 claims"),
    ("bench_app.py", ["--claims", "300", "--actions", "3"], None, (), "p99"),
    ("bench_export.py", ["--claims", "300"], None, (), "peak RSS"),
    ("bench_ingest.py", ["--articles", "12", "--runs", "1", "--jobs", "2"], None, (), "--jobs 2:"),
    ("bench_matching.py", ["--claims", "300", "--runs", "2", "--sample", "20"], None, (), "claims"),
    ("bench_pairs.py", [], None, (), "pair"),
    ("bench_sentences.py", ["--repeat", "1"], None, (), "right"),
    (
        "bench_factchecks.py",
        ["--skip-map", "--synthetic", "200", "--articles", "40", "--rounds", "1"],
        None,
        (),
        "reference loop",
    ),
    ("train_factchecks.py", ["--dry-run"], None, ("sklearn",), ""),
    ("bench_news.py", [], "article-html", (), "recall"),
    ("bench_extraction.py", ["--quick"], "claimbuster", ("sklearn",), "every extraction bench ran"),
    ("bench_web.py", ["--data", "{data}/article-html"], "article-html", (), "F1"),
    ("bench_checkworthy.py", ["--data", "{data}"], "claimbuster", ("sklearn",), "F1"),
    (
        "train_checkworthy.py",
        ["--data", "{data}", "--out", "{tmp}/weights.json"],
        "claimbuster",
        ("sklearn",),
        "",
    ),
]


@pytest.mark.parametrize(
    ("script", "arguments", "data", "modules", "expected"),
    BENCHES,
    ids=[bench[0] for bench in BENCHES],
)
def test_bench_runs(
    tmp_path: Path,
    script: str,
    arguments: list[str],
    data: str | None,
    modules: tuple[str, ...],
    expected: str,
) -> None:
    if data is not None and (DATA is None or not (DATA / data).exists()):
        pytest.skip(f"no ../shared/data/{data} here")
    for module in modules:
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed (pip install -e '.[dev]')")
    filled = [a.format(tmp=tmp_path, data=DATA) for a in arguments]
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *filled],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert expected in done.stdout, done.stdout[-3000:]


def test_every_bench_script_is_run_here() -> None:
    scripts = {path.name for path in BENCH.glob("*.py")}
    helpers = {"corpus.py", "devdata.py", "news_truth.py", "sentence_rules.py"}
    assert scripts - helpers == {bench[0] for bench in BENCHES}
