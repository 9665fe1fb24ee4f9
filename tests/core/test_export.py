"""Exports: golden files on a hostile fixture, JSON round trip, ClaimReview fields, HTML safety.

Golden files live in tests/golden/. After an intended change to a format,
regenerate them with UPDATE_GOLDEN=1 pytest tests/core/test_export.py and
read the diff before committing it.
"""

from __future__ import annotations

import csv
import io
import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.export import WRITERS, ExportOptions, export
from workbench.core.export.bundle import import_bundle, read_bundle
from workbench.core.export.writer import atomic_text
from workbench.core.ingest import ingest
from workbench.core.models import Citation, ClaimFilter, SourceKind, Stance, Status
from workbench.core.store import Store

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
HOSTILE = (
    "date 2026-02-02 Council &lt;script&gt;alert(1)&lt;/script&gt; report on the town buses\n\n"
    "The council spent £40 million on 300 new buses in 2024, more than any year before.\n\n"
    '"We will cut fares by 10%, =SUM(A1) and all," said Mayor Ada Lowe on Tuesday.\n\n'
    "A 2025 audit by the Harlow Institute found that 12% of buses were faulty.\n"
)


@pytest.fixture
def fixture_store(tmp_path: Path, make_clock: type):  # type: ignore[no-untyped-def]
    article = tmp_path / "council.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    with Store(tmp_path / "fixture.db", clock=make_clock(days=3)) as store:
        assert ingest(store, [article]).ok
        first, second, third = store.claim_ids(order="source")
        store.mark(
            first,
            Status.DISPUTED,
            "ann",
            note='Fleet list shows 280 buses, "not 300"\nsee line 2',
            citation=Citation(
                None,
                first,
                "https://council.example/fleet?a=1&b=<2>",
                SourceKind.URL,
                quote='=HYPERLINK("x"), 280 buses',
                locator="table 3",
                stance=Stance.REFUTES,
                note="@ann",
            ),
        )
        store.mark(second, Status.SUPPORTED, "bob", note="-confirmed on <b>video</b>")
        store.mark(third, Status.UNVERIFIABLE, "ann")
        store.add_citation(
            Citation(
                None, third, "doc:1", SourceKind.DOCUMENT, quote="12% of buses", reviewer="ann"
            )
        )
        yield store


OPTIONS = ExportOptions(
    organisation="Example Desk", url_base="https://desk.example.org/reviews", generated="2026-11-23"
)
EXTENSION = {
    "markdown": "md",
    "html": "html",
    "json": "json",
    "csv": "csv",
    "claimreview": "jsonld",
}


