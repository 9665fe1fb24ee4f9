"""Text tools that need no database: ``workbench score`` and ``workbench repair``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TextIO

import click

from workbench.cli.options import min_score_option
from workbench.core.text.explain import score_line
from workbench.core.text.repair import repair_line
from workbench.core.text.safe import json_text


def _lines(source: TextIO) -> Iterator[str]:
    for line in source:
        yield line.rstrip("\n").rstrip("\r")


@click.command("score")
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
@min_score_option
def score_command(source: TextIO, min_score: float | None) -> None:
    """Score sentences for check-worthiness without a database: one JSON object per line.

    Each input line is a sentence or a passage; blank lines are skipped. For a
    passage, the most check-worthy sentence speaks for it. The reasons are the
    features that moved the score most, signed, with their weight in log-odds.

    Example:

        echo "A 2019 study found none of the tools were 100% accurate." | workbench score
    """
    out = sys.stdout
    for line in _lines(source):
        scored = score_line(line, min_score=min_score)
        if scored is None:
            continue
        best = scored.best
        record = {
            "text": scored.text,
            "score": best.score,
            "kind": best.kind.value,
            "checkworthy": scored.checkworthy,
            "reasons": list(best.reasons),
            "numbers": [n.text for n in best.numbers],
            "speaker": best.speaker,
            "sentences": scored.sentences,
        }
        out.write(json_text(record) + "\n")


@click.command("repair")
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
def repair_command(source: TextIO) -> None:
    """Repair text line by line: broken entities, mojibake, stray tags, odd spaces.

    One line in, one line out, so the line count is kept.

    Example:

        echo "It was a ,quot;cynical,quot; move & # 39;" | workbench repair
    """
    out = sys.stdout
    for line in _lines(source):
        out.write(repair_line(line) + "\n")
