"""The header line: what it keeps when the terminal is narrow."""

from __future__ import annotations

from workbench.core.models import ClaimFilter, Status
from workbench.tui.widgets.review_header import progress_text

COUNTS = {Status.UNREVIEWED: 20, Status.SUPPORTED: 6, Status.DISPUTED: 4}


def header(width: int, where: ClaimFilter) -> str:
    text = progress_text("claims.db", "ann", COUNTS, where, {}, auto_advance=True, width=width)
    text.truncate(width, overflow="ellipsis")
    return text.plain


def test_an_active_filter_shows_at_80_columns() -> None:
    line = header(80, ClaimFilter(mine="ann", statuses=(Status.UNREVIEWED,)))
    assert "filter: mine + unreviewed" in line
    assert "10/30 reviewed" in line


def test_counts_per_verdict_show_when_there_is_room() -> None:
    assert "supp 6" in header(80, ClaimFilter())
    wide = header(160, ClaimFilter(mine="ann"))
    assert "Supported 6" in wide and "filter: mine" in wide


def test_whole_titles_where_they_fit() -> None:
    wide = header(160, ClaimFilter())
    assert "Supported 6" in wide and "Unverifiable 0" in wide
    narrow = header(80, ClaimFilter())
    assert "supp 6" in narrow and "Supported" not in narrow
