"""Holding the screen's next frame until the result a key asked for is in.

A key that starts a read in a worker (a sort, a '/' search keystroke) changes
something on screen at once (the search bar's text, a toast) and the list a
few milliseconds later. Drawn as they come, that is two frames: the second
waits for Textual's next tick (60 a second), so the list shows up to 17 ms
after it was ready, and the first frame's drawing delays the read too. Held,
both changes show in one frame, drawn the moment the result arrives, or after
``LIMIT`` if it is slow: the screen never waits longer than that for it.
"""

from __future__ import annotations

import contextlib
from typing import Any

from textual.app import App, ScreenStackError
from textual.timer import Timer

LIMIT = 0.05  # seconds a frame waits for the result, at most


class FrameHold:
    """One pending hold of an app's frames (nested holds extend it)."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._batch: contextlib.AbstractContextManager[None] | None = None
        self._timer: Timer | None = None

    @property
    def held(self) -> bool:
        return self._batch is not None

    def hold(self, limit: float = LIMIT) -> None:
        """Draw nothing until :meth:`release`, or ``limit`` seconds from now."""
        if self._batch is None:
            self._batch = self._app.batch_update()
            self._batch.__enter__()
        if self._timer is not None:
            self._timer.stop()
        # The app's timer, not a screen's: it fires even if the screen is gone.
        self._timer = self._app.set_timer(limit, self.release, name="frame hold")

    def release(self) -> None:
        """Draw what changed, now."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        batch, self._batch = self._batch, None
        if batch is not None:
            batch.__exit__(None, None, None)
            with contextlib.suppress(ScreenStackError):  # no screen: the app is closing
                self._app.screen.check_idle()  # its idle handler draws at once
