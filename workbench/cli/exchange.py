"""The exchange commands: export reports, import a JSON export."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.options import (
    Settings,
    claim_filter,
    db_option,
    filter_options,
    pass_settings,
)
from workbench.core.errors import WorkbenchError
from workbench.core.export import WRITERS, ExportOptions, export, writer_for
from workbench.core.export.bundle import import_bundle, read_bundle
from workbench.core.factchecks.finding import checked_before_pending, find_checked_before
from workbench.core.store import Store
from workbench.core.wording import counted


@click.command("export")
@db_option
@click.option("--format", "fmt", required=True, help=f"One of: {', '.join(WRITERS)}.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="The file to write (default: standard output).",
)
@filter_options
@click.option(
    "--reviewed-by",
    "reviewed_by",
    default=None,
    metavar="NAME",
    help="Only claims whose latest verdict is NAME's.",
)
@click.option(
    "--reviewer",
    "old_reviewer",
    default=None,
    hidden=True,
    help="Refused: the filter is --reviewed-by (--reviewer names who is working).",
)
@click.option("--include-unreviewed", is_flag=True, help="Also list claims not reviewed yet.")
@click.option(
    "--by",
    type=click.Choice(["verdict", "document"]),
    default="verdict",
    show_default=True,
    help="Group a Markdown or HTML report.",
)
@click.option(
    "--org",
    default="workbench",
    show_default=True,
    help="The reviewing organisation (ClaimReview author, report byline).",
)
@click.option(
    "--url-base", default=None, help="ClaimReview url: this base followed by the claim id."
)
@pass_settings
def export_command(
    settings: Settings,
    fmt: str,
    output: Path | None,
    statuses: tuple[str, ...],
    kinds: tuple[str, ...],
    documents: tuple[int, ...],
    reviewed_by: str | None,
    old_reviewer: str | None,
    include_unreviewed: bool,
    by: str,
    org: str,
    url_base: str | None,
) -> None:
    """Export verdicts: markdown, html, json, csv or claimreview (schema.org JSON-LD).

    Reviewed claims only, unless --include-unreviewed (never in claimreview).
    A file is written whole or not at all. --reviewed-by NAME keeps the claims
    whose latest verdict is NAME's (at a desk of several reviewers, every claim
    with NAME's own verdict); the global --reviewer (who is working) does not
    filter an export.

    Example:

        workbench export --format html -o report.html --status disputed --status mixed
    """
    if old_reviewer is not None:
        raise WorkbenchError(
            f"export filters by reviewer with --reviewed-by: use --reviewed-by {old_reviewer}"
        )
    writer_for(fmt)
    with Store(settings.database()) as store:
        options = ExportOptions(
            where=claim_filter(statuses, kinds, documents, scale=store.scale()),
            reviewer=reviewed_by,
            include_unreviewed=include_unreviewed,
            by=by,
            organisation=org,
            url_base=url_base,
        )
        written = export(store, fmt, options, output)
    if output is not None:
        click.echo(f"{counted(written, 'claim')} written to {output}", err=True)


@click.command("import")
@db_option
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@pass_settings
def import_command(settings: Settings, source: Path) -> None:
    """Bring in a JSON export (workbench export --format json): documents, claims, verdicts, citations.

    Into an empty database it gives back the same review; into one that holds
    the same documents it adds only what is missing. All or nothing.

    Example:

        workbench import --db team.db ann-review.json
    """
    data = read_bundle(source)
    with Store(settings.database(create=True)) as store:
        report = import_bundle(store, data)
        if checked_before_pending(store):
            find_checked_before(store)
    click.echo(
        f"{counted(report.documents, 'document')}, {counted(report.claims, 'claim')}; "
        f"{counted(report.verdicts, 'verdict')} and {counted(report.citations, 'citation')} added"
    )
