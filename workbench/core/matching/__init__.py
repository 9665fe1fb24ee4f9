"""Match claims across sources: groups, related claims, quote drift, conflicts, copies.

A run (:mod:`.run`, :func:`match`) compares only new claims (those without a
group) with what is stored, through blocking keys: two claims are compared
when they share at least two keys (numbers, names, long words), never all
pairs. Each pair gets a link (:mod:`.pairs`): the same fact, a conflict, or a
related fact. Groups are built from same-fact links without chaining
(:mod:`.groups`); each claim's group id is the smallest claim id in its group.
Flags are worked out in :mod:`.flags` and copies in :mod:`.copies`.
"""

from __future__ import annotations

from workbench.core.matching.copies import independent_sources
from workbench.core.matching.run import MatchReport, match

__all__ = ["MatchReport", "independent_sources", "match"]
