"""Read a web page: the article in it, and what the page says about itself.

The main text comes from trafilatura, the field's standard extractor, which
drops menus, related stories, footers and comments. Its precision mode keeps
the least boilerplate; when that finds almost nothing (a page it misreads),
its balanced mode is asked again and wins if it finds far more. Paragraphs,
headings, list items and quotations each become a paragraph of our text
(separated by a blank line), so sentences never run across them.

Metadata comes from trafilatura too (title, authors, canonical URL) and from
htmldate through it (the publication date: JSON-LD, Open Graph, ``itemprop``,
parsely and similar metas, then dates written in the page's text, and the
URL's date only when the page declares none). The outlet is the page's
``og:site_name``, else its JSON-LD publisher (never a person); ingest falls
back on the domain of its canonical URL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import attrs
import trafilatura

from workbench.core.text.safe import sanitise

# A page whose precision-mode text is shorter than this is read again in
# balanced mode; the balanced text wins when it is RETRY_GAIN times longer.
SHORT_WORDS = 200
RETRY_GAIN = 2.0
_DATE_PARAMS = {"extensive_search": True, "original_date": True, "deferred_url_extractor": True}
_OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": True}

_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
# Bylines often run on into the date: "Carrie Arnold November", "Jeff Foust Monday".
_TRAILING_DATE_WORD = re.compile(
    r"(?:\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday))+$",
    re.I,
)
_PERSON_TYPES = frozenset({"person"})


@attrs.frozen
class WebPage:
    """A page's article text and its metadata (None where the page does not say)."""

    body: str
    title: str | None = None
    outlet: str | None = None  # as the page declares it; ingest falls back on the domain
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601 date
    url: str | None = None  # the canonical URL, else the address it was fetched from
    home: str | None = None  # the domain the page points to as its own (see _home)


def read_page(html: str, url: str | None = None) -> WebPage:
    """The article and metadata of one page; ``url`` is where it was fetched from, if known."""
    # Hostile escape sequences go before parsing: lxml drops their control
    # characters and would leave the rest ("]0;owned") where sanitise cannot see it.
    tree = trafilatura.load_html(sanitise(html))
    if tree is None:
        return WebPage(body="")
    meta = trafilatura.extract_metadata(tree, default_url=url, date_config=dict(_DATE_PARAMS))
    blocks = _extract(tree, url, favor_precision=True)
    words = sum(len(block.split()) for block in blocks)
    if words < SHORT_WORDS:
        more = _extract(tree, url)
        if sum(len(block.split()) for block in more) > RETRY_GAIN * words:
            blocks = more
    authors = _authors(meta.author)
    return WebPage(
        body="\n\n".join(_without_lead(blocks, meta.title, meta.description)),
        title=meta.title or None,
        outlet=_outlet(tree, authors),
        authors=authors,
        published=meta.date or None,
        url=_canonical(meta.url, url),
        home=_home(tree),
    )


def _extract(tree: Any, url: str | None, **options: Any) -> list[str]:
    """The paragraphs trafilatura finds (it works on a copy of the tree)."""
    found = trafilatura.bare_extraction(tree, url=url, **_OPTIONS, **options)
    if found is None or isinstance(found, dict):
        return []
    return list(_blocks(found.body))


def _text(element: Any) -> str:
    """An element's text (its tail left out), line breaks kept, runs of spaces made one."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# trafilatura's body holds paragraphs (p, head, code, quote), lists of items and
# tables of rows and cells; a cell, an item or a quote may hold paragraphs again.
_BLOCK_TAGS = frozenset({"p", "head", "code", "quote", "list", "item", "table", "row", "cell"})


def _has_blocks(element: Any) -> bool:
    return any(child.tag in _BLOCK_TAGS for child in element)


def _blocks(container: Any) -> Iterator[str]:
    """trafilatura's body as our paragraphs: one per paragraph, heading, quotation,
    list item and table row (a row of short cells is one line, ``a | b``)."""
    if container is None:
        return
    pending = [container.text or ""] if container.tag in _BLOCK_TAGS else []
    for child in container:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCK_TAGS:
            yield from _nonempty(_tidy("".join(pending)))
            pending = []
            if tag == "row" and not any(_has_blocks(cell) for cell in child):
                yield from _nonempty(" | ".join(filter(None, (_text(c) for c in child))))
            elif tag in ("list", "table", "row") or _has_blocks(child):
                yield from _blocks(child)
            else:
                yield from _nonempty(_text(child))
        elif tag:  # inline: a line break, a highlight, a link
            pending.append(_text(child) if tag != "lb" else "\n")
        pending.append(child.tail or "")
    yield from _nonempty(_tidy("".join(pending)))


def _nonempty(text: str) -> Iterator[str]:
    if text:
        yield text


def _without_lead(blocks: list[str], title: str | None, description: str | None) -> list[str]:
    """Drop opening headings that repeat the title or the page's description (the dek)."""
    repeated = {" ".join(s.split()).casefold() for s in (title, description) if s}
    start = 0
    while start < len(blocks) and " ".join(blocks[start].split()).casefold() in repeated:
        start += 1
    return blocks[start:]


