"""The ``workbench`` command: a thin shell over the core.

Every command parses its arguments, calls the core and prints. A mistake the
user can fix (a missing file, an unknown id, a locked database) is one line on
stderr and a non-zero exit, never a traceback.

This module holds the group, its global options and ``review`` (the app); the
commands live in one module a job (``ingest``, ``review``, ``text``,
``exchange``, ``matching``, ``desk``, ``factchecks``) and are gathered here.
"""

from __future__ import annotations

from typing import Any

import click

from workbench.cli.desk import (
    adjudicate_command,
    agreement_command,
    assign_command,
    desk_command,
    redo_command,
    unassign_command,
    undo_command,
)
from workbench.cli.exchange import export_command, import_command
from workbench.cli.factchecks import factchecks_group
from workbench.cli.ingest import ingest_command
from workbench.cli.matching import groups_command, match_command
from workbench.cli.options import Settings, db_option, pass_settings, reviewer_option
from workbench.cli.review import claims_command, mark_command, show_command, stats_command
from workbench.cli.scale import scale_command
from workbench.cli.text import repair_command, score_command
from workbench.core.errors import WorkbenchError


class WorkbenchGroup(click.Group):
    """Turns WorkbenchErrors from any command into one line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WorkbenchError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=WorkbenchGroup, invoke_without_command=True)
@db_option
@reviewer_option
@click.version_option(package_name="workbench")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Check the claims in a pile of news articles.

    Run alone, it opens the review app on the database:

        workbench --db claims.db

    --db and --reviewer may come before the command name or after it:
    `workbench --db mine.db ingest samples/` and
    `workbench ingest --db mine.db samples/` are the same. Only ingest and
    import create a database that does not exist yet.
    """
    settings = ctx.ensure_object(Settings)
    if ctx.invoked_subcommand is not None:
        return
    _open_app(settings)


def _open_app(settings: Settings) -> None:
    db_path = settings.database()
    from workbench.tui.app import run_app  # Textual loads only when the app opens

    run_app(db_path, settings.who())


@main.command("review")
@db_option
@reviewer_option
@pass_settings
def review_command(settings: Settings) -> None:
    """Open the review app (the same as `workbench` alone).

    Example:

        workbench review --db claims.db --reviewer ann
    """
    _open_app(settings)


main.add_command(ingest_command)
main.add_command(claims_command)
main.add_command(show_command)
main.add_command(mark_command)
main.add_command(stats_command)
main.add_command(score_command)
main.add_command(repair_command)
main.add_command(export_command)
main.add_command(import_command)
main.add_command(match_command)
main.add_command(groups_command)
main.add_command(desk_command)
main.add_command(adjudicate_command)
main.add_command(assign_command)
main.add_command(agreement_command)
main.add_command(unassign_command)
main.add_command(undo_command)
main.add_command(redo_command)
main.add_command(scale_command)
main.add_command(factchecks_group)

if __name__ == "__main__":  # pragma: no cover
    main()
