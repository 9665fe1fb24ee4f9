"""The report for people, as Markdown."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from workbench.core.agreement import AgreementReport
from workbench.core.export.common import (
    ExportOptions,
    Page,
    Summary,
    authors_of,
    desk_review,
    figure_text,
    load_page,
    quote_status,
)
from workbench.core.export.parallel import write_report
from workbench.core.matching.views import OtherVersion
from workbench.core.models import DocumentMeta, Status
from workbench.core.published import CheckedBefore
from workbench.core.scale import OURS
from workbench.core.store import ReviewedClaim, Store
from workbench.core.text.safe import printable

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def _escaped(match: re.Match[str]) -> str:
    return "\\" + match.group(1)


def md(text: str) -> str:
    """Article or reviewer text made inert in Markdown: one line, markup escaped."""
    line = " ".join(printable(text).split())
    # A function, not the template r"\\\1": a template is read again on every call.
    return _SPECIAL.sub(_escaped, line) if _SPECIAL.search(line) else line


# Names and notes recur claim after claim (reviewers, outlets, "checked"): each made
# inert once. Bounded, so a report of unique notes does not grow it.
_md_short = functools.lru_cache(maxsize=4096)(md)


def md_diff(runs: list[tuple[str, str]]) -> str:
    """A word diff in Markdown: removed words struck through, added ones in bold."""
    marks = {"same": "{}", "removed": "~~{}~~", "added": "**{}**"}
    return " ".join(marks[op].format(md(words)) for op, words in runs)


def write_markdown(
    store: Store, options: ExportOptions, out: TextIO, *, target: Path | None = None
) -> int:
    """The Markdown report; returns how many claims it lists. ``target`` is the file it
    goes to, if any (a large report's sections are written beside it first)."""
    written = write_report(
        store,
        options,
        out,
        lambda summary: _summary(summary, options, out),
        (_heading, ""),
        _section,
        target=target,
    )
    if written == 0:
        out.write("\n_No claims match this selection._\n")
    return written


def _heading(heading: str) -> str:
    return f"\n## {md(heading)}\n"


def _section(summary: Summary, pages: Iterator[Page], out: TextIO) -> int:
    """The claims of a section (or of a piece of one); returns how many."""
    written = 0
    parts = _Parts(summary)
    for page in pages:
        load_page(summary, page)
        for reviewed in page:
            _claim(reviewed, parts, out)
            _versions(summary.versions.of(reviewed.claim), out)
            _checked(summary.checked.of(reviewed.claim), out)
        written += len(page)
    return written


def _summary(summary: Summary, options: ExportOptions, out: TextIO) -> None:
    out.write("# Fact-check report\n\n")
    out.write(f"Generated {options.generated} by {md(options.organisation)}. ")
    out.write(f"{summary.reviewed} of {summary.total_claims} claims reviewed")
    if summary.selected != summary.reviewed:
        out.write(f", {summary.selected - summary.reviewed} unreviewed included")
    out.write(".\n\n")
    if summary.scale.name != OURS.name:
        out.write(f"Verdicts on the {md(summary.scale.name)} scale.\n\n")
    out.write("| verdict | claims |\n| --- | ---: |\n")
    for status, count in summary.counts.items():
        if status is not Status.UNREVIEWED or options.include_unreviewed:
            out.write(f"| {md(summary.scale.title(status))} | {count} |\n")
    if summary.reviewers:
        names = ", ".join(f"{md(name)} ({n})" for name, n in summary.reviewers.items())
        out.write(f"\nReviewers: {names}.\n")
    if summary.agreement is not None:
        _agreement(summary.agreement, out)
    count = summary.document_count
    out.write(f"\n### Corpus: {count} document{'s' if count != 1 else ''}\n\n")
    for doc in summary.documents.every():
        dated = f", {doc.published}" if doc.published else ""
        out.write(f"- {md(doc.title)} — {md(doc.source)}{dated}{_byline(doc)}\n")


def _agreement(report: AgreementReport, out: TextIO) -> None:
    out.write(
        "\n### Agreement between reviewers\n\n"
        f"Over the {report.claims} claims of the database that two or more reviewers judged"
        " independently.\n\n| figure | value | claims | verdicts |\n| --- | ---: | ---: | ---: |\n"
    )
    for title, figure, as_percent in (
        ("percent agreement", report.percent, True),
        ("Krippendorff's alpha, nominal", report.alpha_nominal, False),
        ("Krippendorff's alpha, ordinal", report.alpha_ordinal, False),
    ):
        value = figure_text(figure.value, percent=as_percent)
        out.write(f"| {title} | {value} | {figure.claims} | {figure.verdicts} |\n")
    out.write("\n| reviewers | claims | agree | Cohen's kappa |\n| --- | ---: | ---: | ---: |\n")
    for pair in report.pairs:
        out.write(
            f"| {md(pair.first)} & {md(pair.second)} | {pair.claims} |"
            f" {figure_text(pair.agreement, percent=True)} | {figure_text(pair.kappa)} |\n"
        )
    out.write("\n| reviewer | claims | agrees with the others |\n| --- | ---: | ---: |\n")
    for person in report.reviewers:
        share = figure_text(person.agreement, percent=True)
        out.write(f"| {md(person.reviewer)} | {person.claims} | {share} |\n")


def _byline(doc: DocumentMeta) -> str:
    names = authors_of(doc)
    return f" · by {md(names)}" if names else ""


class _Parts:
    """What many claims share, made once: each document's "Source" line, each
    status's title."""

    HELD = 100_000  # lines kept, at most (a few MB)

    def __init__(self, summary: Summary) -> None:
        self._documents = summary.documents
        self._scale = summary.scale
        self._lines: dict[int, str] = {}
        self._titles: dict[Status, str] = {}

    def title(self, status: Status) -> str:
        """How the scale names a status ("Pants on Fire"), escaped."""
        title = self._titles.get(status)
        if title is None:
            title = self._titles[status] = md(self._scale.title(status))
        return title

    def of(self, doc_id: int) -> str:
        line = self._lines.get(doc_id)
        if line is None:
            doc = self._documents.get(doc_id)
            line = ""
            if doc is not None:
                dated = f", {doc.published}" if doc.published else ""
                line = f"- **Source:** {md(doc.title)} — {md(doc.source)}{dated}{_byline(doc)}\n"
            if len(self._lines) >= self.HELD:
                self._lines.clear()
            self._lines[doc_id] = line
        return line


def _claim(reviewed: ReviewedClaim, parts: _Parts, out: TextIO) -> None:
    claim = reviewed.claim
    out.write(
        f"\n### {md(claim.text)}\n\n{parts.of(claim.document_id or 0)}"
        f"- **Kind:** {claim.kind.value} · check-worthiness {claim.score:.2f}\n"
    )
    latest = reviewed.latest
    if latest is None:
        out.write(f"- **Verdict:** {parts.title(Status.UNREVIEWED)}\n")
    else:
        out.write(
            f"- **Verdict:** {parts.title(claim.status)}, by {_md_short(latest.reviewer)} "
            f"on {latest.created_at[:10]}\n"
        )
        if latest.note:
            out.write(f"- **Rationale:** {_md_short(latest.note)}\n")
    verdicts, final = desk_review(reviewed)
    if verdicts:
        given = "; ".join(f"{md(v.reviewer)}: {parts.title(v.verdict)}" for v in verdicts)
        out.write(f"- **Independent verdicts:** {given}\n")
    if final is not None:
        why = f" — {md(final.note)}" if final.note else ""
        out.write(
            f"- **Adjudicated:** {parts.title(final.verdict)} by {md(final.adjudicator)}"
            f" on {final.created_at[:10]}{why}\n"
        )
    for citation in reviewed.citations:
        stance = citation.stance.value if citation.stance else "cites"
        out.write(f"- **Citation ({stance}):** {md(citation.source)}")
        if citation.locator:
            out.write(f" ({md(citation.locator)})")
        out.write(f" — {quote_status(citation)}\n" if citation.quote else "\n")
        if citation.quote:
            out.write(f"  > {md(citation.quote)}\n")
        if citation.note:
            out.write(f"  {md(citation.note)}\n")


def _versions(versions: list[OtherVersion], out: TextIO) -> None:
    if not versions:
        return
    out.write(f"- **Also in {len(versions)} other source{'s' if len(versions) != 1 else ''}:**\n")
    for version in versions:
        copy = " (a copy)" if version.copy else ""
        out.write(f"  - {_md_short(version.document_source)}{copy}: {md_diff(version.diff)}\n")


def _checked(matches: list[CheckedBefore], out: TextIO) -> None:
    """Published fact-checks of the same claim: publisher, rating, date, claim, url."""
    if not matches:
        return
    out.write("- **Checked before:**\n")
    for match in matches:
        fc = match.factcheck
        said = " · ".join(md(part) for part in (fc.publisher, fc.rating, fc.date) if part)
        out.write(f"  - {said}: {md(fc.claim)} <{md(fc.url)}> (match {match.score:.2f})\n")
