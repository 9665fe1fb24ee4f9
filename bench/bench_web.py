"""Web pages in: article text, date and outlet against the development pages.

    python bench/bench_web.py [--data ../shared/data/article-html] [--show N]

Each saved page (``html/<id>.html.gz``) is written to a temporary folder and
read as ``workbench ingest`` reads a saved file (``ingest.read`` then
``ingest.parse``); the same pages go through plain trafilatura with its
defaults (``bare_extraction(html, with_metadata=True)``) in the same run.

What is printed, for both:

* **Word-token precision, recall and F1** of the document's text against the
  page's true ``articleBody``, averaged over the pages. Tokens are runs of
  word characters (``\\w+``), lower-cased, counted with multiplicity: precision
  is the share of our tokens found in the body, recall the share of the body's
  tokens we kept. A refused page scores 0.
* **Pages refused**: pages that gave no document.
* **Date right**: on the pages that declare a publication date in their own
  metadata, the share whose date we read equals it. The truth is the first
  declaration found in this order, read by the simple code below (not by the
  code being measured): a ``datePublished`` in the page's JSON-LD; a
  publication meta tag (``article:published_time``, ``datePublished``,
  ``parsely-pub-date``, ``pubdate``, ``dc.date``, ``sailthru.date`` and
  similar: see PUBLISHED_KEYS; modification dates are not publication dates);
  the ``parsely-page`` JSON; else the first element marked
  ``itemprop="datePublished"``. The date is the calendar date as declared (its
  own time zone, not converted), read from ISO 8601 or, failing that, from
  free text by dateutil. Dates before 1995 (placeholders such as 0001-01-01)
  do not count as declared.
* **Outlet right**: the truth is the page's ``og:site_name``, else the name of
  its JSON-LD publisher when that is not a person, else the domain of the
  page's true URL (``www.`` dropped). Compared case-insensitively, spaces
  collapsed, a leading ``@`` dropped. In brackets: on the pages that name
  their outlet or their address (og:site_name, a JSON-LD publisher, a
  canonical link or og:url); a saved page that names neither can only be
  named by ``--source``. Outlets that are an author's name, or the file's
  name, are counted too ("person/file").
* **ms per page**: wall time of the extraction alone (parse and repair for
  workbench; ``bare_extraction`` for trafilatura), no claim extraction, no I/O;
  in brackets the CPU time, which other processes on a shared machine disturb
  less.
* **Claims from non-article text**: of all claims extracted from the texts,
  the share whose sentence does not appear in the page's ``articleBody`` (both
  reduced to their lower-cased word tokens joined by single spaces, so
  punctuation and spacing do not count). ``--show N`` prints them for the
  first N pages, to check by hand.

This machine is shared: timings drift; the reference loop at the end tells a
slow machine from a slow build (see bench_ingest.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from dateutil import parser as dateparser

from workbench.core.errors import IngestError
from workbench.core.ingest import parse, read
from workbench.core.models import Document
from workbench.core.text.claims import extract
from workbench.core.text.repair import repair

DEFAULT_DATA = Path("../shared/data/article-html")  # from the repository's root
_TOKEN = re.compile(r"\w+")
PUBLISHED_KEYS = frozenset(
    """article:published_time og:article:published_time og:published_time datepublished
    published_time parsely-pub-date pubdate publishdate publish-date publish_date pub_date
    date dc.date dc.date.issued dcterms.date dcterms.issued dcterms.created sailthru.date
    article.published published article_date_original dcsext.articlefirstpublished
    cxenseparse:recs:publishtime rnews:datepublished bt:pubdate original-publish-date
    date.available publication_date release_date""".split()
)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def prf(predicted: str, truth: str) -> tuple[float, float, float]:
    ours, theirs = Counter(tokens(predicted)), Counter(tokens(truth))
    common = sum((ours & theirs).values())
    precision = common / sum(ours.values()) if ours else 0.0
    recall = common / sum(theirs.values()) if theirs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# -- the truth, from what each page declares ------------------------------------------


def _as_date(value: str) -> str | None:
    value = value.strip()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dateutil warns about "EST"
            day = (
                dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
                if iso
                else dateparser.parse(value, fuzzy=True).date()
            )
    except (ValueError, OverflowError):
        return None
    return day.isoformat() if day.year >= 1995 else None


def _json_ld(tree: Any) -> Iterator[tuple[dict[str, Any] | None, str]]:
    """Every JSON-LD object (None when a script is not valid JSON) with its script's text."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        text = script.text or ""
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            yield None, text
            continue
        queue = [data]
        while queue:
            item = queue.pop(0)
            if isinstance(item, list):
                queue.extend(item)
            elif isinstance(item, dict):
                yield item, text
                queue.extend(v for v in item.values() if isinstance(v, (list, dict)))


