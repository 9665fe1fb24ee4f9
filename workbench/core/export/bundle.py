"""The complete machine form (JSON) and its import into another database.

Everything a review needs travels: documents with both texts, claims, the
whole verdict history and the citations. Importing into an empty database
gives back the same verdicts and citations; importing into one that already
holds the documents merges, adding only what is missing.
"""

from __future__ import annotations

import array
import json
from pathlib import Path
from typing import Any, TextIO

import attrs

from workbench.core.errors import WorkbenchError
from workbench.core.export.common import ExportOptions, claim_pages
from workbench.core.factchecks.views import CheckedBeforeFinder
from workbench.core.models import Citation, Claim, Document, Verdict
from workbench.core.scale import OURS
from workbench.core.store import Store
from workbench.core.text.safe import (
    Sanitised,
    json_text,
    sanitise,
    sanitise_citation,
    sanitise_line,
    visible,
)

FORMAT = "workbench-export"
SCHEMA_VERSION = 2  # 2: documents carry authors and url (a version-1 export still reads)
DOCUMENTS_AT_ONCE = 100  # documents (with both their texts) read in one statement


def _verdict(verdict: Verdict, history: list[Verdict]) -> dict[str, Any]:
    # An undo or redo names the row it reverts by its place in the claim's
    # history (ids differ between databases), so what was undone stays undone.
    reverts = [i for i, v in enumerate(history) if v.id is not None and v.id == verdict.reverts]
    row: dict[str, Any] = {
        "verdict": verdict.verdict.value,
        "reviewer": verdict.reviewer,
        "note": verdict.note,
        "created_at": verdict.created_at,
        "action": verdict.action.value,
    }
    if reverts:
        row["reverts_index"] = reverts[0]
    return row


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
    out.write(f'"generated": {json.dumps(options.generated)},\n')
    scale = store.scale()
    if scale.name != OURS.name:  # absent: the default scale, ours
        out.write(f'"scale": {json_text(scale.as_dict())},\n')
    out.write('"claims": [')
    # The ids of the claims' documents: claims come in source order (by document), so
    # each id once, in order, in an array of machine integers (8 bytes a document).
    documents = array.array("q")
    written = 0
    checked = CheckedBeforeFinder(store)
    for page in claim_pages(store, options):
        checked.load(reviewed.claim for reviewed in page)
        for reviewed in page:
            claim = reviewed.claim
            record = claim.as_row()
            record["id"] = claim.id
            record["numbers"] = [n.as_dict() for n in claim.numbers]
            record["reasons"] = list(claim.reasons)
            record["stale"] = claim.stale
            record["history"] = [_verdict(v, reviewed.history) for v in reviewed.history]
            record["citations"] = [_citation(c, reviewed.history) for c in reviewed.citations]
            matches = checked.of(claim)
            if matches:  # published fact-checks of the same claim (not imported back)
                record["checked_before"] = [
                    {
                        **attrs.asdict(m.factcheck, filter=lambda a, _v: a.name != "id"),
                        "score": m.score,
                    }
                    for m in matches
                ]
            out.write(",\n" if written else "\n")
            out.write(json_text(record))
            if not documents or documents[-1] != (claim.document_id or 0):
                documents.append(claim.document_id or 0)
            written += 1
    out.write('\n],\n"documents": [')
    first = True
    for start in range(0, len(documents), DOCUMENTS_AT_ONCE):
        for doc in store.documents_by_id(list(documents[start : start + DOCUMENTS_AT_ONCE])):
            out.write("\n" if first else ",\n")
            out.write(json_text(attrs.asdict(doc)))
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


def _clean_document(raw: dict[str, Any]) -> tuple[Document, Sanitised]:
    """An exported document sanitised as ingest would have; the map of its clean text.

    The original text is the file as it was read and stays as it is.
    """
    text = Sanitised.of(raw["clean_text"])
    published = raw.get("published")
    document = Document(
        **{
            **raw,
            "title": sanitise_line(raw["title"]),
            "source": sanitise_line(raw["source"]),
            "path": visible(raw["path"]),
            "published": sanitise_line(published) if published else published,
            "clean_text": text.text,
        }
    )
    return document, text


def _clean_claim(raw: dict[str, Any], before: str, after: Sanitised) -> dict[str, Any]:
    """An exported claim with its text sanitised and its spans moved to match.

    ``before`` is the document's clean text as exported, ``after`` the same
    text sanitised; a claim (or number) that pointed at its words still does.
    """
    start, end = raw["start"], raw["end"]
    new_start, new_end = after.position(start), after.position(end)
    pointed = before[start:end] == raw["text"]
    text = after.text[new_start:new_end] if pointed else sanitise(raw["text"])
    numbers = []
    for number in raw["numbers"]:
        at, to = start + number["start"], start + number["end"]
        moved = {**number, "text": sanitise(number["text"])}
        if pointed and before[at:to] == number["text"]:
            moved["start"] = after.position(at) - new_start
            moved["end"] = after.position(to) - new_start
            moved["text"] = text[moved["start"] : moved["end"]]
        numbers.append(moved)
    speaker, quote = raw.get("speaker"), raw.get("quote")
    return {
        **raw,
        "text": text,
        "start": new_start,
        "end": new_end,
        "numbers": numbers,
        "speaker": sanitise_line(speaker) if speaker else speaker,
        "quote": sanitise(quote) if quote else quote,
        "reasons": [sanitise_line(r) for r in raw["reasons"]],
    }


def import_bundle(store: Store, data: dict[str, Any]) -> ImportReport:
    """Bring an export into ``store`` in one transaction: all of it or nothing.

    Every text in it is sanitised on the way in, as ingest and review do.
    """
    try:
        with store.transaction():
            doc_ids: dict[int, int] = {}
            texts: dict[int, tuple[str, Sanitised]] = {}
            for raw in data["documents"]:
                document, mapped = _clean_document(raw)
                doc_ids[raw["id"]] = store.import_document(document)
                texts[raw["id"]] = (raw["clean_text"], mapped)
            verdicts = citations = 0
            for exported in data["claims"]:
                raw = _clean_claim(exported, *texts[exported["document_id"]])
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
                        reviewer=sanitise_line(v["reviewer"]),
                        note=sanitise(v["note"] or ""),
                        created_at=v["created_at"],
                        action=v["action"],
                    )
                    for v in raw["history"]
                ]
                cited = [
                    (
                        sanitise_citation(
                            Citation.from_row(
                                {
                                    **c,
                                    "id": None,
                                    "claim_id": claim_id,
                                    "verdict_id": None,
                                    "deleted": 0,
                                }
                            )
                        ),
                        c.get("verdict_index"),
                    )
                    for c in raw["citations"]
                ]
                reverts = [_position(v.get("reverts_index")) for v in raw["history"]]
                added = store.import_review(claim_id, history, cited, reverts=reverts)
                verdicts += added[0]
                citations += added[1]
    except (KeyError, TypeError, ValueError) as error:
        raise WorkbenchError(
            f"the export is incomplete or damaged ({error!r}); nothing imported"
        ) from error
    return ImportReport(len(doc_ids), len(data["claims"]), verdicts, citations)


def _position(value: object) -> int | None:
    """A place in a claim's history, as an export gives it (none in older exports)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"reverts_index {value!r} is not a place in the history")
    return value
