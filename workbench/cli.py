"""The ``workbench`` command: a thin shell over the core.

Every command parses its arguments, calls the core and prints. A mistake the
user can fix (a missing file, an unknown id, a locked database) is one line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO, TypeVar

import attrs
import click

from workbench.cli_desk import (
    adjudicate_command,
    agreement_command,
    assign_command,
    desk_command,
    show_desk,
)
from workbench.cli_exchange import export_command, import_command
from workbench.cli_factchecks import factchecks_group, match_after_ingest, match_line, match_record
from workbench.cli_matching import groups_command, match_command
from workbench.cli_options import (
    Settings,
    claim_filter,
    db_option,
    filter_options,
    pass_settings,
    reviewer_option,
)
from workbench.core.errors import WorkbenchError
from workbench.core.fetch import TIMEOUT, read_url_list
from workbench.core.ingest import (
    MAX_BYTES,
    Outcome,
    Report,
    WebAddress,
    find_articles,
    ingest,
)
from workbench.core.matching import match
from workbench.core.matching.diff import plain_diff
from workbench.core.matching.evidence import locate, source_text
from workbench.core.matching.views import flag_kinds, sources_of
from workbench.core.models import QUOTE_FOUND, CheckedBefore, Citation, FlagKind, IngestOutcome
from workbench.core.records import CSV_COLUMNS, claim_csv_row, claim_record
from workbench.core.review import (
    classify_source,
    default_stance,
    parse_stance,
    parse_verdict,
)
from workbench.core.store import ORDERS, Store
from workbench.core.text.claims import assess, default_min_score
from workbench.core.text.repair import repair_line
from workbench.core.text.safe import json_text, one_line, printable
from workbench.core.text.sentences import split
from workbench.core.views import claim_view

F = TypeVar("F", bound=Callable[..., Any])


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


def _at_least_one(option: str, value: int) -> int:
    if value < 1:
        raise click.ClickException(f"{option} must be 1 or more, not {value}")
    return value


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


@main.command("ingest")
@db_option
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--urls",
    "url_list",
    type=click.Path(path_type=Path),
    default=None,
    help="A file of web page addresses to fetch, one a line.",
)
@click.option(
    "--source",
    default=None,
    metavar="NAME",
    help="The outlet of articles that do not name one (instead of the file's name).",
)
@click.option(
    "--max-size",
    type=float,
    default=MAX_BYTES / 1e6,
    show_default=True,
    help="Refuse files and pages larger than this many megabytes.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=TIMEOUT,
    show_default=True,
    help="Give up on a web page that has not arrived within this many seconds.",
)
@click.option(
    "--jobs",
    type=int,
    callback=lambda _ctx, _param, value: _at_least_one("--jobs", value),
    default=1,
    show_default=True,
    help="Parse and extract files in this many processes (one writes); the result is the same.",
)
@min_score_option
@pass_settings
def ingest_command(
    settings: Settings,
    paths: tuple[str, ...],
    url_list: Path | None,
    source: str | None,
    max_size: float,
    timeout: float,
    jobs: int,
    min_score: float | None,
) -> None:
    """Take in articles: files or folders (.txt, .md, .html) and web pages (http/https URLs).

    Folders are read recursively. A web page is fetched (redirects followed) and
    kept as it came; its article text, title, outlet, authors and date are read
    from it. The same text ingested twice is stored once; a file or page whose
    text changed is extracted again. Each file or page that fails is one line on
    stderr and the rest go on; exits 1 when any failed. --min-score applies to
    the files and pages this run extracts: lower keeps more sentences (more
    recall, less precision).

    Example:

        workbench ingest ../shared/seeds/ notes/article.md https://example.org/story
        workbench ingest --urls reading-list.txt --source "Valley Times" --min-score 0.5
        workbench ingest --jobs 2 archive/
    """
    inputs: list[str | WebAddress] = list(paths)
    if url_list is not None:
        inputs.extend(WebAddress(url) for url in read_url_list(url_list))
    if not inputs:
        raise click.UsageError("name files, folders or URLs to ingest, or give --urls FILE")
    with Store(settings.database(create=True)) as store:
        found = find_articles(inputs)  # walked once: counted here, ingested below
        total = found.articles
        show_bar = total > 20 and sys.stderr.isatty()

        def run(on_file: Callable[[Outcome], None]) -> Report:
            return ingest(
                store,
                found,
                max_bytes=int(max_size * 1e6),
                source=source,
                timeout=timeout,
                on_file=on_file,
                min_score=min_score,
                jobs=jobs,
            )

        def report_file(outcome: Outcome) -> None:
            if outcome.outcome is IngestOutcome.FAILED:
                click.echo(f"error: {printable(outcome.message)}", err=True)
            elif outcome.message:
                click.echo(f"warning: {printable(outcome.message)}", err=True)

        if show_bar:
            with click.progressbar(length=total, label="ingesting", file=sys.stderr) as bar:

                def advance(outcome: Outcome) -> None:
                    report_file(outcome)
                    bar.update(1)

                report = run(advance)
        else:
            report = run(report_file)
        matched = match(store) if store.matching_pending() else None
        checked = match_after_ingest(store)
    click.echo(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.failed} failed; {report.claims} claims extracted"
    )
    if matched is not None:
        click.echo(
            f"matched across sources: {matched.groups} groups of more than one claim, "
            f"{matched.flags} flags, {matched.copies} copied sources"
        )
    if checked is not None:
        click.echo(f"checked before: {checked.matches} matches with published fact-checks")
    if not report.ok:
        sys.exit(1)


@main.command("claims")
@db_option
@reviewer_option
@filter_options
@click.option("--search", default="", help="Only claims whose text contains this.")
@click.option(
    "--assigned-to", default=None, metavar="NAME", help="Only claims given to NAME (assign)."
)
@click.option("--mine", is_flag=True, help="Only claims given to you (--reviewer).")
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
    holder = settings.who() if mine else (assigned_to or "")
    where = attrs.evolve(
        claim_filter(statuses, kinds, documents, search),
        assigned_to=holder,
        checked_before=checked_before,
    )
    with Store(settings.database()) as store:
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
    text_width = max(20, width - 6 - 13 - 11 - 6 - source_width - 6)
    out.write(
        f"{'ID':>6} {'STATUS':<12} {'KIND':<11} {'SCORE':>5}  {'SOURCE':<{source_width}} TEXT\n"
    )
    for item in listed:
        claim = item.claim
        out.write(
            f"{claim.id:>6} {claim.status.value:<12} {claim.kind.value:<11} {claim.score:>5.2f}  "
            f"{one_line(item.document_source, source_width):<{source_width}} "
            f"{one_line(claim.text, text_width)}\n"
        )
        for found in (checked or {}).get(claim.id or 0, []):
            out.write(f"{'':>6} checked before {match_line(found, text_width)}\n")


@main.command("show")
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


@main.command("mark")
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
    """Record a verdict: supported, disputed, mixed, unverifiable, or unreviewed (clears).

    Everything is checked first (the claim, the verdict, the stance, a cited
    doc:ID, the quote in its source); then the verdict and its citation are
    written together, or nothing is.

    Example:

        workbench mark 12 disputed --note "the audit says 350" \\
            --cite https://example.org/audit --quote "350 forces"
    """
    status = parse_verdict(verdict)
    if (quote or locator or stance) and not source:
        raise WorkbenchError(
            "--quote, --locator and --stance describe a citation: add --cite SOURCE"
        )
    who = settings.who()
    citation = None
    if source is not None:
        citation = Citation(
            id=None,
            claim_id=claim_id,
            source=source,
            source_kind=classify_source(source),
            quote=quote,
            locator=locator,
            stance=parse_stance(stance) or default_stance(status),
            reviewer=who,
        )
    with Store(settings.database()) as store:
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


@main.command("stats")
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
        click.echo(json.dumps(figures, indent=2))
        return
    click.echo(f"documents: {figures['documents']}")
    click.echo(f"claims:    {figures['claims']}")
    for title, key in (
        ("by kind", "by_kind"),
        ("by status", "by_status"),
        ("by reviewer (latest verdicts)", "by_reviewer"),
        ("verdicts per day", "by_day"),
    ):
        if not figures[key]:
            continue
        click.echo(f"{title}:")
        for name, count in figures[key].items():
            click.echo(f"  {printable(str(name)):<13}{count:>7}")
    if figures["by_reviewer_day"]:
        click.echo("verdicts per reviewer per day:")
        for name, days in figures["by_reviewer_day"].items():
            for day, count in days.items():
                click.echo(f"  {one_line(name, 16):<17}{day:<11}{count:>7}")
    if "desk" in figures:
        desk = figures["desk"]
        click.echo(f"desk ({desk['required_verdicts']} independent verdicts per claim):")
        for title, key in (
            ("waiting for more verdicts", "waiting_for_verdicts"),
            ("in conflict", "in_conflict"),
            ("adjudicated", "adjudicated"),
        ):
            click.echo(f"  {title:<26}{desk[key]:>7}")


def _lines(source: TextIO) -> Iterator[str]:
    for line in source:
        yield line.rstrip("\n").rstrip("\r")


@main.command("score")
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
@min_score_option
def score_command(source: TextIO, min_score: float | None) -> None:
    """Score sentences for check-worthiness without a database: one JSON object per line.

    Each input line is a sentence or a passage; blank lines are skipped. For a
    passage, the most check-worthy sentence speaks for it. The reasons are the
    features that moved the score most, signed, with their weight in log-odds.

    Example:

        echo "A 2019 study found none of the tools were 100% accurate." | workbench score
    """
    out = sys.stdout
    for line in _lines(source):
        text = repair_line(line)
        if not text:
            continue
        sentences = [s for s in split(text)] or []
        assessed = [
            assess(s.text, heading=s.heading and len(sentences) > 1, min_score=min_score)
            for s in sentences
        ]
        best = max(assessed, key=lambda a: (a.checkworthy, a.score))
        record = {
            "text": text,
            "score": best.score,
            "kind": best.kind.value,
            "checkworthy": any(a.checkworthy for a in assessed),
            "reasons": list(best.reasons),
            "numbers": [n.text for n in best.numbers],
            "speaker": best.speaker,
            "sentences": len(sentences),
        }
        out.write(json_text(record) + "\n")


@main.command("repair")
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
def repair_command(source: TextIO) -> None:
    """Repair text line by line: broken entities, mojibake, stray tags, odd spaces.

    One line in, one line out, so the line count is kept.

    Example:

        echo "It was a ,quot;cynical,quot; move & # 39;" | workbench repair
    """
    out = sys.stdout
    for line in _lines(source):
        out.write(repair_line(line) + "\n")


main.add_command(export_command)
main.add_command(import_command)
main.add_command(match_command)
main.add_command(groups_command)
main.add_command(desk_command)
main.add_command(adjudicate_command)
main.add_command(assign_command)
main.add_command(agreement_command)
main.add_command(factchecks_group)

if __name__ == "__main__":  # pragma: no cover
    main()
