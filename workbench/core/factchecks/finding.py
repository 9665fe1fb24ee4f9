"""Find the published fact-checks that match a text, or every claim of the store.

For one text (``search``): noise out, words stemmed; the fact-checks holding
its rarest words come from the FTS5 index, best BM25 first, and are reranked
by :func:`~workbench.core.factchecks.scoring.score`.

For the claims of the store (``find_checked_before``, run at ingest and after
fact-checks are imported): a batch of claims at a time, a claim is compared
with the fact-checks that share at least two of its rare words (read from the
same index's postings, in one query for the batch), with the same score; the
matches worth showing are stored. Most claims share no two rare words with any
fact-check, and so cost a dictionary look-up or two.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable

import attrs

from workbench.core.factchecks.scoring import Facts, Query, Weights, final, words_score
from workbench.core.factchecks.text import clean, terms
from workbench.core.models import CheckedBefore
from workbench.core.store import Store
from workbench.core.store.factchecks import IndexedFactCheck

CANDIDATES = 50  # fact-checks the index hands over for reranking
QUERY_TERMS = 16  # the rarest words of a text that the index is searched with ...
POSTINGS = 5_000  # ... while the fact-checks holding them add up to no more than this
COMMON = 0.05  # words in more than this share of fact-checks are not searched on ...
COMMON_MIN = 50  # ... when that share is more than this many fact-checks
MATCH = 0.5  # a claim's match is stored (and shown as "checked before") from this score
KEEP = 5  # matches stored per claim, at most
FACTS_READ = 15  # candidates whose facts are read, best by their words first
RARE_SHARE = 0.0005  # a rare word is in at most this share of the fact-checks ...
RARE_MIN = 20  # ... or in at most this many
SHARED_RARE = 2  # rare words a claim and a fact-check share before they are compared
BATCH = 2000  # claims compared per transaction


class FactCheckIndex:
    """The fact-check index as matching reads it, with word frequencies cached."""

    def __init__(self, store: Store) -> None:
        self.store = store
        total, average = store.factcheck_stats()
        self._frequencies: dict[str, int] = {}
        self.weights = Weights(total, average, self._frequencies)
        self._looked_up: set[str] = set()
        self._facts: dict[int, Facts] = {}

    @property
    def total(self) -> int:
        return self.weights.total

    def frequencies(self, words: Iterable[str]) -> dict[str, int]:
        """word -> how many fact-checks hold it (0 for none), looked up once per word."""
        wanted = set(words)
        missing = wanted - self._looked_up
        if missing:
            self._frequencies.update(self.store.factcheck_frequencies(missing))
            self._looked_up |= missing
        return {w: self._frequencies.get(w, 0) for w in wanted}

    def facts(self, candidate: IndexedFactCheck) -> Facts:
        """A fact-check's numbers, years, negation and names, read once."""
        fc_id = candidate.factcheck.id or 0
        found = self._facts.get(fc_id)
        if found is None:
            found = self._facts[fc_id] = Facts.of(candidate.factcheck.claim)
        return found

    def known(self, words: Iterable[str]) -> set[str]:
        """The words some fact-check holds."""
        return {w for w, n in self.frequencies(words).items() if n}

    def query(self, text: str) -> tuple[Query, Facts]:
        cleaned = clean(text, self.known)
        return Query(tuple(terms(cleaned))), Facts.of(cleaned)


