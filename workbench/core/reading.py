"""Read one article file or fetched page into a Document: decode, parse, repair.

:func:`read` checks a file's size and decodes its bytes (:func:`read_url` and
:func:`page_raw` do the same for a web page) into a :class:`Raw` with the hash
of its text; :func:`parse` reads its article, title, outlet, authors and date
and repairs the text into a :class:`Document` not yet saved.
:mod:`workbench.core.ingest` runs this for every input and saves the results.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import attrs

from workbench.core.errors import IngestError
from workbench.core.fetch import TIMEOUT, fetch
from workbench.core.formats import FORMATS, READERS, parse_html
from workbench.core.models import Document
from workbench.core.store import utc_now
from workbench.core.text.decoding import decode
from workbench.core.text.repair import repair
from workbench.core.text.safe import sanitise_line, visible
from workbench.core.text.sentences import split
from workbench.core.webpage import domain_of

MAX_BYTES = 20 * 1024 * 1024  # an article is far smaller; larger files are refused


@attrs.frozen
class Loaded:
    """A file read and repaired, ready to save."""

    document: Document
    warning: str | None = None


def _display_path(path: Path) -> str:
    """The path as stored: relative to the working folder when under it, else absolute.

    Control characters in a file name are written out (``\\x1b``), never kept raw.
    """
    resolved = os.path.abspath(path)  # normalised, as relpath's result is
    base = os.getcwd()
    shown = os.path.relpath(resolved, base) if resolved.startswith(base + os.sep) else resolved
    return visible(shown if os.sep == "/" else shown.replace(os.sep, "/"))


def _fallback_title(body: str) -> str:
    """The first heading or sentence that says something, whole: a title is never cut.

    Hard-wrapped lines are joined, so a first sentence broken over two lines
    makes one title. Captions such as "Photo copyright" are passed over. The
    whole body is split: its claims are extracted from the same split.
    """
    for sentence in split(body):
        if not (sentence.heading and len(sentence.text.split()) < 4):
            return " ".join(sentence.text.split())
    return ""


@attrs.frozen
class Raw:
    """A file's or a page's text as read, before parsing and repair."""

    path: str  # as stored: the file's path, or the address a page was asked for
    text: str
    content_hash: str
    format: str  # text, markdown, html
    warning: str | None = None
    url: str | None = None  # where a fetched page came from, after redirects
    stem: str = ""  # the last resort for a title and an outlet: the file's name


def read(path: Path, *, max_bytes: int = MAX_BYTES) -> Raw:
    """Read and decode one file, refusing what is not an article."""
    name = str(path)
    fmt = FORMATS.get(path.suffix.lower(), "text")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                f"{name}: too large ({size / 1e6:.1f} MB; the limit is "
                f"{max_bytes / 1e6:.1f} MB, raise it with --max-size)"
            )
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"{name}: cannot read ({error.strerror or error})") from error
    if not data.strip():
        raise IngestError(f"{name}: empty file")
    original, warning = decode(data, name)
    return _raw(_display_path(path), original, fmt, warning, stem=path.stem)


def _raw(
    path: str, text: str, fmt: str, warning: str | None, *, url: str | None = None, stem: str = ""
) -> Raw:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Raw(path, text, digest, fmt, warning, url, stem)


def page_raw(
    data: bytes, address: str, *, url: str | None = None, charset: str | None = None
) -> Raw:
    """A fetched page's bytes as text: the server's charset, else the page's own, else UTF-8."""
    if not data.strip():
        raise IngestError(f"{address}: empty page")
    text, warning = decode(data, address, charset=charset)
    return _raw(visible(address), text, "html", warning, url=url or address)


def read_url(address: str, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT) -> Raw:
    """Fetch and decode one web page, refusing what is not one."""
    page = fetch(address, timeout=timeout, max_bytes=max_bytes)
    return page_raw(page.data, address, url=page.final_url, charset=page.charset)


def load(path: Path, *, max_bytes: int = MAX_BYTES, clock: Callable[[], str] = utc_now) -> Loaded:
    """Read one article file into a Document (not yet saved)."""
    return parse(read(path, max_bytes=max_bytes), clock=clock)


def parse(raw: Raw, *, clock: Callable[[], str] = utc_now, source: str | None = None) -> Loaded:
    """Parse and repair a file's or page's text into a Document.

    The outlet is the one the article names; else ``source`` (``--source``);
    else, for a web page, the domain of its address, else the domain the page
    points to as its own home; else the file's name.
    """
    if raw.format == "html":
        parsed = parse_html(raw.text, raw.url)
    else:
        parsed = READERS[raw.format](raw.text)
    clean = repair(parsed.body)
    if not clean:
        raise IngestError(f"{raw.path}: no article text in it")
    title = sanitise_line(repair(parsed.title or "") or _fallback_title(clean) or raw.stem)
    published = parsed.published
    if published:
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            published = None
    outlet = (
        sanitise_line(parsed.source or "")
        or sanitise_line(source or "")
        or domain_of(parsed.url or raw.url)
        or parsed.home
        or sanitise_line(raw.stem)
        or raw.path
    )
    authors = tuple(filter(None, (sanitise_line(name) for name in parsed.authors)))
    url = parsed.url or raw.url
    document = Document(
        id=None,
        title=title,
        source=outlet,
        path=raw.path,
        published=published,
        original_text=raw.text,
        clean_text=clean,
        content_hash=raw.content_hash,
        ingested_at=clock(),
        format=raw.format,
        authors=authors,
        url=visible(url) if url else None,
    )
    return Loaded(document, raw.warning)
