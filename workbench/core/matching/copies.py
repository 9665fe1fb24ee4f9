"""Documents that are rewrites of one another (spun or lightly edited copies).

Two documents are candidates when they share at least three claim groups and
most of the claims of the smaller one. They are copies when the shared claims
also keep their wording and order (rapidfuzz ``ratio`` of the canonical words,
which, unlike the token-set ratio used for grouping, punishes reordering):
independent reporting of the same facts words them differently.
:func:`independent_sources` counts a group's sources with copies counted once.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from rapidfuzz import fuzz

from workbench.core.matching.features import Features, features
from workbench.core.store import Store

MIN_SHARED = 3
MIN_OVERLAP = 0.6
MIN_WORDING = 75.0
MAX_GROUP_DOCS = 50  # a fact carried by more documents than this says nothing about copying


def find_copies(
    store: Store,
    known: dict[int, Features] | None = None,
    groups: dict[int, int] | None = None,
) -> list[tuple[int, int, float, int]]:
    """(doc_a, doc_b, wording score, shared groups) for every pair of copies; stored too.

    ``known`` holds features already computed for some claims and ``groups``
    (claim -> group) the groups just computed: members found there are not
    read from the database again.
    """
    known = known if known is not None else {}
    by_doc = store.document_groups()
    docs_of: defaultdict[int, list[int]] = defaultdict(list)
    for doc_id, doc_groups in by_doc.items():
        for group_id in doc_groups:
            docs_of[group_id].append(doc_id)
    shared: defaultdict[tuple[int, int], int] = defaultdict(int)
    for docs in docs_of.values():
        if len(docs) <= MAX_GROUP_DOCS:
            for a, b in combinations(sorted(docs), 2):
                shared[(a, b)] += 1
    copies = []
    members_of: dict[int, list[Features]] = {}
    if groups is not None:
        complete: defaultdict[int, list[Features]] = defaultdict(list)
        for claim_id, group_id in groups.items():
            if claim_id in known:
                complete[group_id].append(known[claim_id])
        # only groups whose every member is at hand; the rest come from the store
        sizes = {g: len(v) for g, v in complete.items()}
        counted: defaultdict[int, int] = defaultdict(int)
        for group_id in groups.values():
            counted[group_id] += 1
        members_of.update({g: v for g, v in complete.items() if sizes[g] == counted[g]})
    for (a, b), count in shared.items():
        smaller = min(len(by_doc[a]), len(by_doc[b]))
        if count < MIN_SHARED or count < MIN_OVERLAP * smaller:
            continue
        scores = []
        for group_id in sorted(by_doc[a] & by_doc[b]):
            members = members_of.get(group_id)
            if members is None:
                members = members_of[group_id] = [
                    known.get(c.id) or features(c)
                    for c in store.group_members(group_id)
                    if c.id is not None
                ]
            left = [f.joined for f in members if f.document_id == a]
            right = [f.joined for f in members if f.document_id == b]
            if left and right:
                scores.append(max(fuzz.ratio(x, y) for x in left for y in right))
        wording = sum(scores) / len(scores) if scores else 0.0
        if wording >= MIN_WORDING:
            copies.append((a, b, round(wording, 1), count))
    store.replace_copies(copies)
    return copies


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
