"""Snapshots of the main views at 80x24 and 160x48, and of every dialog, search
results, an empty database and read-only mode at 80x24 (pytest-textual-snapshot).

Update after an intended change with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.waiting import workers_done
from workbench.core.matching import match
from workbench.core.models import Citation, ClaimFilter, ClaimKind, SourceKind, Stance, Status
from workbench.core.store import Store
from workbench.tui.app import WorkbenchApp, make_app

SnapCompare = Callable[..., bool]  # pytest-textual-snapshot's fixture
RunBefore = Callable[[Pilot[None]], Awaitable[None]]

SIZES = [(80, 24), (160, 48)]


def prepared(store: Store):  # type: ignore[no-untyped-def]
    match(store)
    ids = store.claim_ids()
    store.mark(ids[0], Status.SUPPORTED, "ann", note="matches the audit report")
    store.mark(ids[1], Status.DISPUTED, "bob")
    store.add_citation(
        Citation(
            None,
            ids[0],
            "https://audit.example/report",
            SourceKind.URL,
            quote="23% of treated water is lost",
            locator="p. 4",
            stance=Stance.SUPPORTS,
            reviewer="ann",
        )
    )
    app = make_app(store, "ann")
    return app


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the list is loaded and the evidence for the claim has been found."""
    await pilot.pause()
    await workers_done(pilot.app)  # the list's ids
    await pilot.pause()  # the list drawn, the claim shown: its evidence is looked for
    await workers_done(pilot.app)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare: SnapCompare, store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(prepared(store), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_citation_form(snap_compare: SnapCompare, store: Store, size: tuple[int, int]) -> None:
    async def open_form(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)

    assert snap_compare(prepared(store), terminal_size=size, run_before=open_form)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader_view(snap_compare: SnapCompare, store: Store, size: tuple[int, int]) -> None:
    async def open_reader(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)

    assert snap_compare(prepared(store), terminal_size=size, run_before=open_reader)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare: SnapCompare, store: Store, size: tuple[int, int]) -> None:
    async def open_help(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(prepared(store), terminal_size=size, run_before=open_help)


def _opens(*keys: str, path: str | None = None) -> RunBefore:
    """A run_before that waits for the screen, presses ``keys`` and waits again."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        if path is not None:  # the export form starts in the database's (temporary) folder
            pilot.app.screen.query_one("#path", Input).value = path
            await pilot.pause()

    return run_before


@pytest.mark.parametrize(
    ("keys", "path"),
    [
        (("n",), None),
        (("f",), None),
        (("e",), "report.html"),
        (("g",), None),
        (("C",), None),
    ],
    ids=["note", "filter", "export", "group-verdict", "citation-picker"],
)
def test_dialog(
    snap_compare: SnapCompare, store: Store, keys: tuple[str, ...], path: str | None
) -> None:
    assert snap_compare(
        prepared(store), terminal_size=SIZES[0], run_before=_opens(*keys, path=path)
    )


def test_search_results(snap_compare: SnapCompare, store: Store) -> None:
    assert snap_compare(
        prepared(store), terminal_size=SIZES[0], run_before=_opens("slash", *"audit")
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_empty_database(
    snap_compare: SnapCompare, tmp_path: Path, make_clock: type, size: tuple[int, int]
) -> None:
    with Store(Path("empty.db"), clock=make_clock()) as empty:
        assert snap_compare(make_app(empty, "ann"), terminal_size=size, run_before=settle)


def test_read_only(snap_compare: SnapCompare, db_path: Path, make_clock: type) -> None:
    with Store(Path(db_path.name), clock=make_clock(), readonly=True) as store:
        assert store.readonly
        assert snap_compare(make_app(store, "ann"), terminal_size=SIZES[0], run_before=settle)


def at_a_desk(store: Store, viewer: str) -> WorkbenchApp:
    """Two reviewers who disagree on the first claim, with notes and citations; the
    second claim judged by ann only (blind to bob)."""
    store.set_required_verdicts(2)
    store.add_to_roster(["ann", "bob", "eve"])
    first, second = store.claim_ids()[:2]
    store.assign(ClaimFilter(kinds=(ClaimKind.QUOTE,)), ["ann"], "eve")
    for who, verdict, note, source, quote in (
        ("ann", Status.SUPPORTED, "matches the audit", "https://audit.example", "23% is lost"),
        (
            "bob",
            Status.DISPUTED,
            "the register says less",
            "https://register.example",
            "13% is lost",
        ),
    ):
        citation = Citation(
            None, first, source, SourceKind.URL, quote=quote, stance=Stance.SUPPORTS, reviewer=who
        )
        store.mark(first, verdict, who, note=note, citation=citation)
    store.mark(second, Status.MIXED, "ann", note="half of it")
    return make_app(store, viewer)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_adjudication_screen(
    snap_compare: SnapCompare, store: Store, size: tuple[int, int]
) -> None:
    assert snap_compare(at_a_desk(store, "eve"), terminal_size=size, run_before=_opens("A"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stats_screen(snap_compare: SnapCompare, store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(at_a_desk(store, "eve"), terminal_size=size, run_before=_opens("i"))


def test_blind_detail_for_the_second_reviewer(snap_compare: SnapCompare, store: Store) -> None:
    async def second_claim(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)

    assert snap_compare(at_a_desk(store, "bob"), terminal_size=SIZES[1], run_before=second_claim)
