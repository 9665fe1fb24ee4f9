"""``workbench ingest``: articles in from files, folders and web pages."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from workbench.cli.factchecks import match_after_ingest
from workbench.cli.options import Settings, db_option, min_score_option, pass_settings
from workbench.core.fetch import TIMEOUT, read_url_list
from workbench.core.ingest import (
    MAX_BYTES,
    Outcome,
    Report,
    WebAddress,
    find_articles,
    ingest,
)
from workbench.core.jobs import AUTO_FROM, AUTO_MAX, auto_jobs
from workbench.core.matching import match
from workbench.core.models import IngestOutcome
from workbench.core.store import Store
from workbench.core.text.safe import printable
from workbench.core.wording import counted


def _jobs(value: str) -> int | None:
    """``--jobs``: a number of processes, or "auto" (None: decided by the batch)."""
    if value.strip().lower() == "auto":
        return None
    try:
        number = int(value)
    except ValueError:
        raise click.ClickException(
            f"--jobs must be a number of processes or 'auto', not {printable(value)!r}"
        ) from None
    if number < 1:
        raise click.ClickException(f"--jobs must be 1 or more, not {number}")
    return number


@click.command("ingest")
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
    metavar="N|auto",
    callback=lambda _ctx, _param, value: _jobs(value),
    default="auto",
    show_default=True,
    help=(
        "Parse and extract files in this many processes (one writes); the result is the "
        f"same. auto: one, or one per free core (at most {AUTO_MAX}) from {AUTO_FROM} files."
    ),
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
    jobs: int | None,
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
        if jobs is None:
            jobs = auto_jobs(total)
            if jobs > 1:
                click.echo(
                    f"ingest: {jobs} processes, one per free core (--jobs 1 for one)", err=True
                )

        processes = jobs

        def run(on_file: Callable[[Outcome], None]) -> Report:
            return ingest(
                store,
                found,
                max_bytes=int(max_size * 1e6),
                source=source,
                timeout=timeout,
                on_file=on_file,
                min_score=min_score,
                jobs=processes,
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
        f"{report.failed} failed; {counted(report.claims, 'claim')} extracted"
    )
    if matched is not None:
        click.echo(
            f"matched across sources: {counted(matched.groups, 'group')} of more than one claim, "
            f"{counted(matched.flags, 'flag')}, {counted(matched.copies, 'copied source')}"
        )
    if checked is not None:
        click.echo(
            f"checked before: {counted(checked.matches, 'match', 'matches')} with published fact-checks"
        )
    if not report.ok:
        sys.exit(1)
