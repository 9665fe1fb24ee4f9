"""A matching run: compare new claims, then write links, groups, flags and copies at once.

:func:`match` compares only new claims (those without a group) with what is
stored, through blocking keys: two claims are compared when they share at
least two keys (numbers, names, long words), never all pairs. Each pair gets
a link (:mod:`.pairs`): the same fact, a conflict, or a related fact. Groups
are built from same-fact links without chaining (:mod:`.groups`); each
claim's group id is the smallest claim id in its group.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator

import attrs
import numpy
from rapidfuzz import fuzz, process

from workbench.core.matching.copies import find_copies
from workbench.core.matching.features import Facts, FactsReader, Features
from workbench.core.matching.flags import refresh_flags
from workbench.core.matching.groups import blocks, cluster
from workbench.core.matching.linkset import LinkSet
from workbench.core.matching.pairs import NONE, RELATED, LinkKind, PairRelation, compare, judge
from workbench.core.store import Store
from workbench.core.store.matching import MAX_BLOCK

MIN_SHARED_KEYS = 2


@attrs.frozen
class MatchReport:
    claims: int  # claims matched in this run
    compared: int  # pairs compared
    links: int  # same-fact and conflict links found
    groups: int  # groups of more than one claim, in the whole database
    flags: int
    copies: int
    seconds: float


# The new claims of one sentence (copies share its Facts): (claim id, document id).
Copies = list[tuple[int, int]]


@attrs.frozen
class _Candidates:
    """What to compare, by sentence: news repeats sentences, and copies compare alike."""

    sentences: list[Facts]  # the distinct sentences of the new claims, first seen first
    copies: list[Copies]  # the new claims of each sentence, by id
    pairs: list[tuple[int, int]]  # sentences (i <= j) whose claims are compared
    stored: dict[int, list[int]]  # sentence -> stored claims its claims are compared with
    common: set[str]  # keys now too common to block on


def _candidates(
    new: dict[int, Features],
    existing: dict[str, list[int]],
    common: set[str],
    usable_of: Callable[[list[int]], dict[int, int]],
) -> _Candidates:
    """Pairs to compare, and the keys that are now too common to block on.

    A pair shares two keys, or one when either claim has only one key to
    block on. Both claims are asked, so a pair is found whichever of the two
    came first (``usable_of`` counts the keys of stored claims). Claims are
    taken a sentence at a time: copies of a sentence have the same keys.
    """
    index: dict[Facts, int] = {}
    copies: list[Copies] = []
    for feature in new.values():
        at = index.setdefault(feature.facts, len(index))
        if at == len(copies):
            copies.append([])
        copies[at].append((feature.claim_id, feature.document_id))
    sentences = list(index)
    local: defaultdict[str, list[int]] = defaultdict(list)  # key -> sentences
    size: Counter[str] = Counter()  # key -> new claims
    for at, facts in enumerate(sentences):
        for key in facts.key_set:
            local[key].append(at)
            size[key] += len(copies[at])
    common = common | {
        key for key, added in size.items() if len(existing.get(key, ())) + added > MAX_BLOCK
    }
    pairs: list[tuple[int, int]] = []
    stored: defaultdict[int, list[int]] = defaultdict(list)
    once: list[tuple[int, int]] = []  # one shared key: enough if the other has one only
    usable = [sum(1 for key in facts.key_set if key not in common) for facts in sentences]
    for at, facts in enumerate(sentences):
        shared: Counter[int] = Counter()
        shared_stored: Counter[int] = Counter()
        for key in facts.key_set:
            if key not in common:  # too common a key blocks nothing
                shared_stored.update(existing.get(key, ()))
                shared.update(local[key])
        # Two shared keys, or one when the claim has only one distinctive key.
        need = min(MIN_SHARED_KEYS, usable[at])
        for other, count in shared.items():
            # copies share every key; each pair of sentences is taken once, by its
            # first sentence, if either of the two asks for it
            if other == at or (
                other > at and (count >= need or count >= min(MIN_SHARED_KEYS, usable[other]))
            ):
                pairs.append((at, other))
        for other, count in shared_stored.items():
            if other in new:  # (stored keys of a claim being matched again: not counted)
                continue
            if count >= need:
                stored[at].append(other)
            else:
                once.append((at, other))
    if once:
        counts = usable_of(sorted({other for _at, other in once}))
        for at, other in once:
            if counts.get(other, 0) <= 1:
                stored[at].append(other)
    return _Candidates(sentences, copies, sorted(pairs), dict(stored), common)


# Tries at comparing outside the write transaction before comparing inside it.
ATTEMPTS = 3


@attrs.frozen
class _Plan:
    """What comparing found, before anything is written."""

    new: list[int]  # the claims matched in this run
    common: set[str]  # keys now too common to block on
    compared: int  # pairs compared
    links: LinkSet
    known: dict[int, Features]  # features of every claim read so far
    memo: dict[tuple[Facts, Facts], PairRelation]  # relations by pair of texts (compare's memo)
    reader: FactsReader


def match(store: Store, *, rebuild: bool = False) -> MatchReport:
    """Match the claims not matched yet (or every claim, with ``rebuild``).

    The matching is written in one transaction, so a run that is interrupted
    leaves it as it was: claims not matched yet stay pending (see
    ``Store.matching_pending``) and the next run takes them up. A run with
    nothing pending writes nothing.

    Claims are compared first, outside the write transaction, so other writers
    (a reviewer marking claims) wait only for the writing. If the claims or the
    matching changed meanwhile (an ingest or another match committed), the
    comparison is done again; the last attempt compares inside the transaction.
    """
    with _collector_paused():
        return _match(store, rebuild=rebuild)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold Python's cycle collector while matching runs.

    A run makes millions of small objects and no cycles; the collector would
    walk them all again and again (a fifth of a rebuild's time at 50,000
    claims). It runs again, as it was, once matching is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _match(store: Store, *, rebuild: bool) -> MatchReport:
    started = time.perf_counter()
    if not store.passages_indexed():  # a database from before passages were indexed
        store.reindex_passages()
    # Matching stored under older rules is redone as a whole, once.
    rebuild = rebuild or store.matching_outdated()
    for attempt in range(ATTEMPTS):
        hold = attempt == ATTEMPTS - 1
        with store.transaction() if hold else contextlib.nullcontext():
            seen = store.matching_changes()
            if not rebuild and not store.matching_pending():  # (another match did it)
                return MatchReport(
                    claims=0,
                    compared=0,
                    links=0,
                    groups=store.group_count(),
                    flags=0,
                    copies=len(store.copies()),
                    seconds=time.perf_counter() - started,
                )
            plan = _compare(store, rebuild=rebuild)
            with store.transaction():
                if store.matching_changes() != seen:
                    continue  # out of date: nothing is written, compare again
                flags, copies = _store_plan(store, plan, rebuild=rebuild)
                store.finish_matching()
                groups = store.group_count()
        return MatchReport(
            claims=len(plan.new),
            compared=plan.compared,
            links=len(plan.links),
            groups=groups,
            flags=flags,
            copies=copies,
            seconds=time.perf_counter() - started,
        )
    raise AssertionError("the last attempt holds the write lock, so it cannot be out of date")


def _compare(store: Store, *, rebuild: bool) -> _Plan:
    """Find the links of the claims to match (all of them with ``rebuild``); write nothing."""
    reader = FactsReader()
    if rebuild:
        new = reader.features(row for rows in store.iter_match_rows() for row in rows)
    else:
        new = reader.features(store.match_rows(store.unmatched_claim_ids()))
    if rebuild:  # the stored keys are about to be cleared
        existing: dict[str, list[int]] = {}
        stored_common: set[str] = set()
    else:
        existing, stored_common = store.postings({k for f in new.values() for k in f.facts.key_set})
    found = _candidates(new, existing, stored_common, store.key_counts)
    new_ids = list(new)
    known = new  # and the stored claims compared with them
    _load(store, reader, known, {x for others in found.stored.values() for x in others})
    memo: dict[tuple[Facts, Facts], PairRelation] = {}
    _relate(_wanted(found, known), memo)
    compared, links = _links(found, known, memo)
    return _Plan(new_ids, found.common, compared, links, known, memo, reader)


def _wanted(found: _Candidates, known: dict[int, Features]) -> list[tuple[Facts, Facts]]:
    """The pairs of sentences to relate, in the order their claims' ids give them:
    one pair for each way round that two claims of different documents take."""
    wanted: dict[tuple[Facts, Facts], None] = {}
    sentences, copies = found.sentences, found.copies
    for i, j in found.pairs:
        one, two = sentences[i], sentences[j]
        if i == j:
            documents = {doc for _claim, doc in copies[i]}
            if len(documents) > 1:
                wanted[(one, one)] = None
            continue
        forward, backward = (one, two), (two, one)
        for a, doc_a in copies[i]:
            for b, doc_b in copies[j]:
                if doc_a != doc_b:
                    wanted[forward if a < b else backward] = None
            if forward in wanted and backward in wanted:
                break
    for i, others in found.stored.items():
        one = sentences[i]
        for other in others:
            theirs = known.get(other)
            if theirs is None:  # stale: not compared
                continue
            for a, doc_a in copies[i]:
                if doc_a != theirs.document_id:
                    wanted[(theirs.facts, one) if other < a else (one, theirs.facts)] = None
    return list(wanted)


# Scoring a batch of pairs on both cores pays only when it is large.
PARALLEL = 20_000


def _relate(
    wanted: list[tuple[Facts, Facts]], memo: dict[tuple[Facts, Facts], PairRelation]
) -> None:
    """The relation of each pair of sentences, into ``memo``: the wording of all of
    them scored in one call (rapidfuzz, in C), the facts of those alike compared."""
    todo = [pair for pair in wanted if pair not in memo]
    if not todo:
        return
    scores = process.cpdist(
        [a.gist_joined for a, _b in todo],
        [b.gist_joined for _a, b in todo],
        scorer=fuzz.token_set_ratio,
        score_cutoff=RELATED,
        dtype=numpy.float64,
        workers=2 if len(todo) >= PARALLEL else 1,
    )
    for (a, b), score in zip(todo, scores.tolist(), strict=True):
        memo[(a, b)] = judge(a, b, score)


def _links(
    found: _Candidates, known: dict[int, Features], memo: dict[tuple[Facts, Facts], PairRelation]
) -> tuple[int, LinkSet]:
    """How many claim pairs were compared, and the links among them."""
    sentences, copies = found.sentences, found.copies
    compared = 0
    links = LinkSet()
    add = links.add
    for i, j in found.pairs:
        one, two = sentences[i], sentences[j]
        if i == j:
            claims = copies[i]
            compared += len(claims) * (len(claims) - 1) // 2
            same = links.relation(memo.get((one, one), NONE))
            if same >= 0:
                for x, (a, doc_a) in enumerate(claims):
                    for b, doc_b in claims[x + 1 :]:
                        if doc_b != doc_a:
                            add(a, b, same)
            continue
        compared += len(copies[i]) * len(copies[j])
        forward = links.relation(memo.get((one, two), NONE))
        backward = links.relation(memo.get((two, one), NONE))
        if forward < 0 and backward < 0:
            continue
        for a, doc_a in copies[i]:
            for b, doc_b in copies[j]:
                if doc_a != doc_b:
                    if a < b:
                        if forward >= 0:
                            add(a, b, forward)
                    elif backward >= 0:
                        add(b, a, backward)
    for i, others in found.stored.items():
        one = sentences[i]
        compared += len(copies[i]) * len(others)
        for other in others:
            theirs = known.get(other)
            if theirs is None:
                continue
            for a, doc_a in copies[i]:
                if doc_a != theirs.document_id:
                    low, high = (other, a) if other < a else (a, other)
                    relation = links.relation(memo[(known[low].facts, known[high].facts)])
                    if relation >= 0:
                        add(low, high, relation)
    return compared, links


def _store_plan(store: Store, plan: _Plan, *, rebuild: bool) -> tuple[int, int]:
    """Store the links, groups, flags and copies of a plan; return (flags, copies)."""
    if rebuild:
        store.clear_matching()
    known = plan.known
    store.save_links({i: known[i].facts.key_set for i in plan.new}, plan.links, plan.common)
    if rebuild:
        ids = plan.new
        same = [(a, b, score) for a, b, _kind, score, _d in plan.links.of_kind(LinkKind.SAME)]
        before: set[int] = set()
    else:
        ids, same = _connected(store, plan.reader, plan.new, known)
        before = {g for g in store.group_of(ids).values() if g is not None}
    groups = _group(ids, same, known, plan.memo)
    store.set_groups(groups)
    members: defaultdict[int, list[Features]] = defaultdict(list)
    for claim_id, group_id in groups.items():
        members[group_id].append(known[claim_id])
    conflicts = (
        plan.links.of_kind(LinkKind.CONFLICT)
        if rebuild
        else store.links_of(list(groups), kind=LinkKind.CONFLICT.value)
    )
    _load(store, plan.reader, known, {x for a, b, *_rest in conflicts for x in (a, b)})
    flags = refresh_flags(store, members, groups, conflicts, known, before)
    copies = find_copies(store, known, groups if rebuild else None)
    return flags, len(copies)


def _load(store: Store, reader: FactsReader, known: dict[int, Features], wanted: set[int]) -> None:
    """Add the features of the wanted claims that are not known yet (stale ones stay out)."""
    missing = [i for i in wanted if i not in known]
    if missing:
        known.update(reader.features(store.match_rows(missing)))


def _connected(
    store: Store, reader: FactsReader, new_ids: list[int], known: dict[int, Features]
) -> tuple[list[int], list[tuple[int, int, float]]]:
    """The claims in the blocks of the new claims (through stored same-fact links), and
    those links. Stale claims are left out, as a rebuild leaves them out."""
    seen: set[int] = set(new_ids)
    frontier = [i for i in new_ids if i in known]
    edges: list[tuple[int, int, float]] = []
    while frontier:
        fresh = []
        for a, b, _kind, score, _detail in store.links_of(frontier, kind=LinkKind.SAME.value):
            edges.append((a, b, score))
            for x in (a, b):
                if x not in seen:
                    seen.add(x)
                    fresh.append(x)
        _load(store, reader, known, set(fresh))
        frontier = [x for x in fresh if x in known]
    ids = sorted(x for x in seen if x in known)
    live = set(ids)
    return ids, sorted({e for e in edges if e[0] in live and e[1] in live})


def _group(
    ids: list[int],
    same: list[tuple[int, int, float]],
    known: dict[int, Features],
    memo: dict[tuple[Facts, Facts], PairRelation],
) -> dict[int, int]:
    """claim id -> group id: complete linkage within each block of same-fact links."""

    def agree(a: int, b: int) -> bool:
        # as the pair's link says (or would say: not every pair was a candidate)
        return compare(known[a], known[b], memo).compatible

    block_of = blocks(ids, [(a, b) for a, b, _score in same])
    by_block: defaultdict[int, list[int]] = defaultdict(list)
    for claim_id, block in block_of.items():
        by_block[block].append(claim_id)
    edges_of: defaultdict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for edge in same:
        edges_of[block_of[edge[0]]].append(edge)
    groups: dict[int, int] = {}
    for block, claim_ids in by_block.items():
        if len(claim_ids) == 1:
            groups[claim_ids[0]] = claim_ids[0]
        else:
            groups.update(cluster(claim_ids, edges_of[block], agree))
    return groups
