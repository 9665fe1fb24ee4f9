"""Outlets and authors: named by the article, by --source, kept by the store, shown in reports."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

from workbench.core.export import ExportOptions
from workbench.core.export.claimreview import write_claimreview
from workbench.core.export.html import write_html
from workbench.core.export.markdown import write_markdown
from workbench.core.ingest import ingest, load
from workbench.core.models import Status
from workbench.core.store import Store
from workbench.core.store.migrations import SCHEMA_VERSION

STORY = [
    "The ferry between Dunmore and the islands will run twice a day from May, the operator "
    "said on Friday, after a winter timetable of four sailings a week.",
    "About 2,300 people live on the three islands, and the council estimates that visitors "
    "made 41,000 crossings last summer.",
]
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Island ferry to sail twice a day</title>{head}</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Island ferry to sail twice a day</h1>{body}</article>
<footer>All rights reserved.</footer></body></html>"""


def test_plain_text_and_markdown_name_their_source(tmp_path: Path) -> None:
    (tmp_path / "a1b2c3.txt").write_text(
        "source: Kellport Gazette\ndate 2024-03-05\n\n" + "\n\n".join(STORY), encoding="utf-8"
    )
    (tmp_path / "d4e5f6.md").write_text(
        "Source: Harbour Notes\n\n# Sea wall\n\n" + "\n\n".join(STORY[1:]), encoding="utf-8"
    )
    text = load(tmp_path / "a1b2c3.txt").document
    assert (text.source, text.published) == ("Kellport Gazette", "2024-03-05")
    assert not text.clean_text.startswith("source")
    assert load(tmp_path / "d4e5f6.md").document.source == "Harbour Notes"


def test_source_option_names_the_outlet_when_a_file_does_not(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "9f8e7d.txt").write_text("\n\n".join(STORY), encoding="utf-8")
    (folder / "named.txt").write_text("source: Kellport Gazette\n" + STORY[0], encoding="utf-8")
    report = ingest(store, [folder], source="Harbour Radio")
    assert report.ok
    sources = {d.path.rsplit("/", 1)[-1]: d.source for d in store.documents()}
    assert sources == {"9f8e7d.txt": "Harbour Radio", "named.txt": "Kellport Gazette"}


def test_a_version_6_database_gains_authors_and_url(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        ingest(store, [Path(__file__).resolve().parents[2] / "samples" / "morning-brief.txt"])
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE documents DROP COLUMN authors")
    conn.execute("ALTER TABLE documents DROP COLUMN url")
    conn.execute("DROP TABLE assignments")  # added by v8, after the version tested here
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 7
        (doc,) = store.documents()
        document = store.get_document(doc.id)
        assert (document.authors, document.url) == ((), None)


def _reviewed_page_store(store: Store, tmp_path: Path) -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Island ferry to sail twice a day",
        "datePublished": "2024-03-05",
        "author": [{"@type": "Person", "name": "Ruth Amsel"}],
        "publisher": {"@type": "Organization", "name": "Coastline Courier"},
    }
    head = (
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        '<link rel="canonical" href="https://courier.example/news/island-ferry">'
    )
    path = tmp_path / "ferry.html"
    body = "".join(f"<p>{text}</p>" for text in STORY)
    path.write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    assert ingest(store, [path]).ok
    claim = store.list_claims()[0].claim
    assert claim.id is not None
    store.mark(claim.id, Status.SUPPORTED, "ann", note="the board minutes agree")


def test_reports_name_the_authors_and_claimreview_the_canonical_url(
    store: Store, tmp_path: Path
) -> None:
    _reviewed_page_store(store, tmp_path)
    options = ExportOptions(generated="2026-01-01")
    for writer in (write_markdown, write_html):
        out = io.StringIO()
        writer(store, options, out)
        assert "Coastline Courier, 2024-03-05 · by Ruth Amsel" in out.getvalue()
    out = io.StringIO()
    write_claimreview(store, options, out)
    (review,) = json.loads(out.getvalue())
    appearance = review["itemReviewed"]["appearance"][0]
    assert appearance["url"] == "https://courier.example/news/island-ferry"
    assert appearance["author"] == [{"@type": "Person", "name": "Ruth Amsel"}]


def test_a_saved_page_naming_no_outlet_takes_the_domain_it_links_home_to(tmp_path: Path) -> None:
    """No og:site_name, publisher or canonical link: the page's own links name its site,
    and sharing links never do."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    links = "".join(
        f'<a href="https://www.kellport-gazette.example/{part}">{part}</a> '
        for part in ("news", "sport", "weather", "about")
    ) + "".join(f'<a href="https://twitter.com/share?{n}">share</a>' for n in range(6))
    (tmp_path / "0a9f.html").write_text(
        PAGE.format(head="", body=body).replace("<nav>", f"<nav>{links}"), encoding="utf-8"
    )
    (tmp_path / "1b8e.html").write_text(
        PAGE.format(
            head='<link rel="icon" href="http://harbour-notes.example/favicon.ico">', body=body
        ),
        encoding="utf-8",
    )
    assert load(tmp_path / "0a9f.html").document.source == "kellport-gazette.example"
    assert load(tmp_path / "1b8e.html").document.source == "harbour-notes.example"
