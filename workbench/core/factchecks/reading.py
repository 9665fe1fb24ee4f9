"""Read published fact-checks from files: ClaimReview JSON-LD, saved pages, CSV.

JSON (``.json``, ``.jsonld``): one schema.org ClaimReview object, a list of
them (our own ``export --format claimreview`` among them), an ``@graph``, or a
data feed whose ``dataFeedElement`` items hold them. HTML (``.html``,
``.htm``): the ``<script type="application/ld+json">`` blocks of saved
fact-check pages. CSV (``.csv``, or ``.tsv`` with tabs): a header with
``claim`` and ``url`` (required), ``title``, ``rating``, ``publisher``, ``date``
(optional); other columns are ignored.

A fact-check's url is its identity. A row or object that cannot be read
becomes one :class:`Problem` naming it; the rest are read all the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from workbench.core.errors import IngestError
from workbench.core.published import FactCheck
from workbench.core.text.decoding import decode
from workbench.core.text.safe import sanitise_line

MAX_BYTES = 1024 * 1024 * 1024  # a fact-check database of a few million rows fits
JSON_SUFFIXES = (".json", ".jsonld", ".json-ld")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_SCRIPT = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_WRAPPING = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


@attrs.frozen
class Problem:
    """A row or object that could not be read, in one line that names it."""

    message: str


def read_file(path: Path) -> Iterator[FactCheck | Problem]:
    """The fact-checks in one file, and a Problem for each part that is not one."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            yield Problem(f"{name}: too large (over {MAX_BYTES // 1024**3} GB)")
            return
        data = path.read_bytes()
    except OSError as error:
        yield Problem(f"{name}: cannot read ({error.strerror or error})")
        return
    if not data.strip():
        yield Problem(f"{name}: empty file")
        return
    try:
        text, _warning = decode(data, name)
    except IngestError as error:
        yield Problem(str(error))
        return
    suffix = path.suffix.lower()
    stripped = text.lstrip("\ufeff \t\r\n")
    if suffix in JSON_SUFFIXES or (suffix not in HTML_SUFFIXES and stripped[:1] in "[{"):
        yield from read_json(text, name)
    elif suffix in HTML_SUFFIXES or stripped[:1] == "<":
        yield from read_html(text, name)
    else:
        yield from read_csv(text, name, delimiter="\t" if suffix == ".tsv" else ",")


# -- CSV ---------------------------------------------------------------------------------


def read_csv(text: str, name: str, *, delimiter: str = ",") -> Iterator[FactCheck | Problem]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        yield Problem(f"{name}: empty file")
        return
    except csv.Error as error:
        yield Problem(f"{name} line 1: not CSV ({error})")
        return
    missing = [column for column in ("claim", "url") if column not in header]
    if missing:
        yield Problem(
            f"{name}: the header has no {' or '.join(repr(m) for m in missing)} column "
            "(claim and url are required; title, rating, publisher, date optional)"
        )
        return
    where = {column: header.index(column) for column in header[::-1]}  # first of a name wins

    def cell(row: list[str], column: str) -> str:
        at = where.get(column)
        return row[at] if at is not None and at < len(row) else ""

    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Problem(
                f"{name} line {reader.line_num}: cannot be read ({error}); file ends here"
            )
            return
        if not any(cell.strip() for cell in row):
            continue
        yield _factcheck(
            f"{name} line {reader.line_num}",
            url=cell(row, "url"),
            claim=cell(row, "claim"),
            title=cell(row, "title"),
            rating=cell(row, "rating"),
            publisher=cell(row, "publisher"),
            date=cell(row, "date"),
        )


# -- JSON-LD -------------------------------------------------------------------------------


def read_json(text: str, name: str) -> Iterator[FactCheck | Problem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield Problem(f"{name}: not valid JSON ({error})")
        return
    yield from _read_tree(data, name, quiet=False)


def read_html(text: str, name: str) -> Iterator[FactCheck | Problem]:
    """The ClaimReviews in a saved page's JSON-LD blocks; other blocks are skipped."""
    found = False
    for number, match in enumerate(_SCRIPT.finditer(text), start=1):
        body = _WRAPPING.sub("", match.group(1).strip())
        try:
            data = json.loads(body)
        except json.JSONDecodeError as error:
            yield Problem(f"{name}: JSON-LD block {number} is not valid JSON ({error})")
            continue
        for item in _read_tree(data, f"{name} block {number}", quiet=True):
            found = found or isinstance(item, FactCheck)
            yield item
    if not found:
        yield Problem(f"{name}: no ClaimReview in its JSON-LD")


def _read_tree(data: Any, name: str, *, quiet: bool) -> Iterator[FactCheck | Problem]:
    """The ClaimReviews of a JSON-LD document; with ``quiet``, other objects are skipped."""
    if isinstance(data, dict) and isinstance(data.get("dataFeedElement"), list):
        items: list[tuple[str, Any]] = [
            (f"{name} feed item {i}", element)
            for i, element in enumerate(data["dataFeedElement"], start=1)
        ]
    elif isinstance(data, dict) and isinstance(data.get("@graph"), list):
        items = [(f"{name} @graph item {i}", node) for i, node in enumerate(data["@graph"], 1)]
        quiet = True  # a graph describes the page too: its other nodes are no fault
    elif isinstance(data, list):
        items = [(f"{name} item {i}", node) for i, node in enumerate(data, start=1)]
    else:
        items = [(name, data)]
    for label, node in items:
        reviews = list(_reviews(node))
        if not reviews:
            if not quiet:
                yield Problem(f"{label}: not a ClaimReview")
            continue
        for review in reviews:
            yield _from_review(review, label)


def _types(node: dict[str, Any]) -> set[str]:
    kinds = node.get("@type", [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {str(k).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for k in kinds}


def _reviews(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """ClaimReview objects in ``node``: itself, or in a feed item's ``item``."""
    if depth > 4:
        return
    if isinstance(node, list):
        for each in node:
            yield from _reviews(each, depth + 1)
        return
    if not isinstance(node, dict):
        return
    kinds = _types(node)
    if "ClaimReview" in kinds:
        yield node
    elif "item" in node:
        yield from _reviews(node["item"], depth + 1)
    elif isinstance(node.get("@graph"), list):
        yield from _reviews(node["@graph"], depth + 1)


def _text(value: Any) -> str:
    """A JSON-LD value as text: a string, the first of a list, an object's name."""
    if isinstance(value, list):
        return next((t for t in map(_text, value) if t), "")
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value") or value.get("url") or "")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _rating(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else {}
    if not isinstance(value, dict):
        return _text(value)
    word = _text(value.get("alternateName")) or _text(value.get("name"))
    if word:
        return word
    got, best = _text(value.get("ratingValue")), _text(value.get("bestRating"))
    return f"{got} of {best}" if got and best else got


def _from_review(review: dict[str, Any], label: str) -> FactCheck | Problem:
    item = review.get("itemReviewed")
    claim = _text(review.get("claimReviewed")) or (
        _text(item.get("name")) if isinstance(item, dict) else ""
    )
    return _factcheck(
        label,
        url=_text(review.get("url")) or _text(review.get("@id")),
        claim=claim,
        title=_text(review.get("name")) or _text(review.get("headline")),
        rating=_rating(review.get("reviewRating")),
        publisher=_text(review.get("author")) or _text(review.get("publisher")),
        date=_text(review.get("datePublished")),
    )


# -- both ----------------------------------------------------------------------------------


def iso_date(value: str) -> str:
    """A date as YYYY-MM-DD when it can be read, else as given."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return value


def _factcheck(
    label: str, *, url: str, claim: str, title: str, rating: str, publisher: str, date: str
) -> FactCheck | Problem:
    url, claim = sanitise_line(url), sanitise_line(claim)
    if not url and not claim:
        return Problem(f"{label}: no url and no claim")
    if not url:
        return Problem(
            f"{label}: no url (a fact-check's address names it; export ClaimReview with --url-base)"
        )
    if not claim:
        return Problem(f"{label}: no claim (claimReviewed) for {url}")
    return FactCheck(
        url=url,
        claim=claim,
        title=sanitise_line(title),
        rating=sanitise_line(rating),
        publisher=sanitise_line(publisher),
        date=iso_date(sanitise_line(date)),
    )
