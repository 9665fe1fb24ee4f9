"""Review-app responsiveness with 100,000 claims, driven headless with run_test.

    python bench/bench_app.py [--claims 100000]

Prints: time to the first screen, and the mean and worst time of a cursor
move, a filter change and a verdict. Goals (issue 3): first screen within
0.5 s of the app starting; each of the others within 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.core.models import Claim, ClaimFilter, ClaimKind, Document, Status
from workbench.core.store import Store
from workbench.tui.app import make_app
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.screens.review_base import EVIDENCE_DELAY
from workbench.tui.widgets.claims_table import ClaimsTable

PER_DOCUMENT = 20


def build(path: Path, claims: int) -> None:
    """A database with ``claims`` claims in documents of 20 (no text pipeline: fast)."""
    rng = random.Random(5)
    kinds = list(ClaimKind)
    sentence = "The council counted {n} repairs in {y}, more than any year before."
    with Store(path) as store, store.transaction():
        for number in range(claims // PER_DOCUMENT):
            texts = [
                sentence.format(n=rng.randint(10, 9999), y=rng.randint(2000, 2026))
                for _ in range(PER_DOCUMENT)
            ]
            body = " ".join(texts)
            doc = Document(
                None,
                f"Article {number}",
                f"outlet-{number % 40}",
                f"a{number}.txt",
                "2026-01-01",
                body,
                body,
                f"h{number}",
                "2026-01-01T00:00:00+00:00",
            )
            found, position = [], 0
            for text in texts:
                found.append(
                    Claim(
                        None,
                        None,
                        text,
                        rng.choice(kinds),
                        round(rng.random(), 3),
                        position,
                        position + len(text),
                    )
                )
                position += len(text) + 1
            store.save_document(doc, found)


async def measure(
    path: Path,
) -> tuple[dict[str, list[float]], dict[str, list[tuple[float, float]]]]:
    # (first frame, last frame) after each action: the response shown, then settled
    frames: dict[str, list[tuple[float, float]]] = {"cursor move": [], "filter": [], "verdict": []}
    times: dict[str, list[float]] = {
        "first screen": [],
        "no-op key": [],
        "cursor move": [],
        "filter": [],
        "verdict": [],
    }
    with Store(path) as store:
        app = make_app(store, "bench")
        started = time.perf_counter()
        async with app.run_test(size=(160, 48)) as pilot:
            while not (
                isinstance(app.screen, ReviewScreen) and app.screen.query_one(ClaimsTable).ids
            ):
                await asyncio.sleep(0.005)
            await pilot.pause()
            times["first screen"].append(time.perf_counter() - started)
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            table = screen.query_one(ClaimsTable)
            rendered = _watch_frames(screen)

            async def press(key: str) -> tuple[float, tuple[float, float]]:
                """Pilot's wall time for a key, and the key's first and last frames."""
                rendered.clear()
                begun = time.perf_counter()
                await pilot.press(key)
                took = time.perf_counter() - begun
                if not rendered:  # a key that changes nothing draws nothing
                    return took, (0.0, 0.0)
                return took, (rendered[0] - begun, rendered[-1] - begun)

            for _ in range(30):  # Pilot's own cost of a key press, for comparison
                took, _frame = await press("y")
                times["no-op key"].append(took)
            for _ in range(50):
                took, frame = await press("j")
                times["cursor move"].append(took)
                frames["cursor move"].append(frame)
            statuses = (Status.UNREVIEWED, Status.SUPPORTED, Status.DISPUTED, Status.MIXED)
            for status in statuses * 2:
                # A reviewer picks a filter in a dialog: by the time it applies,
                # the evidence search for the claim under the cursor is over.
                await asyncio.sleep(EVIDENCE_DELAY + 0.1)
                await app.workers.wait_for_complete()
                rendered.clear()
                begun = time.perf_counter()
                screen.where = ClaimFilter(statuses=(status,))
                screen._reload(keep=table.current_id)
                # The list's ids, not the evidence worker that then waits for the cursor to rest.
                await app.workers.wait_for_complete([w for w in app.workers if w.group == "ids"])
                await pilot.pause()
                times["filter"].append(time.perf_counter() - begun)
                frames["filter"].append((rendered[0] - begun, rendered[-1] - begun))
            screen.where = ClaimFilter()
            screen._reload()
            await app.workers.wait_for_complete()
            await pilot.pause()
            for key in "sdmu" * 5:
                took, frame = await press(key)
                times["verdict"].append(took)
                frames["verdict"].append(frame)
    return times, frames


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "bench.db")
        begun = time.perf_counter()
        build(path, args.claims)
        print(f"database: {args.claims:,} claims built in {time.perf_counter() - begun:.1f} s")
        times, frames = asyncio.run(measure(path))
    baseline = statistics.mean(times["no-op key"])
    for name, values in times.items():
        net = (
            ""
            if name in ("first screen", "no-op key")
            else (f"   beyond a no-op key {(statistics.mean(values) - baseline) * 1000:6.1f} ms")
        )
        print(
            f"{name:<13} mean {statistics.mean(values) * 1000:7.1f} ms   "
            f"worst {max(values) * 1000:7.1f} ms{net}   (n={len(values)})"
        )
    print("(key timings include Pilot's own press-and-wait; filter is timed from the change")
    print(" to the list redrawn, without a key press)")
    print("time from the action to the frame that shows its result (first) and to the")
    print("screen's last redraw for it (settled), as a reviewer would see them:")
    for name, pairs in frames.items():
        for label, values in (("first", [p[0] for p in pairs]), ("settled", [p[1] for p in pairs])):
            print(
                f"{name:<13} {label:<8} mean {statistics.mean(values) * 1000:5.1f} ms"
                f"   median {statistics.median(values) * 1000:5.1f} ms"
                f"   worst {max(values) * 1000:5.1f} ms   (n={len(values)})"
            )


if __name__ == "__main__":
    main()
