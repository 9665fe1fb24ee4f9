"""The database's verdict scale: reading it, and changing it with an explicit mapping."""

from __future__ import annotations

import json
from collections.abc import Mapping

import attrs

from workbench.core.models import Status
from workbench.core.scale import SCALE_SETTING, Scale, relabelling
from workbench.core.store.base import _translate_errors
from workbench.core.store.review import ReviewStore
from workbench.core.text.safe import sanitise_line

# Journal rows whose payload names verdicts ("before" / "after"), rewritten with them.
_VERDICT_ACTIONS = ("verdict", "verdict_member", "note", "adjudicate")


@attrs.frozen
class ScaleChange:
    """What changing a database's scale did."""

    old: Scale
    new: Scale
    mapping: tuple[tuple[Status, Status], ...]  # old label -> new label, where they differ
    verdict_rows: int  # history rows whose label was rewritten
    claims: int  # claims whose status was rewritten
    changed_at: str = ""
    changed_by: str = ""


class ScaleStore(ReviewStore):
    """The scale a database's reviewers use (see :mod:`workbench.core.scale`)."""

    @_translate_errors
    def scale(self) -> Scale:
        """The database's scale: ``ours`` until another is set."""
        return self._scale()

    @_translate_errors
    def labels_in_use(self) -> tuple[Status, ...]:
        """Every verdict label the claims or their histories hold, sorted by name."""
        return self._in_use()

    def _in_use(self) -> tuple[Status, ...]:
        names = {
            row[0]
            for row in self.db.execute(
                "SELECT status FROM claims UNION SELECT verdict FROM verdicts"
            ).fetchall()
        }
        return tuple(sorted(s for s in map(Status, names) if not s.is_state))

    @_translate_errors
    def set_scale(self, scale: Scale, mapping: Mapping[str, str], changed_by: str) -> ScaleChange:
        """Give the database ``scale``; relabel its verdicts as ``mapping`` says.

        Every label in use that the new scale lacks must be mapped (see
        :func:`~workbench.core.scale.relabelling`); otherwise nothing is
        written. In one transaction, each history row, each claim's status and
        each undo-journal entry that holds a mapped label is rewritten to its new
        label, the scale is stored, and a journal entry of kind ``scale``
        records the old scale, the new one, the mapping and, for each old label,
        the ids of the history rows that carried it. So:

        - the history stays truthful: what a reviewer gave can be read back
          from that entry (``scale_changes``), and when and by whom it was
          relabelled;
        - undo and redo, which restore labels from the journal, only ever
          restore labels of the new scale; the scale change itself is not an
          action anyone undoes with ``z`` (set the old scale back, with a
          mapping, instead);
        - at a desk of independent reviewers each relabelled claim is settled
          again: two verdicts mapped to one label agree from now on.
        """
        changed_by = sanitise_line(changed_by)
        with self._write():
            old = self._scale()
            changes = relabelling(old, scale, self._in_use(), mapping)
            now = self.clock()
            rows: dict[str, list[int]] = {}
            claims = 0
            for before in changes:
                ids = [
                    r[0]
                    for r in self.db.execute(
                        "SELECT id FROM verdicts WHERE verdict = ? ORDER BY id", [before.value]
                    ).fetchall()
                ]
                rows[before.value] = ids
            # Two passes through the rows found above, so that a swap (a=b, b=a) holds.
            for before, after in changes.items():
                for chunk, marks in self._chunked(rows[before.value], 900):
                    self.db.execute(
                        f"UPDATE verdicts SET verdict = ? WHERE id IN ({marks})",
                        [after.value, *chunk],
                    )
            claim_ids = {
                before: [
                    r[0]
                    for r in self.db.execute(
                        "SELECT id FROM claims WHERE status = ?", [before.value]
                    ).fetchall()
                ]
                for before in changes
            }
            relabelled = {i for ids in claim_ids.values() for i in ids}
            for before, after in changes.items():
                claims += len(claim_ids[before])
                for chunk, marks in self._chunked(claim_ids[before], 900):
                    self.db.execute(
                        f"UPDATE claims SET status = ? WHERE id IN ({marks})",
                        [after.value, *chunk],
                    )
            if changes:
                self._relabel_journal(changes)
            desk = self._desk()
            if desk.independent and changes:
                # Two verdicts mapped to one label now agree: the claim is settled
                # again, as the desk's rule gives it (a conflict may resolve).
                touched = self._claims_of_rows([i for ids in rows.values() for i in ids])
                for claim_id in touched:
                    before_row = self._one("SELECT status FROM claims WHERE id = ?", [claim_id])
                    after_status = self._settle(claim_id, desk.required_verdicts)
                    was = before_row["status"] if before_row else None
                    if was != after_status.value and claim_id not in relabelled:
                        claims += 1
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [SCALE_SETTING, json.dumps(scale.as_dict())],
            )
            pairs = tuple(changes.items())
            self._insert_row(
                "actions",
                {
                    "claim_id": None,
                    "kind": "scale",
                    "payload": json.dumps(
                        {
                            "from": old.as_dict(),
                            "to": scale.as_dict(),
                            "mapping": {a.value: b.value for a, b in pairs},
                            "verdict_rows": rows,
                            "claims": claims,
                        }
                    ),
                    "reviewer": changed_by,
                    "created_at": now,
                    "undone": 0,
                    "target": None,
                },
            )
        return ScaleChange(
            old=old,
            new=scale,
            mapping=pairs,
            verdict_rows=sum(len(ids) for ids in rows.values()),
            claims=claims,
            changed_at=now,
            changed_by=changed_by,
        )

    def _claims_of_rows(self, verdict_ids: list[int]) -> set[int]:
        found: set[int] = set()
        for chunk, marks in self._chunked(verdict_ids, 900):
            found.update(
                r[0]
                for r in self.db.execute(
                    f"SELECT DISTINCT claim_id FROM verdicts WHERE id IN ({marks})", chunk
                )
            )
        return found

    def _relabel_journal(self, changes: Mapping[Status, Status]) -> None:
        """Rewrite the verdicts named in undo-journal payloads (undo restores from them)."""
        names = {a.value: b.value for a, b in changes.items()}
        marks = ", ".join("?" * len(_VERDICT_ACTIONS))
        updates = []
        for action_id, raw in self.db.execute(
            f"SELECT id, payload FROM actions WHERE kind IN ({marks})", list(_VERDICT_ACTIONS)
        ).fetchall():
            payload = json.loads(raw)
            touched = False
            for side in ("before", "after"):
                state = payload.get(side)
                if isinstance(state, dict) and state.get("verdict") in names:
                    state["verdict"] = names[state["verdict"]]
                    touched = True
            if touched:
                updates.append((json.dumps(payload), action_id))
        self.db.conn.executemany("UPDATE actions SET payload = ? WHERE id = ?", updates)

    @_translate_errors
    def scale_changes(self) -> tuple[ScaleChange, ...]:
        """Every change of the database's scale, oldest first."""
        found = []
        for row in self._query(
            "SELECT payload, reviewer, created_at FROM actions WHERE kind = 'scale' ORDER BY id"
        ):
            payload = json.loads(row["payload"])
            found.append(
                ScaleChange(
                    old=Scale.from_dict(payload["from"]),
                    new=Scale.from_dict(payload["to"]),
                    mapping=tuple((Status(a), Status(b)) for a, b in payload["mapping"].items()),
                    verdict_rows=sum(len(ids) for ids in payload["verdict_rows"].values()),
                    claims=int(payload.get("claims", 0)),
                    changed_at=row["created_at"],
                    changed_by=row["reviewer"] or "",
                )
            )
        return tuple(found)
