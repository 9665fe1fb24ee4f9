"""What every report shares: the options, the database's verdict scale, the summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from workbench.core.agreement import AgreementReport, agreement
from workbench.core.desk import Adjudication, IndependentVerdict, adjudication, independent_verdicts
from workbench.core.factchecks.views import CheckedBeforeFinder
from workbench.core.matching.views import DocumentNames, VersionFinder
from workbench.core.models import Action, Citation, ClaimFilter, DocumentMeta, Status
from workbench.core.scale import OURS, Scale
from workbench.core.store import ReviewedClaim, Store
from workbench.core.store.export import SCORE_ORDER

GROUPINGS = ("verdict", "document")


@attrs.frozen
class ExportOptions:
    """Which claims go into a report, and how it is laid out."""

    where: ClaimFilter = attrs.field(factory=ClaimFilter)
    reviewer: str | None = None
    include_unreviewed: bool = False
    by: str = attrs.field(default="verdict")  # or "document"
    organisation: str = "workbench"
    url_base: str | None = None  # ClaimReview url = url_base + claim id
    generated: str = attrs.field(factory=lambda: dt.date.today().isoformat())
    # Worker processes that write a report's sections by verdict (Markdown, HTML): None
    # for two when the selection is large (export.parallel), 1 for this process alone.
    jobs: int | None = None

    @by.validator
    def _known_grouping(self, attribute: Any, value: str) -> None:
        if value not in GROUPINGS:
            raise ValueError(f"unknown grouping {value!r}; choose from {', '.join(GROUPINGS)}")


@attrs.frozen
class Summary:
    """The figures at the top of a report."""

    document_count: int
    documents: DocumentNames  # the documents the report names
    counts: dict[Status, int]
    reviewers: dict[str, int]
    total_claims: int
    versions: VersionFinder  # other versions of a claim, copies read once
    checked: CheckedBeforeFinder  # published fact-checks that match a claim
    # how far the desk's reviewers agree (the whole database); None with no claim
    # that two reviewers judged
    agreement: AgreementReport | None = None
    scale: Scale = OURS  # the database's verdict scale: section order, titles, colours

    @property
    def selected(self) -> int:
        return sum(self.counts.values())

    @property
    def reviewed(self) -> int:
        return self.selected - self.counts.get(Status.UNREVIEWED, 0)


def summarise(
    store: Store, options: ExportOptions, counts: dict[Status, int] | None = None
) -> Summary:
    """The summary of the report; ``counts`` are the selected claims by status when they
    were counted already (:func:`report_counts`)."""
    reviewed_only = not options.include_unreviewed
    scale = store.scale()
    if counts is None:
        counts = report_counts(store, options, scale)
    # By verdict, claims come in score order, from any document: all are read at once.
    documents = DocumentNames(store, every=options.by == "verdict")
    return Summary(
        document_count=store.count_documents(),
        documents=documents,
        counts=counts,
        reviewers=store.reviewers_for_export(
            options.where, reviewer=options.reviewer, reviewed_only=reviewed_only
        ),
        total_claims=store.count_claims(),
        versions=VersionFinder(store, documents),
        agreement=_agreement_of(store, scale),
        checked=CheckedBeforeFinder(store),
        scale=scale,
    )


def report_counts(store: Store, options: ExportOptions, scale: Scale) -> dict[Status, int]:
    """The selected claims by status, in the order the report lists them."""
    raw = store.count_for_export(
        options.where, reviewer=options.reviewer, reviewed_only=not options.include_unreviewed
    )
    # Reports list the verdicts an editor must act on first (Scale.reporting).
    return {
        status: raw.get(status.value, 0)
        for status in scale.reporting
        if status is not Status.CONFLICT or raw.get(status.value)
    }


def section_summary(store: Store, options: ExportOptions, counts: dict[Status, int]) -> Summary:
    """What a worker process needs of the summary to write sections: the documents, the
    finders and the scale; the figures (``counts``) come from the parent's summary."""
    documents = DocumentNames(store, every=options.by == "verdict")
    return Summary(
        document_count=0,
        documents=documents,
        counts=counts,
        reviewers={},
        total_claims=0,
        versions=VersionFinder(store, documents),
        checked=CheckedBeforeFinder(store),
        scale=store.scale(),
    )


