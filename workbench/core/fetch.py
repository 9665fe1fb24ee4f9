"""Fetch web pages over HTTP(S) with urllib3: redirects, a deadline, a size limit.

Every way a fetch can fail becomes one :class:`IngestError` line that names
the address (``https://…: HTTP 404 Not Found``), so a list of URLs goes on past
the pages that cannot be had.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urljoin

import attrs
import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    ResponseError,
    SSLError,
)

from workbench.core.errors import IngestError

TIMEOUT = 20.0  # seconds for a whole page to arrive
MAX_REDIRECTS = 5
USER_AGENT = "Mozilla/5.0 (compatible; workbench fact-checking; +local)"
_WEB_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([-\w:.]+)", re.I)
_CHUNK = 64 * 1024

_pool: urllib3.PoolManager | None = None


@attrs.frozen
class Fetched:
    """A page as the server sent it."""

    url: str  # the address asked for
    final_url: str  # where the redirects ended
    data: bytes  # the body, content-encoding undone
    charset: str | None = None  # as the Content-Type header declares it


def is_url(text: str) -> bool:
    """Whether an input names a web page rather than a file."""
    return text[:8].lower().startswith(("http://", "https://"))


def read_url_list(path: Path) -> list[str]:
    """The URLs in a file, one a line; blank lines and ``#`` comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise IngestError(f"{path}: cannot read the list of URLs ({reason})") from error
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _pool_manager() -> urllib3.PoolManager:
    global _pool
    if _pool is None:
        _pool = urllib3.PoolManager(num_pools=8, headers={"User-Agent": USER_AGENT})
    return _pool


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int) -> Fetched:
    """GET one page, following redirects; raise IngestError with the reason it failed."""
    if not is_url(url):
        raise IngestError(f"{url}: not an http:// or https:// address")
    deadline = time.monotonic() + timeout
    try:
        response = _pool_manager().request(
            "GET",
            url,
            headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"},
            timeout=urllib3.Timeout(connect=timeout, read=timeout),
            retries=urllib3.Retry(
                total=MAX_REDIRECTS, connect=0, read=0, other=0, redirect=MAX_REDIRECTS
            ),
            preload_content=False,
        )
    except MaxRetryError as error:
        raise IngestError(f"{url}: {_reason(error.reason, timeout)}") from error
    except HTTPError as error:
        raise IngestError(f"{url}: {_reason(error, timeout)}") from error
    try:
        if response.status >= 300:  # redirects are followed: one left over has no Location
            raise IngestError(f"{url}: HTTP {response.status} {response.reason or ''}".rstrip())
        content_type = response.headers.get("Content-Type", "")
        media = content_type.split(";")[0].strip().lower()
        if media and media not in _WEB_PAGE_TYPES:
            raise IngestError(f"{url}: not a web page (content type {media})")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise IngestError(_too_large(url, max_bytes))
        data = _read_body(response, url, deadline, max_bytes, timeout)
        final_url = _final_url(url, response)
    except (HTTPError, OSError) as error:
        raise IngestError(f"{url}: {_reason(error, timeout)}") from error
    finally:
        response.release_conn()
    if not media and not data.lstrip()[:1] == b"<":
        raise IngestError(f"{url}: not a web page (no content type, and no HTML in it)")
    charset = _CHARSET.search(content_type)
    return Fetched(url, final_url, data, charset.group(1) if charset else None)


def _final_url(url: str, response: urllib3.BaseHTTPResponse) -> str:
    """Where the redirects ended: each Location taken relative to the address before it."""
    for step in response.retries.history if response.retries is not None else ():
        if step.redirect_location:
            url = urljoin(url, step.redirect_location)
    return url


def _read_body(
    response: urllib3.BaseHTTPResponse, url: str, deadline: float, max_bytes: int, timeout: float
) -> bytes:
    """The body, read as it arrives, stopped at the size limit or the deadline."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(_too_large(url, max_bytes))
        if time.monotonic() > deadline:
            raise IngestError(f"{url}: timed out after {timeout:g} s")
        chunks.append(chunk)


def _too_large(url: str, max_bytes: int) -> str:
    return f"{url}: too large (more than {max_bytes / 1e6:.1f} MB; raise the limit with --max-size)"


def _reason(error: BaseException | None, timeout: float) -> str:
    """What went wrong, in a few words."""
    # NewConnectionError is a ConnectTimeoutError in urllib3: ask about it first.
    if isinstance(error, NameResolutionError):
        return "cannot find the host (no such name)"
    if isinstance(error, NewConnectionError):
        return "cannot connect (refused or unreachable)"
    if isinstance(error, (ReadTimeoutError, ConnectTimeoutError, TimeoutError)):
        return f"timed out after {timeout:g} s"
    if isinstance(error, SSLError):
        return "TLS certificate or handshake failed"
    if isinstance(error, ResponseError) and "redirect" in str(error):
        return f"too many redirects (more than {MAX_REDIRECTS})"
    if isinstance(error, ProtocolError):
        return "the connection broke off"
    return " ".join(str(error).split()) or type(error).__name__
