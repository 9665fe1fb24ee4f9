"""The claims list read a page at a time: the same ids as reading them all, in order."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from workbench.core import claim_list
from workbench.core.claim_list import ClaimList, ClaimWindow
from workbench.core.models import Claim, ClaimFilter, ClaimKind, Document, Status
from workbench.core.store import ORDERS, Store

FILTERS = [
    ClaimFilter(),
    ClaimFilter(statuses=(Status.UNREVIEWED,)),
    ClaimFilter(statuses=(Status.SUPPORTED, Status.DISPUTED)),
    ClaimFilter(kinds=(ClaimKind.QUOTE,)),
    ClaimFilter(document_ids=(2, 3)),
]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(claim_list, "PAGE", 4)
    monkeypatch.setattr(claim_list, "CACHED_PAGES", 3)
    rng = random.Random(3)
    store = Store(tmp_path / "l.db")
    for number in range(6):
        texts = [f"Claim {number}-{i} counted {rng.randint(1, 99)} buses." for i in range(9)]
        body = " ".join(texts)
        claims, position = [], 0
        for text in texts:
            kind = rng.choice([ClaimKind.QUOTE, ClaimKind.STATISTIC, ClaimKind.EVENT])
            # Few distinct scores: many ties, which the id must order.
            score = rng.choice([0.2, 0.5, 0.9])
            claims.append(Claim(None, None, text, kind, score, position, position + len(text)))
            position += len(text) + 1
        document = Document(
            None, "T", f"S{number}", f"{number}.txt", None, body, body, f"h{number}", "2026"
        )
        store.save_document(document, claims)
    for claim_id in rng.sample(store.claim_ids(), 20):
        store.mark(claim_id, rng.choice([Status.SUPPORTED, Status.DISPUTED]), "ann")
    return store


@pytest.mark.parametrize("order", list(ORDERS))
@pytest.mark.parametrize("where", FILTERS)
def test_pages_read_in_any_order_give_the_whole_list(
    store: Store, where: ClaimFilter, order: str
) -> None:
    every = store.claim_ids(where, order=order)
    rng = random.Random(len(every))
    for visits in (
        range(len(every)),  # down, page after page (keyset)
        range(len(every) - 1, -1, -1),  # up from the end
        rng.sample(range(len(every)), len(every)),  # jumps: offsets from either end
    ):
        claims = ClaimList(store, where, order)
        assert len(claims) == len(every)
        assert {i: claims[i] for i in visits} == dict(enumerate(every))
    claims = ClaimList(store, where, order)
    assert claims == every and list(claims) == every
    for position, claim_id in enumerate(every):
        assert claims.index(claim_id) == position and claim_id in claims


def test_a_claim_outside_the_filter_is_not_found(store: Store) -> None:
    where = ClaimFilter(statuses=(Status.SUPPORTED,))
    outside = next(i for i in store.claim_ids() if i not in store.claim_ids(where))
    claims = ClaimList(store, where, "score")
    assert outside not in claims
    with pytest.raises(ValueError):
        claims.index(outside)


def test_around_reads_only_the_page_of_the_kept_claim(store: Store) -> None:
    every = store.claim_ids(order="score")
    claims, index = ClaimList.around(store, ClaimFilter(), "score", every[30])
    assert index == 30 and list(claims._pages) == [30 // claim_list.PAGE]
    assert ClaimList.around(store, ClaimFilter(), "score", None)[1] == 0


def test_claims_leaving_the_filter_skip_no_other(store: Store) -> None:
    """A verdict under a status filter: pages read later start at their neighbour's edge."""
    where = ClaimFilter(statuses=(Status.UNREVIEWED,))
    every = store.claim_ids(where, order="score")
    claims = ClaimList(store, where, "score")
    seen = [claims[i] for i in range(4)]
    for claim_id in seen:
        store.mark(claim_id, Status.SUPPORTED, "ann")
    seen += [claims[i] for i in range(4, len(claims))]
    assert seen == every


@pytest.mark.parametrize("order", list(ORDERS))
def test_a_status_filter_pages_every_order_without_a_sort(store: Store, order: str) -> None:
    """Sorting 700,000 unreviewed claims of a million for a page of 500 took 2 s."""
    from workbench.core.store.listing import _order_by

    sql, params = store._where(ClaimFilter(statuses=(Status.UNREVIEWED,)))
    plan = store.db.execute(
        f"EXPLAIN QUERY PLAN SELECT c.id FROM claims c{sql} ORDER BY {_order_by(order)} LIMIT 5",
        params,
    ).fetchall()
    assert not any("TEMP B-TREE" in str(step) for step in plan), plan


