"""One row per claim for spreadsheets: UTF-8, RFC 4180 quoting, no live formulas."""

from __future__ import annotations

import csv
from typing import Any, TextIO

from workbench.core.export.common import ExportOptions, citation_line, claim_pages
from workbench.core.matching.views import DocumentNames
from workbench.core.store import Store
from workbench.core.text.safe import csv_cell

COLUMNS = [
    "claim_id",
    "document_id",
    "document_title",
    "source",
    "published",
    "kind",
    "score",
    "claim",
    "speaker",
    "numbers",
    "verdict",
    "reviewer",
    "decided_at",
    "note",
    "citations",
]


def write_csv(store: Store, options: ExportOptions, out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    documents = DocumentNames(store)
    # Claims come in source order: a document's cells are made once for all its claims.
    doc_id: int | None = -1
    doc_cells: list[Any] = []
    written = 0
    for page in claim_pages(store, options):
        documents.load(reviewed.claim.document_id for reviewed in page)
        for reviewed in page:
            claim, latest = reviewed.claim, reviewed.latest
            if claim.document_id != doc_id:
                doc_id = claim.document_id
                doc = documents.get(doc_id)
                doc_cells = [
                    csv_cell(doc.title if doc else ""),
                    csv_cell(doc.source if doc else ""),
                    csv_cell((doc.published if doc else None) or ""),
                ]
            # The id, the kind, the score ("0.250") and the status are ours: never a
            # formula nor a control character, so they skip csv_cell.
            writer.writerow(
                [
                    claim.id,
                    claim.document_id,
                    *doc_cells,
                    claim.kind.value,
                    f"{claim.score:.3f}",
                    csv_cell(claim.text),
                    csv_cell(claim.speaker or ""),
                    csv_cell("; ".join(n.text for n in claim.numbers)),
                    claim.status.value,
                    csv_cell(latest.reviewer) if latest else "",
                    csv_cell(latest.created_at) if latest else "",
                    csv_cell(latest.note) if latest else "",
                    csv_cell(" | ".join(citation_line(c) for c in reviewed.citations)),
                ]
            )
        written += len(page)
    return written
