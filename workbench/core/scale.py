"""Verdict scales: the labels a database's reviewers give, and how each is shown and exported.

A scale belongs to a database (the store keeps it in its settings). The
default, ``ours``, is supported / mixed / disputed / unverifiable; presets for
PolitiFact's six levels and a Meedan Check-like set come with workbench, and a
TOML file defines any other (see :func:`read_scale_file`)::

    name = "newsroom"
    worst_rating = 1          # ClaimReview worstRating / bestRating
    best_rating = 3

    [[labels]]
    name = "accurate"         # stored; lowercase words joined by - or _
    title = "Accurate"        # shown
    key = "y"                 # the app's key for it
    order = 3                 # place on the ordinal scale, worst lowest (omit: off it)
    alternate_name = "Accurate"  # ClaimReview alternateName (default: the title)
    rating = 3                # ClaimReview ratingValue (omit: a review without one)
    colour = "#2e7d32"        # reports and the app (optional)
    stance = "supports"       # a citation given with it most likely supports (optional)

The two states, ``unreviewed`` and ``conflict``, belong to every scale and are
no labels of it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from workbench.core.errors import WorkbenchError
from workbench.core.models import LABEL_NAME, LABEL_NAME_MAX, Stance, Status

SCALE_SETTING = "scale"  # settings key: the database's scale, as :meth:`Scale.as_dict`

# Keys the review screen (and the app around it) uses for other actions; a
# label cannot take one. A test keeps this in step with the screen's bindings.
RESERVED_KEYS = frozenset("xcCnzZ[]/fFoSag123be?qjktAMi")

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class ScaleError(WorkbenchError):
    """A scale, a scale file or a mapping between scales that cannot be used."""


def _label_name(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not LABEL_NAME.fullmatch(value) or len(value) > LABEL_NAME_MAX:
        raise ScaleError(
            f"label name {value!r} must be lowercase letters and digits, words joined by"
            f" - or _ (at most {LABEL_NAME_MAX} characters)"
        )
    if value in (Status.UNREVIEWED.value, Status.CONFLICT.value):
        raise ScaleError(f"{value!r} is a state of every claim, not a label a scale can have")


def _label_key(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if len(value) != 1 or not value.isprintable() or value.isspace():
        raise ScaleError(f"label key {value!r} must be one printable character")
    if value in RESERVED_KEYS:
        raise ScaleError(f"label key {value!r} is taken by another action of the review screen")


def _title(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip() or not value.isprintable():
        raise ScaleError("a label needs a title: one line of text")


def _colour(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if value and not _COLOUR.fullmatch(value):
        raise ScaleError(f"colour {value!r} must be written #rrggbb")


@attrs.frozen
class Label:
    """One verdict of a scale."""

    name: str = attrs.field(validator=_label_name)  # stored ("mostly-true")
    title: str = attrs.field(validator=_title)  # shown ("Mostly True")
    key: str = attrs.field(validator=_label_key)  # the app's key for it
    order: int | None = None  # place on the ordinal scale, worst lowest; None: off it
    alternate_name: str = ""  # ClaimReview alternateName; empty: the title
    rating: int | None = None  # ClaimReview ratingValue; None: the review has none
    colour: str = attrs.field(default="", validator=_colour)  # "#rrggbb"
    stance: Stance | None = None  # what a citation given with this verdict most likely does

    @property
    def status(self) -> Status:
        return Status(self.name)

    @property
    def claimreview_name(self) -> str:
        return self.alternate_name or self.title


def _labels(value: Iterable[Label]) -> tuple[Label, ...]:
    return tuple(value)


def _statuses(value: Iterable[str]) -> tuple[Status, ...]:
    return tuple(Status(v) for v in value)


@attrs.frozen
class Scale:
    """The verdicts of a database, in the order they are listed (help, filters, stats).

    ``report_order`` is the order of the report sections, the verdicts an
    editor must act on first at the top; by default, along ``order`` from the
    worst, then the labels off the ordinal scale.
    """

    name: str
    labels: tuple[Label, ...] = attrs.field(converter=_labels)
    worst_rating: int = 1
    best_rating: int = 5
    report_order: tuple[Status, ...] = attrs.field(default=(), converter=_statuses)

    def __attrs_post_init__(self) -> None:
        if not self.name.strip() or not self.name.isprintable():
            raise ScaleError("a scale needs a name: one line of text")
        if not self.labels:
            raise ScaleError(f"scale {self.name!r} has no labels")
        checks: tuple[tuple[str, list[str]], ...] = (
            ("label name", [label.name for label in self.labels]),
            ("label title", [label.title.casefold() for label in self.labels]),
            ("key", [label.key for label in self.labels]),
            ("order", [str(label.order) for label in self.labels if label.order is not None]),
        )
        for what, values in checks:
            twice = sorted({v for v in values if values.count(v) > 1})
            if twice:
                raise ScaleError(f"scale {self.name!r} has the {what} {twice[0]!r} twice")
        if self.worst_rating >= self.best_rating:
            raise ScaleError(
                f"worst_rating {self.worst_rating} must be below best_rating {self.best_rating}"
            )
        for label in self.labels:
            if label.rating is not None and not (
                self.worst_rating <= label.rating <= self.best_rating
            ):
                raise ScaleError(
                    f"rating {label.rating} of {label.name!r} lies outside"
                    f" {self.worst_rating}..{self.best_rating}"
                )
        if self.report_order and sorted(self.report_order) != sorted(self.verdicts):
            raise ScaleError("report_order must list every label of the scale once")

    @property
    def verdicts(self) -> tuple[Status, ...]:
        """The verdicts a reviewer can give (besides clearing one with ``unreviewed``)."""
        return tuple(label.status for label in self.labels)

    @property
    def statuses(self) -> tuple[Status, ...]:
        """Every status a claim can have under this scale: unreviewed, the verdicts, conflict."""
        return (Status.UNREVIEWED, *self.verdicts, Status.CONFLICT)

    @property
    def ordinal(self) -> tuple[Status, ...]:
        """The labels on the ordinal scale, worst first (ordinal agreement)."""
        ranked = [label for label in self.labels if label.order is not None]
        return tuple(label.status for label in sorted(ranked, key=lambda x: x.order or 0))

    @property
    def reporting(self) -> tuple[Status, ...]:
        """Report sections in order: conflicts, the verdicts (worst first), unreviewed."""
        verdicts = self.report_order or (
            *self.ordinal,
            *(label.status for label in self.labels if label.order is None),
        )
        return (Status.CONFLICT, *verdicts, Status.UNREVIEWED)

    def label(self, status: Status | str) -> Label | None:
        """The label stored under this name, or None (a state, or not of this scale)."""
        return next((label for label in self.labels if label.name == status), None)

    def by_key(self, key: str) -> Label | None:
        return next((label for label in self.labels if label.key == key), None)

    def title(self, status: Status) -> str:
        """How a status is shown: its label's title, or the state's name capitalised."""
        label = self.label(status)
        return label.title if label is not None else status.value.capitalize()

    def words(self) -> str:
        """The verdicts, comma separated, for help and error messages."""
        return ", ".join(label.name for label in self.labels)

    def verdict(self, word: str | Status, *, clear: bool = True) -> Status:
        """A verdict of this scale from its name or title (any case), or a one-line error.

        ``unreviewed`` clears a verdict where ``clear`` allows it; ``conflict``
        is a state, never a verdict.
        """
        text = str(word).strip()
        folded = text.casefold()
        valid = self.words() + (f", {Status.UNREVIEWED.value}" if clear else "")
        if clear and folded == Status.UNREVIEWED.value:
            return Status.UNREVIEWED
        if folded == Status.CONFLICT.value:
            raise ScaleError(
                "conflict is not a verdict: a claim is in conflict when its reviewers"
                f" disagree; choose one of: {valid}"
            )
        for label in self.labels:
            if folded in (label.name, label.title.casefold()):
                return label.status
        raise ScaleError(
            f"unknown verdict {text!r} on the {self.name} scale; choose one of: {valid}"
        )

    def status(self, word: str) -> Status:
        """Any status of this scale (for filters): a verdict, unreviewed or conflict."""
        folded = word.strip().casefold()
        if folded in (Status.UNREVIEWED.value, Status.CONFLICT.value):
            return Status(folded)
        try:
            return self.verdict(word, clear=False)
        except ScaleError:
            valid = ", ".join(s.value for s in self.statuses)
            raise ScaleError(f"unknown verdict {word.strip()!r}; choose one of: {valid}") from None

    def stance_of(self, verdict: Status) -> Stance | None:
        """The stance a citation given with this verdict most likely has."""
        label = self.label(verdict)
        return label.stance if label is not None else None

    # -- stored form -------------------------------------------------------------------

    def as_dict(self) -> dict[str, Any]:
        """The scale as the settings row keeps it (the same shape as a scale file)."""
        data: dict[str, Any] = {
            "name": self.name,
            "worst_rating": self.worst_rating,
            "best_rating": self.best_rating,
        }
        if self.report_order:
            data["report_order"] = [s.value for s in self.report_order]
        data["labels"] = [
            {
                k: v.value if isinstance(v, Stance) else v
                for k, v in attrs.asdict(label).items()
                if v not in (None, "")
            }
            for label in self.labels
        ]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "scale") -> Scale:
        """Read :meth:`as_dict`'s shape (a scale file's); a one-line error names what is wrong."""
        try:
            return _from_dict(data)
        except ScaleError as error:
            raise ScaleError(f"{source}: {error}") from None
        except (TypeError, ValueError) as error:
            raise ScaleError(f"{source}: {error}") from None


_SCALE_FIELDS = {"name", "worst_rating", "best_rating", "report_order", "labels"}
_LABEL_FIELDS = {a.name for a in attrs.fields(Label)}


def _int_or_none(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScaleError(f"{what} must be a whole number, got {value!r}")
    return value


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ScaleError(f"{what} must be text, got {value!r}")
    return value


def _from_dict(data: Mapping[str, Any]) -> Scale:
    unknown = sorted(set(data) - _SCALE_FIELDS)
    if unknown:
        raise ScaleError(
            f"unknown field {unknown[0]!r} (scale fields: name, worst_rating,"
            " best_rating, report_order, labels)"
        )
    rows = data.get("labels")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ScaleError("the scale needs a [[labels]] table for each verdict")
    labels = []
    for number, row in enumerate(rows, start=1):
        unknown = sorted(set(row) - _LABEL_FIELDS)
        if unknown:
            raise ScaleError(f"label {number}: unknown field {unknown[0]!r}")
        missing = [f for f in ("name", "title", "key") if f not in row]
        if missing:
            raise ScaleError(f"label {number}: missing {missing[0]!r}")
        stance = row.get("stance")
        try:
            stance = Stance(stance) if stance else None
        except ValueError:
            raise ScaleError(
                f"label {number}: stance must be supports or refutes, got {stance!r}"
            ) from None
        labels.append(
            Label(
                name=_text(row["name"], "name"),
                title=_text(row["title"], "title"),
                key=_text(row["key"], "key"),
                order=_int_or_none(row.get("order"), "order"),
                alternate_name=_text(row.get("alternate_name", ""), "alternate_name"),
                rating=_int_or_none(row.get("rating"), "rating"),
                colour=_text(row.get("colour", ""), "colour"),
                stance=stance,
            )
        )
    order = data.get("report_order", [])
    if not isinstance(order, list) or not all(isinstance(v, str) for v in order):
        raise ScaleError("report_order must be a list of label names")
    names = {label.name for label in labels}
    for value in order:
        if value not in names:
            raise ScaleError(f"report_order names {value!r}, which is no label of the scale")
    return Scale(
        name=_text(data.get("name", ""), "name"),
        labels=labels,
        worst_rating=_int_or_none(data.get("worst_rating", 1), "worst_rating") or 0,
        best_rating=_int_or_none(data.get("best_rating", 5), "best_rating") or 0,
        report_order=order,
    )


def read_scale_file(path: Path) -> Scale:
    """A scale from a TOML file, or a one-line :class:`ScaleError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScaleError(f"cannot read scale file {path}: {error}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScaleError(f"{path}: not valid TOML: {error}") from None
    return Scale.from_dict(data, source=str(path))


OURS = Scale(
    name="ours",
    labels=(
        Label("supported", "Supported", "s", 3, "Supported", 5, "#2e7d32", Stance.SUPPORTS),
        Label("mixed", "Mixed", "m", 2, "Mixed", 3, "#ef6c00"),
        Label("disputed", "Disputed", "d", 1, "Disputed", 1, "#c62828", Stance.REFUTES),
        Label("unverifiable", "Unverifiable", "u", None, "Unverifiable", None, "#6a1b9a"),
    ),
    worst_rating=1,
    best_rating=5,
    # Disputed claims first: they are what an editor must act on.
    report_order=("disputed", "mixed", "unverifiable", "supported"),
)
"""The default scale: every database without a scale of its own has it."""

POLITIFACT = Scale(
    name="politifact",
    labels=(
        Label("true", "True", "y", 6, "True", 6, "#2e7d32", Stance.SUPPORTS),
        Label("mostly-true", "Mostly True", "m", 5, "Mostly True", 5, "#689f38", Stance.SUPPORTS),
        Label("half-true", "Half True", "h", 4, "Half True", 4, "#f9a825"),
        Label("mostly-false", "Mostly False", "l", 3, "Mostly False", 3, "#ef6c00", Stance.REFUTES),
        Label("false", "False", "d", 2, "False", 2, "#c62828", Stance.REFUTES),
        Label(
            "pants-on-fire", "Pants on Fire", "p", 1, "Pants on Fire", 1, "#8e0000", Stance.REFUTES
        ),
    ),
    worst_rating=1,
    best_rating=6,
)
"""PolitiFact's Truth-O-Meter, six levels from True down to Pants on Fire."""

MEEDAN = Scale(
    name="meedan",
    labels=(
        Label("verified", "Verified", "v", 2, "Verified", 5, "#2e7d32", Stance.SUPPORTS),
        Label("false", "False", "d", 1, "False", 1, "#c62828", Stance.REFUTES),
        Label("inconclusive", "Inconclusive", "u", None, "Inconclusive", None, "#6a1b9a"),
    ),
    worst_rating=1,
    best_rating=5,
)
"""The verdicts of Meedan Check's default workspace statuses. Its "Unstarted" is
our ``unreviewed``; "In Progress" is a stage of work, not a verdict, and is left out."""

PRESETS: dict[str, Scale] = {s.name: s for s in (OURS, POLITIFACT, MEEDAN)}


def load_scale(name_or_path: str) -> Scale:
    """A preset by name, else a scale file; a one-line error when it is neither."""
    if name_or_path in PRESETS:
        return PRESETS[name_or_path]
    path = Path(name_or_path)
    if path.suffix.lower() == ".toml" or path.exists():
        if not path.is_file():
            raise ScaleError(f"no scale file {name_or_path}")
        scale = read_scale_file(path)
        if scale.name in PRESETS and scale != PRESETS[scale.name]:
            raise ScaleError(
                f"{name_or_path}: the name {scale.name!r} is a preset's; give the scale its own"
            )
        return scale
    raise ScaleError(
        f"unknown scale {name_or_path!r}: choose a preset ({', '.join(PRESETS)})"
        " or give a .toml file"
    )


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """``OLD=NEW`` words to a mapping, or a one-line error."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        old, new = old.strip().casefold(), new.strip()
        if not sep or not old or not new:
            raise ScaleError(f"--map takes OLD=NEW, got {pair!r}")
        if old in mapping:
            raise ScaleError(f"{old!r} is mapped twice")
        mapping[old] = new
    return mapping


def relabelling(
    old: Scale, new: Scale, used: Iterable[Status], mapping: Mapping[str, str]
) -> dict[Status, Status]:
    """What each label in use becomes under the new scale, from an explicit mapping.

    Nothing is guessed: every label the database uses (``used``: in claims or
    in their verdict history) that the new scale does not have must be mapped;
    a label the new scale has under the same name keeps it unless mapped. A
    mapping from a word that is neither a label in use nor one of the old
    scale's, or to a word that is no label of the new scale, is refused.
    Labels that stay as they are are left out of the result.
    """
    in_use = {s for s in used if not s.is_state}
    known = {s.value for s in in_use} | {s.value for s in old.verdicts}
    resolved: dict[Status, Status] = {}
    for word, target in mapping.items():
        if word not in known:
            words = ", ".join(sorted(s.value for s in in_use)) or "none"
            raise ScaleError(
                f"--map {word}=...: {word!r} is no label of the {old.name} scale nor in use"
                f" (in use: {words}); nothing changed"
            )
        try:
            resolved[Status(word)] = new.verdict(target, clear=False)
        except ScaleError:
            raise ScaleError(
                f"--map {word}={target}: {target!r} is no label of the {new.name} scale"
                f" (its labels: {new.words()}); nothing changed"
            ) from None
    names = set(new.verdicts)
    unmapped = sorted(s.value for s in in_use if s not in resolved and s not in names)
    if unmapped:
        raise ScaleError(
            f"the database has verdicts {', '.join(unmapped)}, which the {new.name} scale lacks;"
            f" map each with --map OLD=NEW (labels: {new.words()}); nothing changed"
        )
    return {old_status: to for old_status, to in resolved.items() if old_status is not to}