def test_a_version_9_database_gets_the_status_order_indexes(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from workbench.core.store.migrations import MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "v9.db"
    old = Database(path)
    for migration in MIGRATIONS[:9]:
        migration(old)
    old.execute("PRAGMA user_version = 9")
    old.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        indexed = {tuple(i.columns) for i in store.db.table("claims").indexes}
        assert {("status", "document_id", "start"), ("status", "kind", "score")} <= indexed


@pytest.mark.parametrize("order", list(ORDERS))
@pytest.mark.parametrize("where", FILTERS)
def test_a_window_is_the_lists_claims_around_the_kept_one(
    store: Store, where: ClaimFilter, order: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claim_list, "WINDOW_BEFORE", 3)
    monkeypatch.setattr(claim_list, "WINDOW_AFTER", 5)
    every = store.claim_ids(where, order=order)
    for at, claim_id in enumerate(every):
        window, index = ClaimWindow.around(store, where, order, claim_id)
        assert list(window) == every[max(0, at - 3) : at + 6] and window[index] == claim_id
        assert not window.counted and window.index(claim_id) == index
    outside = [i for i in store.claim_ids() if i not in every]
    for keep in [None, *outside[:3]]:
        window, index = ClaimWindow.around(store, where, order, keep)
        assert list(window) == every[:9] and index == 0


@pytest.mark.parametrize("order", list(ORDERS))
@pytest.mark.parametrize("where", FILTERS[:2])
def test_claims_past_a_claim_are_each_one_seek(
    store: Store, where: ClaimFilter, order: str
) -> None:
    """Past a claim in the status or kind order, SQLite sought only its status (or kind)
    and read every claim of it ahead of the claim (50-90 ms at a million claims)."""
    from workbench.core.store.base import ORDER_KEYS
    from workbench.core.store.listing import _beyond, _order_by

    sql, params = store._where(where)
    clauses = [sql.removeprefix(" WHERE ")] if sql else []
    values = {col: 1 for col, _desc in ORDER_KEYS[order]}
    for after in (True, False):
        for bound, more in _beyond(order, values, after=after):
            plan = " ".join(
                str(step[-1])
                for step in store.db.execute(
                    f"EXPLAIN QUERY PLAN SELECT c.id FROM claims c WHERE"
                    f" {' AND '.join([*clauses, bound])}"
                    f" ORDER BY {_order_by(order, reverse=not after)} LIMIT 5",
                    [*params, *more],
                )
            )
            assert "TEMP B-TREE" not in plan, plan
            seeks = [part.split()[0].removeprefix("c.").strip('"') for part in bound.split(" AND ")]
            for column in seeks:
                assert f"{'rowid' if column == 'id' else column}" in plan, (bound, plan)


def test_a_count_can_be_stopped_from_another_thread(store: Store) -> None:
    """A list replaced while it is counted stops counting (the app's next list waits not)."""
    import sqlite3
    import threading

    started = threading.Event()

    def endless(*_args: object) -> int:
        started.set()
        return 1

    store.db.conn.create_function("slow", 1, endless)
    failure: list[BaseException] = []

    def count() -> None:
        try:
            with store._lock:
                store.db.conn.execute(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                    " SELECT count(*) FROM n WHERE slow(i)"
                ).fetchone()
        except sqlite3.Error as error:  # the store's own calls turn it into a StoreError
            failure.append(store._error(error))

    thread = threading.Thread(target=count)
    thread.start()
    assert started.wait(5)
    store.interrupt()
    thread.join(5)
    assert not thread.is_alive() and failure and "interrupt" in str(failure[0])
    assert store.count_claims() > 0  # the connection reads on


def _expected_open(every: list[int], open_ids: set[int], at: int, forward: bool) -> list[int]:
    """Unreviewed claims after (before) ``at`` nearest first, then round from the other end."""
    where = every.index(at)
    if forward:
        ring = every[where + 1 :] + every[:where]
    else:
        ring = every[:where][::-1] + every[where + 1 :][::-1]
    return [claim_id for claim_id in ring if claim_id in open_ids]


@pytest.mark.parametrize("order", list(ORDERS))
@pytest.mark.parametrize("where", FILTERS)
@pytest.mark.parametrize("forward", [True, False])
def test_open_claims_come_nearest_first_round_the_list_once(
    store: Store, where: ClaimFilter, order: str, forward: bool
) -> None:
    every = store.claim_ids(where, order=order)
    unreviewed = set(store.claim_ids(ClaimFilter(statuses=(Status.UNREVIEWED,))))
    claims = ClaimList(store, where, order)
    for at in every[:: max(1, len(every) // 7)]:
        found = [claim_id for page in claims.open_claims(at, forward=forward) for claim_id in page]
        assert found == _expected_open(every, unreviewed, at, forward), at


def test_open_claims_skip_any_number_of_reviewed_ones_by_keyset(store: Store) -> None:
    every = store.claim_ids(order="source")
    for claim_id in every[1:-2]:  # all but the first and the last two reviewed
        store.mark(claim_id, Status.MIXED, "ann")
    for claim_id in every[-2:]:
        store.mark(claim_id, Status.UNREVIEWED, "ann")
    claims = ClaimList(store, ClaimFilter(), "source")
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    pages = list(claims.open_claims(every[0]))
    store.db.conn.set_trace_callback(None)
    assert [c for page in pages for c in page] == every[-2:]
    assert len([s for s in seen if s.lstrip().upper().startswith("SELECT")]) <= 6
    # A filter without unreviewed claims has none to offer, without asking.
    reviewed = ClaimList(store, ClaimFilter(statuses=(Status.MIXED,)), "source")
    assert list(reviewed.open_claims(every[2])) == []
