"""Match claims across sources: groups, quote drift, conflicting numbers, copies.

:func:`match` compares only new claims (those without a group) with what is
stored, through blocking keys: two claims are compared when they share at
least two keys (numbers, names, long words), never all pairs. Groups are the
connected claims; each claim's group id is the smallest claim id in it.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter, defaultdict
from typing import Any

import attrs
from rapidfuzz import fuzz

from workbench.core.matching.copies import find_copies
from workbench.core.matching.features import Features, features
from workbench.core.matching.pairs import compare
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
    new: dict[int, Features], existing: dict[str, list[int]], common: set[str]
) -> tuple[set[tuple[int, int]], set[str]]:
    """Pairs to compare, and the keys that are now too common to block on."""
    local: defaultdict[str, list[int]] = defaultdict(list)
    for claim_id, feature in new.items():
        for key in feature.keys():  # noqa: SIM118 (Features.keys is ours, not a dict's)
            local[key].append(claim_id)
    common = common | {
        key for key, added in local.items() if len(existing.get(key, ())) + len(added) > MAX_BLOCK
    }
    pairs: set[tuple[int, int]] = set()
    for claim_id, feature in new.items():
        shared: Counter[int] = Counter()
        usable = 0
        for key in feature.keys():  # noqa: SIM118
            if key not in common:  # too common a key blocks nothing
                stored, added = existing.get(key, ()), local[key]
                usable += 1
                shared.update(stored)
                shared.update(added)
        # Two shared keys, or one when the claim has only one distinctive key.
        need = min(MIN_SHARED_KEYS, usable)
        for other, count in shared.items():
            if other != claim_id and count >= need:
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
    links: list[tuple[int, int, str, float, str]]
    known: dict[int, Features]  # features of every claim read so far


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
    pairs, common = _candidates(new, existing, stored_common)
    known = dict(new)
    _load(store, known, {i for pair in pairs for i in pair})
    links = []
    for a, b in pairs:
        if a in known and b in known:
            verdict = compare(known[a], known[b])
            if verdict.kind != "none":
                links.append((a, b, verdict.kind, verdict.score, verdict.detail))
    return _Plan(new, keys, common, len(pairs), links, known)


def _store_plan(store: Store, plan: _Plan, *, rebuild: bool) -> tuple[int, int]:
    """Store the links, groups, flags and copies of a plan; return (flags, copies)."""
    if rebuild:
        store.clear_matching()
    store.save_links(plan.keys, plan.links, plan.common)
    if rebuild:
        same = [(a, b) for a, b, kind, _s, _d in plan.links if kind == "same"]
        groups = _components(list(plan.new), same)
    else:
        groups = _connected(store, list(plan.new))
    store.set_groups(groups)
    known = dict(plan.known)
    _load(store, known, set(groups))
    members: defaultdict[int, list[Features]] = defaultdict(list)
    for claim_id, group_id in groups.items():
        if claim_id in known:
            members[group_id].append(known[claim_id])
    conflicts = (
        [link for link in plan.links if link[2] == "conflict"]
        if rebuild
        else store.links_of(list(groups), kind="conflict")
    )
    flags = _flag(store, members, groups, conflicts)
    copies = find_copies(store, known, groups if rebuild else None)
    return flags, len(copies)


def _load(store: Store, known: dict[int, Features], wanted: set[int]) -> None:
    """Add the features of the wanted claims that are not known yet."""
    missing = [i for i in wanted if i not in known]
    if missing:
        known.update(
            {c.id: features(c) for c in store.claims_to_match(missing) if c.id is not None}
        )


def _components(ids: list[int], edges: list[tuple[int, int]]) -> dict[int, int]:
    """claim id -> smallest claim id of its connected component (union-find)."""
    parent = {claim_id: claim_id for claim_id in ids}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # the root is always the smallest id
    return {claim_id: find(claim_id) for claim_id in parent}


def _connected(store: Store, new_ids: list[int]) -> dict[int, int]:
    """Groups of the new claims and of every claim now connected to them (stored links)."""
    seen: set[int] = set(new_ids)
    frontier = list(new_ids)
    edges: list[tuple[int, int]] = []
    while frontier:
        found = store.links_of(frontier, kind="same")
        frontier = []
        for a, b, _kind, _score, _detail in found:
            edges.append((a, b))
            for x in (a, b):
                if x not in seen:
                    seen.add(x)
                    frontier.append(x)
    return _components(sorted(seen), edges)


def _normal(text: str) -> str:
    return " ".join("".join(ch for ch in text.lower() if ch.isalnum() or ch.isspace()).split())


def _flag(
    store: Store,
    members: dict[int, list[Features]],
    groups: dict[int, int],
    conflicts: list[tuple[int, int, str, float, str]],
) -> int:
    """Recompute the quote-drift and number-conflict flags of these groups."""
    flags: list[dict[str, Any]] = []
    for group_id, claims in members.items():
        quoted = sorted(
            (f for f in claims if f.quote and len(f.quote.split()) >= 4),
            key=lambda f: (f.document_id, f.claim_id),
        )
        # Each version against the first one seen (earliest document): n-1 flags, not n².
        for other in quoted[1:]:
            first = quoted[0]
            assert first.quote is not None and other.quote is not None
            if other.document_id == first.document_id:
                continue
            if _normal(first.quote) == _normal(other.quote):
                continue
            flags.append(
                {
                    "group_id": group_id,
                    "kind": "quote_drift",
                    "claim_a": first.claim_id,
                    "claim_b": other.claim_id,
                    "detail": {
                        "speaker": first.speaker or other.speaker,
                        "a": first.quote,
                        "b": other.quote,
                        "similarity": round(
                            fuzz.ratio(_normal(first.quote), _normal(other.quote)), 1
                        ),
                    },
                }
            )
    outside = store.group_of([a for a, *_rest in conflicts if a not in groups])
    for a, b, _kind, score, detail in conflicts:
        flags.append(
            {
                "group_id": groups.get(a, outside.get(a)),
                "kind": "number_conflict",
                "claim_a": a,
                "claim_b": b,
                "detail": {"numbers": detail, "similarity": round(score, 1)},
            }
        )
    store.replace_flags(set(members), set(groups), flags)
    return len(flags)


def independent_sources(store: Store, group_ids: list[int]) -> dict[int, tuple[int, int]]:
    """group id -> (independent sources, documents), copies of one source counting once."""
    copies = store.copies()
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b, _score, _shared in copies:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    result = {}
    for group_id, docs in store.group_documents(group_ids).items():
        result[group_id] = (len({find(d) for d in docs}), len(docs))
    return result


__all__ = ["MatchReport", "independent_sources", "match"]
