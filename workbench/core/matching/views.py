"""Matching as the review app, the CLI and the reports show it."""

from __future__ import annotations

import attrs

from workbench.core.matching import independent_sources
from workbench.core.matching.diff import word_diff
from workbench.core.models import Claim, Flag, FlagKind
from workbench.core.store import Store


@attrs.frozen
class OtherVersion:
    """The same claim in another document, with how its wording differs."""

    claim: Claim
    document_title: str
    document_source: str
    diff: list[tuple[str, str]]  # word_diff(this claim, that one)
    copy: bool  # that document is a copy of this one


class VersionFinder:
    """Other versions of claims, reading the copies and document names once."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._copies = {(a, b) for a, b, _score, _shared in store.copies()}
        self._docs = {d.id: d for d in store.document_meta()}

    def of(self, claim: Claim) -> list[OtherVersion]:
        if claim.group_id is None:
            return []
        found = []
        for other in self._store.group_members(claim.group_id):
            if other.id == claim.id:
                continue
            doc = self._docs.get(other.document_id or 0)
            pair = tuple(sorted((claim.document_id or 0, other.document_id or 0)))
            found.append(
                OtherVersion(
                    other,
                    doc.title if doc else "",
                    doc.source if doc else "",
                    word_diff(claim.text, other.text),
                    pair in self._copies,
                )
            )
        return found


def other_versions(store: Store, claim: Claim) -> list[OtherVersion]:
    """The same claim in other documents (for one claim; use VersionFinder for many)."""
    return VersionFinder(store).of(claim) if claim.group_id is not None else []


def flags_of(store: Store, claim: Claim) -> list[Flag]:
    """The flags that concern this claim: drift in its group, conflicts it is part of."""
    found = []
    for flag in store.flags_for(claim.id):
        if flag.kind is FlagKind.QUOTE_DRIFT or flag.concerns(claim.id):
            found.append(flag)
    seen: set[int | None] = set()
    unique = []
    for flag in found:
        if flag.id not in seen:
            seen.add(flag.id)
            unique.append(flag)
    return unique


def sources_of(store: Store, claims: list[Claim]) -> dict[int, tuple[int, int]]:
    """claim id -> (independent sources, documents) carrying it."""
    groups = sorted({c.group_id for c in claims if c.group_id is not None})
    by_group = independent_sources(store, groups)
    return {
        c.id: by_group.get(c.group_id, (1, 1)) if c.group_id else (1, 1)
        for c in claims
        if c.id is not None
    }


def flag_kinds(store: Store, claims: list[Claim]) -> dict[int, list[FlagKind]]:
    """claim id -> the kinds of flag raised on it (for the claims list and JSON)."""
    result: dict[int, list[FlagKind]] = {c.id: [] for c in claims if c.id is not None}
    for claim in claims:
        if claim.id is None:
            continue
        result[claim.id] = sorted({f.kind for f in flags_of(store, claim)})
    return result
