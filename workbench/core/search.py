"""Fuzzy search over claim texts (rapidfuzz), for the review app's '/' search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import attrs
from rapidfuzz import fuzz, process, utils

from workbench.core.models import ClaimFilter

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
    if len(words) > 1:  # each text cleaned once, not once a word
        texts = [utils.default_process(text) for text in texts]
    processor = utils.default_process if len(words) == 1 else None
    for word in words:
        found = process.extract(
            word,
            texts,
            scorer=fuzz.partial_ratio,
            processor=processor,
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


CANDIDATES = 2000  # claims fuzzy-scored a keystroke at most, whatever the database's size
CLOSE_WORDS = 40  # words of the index tried for one mistyped word


class ClaimSearch(Protocol):
    """What the search reads of the store (``Store`` is one)."""

    def claim_search_candidates(
        self,
        groups: Sequence[Sequence[str]],
        where: ClaimFilter,
        *,
        prefix: bool = ...,
        limit: int = ...,
    ) -> list[tuple[int, str]]: ...

    def claim_words(self) -> list[str]: ...


@attrs.define
class Searcher:
    """The '/' search over a store: the word index narrows, fuzzy scoring ranks.

    A keystroke no longer scores every claim. The claims in paragraphs that
    hold every query word as the beginning of one of their words (the FTS5
    paragraph index) are the candidates; when they are fewer than asked for, as a typo makes them, the
    index's words close to each query word ("colwik" -> "colwick", "ounc" ->
    "council") find more. Only candidates, at most ``CANDIDATES`` of each
    kind, are fuzzy-scored by ``fuzzy_find``. The index's word list is read
    once, on the first typo, and kept while the searcher lives.
    """

    _store: ClaimSearch
    _words: dict[int, list[str]] | None = attrs.field(default=None, init=False)

    def find(self, query: str, where: ClaimFilter, *, limit: int = 200) -> list[int]:
        """The ids of the filter's claims that best match ``query``, best first."""
        words = [w for w in utils.default_process(query).split() if w][:MAX_WORDS]
        if not words:
            return []
        # A word of one or two letters begins too many words to ask the index
        # for (slow at a million claims); scoring checks it in the candidates.
        found = dict(
            self._store.claim_search_candidates(
                [[w] for w in words if len(w) > 2], where, prefix=True, limit=CANDIDATES
            )
        )
        ranked = self._rank(query, found, limit)
        if len(ranked) < limit:
            close = [self._close_words(w) for w in words if len(w) > 2]
            if close and all(close):
                more = dict(
                    self._store.claim_search_candidates(
                        close, where, prefix=False, limit=CANDIDATES
                    )
                )
                if not more.keys() <= found.keys():
                    found.update(more)
                    ranked = self._rank(query, found, limit)
        return ranked

    @staticmethod
    def _rank(query: str, found: dict[int, str], limit: int) -> list[int]:
        ids = sorted(found)
        return [i for i, _score in fuzzy_find(query, [found[i] for i in ids], ids, limit=limit)]

    def _close_words(self, word: str) -> list[str]:
        """The index's words that ``word`` may be a mistyped or partial form of."""
        if len(word) <= 2:  # as fuzzy_find: a short word must appear as it is
            return [word]
        if self._words is None:
            by_length: dict[int, list[str]] = {}
            for term in self._store.claim_words():
                by_length.setdefault(len(term), []).append(term)
            self._words = by_length
        # A word at least as long may hold it (partial); a shorter one may be it misspelt.
        longer = [t for n, terms in self._words.items() if n >= len(word) for t in terms]
        shorter = [
            t for n, terms in self._words.items() if len(word) - 2 <= n < len(word) for t in terms
        ]
        cutoff = 75
        scored = process.extract(
            word, longer, scorer=fuzz.partial_ratio, limit=CLOSE_WORDS, score_cutoff=cutoff
        )
        scored += process.extract(
            word, shorter, scorer=fuzz.ratio, limit=CLOSE_WORDS, score_cutoff=cutoff
        )
        scored.sort(key=lambda found: -found[1])
        return [term for term, _score, _index in scored[:CLOSE_WORDS]]
