"""Read an article's text and metadata out of plain text, Markdown or HTML.

Each reader returns a :class:`Parsed`: the body as the author meant it to be
read (markup gone, paragraphs separated by blank lines) and whatever the file
says about itself: title, outlet, publication date.
"""

from __future__ import annotations

import re

import attrs

from workbench.core.webpage import read_page

_DATE_LINE = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
_SOURCE_LINE = re.compile(r"\A\s*source:[ \t]*([^\n]{1,100}?)[ \t]*(?:\n|\Z)", re.I)
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_CODE = re.compile(r"`([^`]+)`")
_MD_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+", re.M)
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.M)
_MD_RULE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.M)


@attrs.frozen
class Parsed:
    body: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None  # a web page's canonical address
    home: str | None = None  # the domain a page that names no outlet or address points to


def read_date_line(text: str) -> tuple[str, str | None]:
    """Take a leading ``date YYYY-MM-DD`` (as news dumps carry it) off the text."""
    match = _DATE_LINE.match(text)
    if not match:
        return text, None
    return text[match.end() :].lstrip(" \t"), match.group(1)


def read_header(text: str) -> tuple[str, str | None, str | None]:
    """Take leading ``source: NAME`` and ``date YYYY-MM-DD`` lines, in either order, off the text.

    Returns the rest of the text, the date and the source.
    """
    published = source = None
    while True:
        match = _SOURCE_LINE.match(text) if source is None else None
        if match:
            source, text = match.group(1), text[match.end() :]
            continue
        if published is None:
            rest, published = read_date_line(text)
            if published is not None:
                text = rest
                continue
        return text, published, source


def parse_text(text: str) -> Parsed:
    body, published, source = read_header(text)
    return Parsed(body=body, published=published, source=source)


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return text[match.end() :], fields


def parse_markdown(text: str) -> Parsed:
    text, fields = _front_matter(text)
    text, published, source = read_header(text)
    heading = _MD_HEADING.search(text)
    title = fields.get("title") or (heading.group(1).strip() if heading else None)
    # A heading becomes a line of its own, separated like a paragraph.
    body = _MD_HEADING.sub(lambda m: f"\n{m.group(1)}\n", text)
    body = _MD_RULE.sub("", body)
    body = _MD_IMAGE.sub("", body)
    body = _MD_LINK.sub(r"\1", body)
    body = _MD_CODE.sub(r"\1", body)
    body = _MD_EMPHASIS.sub(r"\2", body)
    body = _MD_QUOTE.sub("", body)
    body = _MD_LIST.sub("", body)
    date = fields.get("date") or fields.get("published")
    iso = _ISO_DATE.search(date) if date else None
    return Parsed(
        body=body,
        title=title,
        source=fields.get("source") or fields.get("outlet") or fields.get("publisher") or source,
        published=iso.group(1) if iso else published,
        authors=tuple(
            name.strip()
            for name in (fields.get("authors") or fields.get("author") or "").split(";")
            if name.strip()
        ),
    )


def parse_html(text: str, url: str | None = None) -> Parsed:
    """A web page's article and metadata (see :mod:`workbench.core.webpage`)."""
    page = read_page(text, url)
    return Parsed(
        body=page.body,
        title=page.title,
        source=page.outlet,
        published=page.published,
        authors=page.authors,
        url=page.url,
        home=page.home,
    )


READERS = {"text": parse_text, "markdown": parse_markdown, "html": parse_html}
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
