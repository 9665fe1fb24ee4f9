"""schema.org ClaimReview JSON-LD, one object per reviewed claim, ready to publish.

The database's scale gives each label's ``alternateName`` and ``ratingValue``
and the scale's ``worstRating`` / ``bestRating`` (``workbench scale show``).
For ours (also in the README): supported -> Supported 5, mixed -> Mixed 3,
disputed -> Disputed 1 (worst 1, best 5); unverifiable -> Unverifiable with no
ratingValue. A label without a rating gives a review without ``ratingValue``;
unreviewed claims and claims in conflict are never exported.
"""

from __future__ import annotations

import itertools
from typing import Any, TextIO

from workbench.core.export.common import (
    ExportOptions,
    claim_pages,
    short_statement,
)
from workbench.core.matching.views import DocumentNames, VersionFinder
from workbench.core.models import DocumentMeta, Status
from workbench.core.scale import OURS, Scale
from workbench.core.store import ReviewedClaim, Store
from workbench.core.text.safe import json_text


def _work(doc: DocumentMeta) -> dict[str, Any]:
    """A CreativeWork for a source article: its name, its canonical URL (else its path
    when that is a URL) and its authors."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if doc.url:  # a web page's canonical address
        work["url"] = doc.url
    elif str(doc.path).startswith(("http://", "https://")):
        work["url"] = doc.path
    work["name"] = doc.title
    if doc.authors:
        work["author"] = [{"@type": "Person", "name": name} for name in doc.authors]
    if doc.published:
        work["datePublished"] = doc.published
    return work


_SHARED_TYPES = ("Rating", "CreativeWork")  # dicts _Shared makes once and reuses


class _Shared:
    """What many ClaimReviews of one export repeat, built once: a status's rating, a
    document's CreativeWork, the reviewing organisation. (JSON writes a shared dict
    as often as it appears; nothing changes one once built.)"""

    HELD = 20_000  # documents' works kept, at most

    def __init__(self, options: ExportOptions, scale: Scale) -> None:
        self.scale = scale
        self.author = {"@type": "Organization", "name": options.organisation}
        self._ratings: dict[Status, dict[str, Any] | None] = {}
        self._works: dict[int, dict[str, Any]] = {}
        # The JSON of each shared dict, written once: id -> (the dict, its text). The
        # dict is held with its text, so its id cannot be another's meanwhile.
        self._texts: dict[int, tuple[object, str]] = {}

    def text(self, value: Any) -> str:
        """``json_text(value)`` of a review, the shared dicts in it encoded once.

        The same characters as ``json_text``: the same separators (", ", ": "),
        each string and number through it, its escapes applied piece by piece.
        """
        if isinstance(value, dict):
            known = self._texts.get(id(value))
            if known is not None and known[0] is value:
                return known[1]
            text = "{" + ", ".join(f"{json_text(k)}: {self.text(v)}" for k, v in value.items())
            text += "}"
            if value is self.author or value.get("@type") in _SHARED_TYPES:
                if len(self._texts) >= 2 * self.HELD:
                    self._texts.clear()
                self._texts[id(value)] = (value, text)
            return text
        if isinstance(value, list):
            return "[" + ", ".join(self.text(v) for v in value) + "]"
        return json_text(value)

    def rating(self, status: Status) -> dict[str, Any] | None:
        """The Rating of a status, None when it is no label of the scale."""
        if status in self._ratings:
            return self._ratings[status]
        label = self.scale.label(status)
        rating: dict[str, Any] | None = None
        if label is not None:
            rating = {
                "@type": "Rating",
                "bestRating": self.scale.best_rating,
                "worstRating": self.scale.worst_rating,
                "alternateName": label.claimreview_name,
            }
            if label.rating is not None:
                rating["ratingValue"] = label.rating
        self._ratings[status] = rating
        return rating

    def work(self, doc: DocumentMeta) -> dict[str, Any]:
        work = self._works.get(doc.id)
        if work is None:
            if len(self._works) >= self.HELD:
                self._works.clear()
            work = self._works[doc.id] = _work(doc)
        return work


def claim_review(
    reviewed: ReviewedClaim,
    doc: DocumentMeta,
    options: ExportOptions,
    others: list[DocumentMeta] | None = None,
    scale: Scale = OURS,
    shared: _Shared | None = None,
) -> dict[str, Any] | None:
    """One ClaimReview; ``others`` are the documents of the claim's other versions."""
    others = others or []
    shared = shared or _Shared(options, scale)
    claim, latest = reviewed.claim, reviewed.latest
    # A claim in conflict has no verdict the desk stands behind (nor a rating).
    if claim.status in (Status.UNREVIEWED, Status.CONFLICT) or latest is None:
        return None
    rating = shared.rating(claim.status)
    if rating is None:  # no label of the scale: nothing the desk can publish a rating for
        return None
    carriers = [doc, *others]  # every source that carries the claim
    first = min(carriers, key=lambda d: (d.published or "9999", d.id)) if others else doc
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": doc.source},
        "appearance": [shared.work(d) for d in carriers],
        "firstAppearance": shared.work(first),
    }
    if doc.published:
        item["datePublished"] = doc.published
    review: dict[str, Any] = {"@context": "https://schema.org", "@type": "ClaimReview"}
    if options.url_base:
        review["url"] = f"{options.url_base.rstrip('/')}/{claim.id}"
    review["claimReviewed"] = short_statement(claim.text)
    review["datePublished"] = latest.created_at[:10]
    review["author"] = shared.author
    review["reviewRating"] = rating
    review["itemReviewed"] = item
    if latest.note:
        review["reviewBody"] = latest.note
    return review


def write_claimreview(store: Store, options: ExportOptions, out: TextIO) -> int:
    """A JSON list, written one object at a time."""
    scale = store.scale()
    documents = DocumentNames(store)
    versions = VersionFinder(store, documents)
    shared = _Shared(options, scale)
    written = 0
    out.write("[")
    for page in claim_pages(store, options):
        versions.load(reviewed.claim for reviewed in page)
        others = [
            [other.document_id for other, copy in versions.others_of(reviewed.claim) if not copy]
            for reviewed in page
        ]
        documents.load(
            itertools.chain((r.claim.document_id for r in page), itertools.chain(*others))
        )
        for reviewed, their_ids in zip(page, others, strict=True):
            doc = _document(documents, reviewed.claim.document_id)
            carriers = [_document(documents, doc_id) for doc_id in their_ids]
            review = claim_review(reviewed, doc, options, carriers, scale, shared)
            if review is None:
                continue
            out.write(",\n" if written else "\n")
            out.write(shared.text(review))  # one per line; shared parts encoded once
            written += 1
    out.write("\n]\n" if written else "]\n")
    return written


def _document(documents: DocumentNames, doc_id: int | None) -> DocumentMeta:
    doc = documents.get(doc_id)
    if doc is None:  # a claim's document always exists (a foreign key)
        raise KeyError(doc_id or 0)
    return doc
