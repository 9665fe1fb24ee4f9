"""Flags within and between groups: quote drift, cut quotes, number conflicts.

Quote flags compare the versions of a quote inside one group; a conflict flag
is a stored conflict link with the two figures as each claim writes them.
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz

from workbench.core.flags import Flag
from workbench.core.matching.amounts import amounts_differ
from workbench.core.matching.facts import dates_differ
from workbench.core.matching.features import Facts, Features
from workbench.core.matching.linkset import Link
from workbench.core.matching.quotes import QuoteRelation, relation
from workbench.core.models import FlagKind
from workbench.core.store import Store


def _normal(text: str) -> str:
    return " ".join("".join(ch for ch in text.lower() if ch.isalnum() or ch.isspace()).split())


def quote_flags(group_id: int, claims: list[Features]) -> list[Flag]:
    """Drift and truncation between the versions of a quote in one group.

    Each version is compared with the first one seen (earliest document): n-1
    flags, not n². Versions of different passages are never compared: the
    group holds only versions of one passage (see :func:`.pairs.compare`).
    """
    quoted = sorted(
        (f for f in claims if f.facts.quoted is not None), key=lambda f: (f.document_id, f.claim_id)
    )
    flags: list[Flag] = []
    for other in quoted[1:]:
        first = quoted[0]
        one, two = first.facts.quoted, other.facts.quoted
        assert one is not None and two is not None
        if other.document_id == first.document_id:
            continue
        found = relation(one, two)
        if found not in (QuoteRelation.DRIFT, QuoteRelation.TRUNCATED):
            continue
        cut = None
        if found is QuoteRelation.TRUNCATED:
            cut = first.claim_id if len(one.words) < len(two.words) else other.claim_id
        flags.append(
            Flag(
                id=None,
                group_id=group_id,
                kind=FlagKind.QUOTE_TRUNCATED
                if found is QuoteRelation.TRUNCATED
                else FlagKind.QUOTE_DRIFT,
                claim_a=first.claim_id,
                claim_b=other.claim_id,
                similarity=round(fuzz.ratio(_normal(one.text), _normal(two.text)), 1),
                speaker=first.facts.speaker or other.facts.speaker,
                a=one.text,
                b=two.text,
                cut=cut,
            )
        )
    return flags


def _figures(first: Features | None, second: Features | None) -> tuple[str, str]:
    """The two figures of a conflict as each claim writes them."""
    if first is None or second is None:
        return "", ""
    a, b = first.facts, second.facts
    amounts = amounts_differ(a.amounts, b.amounts)
    if amounts:
        return amounts[0].text, amounts[1].text
    when = dates_differ((a.dates, a.years, a.weekdays), (b.dates, b.years, b.weekdays))
    return (when[0], when[1]) if when else ("", "")


def refresh_flags(
    store: Store,
    members: Mapping[int, list[Features]],
    groups: Mapping[int, int],
    conflicts: list[Link],
    known: Mapping[int, Features],
    before: set[int],
) -> int:
    """Recompute the quote and conflict flags of these groups (and of groups they replace)."""
    flags: list[Flag] = []
    for group_id, claims in members.items():
        if len(claims) > 1:
            flags.extend(quote_flags(group_id, claims))
    outside = store.group_of([a for a, *_rest in conflicts if a not in groups])
    figures: dict[tuple[Facts | None, Facts | None], tuple[str, str]] = {}
    for a, b, _kind, score, detail in conflicts:
        first, second = known.get(a), known.get(b)
        # copies of a sentence share their figures
        texts = (first.facts if first else None, second.facts if second else None)
        found = figures.get(texts)
        if found is None:
            found = figures[texts] = _figures(first, second)
        ours, theirs = found
        flags.append(
            Flag(
                id=None,
                group_id=groups.get(a, outside.get(a)),
                kind=FlagKind.NUMBER_CONFLICT,
                claim_a=a,
                claim_b=b,
                similarity=round(score, 1),
                numbers=detail,
                # each figure as its claim writes it, when one was found
                a=ours,
                b=theirs,
            )
        )
    store.replace_flags(set(members) | before, set(groups), flags)
    return len(flags)
