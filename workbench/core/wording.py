"""Words for counts, shared by the CLI and the app."""

from __future__ import annotations


def counted(number: int, thing: str, things: str | None = None) -> str:
    """``number`` and the noun agreeing with it: "1 claim", "2,041 claims", "3 copies"."""
    noun = thing if number == 1 else (things or f"{thing}s")
    return f"{number:,} {noun}"
