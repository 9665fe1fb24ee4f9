"""The links a matching run found, held compactly until they are written.

A million claims make millions of links; as Python tuples they would take
gigabytes. Here each link is two claim ids and the index of its relation
(kind, score, detail: copies of two sentences share one), in typed arrays,
and tuples are made a batch at a time as the store writes them.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

import numpy
import numpy.typing

from workbench.core.matching.pairs import LinkKind, PairRelation

# A link as the store writes it: (a, b, kind, score, detail), a < b.
Link = tuple[int, int, str, float, str]

BATCH = 50_000


class LinkSet:
    """Links (a < b) added in any order, read back by (a, b)."""

    def __init__(self) -> None:
        self._a = array("q")
        self._b = array("q")
        self._relation = array("l")
        self._relations: list[tuple[str, float, str]] = []
        self._index: dict[PairRelation, int] = {}
        self._order: numpy.typing.NDArray[numpy.intp] | None = None

    def relation(self, relation: PairRelation) -> int:
        """The index to add links of this relation under; -1 for no link."""
        if relation.kind is LinkKind.NONE:
            return -1
        found = self._index.get(relation)
        if found is None:
            found = self._index[relation] = len(self._relations)
            self._relations.append((str(relation.kind), relation.score, relation.detail))
        return found

    def add(self, a: int, b: int, relation: int) -> None:
        """Link claims a < b by a relation from :meth:`relation`."""
        self._a.append(a)
        self._b.append(b)
        self._relation.append(relation)
        self._order = None

    def __len__(self) -> int:
        return len(self._a)

    def _sorted(self) -> numpy.typing.NDArray[numpy.intp]:
        if self._order is None:
            a = numpy.frombuffer(self._a, dtype=numpy.int64) if self._a else numpy.zeros(0)
            b = numpy.frombuffer(self._b, dtype=numpy.int64) if self._b else numpy.zeros(0)
            self._order = numpy.lexsort((b, a))
        return self._order

    def __iter__(self) -> Iterator[Link]:
        """Every link, by (a, b), made into tuples a batch at a time."""
        order = self._sorted()
        relations = self._relations
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH].tolist()
            a, b, relation = self._a, self._b, self._relation
            for at in chunk:
                yield (a[at], b[at], *relations[relation[at]])

    def of_kind(self, kind: LinkKind) -> list[Link]:
        """The links of one kind, by (a, b)."""
        wanted = {at for at, (name, _s, _d) in enumerate(self._relations) if name == kind}
        if not wanted:
            return []
        relation = numpy.frombuffer(self._relation, dtype=numpy.dtype("l"))
        order = self._sorted()
        keep = order[numpy.isin(relation[order], list(wanted))].tolist()
        a, b, relations = self._a, self._b, self._relations
        return [(a[at], b[at], *relations[self._relation[at]]) for at in keep]
