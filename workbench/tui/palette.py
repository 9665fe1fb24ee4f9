"""How the app draws a status of the database's scale: a style, a glyph, a short name."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from workbench.core.models import Status
from workbench.core.scale import OURS, Scale

# The default scale's look (and the states'), as the app has always drawn them.
STATUS_STYLES: Mapping[Status, str] = {
    Status.UNREVIEWED: "dim",
    Status.SUPPORTED: "bold green",
    Status.DISPUTED: "bold red",
    Status.MIXED: "bold yellow",
    Status.UNVERIFIABLE: "bold magenta",
    Status.CONFLICT: "bold reverse red",
}
GLYPHS: Mapping[Status, str] = {
    Status.UNREVIEWED: "·",
    Status.SUPPORTED: "✔",
    Status.DISPUTED: "✘",
    Status.MIXED: "◐",
    Status.UNVERIFIABLE: "?",
    Status.CONFLICT: "≠",
}
_OURS_HEADER = (Status.SUPPORTED, Status.DISPUTED, Status.MIXED, Status.UNVERIFIABLE)


@attrs.frozen
class Palette:
    """The look of each status of one scale; a status it does not know is drawn plainly."""

    styles: Mapping[Status, str]
    glyphs: Mapping[Status, str]
    short: Mapping[Status, str]  # the header's name for a verdict ("supp", "MT") ...
    titles: Mapping[Status, str]  # ... and its whole title, where there is room ("Mostly True")
    header: tuple[Status, ...]  # the verdicts the header counts, in its order

    def style(self, status: Status) -> str:
        return self.styles.get(status, "bold")

    def glyph(self, status: Status) -> str:
        return self.glyphs.get(status, "•")


def _short(title: str) -> str:
    words = title.split()
    if len(words) > 1:
        return "".join(w[0] for w in words if w[:1].isalnum()).upper()
    return title[:4].lower()


def palette_for(scale: Scale) -> Palette:
    """The palette of a scale: ours as it always was; another from its labels' colours."""
    if scale == OURS:
        return Palette(
            styles=STATUS_STYLES,
            glyphs=GLYPHS,
            short={s: s.value[:4] for s in _OURS_HEADER},
            titles={s: OURS.title(s) for s in _OURS_HEADER},
            header=_OURS_HEADER,
        )
    states = (Status.UNREVIEWED, Status.CONFLICT)
    styles = {s: STATUS_STYLES[s] for s in states}
    glyphs = {s: GLYPHS[s] for s in states}
    for label in scale.labels:
        styles[label.status] = f"bold {label.colour}" if label.colour else "bold"
        glyphs[label.status] = label.key
    return Palette(
        styles=styles,
        glyphs=glyphs,
        short={label.status: _short(label.title) for label in scale.labels},
        titles={label.status: label.title for label in scale.labels},
        header=scale.verdicts,
    )


DEFAULT_PALETTE = palette_for(OURS)
