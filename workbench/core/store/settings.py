"""Settings: one JSON value a key, for the app's saved state and the desk's rules."""

from __future__ import annotations

import json
from typing import Any

from workbench.core.desk import ADJUDICATOR_MAY_REVIEW, REQUIRED_VERDICTS, ROSTER, DeskSettings
from workbench.core.store.base import StoreBase, _translate_errors


class SettingsStore(StoreBase):
    """Reads and writes of the settings table."""

    @_translate_errors
    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._one("SELECT value FROM settings WHERE key = ?", [key])
        return json.loads(row["value"]) if row else default

    @_translate_errors
    def set_setting(self, key: str, value: Any) -> None:
        with self._write():
            self._put_setting(key, value)

    def _put_setting(self, key: str, value: object) -> None:
        """Write one setting inside the caller's transaction."""
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value)],
        )

    def _desk(self) -> DeskSettings:
        """The desk's settings, read inside the caller's lock (and transaction)."""
        values = {
            r["key"]: json.loads(r["value"])
            for r in self._query(
                "SELECT key, value FROM settings WHERE key IN (?, ?, ?)",
                [REQUIRED_VERDICTS, ADJUDICATOR_MAY_REVIEW, ROSTER],
            )
        }
        return DeskSettings(
            required_verdicts=int(values.get(REQUIRED_VERDICTS, 1)),
            adjudicator_may_review=bool(values.get(ADJUDICATOR_MAY_REVIEW, False)),
            roster=tuple(values.get(ROSTER, ())),
        )
