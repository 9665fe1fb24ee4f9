"""Verdicts, notes, citations and the undo journal."""

from __future__ import annotations

import json
from typing import Any, Self

import attrs

from workbench.core.desk import own_state, settle
from workbench.core.errors import NotFound, StoreError
from workbench.core.models import Action, Citation, Status, Verdict
from workbench.core.review import StaleVerdict, pending_note
from workbench.core.store.base import _translate_errors
from workbench.core.store.settings import SettingsStore
from workbench.core.text.safe import sanitise, sanitise_citation, sanitise_line


class ReviewStore(SettingsStore):
    """Reads and writes of a review: verdicts, citations, undo and redo."""

    def reopen(self) -> Self:
        """A second connection to this database, with this one's clock and busy timeout.

        For a writer thread: its writes wait for another program's lock without
        holding this connection's lock, so reads here go on meanwhile.
        """
        if str(self.path) == ":memory:":
            raise StoreError("an in-memory database cannot be opened a second time")
        with self._lock:
            busy = int(self.db.execute("PRAGMA busy_timeout").fetchone()[0])
        other = type(self)(self.path, readonly=self.readonly, clock=self.clock)
        with other._lock:
            # PRAGMA takes no parameters; the value is an integer read above.
            other.db.execute(f"PRAGMA busy_timeout = {busy:d}")
        return other

    @_translate_errors
    def mark(
        self,
        claim_id: int,
        verdict: Status,
        reviewer: str,
        *,
        note: str = "",
        citation: Citation | None = None,
        carried_from: int | None = None,
    ) -> Verdict:
        """Record a verdict (and its citation) in one transaction; return the row.

        The action goes into the undo journal in the same transaction. A verdict
        given without a note takes over the claim's pending note, if it has one.
        """
        reviewer, note = sanitise_line(reviewer), sanitise(note)
        citation = sanitise_citation(citation) if citation is not None else None
        with self._write():
            verdict = self._scale().verdict(verdict)
            before = self._state_before(claim_id, reviewer)
            note = note or _pending(before)
            now = self.clock()
            row = self._verdict_row(
                claim_id, verdict, reviewer, note, Action.MARK, now, carried_from=carried_from
            )
            payload: dict[str, Any] = {
                "verdict_id": row.id,
                "before": before,
                "after": {"verdict": verdict.value, "note": note},
            }
            if citation is not None:
                payload["citation_id"] = self._insert_citation(
                    attrs.evolve(citation, claim_id=claim_id, verdict_id=row.id), now
                )
            self._journal(claim_id, "verdict", payload, reviewer, now)
        return row

    @_translate_errors
    def mark_group(
        self, claim_id: int, verdict: Status, reviewer: str, *, note: str = ""
    ) -> list[Verdict]:
        """The verdict on every claim of the claim's group, in one transaction.

        Each claim gets its own history row, carried over from ``claim_id``; one
        journal entry covers them all, so a single undo reverts the lot.
        """
        reviewer, note = sanitise_line(reviewer), sanitise(note)
        rows: list[Verdict] = []
        with self._write():
            verdict = self._scale().verdict(verdict)
            row = self._one("SELECT group_id FROM claims WHERE id = ?", [claim_id])
            if row is None:
                raise NotFound(f"no claim with id {claim_id}")
            members = (
                [claim_id]
                if row["group_id"] is None
                else [
                    r[0]
                    for r in self.db.execute(
                        "SELECT id FROM claims WHERE group_id = ? ORDER BY id", [row["group_id"]]
                    ).fetchall()
                ]
            )
            now = self.clock()
            actions = []
            for member in members:
                before = self._state_before(member, reviewer)
                member_note = note or _pending(before)
                made = self._verdict_row(
                    member,
                    verdict,
                    reviewer,
                    member_note,
                    Action.MARK,
                    now,
                    carried_from=None if member == claim_id else claim_id,
                )
                rows.append(made)
                actions.append(
                    self._journal(
                        member,
                        "verdict_member",
                        {
                            "verdict_id": made.id,
                            "before": before,
                            "after": {"verdict": verdict.value, "note": member_note},
                        },
                        reviewer,
                        now,
                    )
                )
            self._journal(claim_id, "group", {"actions": actions}, reviewer, now)
        return rows

    @_translate_errors
    def set_note(self, claim_id: int, note: str, reviewer: str) -> Verdict:
        """Change the rationale of the claim's current verdict (a new history row)."""
        reviewer, note = sanitise_line(reviewer), sanitise(note)
        with self._write():
            before = self._state_before(claim_id, reviewer)
            now = self.clock()
            row = self._verdict_row(
                claim_id, Status(before["verdict"]), reviewer, note, Action.NOTE, now
            )
            after = {"verdict": before["verdict"], "note": note}
            self._journal(
                claim_id,
                "note",
                {"verdict_id": row.id, "before": before, "after": after},
                reviewer,
                now,
            )
        return row

    @_translate_errors
    def note_verdict(
        self, claim_id: int, verdict_id: int | None, note: str, reviewer: str
    ) -> Verdict:
        """Change the rationale of the verdict ``verdict_id``, if it is still the claim's.

        ``verdict_id`` is the history row of the verdict the reviewer wrote the
        note for (see :func:`~workbench.core.review.current_verdict`), None for a
        claim that never had one: the note then waits as the claim's pending
        note. If another verdict or an undo came in between, nothing is written
        and :class:`StaleVerdict` says so: a note never lands on a verdict it
        was not written for.
        """
        with self._write():
            # At a desk of independent reviewers the note goes with the reviewer's
            # own verdict, which only they can change.
            own = " AND reviewer = ?" if self._desk().independent else ""
            current = self._one(
                f"SELECT max(id) AS id FROM verdicts WHERE claim_id = ? AND action != ?{own}",
                [claim_id, Action.NOTE.value, *([sanitise_line(reviewer)] if own else [])],
            )
            if current is not None and current["id"] != verdict_id:
                raise StaleVerdict(
                    f"the verdict on claim #{claim_id} changed before the note was saved;"
                    " nothing was written"
                )
            return self.set_note(claim_id, note, reviewer)

    def _state_before(self, claim_id: int, reviewer: str) -> dict[str, str]:
        """What a reviewer's action changes: the claim's verdict and note, or, at a
        desk of independent reviewers, the reviewer's own (so undo restores theirs)."""
        if not self._desk().independent:
            return self._current(claim_id)
        self._require_claim(claim_id)
        verdict, note = own_state(self._history(claim_id), reviewer)
        return {"verdict": verdict.value, "note": note}

    def _history(self, claim_id: int) -> list[Verdict]:
        return [
            Verdict.from_row(r)
            for r in self._query(
                "SELECT * FROM verdicts WHERE claim_id = ? ORDER BY id", [claim_id]
            )
        ]

    def _settle(self, claim_id: int, required: int) -> Status:
        """Set the claim's status from its history (see :func:`workbench.core.desk.settle`)."""
        status = settle(self._history(claim_id), required)
        self.db.execute("UPDATE claims SET status = ? WHERE id = ?", [status.value, claim_id])
        return status

    def _restatus(self, claim_id: int) -> None:
        desk = self._desk()
        if desk.independent:
            self._settle(claim_id, desk.required_verdicts)
        else:
            super()._restatus(claim_id)

    def _current(self, claim_id: int) -> dict[str, str]:
        """The claim's verdict and note now (the latest history row)."""
        claim = self._one("SELECT status FROM claims WHERE id = ?", [claim_id])
        if claim is None:
            raise NotFound(f"no claim with id {claim_id}")
        last = self._one(
            "SELECT note FROM verdicts WHERE claim_id = ? ORDER BY id DESC LIMIT 1", [claim_id]
        )
        return {"verdict": claim["status"], "note": (last["note"] or "") if last else ""}

    def _verdict_row(
        self,
        claim_id: int,
        verdict: Status,
        reviewer: str,
        note: str,
        action: Action,
        now: str,
        *,
        reverts: int | None = None,
        carried_from: int | None = None,
    ) -> Verdict:
        row = {
            "claim_id": claim_id,
            "verdict": verdict.value,
            "reviewer": reviewer,
            "note": note,
            "created_at": now,
            "action": action.value,
            "reverts": reverts,
            "carried_from": carried_from,
        }
        verdict_id = self._insert_row("verdicts", row)
        desk = self._desk()
        if desk.independent:
            self._settle(claim_id, desk.required_verdicts)
        else:
            self.db.execute("UPDATE claims SET status = ? WHERE id = ?", [verdict.value, claim_id])
        return Verdict.from_row({"id": verdict_id, **row})

    def _journal(
        self,
        claim_id: int,
        kind: str,
        payload: dict[str, Any],
        reviewer: str,
        now: str,
        *,
        target: int | None = None,
    ) -> int:
        return self._insert_row(
            "actions",
            {
                "claim_id": claim_id,
                "kind": kind,
                "payload": json.dumps(payload),
                "reviewer": reviewer,
                "created_at": now,
                "undone": 0,
                "target": target,
            },
        )

    def _insert_citation(self, citation: Citation, now: str) -> int:
        row = attrs.evolve(citation, created_at=citation.created_at or now).as_row()
        row.pop("id", None)
        return self._insert_row("citations", row)

    def _require_claim(self, claim_id: int) -> None:
        if self._one("SELECT id FROM claims WHERE id = ?", [claim_id]) is None:
            raise NotFound(f"no claim with id {claim_id}")

    @_translate_errors
    def add_citation(self, citation: Citation) -> Citation:
        """Add a citation to a claim (journaled, so it can be undone)."""
        citation = sanitise_citation(citation)
        with self._write():
            self._require_claim(citation.claim_id)
            now = self.clock()
            new_id = self._insert_citation(citation, now)
            self._journal(
                citation.claim_id, "citation_add", {"citation_id": new_id}, citation.reviewer, now
            )
        return self.get_citation(new_id)

    _EDITABLE = ("source", "source_kind", "quote", "locator", "stance", "note")

    @_translate_errors
    def update_citation(self, citation: Citation, reviewer: str) -> Citation:
        """Replace a citation's editable fields with those of ``citation``."""
        citation, reviewer = sanitise_citation(citation), sanitise_line(reviewer)
        if citation.id is None:
            raise NotFound("a citation without an id cannot be updated")
        with self._write():
            old = self.get_citation(citation.id)
            before = {k: old.as_row()[k] for k in self._EDITABLE}
            after = {k: citation.as_row()[k] for k in self._EDITABLE}
            now = self.clock()
            self.db.table("citations").update(citation.id, after)
            self._journal(
                old.claim_id,
                "citation_edit",
                {"citation_id": citation.id, "before": before, "after": after},
                reviewer,
                now,
            )
        return self.get_citation(citation.id)

    @_translate_errors
    def delete_citation(self, citation_id: int, reviewer: str) -> Citation:
        """Withdraw a citation. It is kept, marked deleted, and can be undone."""
        reviewer = sanitise_line(reviewer)
        with self._write():
            old = self.get_citation(citation_id)
            now = self.clock()
            self.db.execute("UPDATE citations SET deleted = 1 WHERE id = ?", [citation_id])
            self._journal(
                old.claim_id, "citation_delete", {"citation_id": citation_id}, reviewer, now
            )
        return self.get_citation(citation_id)

    # -- undo and redo ----------------------------------------------------------------

    _USER_KINDS = (
        "verdict",
        "note",
        "citation_add",
        "citation_edit",
        "citation_delete",
        "group",
        "adjudicate",
    )

    @_translate_errors
    def undo(self, reviewer: str) -> tuple[int, str] | None:
        """Revert this reviewer's latest action; return (claim id, what was undone).

        The revert is itself recorded (a verdict row with action ``undo``, and a
        journal row), never a silent delete.
        """
        reviewer = sanitise_line(reviewer)
        kinds = ", ".join("?" * len(self._USER_KINDS))
        with self._write():
            row = self._one(
                f"SELECT * FROM actions WHERE reviewer = ? AND undone = 0 AND kind IN ({kinds})"
                " ORDER BY id DESC LIMIT 1",
                [reviewer, *self._USER_KINDS],
            )
            if row is None:
                return None
            now = self.clock()
            self._apply(row, reviewer, now, reverse=True)
            self.db.execute("UPDATE actions SET undone = 1 WHERE id = ?", [row["id"]])
            self._journal(row["claim_id"], "undo", {}, reviewer, now, target=row["id"])
        return row["claim_id"], _describe(row["kind"], json.loads(row["payload"]))

    @_translate_errors
    def redo(self, reviewer: str) -> tuple[int, str] | None:
        """Apply again the action this reviewer undid last, unless they acted since."""
        reviewer = sanitise_line(reviewer)
        kinds = ", ".join("?" * len(self._USER_KINDS))
        with self._write():
            undo_row = self._one(
                "SELECT * FROM actions WHERE reviewer = ? AND kind = 'undo' AND undone = 0"
                " ORDER BY id DESC LIMIT 1",
                [reviewer],
            )
            if undo_row is None:
                return None
            newer = self._one(
                f"SELECT id FROM actions WHERE reviewer = ? AND id > ? AND kind IN ({kinds})"
                " LIMIT 1",
                [reviewer, undo_row["id"], *self._USER_KINDS],
            )
            target = self._one("SELECT * FROM actions WHERE id = ?", [undo_row["target"]])
            if newer is not None or target is None or not target["undone"]:
                return None
            now = self.clock()
            self._apply(target, reviewer, now, reverse=False)
            self.db.execute("UPDATE actions SET undone = 0 WHERE id = ?", [target["id"]])
            self.db.execute("UPDATE actions SET undone = 1 WHERE id = ?", [undo_row["id"]])
            self._journal(target["claim_id"], "redo", {}, reviewer, now, target=target["id"])
        return target["claim_id"], _describe(target["kind"], json.loads(target["payload"]))

    def _apply(self, row: dict[str, Any], reviewer: str, now: str, *, reverse: bool) -> None:
        """Revert (``reverse``) or re-apply one journaled action."""
        kind, payload = row["kind"], json.loads(row["payload"])
        if kind == "group":
            for member in payload["actions"]:
                inner = self._one("SELECT * FROM actions WHERE id = ?", [member])
                if inner is not None:
                    self._apply(inner, reviewer, now, reverse=reverse)
            return
        if kind in ("verdict", "note", "verdict_member", "adjudicate"):
            state = payload["before"] if reverse else payload["after"]
            self._verdict_row(
                row["claim_id"],
                Status(state["verdict"]),
                reviewer,
                state["note"],
                Action.UNDO if reverse else Action.REDO,
                now,
                reverts=payload["verdict_id"],
            )
            if kind == "verdict" and payload.get("citation_id"):
                self._set_deleted(payload["citation_id"], reverse)
        elif kind == "citation_add":
            self._set_deleted(payload["citation_id"], reverse)
        elif kind == "citation_delete":
            self._set_deleted(payload["citation_id"], not reverse)
        elif kind == "citation_edit":
            fields = payload["before"] if reverse else payload["after"]
            self.db.table("citations").update(payload["citation_id"], fields)

    def _set_deleted(self, citation_id: int, deleted: bool) -> None:
        self.db.execute(
            "UPDATE citations SET deleted = ? WHERE id = ?", [int(deleted), citation_id]
        )

    @_translate_errors
    def get_citation(self, citation_id: int) -> Citation:
        row = self._one("SELECT * FROM citations WHERE id = ?", [citation_id])
        if row is None:
            raise NotFound(f"no citation with id {citation_id}")
        return Citation.from_row(row)

    @_translate_errors
    def history(self, claim_id: int) -> list[Verdict]:
        """The claim's verdict history, oldest first."""
        return self._history(claim_id)

    @_translate_errors
    def citations(self, claim_id: int, *, include_deleted: bool = False) -> list[Citation]:
        deleted = "" if include_deleted else " AND deleted = 0"
        return [
            Citation.from_row(r)
            for r in self._query(
                f"SELECT * FROM citations WHERE claim_id = ?{deleted} ORDER BY id", [claim_id]
            )
        ]


def _pending(state: dict[str, str]) -> str:
    """The pending note of a claim whose state (``_current``) this is."""
    return pending_note(Status(state["verdict"]), state["note"])


def _describe(kind: str, payload: dict[str, Any]) -> str:
    """A few words for what an action did, for the notification after undo/redo."""
    if kind == "verdict":
        return f"verdict {payload['after']['verdict']}"
    if kind == "group":
        return f"group verdict on {len(payload['actions'])} claims"
    if kind == "adjudicate":
        return f"adjudication {payload['after']['verdict']}"
    return {
        "note": "note",
        "citation_add": "new citation",
        "citation_edit": "citation edit",
        "citation_delete": "citation removal",
    }.get(kind, kind)
