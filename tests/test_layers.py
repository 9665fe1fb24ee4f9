"""The core never imports Textual: it must run where no terminal UI exists."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_cli_import_without_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, workbench.core, workbench.cli\n"
        "for m in pkgutil.walk_packages(workbench.core.__path__, 'workbench.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
