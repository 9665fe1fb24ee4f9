"""Options the commands share: ``--db``, ``--reviewer``, the claim filters, ``--min-score``.

``--db`` and ``--reviewer`` are defined once, here. The group and each command
declare the same option; whichever place the user gives it, the value lands in
one :class:`Settings` object on the root context, so ``workbench --db x.db
mark ...`` and ``workbench mark --db x.db ...`` mean the same. Giving one in
both places with different values is an error.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import attrs
import click

from workbench.core.errors import WorkbenchError
from workbench.core.models import ClaimFilter
from workbench.core.review import default_reviewer, parse_kind, parse_status
from workbench.core.scale import OURS, Scale
from workbench.core.text.claims import default_min_score

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = Path("claims.db")


@attrs.define
class Settings:
    """What the user said about the database and the reviewer, wherever they said it."""

    db: Path | None = None
    reviewer: str | None = None

    def database(self, *, create: bool = False) -> Path:
        """The database path: ``--db``, else ``$WORKBENCH_DB``, else ./claims.db.

        Unless ``create``, a path with no file behind it is an error: a typo in
        ``--db`` must not start an empty database and report nothing to do.
        """
        path = self.db
        if path is None:
            path = (
                Path(os.environ["WORKBENCH_DB"]) if os.environ.get("WORKBENCH_DB") else DEFAULT_DB
            )
        if create or path.exists():
            return path
        if not path.parent.is_dir():
            raise WorkbenchError(f"no database at {path} (folder {path.parent} does not exist)")
        raise WorkbenchError(
            f"no database at {path} "
            f"(ingest articles into it first: workbench --db {shlex.quote(str(path))} ingest PATH)"
        )

    def who(self) -> str:
        """``--reviewer``, else ``$WORKBENCH_REVIEWER``, else the login name."""
        return default_reviewer(self.reviewer)


pass_settings = click.make_pass_decorator(Settings, ensure=True)


def _remember(field: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    """A callback storing the option's value in the root context's Settings."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        settings = ctx.find_root().ensure_object(Settings)
        if value is None:
            return
        given = getattr(settings, field)
        if given is not None and given != value:
            raise WorkbenchError(
                f"--{field} given twice with different values ({given} and {value}); "
                "give it once, before or after the command name"
            )
        setattr(settings, field, value)

    return callback


def db_option(function: F) -> F:
    """``--db``: the same option on the group and on every command that opens a database."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        expose_value=False,
        callback=_remember("db"),
        show_default="$WORKBENCH_DB, else claims.db",
        help="The workbench database (before or after the command name).",
    )(function)


def reviewer_option(function: F) -> F:
    """``--reviewer``: the same option on the group and on the commands that record work."""
    return click.option(
        "--reviewer",
        default=None,
        expose_value=False,
        callback=_remember("reviewer"),
        help=(
            "Who is reviewing, for the app and mark "
            "(default: $WORKBENCH_REVIEWER, else your login name)."
        ),
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
    *,
    scale: Scale = OURS,
) -> ClaimFilter:
    """The filter the options name; an unknown word is a one-line error listing the valid ones.

    A status is one of the database's ``scale`` (a label's name or title), or
    unreviewed, or conflict.
    """
    return ClaimFilter(
        statuses=tuple(parse_status(s, scale) for s in statuses),
        kinds=tuple(parse_kind(k) for k in kinds),
        document_ids=documents,
        search=search,
    )


def _score_in_range(_ctx: click.Context, _param: click.Parameter, value: float | None) -> Any:
    if value is not None and not 0.0 <= value <= 1.0:
        raise click.ClickException(f"--min-score must be between 0 and 1, not {value:g}")
    return value


def min_score_option(command: F) -> F:
    """``--min-score``: the check-worthiness a sentence needs to be a claim."""
    return click.option(
        "--min-score",
        type=float,
        default=None,
        callback=_score_in_range,
        help=(
            "Keep sentences scoring at least this (0-1) as claims. Default "
            f"{default_min_score():.2f}, the threshold with the best F1 on the development data."
        ),
    )(command)
