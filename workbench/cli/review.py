"""The review from the command line: list claims, show one, mark it, count the work."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from typing import Any, TextIO

import attrs
import click

from workbench.cli.desk import show_desk
from workbench.cli.factchecks import match_line, match_record
from workbench.cli.options import (
    Settings,
    claim_filter,
    db_option,
    filter_options,
    pass_settings,
    reviewer_option,
)
from workbench.cli.records import CSV_COLUMNS, claim_csv_row, claim_record, stats_record
from workbench.core.errors import WorkbenchError
from workbench.core.matching.diff import plain_diff
from workbench.core.matching.evidence import locate, source_text
from workbench.core.matching.views import flag_kinds, sources_of
from workbench.core.models import QUOTE_FOUND, Citation, FlagKind
from workbench.core.published import CheckedBefore
from workbench.core.review import (
    classify_source,
    default_stance,
    parse_stance,
    parse_verdict,
)
from workbench.core.store import ORDERS, Store
from workbench.core.text.safe import json_text, one_line, printable
from workbench.core.views import claim_view


@click.command("claims")
@db_option
@reviewer_option
@filter_options
@click.option("--search", default="", help="Only claims whose text contains this.")
@click.option(
    "--assigned-to", default=None, metavar="NAME", help="Only claims given to NAME (assign)."
)
@click.option(
    "--mine",
    is_flag=True,
    help="Your queue (--reviewer): claims given to you, and at a desk those others began"
    " that wait for your verdict (the app's M).",
)
@click.option(
    "--checked-before",
    is_flag=True,
    help="Only claims that match a published fact-check (workbench factchecks import).",
)
@click.option("--sort", default="score", type=click.Choice(list(ORDERS)), show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@click.option(
    "--format",
    "fmt",
    default="table",
    type=click.Choice(["table", "json", "csv"]),
    show_default=True,
)
@pass_settings
def claims_command(
    settings: Settings,
    statuses: tuple[str, ...],
    kinds: tuple[str, ...],
    documents: tuple[int, ...],
    search: str,
    assigned_to: str | None,
    mine: bool,
    checked_before: bool,
    sort: str,
    limit: int | None,
    fmt: str,
) -> None:
    """List claims, most check-worthy first.

    With --checked-before, only the claims that match a published fact-check,
    each with its matches.

    Example:

        workbench claims --kind statistic --status unreviewed --format json
        workbench claims --mine --reviewer ann
    """
    if mine and assigned_to is not None:
        raise click.UsageError("give --mine or --assigned-to NAME, not both")
    with Store(settings.database()) as store:
        where = attrs.evolve(
            claim_filter(statuses, kinds, documents, search, scale=store.scale()),
            assigned_to=assigned_to or "",
            mine=settings.who() if mine else "",
            checked_before=checked_before,
        )
        listed = store.list_claims(where, order=sort, limit=limit)
        checked = store.checked_before([item.claim.id or 0 for item in listed])
        if fmt == "json":
            plain = [item.claim for item in listed]
            sources = sources_of(store, plain)
            flags = flag_kinds(store, plain)
    out = sys.stdout
    if fmt == "json":
        records = []
        for item in listed:
            record = claim_record(item)
            claim_id = item.claim.id or 0
            record["sources"], record["documents"] = sources.get(claim_id, (1, 1))
            record["flags"] = flags.get(claim_id, [])
            record["checked_before"] = [match_record(m) for m in checked.get(claim_id, [])]
            records.append(record)
        out.write(json_text(records, indent=2) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(claim_csv_row(item) for item in listed)
    else:
        _print_table(listed, out, checked if checked_before else {})


def _print_table(
    listed: list[Any], out: TextIO, checked: dict[int, list[CheckedBefore]] | None = None
) -> None:
    if not listed:
        click.echo("no claims match", err=True)
        return
    width = shutil.get_terminal_size((120, 24)).columns
    source_width = 18
    # As wide as the longest status listed: a scale's labels can be longer than ours.
    sw = max(12, *(len(item.claim.status.value) for item in listed))
    text_width = max(20, width - 6 - (sw + 1) - 11 - 6 - source_width - 6)
    out.write(
        f"{'ID':>6} {'STATUS':<{sw}} {'KIND':<11} {'SCORE':>5}  {'SOURCE':<{source_width}} TEXT\n"
    )
    for item in listed:
        claim = item.claim
        out.write(
            f"{claim.id:>6} {claim.status.value:<{sw}} {claim.kind.value:<11} {claim.score:>5.2f}  "
            f"{one_line(item.document_source, source_width):<{source_width}} "
            f"{one_line(claim.text, text_width)}\n"
        )
        for found in (checked or {}).get(claim.id or 0, []):
            out.write(f"{'':>6} checked before {match_line(found, text_width)}\n")


@click.command("show")
@db_option
@reviewer_option
@click.argument("claim_id", type=int)
@pass_settings
def show_command(settings: Settings, claim_id: int) -> None:
    """Show a claim in its paragraph: its numbers, history, citations, flags and evidence.

    It shows what the review app's detail pane shows, the same facts read the
    same way; the suggested evidence are passages of other documents to cite
    (`mark ID VERDICT --cite doc:ID --quote TEXT`).

    At a desk that asks for several independent verdicts, a claim that lacks
    them is shown blind: only the reviewer's own verdicts, notes and citations.

    Example:

        workbench show 12 --reviewer ann
    """
    with Store(settings.database()) as store:
        view = claim_view(store, claim_id, evidence=True)
        # At a desk, what this reviewer may see of the review (blind until settled).
        desk = store.review_view(claim_id, settings.who())
        holders = store.assignees(claim_id)
    claim, document = view.claim, view.document
    tty = sys.stdout.isatty()
    echo = click.echo
    echo(
        f"Claim {claim.id} · {claim.kind.value} · score {claim.score:.2f} · {claim.status.value}"
        + (" · stale (no longer in its document)" if claim.stale else "")
    )
    dated = f", {document.published}" if document.published else ""
    echo(
        f"Document {document.id}: {one_line(document.title)} — "
        f"{one_line(document.source)}{dated}"
        + (f" · by {one_line(', '.join(document.authors))}" if document.authors else "")
        + f" ({printable(document.path)})"
    )
    echo("")
    if view.paragraph is not None:
        body = printable(claim.text)
        marked = click.style(body, bold=True, underline=True) if tty else f"»{body}«"
        echo(f"  {printable(view.paragraph.before)}{marked}{printable(view.paragraph.after)}")
    else:
        echo(f"  {printable(claim.text)}")
    echo("")
    if claim.numbers:
        echo("Numbers: " + "; ".join(printable(n.text) for n in claim.numbers))
    if claim.speaker:
        echo(f"Speaker: {printable(claim.speaker)}")
    if claim.quote:
        echo(f"Quote: “{printable(claim.quote)}”")
    if claim.reasons:
        echo("Why it scored: " + "; ".join(claim.reasons))
    echo("")
    if holders:
        echo("Assigned to: " + ", ".join(printable(name) for name in holders))
    show_desk(desk)
    echo("History:" if desk.history else "History: none (unreviewed)")
    for verdict in desk.history:
        extra = f" ({verdict.action.value})" if verdict.action.value != "mark" else ""
        if verdict.carried_from is not None:
            extra += f" (carried over from #{verdict.carried_from})"
        note = f" — {one_line(verdict.note)}" if verdict.note else ""
        echo(
            f"  {verdict.created_at}  {printable(verdict.reviewer)}: "
            f"{verdict.verdict.value}{extra}{note}"
        )
    if view.versions:
        echo(f"Other sources ({len(view.versions)}):")
        for version in view.versions:
            copy = " (a copy of this source)" if version.copy else ""
            echo(
                f"  #{version.claim.id} {one_line(version.document_source)}{copy}: "
                f"{printable(plain_diff(version.diff))}"
            )
    for shown in view.flags:
        flag = shown.flag
        if flag.kind is FlagKind.QUOTE_DRIFT:
            echo(
                f"Flag: quote drift between #{flag.claim_a} and #{flag.claim_b}: "
                f"{printable(plain_diff(shown.diff))}"
            )
        elif flag.kind is FlagKind.QUOTE_TRUNCATED:
            echo(
                f"Flag: quote cut short between #{flag.claim_a} and #{flag.claim_b}: "
                f"{printable(plain_diff(shown.diff))}"
            )
        else:
            echo(
                f"Flag: numbers disagree between #{flag.claim_a} and #{flag.claim_b}: "
                f"{flag.numbers}"
            )
            for claim_id, source, figure in (
                (flag.claim_a, flag.source_a, flag.a),
                (flag.claim_b, flag.source_b, flag.b),
            ):
                if figure:
                    echo(f"  #{claim_id} {one_line(source)}: {one_line(figure)}")
    if view.related:
        echo("Related, not the same fact:")
    for near in view.related:
        echo(
            f"  #{near.claim.id} {one_line(near.document_source)} ({printable(near.reason)}): "
            f"{one_line(near.claim.text, 100)}"
        )
    if view.checked:
        echo(f"Checked before ({len(view.checked)}):")
        for earlier in view.checked:
            echo(f"  {match_line(earlier)}")
    echo("Citations:" if desk.citations else "Citations: none")
    for citation in desk.citations:
        stance = citation.stance.value if citation.stance else "no stance"
        echo(
            f"  [{citation.id}] {stance}: {printable(citation.source)}"
            + (f" ({printable(citation.locator)})" if citation.locator else "")
        )
        if citation.quote:
            found = {True: " (found in the source)", False: " (NOT found in the source)", None: ""}[
                citation.quote_found
            ]
            echo(f"      “{one_line(citation.quote)}”{found}")
        if citation.note:
            echo(f"      {one_line(citation.note)}")
    if view.evidence:
        echo("Suggested evidence:")
        for offered in view.evidence:
            passage = offered.suggestion
            echo(
                f"  doc:{passage.document_id} {one_line(offered.document_title, 60)}, "
                f"paragraph {passage.paragraph + 1} (match {passage.score:.0f}/100)"
            )
            echo(f"      {one_line(passage.text)}")


@click.command("mark")
@db_option
@reviewer_option
@click.argument("claim_id", type=int)
@click.argument("verdict")
@click.option("--note", default="", help="Why: the reviewer's rationale.")
@click.option(
    "--cite",
    "source",
    default=None,
    help="Evidence: a URL, doc:ID of a corpus document, a file path, or a name.",
)
@click.option("--quote", default="", help="The passage quoted from the cited source.")
@click.option("--locator", default="", help="Where in the source: paragraph, page, time.")
@click.option("--stance", default=None, help="supports or refutes (default: from the verdict).")
@pass_settings
def mark_command(
    settings: Settings,
    claim_id: int,
    verdict: str,
    note: str,
    source: str | None,
    quote: str,
    locator: str,
    stance: str | None,
) -> None:
    """Record a verdict of the database's scale, or unreviewed (clears it).

    The verdicts are the labels of the database's scale, by name or title
    (`workbench scale show`; by default supported, disputed, mixed,
    unverifiable). Everything is checked first (the claim, the verdict, the
    stance, a cited doc:ID, the quote in its source); then the verdict and its
    citation are written together, or nothing is.

    Example:

        workbench mark 12 disputed --note "the audit says 350" \\
            --cite https://example.org/audit --quote "350 forces"
    """
    if (quote or locator or stance) and not source:
        raise WorkbenchError(
            "--quote, --locator and --stance describe a citation: add --cite SOURCE"
        )
    who = settings.who()
    with Store(settings.database()) as store:
        scale = store.scale()
        status = parse_verdict(verdict, scale)
        citation = None
        if source is not None:
            citation = Citation(
                id=None,
                claim_id=claim_id,
                source=source,
                source_kind=classify_source(source),
                quote=quote,
                locator=locator,
                stance=parse_stance(stance) or default_stance(status, scale),
                reviewer=who,
            )
        store.get_claim(claim_id)  # no such claim: stop before anything is written
        checked = None
        if citation is not None:
            # A missing doc:ID stops here; the quote is looked up in its source
            # and the result saved with the citation, in the verdict's transaction.
            found = source_text(store, citation)
            if found is not None and quote:
                document_id, text = found
                checked = locate(quote, text)
                citation = attrs.evolve(
                    citation,
                    verified_score=checked.score,
                    verified_document=document_id,
                    verified_start=checked.start,
                    verified_end=checked.end,
                )
        row = store.mark(claim_id, status, who, note=note, citation=citation)
    cited = " with a citation" if citation else ""
    click.echo(f"claim {claim_id}: {row.verdict.value} by {who}{cited}")
    if checked is not None:
        found_word = "found" if checked.score >= QUOTE_FOUND else "NOT found"
        click.echo(f"quote {found_word} in the source (match {checked.score:.0f}/100)")


@click.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_settings
def stats_command(settings: Settings, as_json: bool) -> None:
    """Count documents; claims by kind, status and reviewer; verdicts per day and per reviewer.

    At a desk of independent reviewers, also the claims waiting for more
    verdicts, in conflict, and adjudicated.

    Example:

        workbench stats --json
    """
    with Store(settings.database()) as store:
        figures = store.stats()
    if as_json:
        click.echo(json.dumps(stats_record(figures), indent=2))
        return
    click.echo(f"documents: {figures.documents}")
    click.echo(f"claims:    {figures.claims}")
    for title, counts in (
        ("by kind", figures.by_kind),
        ("by status", figures.by_status),
        ("by reviewer (latest verdicts)", figures.by_reviewer),
        ("verdicts per day", figures.by_day),
    ):
        if not counts:
            continue
        click.echo(f"{title}:")
        for name, count in counts.items():
            click.echo(f"  {printable(str(name)):<13}{count:>7}")
    if figures.by_reviewer_day:
        click.echo("verdicts per reviewer per day:")
        for name, days in figures.by_reviewer_day.items():
            for day, count in days.items():
                click.echo(f"  {one_line(name, 16):<17}{day:<11}{count:>7}")
    desk = figures.desk
    if desk is not None:
        click.echo(f"desk ({desk.required_verdicts} independent verdicts per claim):")
        for title, value in (
            ("waiting for more verdicts", desk.waiting_for_verdicts),
            ("in conflict", desk.in_conflict),
            ("adjudicated", desk.adjudicated),
        ):
            click.echo(f"  {title:<26}{value:>7}")