def _agreement_of(store: Store, scale: Scale) -> AgreementReport | None:
    report = agreement(store.independent_verdict_table(), order=scale.ordinal)
    return report if report.claims else None


def desk_review(
    reviewed: ReviewedClaim,
) -> tuple[tuple[IndependentVerdict, ...], Adjudication | None]:
    """The independent verdicts of a claim two or more reviewers judged (else none),
    and its adjudication, for the reports."""
    history = reviewed.history
    if len(history) < 2 and (not history or history[0].action is not Action.ADJUDICATE):
        return (), None  # most claims: one verdict, by one reviewer, not an adjudication
    verdicts = independent_verdicts(history)
    return (verdicts if len(verdicts) >= 2 else ()), adjudication(history)


Page = list[ReviewedClaim]  # the claims a report reads from the store at once


def sections(
    store: Store, options: ExportOptions, summary: Summary
) -> Iterator[tuple[str, Iterator[Page]]]:
    """(heading, pages of claims) in report order: by verdict (disputed first) or by document."""
    reviewed_only = not options.include_unreviewed
    if options.by == "document":
        for doc in summary.documents.every():
            if options.where.document_ids and doc.id not in options.where.document_ids:
                continue
            where = attrs.evolve(options.where, document_ids=(doc.id,))
            if not store.count_for_export(
                where, reviewer=options.reviewer, reviewed_only=reviewed_only
            ):
                continue
            yield (
                doc.title,
                store.iter_reviewed_pages(
                    where, reviewer=options.reviewer, reviewed_only=reviewed_only
                ),
            )
        return
    for status in summary.scale.reporting:
        if not summary.counts.get(status):
            continue
        if options.where.statuses and status not in options.where.statuses:
            continue
        where = attrs.evolve(options.where, statuses=(status,))
        yield (
            summary.scale.title(status),
            store.iter_reviewed_pages(
                where,
                reviewer=options.reviewer,
                reviewed_only=reviewed_only,
                order=SCORE_ORDER,
            ),
        )


def claim_pages(store: Store, options: ExportOptions) -> Iterator[Page]:
    """Every selected claim in source order, a page at a time (for the machine formats)."""
    return store.iter_reviewed_pages(
        options.where, reviewer=options.reviewer, reviewed_only=not options.include_unreviewed
    )


def load_page(summary: Summary, page: Page) -> None:
    """Read what the report shows beside a page's claims (their documents, other versions,
    fact-checks) at once."""
    claims = [reviewed.claim for reviewed in page]
    summary.versions.load(claims)  # their documents too (summary.documents)
    summary.checked.load(claims)


def authors_of(doc: DocumentMeta) -> str:
    """A document's authors as one line ("Ann Lee, Bo Chan"), or "" when it names none."""
    return ", ".join(doc.authors)


def quote_status(citation: Citation) -> str:
    """Whether the citation's quote was checked against its source, in words."""
    return {
        True: "quote found in the source",
        False: "quote NOT found in the source",
        None: "quote not checked against the source",
    }[citation.quote_found]


def citation_line(citation: Citation) -> str:
    """One line for a citation in CSV and plain listings."""
    stance = citation.stance.value if citation.stance else "cites"
    parts = [f"{stance}: {citation.source}"]
    if citation.quote:
        parts.append(f"“{citation.quote}”")
    if citation.locator:
        parts.append(f"({citation.locator})")
    if citation.note:
        parts.append(f"— {citation.note}")
    return " ".join(parts)


def short_statement(text: str, limit: int = 75) -> str:
    """The claim cut to about ``limit`` characters, at a clause or word boundary."""
    text = " ".join(text.split()).strip(" \"'“”")
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in (", ", "; ", " – ", " — "):
        at = cut.rfind(mark)
        if at > limit // 2:
            return cut[:at] + "…"
    at = cut.rfind(" ")
    return (cut[:at] if at > 0 else cut).rstrip(",;:") + "…"


def figure_text(value: float | None, *, percent: bool = False) -> str:
    """An agreement figure for people: 0.743, 66.7%, or n/a when undefined."""
    if value is None:
        return "n/a"
    return f"{100 * value:.1f}%" if percent else f"{value:.3f}"
