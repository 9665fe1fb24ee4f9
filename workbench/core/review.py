"""The vocabulary of reviewing: verdict words, citation sources, who is reviewing."""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Sequence

from workbench.core.errors import WorkbenchError
from workbench.core.models import (
    Action,
    ClaimKind,
    SourceKind,
    Stance,
    Status,
    Verdict,
)
from workbench.core.scale import OURS, Scale

_URL = re.compile(r"^https?://\S+$", re.I)
_DOC = re.compile(r"^doc:(\d+)$", re.I)


class StaleVerdict(WorkbenchError):
    """A note written for a verdict that is no longer the claim's current one."""


def pending_note(status: Status, latest_note: str) -> str:
    """The note waiting for a claim's next verdict, given the claim's latest history note.

    A note written while the claim is unreviewed is pending: the next verdict
    given without a note of its own takes it over.
    """
    return latest_note if status is Status.UNREVIEWED else ""


def current_verdict(history: Sequence[Verdict]) -> Verdict | None:
    """The history row of the claim's current verdict: the latest that is not a note edit.

    None when the claim never had one (its history, if any, is pending notes).
    """
    return next((v for v in reversed(history) if v.action is not Action.NOTE), None)


def parse_status(word: str, scale: Scale = OURS) -> Status:
    """A status word (for filters) to a Status of the scale, or an error listing the valid words."""
    return scale.status(word)


def parse_verdict(word: str, scale: Scale = OURS) -> Status:
    """A verdict of the scale a reviewer gives (or ``unreviewed`` to clear one).

    "conflict" is no verdict: a state the desk puts a claim in.
    """
    if word.strip().casefold() == Status.CONFLICT.value:
        valid = f"{scale.words()}, {Status.UNREVIEWED.value}"
        raise WorkbenchError(
            f"conflict is a state, not a verdict (a claim is in conflict when its"
            f" reviewers disagree); choose one of: {valid}"
        )
    return scale.verdict(word)


def parse_kind(word: str) -> ClaimKind:
    """A claim kind word to a ClaimKind, or an error that lists the valid words."""
    try:
        return ClaimKind(word.strip().lower())
    except ValueError:
        valid = ", ".join(k.value for k in ClaimKind)
        raise WorkbenchError(f"unknown kind {word!r}; choose one of: {valid}") from None


def parse_stance(word: str | None) -> Stance | None:
    if not word:
        return None
    try:
        return Stance(word.strip().lower())
    except ValueError:
        valid = ", ".join(s.value for s in Stance)
        raise WorkbenchError(f"unknown stance {word!r}; choose one of: {valid}") from None


def default_stance(verdict: Status, scale: Scale = OURS) -> Stance | None:
    """The stance a citation given with a verdict most likely has (the scale says)."""
    return scale.stance_of(verdict)


def classify_source(source: str) -> SourceKind:
    """Where a citation points: a URL, ``doc:ID`` in the corpus, a file, or free text."""
    source = source.strip()
    if not source:
        raise WorkbenchError("a citation needs a source: a URL, doc:ID, a file path or a name")
    if _URL.match(source):
        return SourceKind.URL
    if _DOC.match(source):
        return SourceKind.DOCUMENT
    if os.path.isfile(source):
        return SourceKind.FILE
    return SourceKind.OTHER


def document_id_of(source: str) -> int | None:
    match = _DOC.match(source.strip())
    return int(match.group(1)) if match else None


def default_reviewer(explicit: str | None = None) -> str:
    """``--reviewer``, else ``$WORKBENCH_REVIEWER``, else the login name."""
    if explicit:
        return explicit
    if os.environ.get("WORKBENCH_REVIEWER"):
        return os.environ["WORKBENCH_REVIEWER"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"
