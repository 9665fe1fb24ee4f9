"""Value objects of workbench: documents, claims, verdicts and citations.

Everything here is frozen; change a value with ``attrs.evolve``. Rows become
objects only at the store boundary (``Claim.from_row`` / ``claim.as_row()``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from json.encoder import encode_basestring_ascii as _json_string
from typing import Any

import attrs

# The enums live in core/enums.py; the models' module names them too, as it always has.
from workbench.core.enums import (
    LABEL_NAME as LABEL_NAME,
    LABEL_NAME_MAX as LABEL_NAME_MAX,
    VERDICTS as VERDICTS,
    Action as Action,
    ClaimKind as ClaimKind,
    FlagKind as FlagKind,
    IngestOutcome as IngestOutcome,
    SourceKind as SourceKind,
    Stance as Stance,
    Status as Status,
    to_action as _action,
    to_kind as _kind,
    to_status as _status,
)

QUOTE_FOUND = 85.0  # a quoted passage matching its source at least this well is found


def _score_in_range(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must lie in 0..1, got {value!r}")


def _json_list(value: str | None) -> list[Any]:
    if not value or value == "[]":  # most claims: no number, no reason; no parse
        return []
    return json.loads(value)  # type: ignore[no-any-return]


def _names(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(names)


def strings_json(strings: Iterable[str]) -> str:
    """``json.dumps(list(strings))``, written directly: ingest writes two per claim."""
    return "[" + ", ".join(map(_json_string, strings)) + "]"


def _json_float(value: float | None) -> str:
    if value is None:
        return "null"
    return repr(value) if math.isfinite(value) else json.dumps(value)


# A claim as a row of the claims table, without its ids: these columns, in this order
# (what extraction hands the store; see Claim.as_row).
CLAIM_COLUMNS = (
    "text",
    "kind",
    "score",
    "start",
    "end",
    "sentence_index",
    "paragraph_index",
    "numbers",
    "speaker",
    "quote",
    "status",
    "reasons",
    "stale",
)
ClaimValues = tuple[str, str, float, int, int, int, int, str, str | None, str | None, str, str, int]


def numbers_json(numbers: Iterable[NumberMention]) -> str:
    """``json.dumps([n.as_dict() for n in numbers])``, written directly (see the test)."""
    return (
        "["
        + ", ".join(
            f'{{"text": {_json_string(n.text)}, "value": {_json_float(n.value)}, '
            f'"unit": {_json_string(n.unit)}, "qualifier": {_json_string(n.qualifier)}, '
            f'"start": {int(n.start)}, "end": {int(n.end)}'
            + (f', "high": {_json_float(n.high)}' if n.high is not None else "")
            + (f', "date": {_json_string(n.date)}' if n.date else "")
            + "}"
            for n in numbers
        )
        + "]"
    )


@attrs.frozen
class NumberMention:
    """A number a claim rests on, as written, with what it counts.

    A range keeps both ends ("5-8 centimetres": ``value`` 5, ``high`` 8); a
    ratio is a share ("one in six people": ``value`` 0.1667, ``unit``
    "ratio"); a date or year carries its ISO 8601 form in ``date``
    ("2024-03-03", "2024-03", "2024", "--03-03" when the year is not given).
    """

    text: str  # as written: "more than 400 forces"
    value: float | None  # 400.0; None for vague amounts ("hundreds")
    unit: str  # "forces", "%", "year", "date", "time", "rank", "ratio", "$"
    qualifier: str = ""  # "more than", "about", "at least" ...
    start: int = 0  # offsets inside the claim text
    end: int = 0
    high: float | None = None  # the upper end of a range
    date: str = ""  # ISO 8601 for dates and years

    def as_dict(self) -> dict[str, Any]:
        """The JSON form; ``high`` and ``date`` only when set, as most mentions have neither."""
        data: dict[str, Any] = {
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "start": self.start,
            "end": self.end,
        }
        if self.high is not None:
            data["high"] = self.high
        if self.date:
            data["date"] = self.date
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NumberMention:
        """Read :meth:`as_dict`'s form, from this version or an older or newer one."""
        return cls(**{k: v for k, v in data.items() if k in _MENTION_FIELDS})


