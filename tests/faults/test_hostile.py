"""Hostile articles through every way out: nothing active reaches a terminal,
a spreadsheet or a browser.

The articles carry title-change and clear-screen escapes, bidi overrides, C1
controls, NUL, formula-looking metadata, a 2 MB line and 10,000-deep HTML. They
go in with ``ingest``; a reviewer with hostile notes and citations marks their
claims; then ``show``, ``claims`` in every format, every export and the app are
read back as bytes.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.core.store import Store
from workbench.tui.app import make_app
from workbench.tui.widgets.claim_detail import ClaimDetail
from workbench.tui.widgets.claims_table import ClaimsTable

ROOT = Path(__file__).resolve().parents[2]

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e\u2066\x00"
# Anything that a terminal, a spreadsheet or a bidi-aware viewer would act on.
# What a command line can carry (no NUL).
ARG_ESCAPES = ESCAPES.replace("\x00", "")
ACTIVE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMULA = ("=", "+", "-", "@", "\t", "\r")

PAGE = f"""<!doctype html>
<html><head>
<meta charset="utf-8">
<title>Flood toll{ESCAPES} rises</title>
<meta property="og:site_name" content="=HYPERLINK(&quot;https://evil.example&quot;){ESCAPES}">
<meta property="article:published_time" content="2024-03-05">
<script>document.title = "owned"</script>
</head><body>
<article>
<h1>Flood toll{ESCAPES} rises</h1>
<p>The city council said 1,200 homes were flooded{ESCAPES} in March 2024, up from 800 in 2023.</p>
<p>"We replaced 45 pumps last year," said Dana Ortiz{ESCAPES}, the council's engineer.</p>
<p>&lt;script&gt;alert(1)&lt;/script&gt; A 2023 audit found 30% of the drains were blocked.</p>
</article>
</body></html>
"""

DEEP = (
    "<html><head><title>Deep page</title></head><body>"
    + "<div>" * 10_000
    + "<p>The agency said 2,500 people were moved to shelters on 4 April 2024.</p>"
    + "</div>" * 10_000
    + "</body></html>"
)

LONG_LINE = (
    "Long copy\n\nThe report said 300 bridges were inspected in 2022. " + ("word " * 400_000) + "\n"
)


def run(db: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "WORKBENCH_DB": str(db), "WORKBENCH_REVIEWER": "=cmd|' /C calc'!A0"}
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=db.parent,
        env=env,
        capture_output=True,
        check=False,
        timeout=300,
    )


def assert_inert(data: bytes, what: str) -> None:
    text = data.decode("utf-8")
    found = ACTIVE.findall(text.replace("\n", "").replace("\t", "").replace("\r", ""))
    assert not found, f"{what} carries active characters: {sorted(set(found))!r}"


def assert_no_live_formulas(data: bytes, what: str) -> None:
    csv.field_size_limit(sys.maxsize)  # the 2 MB line is one cell
    for row in csv.reader(io.StringIO(data.decode("utf-8"))):
        for cell in row:
            if cell.startswith(FORMULA):
                try:
                    float(cell)
                except ValueError:
                    pytest.fail(f"{what} has a live formula cell: {cell[:40]!r}")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    articles = folder / "articles"
    articles.mkdir()
    (articles / "page.html").write_text(PAGE, encoding="utf-8")
    (articles / "deep.html").write_text(DEEP, encoding="utf-8")
    (articles / "long.txt").write_text(LONG_LINE, encoding="utf-8")
    (articles / "nul.txt").write_bytes(b"Copy with a NUL\n\nThe mayor said 12 \x00 roads closed.\n")
    db = folder / "hostile.db"
    ingested = run(db, "ingest", str(articles))
    # Every file gets either stored or one clear line; none a traceback.
    assert b"Traceback" not in ingested.stderr, ingested.stderr[-3000:]
    assert_inert(ingested.stdout + ingested.stderr, "ingest output")
    with Store(db) as store:
        ids = store.claim_ids()
    assert len(ids) >= 4
    for claim_id in ids[:3]:
        marked = run(
            db,
            "mark",
            str(claim_id),
            "disputed",
            "--note",
            f'=HYPERLINK("https://evil.example"){ARG_ESCAPES}',
            "--cite",
            "javascript:alert(1)",
            "--quote",
            f"@SUM(A1){ARG_ESCAPES}",
            "--locator",
            "+cmd|' /C calc'!A0",
        )
        assert marked.returncode == 0, marked.stderr
    return db


def test_ingest_stores_no_active_characters(hostile_db: Path) -> None:
    with Store(hostile_db) as store:
        for document in store.documents():
            for key in ("title", "source", "published", "path"):
                value = str(getattr(document, key) or "")
                assert not ACTIVE.search(value), (key, value[:80])
        for claim_id in store.claim_ids():
            claim = store.get_claim(claim_id)
            assert not ACTIVE.search(claim.text), claim.text[:80]
            for verdict in store.history(claim_id):
                assert not ACTIVE.search(verdict.note + verdict.reviewer), verdict
            for citation in store.citations(claim_id):
                assert not ACTIVE.search(citation.quote + citation.locator + citation.source)


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_claims_listing_is_inert(hostile_db: Path, fmt: str) -> None:
    listed = run(hostile_db, "claims", "--format", fmt)
    assert listed.returncode == 0, listed.stderr
    assert_inert(listed.stdout + listed.stderr, f"claims --format {fmt}")
    if fmt == "csv":
        assert_no_live_formulas(listed.stdout, "claims --format csv")


def test_show_is_inert(hostile_db: Path) -> None:
    with Store(hostile_db) as store:
        ids = store.claim_ids()
    for claim_id in ids[:4]:
        shown = run(hostile_db, "show", str(claim_id))
        assert shown.returncode == 0, shown.stderr
        assert_inert(shown.stdout + shown.stderr, f"show {claim_id}")


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "csv", "claimreview"])
def test_every_export_is_inert(hostile_db: Path, fmt: str) -> None:
    exported = run(hostile_db, "export", "--format", fmt, "--include-unreviewed")
    assert exported.returncode == 0, exported.stderr
    assert_inert(exported.stdout + exported.stderr, f"export --format {fmt}")
    if fmt == "csv":
        assert_no_live_formulas(exported.stdout, "export --format csv")
    if fmt == "html":
        page = exported.stdout.decode("utf-8").lower()
        assert "<script" not in page
        assert 'href="javascript:' not in page and "href='javascript:" not in page


async def test_app_draws_nothing_active(hostile_db: Path) -> None:
    with Store(hostile_db) as store:
        app = make_app(store, "tester")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            for _ in range(4):
                for widget in (
                    app.screen.query_one(ClaimsTable),
                    app.screen.query_one(ClaimDetail),
                ):
                    drawn = "".join(
                        segment.text
                        for y in range(widget.size.height)
                        for segment in widget.render_line(y)
                    )
                    assert not ACTIVE.search(drawn), drawn[:200]
                await pilot.press("j")
                await pilot.pause()
