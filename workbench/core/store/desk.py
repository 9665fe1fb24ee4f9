"""The desk's reads and writes: its settings, adjudication, and what a viewer may see."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.core.desk import (
    ADJUDICATOR_MAY_REVIEW,
    REQUIRED_VERDICTS,
    ROSTER,
    ClaimReviewView,
    DeskSettings,
    ReviewerProgress,
    independent_verdicts,
    view_for,
)
from workbench.core.errors import NotFound, WorkbenchError
from workbench.core.models import Action, Citation, ClaimFilter, Status, Verdict
from workbench.core.store.base import _translate_errors
from workbench.core.store.filters import OWN_ROW
from workbench.core.store.review import ReviewStore
from workbench.core.text.safe import sanitise, sanitise_line

MAX_REQUIRED = 9  # more independent verdicts than any desk asks for


class DeskStore(ReviewStore):
    """Several reviewers on one database: independent verdicts, conflicts, adjudication."""

    @_translate_errors
    def desk_settings(self) -> DeskSettings:
        return self._desk()

    @_translate_errors
    def set_required_verdicts(self, required: int) -> int:
        """Ask for ``required`` independent verdicts per claim; return how many statuses changed.

        Every claim with a history is settled again under the new rule in the
        same transaction, so no claim keeps a status the rule would not give it.
        """
        if not 1 <= required <= MAX_REQUIRED:
            raise WorkbenchError(
                f"required verdicts must be 1 to {MAX_REQUIRED}, got {required}; nothing changed"
            )
        changed = 0
        with self._write():
            self._put_setting(REQUIRED_VERDICTS, required)
            ids = [r[0] for r in self.db.execute("SELECT DISTINCT claim_id FROM verdicts")]
            for claim_id in ids:
                before = self._one("SELECT status FROM claims WHERE id = ?", [claim_id])
                after = self._settle(claim_id, required)
                changed += before is not None and before["status"] != after.value
        return changed

    @_translate_errors
    def set_adjudicator_may_review(self, allowed: bool) -> None:
        with self._write():
            self._put_setting(ADJUDICATOR_MAY_REVIEW, bool(allowed))

    @_translate_errors
    def add_to_roster(self, names: list[str]) -> tuple[str, ...]:
        """Put reviewers on the desk's roster (known before their first verdict)."""
        cleaned = [sanitise_line(name).strip() for name in names]
        if not all(cleaned):
            raise WorkbenchError("a reviewer needs a name; nothing changed")
        with self._write():
            roster = list(self._desk().roster)
            roster.extend(name for name in cleaned if name not in roster)
            self._put_setting(ROSTER, roster)
        return tuple(roster)

    @_translate_errors
    def known_reviewers(self) -> tuple[str, ...]:
        """The roster, then everyone who gave a verdict, each once, roster order first."""
        return self._known()

    def _known(self) -> tuple[str, ...]:
        names = list(self._desk().roster)
        for (name,) in self.db.execute(
            "SELECT DISTINCT reviewer FROM verdicts WHERE reviewer != '' ORDER BY reviewer"
        ):
            if name not in names:
                names.append(name)
        return tuple(names)

    @_translate_errors
    def adjudicate(self, claim_id: int, verdict: Status, adjudicator: str, note: str) -> Verdict:
        """Record the final verdict on a claim in conflict; it becomes the claim's status.

        The row says who decided, when, and why (``note``); it is journaled, so
        the adjudicator can undo it. A claim not in conflict (nor adjudicated
        before), or an adjudicator who gave one of the verdicts when the desk
        forbids it, is refused and nothing is written.
        """
        adjudicator, note = sanitise_line(adjudicator), sanitise(note)
        with self._write():
            scale = self._scale()
            try:
                verdict = scale.verdict(verdict, clear=False)
            except WorkbenchError:
                raise WorkbenchError(
                    f"an adjudication gives a verdict: one of {scale.words()}"
                ) from None
            row = self._one("SELECT status FROM claims WHERE id = ?", [claim_id])
            if row is None:
                raise NotFound(f"no claim with id {claim_id}")
            history = self._history(claim_id)
            adjudicated = any(v.action is Action.ADJUDICATE for v in history)
            if row["status"] != Status.CONFLICT.value and not adjudicated:
                raise WorkbenchError(
                    f"claim #{claim_id} is {row['status']}, not in conflict; only a claim"
                    " whose reviewers disagree is adjudicated"
                )
            desk = self._desk()
            reviewers = {v.reviewer for v in independent_verdicts(history)}
            if adjudicator in reviewers and not desk.adjudicator_may_review:
                raise WorkbenchError(
                    f"{adjudicator} gave one of the verdicts on claim #{claim_id}; this desk"
                    " asks another person to adjudicate (or: workbench desk set"
                    " --adjudicator-may-review yes)"
                )
            now = self.clock()
            before = {"verdict": row["status"], "note": ""}
            made = self._verdict_row(claim_id, verdict, adjudicator, note, Action.ADJUDICATE, now)
            self._journal(
                claim_id,
                "adjudicate",
                {
                    "verdict_id": made.id,
                    "before": before,
                    "after": {"verdict": verdict.value, "note": note},
                },
                adjudicator,
                now,
            )
        return made

    @_translate_errors
    def review_view(self, claim_id: int, viewer: str) -> ClaimReviewView:
        """The claim's review as ``viewer`` may see it: blind while it lacks verdicts."""
        viewer = sanitise_line(viewer)
        row = self._one("SELECT status FROM claims WHERE id = ?", [claim_id])
        if row is None:
            raise NotFound(f"no claim with id {claim_id}")
        citations = [
            Citation.from_row(r)
            for r in self._query(
                "SELECT * FROM citations WHERE claim_id = ? AND deleted = 0 ORDER BY id",
                [claim_id],
            )
        ]
        return view_for(
            viewer,
            Status(row["status"]),
            self._history(claim_id),
            citations,
            self._desk().required_verdicts,
        )

    # -- assignment ---------------------------------------------------------------------

    @_translate_errors
    def assign(
        self,
        where: ClaimFilter,
        reviewers: Sequence[str],
        assigned_by: str,
        *,
        split: bool = False,
    ) -> dict[str, int]:
        """Give the selected claims to reviewers; return how many each was dealt.

        Without ``split`` every claim goes to each reviewer named. With it the
        claims are dealt, a whole group at a time (every version of a claim to
        one person), largest groups first, each to the reviewer with the fewest
        claims so far who does not hold any of the group already (so a second
        split gives a claim to a second person). Every name must be a known
        reviewer (:meth:`known_reviewers`); an unknown one writes nothing.
        """
        names = [sanitise_line(name).strip() for name in reviewers]
        assigned_by = sanitise_line(assigned_by)
        if not names or not all(names):
            raise WorkbenchError("name the reviewers to assign claims to")
        if len(set(names)) != len(names):
            raise WorkbenchError(f"a reviewer is named twice in {', '.join(names)}")
        with self._write():
            known = self._known()
            for name in names:
                if name not in known:
                    listed = ", ".join(known) or "none yet"
                    raise WorkbenchError(
                        f"unknown reviewer {name!r} (known: {listed}); add one with"
                        " workbench desk add NAME; nothing was assigned"
                    )
            sql, params = self._where(where)
            units: dict[tuple[str, int], list[int]] = {}
            for claim_id, group_id in self.db.execute(
                f"SELECT c.id, c.group_id FROM claims c{sql} ORDER BY c.id", params
            ):
                key = ("claim", claim_id) if group_id is None else ("group", group_id)
                units.setdefault(key, []).append(claim_id)
            held: dict[int, set[str]] = {}
            for claim_id, name in self.db.execute("SELECT claim_id, reviewer FROM assignments"):
                held.setdefault(claim_id, set()).add(name)
            dealt = {name: 0 for name in names}
            now = self.clock()
            for unit in sorted(units.values(), key=lambda ids: (-len(ids), ids[0])):
                if split:
                    holders = set().union(*(held.get(i, set()) for i in unit))
                    free = [n for n in names if n not in holders] or names
                    takers = [min(free, key=lambda n: (dealt[n], names.index(n)))]
                else:
                    takers = names
                for name in takers:
                    dealt[name] += len(unit)
                    self.db.conn.executemany(
                        "INSERT OR IGNORE INTO assignments"
                        " (claim_id, reviewer, assigned_by, assigned_at) VALUES (?, ?, ?, ?)",
                        [(claim_id, name, assigned_by, now) for claim_id in unit],
                    )
        return dealt

    @_translate_errors
    def assignees(self, claim_id: int) -> tuple[str, ...]:
        """Who holds the claim, in the order it was given to them."""
        return tuple(
            row[0]
            for row in self.db.execute(
                "SELECT reviewer FROM assignments WHERE claim_id = ? ORDER BY assigned_at, rowid",
                [claim_id],
            )
        )

    @_translate_errors
    def unassign(self, where: ClaimFilter, reviewers: Sequence[str] = ()) -> int:
        """Take the selected claims back from these reviewers (all, if none named).

        Return how many assignments were removed; verdicts stay as they are.
        """
        names = [sanitise_line(name).strip() for name in reviewers]
        if not all(names):
            raise WorkbenchError("a reviewer needs a name; nothing was unassigned")
        sql, params = self._where(where)
        who = f" AND reviewer IN ({', '.join('?' * len(names))})" if names else ""
        with self._write():
            cursor = self.db.execute(
                f"DELETE FROM assignments WHERE claim_id IN (SELECT c.id FROM claims c{sql}){who}",
                [*params, *names],
            )
            return max(0, cursor.rowcount)

    @_translate_errors
    def own_verdicts(self, ids: Sequence[int], reviewer: str) -> dict[int, Status]:
        """The reviewer's own verdict on each of these claims they judged (a desk's list)."""
        reviewer = sanitise_line(reviewer)
        found: dict[int, Status] = {}
        for chunk, marks in self._chunked(ids, 900):
            cursor = self.db.execute(
                "SELECT v.claim_id, v.verdict FROM verdicts v WHERE v.id IN (SELECT max(x.id)"
                f" FROM verdicts x WHERE x.claim_id IN ({marks}) AND x.reviewer = ?"
                f" AND {OWN_ROW.format(a='x')} GROUP BY x.claim_id) AND v.verdict != ?",
                [*chunk, reviewer, Status.UNREVIEWED.value],
            )
            found.update((row[0], Status(row[1])) for row in cursor.fetchall())
        return found

    # -- progress -----------------------------------------------------------------------

    @_translate_errors
    def reviewer_progress(self, reviewer: str | None = None) -> tuple[ReviewerProgress, ...]:
        """Each known reviewer's progress (or only ``reviewer``'s), roster order first.

        For one reviewer only their rows are read (at a million claims the
        whole desk's took most of a second, and the review app asks often).
        """
        one = sanitise_line(reviewer) if reviewer is not None else None
        only = [] if one is None else [one]
        judged = dict(
            self.db.execute(
                "SELECT v.reviewer, count(*) FROM verdicts v JOIN (SELECT max(x.id) AS id"
                f" FROM verdicts x WHERE {OWN_ROW.format(a='x')}"
                f"{' AND x.reviewer = ?' if only else ''} GROUP BY x.claim_id,"
                " x.reviewer) last ON last.id = v.id WHERE v.verdict != ? GROUP BY v.reviewer",
                [*only, Status.UNREVIEWED.value],
            ).fetchall()
        )
        assigned: dict[str, tuple[int, int]] = {}
        for name, total, done in self.db.execute(
            "SELECT a.reviewer, count(*), sum(EXISTS (SELECT 1 FROM verdicts o WHERE o.id ="
            " (SELECT max(x.id) FROM verdicts x WHERE x.claim_id = a.claim_id"
            f" AND x.reviewer = a.reviewer AND {OWN_ROW.format(a='x')}) AND o.verdict != ?))"
            f" FROM assignments a{' WHERE a.reviewer = ?' if only else ''} GROUP BY a.reviewer",
            [Status.UNREVIEWED.value, *only],
        ).fetchall():
            assigned[name] = (total, done or 0)
        by_day: dict[str, list[tuple[str, int]]] = {}
        for name, day, count in self.db.execute(
            "SELECT reviewer, substr(created_at, 1, 10) AS day, count(*) FROM verdicts"
            f" WHERE action IN (?, ?) AND verdict != ?{' AND reviewer = ?' if only else ''}"
            " GROUP BY reviewer, day ORDER BY reviewer, day",
            [Action.MARK.value, Action.ADJUDICATE.value, Status.UNREVIEWED.value, *only],
        ):
            by_day.setdefault(name, []).append((day, count))
        if one is not None:
            names = [one]
        else:
            names = list(self._known())
            names.extend(n for n in assigned if n not in names)
        return tuple(
            ReviewerProgress(
                reviewer=name,
                judged=judged.get(name, 0),
                assigned=assigned.get(name, (0, 0))[0],
                assigned_judged=assigned.get(name, (0, 0))[1],
                by_day=tuple(by_day.get(name, ())),
            )
            for name in names
        )

    @_translate_errors
    def holds_claims(self, reviewer: str) -> bool:
        """Whether any claim is given to ``reviewer`` (workbench assign)."""
        found = self.db.execute(
            "SELECT 1 FROM assignments WHERE reviewer = ? LIMIT 1", [sanitise_line(reviewer)]
        ).fetchone()
        return found is not None

    # -- agreement ----------------------------------------------------------------------

    @_translate_errors
    def independent_verdict_table(self) -> dict[int, dict[str, Status]]:
        """{claim: {reviewer: verdict}} for every claim two or more reviewers judged."""
        candidates = [
            row[0]
            for row in self.db.execute(
                "SELECT claim_id FROM verdicts WHERE action = ? GROUP BY claim_id"
                " HAVING count(DISTINCT reviewer) >= 2 ORDER BY claim_id",
                [Action.MARK.value],
            )
        ]
        table: dict[int, dict[str, Status]] = {}
        for chunk, marks in self._chunked(candidates, 500):
            rows: dict[int, list[Verdict]] = {claim_id: [] for claim_id in chunk}
            for r in self._query(
                f"SELECT * FROM verdicts WHERE claim_id IN ({marks}) ORDER BY id", chunk
            ):
                rows[r["claim_id"]].append(Verdict.from_row(r))
            for claim_id, history in rows.items():
                given = {v.reviewer: v.verdict for v in independent_verdicts(history)}
                if len(given) >= 2:
                    table[claim_id] = given
        return table
