"""The claims list: one line a claim, drawn on demand.

The list holds only a sequence of the ordered claim ids (a ``ClaimList`` reads
them from the database a page at a time); rows are read a page at a time,
through the reader its screen hands it, when a line is drawn, and kept in a
small cache, so 100,000 claims cost no more to show than 30. Each cursor move
calls ``on_highlight`` with the claim's id (None when the list is empty) once
the owner sets it: a direct call rather than a message, so the owner can show
the claim in the same frame as the cursor.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.core.models import Status
from workbench.core.text.safe import one_line
from workbench.core.views import ClaimRow
from workbench.core.wording import counted
from workbench.tui.palette import DEFAULT_PALETTE, GLYPHS, STATUS_STYLES
from workbench.tui.widgets.scrolling import set_scroll_size

__all__ = ["GLYPHS", "ClaimsTable"]

PAGE = 100
_CACHE_PAGES = 20

# Reads the rows of a page of claim ids (missing ids are not drawn).
PageReader = Callable[[list[int]], Mapping[int, ClaimRow]]


class ClaimsTable(ScrollView, can_focus=True):
    """A virtual list of claims with a cursor."""

    COMPONENT_CLASSES = {
        "claims-table--cursor",
        "claims-table--header",
        "claims-table--supported",
        "claims-table--disputed",
        "claims-table--mixed",
        "claims-table--unverifiable",
        "claims-table--unreviewed",
        "claims-table--conflict",
        "claims-table--dim",
    }
    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="cursor-down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="cursor-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="page-up"),
        Binding("home", "first", "First", show=False, id="first"),
        Binding("end", "last", "Last", show=False, id="last"),
    ]

    # No repaint of its own: ``watch_cursor`` redraws the two lines that change
    # (a whole repaint of the list on each j took half of the frame).
    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    def __init__(self, read_page: PageReader, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.on_highlight: Callable[[int | None], None] | None = None
        self._read_page = read_page
        self.ids: Sequence[int] = []
        # Pages read, the latest last; None for a claim the reader did not return.
        self._pages: OrderedDict[int, dict[int, ClaimRow | None]] = OrderedDict()
        self._styles: dict[str, Style] = {}
        self.palette = DEFAULT_PALETTE  # how statuses look: the screen sets its scale's

    # -- data --------------------------------------------------------------------

    def set_ids(self, ids: Sequence[int], *, keep: int | None = None, steady: bool = False) -> None:
        """Show these claims; put the cursor on ``keep`` when it is among them.

        The cursor's line is put in the middle of the list, or with ``steady``
        left on the screen line it was on (the same claims, renumbered).
        """
        line = self.cursor - self.scroll_offset.y
        self.ids = ids
        self._pages.clear()
        set_scroll_size(self, Size(self.scrollable_content_region.width, len(ids) + 1))
        index = 0
        if keep is not None:
            try:
                index = ids.index(keep)
            except ValueError:
                index = 0
        self.cursor = min(index, max(0, len(ids) - 1))
        if steady:
            self.scroll_to(y=max(0, self.cursor - line), animate=False, immediate=True)
            self._scroll_cursor_into_view()
        else:
            self._scroll_cursor_into_view(center=True)
            # The new virtual size is laid out on the next refresh; scroll again then.
            self.call_after_refresh(self._scroll_cursor_into_view, True)
        self.refresh()

    def refresh_rows(self, *claim_ids: int) -> None:
        """Drop cached rows (all, or of these claims) so they are read again."""
        if not claim_ids:
            self._pages.clear()
        else:
            wanted = set(claim_ids)
            for page in self._pages.values():
                for claim_id in wanted & page.keys():
                    del page[claim_id]
        self.refresh()

    def _row(self, index: int) -> ClaimRow | None:
        if not 0 <= index < len(self.ids):
            return None
        claim_id = self.id_at(index)
        if claim_id is None:
            return None
        number = index // PAGE
        page = self._pages.get(number)
        if page is None or claim_id not in page:
            wanted = list(self.ids[number * PAGE : (number + 1) * PAGE])
            read = self._read_page(wanted)
            page = {wanted_id: read.get(wanted_id) for wanted_id in wanted}
            self._pages[number] = page
            while len(self._pages) > _CACHE_PAGES:
                self._pages.popitem(last=False)
        self._pages.move_to_end(number)
        return page.get(claim_id)

    def id_at(self, index: int) -> int | None:
        """The id at this place of the list, None past its end."""
        try:
            return self.ids[index]
        except IndexError:  # a list read lazily has shrunk since it was counted
            return None

    @property
    def current_id(self) -> int | None:
        return self.id_at(self.cursor) if self.ids else None

    # -- cursor --------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        self._scroll_cursor_into_view()
        if self.scroll_offset.y == top:  # only two rows changed: redraw just those
            for index in {old, new}:
                self.refresh_lines(index - top + 1, 1)
        else:
            self.refresh()
        if self.on_highlight is not None:
            self.on_highlight(self.current_id)

    def move_to(self, index: int) -> None:
        if self.ids:
            self.cursor = max(0, min(index, len(self.ids) - 1))

    def _scroll_cursor_into_view(self, center: bool = False) -> None:
        height = max(1, self.size.height - 1)  # the first line is the header
        top = self.scroll_offset.y
        if center:
            self.scroll_to(y=max(0, self.cursor - height // 2), animate=False, immediate=True)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(1, self.size.height - 2))

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(1, self.size.height - 2))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.ids) - 1)

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y - 1
        if 0 <= index < len(self.ids):
            self.move_to(index)

    def on_resize(self, event: events.Resize) -> None:
        set_scroll_size(self, Size(self.scrollable_content_region.width, len(self.ids) + 1))
        self._scroll_cursor_into_view()

    # -- drawing ---------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        """A component style, looked up once per theme rather than once per line."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name)
        return style

    def _status_style(self, status: Status) -> Style:
        if status in STATUS_STYLES:  # the default scale's, styled by the theme
            return self._style(f"claims-table--{status.value}")
        return Style.parse(self.palette.style(status))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # without the scroll bar
        base = self.rich_style
        if y == 0:
            return self._header(width)
        index = self.scroll_offset.y + y - 1
        row = self._row(index)
        if row is None:
            return Strip.blank(width, base)
        claim, sources = row.claim, row.carried_by
        dim = self._style("claims-table--dim")
        glyph, status_style = self.palette.glyph(claim.status), self._status_style(claim.status)
        if row.own is not None and claim.status is Status.UNREVIEWED:
            # At a desk: the reviewer's own verdict, dimmed while the claim waits for others.
            glyph = self.palette.glyph(row.own)
            status_style = self._status_style(row.own) + Style(dim=True)
        source_width = 16 if width >= 100 else 12
        fixed = 2 + 12 + 5 + 1 + source_width + 4
        text_width = max(10, width - fixed - 1)
        segments = [
            Segment(f" {glyph} ", base + status_style),
            Segment(f"{claim.kind.value:<11} ", base + dim),
            Segment(f"{claim.score:4.2f} ", base),
            Segment(f"{one_line(claim.text, text_width):<{text_width}} ", base),
            Segment(f"{one_line(row.document_source, source_width):<{source_width}}", base + dim),
        ]
        segments.append(Segment(f" ×{sources:<2}" if sources else "    ", base + dim))
        strip = Strip(segments).crop_extend(0, width, base)
        if index == self.cursor:
            cursor = self._style("claims-table--cursor")
            strip = strip.apply_style(cursor if self.has_focus else cursor + Style(dim=True))
        return strip

    def _header(self, width: int) -> Strip:
        style = self.rich_style + self._style("claims-table--header")
        source_width = 16 if width >= 100 else 12
        text_width = max(10, width - (2 + 12 + 5 + 1 + source_width + 4) - 1)
        done = getattr(self.ids, "counted", True)  # a ClaimWindow is not yet
        title = f" {counted(len(self.ids), 'claim')}" if done else " counting claims…"
        line = f"   {'kind':<11} {'score':<5}{title:<{text_width}} {'source':<{source_width}}"
        return Strip([Segment(line, style)]).crop_extend(0, width, style)
