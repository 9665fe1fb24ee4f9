"""The line at the top: database, reviewer, progress per verdict, active filters."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import Static

from workbench.core.desk import ReviewerProgress
from workbench.core.models import ClaimFilter, Status
from workbench.core.text.safe import one_line
from workbench.tui.palette import DEFAULT_PALETTE, Palette

BAR = 20


def progress_text(
    database: str,
    reviewer: str,
    counts: dict[Status, int],
    where: ClaimFilter,
    document_names: dict[int, str],
    *,
    auto_advance: bool,
    width: int,
    saving: bool = False,
    palette: Palette = DEFAULT_PALETTE,
    mine: ReviewerProgress | None = None,
) -> Text:
    total = sum(counts.values())
    done = total - counts.get(Status.UNREVIEWED, 0)
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(" workbench ", style="bold reverse")
    out.append(f" {one_line(database, 24)} ", style="bold")
    out.append(f"· {one_line(reviewer, 16)} ", style="dim")
    if mine is not None:  # the reviewer's own progress; the bar after it is the desk's
        out.append(f"you {mine.judged}", style="bold cyan")
        if mine.assigned:
            out.append(f" share {mine.assigned_judged}/{mine.assigned}", style="cyan")
        out.append(" · desk ", style="dim")
    bar = BAR if width >= 100 else 10
    filled = round(bar * done / total) if total else 0
    out.append("█" * filled, style="green")
    out.append("░" * (bar - filled), style="dim")
    out.append(f" {done}/{total} reviewed ", style="bold")
    if saving:  # a write is waiting for the database (another program holds it)
        out.append(" saving… ", style="bold reverse yellow")
    tail = Text()
    if not auto_advance:
        tail.append("  auto-advance off", style="yellow")
    filters = describe_filter(where, document_names)
    if filters:
        tail.append(f"  filter: {filters}", style="bold yellow")

    def per_verdict(names: Mapping[Status, str]) -> Text:
        line = Text()
        for status in palette.header:
            name = one_line(names.get(status, status.value[:4]), 24)
            line.append(f" {name} {counts.get(status, 0)}", style=palette.style(status))
        return line

    # The verdicts' whole titles where they fit, else short names; an active
    # filter must always show, and the counts give way to it.
    counted = per_verdict(palette.titles)
    if out.cell_len + counted.cell_len + tail.cell_len > width:
        counted = per_verdict(palette.short)
    if not filters or out.cell_len + counted.cell_len + tail.cell_len <= width:
        out.append_text(counted)
    else:
        out.rstrip()
    if counts.get(Status.CONFLICT):  # only a desk of independent reviewers has conflicts
        conflicts = counts[Status.CONFLICT]
        out.append(f" conf {conflicts}", style=palette.style(Status.CONFLICT))
    out.append_text(tail)
    return out


def describe_filter(where: ClaimFilter, document_names: dict[int, str]) -> str:
    parts = []
    if where.mine:
        parts.append("mine")
    if where.statuses:
        parts.append("/".join(s.value for s in where.statuses))
    if where.kinds:
        parts.append("/".join(k.value for k in where.kinds))
    if where.document_ids:
        names = [one_line(document_names.get(d, f"doc {d}"), 18) for d in where.document_ids]
        parts.append("/".join(names))
    if where.search:
        parts.append(f"“{one_line(where.search, 20)}”")
    if where.checked_before:
        parts.append("checked before")
    return " + ".join(parts)


class ReviewHeader(Static):
    """A one-line summary; the screen feeds it with :meth:`show`."""

    def show(self, text: Text) -> None:
        # One line always (no wrap, ellipsis), so new text never needs a layout.
        self.update(text, layout=False)
