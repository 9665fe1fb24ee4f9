"""Outlets and authors: named by the article, by --source, kept by the store, shown in reports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.core.ingest import ingest
from workbench.core.store import Store
from workbench.core.store.migrations import SCHEMA_VERSION


def test_a_version_6_database_gains_authors_and_url(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        ingest(store, [Path(__file__).resolve().parents[2] / "samples" / "morning-brief.txt"])
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE documents DROP COLUMN authors")
    conn.execute("ALTER TABLE documents DROP COLUMN url")
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 7
        (doc,) = store.documents()
        document = store.get_document(doc["id"])
        assert (document.authors, document.url) == ((), None)
