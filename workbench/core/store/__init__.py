"""The workbench database: the only package that speaks SQL.

One :class:`Store` wraps one ``sqlite_utils.Database``. Its connection may be
used from a worker thread (``check_same_thread=False``); a lock serialises
every call, and each unit of work (a document with its claims, a verdict with
its citation) is one transaction. The database runs in WAL mode with a busy
timeout, so a second process can read while one writes. Every write
transaction begins IMMEDIATE (``StoreBase._write``), so a writer waits for
another, up to the timeout, instead of failing at once.
"""

from __future__ import annotations

from workbench.core.store.base import EVERYTHING, ORDERS, StoreBase, utc_now
from workbench.core.store.bulk import BulkStore
from workbench.core.store.desk import DeskStore
from workbench.core.store.documents import DocumentStore, ListedClaim, SaveResult
from workbench.core.store.export import ExportQueries, ReviewedClaim
from workbench.core.store.factchecks import FactCheckStore
from workbench.core.store.listing import ClaimListStore
from workbench.core.store.matching import MatchingStore
from workbench.core.store.review import ReviewStore
from workbench.core.store.scales import ScaleChange, ScaleStore
from workbench.core.store.search import ClaimSearchStore
from workbench.core.store.settings import SettingsStore
from workbench.core.store.stats import DeskFigures, Stats, StatsStore


class Store(
    DocumentStore,
    DeskStore,
    ScaleStore,
    ReviewStore,
    StatsStore,
    FactCheckStore,
    SettingsStore,
    ExportQueries,
    MatchingStore,
    ClaimSearchStore,
    ClaimListStore,
    BulkStore,
    StoreBase,
):
    """All reads and writes of one workbench database."""


__all__ = [
    "EVERYTHING",
    "ORDERS",
    "DeskFigures",
    "ListedClaim",
    "ReviewedClaim",
    "SaveResult",
    "ScaleChange",
    "Stats",
    "Store",
    "StoreBase",
    "utc_now",
]
