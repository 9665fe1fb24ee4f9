"""Read an article's text and metadata out of plain text, Markdown or HTML.

Each reader returns a :class:`Parsed`: the body as the author meant it to be
read (markup gone, paragraphs separated by blank lines) and whatever the file
says about itself: title, outlet, publication date.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import attrs

_DATE_LINE = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
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


def read_date_line(text: str) -> tuple[str, str | None]:
    """Take a leading ``date YYYY-MM-DD`` (as news dumps carry it) off the text."""
    match = _DATE_LINE.match(text)
    if not match:
        return text, None
    return text[match.end() :].lstrip(" \t"), match.group(1)


def parse_text(text: str) -> Parsed:
    body, published = read_date_line(text)
    return Parsed(body=body, published=published)


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
    text, published = read_date_line(text)
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
        source=fields.get("source") or fields.get("outlet") or fields.get("publisher"),
        published=iso.group(1) if iso else published,
    )


class _ArticleHTML(HTMLParser):
    _SKIP = frozenset(
        {
            "script",
            "style",
            "noscript",
            "template",
            "svg",
            "head",
            "nav",
            "footer",
            "iframe",
            "form",
            "button",
        }
    )
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "blockquote",
            "section",
            "article",
            "header",
            "figcaption",
            "pre",
            "ul",
            "ol",
            "table",
            "main",
            "aside",
            "hr",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.first_heading = ""
        self._skip = 0
        self._in_title = False
        self._in_heading = False

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attributes}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key and values.get("content"):
                self.meta.setdefault(key, values["content"].strip())
            return
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP and tag != "head":
            self._skip += 1
        if tag in ("h1", "h2") and not self.first_heading:
            self._in_heading = True
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP and tag != "head" and self._skip:
            self._skip -= 1
        if tag in ("h1", "h2"):
            self._in_heading = False
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip:
            return
        if self._in_heading:
            self.first_heading += data
        self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def parse_html(text: str) -> Parsed:
    parser = _ArticleHTML()
    parser.feed(text)
    parser.close()
    meta = parser.meta
    body = "".join(parser.parts)
    body = re.sub(r"[ \t]*\n[ \t]*", "\n", body)
    body = re.sub(r"\n{3,}", "\n\n", body)
    title = meta.get("og:title") or parser.title.strip() or parser.first_heading.strip() or None
    date = (
        meta.get("article:published_time")
        or meta.get("date")
        or meta.get("pubdate")
        or meta.get("dc.date")
        or meta.get("publish-date")
    )
    iso = _ISO_DATE.search(date) if date else None
    return Parsed(
        body=body.strip(),
        title=title,
        source=meta.get("og:site_name") or meta.get("publisher") or meta.get("author"),
        published=iso.group(1) if iso else None,
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
