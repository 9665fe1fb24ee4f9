"""Options every command shares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def db_option(function: F) -> F:
    return click.option(
        "--db",
        "db_path",
        envvar="WORKBENCH_DB",
        default="claims.db",
        show_default="$WORKBENCH_DB, else claims.db",
        type=click.Path(dir_okay=False, path_type=Path),
        help="The workbench database.",
    )(function)


def reviewer_option(function: F) -> F:
    return click.option(
        "--reviewer",
        default=None,
        help="Who is reviewing (default: $WORKBENCH_REVIEWER, else your login name).",
    )(function)
