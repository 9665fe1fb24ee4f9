"""Review-app responsiveness at scale: each action to the frame that shows it.

    python bench/bench_app.py [--claims 1000000] [--actions 200] [--db PATH] [--pace 0.15]

Builds a database with ``build_db.py`` (or opens ``--db``), opens the app
headless and times, for each kind of action, how long from the action to the
frame that shows its result: cursor moves, verdicts, filters (every other one
keeps every claim), sort-order changes and '/' search keystrokes. Prints p50,
p99 and max over ``--actions`` of each, the time to the first screen, and the
reference loop (bench_ingest.py's) that tells a slow machine from a slow build.
Goals (issue 16): first screen <= 0.5 s beyond imports, every action <= 50 ms
p99 at 1,000,000 claims.

What is measured, every timestamp ``time.perf_counter()`` in the app's process:

- from: the moment the action is dispatched: the key event handed to the
  driver, as a terminal's input thread hands it (a filter: the call that applies
  it, as the filter dialog's does);
- to: the end of the first frame that was composed after the action's effect
  reached the list, and written: the screen's compositor update turned into
  the terminal's bytes (the headless driver skips that step; the bench does it,
  so its cost counts). The effect is: a cursor move, the cursor's new line; a
  verdict, the committed verdict drawn in its row (the writer's commit
  included, not just the cursor moving on); a filter or sort, the list handed
  its new ids (the worker that reads them included); a search key, the list
  handed that query's results.

From 50,000 claims a filter or sort first shows the claims around the cursor
(the header says "counting claims…"), then the counted list: "filter" and
"sort" are to the first of those frames, "filter counted" and "sort counted"
to the second. Likewise "first screen" is to the first frame with claims and
"first counted" to the one with the counts in the header.

Actions come at most one every ``--pace`` seconds (a brisk reviewer), the next
one as soon as the last one's frame is out if that is later, and nothing waits
for the app to go idle in between: background work one action started (the
counts re-read after a filter, evidence search once the cursor rests) competes
with the next, as it would for a person. Pilot is used only to start the app:
its ``press`` waits for the process to look idle (two 20 ms sleeps at least),
so a key through Pilot that does nothing takes ~40 ms; that figure is printed
as "Pilot no-op" to show what a Pilot-timed figure would carry, and is in no
other figure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_ingest import machine_speed
from build_db import build
from textual import events
from textual._compositor import CompositorUpdate
from textual.app import App

from workbench.core.models import ClaimFilter, Status
from workbench.core.store import Store
from workbench.tui.app import make_app
from workbench.tui.screens import review_base
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.search_bar import SearchBar

FILTERS = [
    ClaimFilter(statuses=(Status.UNREVIEWED,)),
    ClaimFilter(),  # keeps every claim
    ClaimFilter(statuses=(Status.SUPPORTED, Status.DISPUTED)),
    ClaimFilter(),
]
QUERIES = ["council spent", "colwik audit", "okafr", "pumps faulty", "the rail operatr"]
KEY_CHARACTERS = {"space": " ", "slash": "/"}
TIMEOUT = 60.0  # seconds an action may take before the bench gives up on it


class Probe:
    """Timestamps taken inside the app: effects on the list, frames written."""

    def __init__(self, app: App[Any]) -> None:
        self.frames: list[tuple[float, float]] = []  # (composition began, written)
        self.effects: list[tuple[str, float, Any]] = []  # (kind, when, detail)
        self.first_screen: float | None = None  # when the first frame with claims was written
        self.first_counted: float | None = None  # ... with the list counted and the header
        self._screen: ReviewScreen | None = None
        self._began: float | None = None
        self._changed = asyncio.Event()
        display = app._display

        def written(screen: Any, update: Any) -> None:
            display(screen, update)
            if not isinstance(screen, ReviewScreen) or not isinstance(update, CompositorUpdate):
                return
            update.render_segments(app.console)  # the bytes a terminal would be sent
            now = time.perf_counter()
            if self.first_screen is None and screen.table.ids:
                self.first_screen = now
            if self.first_counted is None and getattr(screen.table.ids, "counted", False):
                self.first_counted = now
            if screen is self._screen:
                self.frames.append((self._began or now, now))
                self._began = None
                self._changed.set()

        app._display = written  # type: ignore[method-assign]

    def attach(self, screen: ReviewScreen) -> None:
        """Time the frames of ``screen`` from their start, and what reaches its list."""

        def began(original: Callable[..., None]) -> Callable[..., None]:
            def run(*args: Any, **kwargs: Any) -> None:
                if self._began is None:
                    self._began = time.perf_counter()
                original(*args, **kwargs)

            return run

        screen._refresh_layout = began(screen._refresh_layout)  # type: ignore[method-assign]
        screen._compositor_refresh = began(screen._compositor_refresh)  # type: ignore[method-assign]
        self._screen = screen
        table = screen.table
        set_ids, refresh_rows = table.set_ids, table.refresh_rows
        highlight = table.on_highlight

        def ids_set(ids: Any, **kwargs: Any) -> None:
            set_ids(ids, **kwargs)
            self._effect("ids", ids)

        def rows_refreshed(*claim_ids: int) -> None:
            refresh_rows(*claim_ids)
            self._effect("rows", claim_ids)

        def highlighted(claim_id: int | None) -> None:
            if highlight is not None:
                highlight(claim_id)
            self._effect("cursor", claim_id)

        table.set_ids = ids_set  # type: ignore[method-assign]
        table.refresh_rows = rows_refreshed  # type: ignore[method-assign]
        table.on_highlight = highlighted

    def _effect(self, kind: str, detail: Any) -> None:
        self.effects.append((kind, time.perf_counter(), detail))
        self._changed.set()

    async def _until(self, found: Callable[[], float | None]) -> float:
        deadline = time.perf_counter() + TIMEOUT
        while (when := found()) is None:
            self._changed.clear()
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError("the action never showed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)
        return when

    async def effect(self, kind: str, since: int, wanted: Callable[[Any], bool]) -> float:
        """When the first effect of ``kind`` after the first ``since`` ones (and
        whose detail ``wanted`` takes) reached the list."""

        def found() -> float | None:
            for effect_kind, when, detail in self.effects[since:]:
                if effect_kind == kind and wanted(detail):
                    return when
            return None

        return await self._until(found)

    async def frame_after(self, moment: float) -> tuple[float, float]:
        """When the first frame composed after ``moment`` began, and when it was written."""

        def found() -> float | None:
            return next((began for began, _done in self.frames if began >= moment), None)

        began = await self._until(found)
        return began, next(done for start, done in self.frames if start == began)


def send_key(app: App[Any], key: str) -> None:
    """Hand ``key`` to the app as its driver hands a key typed at the terminal."""
    character = KEY_CHARACTERS.get(key, key if len(key) == 1 else None)
    assert app._driver is not None
    app._driver.send_message(events.Key(key, character))


async def measure(path: Path, actions: int, pace: float, progress: bool) -> dict[str, list[float]]:
    """Seconds from each action to the frame that shows it, by action."""
    names = (
        "first screen",
        "first counted",
        "Pilot no-op",
        "cursor",
        "verdict",
        "filter",
        "filter counted",
    )
    names += ("sort", "sort counted", "search key")
    times: dict[str, list[float]] = {name: [] for name in names}
    # With --progress, each action's time in three: the app's handling to the
    # effect on the list, the wait for the next frame, composing and writing it.
    parts: dict[str, dict[str, list[float]]] = {}
    with Store(path) as store:
        app = make_app(store, "bench")
        probe = Probe(app)
        started = time.perf_counter()
        async with app.run_test(size=(160, 48)) as pilot:
            while probe.first_screen is None or probe.first_counted is None:
                await asyncio.sleep(0.001)
            times["first screen"].append(probe.first_screen - started)
            times["first counted"].append(probe.first_counted - started)
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            probe.attach(screen)
            table = screen.table
            last = 0.0

            async def timed(
                name: str,
                dispatch: Callable[[], None],
                kind: str,
                wanted: Callable[[Any], bool],
                then: str | None = None,
            ) -> None:
                """Time one action; with ``then``, also to the frame with the counted list."""
                nonlocal last
                await asyncio.sleep(max(0.0, last + pace - time.perf_counter()))
                since = len(probe.effects)
                begun = last = time.perf_counter()
                dispatch()
                effect = await probe.effect(kind, since, wanted)
                composed, written = await probe.frame_after(effect)
                times[name].append(written - begun)
                split = parts.setdefault(name, {"  to effect": [], "  to frame": [], "  frame": []})
                split["  to effect"].append(effect - begun)
                split["  to frame"].append(composed - effect)
                split["  frame"].append(written - composed)
                if then is not None:
                    effect = await probe.effect("ids", since, counted)
                    times[then].append((await probe.frame_after(effect))[1] - begun)

            def phase(name: str) -> None:
                if progress:
                    report({name: times[name], **parts.get(name, {})}, notes=False)
                    if times.get(f"{name} counted"):
                        report({f"{name} counted": times[f"{name} counted"]}, notes=False)

            def anything(_detail: Any) -> bool:
                return True

            def counted(ids: Any) -> bool:
                return bool(getattr(ids, "counted", True))

            for _ in range(min(30, actions)):  # Pilot's own cost of a key that does nothing
                begun = time.perf_counter()
                await pilot.press("y")
                times["Pilot no-op"].append(time.perf_counter() - begun)
            phase("first screen")
            for key in itertools.islice(itertools.cycle("j" * 9 + "k"), actions):
                await timed("cursor", lambda key=key: send_key(app, key), "cursor", anything)
            phase("cursor")
            for key in itertools.islice(itertools.cycle("sdmu"), actions):
                claim = table.current_id

                def committed(detail: Any, claim: int | None = claim) -> bool:
                    return claim in detail

                await timed("verdict", lambda key=key: send_key(app, key), "rows", committed)
            phase("verdict")
            for where in itertools.islice(itertools.cycle(FILTERS), actions):

                def apply(where: ClaimFilter = where) -> None:
                    screen.where = where
                    screen._reload(keep=table.current_id)

                await timed("filter", apply, "ids", anything, then="filter counted")
            phase("filter")
            screen.where = ClaimFilter()
            for _ in range(actions):
                await timed(
                    "sort", lambda: send_key(app, "S"), "ids", anything, then="sort counted"
                )
            phase("sort")
            typed = 0
            bar = screen.query_one(SearchBar)
            for query in itertools.cycle(QUERIES):
                if typed >= actions:
                    break
                send_key(app, "slash")
                while not bar.has_focus:
                    await asyncio.sleep(0.001)
                for char in query[: actions - typed]:
                    key = "space" if char == " " else char
                    await timed("search key", lambda key=key: send_key(app, key), "ids", anything)
                    typed += 1
                send_key(app, "escape")
                while bar.display:
                    await asyncio.sleep(0.001)
            phase("search key")
    return times


def report(times: dict[str, list[float]], *, notes: bool = True) -> None:
    if times.get("first screen"):
        print(f"first screen   {times['first screen'][0] * 1000:7.1f} ms (from the app's start)")
    if times.get("first counted"):
        print(f"first counted  {times['first counted'][0] * 1000:7.1f} ms (the list counted too)")
    for name, values in times.items():
        if name in ("first screen", "first counted") or not values:
            continue
        ordered = sorted(values)
        p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
        print(
            f"{name:<14} p50 {statistics.median(values) * 1000:6.1f} ms   p99 {p99 * 1000:6.1f} ms"
            f"   max {max(values) * 1000:6.1f} ms   (n={len(values)})"
        )
    if notes:
        print("(from the action's dispatch to the end of writing the first frame that shows it,")
        print(" timed inside the app: see the docstring; Pilot no-op is the harness's own cost of")
        print(" a key through Pilot.press, which no other figure includes)")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--actions", type=int, default=200, help="of each kind")
    parser.add_argument("--db", type=Path, help="a database built already (its verdicts change)")
    parser.add_argument("--progress", action="store_true", help="print each action's figures")
    parser.add_argument(
        "--pace", type=float, default=0.15, help="seconds at least between two actions"
    )
    parser.add_argument(
        "--no-evidence",
        action="store_true",
        help="never look for evidence (its search takes seconds of CPU at a million claims)",
    )
    args = parser.parse_args()
    if args.no_evidence:
        review_base.EVIDENCE_DELAY = 3600.0
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db
        if path is None:
            path = Path(tmp, "bench.db")
            begun = time.perf_counter()
            size = build(path, args.claims)
            took = time.perf_counter() - begun
            print(f"database: {args.claims:,} claims built in {took:.1f} s, {size:,.1f} MB")
        times = asyncio.run(measure(path, args.actions, args.pace, args.progress))
    report(times)
    print(f"machine: reference loop {machine_speed():.2f} s (see bench_ingest.py)")


if __name__ == "__main__":
    main()
