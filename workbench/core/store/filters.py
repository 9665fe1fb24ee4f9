"""A claims filter as SQL: the one WHERE clause every list, count and export of claims uses."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from workbench.core.models import ClaimFilter

# At a desk of independent reviewers a reviewer's latest history row other than
# an adjudication (or an undo or redo of one) carries their own verdict on the
# claim: a mark, a note, an undo or redo of theirs. ``OWN_ROW`` says a row
# aliased ``{a}`` is such a row.
OWN_ROW = (
    "{a}.action != 'adjudicate' AND ({a}.reverts IS NULL OR {a}.reverts NOT IN"
    " (SELECT id FROM verdicts WHERE action = 'adjudicate'))"
)
# On claims ``c``, with the reviewer as parameter: they gave their own verdict.
OWN_VERDICT = (
    "SELECT 1 FROM verdicts o WHERE o.id = (SELECT max(x.id) FROM verdicts x WHERE"
    f" x.claim_id = c.id AND x.reviewer = ? AND {OWN_ROW.format(a='x')})"
    " AND o.verdict != 'unreviewed'"
)
# ... and someone else's own verdict is on the claim.
OTHERS_BEGAN = (
    "SELECT 1 FROM verdicts b WHERE b.claim_id = c.id AND b.reviewer != ?"
    " AND b.verdict != 'unreviewed' AND b.id = (SELECT max(x.id)"
    " FROM verdicts x WHERE x.claim_id = c.id AND x.reviewer = b.reviewer"
    f" AND {OWN_ROW.format(a='x')})"
)


def filter_sql(
    where: ClaimFilter, *, reviewer: str | None = None, reviewed_only: bool = False, several: bool
) -> tuple[str, list[Any]]:
    """The WHERE clause (on claims as ``c``) of ``where``, with its parameters.

    ``reviewer`` keeps claims whose latest verdict is that reviewer's (with
    ``several``, at a desk of several independent reviewers: every claim with a
    verdict of their own); ``reviewed_only`` drops unreviewed claims.
    """
    clauses: list[str] = []
    params: list[Any] = []
    if where.statuses:
        clauses.append(f"c.status IN ({', '.join('?' * len(where.statuses))})")
        params.extend(s.value for s in where.statuses)
    if where.kinds:
        clauses.append(f"c.kind IN ({', '.join('?' * len(where.kinds))})")
        params.extend(k.value for k in where.kinds)
    if where.document_ids:
        clauses.append(f"c.document_id IN ({', '.join('?' * len(where.document_ids))})")
        params.extend(where.document_ids)
    if where.search:
        clauses.append("c.text LIKE ? ESCAPE '\\'")
        escaped = where.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(f"%{escaped}%")
    if not where.include_stale:
        clauses.append("c.stale = 0")
    if where.group_ids:
        clauses.append(f"c.group_id IN ({', '.join('?' * len(where.group_ids))})")
        params.extend(where.group_ids)
    if where.assigned_to:
        clauses.append(
            "EXISTS (SELECT 1 FROM assignments a WHERE a.claim_id = c.id AND a.reviewer = ?)"
        )
        params.append(where.assigned_to)
    if where.mine:
        clauses.append(
            "(EXISTS (SELECT 1 FROM assignments a WHERE a.claim_id = c.id AND a.reviewer = ?)"
            f" OR (c.status = 'unreviewed' AND EXISTS ({OTHERS_BEGAN}) AND NOT EXISTS ({OWN_VERDICT})))"
        )
        params.extend([where.mine, where.mine, where.mine])
    if where.checked_before:
        clauses.append("EXISTS (SELECT 1 FROM factcheck_matches m WHERE m.claim_id = c.id)")
    if reviewed_only:
        clauses.append("c.status != 'unreviewed'")
    if reviewer:
        latest = (
            "(SELECT v.reviewer FROM verdicts v WHERE v.claim_id = c.id"
            " ORDER BY v.id DESC LIMIT 1) = ?"
        )
        if several:
            # At a desk of several, every claim with the reviewer's own verdict,
            # whoever wrote last on it (and the claims they adjudicated last).
            clauses.append(f"(EXISTS ({OWN_VERDICT}) OR {latest})")
            params.append(reviewer)
        else:
            clauses.append(latest)
        params.append(reviewer)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def chunked(ids: Sequence[Any], size: int = 500) -> Iterator[tuple[list[Any], str]]:
    """Slices of ``ids`` with their "?, ?, ?" placeholders, for IN (...) queries.

    SQLite caps the parameters of one statement, so long lists go in slices.
    """
    for start in range(0, len(ids), size):
        chunk = list(ids[start : start + size])
        yield chunk, ", ".join("?" * len(chunk))
