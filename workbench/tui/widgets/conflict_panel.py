"""A claim in conflict drawn for its adjudicator: each reviewer's side, then their evidence.

Draws the :class:`ConflictView` its screen hands it; reviewer and article text
goes in as plain ``Text`` after :func:`printable`.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from workbench.core.desk_views import ConflictView, ReviewerSide
from workbench.core.text.safe import one_line, printable
from workbench.tui.palette import DEFAULT_PALETTE, Palette
from workbench.tui.widgets.claim_detail import diff_line


def side_text(
    side: ReviewerSide, shared: tuple[str, ...], palette: Palette = DEFAULT_PALETTE
) -> Text:
    """One reviewer's column: verdict, when, why, and each citation."""
    out = Text()
    out.append(side.verdict.value, style=palette.style(side.verdict))
    out.append(f"  {side.created_at.replace('T', ' ')[:16]}\n", style="dim")
    out.append(printable(side.note) if side.note else "(no note)", style="" if side.note else "dim")
    out.append("\n")
    if not side.citations:
        out.append("no citations\n", style="dim")
    for citation in side.citations:
        stance = citation.stance.value if citation.stance else "no stance"
        out.append(f"\n{stance} ", style={"supports": "green", "refutes": "red"}.get(stance, "dim"))
        out.append(one_line(citation.source, 80))
        if citation.source in shared:
            out.append(" (both)", style="dim")
        elif citation.source in side.only_theirs:
            out.append(" (only here)", style="bold yellow")
        if citation.quote:
            out.append(f"\n “{one_line(citation.quote, 200)}”", style="italic")
        out.append("\n")
    out.rstrip()
    return out


def conflict_renderable(
    view: ConflictView, palette: Palette = DEFAULT_PALETTE, keys: str = "s d m u"
) -> RenderableType:
    """The claim, the reviewers side by side, the diff of what they quoted, the outcome."""
    claim = view.claim
    head = Text()
    head.append(f"#{claim.id} ", style="bold")
    head.append(claim.status.value, style=palette.style(claim.status))
    head.append(f"  {one_line(view.document_title, 60)}\n", style="italic dim")
    head.append(printable(claim.text), style="bold")
    table = Table(expand=True, show_lines=False, padding=(0, 1), header_style="bold")
    for side in view.sides:
        table.add_column(one_line(side.reviewer, 24), ratio=1, overflow="fold")
    table.add_row(*(side_text(side, view.shared_sources, palette) for side in view.sides))
    parts: list[RenderableType] = [head, table]
    evidence = Text()
    if view.shared_sources:
        evidence.append("Cited by every reviewer: ", style="bold")
        evidence.append(", ".join(one_line(s, 60) for s in view.shared_sources) + "\n")
    if view.quote_diff and len(view.sides) >= 2:
        first, second = view.sides[0].reviewer, view.sides[1].reviewer
        evidence.append(
            f"Quoted evidence, {one_line(first, 16)} → {one_line(second, 16)}: ", style="bold"
        )
        evidence.append_text(diff_line(view.quote_diff))
        evidence.append("\n")
    elif not view.shared_sources:
        evidence.append("No evidence in common and nothing quoted to compare.\n", style="dim")
    parts.append(evidence)
    final = Text()
    if view.adjudication is not None:
        decided = view.adjudication
        final.append("Adjudicated ", style="bold")
        final.append(decided.verdict.value, style=palette.style(decided.verdict))
        final.append(f" by {one_line(decided.adjudicator, 16)} on {decided.created_at[:10]}")
        if decided.note:
            final.append(f" — {one_line(decided.note, 120)}", style="dim")
        final.append("  (z undoes yours)", style="dim")
    elif view.refused:
        final.append(view.refused, style="bold red")
    else:
        final.append(f"Your verdict: {keys} (then the reason) · z undo", style="dim")
    parts.append(final)
    return Group(*parts)


class ConflictPanel(Static):
    """Shows a :class:`ConflictView`, or says the queue is empty."""

    palette: Palette = DEFAULT_PALETTE  # the database's scale's look, set by the screen
    keys = "s d m u"  # the keys of its final verdicts

    def show(self, view: ConflictView | None) -> None:
        if view is None:
            self.update(Text("No claim in conflict. Escape goes back.", style="dim"))
        else:
            self.update(conflict_renderable(view, self.palette, self.keys))
