"""Waiting for the app's workers in Pilot tests.

The app runs reads in exclusive workers: moving the cursor cancels the
evidence search for the claim it left. Textual's ``wait_for_complete`` raises
``WorkerCancelled`` for such a worker, which is the app working as meant, so
the tests wait with this instead; a worker that failed still fails the test.
"""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.worker import WorkerCancelled


async def workers_done(app: App[None], group: str | None = None) -> None:
    """Wait until no worker (of ``group``, if given) is running, including ones started meanwhile."""
    for _ in range(20):
        running = [
            worker
            for worker in app.workers
            if not worker.is_finished and (group is None or worker.group == group)
        ]
        if not running:
            return
        results = await asyncio.gather(*(w.wait() for w in running), return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, WorkerCancelled):
                raise result
    raise AssertionError("the app kept starting workers")
