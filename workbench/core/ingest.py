"""Take article files into the store: read, decode, parse, repair, extract, save.

Files are handled one at a time (a folder is walked lazily and no file is held
after it is saved) and each document is saved with its claims in one
transaction. A file that cannot be read becomes an :class:`IngestError` with
one line that names it; the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from workbench.core.errors import IngestError
from workbench.core.formats import FORMATS, READERS
from workbench.core.models import Document
from workbench.core.store import Store, utc_now
from workbench.core.text.claims import extract
from workbench.core.text.decoding import decode
from workbench.core.text.repair import repair
from workbench.core.text.safe import sanitise_line, visible
from workbench.core.text.sentences import is_heading

MAX_BYTES = 20 * 1024 * 1024  # an article is far smaller; larger files are refused


@attrs.frozen
class Loaded:
    """A file read and repaired, ready to save."""

    document: Document
    warning: str | None = None


@attrs.frozen
class Outcome:
    """What became of one input file."""

    path: str
    outcome: str  # added, updated, unchanged, failed
    claims: int = 0
    message: str = ""  # the error, or a warning for a file that went in


@attrs.define
class Report:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    claims: int = 0
    outcomes: list[Outcome] = attrs.Factory(list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.outcome, getattr(self, outcome.outcome) + 1)
        self.claims += outcome.claims
        self.outcomes.append(outcome)


def article_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | IngestError]:
    """Article files under ``paths``: files as named, folders walked in name order.

    A missing path, or a folder with no articles in it, yields an IngestError.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if Path(name).suffix.lower() in FORMATS and not name.startswith("."):
                        found = True
                        yield Path(root, name)
            if not found:
                yield IngestError(
                    f"{path}: no articles found (looked for {', '.join(sorted(FORMATS))})"
                )
        elif path.exists():
            yield path
        else:
            yield IngestError(f"{path}: no such file or folder")


def _display_path(path: Path) -> str:
    """The path as stored: relative to the working folder when under it, else absolute.

    Control characters in a file name are written out (``\\x1b``), never kept raw.
    """
    resolved = os.path.abspath(path)
    base = os.getcwd()
    if resolved.startswith(base + os.sep):
        return visible(Path(os.path.relpath(resolved, base)).as_posix())
    return visible(Path(resolved).as_posix())


def _fallback_title(body: str) -> str:
    for line in body.splitlines():
        line = line.strip()
        if line and not (is_heading(line) and len(line.split()) < 4):
            return line if len(line) <= 90 else line[:87].rstrip() + "..."
    return ""


@attrs.frozen
class Raw:
    """A file's text as read, before parsing and repair."""

    path: Path
    text: str
    content_hash: str
    warning: str | None = None


def read(path: Path, *, max_bytes: int = MAX_BYTES) -> Raw:
    """Read and decode one file, refusing what is not an article."""
    name = str(path)
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
    original = original.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(original.encode("utf-8")).hexdigest()
    return Raw(path, original, digest, warning)


def load(path: Path, *, max_bytes: int = MAX_BYTES, clock: Callable[[], str] = utc_now) -> Loaded:
    """Read one article file into a Document (not yet saved)."""
    return parse(read(path, max_bytes=max_bytes), clock=clock)


def parse(raw: Raw, *, clock: Callable[[], str] = utc_now) -> Loaded:
    """Parse and repair a file's text into a Document."""
    path, name, original = raw.path, str(raw.path), raw.text
    fmt = FORMATS.get(path.suffix.lower(), "text")
    parsed = READERS[fmt](original)
    clean = repair(parsed.body)
    if not clean:
        raise IngestError(f"{name}: no article text in it")
    title = sanitise_line(repair(parsed.title or "") or _fallback_title(clean) or path.stem)
    published = parsed.published
    if published:
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            published = None
    document = Document(
        id=None,
        title=title,
        source=sanitise_line(parsed.source or "") or sanitise_line(path.stem),
        path=_display_path(path),
        published=published,
        original_text=original,
        clean_text=clean,
        content_hash=raw.content_hash,
        ingested_at=clock(),
        format=fmt,
    )
    return Loaded(document, raw.warning)


def ingest_file(
    store: Store, path: Path, *, max_bytes: int = MAX_BYTES, min_score: float | None = None
) -> Outcome:
    """Load, extract and save one file; failures come back as a failed Outcome.

    ``min_score`` is the check-worthiness a sentence needs to become a claim
    (None: the threshold chosen on development data).
    """
    try:
        raw = read(path, max_bytes=max_bytes)
        stored_at = store.path_with_content(raw.content_hash)
        if stored_at is not None:  # the same text is stored already: nothing to do
            note = ""
            if stored_at != _display_path(path):
                note = f"{path}: same text as {stored_at}, stored once"
            return Outcome(str(path), "unchanged", 0, note)
        loaded = parse(raw, clock=store.clock)
    except IngestError as error:
        return Outcome(str(path), "failed", message=str(error))
    claims = extract(loaded.document.clean_text, min_score=min_score)
    result = store.save_document(loaded.document, claims)
    return Outcome(str(path), result.outcome, result.claims, loaded.warning or "")


# Documents are committed together (each in its own savepoint): a commit writes
# every index page the batch touched, so few large commits cost far less than
# many small ones. A batch also ends after BATCH_SECONDS, so progress is
# reported steadily and another writer never waits long for the lock.
BATCH_FILES = 500
BATCH_SECONDS = 0.5


def ingest(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = MAX_BYTES,
    on_file: Callable[[Outcome], None] | None = None,
    min_score: float | None = None,
) -> Report:
    """Ingest every article under ``paths``; report what happened to each.

    Outcomes are reported once their batch is committed, so a report never
    names a document the database does not hold.
    """
    report = Report()
    items = iter(article_paths(paths))
    while True:
        outcomes: list[Outcome] = []
        began = time.monotonic()
        with store.transaction():
            for item in items:
                if isinstance(item, IngestError):
                    outcomes.append(
                        Outcome(str(item).split(":", 1)[0], "failed", message=str(item))
                    )
                else:
                    outcomes.append(
                        ingest_file(store, item, max_bytes=max_bytes, min_score=min_score)
                    )
                if len(outcomes) >= BATCH_FILES or time.monotonic() - began >= BATCH_SECONDS:
                    break
        if not outcomes:
            return report
        for outcome in outcomes:
            report.count(outcome)
            if on_file is not None:
                on_file(outcome)
