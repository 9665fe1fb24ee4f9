"""Schema of the workbench database, one function per version.

``PRAGMA user_version`` holds the version a database is at. Each migration runs
in the same transaction as the version bump, so a database is never left
between two versions. A database from a newer workbench is refused, never
altered.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from workbench.core.store.passages import PASSAGE_INSERT, PASSAGES_TABLE, passage_rows


def _v1_core(db: Database) -> None:
    db.table("documents").create(
        {
            "id": int,
            "title": str,
            "source": str,
            "path": str,
            "published": str,
            "format": str,
            "original_text": str,
            "clean_text": str,
            "content_hash": str,
            "ingested_at": str,
        },
        pk="id",
        not_null={"title", "source", "path", "clean_text", "content_hash"},
    )
    db.table("documents").create_index(["content_hash"], unique=True)
    db.table("documents").create_index(["path"])
    db.table("claims").create(
        {
            "id": int,
            "document_id": int,
            "text": str,
            "kind": str,
            "score": float,
            "start": int,
            "end": int,
            "sentence_index": int,
            "paragraph_index": int,
            "numbers": str,
            "speaker": str,
            "quote": str,
            "status": str,
            "reasons": str,
            "stale": int,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        not_null={"document_id", "text", "kind", "score", "status"},
        defaults={"status": "unreviewed", "stale": 0},
    )
    for columns in (["status", "score"], ["kind", "score"], ["document_id", "start"], ["score"]):
        db.table("claims").create_index(columns)
    db.table("verdicts").create(
        {
            "id": int,
            "claim_id": int,
            "verdict": str,
            "reviewer": str,
            "note": str,
            "created_at": str,
            "action": str,
            "reverts": int,
            "carried_from": int,
        },
        pk="id",
        foreign_keys=[("claim_id", "claims", "id")],
        not_null={"claim_id", "verdict", "created_at", "action"},
    )
    db.table("verdicts").create_index(["claim_id", "id"])
    db.table("verdicts").create_index(["reviewer"])
    db.table("citations").create(
        {
            "id": int,
            "claim_id": int,
            "verdict_id": int,
            "source": str,
            "source_kind": str,
            "quote": str,
            "locator": str,
            "stance": str,
            "note": str,
            "reviewer": str,
            "created_at": str,
            "deleted": int,
        },
        pk="id",
        foreign_keys=[("claim_id", "claims", "id"), ("verdict_id", "verdicts", "id")],
        not_null={"claim_id", "source", "source_kind", "created_at"},
        defaults={"deleted": 0},
    )
    db.table("citations").create_index(["claim_id"])
    db.table("settings").create({"key": str, "value": str}, pk="key")


def _v2_journal(db: Database) -> None:
    """The undo journal: every reviewer action, so it can be undone and redone."""
    db.table("actions").create(
        {
            "id": int,
            "claim_id": int,
            "kind": str,  # verdict, note, citation_add, citation_edit, citation_delete, undo, redo
            "payload": str,  # JSON: what is needed to revert and re-apply
            "reviewer": str,
            "created_at": str,
            "undone": int,  # 1 while reverted (for undo/redo rows: consumed)
            "target": int,  # for undo/redo rows: the action acted on
        },
        pk="id",
        foreign_keys=[("claim_id", "claims", "id")],
        not_null={"kind", "payload", "created_at"},
        defaults={"undone": 0},
    )
    db.table("actions").create_index(["reviewer", "id"])


def _v3_matching(db: Database) -> None:
    """Claims across sources: groups, blocking keys, links, flags, copies, evidence."""
    db.table("claims").add_column("group_id", int)
    db.table("claims").create_index(["group_id"])
    db.table("claim_keys").create(
        {"key": str, "claim_id": int},
        pk=("key", "claim_id"),
        foreign_keys=[("claim_id", "claims", "id")],
    )
    db.table("claim_keys").create_index(["claim_id"])
    # An edge between two claims of different documents: 'same' (one group) or
    # 'conflict' (same subject and unit, different number).
    db.table("claim_links").create(
        {"a": int, "b": int, "kind": str, "score": float, "detail": str},
        pk=("a", "b", "kind"),
        foreign_keys=[("a", "claims", "id"), ("b", "claims", "id")],
    )
    db.table("claim_links").create_index(["b"])
    db.table("flags").create(
        {"id": int, "group_id": int, "kind": str, "claim_a": int, "claim_b": int, "detail": str},
        pk="id",
    )
    db.table("flags").create_index(["group_id"])
    db.table("flags").create_index(["claim_a"])
    db.table("flags").create_index(["claim_b"])
    db.table("copies").create(
        {"doc_a": int, "doc_b": int, "score": float, "shared": int}, pk=("doc_a", "doc_b")
    )
    for column, kind in (
        ("verified_score", float),
        ("verified_document", int),
        ("verified_start", int),
        ("verified_end", int),
    ):
        db.table("citations").add_column(column, kind)
    db.execute(
        "CREATE VIRTUAL TABLE passages USING fts5("
        "text, doc_id UNINDEXED, paragraph UNINDEXED, start UNINDEXED, tokenize = 'unicode61')"
    )


def _v4_common_keys(db: Database) -> None:
    """Blocking keys held by too many claims to block on, remembered instead of stored."""
    db.table("common_keys").create({"key": str}, pk="key")


def _v5_passages_without_positions(db: Database) -> None:
    """Rebuild the paragraph index without token positions (``detail = none``).

    Evidence search asks only which paragraphs hold which words, never for a
    phrase, so positions were written for nothing: without them indexing a
    paragraph costs a third less and the index is a third smaller.
    """
    db.execute("DROP TABLE passages")
    db.execute(PASSAGES_TABLE)
    documents = db.conn.execute("SELECT id, clean_text FROM documents ORDER BY id")
    for doc_id, text in documents:
        db.conn.executemany(PASSAGE_INSERT, passage_rows(doc_id, text))


def _v6_score_indexes_descending(db: Database) -> None:
    """Index scores in descending order, as the claims list shows them.

    The list is ordered by score, highest first, then by id. An ascending
    index read backwards yields equal scores by descending id, so SQLite sorted
    every run of equal scores again; a descending index hands the rows over in
    list order (100,000 ids in half the time).
    """
    for name, columns in (
        ("idx_claims_status_score", "status, score DESC"),
        ("idx_claims_kind_score", "kind, score DESC"),
        ("idx_claims_score", "score DESC"),
    ):
        db.execute(f"DROP INDEX IF EXISTS {name}")
        db.execute(f"CREATE INDEX {name} ON claims ({columns})")


def _v7_document_authors_and_url(db: Database) -> None:
    """Documents name their authors (a JSON list) and a web page its canonical URL.

    Existing documents get no authors and no URL; ingesting them again fills both.
    """
    db.table("documents").add_column("authors", str)
    db.table("documents").add_column("url", str)


def _v8_assignments(db: Database) -> None:
    """Who holds which claim: a claim may be given to several reviewers (second review)."""
    db.table("assignments").create(
        {"claim_id": int, "reviewer": str, "assigned_by": str, "assigned_at": str},
        pk=("claim_id", "reviewer"),
        foreign_keys=[("claim_id", "claims", "id")],
        not_null={"assigned_at"},
    )
    db.table("assignments").create_index(["reviewer", "claim_id"])


def _v9_factchecks(db: Database) -> None:
    """Published fact-checks, their search index, and the claims they match.

    A fact-check's url is its identity. ``claim_terms`` and ``title_terms`` are
    its words as matching reads them (stemmed, stop words out); the contentless
    FTS5 index holds only those, and ``factchecks_vocab`` / ``factchecks_postings``
    read how many fact-checks hold a word and which. ``matched`` is 0 until every
    claim has been compared with the fact-check; ``factcheck_seen`` lists the
    claims compared with every matched fact-check. A claim's rows go with it.
    Every statement is IF NOT EXISTS: a database whose version number was set
    back (as tests simulate an old one) migrates again without failing.
    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS factchecks (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE,"
        " claim TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', rating TEXT NOT NULL DEFAULT '',"
        " publisher TEXT NOT NULL DEFAULT '', date TEXT NOT NULL DEFAULT '',"
        " claim_terms TEXT NOT NULL DEFAULT '', title_terms TEXT NOT NULL DEFAULT '',"
        " length INTEGER NOT NULL DEFAULT 0, imported_at TEXT NOT NULL DEFAULT '',"
        " matched INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS factchecks_unmatched ON factchecks (matched) WHERE matched = 0"
    )
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS factchecks_fts USING fts5(claim, title, content = '',"
        " tokenize = 'unicode61')"
    )
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS factchecks_vocab USING fts5vocab(factchecks_fts, 'row')"
    )
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS factchecks_postings USING fts5vocab(factchecks_fts, 'instance')"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS factcheck_matches (claim_id INTEGER NOT NULL REFERENCES claims (id),"
        " factcheck_id INTEGER NOT NULL REFERENCES factchecks (id), score REAL NOT NULL,"
        " PRIMARY KEY (claim_id, factcheck_id)) WITHOUT ROWID"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS factcheck_matches_factcheck ON factcheck_matches (factcheck_id)"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS factcheck_seen (claim_id INTEGER PRIMARY KEY REFERENCES claims (id))"
    )
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS claims_delete_factcheck_rows BEFORE DELETE ON claims BEGIN"
        " DELETE FROM factcheck_matches WHERE claim_id = old.id;"
        " DELETE FROM factcheck_seen WHERE claim_id = old.id; END"
    )


