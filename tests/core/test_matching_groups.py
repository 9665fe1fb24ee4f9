"""Groups across sources: no chaining, incremental equals rebuild, quote versions, rules."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.ingest import ingest
from workbench.core.matching.run import match
from workbench.core.models import FlagKind
from workbench.core.store import Store

# Three outlets on one fire; the second gives no toll, the others two tolls.
FIRE = {
    "courier.txt": (
        "Port Elms fire\n\n"
        "Police said the fire at the Port Elms warehouse on Sunday killed 12 workers.\n\n"
        "The owner of the warehouse, Dale Fenn, said the site had passed an inspection in May.\n"
    ),
    "herald.txt": (
        "Warehouse blaze\n\n"
        "Police said the fire at the Port Elms warehouse on Sunday killed workers.\n\n"
        "Dale Fenn, who owns the warehouse, said the site had passed an inspection in May.\n"
    ),
    "post.txt": (
        "Deadly fire in Port Elms\n\n"
        "Police said the fire at the Port Elms warehouse on Sunday killed 15 workers.\n\n"
        "Dale Fenn, the owner, said the site had failed an inspection in May.\n"
    ),
}

# Two outlets quote one letter: two passages each outlet quotes (worded apart),
# and one passage each outlet alone quotes, in a sentence that reads alike.
LETTER = {
    "ledger.txt": (
        "Chair writes to the board\n\n"
        'In her letter to the board, Brightmart chair Nora Vale said that "the fight for '
        'fair pay is as pressing as it has ever been," naming three areas for the work '
        "ahead: wages, training and hours.\n\n"
        '"Brightmart will not accept pay gaps of any kind, in any shop or warehouse we run," '
        "she wrote.\n\n"
        '"We think the time has come for an open debate on how shops should set wages for '
        'night work," Vale added.\n'
    ),
    "gazette.txt": (
        "Brightmart's chair on pay\n\n"
        "In an open letter to the board, chair Nora Vale set out a wish \u201cto work with "
        "the board on fair pay, starting with three areas: wages, training and hours.\u201d\n\n"
        "\u201cBrightmart firmly will not accept pay gaps of any sort, in any shop or warehouse "
        "we run, or any practice at odds with our values,\u201d Vale wrote.\n\n"
        "\u201cWe think the time has come to begin an open debate on whether and how shops "
        "should set wages for night work,\u201d said Vale.\n"
    ),
}


def write(folder: Path, files: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def partition(store: Store) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for listed in store.list_claims():
        claim = listed.claim
        if claim.group_id is not None:
            groups.setdefault(claim.group_id, set()).add(claim.text)
    return {frozenset(g) for g in groups.values() if len(g) > 1}


def flags(store: Store) -> set[tuple[str, str, str]]:
    texts = {c.claim.id: c.claim.text for c in store.list_claims()}
    return {(f.kind.value, texts[f.claim_a], texts[f.claim_b]) for f in store.all_flags()}


def test_a_claim_joins_a_group_only_when_it_agrees_with_every_member(tmp_path: Path) -> None:
    with Store(tmp_path / "fire.db") as store:
        ingest(store, write(tmp_path / "fire", FIRE))
        match(store)
        for group in partition(store):
            assert not ({t for t in group if "12 workers" in t} and {t for t in group if "15" in t})
        conflicts = [f for f in store.all_flags() if f.kind is FlagKind.NUMBER_CONFLICT]
        assert [f.numbers for f in conflicts] == ["12 vs 15 workers"]
        assert {conflicts[0].a, conflicts[0].b} == {
            "12 workers",
            "15 workers",
        }
        # "passed" and "failed" an inspection are two facts, not one
        passed = {t for g in partition(store) for t in g if "inspection" in t}
        assert passed and not any("failed" in t for t in passed)


def test_incremental_matching_gives_the_groups_of_a_rebuild(tmp_path: Path) -> None:
    files = write(tmp_path / "fire", FIRE) + write(tmp_path / "letter", LETTER)
    samples = Path(__file__).resolve().parents[2] / "samples"
    files += sorted(samples.iterdir())
    for order, paths in (("forward", files), ("backward", files[::-1])):
        with Store(tmp_path / f"{order}.db") as store:
            for path in paths:
                ingest(store, [path])
                match(store)
            step_groups, step_flags = partition(store), flags(store)
            assert step_groups and step_flags
            match(store, rebuild=True)
            assert partition(store) == step_groups
            assert flags(store) == step_flags


def test_versions_of_one_passage_drift_and_other_passages_stay_apart(tmp_path: Path) -> None:
    with Store(tmp_path / "letter.db") as store:
        # every sentence a claim: this is about matching quotes, not which are worth checking
        ingest(store, write(tmp_path / "letter", LETTER), min_score=0)
        match(store)
        groups = partition(store)
        assert len(groups) == 2
        assert all(len(g) == 2 for g in groups)
        assert not any("fight for fair pay" in t for g in groups for t in g)
        drift = [f for f in flags(store) if f[0] == "quote_drift"]
        assert len(drift) == 2 and len(flags(store)) == 2
        assert {"pay gaps" in f[1] or "open debate" in f[1] for f in drift} == {True}


def test_a_quote_cut_short_is_a_truncation_not_drift(tmp_path: Path) -> None:
    files = {
        "one.txt": (
            "Mayor's promise\n\n"
            '"We will rebuild every school in the valley before winter, and we will do it '
            'without raising taxes," said Mayor Ilse Brandt.\n'
        ),
        "two.txt": (
            "Schools to be rebuilt\n\n"
            'Mayor Ilse Brandt said: "We will rebuild every school in the valley before winter.\n\n'
            '"The council will find the money for it," she told the meeting.\n'
        ),
    }
    with Store(tmp_path / "cut.db") as store:
        ingest(store, write(tmp_path / "cut", files))
        match(store)
        found = store.all_flags()
        assert [f.kind for f in found] == [FlagKind.QUOTE_TRUNCATED]
        assert found[0].cut is not None
        cut = store.get_claim(found[0].cut)
        (row,) = store.db.query("SELECT * FROM flags")
        assert found[0].as_record() == {**row, "detail": json.loads(row["detail"])}
        assert "winter, and we will" not in cut.text


def test_matching_from_older_rules_is_redone(tmp_path: Path) -> None:
    with Store(tmp_path / "old.db") as store:
        ingest(store, write(tmp_path / "fire", FIRE))
        match(store)
        groups = partition(store)
        # as a database matched by an older workbench: one group for all, no rules version
        ids = [c.claim.id or 0 for c in store.list_claims()]
        store.db.execute("DELETE FROM settings WHERE key = 'matching.rules'")
        store.db.execute("DELETE FROM flags")
        store.db.conn.executemany(
            "UPDATE claims SET group_id = ? WHERE id = ?", [(min(ids), i) for i in ids]
        )
        assert store.matching_pending()
        match(store)
        assert not store.matching_pending()
        assert partition(store) == groups
        assert any(f.kind is FlagKind.NUMBER_CONFLICT for f in store.all_flags())


def test_related_claims_and_conflicts_are_shown_with_their_sources(tmp_path: Path) -> None:
    from workbench.core.matching.views import group_views, related_of

    with Store(tmp_path / "fire.db") as store:
        ingest(store, write(tmp_path / "fire", FIRE))
        match(store)
        failed = next(
            c.claim for c in store.list_claims() if "failed an inspection" in c.claim.text
        )
        near = related_of(store, [failed])[failed.id or 0]
        assert [r.reason for r in near] == ["one negates the other"] * 2
        assert {r.document_source for r in near} == {"courier", "herald"}
        views = group_views(store, flagged=True)
        conflict_groups = [
            v for v in views if any(f.kind is FlagKind.NUMBER_CONFLICT for f in v.flags)
        ]
        assert len(conflict_groups) == 2  # listed under the group of each of its claims
        flag = conflict_groups[0].flags[0]
        assert {flag.source_a, flag.source_b} == {"courier", "post"}