def declared_date(tree: Any) -> str | None:
    for item, text in _json_ld(tree):
        value = item.get("datePublished") if item is not None else None
        if item is None:  # invalid JSON: read the field as text
            match = re.search(r'"datePublished"\s*:\s*"([^"]+)"', text)
            value = match.group(1) if match else None
        if isinstance(value, str) and _as_date(value):
            return _as_date(value)
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key.strip() in PUBLISHED_KEYS and _as_date(meta.get("content")):
            return _as_date(meta.get("content"))
        if key == "parsely-page":
            try:
                value = json.loads(meta.get("content")).get("pub_date")
            except (ValueError, AttributeError):
                value = None
            if isinstance(value, str) and _as_date(value):
                return _as_date(value)
    for element in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)]'):
        value = element.get("datetime") or element.get("content") or element.text_content()
        if value and _as_date(value):
            return _as_date(value)
    return None


def names_itself(tree: Any) -> bool:
    """Whether a page names its outlet or its address (else only --source can name it)."""
    return bool(
        tree.xpath('//meta[@property="og:site_name" or @property="og:url"][@content]')
        or tree.xpath('//link[@rel="canonical"][@href]')
        or any(item and item.get("publisher") for item, _text in _json_ld(tree))
    )


def declared_outlet(tree: Any, url: str) -> str:
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key == "og:site_name" and meta.get("content").strip():
            return str(meta.get("content"))
    for item, _text in _json_ld(tree):
        publisher = item.get("publisher") if item is not None else None
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            kind = publisher.get("@type")
            if "person" not in str(kind).lower() and publisher["name"].strip():
                return publisher["name"]
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _same(a: str | None, b: str) -> bool:
    def norm(s: str) -> str:  # "@politifact" names the outlet as well as "PolitiFact"
        return " ".join(s.split()).casefold().removeprefix("www.").lstrip("@")

    return a is not None and norm(a) == norm(b)


# -- the runs ---------------------------------------------------------------------------


def _claims_outside(text: str, body: str) -> tuple[int, list[str]]:
    """How many claims the text gives, and those whose sentence is not in the body."""
    truth = " " + " ".join(tokens(body)) + " "
    claims = extract(text)
    outside = [c.text for c in claims if " " + " ".join(tokens(c.text)) + " " not in truth]
    return len(claims), outside


class Tally:
    def __init__(self, name: str) -> None:
        self.name = name
        self.scores: list[tuple[float, float, float]] = []
        self.refused = 0
        self.dated = self.date_right = 0
        self.outlet_right = self.outlet_person = self.outlet_file = 0
        self.named = self.named_right = 0
        self.seconds = self.cpu = 0.0
        self.claims = self.claims_outside = 0

    def row(self, pages: int) -> list[str]:
        mean = [sum(s[i] for s in self.scores) / pages for i in range(3)]
        claims_pct = 100 * self.claims_outside / self.claims if self.claims else 0.0
        return [
            self.name,
            f"{mean[2]:.3f}",
            f"{mean[0]:.3f}",
            f"{mean[1]:.3f}",
            f"{self.refused}",
            f"{100 * self.date_right / self.dated:.1f}% of {self.dated}",
            f"{100 * self.outlet_right / pages:.1f}% ({100 * self.named_right / self.named:.1f}%)",
            f"{self.outlet_person}/{self.outlet_file}",
            f"{1000 * self.seconds / pages:.1f} ({1000 * self.cpu / pages:.1f})",
            f"{claims_pct:.1f}% of {self.claims}",
        ]


