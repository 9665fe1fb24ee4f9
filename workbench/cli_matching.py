"""The matching commands: match claims across sources, list the groups."""

from __future__ import annotations

import click

from workbench.cli_options import Settings, db_option, pass_settings
from workbench.core.factchecks.finding import find_checked_before
from workbench.core.matching import independent_sources, match
from workbench.core.matching.diff import diff_text
from workbench.core.models import Flag, FlagKind
from workbench.core.store import Store
from workbench.core.text.safe import json_text, one_line, printable


@click.command("match")
@db_option
@click.option("--rebuild", is_flag=True, help="Forget all groups and match every claim again.")
@pass_settings
def match_command(settings: Settings, rebuild: bool) -> None:
    """Group claims that state the same fact across sources; flag drift, conflicts, copies.

    Ingest runs this for new claims already; use --rebuild after changing the
    matching rules or to start over.

    Example:

        workbench match --rebuild
    """
    with Store(settings.database()) as store:
        report = match(store, rebuild=rebuild)
        if store.factchecks_pending():
            find_checked_before(store)
    click.echo(
        f"{report.claims} claims matched in {report.seconds:.1f} s: {report.groups} groups of "
        f"more than one claim, {report.flags} flags, {report.copies} copied sources"
    )


@click.command("groups")
@db_option
@click.option("--flagged", is_flag=True, help="Only groups with quote drift or number conflicts.")
@click.option(
    "--format", "fmt", default="table", type=click.Choice(["table", "json"]), show_default=True
)
@pass_settings
def groups_command(settings: Settings, flagged: bool, fmt: str) -> None:
    """List groups of the same claim across sources, with drift and conflicts.

    Example:

        workbench groups --flagged
    """
    with Store(settings.database()) as store:
        summaries = store.group_summaries()
        sources = independent_sources(store, [g["group_id"] for g in summaries])
        sources_by_id = {d.id: d.source for d in store.document_meta()}
        flags_by_group: dict[int | None, list[Flag]] = {}
        for flag in store.all_flags():
            flags_by_group.setdefault(flag.group_id, []).append(flag)
        groups = []
        for summary in summaries:
            group_id = summary["group_id"]
            flags = flags_by_group.get(group_id, [])
            if flagged and not flags:
                continue
            members = store.group_members(group_id)
            independent, documents = sources.get(group_id, (1, 1))
            groups.append(
                {
                    "group_id": group_id,
                    "sources": independent,
                    "documents": documents,
                    "claims": [
                        {
                            "id": c.id,
                            "document_id": c.document_id,
                            "source": sources_by_id.get(c.document_id or 0),
                            "text": c.text,
                            "status": c.status.value,
                        }
                        for c in members
                    ],
                    "flags": [flag.as_record() for flag in flags],
                }
            )
    if fmt == "json":
        click.echo(json_text(groups, indent=2))
        return
    if not groups:
        click.echo("no groups" + (" with flags" if flagged else ""), err=True)
        return
    for group in groups:
        click.echo(
            f"group {group['group_id']}: {len(group['claims'])} claims, "
            f"{group['sources']} independent sources of {group['documents']}"
        )
        for claim in group["claims"]:
            click.echo(
                f"  #{claim['id']:<5} {one_line(str(claim['source']), 16):<16} "
                f"{one_line(str(claim['text']), 90)}"
            )
        for flag in flags_by_group.get(group["group_id"], []):
            if flag.kind is FlagKind.QUOTE_DRIFT:
                click.echo(
                    f"  ! quote drift ({printable(str(flag.speaker))}), "
                    f"#{flag.claim_a} → #{flag.claim_b}:"
                )
                click.echo(f"    {printable(diff_text(flag.a, flag.b))}")
            else:
                click.echo(
                    f"  ! numbers disagree: {flag.numbers} (#{flag.claim_a} vs #{flag.claim_b})"
                )
