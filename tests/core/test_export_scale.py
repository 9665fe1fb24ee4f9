"""Every export follows a custom scale: labels, section order, titles, colours, ClaimReview."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, FixedClock
from tests.core.test_scales import NEWSROOM
from workbench.core.errors import WorkbenchError
from workbench.core.export import WRITERS, ExportOptions
from workbench.core.export.bundle import import_bundle
from workbench.core.ingest import ingest
from workbench.core.models import Status
from workbench.core.review import parse_verdict
from workbench.core.scale import load_scale
from workbench.core.store import Store

OPTIONS = ExportOptions(
    organisation="Example Desk", url_base="https://desk.example.org/r", generated="2026-11-24"
)


@pytest.fixture
def newsroom(tmp_path: Path) -> Iterator[tuple[Store, list[int]]]:
    path = tmp_path / "newsroom.toml"
    path.write_text(NEWSROOM, encoding="utf-8")
    with Store(tmp_path / "scaled.db", clock=FixedClock()) as store:
        assert ingest(store, [SAMPLES]).ok
        store.set_scale(load_scale(str(path)), {}, "ed")
        scale = store.scale()
        ids = store.claim_ids(order="source")[:4]
        # Given as a reviewer types them: by name or by title.
        for claim_id, word in zip(
            ids, ["Accurate", "wrong", "needs context", "No Data"], strict=True
        ):
            store.mark(claim_id, parse_verdict(word, scale), "ann", note=f"why {word}")
        yield store, ids


def render(store: Store, fmt: str) -> str:
    out = io.StringIO(newline="")
    WRITERS[fmt](store, OPTIONS, out)
    return out.getvalue()


def test_markdown_lists_the_scales_labels_worst_first_under_their_titles(
    newsroom: tuple[Store, list[int]],
) -> None:
    store, _ = newsroom
    text = render(store, "markdown")
    assert "Verdicts on the newsroom scale." in text
    for row in ("| Wrong | 1 |", "| Needs Context | 1 |", "| Accurate | 1 |", "| No Data | 1 |"):
        assert row in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[:4] == ["## Wrong", "## Needs Context", "## Accurate", "## No Data"]
    assert "**Verdict:** Needs Context, by ann" in text
    assert "supported" not in text.lower() and "disputed" not in text.lower()


def test_html_takes_each_labels_colour_and_title(newsroom: tuple[Store, list[int]]) -> None:
    store, _ = newsroom
    html = render(store, "html")
    assert "Verdicts on the newsroom scale" in html
    assert "<h2>Wrong</h2>" in html and "<h2>Needs Context</h2>" in html
    assert 'style="color:#c62828">Wrong</span>' in html
    assert 'style="color:#f9a825">Needs Context</span>' in html
    assert "background:#2e7d32" in html  # the accurate bar
    assert 'style="color:#757575">No Data</span>' in html  # no colour of its own


def test_json_and_csv_carry_the_labels_and_the_json_names_the_scale(
    newsroom: tuple[Store, list[int]], tmp_path: Path
) -> None:
    store, ids = newsroom
    data = json.loads(render(store, "json"))
    assert data["scale"]["name"] == "newsroom"
    assert [label["name"] for label in data["scale"]["labels"]] == [
        "accurate",
        "needs-context",
        "wrong",
        "no-data",
    ]
    verdicts = {c["id"]: c["history"][-1]["verdict"] for c in data["claims"]}
    assert verdicts == dict(
        zip(ids, ["accurate", "wrong", "needs-context", "no-data"], strict=True)
    )
    rows = list(csv.DictReader(io.StringIO(render(store, "csv"))))
    assert {r["verdict"] for r in rows} == {"accurate", "wrong", "needs-context", "no-data"}
    # The export goes back into a database of the same scale, and not into one of ours.
    with Store(tmp_path / "same.db") as same:
        same.set_scale(store.scale(), {}, "ed")
        assert import_bundle(same, data).verdicts == 4
    with Store(tmp_path / "ours.db") as ours, pytest.raises(WorkbenchError, match="no label"):
        import_bundle(ours, data)


def test_claimreview_takes_each_labels_alternate_name_and_rating(
    newsroom: tuple[Store, list[int]],
) -> None:
    store, ids = newsroom
    reviews = json.loads(render(store, "claimreview"))
    ratings = {r["url"].rsplit("/", 1)[1]: r["reviewRating"] for r in reviews}
    accurate, wrong, context, no_data = (ratings[str(i)] for i in ids)
    assert accurate == {
        "@type": "Rating",
        "bestRating": 3,
        "worstRating": 1,
        "alternateName": "Accurate",
        "ratingValue": 3,
    }
    assert wrong["ratingValue"] == 1 and wrong["alternateName"] == "Wrong"
    assert context["alternateName"] == "Missing context" and context["ratingValue"] == 2
    # A label without a rating: a review without ratingValue.
    assert no_data["alternateName"] == "No Data" and "ratingValue" not in no_data
    assert store.get_claim(ids[0]).status is Status("accurate")
