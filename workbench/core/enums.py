"""The enumerations the models and every layer share: kinds, statuses, stances,
actions, flags, ingest outcomes; and fast converters for the store's rows."""

from __future__ import annotations

import enum
import re


class ClaimKind(enum.StrEnum):
    """What sort of statement a claim is; decides how a checker approaches it."""

    STATISTIC = "statistic"  # numbers, counts, percentages, money
    STUDY = "study"  # findings of a study, report, survey or test
    QUOTE = "quote"  # direct speech attributed to a speaker
    ATTRIBUTION = "attribution"  # reported speech: X said that ...
    COMPARISON = "comparison"  # comparatives, superlatives, rankings
    EVENT = "event"  # a dated or datable action
    OTHER = "other"


LABEL_NAME = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
"""How a verdict label is stored: lowercase words joined by - or _ ("mostly-true")."""
LABEL_NAME_MAX = 40


class Status(enum.StrEnum):
    """A claim's status: a state (``UNREVIEWED``, ``CONFLICT``) or a verdict label.

    ``UNREVIEWED`` is the starting state. ``CONFLICT`` is a state, never a
    verdict anyone gives: a desk that asks for more than one independent verdict
    puts a claim in conflict when they differ, until an adjudicator decides.

    The verdicts themselves come from the database's scale
    (:class:`workbench.core.scale.Scale`). The four members below are the
    labels of the default scale, ``ours``; the stored name of any other
    scale's label ("mostly-true") is a ``Status`` too, made on first lookup
    (``Status("mostly-true")``, always the same object), so a status read from
    the store stays typed whatever the scale. Whether a name is a verdict of
    *this* database is the scale's to say: the store checks every verdict
    against it before writing (``Scale.verdict``).
    """

    UNREVIEWED = "unreviewed"
    SUPPORTED = "supported"
    MIXED = "mixed"
    DISPUTED = "disputed"
    UNVERIFIABLE = "unverifiable"
    CONFLICT = "conflict"

    @classmethod
    def _missing_(cls, value: object) -> Status | None:
        if not isinstance(value, str) or len(value) > LABEL_NAME_MAX:
            return None
        if not LABEL_NAME.fullmatch(value):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper().replace("-", "_")
        member._value_ = value
        # Kept, so that the next lookup of the name returns this very object.
        return cls._value2member_map_.setdefault(value, member)  # type: ignore[return-value]

    @property
    def is_state(self) -> bool:
        """Whether this is a state (unreviewed, conflict) rather than a verdict label."""
        return self in (Status.UNREVIEWED, Status.CONFLICT)


VERDICTS = (Status.SUPPORTED, Status.MIXED, Status.DISPUTED, Status.UNVERIFIABLE)
"""The verdicts of the default scale, ``ours`` (``workbench.core.scale.OURS``)."""


class Stance(enum.StrEnum):
    SUPPORTS = "supports"
    REFUTES = "refutes"


class SourceKind(enum.StrEnum):
    """Where a citation points."""

    URL = "url"
    DOCUMENT = "document"  # a document in the corpus (``doc:ID``)
    FILE = "file"  # a local file
    OTHER = "other"  # free text: an interview, a phone call, a printed report


class Action(enum.StrEnum):
    """What a row of the verdict history records."""

    MARK = "mark"  # a reviewer set the verdict
    NOTE = "note"  # the rationale changed, the verdict did not
    UNDO = "undo"  # an earlier action was reverted
    REDO = "redo"  # an undone action was applied again
    ADJUDICATE = "adjudicate"  # the final verdict on a claim whose reviewers disagreed


class FlagKind(enum.StrEnum):
    """What matching points out between two claims of different sources."""

    QUOTE_DRIFT = "quote_drift"  # one speaker's quote, worded differently in another source
    NUMBER_CONFLICT = "number_conflict"  # sources give different figures for one fact
    QUOTE_TRUNCATED = "quote_truncated"  # one speaker's quote, cut short in another source

    @property
    def quoted(self) -> bool:
        """Whether the flag compares two versions of a quote (drift or truncation)."""
        return self in (FlagKind.QUOTE_DRIFT, FlagKind.QUOTE_TRUNCATED)


class IngestOutcome(enum.StrEnum):
    """What became of one article taken in."""

    ADDED = "added"  # a new document
    UPDATED = "updated"  # a file whose text changed since it was taken in
    UNCHANGED = "unchanged"  # the same text is stored already
    FAILED = "failed"  # it could not be read or parsed; nothing was stored


# Converters for the enum fields of the models the store reads by the million
# (a report of every claim): a look-up in the members by value, then the enum's
# own call (which also makes a scale's label, ``Status._missing_``, and raises
# ValueError on a bad value) only when that fails. Four times faster. Named
# functions, not one made by a factory: attrs' mypy plugin reads only those.
_STATUSES = Status._value2member_map_
_KINDS = ClaimKind._value2member_map_
_ACTIONS = Action._value2member_map_


def to_status(value: str) -> Status:
    try:
        return _STATUSES[value]  # type: ignore[return-value]
    except (KeyError, TypeError):
        return Status(value)


def to_kind(value: str) -> ClaimKind:
    try:
        return _KINDS[value]  # type: ignore[return-value]
    except (KeyError, TypeError):
        return ClaimKind(value)


def to_action(value: str) -> Action:
    try:
        return _ACTIONS[value]  # type: ignore[return-value]
    except (KeyError, TypeError):
        return Action(value)
