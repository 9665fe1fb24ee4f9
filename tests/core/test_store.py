from __future__ import annotations

import json
import os
import pickle
import sqlite3
from pathlib import Path

import attrs
import pytest

from workbench.core.errors import NotFound, StoreError
from workbench.core.models import (
    CLAIM_COLUMNS,
    Citation,
    Claim,
    ClaimFilter,
    ClaimKind,
    Document,
    DocumentMeta,
    IngestOutcome,
    NumberMention,
    SourceKind,
    Stance,
    Status,
    numbers_json,
    strings_json,
)
from workbench.core.store import Store
from workbench.core.store.base import BULK_LOG_PAGES, ORDERS
from workbench.core.store.documents import (
    DOCUMENT_COLUMNS,
    PreparedDocument,
    prepare,
    prepare_rows,
)
from workbench.core.store.migrations import SCHEMA_VERSION


def make_document(text: str = "Alpha beta. Gamma delta.", path: str = "a.txt") -> Document:
    return Document(
        id=None,
        title="T",
        source="S",
        path=path,
        published="2026-01-02",
        original_text=text,
        clean_text=text,
        content_hash=str(hash((text, path))),
        ingested_at="2026-01-02T00:00:00+00:00",
    )


def make_claim(text: str = "Alpha beta.", start: int = 0) -> Claim:
    return Claim(
        id=None,
        document_id=None,
        text=text,
        kind=ClaimKind.STATISTIC,
        score=0.7,
        start=start,
        end=start + len(text),
        numbers=(NumberMention("400 forces", 400.0, "forces", "more than", 0, 10),),
        speaker="Ann Lee",
        quote="q",
        reasons=("a number (400 forces)",),
    )


def test_migrates_an_empty_file_to_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        tables = set(store.db.table_names())
        assert {"documents", "claims", "verdicts", "citations", "settings"} <= tables
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        indexed = {tuple(i.columns) for i in store.db.table("claims").indexes}
        assert ("status", "score") in indexed and ("kind", "score") in indexed


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store(path).close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_a_database_from_a_newer_workbench_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        Store(path)
    assert path.read_bytes() == before


def test_claim_round_trip(store: Store) -> None:
    result = store.save_document(make_document(), [make_claim()])
    assert result.outcome is IngestOutcome.ADDED and result.claims == 1
    (listed,) = store.list_claims()
    claim = listed.claim
    assert claim == store.get_claim(claim.id)  # type: ignore[arg-type]
    assert claim.numbers[0].qualifier == "more than"
    assert claim.speaker == "Ann Lee" and claim.reasons == ("a number (400 forces)",)
    assert listed.document_title == "T"


def test_same_content_is_stored_once(store: Store) -> None:
    store.save_document(make_document(), [make_claim()])
    again = store.save_document(make_document(), [make_claim()])
    assert again.outcome is IngestOutcome.UNCHANGED
    assert store.count_claims() == 1


def test_changed_document_keeps_reviewed_claims_and_drops_untouched_ones(store: Store) -> None:
    store.save_document(make_document(), [make_claim(), make_claim("Gamma delta.", 12)])
    first, second = (c.claim for c in store.list_claims(order="source"))
    store.mark(first.id, Status.SUPPORTED, "ann")  # type: ignore[arg-type]
    changed = make_document("Gamma delta. Epsilon.")
    result = store.save_document(changed, [make_claim("Gamma delta.", 0)])
    assert result.outcome is IngestOutcome.UPDATED
    kept = store.get_claim(first.id)  # type: ignore[arg-type]
    assert kept.stale and kept.status is Status.SUPPORTED
    same = store.get_claim(second.id)  # type: ignore[arg-type]
    assert same.start == 0 and not same.stale  # same text keeps its id, new span


