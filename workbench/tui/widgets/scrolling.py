"""Scroll views that change what they hold without laying the screen out."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


def set_scroll_size(view: ScrollView, size: Size) -> None:
    """Give ``view`` a new scrollable size without laying the screen out again.

    Textual's ``virtual_size`` is a reactive that lays out the whole screen
    when it changes: 15-40 ms for this one on each filter (the list's length)
    and each cursor move (the detail pane's height). A scroll view's size does
    not depend on what it holds, so only its scroll bar needs to know, which is
    what Textual itself does when layout gives a widget a new virtual size.
    """
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)
        view.refresh()
