"""Groups of claims that state one fact, without chaining.

Same-fact links join claims into blocks (connected components). Within a
block, groups are built by complete linkage: links are taken strongest first,
and two groups merge only when every claim of one agrees with every claim of
the other (:attr:`.pairs.PairRelation.compatible`: the same fact, or agreeing facts worded
less alike). "A like B, B like C" never puts A with C when A and C state
different facts.

The groups of a block depend only on the block's claims and links, taken in a
fixed order, so matching new claims (which recomputes the blocks they touch)
gives the groups a rebuild gives. A claim's group id is the smallest claim id
in its group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


def blocks(ids: Iterable[int], edges: Iterable[tuple[int, int]]) -> dict[int, int]:
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


def cluster(
    ids: Iterable[int],
    links: Iterable[tuple[int, int, float]],
    agree: Callable[[int, int], bool],
) -> dict[int, int]:
    """claim id -> group id, by complete linkage over same-fact links.

    ``links`` are (a, b, score) same-fact links; ``agree(a, b)`` (called with
    a < b) says whether two claims may share a group.
    """
    members: dict[int, list[int]] = {i: [i] for i in ids}
    owner = {i: i for i in members}
    memo: dict[tuple[int, int], bool] = {}

    def agrees(x: int, y: int) -> bool:
        pair = (x, y) if x < y else (y, x)
        found = memo.get(pair)
        if found is None:
            found = memo[pair] = agree(*pair)
        return found

    ordered = sorted(
        ((min(a, b), max(a, b), score) for a, b, score in links), key=lambda e: (-e[2], e[0], e[1])
    )
    for a, b, _score in ordered:
        if a not in owner or b not in owner:
            continue
        left, right = owner[a], owner[b]
        if left == right:
            continue
        if all(agrees(x, y) for x in members[left] for y in members[right]):
            keep, gone = (
                (left, right) if len(members[left]) >= len(members[right]) else (right, left)
            )
            for claim_id in members[gone]:
                owner[claim_id] = keep
            members[keep].extend(members.pop(gone))
    groups: dict[int, int] = {}
    for group in members.values():
        group_id = min(group)
        for claim_id in group:
            groups[claim_id] = group_id
    return groups
