"""The claims list a stretch at a time: pages by keyset, a claim's place by counting.

The review app never holds a million ids. It asks for the page it draws, found
from a neighbouring page's edge (keyset: the sort values of that claim, so
every page costs the same), and for a claim's place in the list when the
cursor must stay on it. Both read only the indexes of the list's orders (covering: the id is in each).
"""

from __future__ import annotations

from typing import Any

from workbench.core.errors import StoreError
from workbench.core.models import ClaimFilter
from workbench.core.store.base import ORDER_KEYS, StoreBase, _translate_errors


def _order_by(order: str, *, reverse: bool = False) -> str:
    keys = ORDER_KEYS[order]
    return ", ".join(f'c."{col}" {"DESC" if desc != reverse else "ASC"}' for col, desc in keys)


def _beyond(order: str, values: dict[str, Any], *, after: bool) -> list[tuple[str, list[Any]]]:
    """Claims after (or before) the claim with these sort ``values``, as SQL
    clauses whose ranges follow one another in list order, the nearest first.

    With keys (a, b, id): a = ? AND b = ? AND id > ?; then a = ? AND b > ?;
    then a > ?. Each is one seek into the index of the order: as a single
    clause with ORs, SQLite seeks on the first key only and reads every claim
    of the claim's status (or kind) that comes before it (50-90 ms at a
    million claims for the status and kind orders).
    """
    keys = ORDER_KEYS[order]

    def past(desc: bool) -> str:
        return "<" if desc == after else ">"

    pieces = []
    for level in range(len(keys) - 1, -1, -1):
        same = [f'c."{col}" = ?' for col, _desc in keys[:level]]
        col, desc = keys[level]
        clause = " AND ".join([*same, f'c."{col}" {past(desc)} ?'])
        pieces.append((clause, [values[c] for c, _d in keys[: level + 1]]))
    return pieces


class ClaimListStore(StoreBase):
    """Pages of the claims list and places in it, for a list too long to hold."""

    def _sort_values(self, order: str, claim_id: int) -> dict[str, Any] | None:
        columns = ", ".join(f'"{col}"' for col, _desc in ORDER_KEYS[order])
        return self._one(f"SELECT {columns} FROM claims WHERE id = ?", [claim_id])

    def _check_order(self, order: str) -> None:
        if order not in ORDER_KEYS:
            raise StoreError(f"unknown sort order {order!r}; choose from {', '.join(ORDER_KEYS)}")

    @_translate_errors
    def claim_id_page(
        self,
        where: ClaimFilter,
        order: str,
        *,
        limit: int,
        offset: int = 0,
        after: int | None = None,
        before: int | None = None,
        from_end: bool = False,
    ) -> list[int]:
        """Up to ``limit`` ids of the list, in list order.

        ``after`` / ``before``: the ones just after (before) that claim, by its
        sort values, whether or not it still matches the filter. Otherwise
        ``offset`` rows are skipped from the start (from the end when
        ``from_end``: cheaper for the list's far half).
        """
        self._check_order(order)
        sql, params = self._where(where)
        clauses = [sql.removeprefix(" WHERE ")] if sql else []
        anchor = after if after is not None else before
        reverse = before is not None or (anchor is None and from_end)
        order_by = _order_by(order, reverse=reverse)
        if anchor is None:
            where_sql = f" WHERE {' AND '.join(clauses)}" if clauses else ""
            cursor = self.db.conn.execute(
                f"SELECT c.id FROM claims c{where_sql} ORDER BY {order_by} LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
            ids = [claim_id for (claim_id,) in cursor.fetchall()]
        else:
            values = self._sort_values(order, anchor)
            if values is None:
                return []
            ids = []
            for bound, more in _beyond(order, values, after=after is not None):
                if len(ids) >= limit:
                    break
                cursor = self.db.conn.execute(
                    f"SELECT c.id FROM claims c WHERE {' AND '.join([*clauses, bound])}"
                    f" ORDER BY {order_by} LIMIT ?",
                    [*params, *more, limit - len(ids)],
                )
                ids.extend(claim_id for (claim_id,) in cursor.fetchall())
        if reverse:
            ids.reverse()
        return ids

    @_translate_errors
    def claim_in_list(self, where: ClaimFilter, claim_id: int) -> bool:
        """Whether the filter keeps the claim (one row looked up, nothing counted)."""
        sql, params = self._where(where)
        clauses = [sql.removeprefix(" WHERE ")] if sql else []
        found = self.db.conn.execute(
            f"SELECT 1 FROM claims c WHERE {' AND '.join([*clauses, 'c.id = ?'])}",
            [*params, claim_id],
        ).fetchone()
        return found is not None

    @_translate_errors
    def claim_position(self, where: ClaimFilter, order: str, claim_id: int) -> int | None:
        """Where the claim stands in the list (0 first), or None if the filter leaves it out."""
        self._check_order(order)
        sql, params = self._where(where)
        clauses = [sql.removeprefix(" WHERE ")] if sql else []
        found = self.db.conn.execute(
            f"SELECT 1 FROM claims c WHERE {' AND '.join([*clauses, 'c.id = ?'])}",
            [*params, claim_id],
        ).fetchone()
        values = self._sort_values(order, claim_id)
        if found is None or values is None:
            return None
        before = 0
        for bound, more in _beyond(order, values, after=False):
            cursor = self.db.conn.execute(
                f"SELECT count(*) FROM claims c WHERE {' AND '.join([*clauses, bound])}",
                [*params, *more],
            )
            before += int(cursor.fetchone()[0])
        return before

    @_translate_errors
    def document_titles(self) -> list[tuple[int, str]]:
        """(id, title) of every document, in id order: what the filters name them by."""
        cursor = self.db.conn.execute("SELECT id, title FROM documents ORDER BY id")
        titles: list[tuple[int, str]] = cursor.fetchall()
        return titles