_MENTION_FIELDS = frozenset(a.name for a in attrs.fields(NumberMention))


@attrs.frozen
class Document:
    id: int | None
    title: str
    source: str  # outlet, or the file name when the article does not say
    path: str
    published: str | None  # ISO 8601 date
    original_text: str
    clean_text: str
    content_hash: str
    ingested_at: str
    format: str = "text"  # text, markdown, html
    authors: tuple[str, ...] = attrs.field(default=(), converter=_names)  # as the article has them
    url: str | None = None  # a web page's canonical address (ClaimReview's appearance)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Document:
        return cls(
            id=row["id"],
            title=row["title"],
            source=row["source"],
            path=row["path"],
            published=row["published"],
            original_text=row["original_text"],
            clean_text=row["clean_text"],
            content_hash=row["content_hash"],
            ingested_at=row["ingested_at"],
            format=row["format"],
            authors=tuple(_json_list(row.get("authors"))),
            url=row.get("url"),
        )

    def as_row(self) -> dict[str, Any]:
        row = attrs.asdict(self)
        row["authors"] = strings_json(self.authors)
        if self.id is None:
            del row["id"]
        return row


@attrs.frozen
class DocumentMeta:
    """A document without its texts: what lists, exports and views name it by."""

    id: int
    title: str
    source: str
    path: str
    published: str | None
    format: str
    content_hash: str
    ingested_at: str
    authors: tuple[str, ...] = attrs.field(default=(), converter=_names)
    url: str | None = None
    claims: int | None = None  # how many claims it has, where the query counted them

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DocumentMeta:
        return cls(
            id=row["id"],
            title=row["title"],
            source=row["source"],
            path=row["path"],
            published=row["published"],
            format=row["format"] or "text",
            content_hash=row["content_hash"],
            ingested_at=row["ingested_at"],
            authors=tuple(_json_list(row.get("authors"))),
            url=row.get("url"),
            claims=row.get("claims"),
        )


@attrs.frozen
class Claim:
    id: int | None
    document_id: int | None
    text: str
    kind: ClaimKind = attrs.field(converter=_kind)
    score: float = attrs.field(validator=_score_in_range)
    start: int = attrs.field()  # span in the document's clean text
    end: int = attrs.field()
    sentence_index: int = 0
    paragraph_index: int = 0
    numbers: tuple[NumberMention, ...] = ()
    speaker: str | None = None
    quote: str | None = None  # the quoted words, for quotes and attributions
    status: Status = attrs.field(default=Status.UNREVIEWED, converter=_status)
    reasons: tuple[str, ...] = ()  # why the score is what it is
    stale: bool = False  # the document changed and this sentence is gone
    group_id: int | None = None  # claims in other documents that state the same fact

    @end.validator
    def _span_ordered(self, attribute: attrs.Attribute[Any], value: int) -> None:
        if not 0 <= self.start <= value:
            raise ValueError(f"claim span {self.start}..{value} is not a span")

    def span_in(self, text: str) -> bool:
        """Whether the span points at this claim's text inside ``text``."""
        return text[self.start : self.end] == self.text

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Claim:
        return cls(
            id=row["id"],
            document_id=row["document_id"],
            text=row["text"],
            kind=row["kind"],
            score=row["score"],
            start=row["start"],
            end=row["end"],
            sentence_index=row["sentence_index"],
            paragraph_index=row["paragraph_index"],
            numbers=tuple(map(NumberMention.from_dict, _json_list(row["numbers"]))),
            speaker=row["speaker"],
            quote=row["quote"],
            status=row["status"],
            reasons=tuple(_json_list(row["reasons"])),
            stale=bool(row["stale"]),
            group_id=row.get("group_id"),
        )

    def as_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "document_id": self.document_id,
            "text": self.text,
            "kind": self.kind.value,
            "score": self.score,
            "start": self.start,
            "end": self.end,
            "sentence_index": self.sentence_index,
            "paragraph_index": self.paragraph_index,
            "numbers": numbers_json(self.numbers),
            "speaker": self.speaker,
            "quote": self.quote,
            "status": self.status.value,
            "reasons": strings_json(self.reasons),
            "stale": int(self.stale),
        }
        if self.id is not None:
            row["id"] = self.id
        return row


