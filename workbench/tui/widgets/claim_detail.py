"""The detail pane: one claim in its paragraph, with its evidence and history.

All article and reviewer text goes in as plain ``rich.text.Text`` (never markup)
after :func:`printable` has removed control sequences.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.core.models import FlagKind, Status
from workbench.core.published import CheckedBefore
from workbench.core.text.safe import one_line, printable
from workbench.core.views import ClaimView, Evidence
from workbench.tui.palette import DEFAULT_PALETTE, STATUS_STYLES, Palette
from workbench.tui.widgets.scrolling import set_scroll_size

__all__ = ["STATUS_STYLES", "ClaimDetail", "claim_in_context", "describe"]


def claim_in_context(view: ClaimView) -> Text:
    """The paragraph with the claim bright, its numbers and speaker marked, the rest dim."""
    claim, paragraph = view.claim, view.paragraph
    out = Text()
    if paragraph is None:
        out.append(printable(claim.text), style="bold")
        out.append("\n(this sentence is no longer in the document)", style="italic dim")
        return out
    out.append(printable(paragraph.before), style="dim")
    body = Text(printable(claim.text), style="bold")
    for number in claim.numbers:
        if 0 <= number.start < number.end <= len(claim.text):
            body.stylize("bold reverse cyan", number.start, number.end)
    if claim.speaker:
        at = claim.text.find(claim.speaker)
        if at >= 0:
            body.stylize("bold underline", at, at + len(claim.speaker))
    out.append_text(body)
    out.append(printable(paragraph.after), style="dim")
    return out


def describe(view: ClaimView, palette: Palette = DEFAULT_PALETTE) -> Text:
    """The facts about the claim, its verdict history and citations."""
    claim, doc = view.claim, view.document
    out = Text()
    out.append(f"#{claim.id} ", style="bold")
    out.append(claim.status.value, style=palette.style(claim.status))
    out.append(f"  {claim.kind.value}  score {claim.score:.2f}\n", style="dim")
    dated = f", {doc.published}" if doc.published else ""
    out.append(f"{one_line(doc.title)}\n", style="italic")
    byline = f" · by {one_line(', '.join(doc.authors), 60)}" if doc.authors else ""
    out.append(f"{one_line(doc.source)}{dated}{byline}\n", style="dim")
    if claim.numbers:
        out.append("Numbers: ", style="bold")
        out.append("; ".join(one_line(n.text) for n in claim.numbers) + "\n")
    if claim.speaker:
        out.append("Speaker: ", style="bold")
        out.append(one_line(claim.speaker) + "\n")
    if claim.reasons:
        out.append("Why: ", style="bold")
        out.append("; ".join(claim.reasons) + "\n", style="dim")
    out.append_text(desk_text(view, palette))
    review = view.review
    desk = review if review is not None and review.required > 1 else None
    # At a desk, once the blind lifts every reviewer's note is in their verdict's line.
    if view.history and view.history[-1].note and (desk is None or desk.blind):
        # A note written before any verdict waits for the next one (see pending_note).
        if desk is not None:  # the history is the viewer's own while blind
            waiting = desk.own is None
            label = "Note (pending verdict): " if waiting else "Your note: "
        else:
            waiting = claim.status is Status.UNREVIEWED
            label = "Note (pending verdict): " if waiting else "Rationale: "
        out.append(label, style="bold")
        out.append(one_line(view.history[-1].note) + "\n")
    independent, documents = view.sources
    if documents > 1:
        copies = f", {documents - independent} of them copies" if documents > independent else ""
        out.append(f"\nCarried by {documents} sources{copies}", style="bold")
        out.append(" (g: one verdict for all)\n", style="dim")
    for version in view.versions:
        out.append(f" #{version.claim.id} {one_line(version.document_source, 24)}", style="dim")
        if version.copy:
            out.append(" copy", style="yellow")
        out.append(" ")
        out.append(version.claim.status.value, style=palette.style(version.claim.status))
        out.append("\n   ")
        out.append_text(diff_line(version.diff))
        out.append("\n")
    for shown in view.flags:
        flag = shown.flag
        if flag.kind is FlagKind.QUOTE_DRIFT:
            out.append(
                f"\n⚑ Quote drift ({one_line(str(flag.speaker), 30)}): ", style="bold yellow"
            )
            out.append(f"#{flag.claim_a} → #{flag.claim_b}\n   ", style="dim")
            out.append_text(diff_line(shown.diff))
            out.append("\n")
        elif flag.kind is FlagKind.QUOTE_TRUNCATED:
            out.append(
                f"\n✂ Quote cut short ({one_line(str(flag.speaker), 30)}): ",
                style="bold yellow",
            )
            out.append(f"#{flag.claim_a} → #{flag.claim_b}, no words changed\n   ", style="dim")
            out.append_text(diff_line(shown.diff))
            out.append("\n")
        else:
            out.append("\n⚑ Numbers disagree: ", style="bold red")
            out.append(f"{flag.numbers} (#{flag.claim_a} vs #{flag.claim_b})\n")
            for claim_id, source, figure in (
                (flag.claim_a, flag.source_a, flag.a),
                (flag.claim_b, flag.source_b, flag.b),
            ):
                if figure:
                    out.append(f"   #{claim_id} {one_line(source, 24)}: ", style="dim")
                    out.append(f"{one_line(figure, 60)}\n")
    if view.related:
        out.append("\nRelated, not the same fact\n", style="bold")
    for near in view.related:
        out.append(f" #{near.claim.id} {one_line(near.document_source, 24)}", style="dim")
        out.append(f" · {one_line(near.reason, 60)}\n", style="italic")
        out.append(f"   {one_line(near.claim.text, 160)}\n")
    out.append(
        "\nCitations\n" if view.citations else "\nNo citations yet (c to add)\n", style="bold"
    )
    for citation in view.citations:
        stance = citation.stance.value if citation.stance else "no stance"
        style = {"supports": "green", "refutes": "red"}.get(stance, "dim")
        out.append(f" {stance:<9} ", style=style)
        out.append(one_line(citation.source, 60))
        if citation.locator:
            out.append(f" ({one_line(citation.locator, 30)})", style="dim")
        out.append("\n")
        if citation.quote:
            out.append(f"   “{one_line(citation.quote, 200)}”", style="italic")
            found = citation.quote_found
            if found is True:
                out.append(" ✔ found in source", style="green")
            elif found is False:
                out.append(" ✘ not found in source", style="bold red")
            out.append("\n")
        if citation.note:
            out.append(f"   {one_line(citation.note, 200)}\n", style="dim")
    out.append("\nHistory\n" if view.history else "\nNo verdict yet\n", style="bold")
    for verdict in reversed(view.history[-8:]):
        out.append(f" {verdict.created_at.replace('T', ' ')[:16]} ", style="dim")
        out.append(f"{one_line(verdict.reviewer, 16)} ")
        out.append(verdict.verdict.value, style=palette.style(verdict.verdict))
        if verdict.action.value != "mark":
            out.append(f" ({verdict.action.value})", style="dim")
        if verdict.carried_from is not None:
            out.append(f" (from #{verdict.carried_from})", style="dim")
        if verdict.note:
            out.append(f" — {one_line(verdict.note, 80)}", style="dim")
        out.append("\n")
    if len(view.history) > 8:
        out.append(f" … {len(view.history) - 8} earlier\n", style="dim")
    return out


def desk_text(view: ClaimView, palette: Palette = DEFAULT_PALETTE) -> Text:
    """Who holds the claim and, at a desk of several, its independent verdicts or the blind.

    The same facts as ``workbench show --reviewer``: while the claim lacks its
    verdicts only the viewer's own verdict shows, and how many others are hidden.
    """
    out = Text()
    if view.holders:
        out.append("Assigned to: ", style="bold")
        out.append(", ".join(one_line(name, 16) for name in view.holders) + "\n")
    review = view.review
    if review is None or review.required <= 1:
        return out
    if review.blind:
        own = review.own
        out.append("Blind: ", style="bold yellow")
        given = len(review.verdicts) + review.hidden
        count = f"{given} of {review.required}" if given else f"none of {review.required}"
        out.append(f"{count} independent verdicts given")
        if review.hidden:
            out.append(f"; {review.hidden} hidden from you until then")
        out.append("\n")
        if own is not None:
            out.append("Your verdict: ", style="bold")
            out.append(own.verdict.value + "\n", style=palette.style(own.verdict))
        return out
    out.append(
        f"Independent verdicts ({len(review.verdicts)} of {review.required} needed)\n",
        style="bold",
    )
    for verdict in review.verdicts:
        out.append(f" {one_line(verdict.reviewer, 16)}: ")
        out.append(verdict.verdict.value, style=palette.style(verdict.verdict))
        if verdict.note:
            out.append(f" — {one_line(verdict.note, 80)}", style="dim")
        out.append("\n")
    final = review.adjudication
    if final is not None:
        out.append("Adjudicated ", style="bold")
        out.append(final.verdict.value, style=palette.style(final.verdict))
        out.append(f" by {one_line(final.adjudicator, 16)} on {final.created_at[:10]}")
        out.append(f" — {one_line(final.note, 80)}\n" if final.note else "\n", style="dim")
    elif review.status is Status.CONFLICT:
        out.append("In conflict:", style=palette.style(Status.CONFLICT))
        out.append(" waiting for an adjudicator (A opens their queue)\n", style="dim")
    return out


def diff_line(runs: list[tuple[str, str]]) -> Text:
    """A word diff as one styled line: removed words struck red, added ones green."""
    out = Text()
    for op, words in runs:
        style = {"same": "", "removed": "strike red", "added": "bold green"}[op]
        out.append(printable(words) + " ", style=style)
    return out


def checked_text(matches: list[CheckedBefore]) -> Text:
    """Published fact-checks of this claim: publisher, rating, date, claim, url."""
    out = Text()
    if not matches:
        return out
    out.append("Checked before", style="bold yellow")
    out.append(" (b cites one)\n", style="dim")
    for match in matches:
        fc = match.factcheck
        out.append(f" {match.score:.2f} ", style="bold reverse yellow")
        said = " · ".join(one_line(part, 30) for part in (fc.publisher, fc.rating, fc.date) if part)
        out.append(f" {said}\n", style="bold")
        out.append(f"   {one_line(fc.claim, 220)}\n")
        out.append(f"   {one_line(fc.url, 120)}\n", style="dim underline")
    return out


def evidence_text(evidence: list[Evidence] | None) -> Text:
    """The suggested passages, numbered for the keys that cite them."""
    out = Text()
    if evidence is None:
        out.append("Looking for evidence in the other documents…", style="dim")
        return out
    if not evidence:
        return out
    out.append("Suggested evidence (1-3 cites one)\n", style="bold")
    for number, found in enumerate(evidence[:3], start=1):
        suggestion = found.suggestion
        out.append(f" {number} ", style="bold reverse")
        out.append(f" {one_line(found.document_title, 40)}", style="dim")
        out.append(f" ¶{suggestion.paragraph + 1} · {suggestion.score:.0f}\n", style="dim")
        out.append(f"   {one_line(suggestion.text, 220)}\n")
    return out


class ClaimDetail(ScrollView):
    """Shows a :class:`ClaimView`; empty when there is none.

    Drawn line by line (Textual's Line API) from text wrapped here, so that
    showing another claim changes only what this pane draws: no widget in it
    changes size, and Textual lays the screen out at most once for it.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # The claim in its paragraph, the facts about it, the published fact-checks
        # that match it, the suggested evidence.
        self._parts: tuple[Text, Text, Text, Text] = (Text(), Text(), Text(), Text())
        self._lines: list[Strip] = []
        self.palette = DEFAULT_PALETTE  # how statuses look: the screen sets its scale's

    @property
    def text(self) -> str:
        """What the pane shows, as plain text."""
        return self._content().plain

    def _content(self) -> Text:
        """The non-empty parts, a blank line between them."""
        content = Text(overflow="fold")
        for part in self._parts:
            if part.plain:
                if content.plain:
                    content.append("\n\n")
                content.append_text(part)
        content.rstrip()
        return content

    def show_evidence(self, evidence: list[Evidence] | None) -> None:
        """The evidence of the claim shown has been looked for: show it below."""
        self._parts = (*self._parts[:3], evidence_text(evidence))
        self._wrap()

    def show(self, view: ClaimView | None) -> None:
        """Show another claim (None: there is none), from the top."""
        if view is None:
            empty = Text("No claim matches. F clears the filters.", style="dim")
            self._parts = (empty, Text(), Text(), Text())
        else:
            # Until its own evidence is found, the view says it is looking for it.
            self._parts = (
                claim_in_context(view),
                describe(view, self.palette),
                checked_text(view.checked),
                evidence_text(view.evidence),
            )
        self._wrap()
        self.scroll_to(y=0, animate=False, immediate=True)

    def _wrap(self) -> None:
        """Wrap the parts to the pane's width into lines, and size the scroll area."""
        width = self.scrollable_content_region.width
        if width <= 0:  # not laid out yet: wrapped when it is (on_resize)
            return
        content = self._content()
        console = self.app.console
        options = console.options.update_width(width)
        self._lines = [
            Strip(line, width)
            for line in console.render_lines(content, options, style=self.rich_style, pad=True)
        ]
        set_scroll_size(self, Size(width, len(self._lines)))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._wrap()  # the theme changed: the lines carry the old colours

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if 0 <= index < len(self._lines):
            return self._lines[index]
        return Strip.blank(self.scrollable_content_region.width, self.rich_style)
