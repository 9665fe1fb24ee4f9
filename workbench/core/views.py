"""What the views of a claim show, each gathered from the core in one call.

:func:`claim_view` reads one claim with everything a reviewer looks at beside
it; the app's detail pane and ``workbench show`` both draw it, so they show
the same facts. :func:`claim_rows` reads a page of the claims list. Views are
frozen records; nothing here draws. A new section of the detail is one field
of :class:`ClaimView` and one line of :func:`claim_view`.
"""

from __future__ import annotations

import attrs

from workbench.core.desk import ClaimReviewView
from workbench.core.flags import Flag
from workbench.core.matching.diff import word_diff
from workbench.core.matching.evidence import Suggestion, suggest
from workbench.core.matching.views import (
    OtherVersion,
    RelatedClaim,
    flags_of,
    other_versions,
    related_of,
    sources_of,
)
from workbench.core.models import Citation, Claim, Document, Status, Verdict
from workbench.core.published import CheckedBefore
from workbench.core.store import Store
from workbench.core.text.sentences import paragraph_around


@attrs.frozen
class InParagraph:
    """The claim's paragraph, as the text before the claim and after it."""

    before: str
    after: str


@attrs.frozen
class FlagView:
    """A flag on the claim; for quote drift or truncation, how the quote's words changed."""

    flag: Flag
    diff: list[tuple[str, str]]  # word_diff(flag.a, flag.b) for quote flags; empty otherwise


@attrs.frozen
class Evidence:
    """A passage of another document suggested as evidence, with that document's title."""

    suggestion: Suggestion
    document_title: str


@attrs.frozen
class ClaimView:
    """One claim with what a reviewer looks at beside it."""

    claim: Claim
    document: Document  # title, outlet, authors, date; its text for the reader
    paragraph: InParagraph | None  # None: the claim is no longer in its document's text
    history: list[Verdict]
    citations: list[Citation]
    versions: list[OtherVersion] = attrs.Factory(list)  # the claim as other sources word it
    flags: list[FlagView] = attrs.Factory(list)
    sources: tuple[int, int] = (1, 1)  # independent sources and documents carrying the claim
    evidence: list[Evidence] | None = None  # None: not looked for (see with_evidence)
    related: list[RelatedClaim] = attrs.Factory(list)  # neighbouring facts, never grouped
    checked: list[CheckedBefore] = attrs.Factory(list)  # published fact-checks that match
    # The review as the viewer may see it (blind at a desk while the claim lacks
    # its independent verdicts; then ``history`` and ``citations`` are theirs only).
    review: ClaimReviewView | None = None
    holders: tuple[str, ...] = ()  # the reviewers the claim is assigned to


@attrs.frozen
class ClaimRow:
    """A claim as a line of the claims list: with its outlet and how widely it is carried."""

    claim: Claim
    document_source: str
    carried_by: int | None = None  # independent sources, when more than one document has it
    own: Status | None = None  # at a desk of several: the viewer's own verdict, if given


def claim_rows(store: Store, ids: list[int], *, viewer: str | None = None) -> dict[int, ClaimRow]:
    """The rows of these claims, keyed by id: a page of the claims list, in two queries.

    With a ``viewer`` at a desk of several reviewers, each row also carries the
    viewer's own verdict (the claim's status stays unreviewed until it settles).
    """
    listed = store.claims_by_ids(ids)
    carried = sources_of(store, [item.claim for item in listed.values()])
    own: dict[int, Status] = {}
    if viewer is not None and store.desk_settings().independent:
        own = store.own_verdicts(list(listed), viewer)
    rows = {}
    for claim_id, item in listed.items():
        independent, documents = carried.get(claim_id, (1, 1))
        rows[claim_id] = ClaimRow(
            item.claim,
            item.document_source,
            independent if documents > 1 else None,
            own.get(claim_id),
        )
    return rows


def claim_view(
    store: Store,
    claim_id: int,
    *,
    document: Document | None = None,
    evidence: bool = False,
    viewer: str | None = None,
) -> ClaimView:
    """Everything shown beside a claim, read in one go.

    ``document`` is one already read, used again when the claim is in it (the
    text of a long article is not read again for each of its claims). Evidence
    is looked for only when asked: it searches every other document. With a
    ``viewer``, the history and citations are what that reviewer may see
    (:meth:`Store.review_view`: blind while the claim lacks its verdicts).
    """
    claim = store.get_claim(claim_id)
    assert claim.document_id is not None
    if document is None or document.id != claim.document_id:
        document = store.get_document(claim.document_id)
    review = store.review_view(claim_id, viewer) if viewer is not None else None
    view = ClaimView(
        claim=claim,
        document=document,
        paragraph=in_paragraph(claim, document.clean_text),
        history=list(review.history) if review else store.history(claim_id),
        citations=list(review.citations) if review else store.citations(claim_id),
        review=review,
        holders=store.assignees(claim_id),
        versions=other_versions(store, claim),
        flags=[_flag_view(flag) for flag in flags_of(store, claim)],
        sources=sources_of(store, [claim])[claim_id],
        related=related_of(store, [claim]).get(claim_id, []),
        checked=store.checked_before([claim_id]).get(claim_id, []),
    )
    return with_evidence(store, view) if evidence else view


def with_evidence(store: Store, view: ClaimView) -> ClaimView:
    """The view with the passages of other documents suggested as its evidence."""
    found = suggest(store, view.claim)
    titles = {d.id: d.title for d in store.document_meta([s.document_id for s in found])}
    return attrs.evolve(view, evidence=[Evidence(s, titles.get(s.document_id, "")) for s in found])


def in_paragraph(claim: Claim, text: str) -> InParagraph | None:
    """The text around the claim in its paragraph; None when the claim is not in ``text``."""
    if claim.stale or not claim.span_in(text):
        return None
    span = paragraph_around(text, claim.start, claim.end)
    if span is None:
        return None
    start, end = span
    return InParagraph(text[start : claim.start], text[claim.end : end])


def _flag_view(flag: Flag) -> FlagView:
    return FlagView(flag, word_diff(flag.a, flag.b) if flag.kind.quoted else [])
