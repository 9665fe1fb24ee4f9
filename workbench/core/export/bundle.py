"""The complete machine form (JSON) and its import into another database.

Everything a review needs travels: documents with both texts, claims, the
whole verdict history and the citations. Importing into an empty database
gives back the same verdicts and citations; importing into one that already
holds the documents merges, adding only what is missing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

import attrs

from workbench.core.errors import WorkbenchError
from workbench.core.export.common import ExportOptions, claims
from workbench.core.models import Citation, Claim, Document, Verdict
from workbench.core.store import Store

FORMAT = "workbench-export"
SCHEMA_VERSION = 2  # 2: documents carry authors and url (a version-1 export still reads)


def _verdict(verdict: Verdict) -> dict[str, Any]:
    return {
        "verdict": verdict.verdict.value,
        "reviewer": verdict.reviewer,
        "note": verdict.note,
        "created_at": verdict.created_at,
        "action": verdict.action.value,
    }


def _citation(citation: Citation, history: list[Verdict]) -> dict[str, Any]:
    row = citation.as_row()
    for key in ("id", "claim_id", "verdict_id", "deleted"):
        row.pop(key, None)
    positions = [i for i, v in enumerate(history) if v.id == citation.verdict_id]
    row["verdict_index"] = positions[0] if positions else None
    return row


def write_json(store: Store, options: ExportOptions, out: TextIO) -> int:
    """Claims first (streamed), then the documents they come from."""
    out.write("{\n")
    out.write(f'"format": "{FORMAT}",\n"schema_version": {SCHEMA_VERSION},\n')
    out.write(f'"generated": {json.dumps(options.generated)},\n"claims": [')
    documents: set[int] = set()
    written = 0
    for reviewed in claims(store, options):
        claim = reviewed.claim
        record = claim.as_row()
        record["id"] = claim.id
        record["numbers"] = [n.as_dict() for n in claim.numbers]
        record["reasons"] = list(claim.reasons)
        record["stale"] = claim.stale
        record["history"] = [_verdict(v) for v in reviewed.history]
        record["citations"] = [_citation(c, reviewed.history) for c in reviewed.citations]
        out.write(",\n" if written else "\n")
        out.write(json.dumps(record, ensure_ascii=False))
        documents.add(claim.document_id or 0)
        written += 1
    out.write('\n],\n"documents": [')
    first = True
    for doc in store.iter_documents():
        if doc.id not in documents:
            continue
        out.write("\n" if first else ",\n")
        out.write(json.dumps(attrs.asdict(doc), ensure_ascii=False))
        first = False
    out.write('\n],\n"groups": [],\n"flags": []\n}\n')
    return written


def read_bundle(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise WorkbenchError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WorkbenchError(f"{path}: not a workbench JSON export ({error})") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise WorkbenchError(f"{path}: not a workbench JSON export (no 'format': '{FORMAT}')")
    if data.get("schema_version", 0) > SCHEMA_VERSION:
        raise WorkbenchError(
            f"{path}: export schema version {data['schema_version']} is newer than this "
            f"workbench reads ({SCHEMA_VERSION})"
        )
    return data


@attrs.frozen
class ImportReport:
    documents: int
    claims: int
    verdicts: int
    citations: int


def import_bundle(store: Store, data: dict[str, Any]) -> ImportReport:
    """Bring an export into ``store`` in one transaction: all of it or nothing."""
    try:
        with store.transaction():
            doc_ids: dict[int, int] = {}
            for raw in data["documents"]:
                doc_ids[raw["id"]] = store.import_document(Document(**raw))
            verdicts = citations = 0
            for raw in data["claims"]:
                claim = Claim.from_row(
                    {
                        **raw,
                        "document_id": doc_ids[raw["document_id"]],
                        "numbers": json.dumps(raw["numbers"]),
                        "reasons": json.dumps(raw["reasons"]),
                    }
                )
                claim_id = store.import_claim(claim)
                history = [
                    Verdict(
                        id=None,
                        claim_id=claim_id,
                        verdict=v["verdict"],
                        reviewer=v["reviewer"],
                        note=v["note"] or "",
                        created_at=v["created_at"],
                        action=v["action"],
                    )
                    for v in raw["history"]
                ]
                cited = [
                    (
                        Citation.from_row(
                            {
                                **c,
                                "id": None,
                                "claim_id": claim_id,
                                "verdict_id": None,
                                "deleted": 0,
                            }
                        ),
                        c.get("verdict_index"),
                    )
                    for c in raw["citations"]
                ]
                added = store.import_review(claim_id, history, cited)
                verdicts += added[0]
                citations += added[1]
    except (KeyError, TypeError, ValueError) as error:
        raise WorkbenchError(
            f"the export is incomplete or damaged ({error!r}); nothing imported"
        ) from error
    return ImportReport(len(doc_ids), len(data["claims"]), verdicts, citations)