def _v10_links_without_foreign_keys(db: Database) -> None:
    """Links keyed by (a, b, kind) alone: no foreign keys, no rowid.

    Checking both claims of every link made writing a rebuild's links a third
    slower (hundreds of thousands of rows); the store deletes a claim's links
    itself before it deletes the claim (``documents``), and nothing else does.
    """
    db.execute(
        "CREATE TABLE claim_links_v10 (a INTEGER NOT NULL, b INTEGER NOT NULL,"
        " kind TEXT NOT NULL, score REAL, detail TEXT, PRIMARY KEY (a, b, kind)) WITHOUT ROWID"
    )
    db.execute(
        "INSERT INTO claim_links_v10 (a, b, kind, score, detail)"
        " SELECT a, b, kind, score, detail FROM claim_links ORDER BY a, b, kind"
    )
    db.execute("DROP TABLE claim_links")
    db.execute("ALTER TABLE claim_links_v10 RENAME TO claim_links")
    db.execute("CREATE INDEX idx_claim_links_b ON claim_links (b)")


def _v11_status_with_other_orders(db: Database) -> None:
    """Index status with the source and kind orders, as the review list pages them.

    A status filter (the usual one: what is still unreviewed) sorted by source
    or by kind had no index in that order: SQLite sorted the 700,000 matching
    claims of a million for each page of 500 (2 s). With these, a page is an
    index range and a claim's place an index-only count.
    """
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_claims_status_source ON claims (status, document_id, start)"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_claims_status_kind ON claims (status, kind, score DESC)"
    )


def _v12_factcheck_matches_again(db: Database) -> None:
    """Matches stored under the loose rule of v9-v11 (a word score of 0.5: a sentence on
    the same topic as a fact-check counted as "checked before") are dropped, and
    every claim is to be compared with the fact-checks again, under the present
    rule: with no claim in ``factcheck_seen``, the next matching run (``workbench
    ingest``, ``match`` or ``factchecks import``) compares them all.
    """
    db.execute("DELETE FROM factcheck_matches")
    db.execute("DELETE FROM factcheck_seen")


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_core,
    _v2_journal,
    _v3_matching,
    _v4_common_keys,
    _v5_passages_without_positions,
    _v6_score_indexes_descending,
    _v7_document_authors_and_url,
    _v8_assignments,
    _v9_factchecks,
    _v10_links_without_foreign_keys,
    _v11_status_with_other_orders,
    _v12_factcheck_matches_again,
]
SCHEMA_VERSION = len(MIGRATIONS)
