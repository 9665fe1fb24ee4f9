"""The detail pane names a document's authors beside its outlet and date."""

from __future__ import annotations

from workbench.core.models import Claim, ClaimKind, Document
from workbench.core.views import ClaimView, in_paragraph
from workbench.tui.widgets.claim_detail import describe


def _view(authors: tuple[str, ...]) -> ClaimView:
    text = "The harbour board approved a £12 million sea wall."
    document = Document(
        id=1,
        title="Kellport backs new sea wall",
        source="Coastline Courier",
        path="https://courier.example/news/sea-wall",
        published="2024-03-05",
        original_text="<html></html>",
        clean_text=text,
        content_hash="x",
        ingested_at="2026-01-01T00:00:00+00:00",
        format="html",
        authors=authors,
    )
    claim = Claim(
        id=7, document_id=1, text=text, kind=ClaimKind.STATISTIC, score=0.8, start=0, end=len(text)
    )
    paragraph = in_paragraph(claim, text)
    return ClaimView(claim, document, paragraph, history=[], citations=[])


def test_the_detail_pane_names_the_authors() -> None:
    shown = describe(_view(("Ruth Amsel", "Tomas Quill"))).plain
    assert "Coastline Courier, 2024-03-05 · by Ruth Amsel, Tomas Quill\n" in shown


def test_no_byline_without_authors() -> None:
    shown = describe(_view(())).plain
    assert "Coastline Courier, 2024-03-05\n" in shown
    assert " · by" not in shown
