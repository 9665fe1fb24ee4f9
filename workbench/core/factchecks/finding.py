"""Find the published fact-checks that match a text, or every claim of the store.

For one text (``search``): noise out, words stemmed; the fact-checks holding
its rarest words come from the FTS5 index, best BM25 first, and are reranked
by the model of :mod:`~workbench.core.factchecks.rerank` (words, character
4-grams, how much of the fact-check's claim the text holds, pictures, dates),
lowered where facts disagree (:func:`~workbench.core.factchecks.scoring.final`).

For the claims of the store (``find_checked_before``, run at ingest and after
fact-checks are imported): a batch of claims at a time, a claim is compared
with the fact-checks that share at least two of its rare words (read from the
same index's postings, in one query for the batch). Most claims share no two
rare words with any fact-check, and so cost a dictionary look-up or two; of the
pairs that do, only those where the claim holds enough of the fact-check's
claim (``covered_min``) go on, and the claim is then scored exactly as
``search`` scores it. A match is stored, and shown as "checked before", from
the model's threshold and share, limits chosen on our own texts (restatements
of fact-checks and near misses, see bench/train_factchecks.py) so that a match
shown states the same claim; never where the facts conflict (other numbers or
years, a negation on one side only, other names).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable

import attrs

from workbench.core.factchecks.rerank import (
    Model,
    Post,
    Sides,
    char_similarities,
    features,
    grams,
    model,
)
from workbench.core.factchecks.scoring import (
    Facts,
    Query,
    Weights,
    agreement,
    conflicting,
    final,
    words_score,
)
from workbench.core.factchecks.text import clean, terms, without_credit
from workbench.core.published import CheckedBefore, FactCheck
from workbench.core.store import Store
from workbench.core.store.factchecks import IndexedFactCheck

CANDIDATES = 50  # fact-checks the index hands over for reranking
QUERY_TERMS = 16  # the rarest words of a text that the index is searched with ...
POSTINGS = 5_000  # ... while the fact-checks holding them add up to no more than this
COMMON = 0.05  # words in more than this share of fact-checks are not searched on ...
COMMON_MIN = 50  # ... when that share is more than this many fact-checks
KEEP = 5  # matches stored per claim, at most
FACTS_READ = 15  # candidates whose facts are read, best by the model first
RARE_SHARE = 0.0005  # a rare word is in at most this share of the fact-checks ...
RARE_MIN = 20  # ... or in at most this many
SHARED_RARE = 2  # rare words a claim and a fact-check share before they are compared
BATCH = 2000  # claims compared per transaction


class FactCheckIndex:
    """The fact-check index as matching reads it, with word frequencies cached."""

    def __init__(self, store: Store, reranker: Model | None = None) -> None:
        self.store = store
        total, average = store.factcheck_stats()
        self._frequencies: dict[str, int] = {}
        self.weights = Weights(total, average, self._frequencies)
        self._looked_up: set[str] = set()
        self._facts: dict[int, Facts] = {}
        self._sides: dict[int, Sides] = {}
        self._claim_weights: dict[int, tuple[frozenset[str], float]] = {}
        self.model = reranker or model()

    def sides(self, candidate: IndexedFactCheck) -> Sides:
        """A fact-check's 4-grams, whether it is about a picture, the years it names."""
        fc_id = candidate.factcheck.id or 0
        found = self._sides.get(fc_id)
        if found is None:
            fc = candidate.factcheck
            found = self._sides[fc_id] = Sides.of(fc.claim, fc.title)
        return found

    @property
    def threshold(self) -> float:
        """The score from which a claim's match is stored and shown as "checked before"."""
        return self.model.threshold

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

    def query(self, text: str) -> tuple[Query, Facts, str]:
        """The words of ``text``, its facts, and the text cleaned."""
        cleaned = clean(text, self.known)
        facts = Facts.of(clean(without_credit(text))) if "(@" in text else Facts.of(cleaned)
        return Query(tuple(terms(cleaned))), facts, cleaned

    def covered(self, query: Query, candidates: Iterable[IndexedFactCheck]) -> list[float]:
        """How much of each fact-check's claim the text holds: the weight (idf) of its
        claim's words the text has, as a share of all their weight."""
        listed = list(candidates)
        known = self._claim_weights
        new = [c for c in listed if (c.factcheck.id or 0) not in known]
        if new:
            self.frequencies(w for c in new for w in c.claim_terms)
            for c in new:
                distinct = frozenset(c.claim_terms)
                known[c.factcheck.id or 0] = (distinct, sum(map(self.weights.idf, distinct)))
        idf, words = self.weights.idf, query.words
        found = []
        for candidate in listed:
            distinct, total = known[candidate.factcheck.id or 0]
            found.append(sum(map(idf, distinct & words)) / total if total else 0.0)
        return found

    def rank(
        self,
        query: Query,
        cleaned: str,
        ours: Facts,
        post: Post,
        candidates: dict[int, IndexedFactCheck],
        by_words: dict[int, float],
        keep: int,
    ) -> list[tuple[float, int]]:
        """(score, id) of the candidates, best first: the model's probability that the
        text and each states the same claim, lowered where their facts disagree."""
        ids = list(by_words)
        sides = [self.sides(candidates[fc_id]) for fc_id in ids]
        chars = char_similarities(
            grams(cleaned), [s.grams for s in sides], [s.repeats for s in sides]
        )
        model = self.model
        # How much of each claim the text holds needs the rarity of all its words:
        # it is read for the best without it only (it weighs little beside the rest).
        first = sorted(
            (
                (model.probability(features(by_words[fc_id], similar, 0.0, post, side)), at)
                for at, (fc_id, similar, side) in enumerate(zip(ids, chars, sides, strict=True))
            ),
            key=lambda pair: -pair[0],
        )[: max(FACTS_READ, keep)]
        best = [at for _value, at in first]
        covered = self.covered(query, (candidates[ids[at]] for at in best))
        scored = [
            (
                model.probability(features(by_words[ids[at]], chars[at], share, post, sides[at])),
                ids[at],
            )
            for at, share in zip(best, covered, strict=True)
        ]
        # Facts only lower a score: those of the best are read, not all 50.
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        ranked = [
            (final(value, ours, self.facts(candidates[fc_id])), fc_id) for value, fc_id in scored
        ]
        ranked.sort(key=lambda pair: (-pair[0], pair[1]))
        return ranked


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
    return [
        CheckedBefore(candidate.factcheck, value)
        for value, candidate, _share in _ranked(store, text, index, {}, limit)[:limit]
        if value > 0 and value >= min_score
    ]


