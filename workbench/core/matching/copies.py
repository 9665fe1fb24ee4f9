"""Documents that are rewrites of one another (spun or lightly edited copies).

Two documents are candidates when they share at least three claim groups and
most of the claims of the smaller one. They are copies when the shared claims
also keep their wording and order (rapidfuzz ``ratio`` of the canonical words,
which, unlike the token-set ratio used for grouping, punishes reordering):
independent reporting of the same facts words them differently.
:func:`independent_sources` counts a group's sources with copies counted once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from rapidfuzz import fuzz

from workbench.core.matching.features import FactsReader, Features
from workbench.core.store import Store

MIN_SHARED = 3
MIN_OVERLAP = 0.6
MIN_WORDING = 75.0
MAX_GROUP_DOCS = 50  # a fact carried by more documents than this says nothing about copying


def find_copies(
    store: Store,
    known: dict[int, Features] | None = None,
    groups: dict[int, int] | None = None,
    reader: FactsReader | None = None,
) -> list[tuple[int, int, float, int]]:
    """(doc_a, doc_b, wording score, shared groups) for every pair of copies; stored too.

    ``known`` holds features already computed for some claims and ``groups``
    (claim -> group) the groups just computed: members found there are not
    read from the database again. ``reader`` reads the others (a run's own
    reader knows its sentences already).
    """
    known = known if known is not None else {}
    reader = reader if reader is not None else FactsReader()
    by_doc = store.document_groups()
    docs_of: defaultdict[int, list[int]] = defaultdict(list)
    for doc_id, doc_groups in by_doc.items():
        for group_id in doc_groups:
            docs_of[group_id].append(doc_id)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in docs_of.values():
        if len(docs) <= MAX_GROUP_DOCS:
            shared.update(combinations(sorted(docs), 2))  # (counted in C)
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
    candidates = []
    for (a, b), count in shared.items():
        smaller = min(len(by_doc[a]), len(by_doc[b]))
        if count >= MIN_SHARED and count >= MIN_OVERLAP * smaller:
            candidates.append((a, b, count))
    wanted = {g for a, b, _count in candidates for g in by_doc[a] & by_doc[b]} - set(members_of)
    for group_id, rows in store.group_match_rows(wanted).items():
        read = reader.features(row for row in rows if row[0] not in known)
        members_of[group_id] = [known.get(row[0]) or read[row[0]] for row in rows]
    for a, b, count in candidates:
        scores = []
        for group_id in sorted(by_doc[a] & by_doc[b]):
            members = members_of.get(group_id, [])
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
