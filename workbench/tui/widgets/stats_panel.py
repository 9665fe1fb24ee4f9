"""The statistics screen's figures: the desk's progress, each reviewer's, and agreement.

Draws the :class:`DeskFigures` its screen hands it, as a few small tables.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from workbench.core.desk_views import DeskFigures
from workbench.core.export.common import figure_text
from workbench.core.models import Status
from workbench.core.text.safe import one_line
from workbench.tui.palette import palette_for

DAYS = 7  # the latest days shown per reviewer


def _table(*columns: str) -> Table:
    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold dim", expand=False)
    for index, name in enumerate(columns):
        table.add_column(name, justify="left" if index == 0 else "right", no_wrap=True)
    return table


def figures_renderable(figures: DeskFigures) -> RenderableType:
    counts, desk = figures.counts, figures.settings
    total = sum(counts.values())
    settled = total - counts.get(Status.UNREVIEWED, 0)
    parts: list[RenderableType] = []
    head = Text()
    head.append("Desk ", style="bold")
    rule = (
        f"{desk.required_verdicts} independent verdicts a claim"
        if desk.independent
        else "one verdict a claim (the latest wins)"
    )
    head.append(f"· {rule} · {settled}/{total} claims settled\n", style="dim")
    palette = palette_for(figures.scale)
    for status in figures.scale.statuses:
        if counts.get(status) or status is not Status.CONFLICT:
            head.append(f" {status.value} {counts.get(status, 0)} ", style=palette.style(status))
    parts.append(head)

    people = _table("reviewer", "judged", "share", "agrees", f"verdicts, last {DAYS} days")
    agrees = {r.reviewer: r for r in figures.agreement.reviewers}
    for person in figures.reviewers:
        share = f"{person.assigned_judged}/{person.assigned}" if person.assigned else "–"
        matched = agrees.get(person.reviewer)
        days = " ".join(f"{day[5:]}:{n}" for day, n in person.by_day[-DAYS:]) or "–"
        people.add_row(
            one_line(person.reviewer, 20),
            str(person.judged),
            share,
            figure_text(matched.agreement, percent=True) if matched else "–",
            days,
        )
    parts.append(Text("\nReviewers", style="bold"))
    parts.append(people if figures.reviewers else Text(" nobody has reviewed yet", style="dim"))

    report = figures.agreement
    parts.append(Text("\nAgreement", style="bold"))
    if not report.claims:
        parts.append(Text(" no claim has two or more independent verdicts yet", style="dim"))
        return Group(*parts)
    overall = _table("figure", "value", "claims", "verdicts")
    for title, figure, percent in (
        ("percent agreement", report.percent, True),
        ("Krippendorff's alpha, nominal", report.alpha_nominal, False),
        ("Krippendorff's alpha, ordinal", report.alpha_ordinal, False),
    ):
        overall.add_row(
            title,
            figure_text(figure.value, percent=percent),
            str(figure.claims),
            str(figure.verdicts),
        )
    parts.append(overall)
    if report.pairs:
        pairs = _table("pair", "claims", "agree", "Cohen's kappa")
        for pair in report.pairs:
            pairs.add_row(
                one_line(f"{pair.first} & {pair.second}", 30),
                str(pair.claims),
                figure_text(pair.agreement, percent=True),
                figure_text(pair.kappa),
            )
        parts.append(Text(""))
        parts.append(pairs)
    return Group(*parts)


class StatsPanel(Static):
    """Shows a :class:`DeskFigures`."""

    def show(self, figures: DeskFigures) -> None:
        self.update(figures_renderable(figures))
