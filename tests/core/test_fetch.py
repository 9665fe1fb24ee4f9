"""Web pages fetched from a local server on 127.0.0.1 that each test starts: no internet."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core import ingest as ingest_module
from workbench.core.errors import IngestError
from workbench.core.fetch import fetch, read_url_list
from workbench.core.ingest import Raw, ingest
from workbench.core.models import IngestOutcome
from workbench.core.store import Store

PARAGRAPHS = [
    "The Millbrook library will open on Sundays from next month after the town council "
    "agreed to fund four extra staff at a cost of £90,000 a year.",
    "Visitor numbers rose by 18% last year, according to the library's annual report, the "
    "first rise since the building was refurbished in 2015.",
    "The head librarian said that the weekend opening had been the most common request in "
    "a survey of more than 600 residents carried out in the autumn.",
]
STORY = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Millbrook library to open on Sundays</title>
<meta property="og:site_name" content="Millbrook Messenger">
<meta name="author" content="Dana Whitcombe">
<meta property="article:published_time" content="2025-01-14T08:00:00Z">
<link rel="canonical" href="https://messenger.example/news/library-sundays">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Millbrook library to open on Sundays</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article><footer>All rights reserved.</footer></body></html>"""
CYRILLIC = "Библиотека будет открыта по воскресеньям."


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/story":
            self._send(200, "text/html; charset=utf-8", STORY.encode("utf-8"))
        elif self.path == "/moved":
            self._redirect("/story")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/gone":
            self._send(404, "text/html", b"<html><body><p>Not here</p></body></html>")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/html", STORY.encode("utf-8"))
        elif self.path == "/huge":
            self._send(200, "text/html", b"<html><body>" + b"<p>word</p>" * 20_000)
        elif self.path == "/endless":  # no Content-Length: the limit must stop the read
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(200):
                    self.wfile.write(b"<p>more words</p>" * 100)
        elif self.path == "/paper.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4 not a web page")
        elif self.path == "/cyrillic":
            body = STORY.replace('<meta charset="utf-8">', "").replace(
                PARAGRAPHS[0], CYRILLIC + " " + PARAGRAPHS[0]
            )
            self._send(200, "text/html; charset=windows-1251", body.encode("cp1251", "replace"))
        else:
            self._send(404, "text/plain", b"no such page")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (the timeout test)
            self.wfile.write(body)

    def _redirect(self, to: str) -> None:
        self.send_response(301)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_redirect_is_followed_and_the_final_address_kept(site: str) -> None:
    page = fetch(f"{site}/moved", max_bytes=1_000_000)
    assert page.final_url == f"{site}/story"
    assert page.data == STORY.encode("utf-8")
    assert page.charset == "utf-8"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/gone", "HTTP 404 Not Found"),
        ("/loop", "too many redirects"),
        ("/slow", "timed out after 0.3 s"),
        ("/huge", "too large"),
        ("/endless", "too large"),
        ("/paper.pdf", "not a web page (content type application/pdf)"),
    ],
)
def test_each_failure_is_one_line_that_names_the_address(
    site: str, path: str, message: str
) -> None:
    began = time.monotonic()
    with pytest.raises(IngestError) as caught:
        fetch(f"{site}{path}", timeout=0.3, max_bytes=100_000)
    text = str(caught.value)
    assert text.startswith(f"{site}{path}: ")
    assert message in text
    assert "\n" not in text
    assert time.monotonic() - began < 1.4  # the slow page is not waited for


def test_nothing_listens() -> None:
    with socket.socket() as closed:  # a port that was free a moment ago
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(IngestError, match="cannot connect"):
        fetch(f"http://127.0.0.1:{port}/story", timeout=2, max_bytes=1000)


def test_only_web_addresses_are_fetched() -> None:
    with pytest.raises(IngestError, match="not an http"):
        fetch("ftp://127.0.0.1/story", max_bytes=1000)


def test_fetched_pages_go_in_and_failures_do_not_stop_the_rest(store: Store, site: str) -> None:
    failures = []
    report = ingest(
        store,
        [f"{site}/moved", f"{site}/gone", f"{site}/paper.pdf", f"{site}/cyrillic"],
        on_file=lambda o: failures.append(o.message) if o.outcome is IngestOutcome.FAILED else None,
    )
    assert (report.added, report.failed) == (2, 2)
    assert failures == [
        f"{site}/gone: HTTP 404 Not Found",
        f"{site}/paper.pdf: not a web page (content type application/pdf)",
    ]
    by_path = {d.path: d for d in store.documents()}
    doc = store.get_document(by_path[f"{site}/moved"].id)
    assert doc.original_text == STORY  # the page as it came, under the address asked for
    assert doc.format == "html"
    assert doc.url == "https://messenger.example/news/library-sundays"
    assert (doc.title, doc.source, doc.published) == (
        "Millbrook library to open on Sundays",
        "Millbrook Messenger",
        "2025-01-14",
    )
    assert doc.authors == ("Dana Whitcombe",)
    assert doc.clean_text == "\n\n".join(PARAGRAPHS)
    # the server's charset wins: no statistical guess
    cyrillic = store.get_document(by_path[f"{site}/cyrillic"].id)
    assert CYRILLIC in cyrillic.clean_text


def test_the_database_is_not_held_while_a_page_is_fetched(
    store: Store, site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ingest_module.read_url
    held: list[bool] = []

    def watched(address: str, **options: Any) -> Raw:
        held.append(store.db.conn.in_transaction)
        return real(address, **options)

    monkeypatch.setattr(ingest_module, "read_url", watched)
    story = tmp_path / "a.txt"
    story.write_text(PARAGRAPHS[0], encoding="utf-8")
    report = ingest(store, [str(story), f"{site}/story", str(story), f"{site}/moved"])
    assert (report.added, report.unchanged) == (2, 2)
    assert held == [False, False]


def test_cli_ingests_urls_and_a_list_of_them(site: str, tmp_path: Path) -> None:
    db = tmp_path / "web.db"
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# pages to check\n{site}/story\n\n{site}/gone\nmessenger.example/x\n{site}/cyrillic\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "--db", str(db), "--urls", str(listing)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {site}/gone: HTTP 404 Not Found",
        "error: messenger.example/x: not an http:// or https:// address",
    ]
    assert "2 added, 0 updated, 0 unchanged, 2 failed" in result.stdout
    result = runner.invoke(main, ["ingest", "--db", str(db), f"{site}/story"])
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated, 1 unchanged" in result.stdout
    shown = runner.invoke(main, ["show", "--db", str(db), "1"])
    assert "Millbrook Messenger, 2025-01-14" in shown.stdout


def test_cli_says_what_is_missing(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "name files, folders or URLs" in result.stderr
    result = runner.invoke(
        main, ["ingest", "--db", str(tmp_path / "x.db"), "--urls", str(tmp_path / "none.txt")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "cannot read the list of URLs" in result.stderr
    assert "Traceback" not in result.output


def test_a_url_list_skips_blanks_and_comments(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("\ufeff# mine\n  https://a.example/1  \n\n#https://b.example\n", "utf-8")
    assert read_url_list(listing) == ["https://a.example/1"]