def test_mark_records_history_status_and_citation_in_one_go(store: Store) -> None:
    store.save_document(make_document(), [make_claim()])
    claim_id = store.list_claims()[0].claim.id
    assert claim_id is not None
    citation = Citation(
        None, claim_id, "https://x.example/a", SourceKind.URL, quote="400", stance=Stance.SUPPORTS
    )
    store.mark(claim_id, Status.DISPUTED, "ann", note="first look")
    store.mark(claim_id, Status.SUPPORTED, "bob", citation=citation)
    history = store.history(claim_id)
    assert [(v.verdict, v.reviewer) for v in history] == [
        (Status.DISPUTED, "ann"),
        (Status.SUPPORTED, "bob"),
    ]
    assert store.get_claim(claim_id).status is Status.SUPPORTED
    (saved,) = store.citations(claim_id)
    assert saved.verdict_id == history[1].id and saved.quote == "400"
    assert store.stats().by_status["supported"] == 1


def test_filters_and_orders(store: Store) -> None:
    store.save_document(make_document(), [make_claim(), make_claim("Gamma delta.", 12)])
    ids = store.claim_ids(order="source")
    store.mark(ids[1], Status.MIXED, "ann")
    assert store.count_claims(ClaimFilter(statuses=(Status.MIXED,))) == 1
    assert store.count_claims(ClaimFilter(search="gamma")) == 1
    assert store.count_claims(ClaimFilter(search="%")) == 0  # LIKE wildcards are literal
    assert store.count_claims(ClaimFilter(kinds=(ClaimKind.QUOTE,))) == 0
    page = store.list_claims(order="source", limit=1, offset=1)
    assert [c.claim.id for c in page] == [ids[1]]


def test_unknown_ids_are_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="no claim with id 42"):
        store.get_claim(42)
    with pytest.raises(NotFound, match="42"):
        store.mark(42, Status.SUPPORTED, "ann")
    with pytest.raises(NotFound):
        store.get_document(7)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "x.db")


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is a shopping list, not a database\n" * 50)
    with pytest.raises(StoreError, match="not a workbench database"):
        Store(path)
    assert path.read_text().startswith("this is a shopping list")


def test_read_only_database_reads_but_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    with Store(path) as store:
        store.save_document(make_document(), [make_claim()])
    with Store(path, readonly=True) as store:
        assert store.count_claims() == 1
        claim_id = store.claim_ids()[0]
        with pytest.raises(StoreError, match="read-only"):
            store.mark(claim_id, Status.SUPPORTED, "ann")
    with Store(path) as store:
        assert store.history(claim_id) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    Store(path).close()
    path.chmod(0o444)
    with Store(path) as store:
        assert store.readonly


def test_locked_database_gives_a_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    with Store(path) as store:
        store.save_document(make_document(), [make_claim()])
        claim_id = store.claim_ids()[0]
    other = sqlite3.connect(path)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with Store(path, timeout=0.1) as store:
            store.db.execute("PRAGMA busy_timeout = 100")
            with pytest.raises(StoreError, match="locked"):
                store.mark(claim_id, Status.SUPPORTED, "ann")
    finally:
        other.rollback()
        other.close()
    with Store(path) as store:
        store.mark(claim_id, Status.SUPPORTED, "ann")
        assert store.get_claim(claim_id).status is Status.SUPPORTED


