"""The check-worthiness of one line of text, without a database (``workbench score``)."""

from __future__ import annotations

import attrs

from workbench.core.text.claims import Assessment, assess
from workbench.core.text.repair import repair_line
from workbench.core.text.sentences import split


@attrs.frozen
class LineScore:
    """A line scored: its most check-worthy sentence speaks for the whole line."""

    text: str  # the line, repaired
    best: Assessment  # the sentence that is check-worthy, or else scores highest
    checkworthy: bool  # any of its sentences is
    sentences: int


def score_line(line: str, *, min_score: float | None = None) -> LineScore | None:
    """Repair ``line``, score each of its sentences; None when nothing is left to score.

    A heading counts as one only among other sentences: a line that is a
    heading alone is scored as a sentence.
    """
    text = repair_line(line)
    if not text:
        return None
    sentences = split(text)
    assessed = [
        assess(s.text, heading=s.heading and len(sentences) > 1, min_score=min_score)
        for s in sentences
    ]
    return LineScore(
        text=text,
        best=max(assessed, key=lambda a: (a.checkworthy, a.score)),
        checkworthy=any(a.checkworthy for a in assessed),
        sentences=len(sentences),
    )