def machine_speed() -> float:
    began = time.perf_counter()
    sum(range(30_000_000))
    return time.perf_counter() - began


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--data", type=Path, default=DEFAULT_DATA)
    options.add_argument("--show", type=int, default=0, help="print non-article claims of N pages")
    args = options.parse_args()
    truth: dict[str, dict[str, str]] = json.loads((args.data / "ground-truth.json").read_text())
    ours, plain = Tally("workbench"), Tally("trafilatura defaults")
    shown = 0
    with tempfile.TemporaryDirectory() as tmp:
        for page_id, expected in sorted(truth.items()):
            data = gzip.decompress((args.data / "html" / f"{page_id}.html.gz").read_bytes())
            path = Path(tmp, f"{page_id}.html")
            path.write_bytes(data)
            body, url = expected["articleBody"], expected["url"]
            raw = read(path)
            tree = lxml.html.fromstring(raw.text)
            true_date, true_outlet = declared_date(tree), declared_outlet(tree, url)
            named = names_itself(tree)

            began, cpu = time.perf_counter(), time.process_time()
            try:
                document: Document | None = parse(raw).document
            except IngestError:
                document = None
            ours.seconds += time.perf_counter() - began
            ours.cpu += time.process_time() - cpu
            if document is None:
                ours.refused += 1
                ours.scores.append((0.0, 0.0, 0.0))
            else:
                ours.scores.append(prf(document.clean_text, body))
                ours.dated += true_date is not None
                ours.date_right += true_date is not None and document.published == true_date
                ours.outlet_right += _same(document.source, true_outlet)
                ours.named += named
                ours.named_right += named and _same(document.source, true_outlet)
                ours.outlet_person += any(_same(document.source, a) for a in document.authors)
                ours.outlet_file += document.source == page_id
                count, outside = _claims_outside(document.clean_text, body)
                ours.claims += count
                ours.claims_outside += len(outside)
                if shown < args.show:
                    shown += 1
                    print(f"\n{page_id[:8]} {url}\n  {count} claims, {len(outside)} outside:")
                    for text in outside:
                        print(f"  - {text[:160]}")

            began, cpu = time.perf_counter(), time.process_time()
            found = trafilatura.bare_extraction(raw.text, with_metadata=True)
            plain.seconds += time.perf_counter() - began
            plain.cpu += time.process_time() - cpu
            if found is None or isinstance(found, dict) or not found.text:
                plain.refused += 1
                plain.scores.append((0.0, 0.0, 0.0))
                continue
            plain.scores.append(prf(found.text, body))
            plain.dated += true_date is not None
            plain.date_right += true_date is not None and found.date == true_date
            plain.outlet_right += _same(found.sitename, true_outlet)
            plain.named += named
            plain.named_right += named and _same(found.sitename, true_outlet)
            authors = [a.strip() for a in (found.author or "").split(";")]
            plain.outlet_person += any(_same(found.sitename, a) for a in authors if a)
            count, outside = _claims_outside(repair(found.text.replace("\n", "\n\n")), body)
            plain.claims += count
            plain.claims_outside += len(outside)

    pages = len(truth)
    header = [
        "",
        "F1",
        "precision",
        "recall",
        "refused",
        "date right",
        "outlet right (named)",
        "person/file",
        "ms/page (cpu)",
        "claims not in body",
    ]
    rows = [header, ours.row(pages), plain.row(pages)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    print(f"\n{pages} pages from {args.data}")
    for row in rows:
        print(
            "  ".join(
                cell.rjust(w) if i else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    print("targets: F1 >= 0.95, P >= 0.93, R >= 0.97, none refused, date >= 95%, outlet >= 97%,")
    print("         <= 30 ms a page, claims not in the body <= 2%")
    print(f"machine: reference loop {machine_speed():.2f} s (see bench_ingest.py)")


if __name__ == "__main__":
    sys.exit(main())
