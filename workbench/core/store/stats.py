"""The figures of a review: documents, claims by kind and status, verdicts by reviewer and day."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from workbench.core.models import Action, ClaimKind, Status
from workbench.core.store.base import _translate_errors
from workbench.core.store.settings import SettingsStore


@attrs.frozen
class DeskFigures:
    """How far a desk of independent reviewers has come."""

    required_verdicts: int
    waiting_for_verdicts: int  # a verdict given, more needed
    in_conflict: int
    adjudicated: int


@attrs.frozen
class Stats:
    """What ``workbench stats`` counts. Each mapping is in the order it is shown."""

    documents: int
    claims: int
    by_kind: Mapping[str, int]  # every kind, 0 where none
    # every status but "conflict", which is listed only where a desk has conflicts
    by_status: Mapping[str, int]
    by_reviewer: Mapping[str, int]  # the reviewer of each claim's latest verdict, most first
    by_day: Mapping[str, int]  # history rows (verdicts, notes, undos) per day
    by_reviewer_day: Mapping[str, Mapping[str, int]]  # verdicts given per reviewer per day
    desk: DeskFigures | None = None  # only at a desk of independent reviewers


class StatsStore(SettingsStore):
    """The counts behind ``workbench stats``."""

    @_translate_errors
    def stats(self) -> Stats:
        def counts(column: str) -> dict[str, int]:
            # column is one of two names of ours, never user text
            return {
                r["k"]: r["n"]
                for r in self._query(
                    f"SELECT {column} AS k, count(*) AS n FROM claims GROUP BY {column} ORDER BY k"
                )
            }

        docs = self._one("SELECT count(*) AS n FROM documents")
        by_kind = {k.value: 0 for k in ClaimKind} | counts("kind")
        statuses = self._scale().statuses
        by_status = {s.value: 0 for s in statuses if s is not Status.CONFLICT} | counts("status")
        by_reviewer = dict(
            self.db.execute(
                "SELECT who, count(*) FROM (SELECT (SELECT v.reviewer FROM verdicts v"
                " WHERE v.claim_id = c.id ORDER BY v.id DESC LIMIT 1) AS who FROM claims c"
                " WHERE c.status != 'unreviewed') GROUP BY who ORDER BY count(*) DESC, who"
            ).fetchall()
        )
        by_day = dict(
            self.db.execute(
                "SELECT substr(created_at, 1, 10) AS day, count(*) FROM verdicts"
                " GROUP BY day ORDER BY day"
            ).fetchall()
        )
        by_reviewer_day: dict[str, dict[str, int]] = {}
        for who, day, count in self.db.execute(
            "SELECT reviewer, substr(created_at, 1, 10) AS day, count(*) FROM verdicts"
            " WHERE action IN (?, ?) AND verdict != ? GROUP BY reviewer, day"
            " ORDER BY reviewer, day",
            [Action.MARK.value, Action.ADJUDICATE.value, Status.UNREVIEWED.value],
        ):
            by_reviewer_day.setdefault(who, {})[day] = count
        return Stats(
            documents=docs["n"] if docs else 0,
            claims=sum(by_kind.values()),
            by_kind=by_kind,
            by_status=by_status,
            by_reviewer=by_reviewer,
            by_day=by_day,
            by_reviewer_day=by_reviewer_day,
            desk=self._desk_figures(by_status),
        )

    def _desk_figures(self, by_status: Mapping[str, int]) -> DeskFigures | None:
        desk = self._desk()
        if not desk.independent:
            return None
        waiting = self._one(
            "SELECT count(*) AS n FROM claims c WHERE c.status = ? AND EXISTS (SELECT 1"
            " FROM verdicts v WHERE v.claim_id = c.id AND v.action = ? AND v.verdict != ?)",
            [Status.UNREVIEWED.value, Action.MARK.value, Status.UNREVIEWED.value],
        )
        adjudicated = self._one(
            "SELECT count(DISTINCT claim_id) AS n FROM verdicts WHERE action = ?",
            [Action.ADJUDICATE.value],
        )
        return DeskFigures(
            required_verdicts=desk.required_verdicts,
            waiting_for_verdicts=waiting["n"] if waiting else 0,
            in_conflict=by_status.get(Status.CONFLICT.value, 0),
            adjudicated=adjudicated["n"] if adjudicated else 0,
        )
