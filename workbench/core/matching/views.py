"""Matching as the review app, the CLI and the reports show it."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator

import attrs

from workbench.core.flags import Flag
from workbench.core.matching.copies import independent_sources
from workbench.core.matching.diff import word_diff
from workbench.core.matching.pairs import REASON_TEXT, LinkKind, Reason
from workbench.core.models import Claim, DocumentMeta, FlagKind
from workbench.core.store import Store


@attrs.frozen
class OtherVersion:
    """The same claim in another document, with how its wording differs."""

    claim: Claim
    document_title: str
    document_source: str
    diff: list[tuple[str, str]]  # word_diff(this claim, that one)
    copy: bool  # that document is a copy of this one


class DocumentNames:
    """Documents without their texts, as reports name them.

    A report in source order reads the documents of each page as it comes
    (:meth:`load`: one statement, the few documents of that page), holding
    :attr:`HELD` at most, so memory does not grow with the corpus. A report in
    another order (by verdict, then score) meets a new document at almost
    every claim, and a document's names lie behind its texts in the row: it
    reads them all once instead (``every=True``), as the corpus list needs.
    """

    HELD = 20_000

    def __init__(self, store: Store, *, every: bool = False) -> None:
        self._store = store
        self._every = every
        self._held: dict[int, DocumentMeta] = (
            {d.id: d for d in store.iter_document_meta()} if every else {}
        )

    def load(self, doc_ids: Iterable[int | None]) -> None:
        """Read the documents of these ids not held yet, in one statement."""
        if self._every:
            return
        wanted = {doc_id for doc_id in doc_ids if doc_id}
        # Not ``wanted - held.keys()``: that walks every key held, for every page.
        missing = [doc_id for doc_id in wanted if doc_id not in self._held]
        if not missing:
            return
        if len(self._held) + len(missing) > self.HELD:
            self._held.clear()
            missing = list(wanted)
        self._held.update((d.id, d) for d in self._store.document_meta(missing))

    def get(self, doc_id: int | None) -> DocumentMeta | None:
        """A document loaded before (None for one that does not exist)."""
        return self._held.get(doc_id or 0)

    def every(self) -> Iterator[DocumentMeta]:
        """Every document, by id: those held when all are, else read a batch at a time."""
        if self._every:
            return iter(self._held.values())
        return self._store.iter_document_meta()


class VersionFinder:
    """Other versions of claims, reading the copies once and each document's names once.

    :meth:`load` reads the groups of a page of claims in one statement (and the
    names of the documents they come from, :class:`DocumentNames`); ``of``
    answers from it. A claim whose group was not loaded costs a statement of
    its own. What is held is the page's groups, so memory does not grow with
    the number of claims. The word diffs of the same two texts, frequent among
    wire copies, are computed once.
    """

    DIFFS_HELD = 4096  # word diffs kept, at most

    def __init__(self, store: Store, documents: DocumentNames | None = None) -> None:
        self._store = store
        self._copies = {(a, b) for a, b, _score, _shared in store.copies()}
        self._docs = documents if documents is not None else DocumentNames(store)
        self._groups: dict[int, list[Claim]] = {}
        self._diff = functools.lru_cache(maxsize=self.DIFFS_HELD)(word_diff)

    def load(self, claims: Iterable[Claim]) -> None:
        """Read the groups of these claims (a page of a report) at once, and the documents
        of the claims and of their groups' members (in one call, so that all of them
        are held together)."""
        claims = list(claims)
        groups = sorted({c.group_id for c in claims if c.group_id is not None})
        self._groups = self._store.groups_of(groups) if groups else {}
        members = (m.document_id for group in self._groups.values() for m in group)
        self._docs.load(itertools.chain((c.document_id for c in claims), members))

    def of(self, claim: Claim) -> list[OtherVersion]:
        found = []
        for other, copy in self.others_of(claim):
            doc = self._docs.get(other.document_id)
            found.append(
                OtherVersion(
                    other,
                    doc.title if doc else "",
                    doc.source if doc else "",
                    self._diff(claim.text, other.text),
                    copy,
                )
            )
        return found

    def others_of(self, claim: Claim) -> list[tuple[Claim, bool]]:
        """The other members of the claim's group, each with whether its document is a
        copy of the claim's (:meth:`of` without the names and the diffs)."""
        if claim.group_id is None:
            return []
        members = self._groups.get(claim.group_id)
        if members is None:
            members = self._store.group_members(claim.group_id)
            self._docs.load(m.document_id for m in members)
        mine = claim.document_id or 0
        found = []
        for other in members:
            if other.id == claim.id:
                continue
            theirs = other.document_id or 0
            found.append((other, (min(mine, theirs), max(mine, theirs)) in self._copies))
        return found


def other_versions(store: Store, claim: Claim) -> list[OtherVersion]:
    """The same claim in other documents (for one claim; use VersionFinder for many)."""
    return VersionFinder(store).of(claim) if claim.group_id is not None else []


def flags_of(store: Store, claim: Claim) -> list[Flag]:
    """The flags that concern this claim: quote flags in its group, conflicts it is part of.

    Each flag also names the sources of its two claims (``source_a``, ``source_b``).
    """
    found = []
    for flag in store.flags_for(claim.id):
        if flag.kind.quoted or flag.concerns(claim.id):
            found.append(flag)
    seen: set[int | None] = set()
    unique = []
    for flag in found:
        if flag.id not in seen:
            seen.add(flag.id)
            unique.append(flag)
    return with_sources(store, unique)


