"""Verdict scales: presets, scale files, the store's checks, relabelling with a mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.core.agreement import agreement
from workbench.core.errors import WorkbenchError
from workbench.core.models import Action, Stance, Status, Verdict
from workbench.core.scale import (
    MEEDAN,
    OURS,
    POLITIFACT,
    PRESETS,
    Label,
    Scale,
    ScaleError,
    load_scale,
    read_scale_file,
)
from workbench.core.store import Store

NEWSROOM = """
name = "newsroom"
worst_rating = 1
best_rating = 3

[[labels]]
name = "accurate"
title = "Accurate"
key = "y"
order = 3
rating = 3
colour = "#2e7d32"
stance = "supports"

[[labels]]
name = "needs-context"
title = "Needs Context"
key = "h"
order = 2
alternate_name = "Missing context"
rating = 2
colour = "#f9a825"

[[labels]]
name = "wrong"
title = "Wrong"
key = "w"
order = 1
rating = 1
colour = "#c62828"
stance = "refutes"

[[labels]]
name = "no-data"
title = "No Data"
key = "v"
"""


def scale_file(tmp_path: Path, text: str = NEWSROOM, name: str = "newsroom.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_presets_are_valid_and_ours_is_the_scale_we_always_had() -> None:
    assert set(PRESETS) == {"ours", "politifact", "meedan"}
    assert OURS.verdicts == (Status.SUPPORTED, Status.MIXED, Status.DISPUTED, Status.UNVERIFIABLE)
    assert OURS.ordinal == (Status.DISPUTED, Status.MIXED, Status.SUPPORTED)
    ratings = {label.name: (label.claimreview_name, label.rating) for label in OURS.labels}
    assert ratings == {
        "supported": ("Supported", 5),
        "mixed": ("Mixed", 3),
        "disputed": ("Disputed", 1),
        "unverifiable": ("Unverifiable", None),
    }
    assert OURS.reporting[:3] == (Status.CONFLICT, Status.DISPUTED, Status.MIXED)
    assert [label.title for label in POLITIFACT.labels] == [
        "True",
        "Mostly True",
        "Half True",
        "Mostly False",
        "False",
        "Pants on Fire",
    ]
    assert POLITIFACT.ordinal[0] == Status("pants-on-fire")
    assert MEEDAN.label(Status("inconclusive")) is not None
    for scale in PRESETS.values():
        assert Scale.from_dict(scale.as_dict()) == scale  # stored and read back


def test_a_label_name_is_a_status_and_always_the_same_object() -> None:
    first = Status("mostly-true")
    assert first is Status("mostly-true") and first == "mostly-true"
    assert not first.is_state and Status.CONFLICT.is_state
    with pytest.raises(ValueError):
        Status("Mostly True")  # a title, not a stored name


def test_a_scale_file_defines_labels_keys_order_and_claimreview(tmp_path: Path) -> None:
    scale = read_scale_file(scale_file(tmp_path))
    assert scale.name == "newsroom" and scale.best_rating == 3
    assert scale.verdict("needs context") is Status("needs-context")  # by title, any case
    assert scale.verdict("WRONG") is Status("wrong")
    context = scale.label(Status("needs-context"))
    assert context is not None and context.claimreview_name == "Missing context"
    no_data = scale.label(Status("no-data"))
    assert no_data is not None and no_data.rating is None and no_data.order is None
    assert scale.ordinal == (Status("wrong"), Status("needs-context"), Status("accurate"))
    assert scale.stance_of(Status("wrong")) is Stance.REFUTES
    assert scale.by_key("w") == scale.label(Status("wrong"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('key = "w"', 'key = "y"', 1), "has the key 'y' twice"),
        (('name = "wrong"', 'name = "accurate"', 1), "has the label name 'accurate' twice"),
        (('title = "Wrong"', 'title = "accurate"', 1), "has the label title 'accurate' twice"),
        (('key = "w"', 'key = "z"', 1), "key 'z' is taken by another action"),
        (('name = "wrong"', 'name = "conflict"', 1), "'conflict' is a state"),
        (('name = "wrong"', 'name = "Wrong One"', 1), "must be lowercase"),
        (("rating = 1\ncolour", "rating = 9\ncolour", 1), "rating 9 of 'wrong' lies outside 1..3"),
        (("order = 1\nrating", "order = 2\nrating", 1), "has the order '2' twice"),
        (('colour = "#c62828"', 'colour = "red"', 1), "must be written #rrggbb"),
        (('stance = "refutes"', 'stance = "against"', 1), "stance must be supports or refutes"),
        (('title = "Wrong"', 'titel = "Wrong"', 1), "unknown field 'titel'"),
        (('name = "newsroom"', 'name = "newsroom"\ncolor = 1', 1), "unknown field 'color'"),
        (('name = "newsroom"', 'name = "newsroom"\n[labels', 1), "not valid TOML"),
        (('name = "newsroom"', 'name = "politifact"', 1), "is a preset's"),
    ],
)
def test_a_bad_scale_file_is_a_one_line_error(
    tmp_path: Path, change: tuple[str, str, int], message: str
) -> None:
    old, new, count = change
    assert old in NEWSROOM
    path = scale_file(tmp_path, NEWSROOM.replace(old, new, count))
    with pytest.raises(ScaleError, match=message) as raised:
        load_scale(str(path))
    assert "\n" not in str(raised.value)


def test_unknown_preset_or_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScaleError, match=r"unknown scale 'snopes'.*ours, politifact, meedan"):
        load_scale("snopes")
    with pytest.raises(ScaleError, match="no scale file"):
        load_scale(str(tmp_path / "nowhere.toml"))


def test_a_scale_without_labels_or_with_bad_ratings_is_refused() -> None:
    with pytest.raises(ScaleError, match="has no labels"):
        Scale("empty", ())
    with pytest.raises(ScaleError, match="worst_rating 5 must be below best_rating 1"):
        Scale("upside", (Label("a", "A", "y"),), worst_rating=5, best_rating=1)


# -- the store ---------------------------------------------------------------------------


def test_a_database_has_ours_until_another_scale_is_set(
    sample_store: Store, tmp_path: Path
) -> None:
    assert sample_store.scale() == OURS
    newsroom = read_scale_file(scale_file(tmp_path))
    change = sample_store.set_scale(newsroom, {}, "ed")  # no verdicts yet: no mapping needed
    assert change.mapping == () and sample_store.scale() == newsroom
    with Store(sample_store.path) as again:  # stored in the database
        assert again.scale() == newsroom


def test_mark_and_adjudicate_take_only_the_scales_labels(sample_store: Store) -> None:
    claim_id = sample_store.claim_ids()[0]
    sample_store.set_scale(POLITIFACT, {}, "ed")
    made = sample_store.mark(claim_id, Status("mostly-true"), "ann")
    assert made.verdict is Status("mostly-true")
    assert sample_store.get_claim(claim_id).status is Status("mostly-true")
    with pytest.raises(WorkbenchError, match=r"unknown verdict 'supported'.*pants-on-fire"):
        sample_store.mark(claim_id, Status.SUPPORTED, "ann")
    with pytest.raises(WorkbenchError, match="conflict is not a verdict"):
        sample_store.mark(claim_id, Status.CONFLICT, "ann")
    assert len(sample_store.history(claim_id)) == 1
    sample_store.set_required_verdicts(2)
    sample_store.mark(claim_id, Status("false"), "bob")
    assert sample_store.get_claim(claim_id).status is Status.CONFLICT
    with pytest.raises(WorkbenchError, match="gives a verdict: one of true, mostly-true"):
        sample_store.adjudicate(claim_id, Status.MIXED, "eve", "")
    sample_store.adjudicate(claim_id, Status("half-true"), "eve", "both half right")
    assert sample_store.get_claim(claim_id).status is Status("half-true")
    counts = sample_store.status_counts()
    assert counts[Status("half-true")] == 1 and Status.SUPPORTED not in counts
    assert "pants-on-fire" in sample_store.stats().by_status


def history_words(store: Store, claim_id: int) -> list[str]:
    return [v.verdict.value for v in store.history(claim_id)]


def test_changing_the_scale_needs_a_mapping_of_every_label_in_use(sample_store: Store) -> None:
    first, second, third = sample_store.claim_ids()[:3]
    sample_store.mark(first, Status.SUPPORTED, "ann")
    sample_store.mark(second, Status.DISPUTED, "ann")
    sample_store.mark(third, Status.MIXED, "ann")
    sample_store.mark(third, Status.UNREVIEWED, "ann")  # mixed stays in the history
    before = [history_words(sample_store, c) for c in (first, second, third)]
    for mapping, message in [
        ({}, "has verdicts disputed, mixed, supported, which the politifact scale lacks"),
        ({"supported": "true", "disputed": "false"}, "has verdicts mixed, which"),
        (
            {"supported": "true", "disputed": "false", "mixed": "sort of"},
            "'sort of' is no label of the politifact scale",
        ),
        (
            {"supported": "true", "disputed": "false", "mixed": "half-true", "suported": "true"},
            "'suported' is no label of the ours scale nor in use",
        ),
    ]:
        with pytest.raises(WorkbenchError, match=message) as raised:
            sample_store.set_scale(POLITIFACT, mapping, "ed")
        assert "nothing changed" in str(raised.value)
        # nothing written: the scale, the history and the claims are as they were
        assert sample_store.scale() == OURS
        assert [history_words(sample_store, c) for c in (first, second, third)] == before
        assert sample_store.scale_changes() == ()


def test_relabelling_rewrites_history_and_journal_and_keeps_the_old_words(
    sample_store: Store,
) -> None:
    first, second = sample_store.claim_ids()[:2]
    sample_store.mark(first, Status.SUPPORTED, "ann")
    sample_store.mark(first, Status.DISPUTED, "ann")
    sample_store.mark(second, Status.MIXED, "bob")
    change = sample_store.set_scale(
        POLITIFACT,
        {"supported": "True", "disputed": "pants on fire", "mixed": "half-true"},
        "ed",
    )
    assert dict(change.mapping) == {
        Status.SUPPORTED: Status("true"),
        Status.DISPUTED: Status("pants-on-fire"),
        Status.MIXED: Status("half-true"),
    }
    assert change.verdict_rows == 3 and change.claims == 2
    assert history_words(sample_store, first) == ["true", "pants-on-fire"]
    assert sample_store.get_claim(first).status is Status("pants-on-fire")
    assert sample_store.get_claim(second).status is Status("half-true")
    assert sample_store.labels_in_use() == (
        Status("half-true"),
        Status("pants-on-fire"),
        Status("true"),
    )
    # The journal keeps what each row said before, and who changed the scale when.
    (journaled,) = sample_store.scale_changes()
    assert journaled.old == OURS and journaled.new == POLITIFACT and journaled.changed_by == "ed"
    payload = json.loads(
        sample_store.db.execute("SELECT payload FROM actions WHERE kind = 'scale'").fetchone()[0]
    )
    ids = [v.id for v in sample_store.history(first)]
    assert payload["verdict_rows"]["supported"] == ids[:1]
    assert payload["verdict_rows"]["disputed"] == ids[1:]
    # Undo restores the verdict before, in the new scale's words, never an old label.
    assert sample_store.undo("ann") is not None
    assert sample_store.get_claim(first).status is Status("true")
    assert sample_store.undo("ann") is not None
    assert sample_store.get_claim(first).status is Status.UNREVIEWED
    assert sample_store.redo("ann") is not None
    assert sample_store.get_claim(first).status is Status("true")
    assert set(sample_store.labels_in_use()) <= set(POLITIFACT.verdicts)
    # The scale change itself is no reviewer action: undo never reverts it.
    assert sample_store.undo("ed") is None and sample_store.scale() == POLITIFACT


def test_a_label_the_new_scale_has_keeps_its_name_and_a_swap_holds(sample_store: Store) -> None:
    first, second = sample_store.claim_ids()[:2]
    sample_store.mark(first, Status.SUPPORTED, "ann")
    sample_store.mark(second, Status.DISPUTED, "ann")
    swapped = Scale(
        "swapped",
        (Label("supported", "Supported", "s", 2), Label("disputed", "Disputed", "d", 1)),
    )
    sample_store.set_scale(swapped, {}, "ed")  # same names: nothing to map
    assert sample_store.get_claim(first).status is Status.SUPPORTED
    sample_store.set_scale(swapped, {"supported": "disputed", "disputed": "supported"}, "ed")
    assert sample_store.get_claim(first).status is Status.DISPUTED
    assert sample_store.get_claim(second).status is Status.SUPPORTED
    assert history_words(sample_store, first) == ["disputed"]


def test_an_import_with_labels_of_another_scale_is_refused(sample_store: Store) -> None:
    claim_id = sample_store.claim_ids()[0]
    sample_store.set_scale(POLITIFACT, {}, "ed")
    foreign = Verdict(None, claim_id, Status.SUPPORTED, "ann", "", "2026-11-20T09:00:00+00:00")
    with pytest.raises(WorkbenchError, match="'supported' is no label of this database's scale"):
        sample_store.import_review(claim_id, [foreign], [])
    assert sample_store.history(claim_id) == []


def test_ordinal_agreement_follows_the_scales_order() -> None:
    # Three reviewers, five claims, one step apart or two: ordinal alpha weighs the distance.
    near = {
        1: {"a": Status("true"), "b": Status("mostly-true")},
        2: {"a": Status("false"), "b": Status("false")},
        3: {"a": Status("half-true"), "b": Status("mostly-false")},
        4: {"a": Status("pants-on-fire"), "b": Status("false")},
        5: {"a": Status("true"), "b": Status("true")},
    }
    along = agreement(near, order=POLITIFACT.ordinal)
    assert along.alpha_ordinal.claims == 5
    assert along.alpha_ordinal.value is not None and along.alpha_nominal.value is not None
    # Off-by-one disagreements cost less on the ordinal scale than on the nominal one.
    assert along.alpha_ordinal.value > along.alpha_nominal.value
    # Under ours' order none of these labels has a place: no ordinal figure.
    assert agreement(near).alpha_ordinal.claims == 0


def test_relabelled_desk_verdicts_still_settle(sample_store: Store) -> None:
    claim_id = sample_store.claim_ids()[0]
    sample_store.set_required_verdicts(2)
    sample_store.mark(claim_id, Status.SUPPORTED, "ann")
    sample_store.mark(claim_id, Status.MIXED, "bob")
    assert sample_store.get_claim(claim_id).status is Status.CONFLICT
    other = sample_store.claim_ids()[1]
    sample_store.mark(other, Status.DISPUTED, "ann")
    sample_store.mark(other, Status.SUPPORTED, "bob")
    change = sample_store.set_scale(
        POLITIFACT, {"supported": "true", "mixed": "true", "disputed": "false"}, "ed"
    )
    # Mapped to one label, the two verdicts on the first claim agree now: it is settled.
    assert sample_store.get_claim(claim_id).status is Status("true")
    assert sample_store.get_claim(other).status is Status.CONFLICT
    assert change.claims == 1
    assert [v.action for v in sample_store.history(claim_id)] == [Action.MARK, Action.MARK]
