"""The layers of the house, and what each may not import.

The core runs where no terminal UI exists; SQL stays in the store; the text
pipeline is the ground floor; widgets draw what their screen hands them.
Imports are read from each module's syntax tree (those inside functions too),
so a rule is about what our own code imports: sqlite_utils itself loads click.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "workbench"

# (the modules a rule is about, what they may not import, why)
RULES = [
    ("workbench.core", ("textual", "click", "workbench.tui", "workbench.cli"), "core knows no UI"),
    ("workbench", ("sqlite3", "sqlite_utils"), "SQL only in the store"),
    (
        "workbench.core.text",
        (
            "workbench.core.store",
            "workbench.core.matching",
            "workbench.core.export",
            "workbench.core.ingest",
            "workbench.core.views",
        ),
        "text is the ground floor",
    ),
    ("workbench.core.matching", ("workbench.core.export", "workbench.core.views"), "below them"),
    ("workbench.core.store", ("workbench.core.matching", "workbench.core.export"), "below them"),
    (
        "workbench.tui",
        ("sqlite3", "sqlite_utils", "workbench.cli"),
        "the app goes through the core",
    ),
    ("workbench.tui.widgets", ("workbench.core.store", "workbench.core.matching"), "draw only"),
]
# Who may break a rule, by its "why": the store is where SQL lives.
ALLOWED = {"SQL only in the store": "workbench.core.store"}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


MODULES = {_module(path): _imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


@pytest.mark.parametrize(("layer", "forbidden", "why"), RULES, ids=[r[2] for r in RULES])
def test_a_layer_does_not_import_what_it_must_not(
    layer: str, forbidden: tuple[str, ...], why: str
) -> None:
    broken = sorted(
        f"{module} imports {name}"
        for module, imported in MODULES.items()
        if _within(module, layer) and not _within(module, ALLOWED.get(why, "-"))
        for name in imported
        if any(_within(name, f) for f in forbidden)
    )
    assert not broken, f"{why}: " + "; ".join(broken)


# What the store may take from text/: the sanitisers (a leaf that knows only the
# models) anywhere, and the paragraph splitter in the passages index alone.
STORE_MAY_READ_FROM_TEXT = {
    "workbench.core.text.safe": "workbench.core.store",
    "workbench.core.text.sentences": "workbench.core.store.passages",
}


def test_the_store_reads_text_only_where_it_must() -> None:
    broken = sorted(
        f"{module} imports {name}"
        for module, imported in MODULES.items()
        if _within(module, "workbench.core.store")
        for name in imported
        if _within(name, "workbench.core.text")
        and not any(
            _within(name, allowed) and _within(module, where)
            for allowed, where in STORE_MAY_READ_FROM_TEXT.items()
        )
    )
    assert not broken, "; ".join(broken)


def test_the_rules_read_the_whole_package() -> None:
    assert {
        "workbench.core.store.base",
        "workbench.tui.widgets.claims_table",
        "workbench.cli",
        "workbench.cli.review",
    } <= set(MODULES)
    assert "sqlite_utils" in MODULES["workbench.core.store.base"]


def test_the_commands_do_not_import_their_group() -> None:
    # workbench/cli/__init__.py gathers the commands' modules; one that imported
    # it back would run while the group is half made.
    broken = sorted(
        module
        for module, imported in MODULES.items()
        if _within(module, "workbench.cli") and module != "workbench.cli"
        if "workbench.cli" in imported
    )
    assert not broken, "they import workbench.cli: " + "; ".join(broken)


def test_core_and_cli_import_without_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, workbench.core, workbench.cli\n"
        "for package in (workbench.core, workbench.cli):\n"
        "    for m in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_styles_live_in_the_app_stylesheet() -> None:
    inline = sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in (PACKAGE / "tui").rglob("*.py")
        if "DEFAULT_CSS" in path.read_text(encoding="utf-8")
    )
    assert not inline, f"DEFAULT_CSS instead of app.tcss in {inline}"
