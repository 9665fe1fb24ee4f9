"""The report for people, as one self-contained HTML file.

No script, no external reference: styles are inline, the verdict bars are CSS.
Every piece of article and reviewer text goes through ``html.escape``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from html import escape
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
from workbench.core.factchecks.views import CheckedBeforeFinder
from workbench.core.matching.views import OtherVersion
from workbench.core.models import DocumentMeta, Status
from workbench.core.published import CheckedBefore
from workbench.core.scale import OURS, Scale
from workbench.core.store import ReviewedClaim, Store
from workbench.core.text.safe import printable

# The states' colours; a verdict takes its label's colour (``Label.colour``).
STATE_COLOURS = {Status.UNREVIEWED: "#757575", Status.CONFLICT: "#ad1457"}
NO_COLOUR = "#757575"


def colour_of(scale: Scale, status: Status) -> str:
    label = scale.label(status)
    if label is not None and label.colour:
        return label.colour
    return STATE_COLOURS.get(status, NO_COLOUR)


STYLE = """
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; max-width: 52rem; margin: 2rem auto;
       padding: 0 1rem; color: #1b1b1b; background: #fff; }
h1, h2, h3, .meta, table, summary { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
h1 { margin-bottom: .2rem; } .meta { color: #555; font-size: .9rem; }
table.counts { border-collapse: collapse; margin: 1rem 0; width: 100%; }
table.counts td { padding: .2rem .5rem; vertical-align: middle; }
.bar { height: .9rem; border-radius: 2px; min-width: 2px; }
.claim { border-left: 4px solid #999; padding: .3rem 0 .3rem 1rem; margin: 1.2rem 0;
         break-inside: avoid; }
.claim h3 { font-size: 1.05rem; margin: 0 0 .3rem; font-weight: 600; }
.verdict { font-weight: bold; text-transform: uppercase; font-size: .8rem;
           letter-spacing: .05em; }
blockquote { margin: .3rem 0 .3rem 1rem; color: #333; font-style: italic; }
ul { padding-left: 1.2rem; } li { margin: .2rem 0; }
del { color: #c62828; } ins { color: #2e7d32; text-decoration: none; font-weight: bold; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } a { color: inherit; } }
"""


def h(text: str) -> str:
    return escape(printable(text), quote=True)


# Names and notes recur claim after claim: each escaped once. Bounded.
_h_short = functools.lru_cache(maxsize=4096)(h)


def write_html(
    store: Store, options: ExportOptions, out: TextIO, *, target: Path | None = None
) -> int:
    """The HTML report; returns how many claims it lists. ``target`` is the file it goes
    to, if any (a large report's sections are written beside it first)."""
    out.write('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    out.write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.write(f"<title>Fact-check report — {h(options.generated)}</title>\n")
    out.write(f"<style>{STYLE}</style>\n</head>\n<body>\n")
    written = write_report(
        store,
        options,
        out,
        lambda summary: _summary(summary, options, out),
        (_heading, "</section>\n"),
        _section,
        target=target,
    )
    if written == 0:
        out.write("<p><em>No claims match this selection.</em></p>\n")
    out.write("</body>\n</html>\n")
    return written


def _heading(heading: str) -> str:
    return f"<section>\n<h2>{h(heading)}</h2>\n"


def _section(summary: Summary, pages: Iterator[Page], out: TextIO) -> int:
    """The claims of a section (or of a piece of one); returns how many."""
    written = 0
    parts = _Parts(summary)
    for page in pages:
        load_page(summary, page)
        for reviewed in page:
            _claim(reviewed, parts, out, summary.versions.of(reviewed.claim))
        written += len(page)
    return written


def _summary(summary: Summary, options: ExportOptions, out: TextIO) -> None:
    out.write("<h1>Fact-check report</h1>\n")
    out.write(
        f'<p class="meta">Generated {h(options.generated)} by {h(options.organisation)}'
        f" · {summary.reviewed} of {summary.total_claims} claims reviewed</p>\n"
    )
    if summary.scale.name != OURS.name:
        out.write(f'<p class="meta">Verdicts on the {h(summary.scale.name)} scale</p>\n')
    largest = max(summary.counts.values(), default=0) or 1
    out.write('<table class="counts">\n')
    for status, count in summary.counts.items():
        if status is Status.UNREVIEWED and not options.include_unreviewed:
            continue
        width = round(100 * count / largest)
        out.write(
            f'<tr><td>{h(summary.scale.title(status))}</td><td>{count}</td><td style="width:70%">'
            f'<div class="bar" style="width:{width}%;background:{colour_of(summary.scale, status)}">'
            "</div></td></tr>\n"
        )
    out.write("</table>\n")
    if summary.reviewers:
        names = ", ".join(f"{h(name)} ({n})" for name, n in summary.reviewers.items())
        out.write(f'<p class="meta">Reviewers: {names}</p>\n')
    if summary.agreement is not None:
        _agreement(summary.agreement, out)
    count = summary.document_count
    out.write(
        f"<details><summary>Corpus: {count} document{'s' if count != 1 else ''}</summary><ul>\n"
    )
    for doc in summary.documents.every():
        dated = f", {h(doc.published)}" if doc.published else ""
        out.write(f"<li>{h(doc.title)} — {h(doc.source)}{dated}{_byline(doc)}</li>\n")
    out.write("</ul></details>\n")


def _agreement(report: AgreementReport, out: TextIO) -> None:
    """The agreement figures, and a bar per reviewer: how often they matched the others."""
    out.write(
        '<section class="agreement">\n<h2>Agreement between reviewers</h2>\n'
        f'<p class="meta">Over the {report.claims} claims of the database that two or more'
        ' reviewers judged independently.</p>\n<table class="counts">\n'
        "<tr><th></th><th>value</th><th>claims</th><th>verdicts</th></tr>\n"
    )
    for title, figure, as_percent in (
        ("percent agreement", report.percent, True),
        ("Krippendorff's alpha, nominal", report.alpha_nominal, False),
        ("Krippendorff's alpha, ordinal", report.alpha_ordinal, False),
    ):
        value = figure_text(figure.value, percent=as_percent)
        out.write(
            f"<tr><td>{title}</td><td>{value}</td><td>{figure.claims}</td>"
            f"<td>{figure.verdicts}</td></tr>\n"
        )
    for pair in report.pairs:
        out.write(
            f"<tr><td>{h(pair.first)} &amp; {h(pair.second)}: agree, Cohen's kappa</td>"
            f"<td>{figure_text(pair.agreement, percent=True)}, {figure_text(pair.kappa)}</td>"
            f"<td>{pair.claims}</td><td>{2 * pair.claims}</td></tr>\n"
        )
    out.write('</table>\n<table class="counts">\n')
    for person in report.reviewers:
        width = round(100 * (person.agreement or 0))
        share = figure_text(person.agreement, percent=True)
        out.write(
            f"<tr><td>{h(person.reviewer)}</td><td>{share} of {person.claims}</td>"
            f'<td style="width:60%"><div class="bar" style="width:{width}%;background:#2e7d32"'
            f' title="{h(person.reviewer)} agrees with the others on {share}"></div></td></tr>\n'
        )
    out.write("</table>\n</section>\n")


def _byline(doc: DocumentMeta) -> str:
    names = authors_of(doc)
    return f" · by {h(names)}" if names else ""


class _Parts:
    """What many claims share, made once: each document's line, each status's colour
    and title."""

    HELD = 100_000  # document lines kept, at most (a few MB)

    def __init__(self, summary: Summary) -> None:
        self._summary = summary
        self._lines: dict[int, str] = {}
        self._colours: dict[Status, str] = {}
        self._titles: dict[Status, str] = {}

    def source(self, doc_id: int) -> str:
        line = self._lines.get(doc_id)
        if line is None:
            doc = self._summary.documents.get(doc_id)
            line = ""
            if doc is not None:
                dated = f", {h(doc.published)}" if doc.published else ""
                line = f"<br>{h(doc.title)} — {h(doc.source)}{dated}{_byline(doc)}"
            if len(self._lines) >= self.HELD:
                self._lines.clear()
            self._lines[doc_id] = line
        return line

    @property
    def checked(self) -> CheckedBeforeFinder:
        return self._summary.checked

    def colour(self, status: Status) -> str:
        colour = self._colours.get(status)
        if colour is None:
            colour = self._colours[status] = colour_of(self._summary.scale, status)
        return colour

    def title(self, status: Status) -> str:
        """How the scale names a status ("Pants on Fire"), escaped, made once."""
        title = self._titles.get(status)
        if title is None:
            title = self._titles[status] = h(self._summary.scale.title(status))
        return title


def _claim(
    reviewed: ReviewedClaim, parts: _Parts, out: TextIO, versions: list[OtherVersion]
) -> None:
    claim = reviewed.claim
    colour = parts.colour(claim.status)
    out.write(
        f'<article class="claim" style="border-color:{colour}">\n'
        f'<h3>{h(claim.text)}</h3>\n<p class="meta">'
        f'<span class="verdict" style="color:{colour}">{parts.title(claim.status)}</span>'
    )
    latest = reviewed.latest
    if latest is not None:
        out.write(f" · {_h_short(latest.reviewer)}, {_h_short(latest.created_at[:10])}")
    out.write(
        f" · {claim.kind.value} · check-worthiness {claim.score:.2f}"
        f"{parts.source(claim.document_id or 0)}</p>\n"
    )
    if latest is not None and latest.note:
        out.write(f"<p>{_h_short(latest.note)}</p>\n")
    verdicts, final = desk_review(reviewed)
    if verdicts:
        given = "; ".join(f"{h(v.reviewer)}: {parts.title(v.verdict)}" for v in verdicts)
        out.write(f'<p class="meta">Independent verdicts: {given}</p>\n')
    if final is not None:
        why = f" — {h(final.note)}" if final.note else ""
        out.write(
            f'<p class="meta">Adjudicated {parts.title(final.verdict)} by {h(final.adjudicator)}'
            f" on {h(final.created_at[:10])}{why}</p>\n"
        )
    if reviewed.citations:
        out.write("<ul>\n")
        for citation in reviewed.citations:
            stance = citation.stance.value if citation.stance else "cites"
            out.write(f"<li><strong>{stance}</strong>: {h(citation.source)}")
            if citation.locator:
                out.write(f" ({h(citation.locator)})")
            if citation.quote:
                out.write(f' <span class="meta">{quote_status(citation)}</span>')
                out.write(f"<blockquote>{h(citation.quote)}</blockquote>")
            if citation.note:
                out.write(f" {h(citation.note)}")
            out.write("</li>\n")
        out.write("</ul>\n")
    if versions:
        plural = "s" if len(versions) != 1 else ""
        out.write(f'<p class="meta">Also in {len(versions)} other source{plural}:</p>\n<ul>\n')
        for version in versions:
            copy = " (a copy)" if version.copy else ""
            out.write(f"<li><strong>{_h_short(version.document_source)}</strong>{copy}: ")
            for op, words in version.diff:
                if op == "same":
                    out.write(h(words) + " ")
                elif op == "removed":
                    out.write(f"<del>{h(words)}</del> ")
                else:
                    out.write(f"<ins>{h(words)}</ins> ")
            out.write("</li>\n")
        out.write("</ul>\n")
    _checked(parts.checked.of(claim), out)
    out.write("</article>\n")


def _checked(matches: list[CheckedBefore], out: TextIO) -> None:
    """Published fact-checks of the same claim: publisher, rating, date, claim, url."""
    if not matches:
        return
    out.write('<div class="checked"><p class="meta">Checked before:</p>\n<ul>\n')
    for match in matches:
        fc = match.factcheck
        said = " · ".join(h(part) for part in (fc.publisher, fc.rating, fc.date) if part)
        link = h(fc.url)
        if fc.url.startswith(("http://", "https://")):
            link = f'<a href="{h(fc.url)}">{h(fc.url)}</a>'
        out.write(
            f"<li><strong>{said}</strong>: {h(fc.claim)} {link}"
            f' <span class="meta">match {match.score:.2f}</span></li>\n'
        )
    out.write("</ul></div>\n")