def _ranked(
    store: Store,
    text: str,
    index: FactCheckIndex,
    extra: dict[int, IndexedFactCheck],
    keep: int = KEEP,
) -> list[tuple[float, IndexedFactCheck, float]]:
    """(score, fact-check, share of its claim the text holds) of the candidates the
    index finds for ``text`` and of ``extra`` ones, best first."""
    found = _candidates(store, text, index)
    if found is None:
        if not extra:
            return []
        query, ours, cleaned = index.query(text)
        found = (query, cleaned, ours, Post.of(text), {}, {})
    query, cleaned, ours, post, candidates, by_words = found
    for fc_id, candidate in extra.items():
        if fc_id not in candidates:
            candidates[fc_id] = candidate
            by_words[fc_id] = words_score(query, candidate, index.weights)
    ranked = index.rank(query, cleaned, ours, post, candidates, by_words, keep)
    shares = index.covered(query, (candidates[fc_id] for _v, fc_id in ranked))
    return [
        (value, candidates[fc_id], share)
        for (value, fc_id), share in zip(ranked, shares, strict=True)
    ]


Candidates = tuple[Query, str, Facts, Post, dict[int, IndexedFactCheck], dict[int, float]]


def _candidates(store: Store, text: str, index: FactCheckIndex) -> Candidates | None:
    """``text`` cleaned, its facts and what it says of itself; the fact-checks the index
    finds for its rarest words, and their word scores."""
    query, ours, cleaned = index.query(text)
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
        return None
    candidates = store.indexed_factchecks(store.search_factchecks(searched, CANDIDATES))
    by_words = {
        fc_id: words_score(query, candidate, index.weights)
        for fc_id, candidate in candidates.items()
    }
    return query, cleaned, ours, Post.of(text), candidates, by_words


def candidate_features(
    store: Store, text: str, index: FactCheckIndex
) -> list[tuple[FactCheck, tuple[float, ...], float, bool]]:
    """For fitting the model: each candidate of ``text`` with its features, the factor
    by which its facts lower its score, and whether they conflict (never stored)."""
    found = _candidates(store, text, index)
    if found is None:
        return []
    query, cleaned, ours, post, candidates, by_words = found
    ids = sorted(by_words)
    sides = [index.sides(candidates[fc_id]) for fc_id in ids]
    chars = char_similarities(grams(cleaned), [s.grams for s in sides], [s.repeats for s in sides])
    covered = index.covered(query, (candidates[fc_id] for fc_id in ids))
    return [
        (
            candidates[fc_id].factcheck,
            features(by_words[fc_id], similar, share, post, side),
            agreement(ours, index.facts(candidates[fc_id])),
            conflicting(ours, index.facts(candidates[fc_id])),
        )
        for fc_id, similar, share, side in zip(ids, chars, covered, sides, strict=True)
    ]


def checked_before_pending(store: Store) -> bool:
    """Whether :func:`find_checked_before` has work: fact-checks or claims not compared
    yet, or matches found by reranking weights other than those shipped now."""
    return store.factchecks_pending(model().identity)


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
    if store.factcheck_model_changed(index.model.identity):
        store.restart_factcheck_matching(index.model.identity)
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
    near_ones = store.indexed_factchecks({fc_id for near in pairs.values() for fc_id in near})
    found: list[tuple[int, int, float]] = []
    scored = 0
    threshold, enough = index.threshold, index.model.covered_min
    # A match is stored only if the claim holds enough of the fact-check's claim: most
    # pairs are done at once, on that share alone.
    strong: dict[int, list[int]] = {}  # first claim of a text -> fact-checks to rank
    for text, near in pairs.items():
        scored += len(near)
        shares = index.covered(queries[text], (near_ones[fc_id] for fc_id in near))
        kept = [fc_id for fc_id, share in zip(near, shares, strict=True) if share >= enough]
        if kept:
            strong[texts[text][0]] = kept
    claims = {claim.id: claim for claim in store.claims_to_match(list(strong))}
    for first, kept in strong.items():
        claim = claims.get(first)
        if claim is None:
            continue
        ours = Facts.of(clean(claim.text), claim.numbers)
        kept = [f for f in kept if not conflicting(ours, index.facts(near_ones[f]))]
        if not kept:
            continue  # other numbers or years: not the same claim
        # Scored as ``search`` scores it: among the candidates the index finds for it.
        ranked = _ranked(store, claim.text, index, {fc_id: near_ones[fc_id] for fc_id in kept})
        shown = [
            (value, candidate.factcheck.id or 0)
            for value, candidate, share in ranked
            if value >= threshold
            and share >= enough
            and (wanted is None or candidate.factcheck.id in wanted)
            and not conflicting(ours, index.facts(candidate))
        ]
        for claim_id in texts[claim.text]:
            found.extend((claim_id, fc_id, value) for value, fc_id in shown[:KEEP])
    return found, scored