@attrs.frozen
class Verdict:
    """One row of a claim's append-only verdict history.

    The claim's status is the ``verdict`` of its latest row. An undo is a new
    row that restores the earlier verdict and names the row it reverts.
    """

    id: int | None
    claim_id: int
    verdict: Status = attrs.field(converter=_status)
    reviewer: str = ""
    note: str = ""
    created_at: str = ""
    action: Action = attrs.field(default=Action.MARK, converter=_action)
    reverts: int | None = None  # for undo/redo: the history row acted on
    carried_from: int | None = None  # a group verdict: the claim it was made on

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Verdict:
        return cls(
            id=row["id"],
            claim_id=row["claim_id"],
            verdict=row["verdict"],
            reviewer=row["reviewer"],
            note=row["note"] or "",
            created_at=row["created_at"],
            action=row["action"],
            reverts=row["reverts"],
            carried_from=row["carried_from"],
        )


@attrs.frozen
class Citation:
    """Evidence for or against a claim: where it is and what it says."""

    id: int | None
    claim_id: int
    source: str  # a URL, "doc:ID", a file path, or free text
    source_kind: SourceKind = attrs.field(converter=SourceKind)
    quote: str = ""  # the passage quoted from the source
    locator: str = ""  # paragraph, page, timestamp
    stance: Stance | None = attrs.field(default=None, converter=attrs.converters.optional(Stance))
    note: str = ""
    created_at: str = ""
    verdict_id: int | None = None
    reviewer: str = ""
    deleted: bool = False
    # Where the quoted passage was found in the cited corpus document or file:
    # a 0..100 match score (None: not checked), the document, and the span.
    verified_score: float | None = None
    verified_document: int | None = None
    verified_start: int | None = None
    verified_end: int | None = None

    @property
    def quote_found(self) -> bool | None:
        """True when the quote was found in its source, False when not, None if unchecked."""
        if self.verified_score is None:
            return None
        return self.verified_score >= QUOTE_FOUND

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Citation:
        return cls(
            id=row["id"],
            claim_id=row["claim_id"],
            source=row["source"],
            source_kind=row["source_kind"],
            quote=row["quote"] or "",
            locator=row["locator"] or "",
            stance=row["stance"],
            note=row["note"] or "",
            created_at=row["created_at"],
            verdict_id=row["verdict_id"],
            reviewer=row["reviewer"] or "",
            deleted=bool(row["deleted"]),
            verified_score=row.get("verified_score"),
            verified_document=row.get("verified_document"),
            verified_start=row.get("verified_start"),
            verified_end=row.get("verified_end"),
        )

    def as_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "claim_id": self.claim_id,
            "source": self.source,
            "source_kind": self.source_kind.value,
            "quote": self.quote,
            "locator": self.locator,
            "stance": self.stance.value if self.stance else None,
            "note": self.note,
            "created_at": self.created_at,
            "verdict_id": self.verdict_id,
            "reviewer": self.reviewer,
            "deleted": int(self.deleted),
            "verified_score": self.verified_score,
            "verified_document": self.verified_document,
            "verified_start": self.verified_start,
            "verified_end": self.verified_end,
        }
        if self.id is not None:
            row["id"] = self.id
        return row


@attrs.frozen
class ClaimFilter:
    """What the claims list shows; every field narrows it."""

    statuses: tuple[Status, ...] = ()
    kinds: tuple[ClaimKind, ...] = ()
    document_ids: tuple[int, ...] = ()
    search: str = ""
    include_stale: bool = True
    group_ids: tuple[int, ...] = ()  # claims of these groups (matching across sources)
    assigned_to: str = ""  # claims given to this reviewer (workbench assign)
    # A reviewer's queue: claims given to them, and claims others began judging
    # that still wait for this reviewer's independent verdict (a desk of several).
    mine: str = ""
    checked_before: bool = False  # only claims that match a published fact-check