def with_sources(store: Store, flags: list[Flag]) -> list[Flag]:
    """The flags, each with the sources of its two claims as ``source_a`` and ``source_b``."""
    ids = sorted({f.claim_a for f in flags} | {f.claim_b for f in flags})
    if not ids:
        return flags
    doc_of = {c.id: c.document_id for c in store.claims_by_id(ids)}
    docs = {
        d.id: d.source
        for d in store.document_meta(sorted({d for d in doc_of.values() if d is not None}))
    }
    return [
        attrs.evolve(
            flag,
            source_a=docs.get(doc_of.get(flag.claim_a) or 0, ""),
            source_b=docs.get(doc_of.get(flag.claim_b) or 0, ""),
        )
        for flag in flags
    ]


@attrs.frozen
class RelatedClaim:
    """A claim in another group linked to this one: a neighbouring fact."""

    claim: Claim
    document_source: str
    kind: LinkKind  # RELATED, or SAME when complete linkage kept the two apart
    reason: str  # for people: "another date (3 March vs 3 April)"
    score: float


def reason_text(kind: LinkKind, detail: str) -> str:
    """A link's detail in words: why two claims are linked but not grouped."""
    if kind is LinkKind.CONFLICT:
        return f"figures disagree ({detail})" if detail else "figures disagree"
    if kind is LinkKind.SAME:
        return "worded alike, kept apart by another member of its group"
    reason, _, specific = detail.partition(": ")
    try:
        text = REASON_TEXT[Reason(reason)]
    except ValueError:
        text = reason
    return f"{text} ({specific})" if specific else text


def related_of(store: Store, claims: list[Claim], limit: int = 6) -> dict[int, list[RelatedClaim]]:
    """claim id -> claims of other groups related to it, most alike first.

    Conflicts are left to the flags (:func:`flags_of`), which show both figures.
    """
    wanted: dict[int, Claim] = {c.id: c for c in claims if c.id is not None}
    if not wanted:
        return {}
    links = store.links_of(sorted(wanted))
    others = {x for a, b, *_rest in links for x in (a, b)} - set(wanted)
    found: dict[int, Claim] = {c.id: c for c in store.claims_by_id(sorted(others)) if c.id}
    found.update(wanted)
    needed = sorted({c.document_id for c in found.values() if c.document_id is not None})
    docs = {d.id: d.source for d in store.document_meta(needed)}
    result: dict[int, list[RelatedClaim]] = {claim_id: [] for claim_id in wanted}
    for a, b, kind, score, detail in links:
        for this, that in ((a, b), (b, a)):
            if this not in wanted or that not in found:
                continue
            mine, other = wanted[this], found[that]
            if other.stale or (other.group_id is not None and other.group_id == mine.group_id):
                continue
            link = LinkKind(kind)
            if link is LinkKind.CONFLICT:
                continue  # a conflict is a flag, shown with both figures
            result[this].append(
                RelatedClaim(
                    other,
                    docs.get(other.document_id or 0, ""),
                    link,
                    reason_text(link, detail),
                    round(score, 1),
                )
            )
    for claim_id, items in result.items():
        items.sort(key=lambda r: (r.kind is not LinkKind.CONFLICT, -r.score, r.claim.id or 0))
        result[claim_id] = items[:limit]
    return result


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


@attrs.frozen
class GroupMember:
    claim: Claim
    document_source: str


@attrs.frozen
class GroupView:
    """One group as `workbench groups` shows it: members, flags, related claims outside."""

    group_id: int
    sources: int  # independent sources
    documents: int
    members: list[GroupMember]
    flags: list[Flag]  # with source_a / source_b (see with_sources)
    related: list[RelatedClaim]


def group_views(store: Store, *, flagged: bool = False, related: int = 5) -> list[GroupView]:
    """Every group of more than one claim (and every lone claim with a flag), largest first.

    A conflict is listed under the groups of both its claims. ``flagged`` keeps
    the groups with a flag; ``related`` is how many related claims to list per group.
    """
    summaries = store.group_summaries()
    docs = {d.id: d.source for d in store.document_meta()}
    all_flags = with_sources(store, store.all_flags())
    group_of = store.group_of(
        sorted({f.claim_a for f in all_flags} | {f.claim_b for f in all_flags})
    )
    by_group: dict[int, list[Flag]] = {}
    for flag in all_flags:
        homes = {flag.group_id}
        if flag.kind is FlagKind.NUMBER_CONFLICT:
            homes |= {group_of.get(flag.claim_a), group_of.get(flag.claim_b)}
        for home in sorted(h for h in homes if h is not None):
            by_group.setdefault(home, []).append(flag)
    listed = [int(s["group_id"]) for s in summaries]
    listed += sorted(set(by_group) - set(listed))  # lone claims with a conflict
    if flagged:
        listed = [g for g in listed if by_group.get(g)]
    sources = independent_sources(store, listed)
    views = []
    for group_id in listed:
        members = store.group_members(group_id)
        near = related_of(store, members, limit=related)
        outside: dict[int, RelatedClaim] = {}
        for items in near.values():
            for item in items:
                known = outside.get(item.claim.id or 0)
                if known is None or (item.kind, -item.score) < (known.kind, -known.score):
                    outside[item.claim.id or 0] = item
        ordered = sorted(
            outside.values(),
            key=lambda r: (r.kind is not LinkKind.CONFLICT, -r.score, r.claim.id or 0),
        )
        independent, documents = sources.get(group_id, (1, 1))
        views.append(
            GroupView(
                group_id,
                independent,
                documents,
                [GroupMember(c, docs.get(c.document_id or 0, "")) for c in members],
                by_group.get(group_id, []),
                ordered[:related],
            )
        )
    return views
