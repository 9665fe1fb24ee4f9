"""The keys that give a verdict follow the database's scale, on every screen that has them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from workbench.core.scale import Scale


def scale_bindings(scale: Scale, action: str, id_prefix: str, verb: str) -> list[Binding]:
    """One key per label of ``scale``: ``action('<name>')``, with id ``<id_prefix>-<name>``."""
    return [
        Binding(
            label.key,
            f"{action}('{label.name}')",
            label.title,
            id=f"{id_prefix}-{label.name}",
            tooltip=f"{verb}: {label.title} ({scale.name} scale)",
        )
        for label in scale.labels
    ]


def swap_bindings(screen: Screen[Any], old: Sequence[Binding], new: Sequence[Binding]) -> None:
    """Take ``old`` off the screen's keys and put ``new`` on, then redraw the footer."""
    keys = screen._bindings.key_to_bindings
    for binding in old:
        for key in binding.key.split(","):
            kept = [b for b in keys.get(key.strip(), []) if b.action != binding.action]
            if kept:
                keys[key.strip()] = kept
            else:
                keys.pop(key.strip(), None)
    ordered: dict[str, list[Binding]] = {}
    for binding in new:  # first, so the footer shows the verdicts where ours stood
        ordered.setdefault(binding.key, []).append(binding)
    for key, bound in keys.items():
        ordered.setdefault(key, []).extend(bound)
    keys.clear()
    keys.update(ordered)
    screen.refresh_bindings()
