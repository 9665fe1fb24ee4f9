"""The claims list as a sequence of ids that is read a page at a time.

``ClaimList`` stands for the ids of every claim a filter keeps, in a sort
order, without holding them: its length is counted once, and a page of ids
is read when something asks for an id in it (``claims_table`` drawing a
line, the cursor moving). A page next to one already read is found by its
edge (keyset), any other by offset, from whichever end is nearer. A claim's
place comes from the cached pages or, failing them, from the store.

The list is as the database was when each page was read: a verdict that takes
a claim out of the filter does not move the pages already read, and a page
read after it starts from its neighbour's edge, so no claim is skipped.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import overload

import attrs

from workbench.core.models import ClaimFilter, Status
from workbench.core.store import Store

PAGE = 500
CACHED_PAGES = 64  # 32,000 ids at most
WINDOW_BEFORE = 60  # ids a window reads before the claim it keeps (half a tall screen)
WINDOW_AFTER = 120  # and after it


class ClaimList(Sequence[int]):
    """The ids a filter keeps, in list order, read from ``store`` as needed."""

    counted = True

    def __init__(
        self, store: Store, where: ClaimFilter, order: str, *, total: int | None = None
    ) -> None:
        self._store = store
        self.where = where
        self.order = order
        self._total = store.count_claims(where) if total is None else total
        self._pages: OrderedDict[int, list[int]] = OrderedDict()

    @classmethod
    def around(
        cls,
        store: Store,
        where: ClaimFilter,
        order: str,
        keep: int | None,
        *,
        reader: Store | None = None,
    ) -> tuple[ClaimList, int]:
        """The list with the page of ``keep`` read, and where ``keep`` is (0 if left out).

        Everything the first screen needs, read at once (in a worker thread),
        through ``reader`` when given (a connection of the worker's own); the
        pages read later, as the list is drawn, come from ``store``.
        """
        first = reader if reader is not None else store
        claims = cls(first, where, order)
        position = None if keep is None else first.claim_position(where, order, keep)
        index = min(position or 0, max(0, len(claims) - 1))
        if claims:
            claims._page(index // PAGE)
        claims._store = store
        return claims, index

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            found: list[int] = []
            for i in range(*index.indices(self._total)):
                try:
                    found.append(self[i])
                except IndexError:  # the list shrank since it was counted
                    break
            return found
        if index < 0:
            index += self._total
        if not 0 <= index < self._total:
            raise IndexError(index)
        page = self._page(index // PAGE)
        offset = index % PAGE
        if offset >= len(page):
            raise IndexError(index)
        return page[offset]

    def __iter__(self) -> Iterator[int]:
        for number in range((self._total + PAGE - 1) // PAGE):
            yield from self._page(number)

    def __contains__(self, claim_id: object) -> bool:
        if not isinstance(claim_id, int):
            return False
        try:
            self.index(claim_id)
        except ValueError:
            return False
        return True

    def index(self, claim_id: int, start: int = 0, stop: int | None = None) -> int:
        """Where ``claim_id`` is; ValueError when the filter leaves it out."""
        for number, page in self._pages.items():
            if claim_id in page:
                found = number * PAGE + page.index(claim_id)
                break
        else:
            position = self._store.claim_position(self.where, self.order, claim_id)
            if position is None:
                raise ValueError(f"claim {claim_id} is not in the list")
            found = position
        if found < start or (stop is not None and found >= stop):
            raise ValueError(f"claim {claim_id} is not in that part of the list")
        return found

    def open_claims(self, claim_id: int, *, forward: bool = True) -> Iterator[list[int]]:
        """The list's unreviewed claims after (``forward``) or before ``claim_id``,
        nearest first, then round from the other end: a page of ids at a time.

        Read by keyset on the filter narrowed to unreviewed claims, so finding
        the next one costs the same behind ten reviewed claims as behind a
        million (the list's own pages would read every claim in between). A
        claim may come twice when the list changed while it is read; a caller
        stops at the first it takes.
        """
        if self.where.statuses and Status.UNREVIEWED not in self.where.statuses:
            return
        where = attrs.evolve(self.where, statuses=(Status.UNREVIEWED,))
        read = self._store.claim_id_page
        # Forward: after claim_id to the end, then from the start. Backward: the
        # pages come in list order, so each is handed over nearest first.
        anchor: int | None = claim_id
        wrapped = False
        first: int | None = None  # the nearest one found: round again, the search is over
        while True:
            if anchor is None:
                page = read(where, self.order, limit=PAGE, from_end=not forward)
            elif forward:
                page = read(where, self.order, limit=PAGE, after=anchor)
            else:
                page = read(where, self.order, limit=PAGE, before=anchor)
            if not forward:
                page.reverse()
            ends = [i for i, c in enumerate(page) if c in (first, claim_id)] if wrapped else []
            if ends:  # round again to where the search began
                if ends[0]:
                    yield page[: ends[0]]
                return
            if page:
                yield page
                anchor = page[-1]
                first = page[0] if first is None else first
            if len(page) < PAGE:
                if wrapped:
                    return
                wrapped, anchor = True, None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ClaimList | list | tuple):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def _page(self, number: int) -> list[int]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        start = number * PAGE
        limit = min(PAGE, self._total - start)
        before, after = self._pages.get(number - 1), self._pages.get(number + 1)
        read = self._store.claim_id_page
        if before:
            page = read(self.where, self.order, limit=limit, after=before[-1])
        elif after and len(after) == PAGE:
            page = read(self.where, self.order, limit=limit, before=after[0])
        elif start > self._total // 2:
            skip = self._total - start - limit
            page = read(self.where, self.order, limit=limit, offset=skip, from_end=True)
        else:
            page = read(self.where, self.order, limit=limit, offset=start)
        if len(page) < limit:  # claims left the filter since it was counted
            self._total = start + len(page)
        self._pages[number] = page
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return page


class ClaimWindow(Sequence[int]):
    """The ids of a list around one claim, before the list is counted.

    Counting a filter's claims and a claim's place in a sort order takes tens
    of ms at a million claims; the claims a screen shows around the cursor
    take two short index reads. A window is those claims, numbered from the
    first one read (``counted`` False: its length and numbers are not the
    list's); the counted ``ClaimList`` replaces it a moment later.
    """

    counted = False

    def __init__(self, ids: list[int]) -> None:
        self._ids = ids

    @classmethod
    def around(
        cls, store: Store, where: ClaimFilter, order: str, keep: int | None
    ) -> tuple[ClaimWindow, int]:
        """The window around ``keep``, and where ``keep`` is in it (the list's
        first claims, and 0, when the filter leaves it out)."""
        if keep is not None and store.claim_in_list(where, keep):
            before = store.claim_id_page(where, order, limit=WINDOW_BEFORE, before=keep)
            after = store.claim_id_page(where, order, limit=WINDOW_AFTER, after=keep)
            return cls([*before, keep, *after]), len(before)
        first = store.claim_id_page(where, order, limit=WINDOW_BEFORE + WINDOW_AFTER + 1)
        return cls(first), 0

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        return self._ids[index]

    def index(self, claim_id: int, start: int = 0, stop: int | None = None) -> int:
        return self._ids.index(claim_id, start, len(self._ids) if stop is None else stop)
