"""The matching commands: match claims across sources, list the groups."""

from __future__ import annotations

from typing import Any

import click

from workbench.cli.options import Settings, db_option, pass_settings
from workbench.core.factchecks.finding import checked_before_pending, find_checked_before
from workbench.core.flags import Flag
from workbench.core.matching import match
from workbench.core.matching.diff import diff_text
from workbench.core.matching.views import GroupView, group_views
from workbench.core.models import FlagKind
from workbench.core.store import Store
from workbench.core.text.safe import json_text, one_line, printable
from workbench.core.wording import counted


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
        if checked_before_pending(store):
            find_checked_before(store)
    click.echo(
        f"{counted(report.claims, 'claim')} matched in {report.seconds:.1f} s: "
        f"{counted(report.groups, 'group')} of more than one claim, {counted(report.flags, 'flag')}, "
        f"{counted(report.copies, 'copied source')}"
    )


@click.command("groups")
@db_option
@click.option(
    "--flagged", is_flag=True, help="Only groups with quote drift, cut quotes or number conflicts."
)
@click.option(
    "--format", "fmt", default="table", type=click.Choice(["table", "json"]), show_default=True
)
@pass_settings
def groups_command(settings: Settings, flagged: bool, fmt: str) -> None:
    """List groups of the same claim across sources, with drift, conflicts and related claims.

    A conflict (the same event with different figures) is listed under the
    groups of both its claims, with each figure and its source. Related claims
    (a negation, another subject, date or amount, or alike in wording only)
    are listed under the group, never merged into it.

    Example:

        workbench groups --flagged
    """
    with Store(settings.database()) as store:
        views = group_views(store, flagged=flagged)
    if fmt == "json":
        click.echo(json_text([_as_json(view) for view in views], indent=2))
        return
    if not views:
        click.echo("no groups" + (" with flags" if flagged else ""), err=True)
        return
    for view in views:
        claims = len(view.members)
        click.echo(
            f"group {view.group_id}: {claims} claim{'s' if claims != 1 else ''}, "
            f"{view.sources} independent source{'s' if view.sources != 1 else ''} "
            f"of {view.documents}"
        )
        for member in view.members:
            click.echo(
                f"  #{member.claim.id:<5} {one_line(member.document_source, 16):<16} "
                f"{one_line(member.claim.text, 90)}"
            )
        for flag in view.flags:
            for line in _flag_lines(flag):
                click.echo(line)
        for near in view.related:
            click.echo(
                f"  ~ related #{near.claim.id} ({one_line(near.document_source, 16)}): "
                f"{printable(near.reason)}"
            )
            click.echo(f"      {one_line(near.claim.text, 90)}")


def _flag_lines(flag: Flag) -> list[str]:
    """A flag as lines of the groups table."""
    a, b = flag.claim_a, flag.claim_b
    if flag.kind is FlagKind.QUOTE_DRIFT:
        return [
            f"  ! quote drift ({printable(str(flag.speaker))}), #{a} → #{b}:",
            f"    {printable(diff_text(flag.a, flag.b))}",
        ]
    if flag.kind is FlagKind.QUOTE_TRUNCATED:
        shorter = f"#{flag.cut}" if flag.cut else "one version"
        return [
            f"  ! quote cut short ({printable(str(flag.speaker))}), #{a} → #{b}: "
            f"{shorter} stops early, no words changed",
            f"    {printable(diff_text(flag.a, flag.b))}",
        ]
    lines = [f"  ! numbers disagree: {flag.numbers} (#{a} vs #{b})"]
    if flag.a or flag.b:
        lines.append(f"      #{a} {one_line(flag.source_a, 24)}: {one_line(flag.a, 60)}")
        lines.append(f"      #{b} {one_line(flag.source_b, 24)}: {one_line(flag.b, 60)}")
    return lines


def _as_json(view: GroupView) -> dict[str, Any]:
    return {
        "group_id": view.group_id,
        "sources": view.sources,
        "documents": view.documents,
        "claims": [
            {
                "id": m.claim.id,
                "document_id": m.claim.document_id,
                "source": m.document_source,
                "text": m.claim.text,
                "status": m.claim.status.value,
            }
            for m in view.members
        ],
        "flags": [flag.as_record() for flag in view.flags],
        "related": [
            {
                "id": r.claim.id,
                "group_id": r.claim.group_id,
                "source": r.document_source,
                "kind": r.kind.value,
                "reason": r.reason,
                "score": r.score,
                "text": r.claim.text,
            }
            for r in view.related
        ],
    }