def test_two_stores_on_one_file_both_write(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with Store(path) as first, Store(path) as second:
        first.save_document(make_document(), [make_claim()])
        claim_id = second.claim_ids()[0]
        first.mark(claim_id, Status.SUPPORTED, "ann")
        second.mark(claim_id, Status.DISPUTED, "bob")
        assert [v.reviewer for v in first.history(claim_id)] == ["ann", "bob"]


def test_claim_validators() -> None:
    with pytest.raises(ValueError):
        Claim(None, 1, "x", ClaimKind.OTHER, 1.5, 0, 1)
    with pytest.raises(ValueError):
        Claim(None, 1, "x", ClaimKind.OTHER, 0.5, 5, 1)


def test_settings_round_trip(store: Store) -> None:
    store.set_setting("cursor", {"claim": 3})
    assert store.get_setting("cursor") == {"claim": 3}
    assert store.get_setting("missing", "default") == "default"


def test_a_version_1_database_is_migrated_keeping_its_rows(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from workbench.core.store.migrations import MIGRATIONS

    path = tmp_path / "v1.db"
    old = Database(path)
    MIGRATIONS[0](old)
    old.execute("PRAGMA user_version = 1")
    old.table("settings").insert({"key": "kept", "value": "1"})
    old.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert "actions" in store.db.table_names()
        assert store.get_setting("kept") == 1


def test_a_version_4_database_gets_its_passages_reindexed(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from workbench.core.store.migrations import MIGRATIONS

    path = tmp_path / "v4.db"
    old = Database(path)
    for migration in MIGRATIONS[:4]:
        migration(old)
    old.execute("PRAGMA user_version = 4")
    old.table("documents").insert(
        {
            "title": "Leaks",
            "source": "Courier",
            "path": "leaks.txt",
            "original_text": "x",
            "clean_text": "Intro.\n\nThe reservoir lost 40% of its water.",
            "content_hash": "h",
        }
    )
    old.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        (found,) = store.search_passages(["reservoir"])
        assert found["text"] == "The reservoir lost 40% of its water."
        assert (found["paragraph"], found["start"]) == (1, 8)
        assert store.passages_indexed()


def test_a_batch_indexes_its_paragraphs_when_it_commits(store: Store) -> None:
    with store.transaction():
        store.save_document(make_document("Reservoirs lost water.\n\nPipes burst.", "a.txt"), [])
        store.save_document(make_document("Pipes were mended.", "b.txt"), [])
    assert store.passages_indexed()
    assert {p["text"] for p in store.search_passages(["pipes"])} == {
        "Pipes burst.",
        "Pipes were mended.",
    }


def test_a_failed_batch_leaves_no_document_and_no_paragraph(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.save_document(make_document("Reservoirs lost water.", "a.txt"), [])
        raise RuntimeError("the disk is gone")
    assert store.documents() == []
    assert store.search_passages(["reservoirs"]) == []
    # the next batch starts clean: nothing left over from the failed one
    with store.transaction():
        store.save_document(make_document("Pipes burst.", "b.txt"), [])
    assert [p["text"] for p in store.search_passages(["reservoirs", "pipes"])] == ["Pipes burst."]


@pytest.mark.parametrize(
    "where",
    [
        ClaimFilter(),
        ClaimFilter(statuses=(Status.UNREVIEWED,)),
        ClaimFilter(kinds=(ClaimKind.QUOTE,)),
    ],
)
def test_the_claims_list_is_read_in_index_order_without_a_sort(
    store: Store, where: ClaimFilter
) -> None:
    sql, params = store._where(where)
    plan = store.db.execute(
        f"EXPLAIN QUERY PLAN SELECT c.id FROM claims c{sql} ORDER BY {ORDERS['score']}", params
    ).fetchall()
    assert not any("TEMP B-TREE" in str(step) for step in plan), plan


@pytest.mark.parametrize(
    "numbers",
    [
        (),
        (NumberMention("more than 400 forces", 400.0, "forces", "more than", 3, 23),),
        (
            NumberMention("hundreds of officers", None, "officers", "", 0, 20),
            NumberMention("“£3.5m” \\ \x07 ünits", 3500000.0, "£", "", 0, 9),
            NumberMention("1e300", 1e300, "", "", 0, 5),
            NumberMention("tiny", 1e-7, "", "", 0, 4),
            NumberMention("nan", float("nan"), "", "", 0, 3),
        ),
    ],
)
def test_numbers_and_reasons_are_written_as_json_would_write_them(
    numbers: tuple[NumberMention, ...],
) -> None:
    assert numbers_json(numbers) == json.dumps([n.as_dict() for n in numbers])
    reasons = ["a number (400)", 'quoted "x" \\ ünï', "\n\t\x00"]
    assert strings_json(reasons) == json.dumps(reasons)
    assert strings_json([]) == json.dumps([])


def test_documents_are_records_with_their_claim_counts(store: Store) -> None:
    store.save_document(make_document(), [make_claim()])
    (listed,) = store.documents()
    assert isinstance(listed, DocumentMeta)
    assert (listed.title, listed.source, listed.path, listed.claims) == ("T", "S", "a.txt", 1)
    (meta,) = store.document_meta()
    assert meta == attrs.evolve(listed, claims=None)


def test_a_version_9_database_keeps_its_links_without_foreign_keys(tmp_path: Path) -> None:
    """Version 10 rebuilds the links table without foreign keys (they made writing links a
    third slower), keeping every link."""
    from sqlite_utils import Database

    from workbench.core.store.migrations import MIGRATIONS

    path = tmp_path / "v9.db"
    old = Database(path)
    for migration in MIGRATIONS[:9]:
        migration(old)
    old.execute("PRAGMA user_version = 9")
    doc = old.table("documents").insert(
        {
            "title": "Ferry",
            "source": "Courier",
            "path": "ferry.txt",
            "original_text": "x",
            "clean_text": "The ferry carried 41,200 passengers.",
            "content_hash": "h",
        }
    )
    claims = old.table("claims")
    for number in (1, 2):
        claims.insert(
            {
                "id": number,
                "document_id": doc.last_pk,
                "text": "The ferry carried 41,200 passengers.",
                "kind": "statistic",
                "score": 0.5,
                "start": 0,
                "end": 36,
                "status": "unreviewed",
            }
        )
    old.execute("INSERT INTO claim_links VALUES (1, 2, 'same', 100.0, '')")
    assert old.execute("PRAGMA foreign_key_list(claim_links)").fetchall()
    old.conn.commit()
    old.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.links_of([1]) == [(1, 2, "same", 100.0, "")]
        assert store.db.execute("PRAGMA foreign_key_list(claim_links)").fetchall() == []
        with store.transaction():
            store.save_links({}, [(1, 2, "same", 90.0, "")])
        assert store.links_of([2]) == [(1, 2, "same", 90.0, "")]


def test_prepared_rows_hold_what_the_records_write() -> None:
    """A prepared document's rows are Document.as_row and Claim.as_row as tuples,
    in the column orders the inserts name, and give the records back."""
    document = attrs.evolve(make_document(), authors=("Ann Lee", "Bo Ng"), url="https://e.org/a")
    claim = make_claim()
    prepared = prepare(document, [claim])
    row = document.as_row()
    assert prepared.row == tuple(row[name] for name in DOCUMENT_COLUMNS)
    assert set(DOCUMENT_COLUMNS) == set(row) - {"id"}
    assert prepared.claim_rows == (tuple(claim.as_row()[name] for name in CLAIM_COLUMNS),)
    assert prepared.document == document
    assert prepared.claims() == [claim]
    again = prepare_rows(document, list(prepared.claim_rows))
    assert (again.row, tuple(again.claim_rows), again.paragraphs) == (
        prepared.row,
        prepared.claim_rows,
        prepared.paragraphs,
    )


def test_a_prepared_document_crosses_between_processes_whole() -> None:
    """The parts a worker sends leave out the texts the clean text holds; the
    writer gets every row back as it was."""
    text = "Alpha beta. Gamma delta.\n\nEpsilon rose 4%."
    document = make_document(text)
    claims = [make_claim("Gamma delta.", 12), make_claim("Epsilon rose 4%.", 26)]
    prepared = prepare(document, claims)
    again = PreparedDocument.from_parts(pickle.loads(pickle.dumps(prepared.parts())))
    assert (again.row, tuple(again.claim_rows), again.paragraphs) == (
        prepared.row,
        prepared.claim_rows,
        prepared.paragraphs,
    )


def test_a_bulk_write_copies_the_log_less_often_and_puts_the_setting_back(
    tmp_path: Path,
) -> None:
    def pages(store: Store) -> int:
        return int(store.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0])

    with Store(tmp_path / "claims.db") as store:
        assert pages(store) == 1000  # SQLite's default
        with store.bulk():
            assert pages(store) == BULK_LOG_PAGES
            store.save_document(make_document(), [make_claim()])
        assert pages(store) == 1000
        with pytest.raises(RuntimeError), store.bulk():
            raise RuntimeError("stopped")
        assert pages(store) == 1000
        assert len(store.claims_of_document(1)) == 1
