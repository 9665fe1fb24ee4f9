"""Review-app responsiveness at scale, driven headless with run_test.

    python bench/bench_app.py [--claims 1000000] [--actions 200] [--db PATH]

Builds a database with ``build_db.py`` (or opens ``--db``), opens the app and
times, for each kind of action, how long from the action to the frame that
shows its result: cursor moves, verdicts (with auto-advance), filters (every
other one keeps every claim), sort-order changes and '/' search keystrokes.
Prints p50, p99 and max over ``--actions`` of each, the time to the first
screen, Pilot's own cost of a key that does nothing, and the reference loop
(bench_ingest.py's) that tells a slow machine from a slow build.
Goals (issue 16): first screen <= 0.5 s beyond imports, every action
<= 50 ms p99 at 1,000,000 claims.
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
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_ingest import machine_speed
from build_db import build
from textual.worker import WorkerCancelled, WorkerFailed

from workbench.core.models import ClaimFilter, Status
from workbench.core.store import Store
from workbench.tui.app import make_app
from workbench.tui.screens import review_base
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claims_table import ClaimsTable

FILTERS = [
    ClaimFilter(statuses=(Status.UNREVIEWED,)),
    ClaimFilter(),  # keeps every claim
    ClaimFilter(statuses=(Status.SUPPORTED, Status.DISPUTED)),
    ClaimFilter(),
]
QUERIES = ["council spent", "colwik audit", "okafr", "pumps faulty", "the rail operatr"]


async def measure(path: Path, actions: int, progress: bool) -> dict[str, list[float]]:
    """Seconds from each action to the frame that shows it, by action."""
    times: dict[str, list[float]] = {
        name: [] for name in ("first screen", "no-op key", "cursor", "verdict", "filter")
    }
    times.update({"sort": [], "search key": []})
    with Store(path) as store:
        app = make_app(store, "bench")
        started = time.perf_counter()
        async with app.run_test(size=(160, 48)) as pilot:
            while not (
                isinstance(app.screen, ReviewScreen) and app.screen.query_one(ClaimsTable).ids
            ):
                await asyncio.sleep(0.002)
            await pilot.pause()
            times["first screen"].append(time.perf_counter() - started)
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            rendered = _watch_frames(screen)

            def phase(name: str) -> None:
                if progress:
                    report({name: times[name]}, notes=False)

            listed = _watch_lists(screen.table)

            async def workers(group: str | None = None) -> None:
                """Until the workers of ``group`` (or all but the evidence's) are through."""
                for worker in list(app.workers):
                    if worker.group != group if group else worker.group == "evidence":
                        continue
                    with contextlib.suppress(WorkerCancelled, WorkerFailed):
                        await worker.wait()  # a cancelled or failed worker is through too
                await pilot.pause()

            async def timed(
                name: str, act: Callable[[], Awaitable[Any]], settle: str | None = None
            ) -> None:
                """The action's time to its first frame; with ``settle``, to the first
                frame after its workers handed the list a new set of ids."""
                screen.workers.cancel_group(screen, "evidence")  # as if the cursor rested
                rendered.clear()
                listed.clear()
                begun = time.perf_counter()
                await act()
                if settle is not None:
                    await workers(settle)
                    shown = [t for t in rendered if listed and t >= listed[-1]]
                else:
                    shown = rendered
                if shown:
                    times[name].append(shown[0] - begun)

            for _ in range(min(30, actions)):  # Pilot's own cost of a key press, for comparison
                begun = time.perf_counter()
                await pilot.press("y")
                times["no-op key"].append(time.perf_counter() - begun)
            phase("first screen")
            for key in itertools.islice(itertools.cycle("j" * 9 + "k"), actions):
                await timed("cursor", lambda key=key: pilot.press(key))
            phase("cursor")
            for key in itertools.islice(itertools.cycle("sdmu"), actions):
                await timed("verdict", lambda key=key: pilot.press(key))
            phase("verdict")
            await workers()
            for where in itertools.islice(itertools.cycle(FILTERS), actions):

                async def apply(where: ClaimFilter = where) -> None:
                    screen.where = where
                    screen._reload(keep=screen.table.current_id)

                await timed("filter", apply, settle="ids")
            phase("filter")
            await pilot.press("F")
            await workers()
            for _ in range(actions):
                await timed("sort", lambda: pilot.press("S"), settle="ids")
            phase("sort")
            typed = 0
            for query in itertools.cycle(QUERIES):
                if typed >= actions:
                    break
                await pilot.press("slash")
                for char in query[: actions - typed]:
                    key = "space" if char == " " else char
                    await timed("search key", lambda key=key: pilot.press(key), "search")
                    typed += 1
                await pilot.press("escape")
                await workers()
            phase("search key")
    return times


def _watch_frames(screen: ReviewScreen) -> list[float]:
    """When each screen update that redraws content finishes (the headless 'frame').

    An update that repaints only scroll bars is left out: Textual repaints the
    list's scroll bars a frame after each layout even when they have not moved,
    and that frame shows nothing new.
    """
    finished: list[float] = []
    compositor = screen._compositor
    draw, mark = screen._compositor_refresh, compositor.update_widgets
    dirty: set[str] = set()

    def marked(widgets: set[Any]) -> None:
        dirty.update(type(widget).__name__ for widget in widgets)
        mark(widgets)

    def timed() -> None:
        draw()
        if not dirty or dirty - {"ScrollBar"}:
            finished.append(time.perf_counter())
        dirty.clear()

    compositor.update_widgets = marked  # type: ignore[method-assign]
    screen._compositor_refresh = timed  # type: ignore[method-assign]
    return finished


def _watch_lists(table: ClaimsTable) -> list[float]:
    """When the list was last handed new ids (a filter, sort or search applied)."""
    handed: list[float] = []
    set_ids = table.set_ids

    def timed(*args: Any, **kwargs: Any) -> None:
        set_ids(*args, **kwargs)
        handed.append(time.perf_counter())

    table.set_ids = timed  # type: ignore[method-assign]
    return handed


def report(times: dict[str, list[float]], *, notes: bool = True) -> None:
    if times.get("first screen"):
        print(f"first screen  {times['first screen'][0] * 1000:7.1f} ms (from the app's start)")
    for name, values in times.items():
        if name == "first screen" or not values:
            continue
        ordered = sorted(values)
        p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
        print(
            f"{name:<13} p50 {statistics.median(values) * 1000:6.1f} ms   p99 {p99 * 1000:6.1f} ms"
            f"   max {max(values) * 1000:6.1f} ms   (n={len(values)})"
        )
    if notes:
        print("(action to the frame that shows it; filter, sort and search include the worker")
        print(" that reads the list; key actions include Pilot's own press, see no-op key)")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--actions", type=int, default=200, help="of each kind")
    parser.add_argument("--db", type=Path, help="a database built already (its verdicts change)")
    parser.add_argument("--progress", action="store_true", help="print each action's figures")
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
        times = asyncio.run(measure(path, args.actions, args.progress))
    report(times)
    print(f"machine: reference loop {machine_speed():.2f} s (see bench_ingest.py)")


if __name__ == "__main__":
    main()