def _authors(found: str | None) -> tuple[str, ...]:
    names: list[str] = []
    for part in (found or "").split(";"):
        name = _TRAILING_DATE_WORD.sub("", " ".join(part.split())).strip(" ,")
        if name and "://" not in name and "@" not in name and name not in names:
            names.append(name)
    return tuple(names)


def _canonical(found: str | None, fetched: str | None) -> str | None:
    """The page's canonical URL made absolute; the fetched address when it names none."""
    url = urljoin(fetched, found) if fetched and found else (found or fetched)
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return fetched


def domain_of(url: str | None) -> str | None:
    """The host of a URL without ``www.``: the outlet of a page that names none."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _outlet(tree: Any, authors: tuple[str, ...]) -> str | None:
    """``og:site_name``, else a JSON-LD publisher that is not a person; never an author's name."""
    people = {name.casefold() for name in authors}
    candidates = [
        str(meta.get("content"))
        for meta in tree.iterfind(".//meta[@content]")
        if (meta.get("property") or meta.get("name") or "").strip().lower() == "og:site_name"
    ]
    candidates.extend(_publishers(tree))
    for candidate in candidates:
        name = " ".join(candidate.split()).lstrip("@")
        if name and name.casefold() not in people and "://" not in name:
            return name
    return None


# Hosts a page links to that are never its own: sharing, social and ad services.
_ELSEWHERE = re.compile(
    r"(^|\.)(twitter|x|facebook|linkedin|youtube|instagram|pinterest|reddit|addthis|"
    r"sharethis|google|googleapis|gstatic|doubleclick|t|bit|wikipedia|apple|whatsapp)\.[a-z.]+$"
)
_SITE_LINKS = 3  # links to one host before it counts as the page's own


def _home(tree: Any) -> str | None:
    """The domain a saved page points to as its own, for a page that names no outlet.

    A page saved from a browser may carry neither ``og:site_name`` nor its
    address, but its navigation links home, its favicon and its search form
    usually sit on its own domain. The most linked host (at least three links,
    more than any other) wins; else the favicon's host; else the search form's.
    Sharing and social hosts never count.
    """

    def host(url: str | None) -> str | None:
        found = domain_of(url) if url and url.startswith(("http://", "https://", "//")) else None
        if url and url.startswith("//"):
            found = domain_of("https:" + url)
        return None if found is None or _ELSEWHERE.search(found) else found

    counts: dict[str, int] = {}
    for link in tree.iterfind(".//a[@href]"):
        found = host(link.get("href"))
        if found:
            counts[found] = counts.get(found, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked and ranked[0][1] >= _SITE_LINKS and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    for link in tree.iterfind(".//link[@href]"):
        if "icon" in (link.get("rel") or "").lower() and (found := host(link.get("href"))):
            return found
    for form in tree.iterfind(".//form[@action]"):
        if found := host(form.get("action")):
            return found
    return None


def _publishers(tree: Any) -> Iterator[str]:
    """Names of the publishers the page's JSON-LD declares, persons left out."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        for item in _json_objects(data):
            publisher = item.get("publisher")
            for one in publisher if isinstance(publisher, list) else [publisher]:
                if isinstance(one, str):
                    yield one
                elif isinstance(one, dict) and isinstance(one.get("name"), str):
                    kinds = one.get("@type")
                    kinds = kinds if isinstance(kinds, list) else [kinds]
                    if not any(str(kind).lower() in _PERSON_TYPES for kind in kinds):
                        yield one["name"]


def _json_objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD document, outermost first."""
    queue = [data]
    while queue:
        item = queue.pop(0)
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            queue.extend(v for v in item.values() if isinstance(v, (list, dict)))
