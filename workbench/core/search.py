"""Fuzzy search over claim texts (rapidfuzz), for the review app's '/' search."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process, utils

MAX_WORDS = 6


def fuzzy_find(
    query: str, texts: Sequence[str], ids: Sequence[int], *, limit: int = 200, cutoff: float = 75
) -> list[tuple[int, float]]:
    """The ids whose text best matches ``query`` (best first), with their scores.

    Each word of the query must appear, approximately, somewhere in the text
    (partial ratio at least ``cutoff``, so "okafr" finds "Okafor"); a text's
    score is the mean over the words. Word order does not matter, which suits
    a reviewer typing a few remembered words of a claim.
    """
    words = [w for w in utils.default_process(query).split() if w][:MAX_WORDS]
    if not words:
        return []
    totals: dict[int, float] | None = None
    for word in words:
        found = process.extract(
            word,
            texts,
            scorer=fuzz.partial_ratio,
            processor=utils.default_process,
            limit=None,
            score_cutoff=cutoff if len(word) > 2 else 100,
        )
        scores = {index: score for _text, score, index in found}
        if totals is None:
            totals = scores
        else:
            totals = {i: totals[i] + s for i, s in scores.items() if i in totals}
        if not totals:
            return []
    assert totals is not None
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [(ids[index], total / len(words)) for index, total in ranked]
