"""Claims and figures as plain dicts: the shapes the machine-readable outputs share."""

from __future__ import annotations

from typing import Any

import attrs

from workbench.core.store import ListedClaim, Stats
from workbench.core.text.safe import csv_cell


def claim_record(listed: ListedClaim) -> dict[str, Any]:
    """The JSON form of a listed claim (``workbench claims --format json``)."""
    claim = listed.claim
    return {
        "id": claim.id,
        "document_id": claim.document_id,
        "document_title": listed.document_title,
        "document_source": listed.document_source,
        "text": claim.text,
        "kind": claim.kind.value,
        "score": claim.score,
        "status": claim.status.value,
        "numbers": [n.as_dict() for n in claim.numbers],
        "speaker": claim.speaker,
        "quote": claim.quote,
        "start": claim.start,
        "end": claim.end,
        "paragraph_index": claim.paragraph_index,
        "sentence_index": claim.sentence_index,
        "reasons": list(claim.reasons),
        "stale": claim.stale,
        "group_id": claim.group_id,
    }


CSV_COLUMNS = [
    "id",
    "document_id",
    "document_title",
    "kind",
    "score",
    "status",
    "speaker",
    "numbers",
    "text",
    "start",
    "end",
]


def claim_csv_row(listed: ListedClaim) -> dict[str, Any]:
    """A claim as a CSV row (``workbench claims --format csv``), every cell made inert."""
    record = claim_record(listed)
    record["numbers"] = "; ".join(n["text"] for n in record["numbers"])
    return {key: csv_cell(record[key]) for key in CSV_COLUMNS}


def stats_record(stats: Stats) -> dict[str, Any]:
    """The JSON form of the figures (``workbench stats --json``): no ``desk`` key without a desk."""
    return attrs.asdict(
        stats, filter=lambda field, value: field.name != "desk" or value is not None
    )
