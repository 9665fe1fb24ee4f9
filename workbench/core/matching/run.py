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
import time
from collections import Counter, defaultdict
from collections.abc import Callable

import attrs

from workbench.core.matching.copies import find_copies
from workbench.core.matching.features import Facts, Features, features
from workbench.core.matching.flags import Link, refresh_flags
from workbench.core.matching.groups import blocks, cluster
from workbench.core.matching.pairs import LinkKind, PairRelation, compare
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


def _candidates(
    new: dict[int, Features],
    existing: dict[str, list[int]],
    common: set[str],
    usable_of: Callable[[list[int]], dict[int, int]],
) -> tuple[set[tuple[int, int]], set[str]]:
    """Pairs to compare, and the keys that are now too common to block on.

    A pair shares two keys, or one when either claim has only one key to
    block on. Both claims are asked, so a pair is found whichever of the two
    came first (``usable_of`` counts the keys of stored claims).
    """
    local: defaultdict[str, list[int]] = defaultdict(list)
    for claim_id, feature in new.items():
        for key in feature.keys():  # noqa: SIM118 (Features.keys is ours, not a dict's)
            local[key].append(claim_id)
    common = common | {
        key for key, added in local.items() if len(existing.get(key, ())) + len(added) > MAX_BLOCK
    }
    pairs: set[tuple[int, int]] = set()
    usable = {
        claim_id: sum(1 for key in feature.keys() if key not in common)  # noqa: SIM118
        for claim_id, feature in new.items()
    }
    once: list[tuple[int, int]] = []  # one shared key: enough if the other has one only
    for claim_id, feature in new.items():
        shared: Counter[int] = Counter()
        for key in feature.keys():  # noqa: SIM118
            if key not in common:  # too common a key blocks nothing
                shared.update(existing.get(key, ()))
                shared.update(local[key])
        # Two shared keys, or one when the claim has only one distinctive key.
        need = min(MIN_SHARED_KEYS, usable[claim_id])
        for other, count in shared.items():
            if other == claim_id:
                continue
            if count >= need:
                pairs.add((min(claim_id, other), max(claim_id, other)))
            elif other not in new:
                once.append((claim_id, other))
    if once:
        stored = usable_of(sorted({other for _claim, other in once}))
        for claim_id, other in once:
            if stored.get(other, 0) <= 1:
                pairs.add((min(claim_id, other), max(claim_id, other)))
    return pairs, common


# Tries at comparing outside the write transaction before comparing inside it.
ATTEMPTS = 3


@attrs.frozen
class _Plan:
    """What comparing found, before anything is written."""

    new: dict[int, Features]  # the claims matched in this run
    keys: dict[int, set[str]]  # their blocking keys
    common: set[str]  # keys now too common to block on
    compared: int  # pairs compared
    links: list[Link]
    known: dict[int, Features]  # features of every claim read so far
    relations: dict[tuple[int, int], PairRelation]  # what each linked pair is
    memo: dict[tuple[Facts, Facts], PairRelation]  # relations by pair of texts (compare's memo)


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
                    groups=len(store.group_summaries()),
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
                groups = len(store.group_summaries())
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
    todo = store.claims_to_match(None if rebuild else store.unmatched_claim_ids())
    new = {c.id: features(c) for c in todo if c.id is not None}
    keys = {claim_id: f.keys() for claim_id, f in new.items()}
    if rebuild:  # the stored keys are about to be cleared
        existing: dict[str, list[int]] = {}
        stored_common: set[str] = set()
    else:
        existing, stored_common = store.postings({k for ks in keys.values() for k in ks})
    pairs, common = _candidates(new, existing, stored_common, store.key_counts)
    known = dict(new)
    _load(store, known, {i for pair in pairs for i in pair})
    links = []
    relations = {}
    memo: dict[tuple[Facts, Facts], PairRelation] = {}
    for a, b in sorted(pairs):
        if a in known and b in known:
            relation = compare(known[a], known[b], memo)
            if relation.kind is not LinkKind.NONE:
                links.append((a, b, relation.kind.value, relation.score, relation.detail))
                relations[(a, b)] = relation
    return _Plan(new, keys, common, len(pairs), links, known, relations, memo)


def _store_plan(store: Store, plan: _Plan, *, rebuild: bool) -> tuple[int, int]:
    """Store the links, groups, flags and copies of a plan; return (flags, copies)."""
    if rebuild:
        store.clear_matching()
    store.save_links(plan.keys, plan.links, plan.common)
    known = dict(plan.known)
    if rebuild:
        ids = list(plan.new)
        same = [(a, b, score) for a, b, kind, score, _d in plan.links if kind == LinkKind.SAME]
        before: set[int] = set()
    else:
        ids, same = _connected(store, list(plan.new), known)
        before = {g for g in store.group_of(ids).values() if g is not None}
    groups = _group(ids, same, known, plan.relations, plan.memo)
    store.set_groups(groups)
    members: defaultdict[int, list[Features]] = defaultdict(list)
    for claim_id, group_id in groups.items():
        members[group_id].append(known[claim_id])
    conflicts = (
        [link for link in plan.links if link[2] == LinkKind.CONFLICT]
        if rebuild
        else store.links_of(list(groups), kind=LinkKind.CONFLICT.value)
    )
    _load(store, known, {x for a, b, *_rest in conflicts for x in (a, b)})
    flags = refresh_flags(store, members, groups, conflicts, known, before)
    copies = find_copies(store, known, groups if rebuild else None)
    return flags, len(copies)


def _load(store: Store, known: dict[int, Features], wanted: set[int]) -> None:
    """Add the features of the wanted claims that are not known yet (stale ones stay out)."""
    missing = [i for i in wanted if i not in known]
    if missing:
        known.update(
            {c.id: features(c) for c in store.claims_to_match(missing) if c.id is not None}
        )


def _connected(
    store: Store, new_ids: list[int], known: dict[int, Features]
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
        _load(store, known, set(fresh))
        frontier = [x for x in fresh if x in known]
    ids = sorted(x for x in seen if x in known)
    live = set(ids)
    return ids, sorted({e for e in edges if e[0] in live and e[1] in live})


def _group(
    ids: list[int],
    same: list[tuple[int, int, float]],
    known: dict[int, Features],
    relations: dict[tuple[int, int], PairRelation],
    memo: dict[tuple[Facts, Facts], PairRelation],
) -> dict[int, int]:
    """claim id -> group id: complete linkage within each block of same-fact links."""

    def agree(a: int, b: int) -> bool:
        relation = relations.get((a, b))
        if relation is None:  # not a candidate pair: ask as its link would have
            relation = compare(known[a], known[b], memo)
        return relation.compatible

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
