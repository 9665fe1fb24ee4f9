"""One row per claim for spreadsheets: UTF-8, RFC 4180 quoting, no live formulas."""

from __future__ import annotations

import csv
import itertools
from typing import TextIO

from workbench.core.export.common import ExportOptions, citation_line, claim_pages
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
    documents = {d.id: d for d in store.document_meta()}
    written = 0
    for reviewed in itertools.chain.from_iterable(claim_pages(store, options)):
        claim, latest = reviewed.claim, reviewed.latest
        doc = documents.get(claim.document_id or 0)
        row = [
            claim.id,
            claim.document_id,
            doc.title if doc else "",
            doc.source if doc else "",
            (doc.published if doc else None) or "",
            claim.kind.value,
            f"{claim.score:.3f}",
            claim.text,
            claim.speaker or "",
            "; ".join(n.text for n in claim.numbers),
            claim.status.value,
            latest.reviewer if latest else "",
            latest.created_at if latest else "",
            latest.note if latest else "",
            " | ".join(citation_line(c) for c in reviewed.citations),
        ]
        writer.writerow([csv_cell(cell) for cell in row])
        written += 1
    return written
