"""Options every command shares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from workbench.core.models import ClaimFilter
from workbench.core.review import parse_kind, parse_status

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


def filter_options(function: F) -> F:
    """--status, --kind and --document, for every command that selects claims."""
    options = [
        click.option(
            "--status", "statuses", multiple=True, help="Only claims with this status (repeatable)."
        ),
        click.option(
            "--kind", "kinds", multiple=True, help="Only claims of this kind (repeatable)."
        ),
        click.option(
            "--document",
            "documents",
            multiple=True,
            type=int,
            help="Only claims from this document id (repeatable).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def claim_filter(
    statuses: tuple[str, ...],
    kinds: tuple[str, ...],
    documents: tuple[int, ...],
    search: str = "",
) -> ClaimFilter:
    """The filter the options name; an unknown word is a one-line error listing the valid ones."""
    return ClaimFilter(
        statuses=tuple(parse_status(s) for s in statuses),
        kinds=tuple(parse_kind(k) for k in kinds),
        document_ids=documents,
        search=search,
    )
