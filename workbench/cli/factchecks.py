"""The fact-check commands: import published fact-checks, search them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import click

from workbench.cli.options import Settings, db_option, pass_settings
from workbench.core.factchecks.finding import (
    FactCheckIndex,
    FindReport,
    checked_before_pending,
    find_checked_before,
    search as search_factchecks,
)
from workbench.core.factchecks.importing import import_factchecks
from workbench.core.published import CheckedBefore
from workbench.core.store import Store
from workbench.core.text.safe import json_text, one_line, printable
from workbench.core.wording import counted


@click.group("factchecks")
def factchecks_group() -> None:
    """Published fact-checks: import them, find the claims they already checked.

    Every claim is matched against them at ingest and when they are imported;
    `workbench claims --checked-before` lists the claims with a match.

    Example:

        workbench factchecks import claimreview-feed.json checks.csv
    """


@factchecks_group.command("import")
@db_option
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@pass_settings
def import_command(settings: Settings, files: tuple[Path, ...]) -> None:
    """Import fact-checks: ClaimReview JSON-LD, saved fact-check pages, or CSV.

    JSON: one ClaimReview, a list of them (workbench export --format
    claimreview --url-base ...), or a data feed with dataFeedElement. HTML:
    the JSON-LD blocks of saved pages. CSV: a header with claim and url, and
    optionally title, rating, publisher, date. A url already imported is
    updated, not added again. A row or object that cannot be read is one line
    on stderr; the rest go in, and the command exits 1.

    Example:

        workbench factchecks import feed.json saved-page.html checks.csv
    """

    def problem(message: str) -> None:
        click.echo(f"error: {printable(message)}", err=True)

    with Store(settings.database(create=True)) as store:
        report = import_factchecks(store, files, on_problem=problem)
        found = find_checked_before(store)
        matched = len(store.checked_before(store.matchable_claims())) if found.claims else None
    click.echo(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.problems} could not be read"
    )
    if matched is not None:
        click.echo(
            f"checked before: {counted(matched, 'claim matches', 'claims match')} a published fact-check"
        )
    if report.problems:
        sys.exit(1)


def match_after_ingest(store: Store) -> FindReport | None:
    """Match new claims against the fact-checks (a no-op when there are none)."""
    if not checked_before_pending(store):
        return None
    return find_checked_before(store)


def match_record(match: CheckedBefore) -> dict[str, object]:
    fc = match.factcheck
    return {
        "url": fc.url,
        "claim": fc.claim,
        "title": fc.title,
        "rating": fc.rating,
        "publisher": fc.publisher,
        "date": fc.date,
        "score": match.score,
    }


def match_line(match: CheckedBefore, width: int = 90) -> str:
    """One line for a match: score, publisher, rating, date, claim, url."""
    fc = match.factcheck
    said = " · ".join(one_line(part, 30) for part in (fc.publisher, fc.rating, fc.date) if part)
    return f"{match.score:.2f} {said}: {one_line(fc.claim, width)} <{one_line(fc.url)}>"


@factchecks_group.command("search")
@db_option
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
@click.option(
    "--limit",
    type=click.IntRange(min=1, max=100),
    default=5,
    show_default=True,
    help="At most this many matches a line.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Leave out matches that score lower (0..1).",
)
@pass_settings
def search_command(settings: Settings, source: TextIO, limit: int, min_score: float) -> None:
    """Find published fact-checks for texts: one text a line in, one JSON object a line out.

    Each line out is {"text": ..., "matches": [{"url", "claim", "title",
    "rating", "publisher", "date", "score"}]}, best first. Needs only the
    imported fact-checks, no articles.

    Example:

        echo "Bricks of cocaine washed up in Florida after the hurricane" \\
            | workbench factchecks search --limit 3
    """
    out = sys.stdout
    with Store(settings.database()) as store:
        index = FactCheckIndex(store)
        for raw in source:
            text = raw.rstrip("\n").rstrip("\r")
            found = search_factchecks(store, text, limit=limit, min_score=min_score, index=index)
            record = {"text": text, "matches": [match_record(m) for m in found]}
            out.write(json_text(record) + "\n")
