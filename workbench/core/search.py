"""Fuzzy search over claim texts (rapidfuzz), for the review app's '/' search."""

from __future__ import annotations

import bisect
import functools
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
# Words of the index a typed beginning stands for at most (the most common
# ones when more begin so): the index is asked for them by name.
EXPANSIONS = 200


@attrs.frozen
class Vocabulary:
    """The words of the paragraph index, in order, and how many paragraphs hold each."""

    terms: list[str]
    paragraphs: list[int]

    @classmethod
    def of(cls, counted: Sequence[tuple[str, int]]) -> Vocabulary:
        ordered = sorted(counted)
        return cls([term for term, _n in ordered], [n for _term, n in ordered])

    def beginning_with(self, prefix: str, most: int = EXPANSIONS) -> list[str]:
        """The words that begin with ``prefix``: the ``most`` commonest if there are more."""
        low = bisect.bisect_left(self.terms, prefix)
        high = bisect.bisect_left(self.terms, prefix + "\U0010ffff", low)
        if high - low <= most:
            return self.terms[low:high]
        commonest = sorted(range(low, high), key=lambda i: -self.paragraphs[i])[:most]
        return [self.terms[i] for i in sorted(commonest)]

    @functools.cached_property
    def by_length(self) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for term in self.terms:
            found.setdefault(len(term), []).append(term)
        return found


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

    def claim_word_counts(self) -> list[tuple[str, int]]: ...


@attrs.define
class Searcher:
    """The '/' search over a store: the word index narrows, fuzzy scoring ranks.

    A keystroke no longer scores every claim. The claims in paragraphs that
    hold every query word as the beginning of one of their words (the FTS5
    paragraph index) are the candidates; when they are fewer than asked for, as a typo makes them, the
    index's words close to each query word ("colwik" -> "colwick", "ounc" ->
    "council") find more. Only candidates, at most ``CANDIDATES`` of each
    kind, are fuzzy-scored by ``fuzzy_find``.

    The index's words (``Vocabulary``) are read once and kept while the
    searcher lives, or handed in (``words``) when read elsewhere. With them a
    typed beginning is asked for as the words it begins ("cou" -> council OR
    country ...), which the index answers lazily, stopping at ``CANDIDATES``;
    asked as a prefix it gathers every paragraph of every such word first
    (30-70 ms for a common one at a million claims, under 2 ms by name).
    ``lazy_words``: never read them during a search; until they are handed in,
    beginnings are asked as prefixes and typos find nothing more.
    """

    _store: ClaimSearch
    words: Vocabulary | None = None
    lazy_words: bool = False

    def find(self, query: str, where: ClaimFilter, *, limit: int = 200) -> list[int]:
        """The ids of the filter's claims that best match ``query``, best first."""
        words = [w for w in utils.default_process(query).split() if w][:MAX_WORDS]
        if not words:
            return []
        # A word of one or two letters begins too many words to ask the index
        # for (slow at a million claims); scoring checks it in the candidates.
        asked = [w for w in words if len(w) > 2]
        vocabulary = self.words
        if vocabulary is not None:
            groups = [vocabulary.beginning_with(w) for w in asked]
            found = dict(
                self._store.claim_search_candidates(groups, where, prefix=False, limit=CANDIDATES)
            )
        else:
            found = dict(
                self._store.claim_search_candidates(
                    [[w] for w in asked], where, prefix=True, limit=CANDIDATES
                )
            )
        ranked = self._rank(query, found, limit)
        if len(ranked) < limit and (self.words is not None or not self.lazy_words):
            close = [self._close_words(w) for w in asked]
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

    def read_words(self, store: ClaimSearch | None = None) -> Vocabulary:
        """Read the index's words (from ``store``, or the searcher's) and keep them."""
        self.words = Vocabulary.of((store or self._store).claim_word_counts())
        return self.words

    @staticmethod
    def _rank(query: str, found: dict[int, str], limit: int) -> list[int]:
        ids = sorted(found)
        return [i for i, _score in fuzzy_find(query, [found[i] for i in ids], ids, limit=limit)]

    def _close_words(self, word: str) -> list[str]:
        """The index's words that ``word`` may be a mistyped or partial form of."""
        vocabulary = self.words if self.words is not None else self.read_words()
        by_length = vocabulary.by_length
        # A word at least as long may hold it (partial); a shorter one may be it misspelt.
        longer = [t for n, terms in by_length.items() if n >= len(word) for t in terms]
        shorter = [
            t for n, terms in by_length.items() if len(word) - 2 <= n < len(word) for t in terms
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
