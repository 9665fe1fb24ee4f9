from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from workbench.core.errors import IngestError
from workbench.core.ingest import ingest, load
from workbench.core.models import ClaimKind
from workbench.core.store import Store

ARTICLE = (
    "date 2026-02-01 Photo caption\n\n"
    "The Harbour Board counted 2,400 ship visits in 2025, more than any year before.\n\n"
    'Harbour master Lena Fry said: "We have never been busier."\n'
)


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_plain_text_reads_the_date_line_and_falls_back_for_title(tmp_path: Path) -> None:
    doc = load(write(tmp_path / "harbour-news.txt", ARTICLE)).document
    assert doc.published == "2026-02-01"
    assert doc.source == "harbour-news"
    assert doc.title.startswith("The Harbour Board counted")
    assert not doc.clean_text.startswith("date")
    assert doc.original_text == ARTICLE


def test_markdown_front_matter_and_markup(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Busy port\nsource: Coast Post\ndate: 2026-02-03\n---\n\n"
        "# Busy port\n\nThe **Harbour Board** counted [2,400 visits](http://x) in 2025.\n"
    )
    doc = load(write(tmp_path / "a.md", text)).document
    assert (doc.title, doc.source, doc.published, doc.format) == (
        "Busy port",
        "Coast Post",
        "2026-02-03",
        "markdown",
    )
    assert "The Harbour Board counted 2,400 visits in 2025." in doc.clean_text
    assert "**" not in doc.clean_text and "http" not in doc.clean_text


def test_html_title_meta_and_scripts(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Port news</title><meta property='og:site_name' content='Coast Post'>"
        "<meta name='date' content='2026-02-04'><script>alert('x')</script></head>"
        "<body><nav>Home</nav><p>The Board counted 2,400 visits in 2025.</p>"
        "<p>It&#39;s a record &amp; more.</p></body></html>"
    )
    doc = load(write(tmp_path / "a.html", html)).document
    assert (doc.title, doc.source, doc.published) == ("Port news", "Coast Post", "2026-02-04")
    assert "alert" not in doc.clean_text and "Home" not in doc.clean_text
    assert doc.clean_text == "The Board counted 2,400 visits in 2025.\n\nIt's a record & more."


def test_ingest_is_idempotent_and_reextracts_a_changed_file(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "port.txt", ARTICLE)
    first = ingest(store, [path])
    assert (first.added, first.claims) == (1, 2)
    again = ingest(store, [path])
    assert (again.added, again.unchanged, again.claims) == (0, 1, 0)
    assert store.count_claims() == 2
    write(path, ARTICLE + "\nA 2024 survey found 31% of crews were short-staffed.\n")
    changed = ingest(store, [path])
    assert changed.updated == 1 and store.count_claims() == 3
    assert len(store.documents()) == 1


def test_claims_of_the_sample_corpus(sample_store: Store) -> None:
    kinds = {c.claim.kind for c in sample_store.list_claims()}
    assert {ClaimKind.STUDY, ClaimKind.STATISTIC, ClaimKind.QUOTE, ClaimKind.COMPARISON} <= kinds
    for listed in sample_store.list_claims():
        doc = sample_store.get_document(listed.claim.document_id)  # type: ignore[arg-type]
        assert listed.claim.span_in(doc.clean_text)
        assert "quot;" not in listed.claim.text and "& #" not in listed.claim.text
        assert "\u00e2\u20ac" not in listed.claim.text


def test_bad_inputs_fail_one_by_one_and_the_batch_goes_on(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "a-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    write(folder / "b-empty.txt", "  \n\n ")
    write(folder / "c-good.txt", ARTICLE)
    write(
        folder / "d-latin1.txt",
        "Le maire a dit que 30% des rues étaient fermées en 2024.".encode("cp1252"),
    )
    big = folder / "e-huge.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    messages: list[str] = []
    report = ingest(
        store,
        [folder, empty_folder, tmp_path / "missing.txt"],
        on_file=lambda o: messages.append(o.message),
    )
    assert (report.added, report.failed) == (2, 5)
    joined = "\n".join(messages)
    assert "a-binary.txt: binary file" in joined
    assert "b-empty.txt: empty file" in joined
    assert "e-huge.txt: too large (52.4 MB" in joined
    assert "nothing: no articles found" in joined
    assert "missing.txt: no such file or folder" in joined
    assert "d-latin1.txt: not UTF-8" in joined
    assert all("\n" not in m for m in messages)
    titles = {d.title for d in store.documents()}
    assert any("étaient" in t for t in titles)


def test_invalid_utf8_that_no_encoding_explains_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"bad\.txt"):
        load(write(tmp_path / "bad.txt", bytes(range(1, 32)) * 40 + b"\xff\xfe\xfa"))


def test_a_title_taken_from_the_text_is_stored_whole(tmp_path: Path) -> None:
    lead = (
        "The Harbour Board of Elstow counted two thousand four hundred ship visits in 2025, "
        "more than in any year since the records kept at the port began in 1890."
    )
    doc = load(
        write(tmp_path / "long.txt", f"Photo copyright\n\n{lead}\n\nMore follows.\n")
    ).document
    assert doc.title == lead
    assert "..." not in doc.title and "\u2026" not in doc.title


def test_a_hard_wrapped_first_sentence_makes_a_whole_title(tmp_path: Path) -> None:
    wrapped = (
        "The Harbour Board of Elstow counted two thousand four hundred\n"
        "ship visits in 2025, more than in any year since records began.\n"
    )
    doc = load(write(tmp_path / "wrapped.txt", wrapped)).document
    assert doc.title == " ".join(wrapped.split())


def test_the_cli_walks_a_folder_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from workbench.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "port.txt", ARTICLE)
    walks: list[str] = []
    real_walk = os.walk

    def counting_walk(top: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        walks.append(str(top))
        return real_walk(top, *args, **kwargs)

    monkeypatch.setattr(os, "walk", counting_walk)
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "w.db"), "ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert walks == [str(folder)]


def test_a_new_document_costs_one_lookup_by_content(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ingest asks whether the text is stored before it parses; saving does not ask again."""
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    ingest(store, [write(tmp_path / "port.txt", ARTICLE)])
    store.db.conn.set_trace_callback(None)
    lookups = [s for s in statements if "content_hash = " in s and s.lstrip().startswith("SELECT")]
    assert len(lookups) == 1, lookups
    again = ingest(store, [tmp_path / "port.txt"])
    assert again.unchanged == 1
