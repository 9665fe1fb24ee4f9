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

from workbench.core.matching.features import Features
from workbench.core.matching.words import canonical_words
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
    read from the database again; of the others only the words are read.
    """
    known = known if known is not None else {}
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
    members_of: dict[int, list[tuple[int, str]]] = {}  # group -> (document, words)
    if groups is not None:
        complete: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
        for claim_id, group_id in groups.items():
            if claim_id in known:
                feature = known[claim_id]
                complete[group_id].append((feature.document_id, feature.joined))
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
    words: dict[str, str] = {}  # text -> its words joined (Facts.joined), read once
    for group_id, rows in store.group_match_rows(wanted).items():
        members = members_of[group_id] = []
        for claim_id, doc_id, text, *_rest in rows:
            at_hand = known.get(claim_id)
            if at_hand is not None:
                members.append((doc_id, at_hand.joined))
                continue
            joined = words.get(text)
            if joined is None:
                joined = words[text] = " ".join(canonical_words(text))
            members.append((doc_id, joined))
    for a, b, count in candidates:
        scores = []
        for group_id in sorted(by_doc[a] & by_doc[b]):
            members = members_of.get(group_id, [])
            left = [joined for doc_id, joined in members if doc_id == a]
            right = [joined for doc_id, joined in members if doc_id == b]
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