def render(store: Store, fmt: str, options: ExportOptions = OPTIONS) -> str:
    out = io.StringIO(newline="")
    WRITERS[fmt](store, options, out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_golden(fixture_store: Store, fmt: str) -> None:
    produced = render(fixture_store, fmt)
    golden = GOLDEN / f"report.{EXTENSION[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(produced.encode("utf-8"))
    assert produced == golden.read_bytes().decode("utf-8")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_runs_nothing_and_loads_nothing(fixture_store: Store) -> None:
    parser = _Collector()
    parser.feed(render(fixture_store, "html"))
    names = [tag for tag, _ in parser.tags]
    assert "script" not in names and "iframe" not in names and "img" not in names
    assert "link" not in names
    for _tag, attributes in parser.tags:
        assert not any(k in attributes for k in ("src", "href") if attributes.get(k))
        assert not any(k.startswith("on") for k in attributes)
    text = "".join(parser.text)
    # The article's markup is text after repair; a reviewer's is escaped in the file.
    assert "\u2039script\u203aalert(1)\u2039/script\u203a" in text
    assert "<b>video</b>" in text


def test_claimreview_field_by_field(fixture_store: Store) -> None:
    reviews = json.loads(render(fixture_store, "claimreview"))
    assert len(reviews) == 3  # unreviewed claims are never exported
    by_rating = {r["reviewRating"]["alternateName"]: r for r in reviews}
    assert set(by_rating) == {"Disputed", "Supported", "Unverifiable"}
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["url"].startswith("https://desk.example.org/reviews/")
        assert 0 < len(review["claimReviewed"]) <= 76
        assert not any(w in review["claimReviewed"].lower() for w in ("false", "true", "disputed"))
        rating = review["reviewRating"]
        assert (
            rating["@type"] == "Rating" and rating["worstRating"] == 1 and rating["bestRating"] == 5
        )
        if "ratingValue" in rating:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["author"] == {"@type": "Organization", "name": "Example Desk"}
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["@type"] == "Organization"
        assert item["datePublished"] == "2026-02-02"
        assert item["appearance"] and item["firstAppearance"]["@type"] == "CreativeWork"
        assert len(review["datePublished"]) == 10 and review["datePublished"][4] == "-"
    assert by_rating["Disputed"]["reviewRating"]["ratingValue"] == 1
    assert by_rating["Supported"]["reviewRating"]["ratingValue"] == 5
    assert "ratingValue" not in by_rating["Unverifiable"]["reviewRating"]


def test_csv_is_rfc4180_and_formula_safe(fixture_store: Store) -> None:
    text = render(fixture_store, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    assert len(body) == 3 and all(len(r) == len(header) for r in body)
    assert "\r\n" in text
    cells = [cell for row in body for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'-confirmed on <b>video</b>" in cells  # made inert, still readable
    note = body[[r[0] for r in body].index(str(fixture_store.claim_ids(order="source")[0]))]
    assert 'Fleet list shows 280 buses, "not 300"\nsee line 2' in note


def test_json_round_trip_through_import(fixture_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"
    export(fixture_store, "json", OPTIONS, path)
    with Store(tmp_path / "empty.db") as fresh:
        report = import_bundle(fresh, read_bundle(path))
        assert (report.verdicts, report.citations) == (3, 2)

        def review(store: Store) -> list[tuple[str, str, list[tuple[str, str, str]], list[str]]]:
            result = []
            for claim_id in store.claim_ids(order="source"):
                claim = store.get_claim(claim_id)
                history = [(v.verdict.value, v.reviewer, v.note) for v in store.history(claim_id)]
                cited = [
                    f"{c.source}|{c.quote}|{c.stance}|{c.locator}|{c.note}"
                    for c in store.citations(claim_id)
                ]
                result.append((claim.text, claim.status.value, history, cited))
            return result

        reviewed = [r for r in review(fixture_store) if r[2]]
        assert [r for r in review(fresh) if r[2]] == reviewed
        again = import_bundle(fresh, read_bundle(path))
        assert (again.verdicts, again.citations) == (0, 0)  # idempotent


def test_filters_and_empty_selection(fixture_store: Store) -> None:
    only_disputed = ExportOptions(where=ClaimFilter(statuses=(Status.DISPUTED,)), generated="x")
    assert len(json.loads(render(fixture_store, "claimreview", only_disputed))) == 1
    nothing = ExportOptions(reviewer="nobody", generated="x")
    assert "No claims match this selection" in render(fixture_store, "markdown", nothing)
    assert json.loads(render(fixture_store, "claimreview", nothing)) == []
    assert list(csv.reader(io.StringIO(render(fixture_store, "csv", nothing)))) == [
        next(csv.reader(io.StringIO(render(fixture_store, "csv"))))
    ]
    everything = ExportOptions(include_unreviewed=True, generated="x", by="document")
    assert "| Unreviewed |" in render(fixture_store, "markdown", everything)


def test_interrupted_export_keeps_the_good_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("the good report")
    with pytest.raises(RuntimeError), atomic_text(target) as out:
        out.write("half a rep")
        raise RuntimeError("power cut")
    assert target.read_text() == "the good report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_unwritable_target_is_a_clear_error(fixture_store: Store, tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="does not exist"):
        export(fixture_store, "csv", OPTIONS, tmp_path / "missing" / "x.csv")
    with pytest.raises(WorkbenchError, match="unknown format 'pdf'"):
        export(fixture_store, "pdf", OPTIONS, tmp_path / "x.pdf")


def test_import_refuses_what_is_not_an_export(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}')
    with pytest.raises(WorkbenchError, match="not a workbench JSON export"):
        read_bundle(path)
