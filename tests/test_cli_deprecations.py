"""The CLI uses no API its dependencies have deprecated.

A deprecated call works today and breaks on the next major release (click 8.5
deprecated ``click.get_text_stream``; click 9 removes it), so any deprecation
warning raised from workbench's own code fails here first.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from click.testing import CliRunner

import workbench
from workbench.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PACKAGE = Path(workbench.__file__).resolve().parent


def test_commands_raise_no_deprecation_warning_from_workbench(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "d.db")
    runs = [
        ["ingest", "--db", db, str(SAMPLES)],
        ["claims", "--db", db, "--format", "csv"],
        ["claims", "--db", db, "--format", "json"],
        ["claims", "--db", db],
        ["show", "--db", db, "1"],
        ["mark", "--db", db, "1", "supported", "--cite", "doc:2", "--quote", "£240m"],
        ["stats", "--db", db],
        ["groups", "--db", db],
        ["export", "--db", db, "--format", "csv"],
        ["score"],
        ["repair"],
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for args in runs:
            result = runner.invoke(main, args, input="It cost £240m in 2024.\n")
            assert result.exit_code == 0, (args, result.output)
    ours = [
        f"{w.filename}:{w.lineno}: {w.message}"
        for w in caught
        if issubclass(w.category, DeprecationWarning)
        and Path(w.filename).resolve().is_relative_to(PACKAGE)
    ]
    assert ours == []