def search(
    store: Store,
    text: str,
    *,
    limit: int = 5,
    min_score: float = 0.0,
    index: FactCheckIndex | None = None,
) -> list[CheckedBefore]:
    """The fact-checks that best match ``text``, best first (at most ``limit``)."""
    index = index or FactCheckIndex(store)
    if not index.total or limit <= 0:
        return []
    query, ours = index.query(text)
    frequencies = index.frequencies(query.distinct)
    common = max(COMMON_MIN, int(COMMON * index.total))
    searched: list[str] = []
    postings = 0
    for word in sorted(
        (w for w in query.distinct if 0 < frequencies[w] <= common), key=lambda w: frequencies[w]
    ):
        postings += frequencies[word]
        if len(searched) >= QUERY_TERMS or (searched and postings > POSTINGS):
            break  # BM25 scores every fact-check the words find: rare words suffice
        searched.append(word)
    if not searched:
        return []
    candidates = store.indexed_factchecks(store.search_factchecks(searched, CANDIDATES))
    # Facts only lower a score: those of the best by their words are read, not all 50.
    by_words = sorted(
        (
            (words_score(query, candidate, index.weights), fc_id)
            for fc_id, candidate in candidates.items()
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )[: max(FACTS_READ, limit)]
    ranked = sorted(
        ((final(value, ours, index.facts(candidates[fc_id])), fc_id) for value, fc_id in by_words),
        key=lambda pair: (-pair[0], pair[1]),
    )
    return [
        CheckedBefore(candidates[fc_id].factcheck, value)
        for value, fc_id in ranked[:limit]
        if value > 0 and value >= min_score
    ]


@attrs.frozen
class FindReport:
    claims: int  # claims compared
    factchecks: int  # fact-checks they were compared with
    compared: int  # pairs scored
    matches: int  # matches stored
    seconds: float


def find_checked_before(store: Store) -> FindReport:
    """Compare the claims and fact-checks not compared yet; store the matches.

    First every claim against the fact-checks no claim has met (new or
    changed ones), then the claims that have not met every fact-check (new
    claims) against all of them. Each batch is its own transaction, and what
    is recorded as done is done, so an interrupted run resumes where it
    stopped. With no fact-checks it does nothing.
    """
    started = time.perf_counter()
    index = FactCheckIndex(store)
    if not index.total:
        return FindReport(0, 0, 0, 0, 0.0)
    compared = matches = claims = 0
    pending, others = store.unmatched_factchecks()
    if pending:
        wanted = set(pending)
        ids = store.matchable_claims()
        for start in range(0, len(ids), BATCH):
            found, pairs = _match_batch(store, index, ids[start : start + BATCH], wanted)
            store.save_factcheck_matches(found)
            compared += pairs
            matches += len(found)
        claims = len(ids)
        # Claims that had met every fact-check before still have; with no
        # fact-check matched before, every claim now has met them all.
        store.finish_factchecks(pending, all_claims_seen=not others)
    unseen = store.unseen_claims()
    for start in range(0, len(unseen), BATCH):
        batch = unseen[start : start + BATCH]
        found, pairs = _match_batch(store, index, batch, None)
        store.save_factcheck_matches(found, seen=batch)
        compared += pairs
        matches += len(found)
    claims = max(claims, len(unseen))
    return FindReport(
        claims,
        len(pending) if pending else index.total,
        compared,
        matches,
        time.perf_counter() - started,
    )


def _match_batch(
    store: Store, index: FactCheckIndex, claim_ids: list[int], wanted: set[int] | None
) -> tuple[list[tuple[int, int, float]], int]:
    """Matches of these claims among the fact-checks (``wanted`` ones, or all); pairs scored."""
    # Only words here: a claim's facts are read when it has fact-checks to meet.
    # The same sentence in several documents (wire copy) is compared once.
    texts: dict[str, list[int]] = {}
    for claim_id, text in store.claim_texts_of(claim_ids):
        texts.setdefault(text, []).append(claim_id)
    queries = {text: Query(tuple(terms(clean(text)))) for text in texts}
    frequencies = index.frequencies(w for q in queries.values() for w in q.distinct)
    rare_limit = max(RARE_MIN, int(RARE_SHARE * index.total))
    rare = {
        text: [w for w in query.distinct if 0 < frequencies[w] <= rare_limit]
        for text, query in queries.items()
    }
    postings = store.factcheck_postings({w for words in rare.values() for w in words})
    pairs: dict[str, list[int]] = {}
    for text, words in rare.items():
        if len(words) < SHARED_RARE:
            continue
        shared: Counter[int] = Counter()
        for word in words:
            shared.update(postings.get(word, ()))
        near = [
            fc_id
            for fc_id, count in shared.items()
            if count >= SHARED_RARE and (wanted is None or fc_id in wanted)
        ]
        if near:
            pairs[text] = near
    if not pairs:
        return [], 0
    candidates = store.indexed_factchecks({fc_id for near in pairs.values() for fc_id in near})
    found: list[tuple[int, int, float]] = []
    scored = 0
    strong: dict[int, list[tuple[float, int]]] = {}  # first claim of a text -> its pairs
    for text, near in pairs.items():
        query = queries[text]
        for fc_id in near:
            scored += 1
            value = words_score(query, candidates[fc_id], index.weights, floor=MATCH)
            if value >= MATCH:  # facts only lower a score: the others are done
                strong.setdefault(texts[text][0], []).append((value, fc_id))
    claims = {claim.id: claim for claim in store.claims_to_match(list(strong))}
    for first, by_words in strong.items():
        claim = claims.get(first)
        if claim is None:
            continue
        ours = Facts.of(clean(claim.text), claim.numbers)
        ranked = []
        for value, fc_id in by_words:
            value = final(value, ours, index.facts(candidates[fc_id]))
            if value >= MATCH:
                ranked.append((value, fc_id))
        ranked.sort(key=lambda pair: (-pair[0], pair[1]))
        for claim_id in texts[claim.text]:
            found.extend((claim_id, fc_id, value) for value, fc_id in ranked[:KEEP])
    return found, scored
