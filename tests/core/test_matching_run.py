"""A matching run at the level of sentences: copies, links, reading claims, writing links."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from workbench.core.ingest import ingest
from workbench.core.matching.features import FactsReader, features
from workbench.core.matching.linkset import LinkSet
from workbench.core.matching.pairs import LinkKind, PairRelation, Reason, compare
from workbench.core.matching.run import match
from workbench.core.models import Claim
from workbench.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

# One wire sentence carried word for word by three outlets (twice by one of
# them), and a reworded version of it in a fourth.
WIRE = "The Harlow ferry service carried 41,200 passengers in August, the operator said."
REWORDED = "In August the Harlow ferry service carried 41,200 passengers, its operator said."
OUTLETS = {
    "one.txt": f"Ferry figures\n\n{WIRE}\n\nThe harbour was quiet on Sunday.\n",
    "two.txt": f"Harlow ferry\n\n{WIRE}\n\nTickets went on sale at the quay.\n",
    "three.txt": f"Busy month\n\n{WIRE}\n\nAs the operator put it again: {WIRE}\n",
    "four.txt": f"Ferry numbers\n\n{REWORDED}\n\nA new timetable starts in May.\n",
}


def ids(claims: list[Claim]) -> list[int]:
    found = [c.id for c in claims if c.id is not None]
    assert len(found) == len(claims)
    return found


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in OUTLETS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_every_copy_of_a_sentence_is_linked_to_every_copy_in_another_document(
    tmp_path: Path,
) -> None:
    """Copies are compared a sentence at a time, yet each pair of claims gets its link,
    and two copies in one document get none."""
    with Store(tmp_path / "wire.db") as store:
        ingest(store, [corpus(tmp_path)])
        match(store)
        claims = [c for c in store.claims_to_match() if "41,200" in c.text]
        links = {(a, b): kind for a, b, kind, _s, _d in store.links_of(ids(claims))}
        for one, two in itertools.combinations(claims, 2):
            assert one.id is not None and two.id is not None
            pair = (min(one.id, two.id), max(one.id, two.id))
            if one.document_id == two.document_id:
                assert pair not in links
            else:
                assert links.get(pair) == LinkKind.SAME, (one.text, two.text)
        # two claims of one document never share a group: two groups, one per copy there
        assert len({c.group_id for c in claims}) == 2
        assert len({(c.group_id, c.document_id) for c in claims}) == len(claims)


def test_each_stored_link_is_what_compare_says_of_its_two_claims(tmp_path: Path) -> None:
    """Scoring many pairs in one call gives the relation comparing them one by one gives."""
    with Store(tmp_path / "samples.db") as store:
        ingest(store, [SAMPLES])
        match(store)
        claims = {c.id: c for c in store.claims_to_match() if c.id is not None}
        links = store.links_of([i for i in claims if i is not None])
        assert links
        for a, b, kind, score, detail in links:
            relation = compare(features(claims[a]), features(claims[b]))
            assert (kind, score, detail) == (relation.kind.value, relation.score, relation.detail)


def test_the_reader_reads_a_stored_claim_as_its_record_reads(tmp_path: Path) -> None:
    """Features read from raw rows equal those of the Claim records; copies share Facts."""
    with Store(tmp_path / "wire.db") as store:
        ingest(store, [corpus(tmp_path)])
        claims = store.claims_to_match()
        read = FactsReader().features(store.match_rows(ids(claims)))
        for claim in claims:
            assert claim.id is not None
            ours, theirs = read[claim.id].facts, features(claim).facts
            for field in ("words", "key_set", "gist", "entities", "amounts", "dates", "quoted"):
                assert getattr(ours, field) == getattr(theirs, field), field
        wire = [read[i].facts for i, c in zip(ids(claims), claims, strict=True) if c.text == WIRE]
        assert len(wire) == 3 and all(facts is wire[0] for facts in wire)
        streamed = [row for rows in store.iter_match_rows(batch=2) for row in rows]
        assert streamed == store.match_rows(ids(claims))


def test_a_link_set_gives_its_links_back_by_claim_ids() -> None:
    links = LinkSet()
    same = links.relation(PairRelation(LinkKind.SAME, 91.0))
    conflict = links.relation(PairRelation(LinkKind.CONFLICT, 80.0, "5 vs 6 people"))
    related = links.relation(PairRelation(LinkKind.RELATED, 70.0, Reason.SIMILAR))
    assert links.relation(PairRelation(LinkKind.NONE, 0.0)) == -1
    assert links.relation(PairRelation(LinkKind.SAME, 91.0)) == same
    for a, b, relation in [(9, 12, same), (3, 40, conflict), (3, 7, related), (1, 2, same)]:
        links.add(a, b, relation)
    assert list(links) == [
        (1, 2, "same", 91.0, ""),
        (3, 7, "related", 70.0, "similar"),
        (3, 40, "conflict", 80.0, "5 vs 6 people"),
        (9, 12, "same", 91.0, ""),
    ]
    assert links.of_kind(LinkKind.SAME) == [(1, 2, "same", 91.0, ""), (9, 12, "same", 91.0, "")]
    assert links.of_kind(LinkKind.CONFLICT) == [(3, 40, "conflict", 80.0, "5 vs 6 people")]
    assert len(links) == 4
    assert list(LinkSet()) == [] and LinkSet().of_kind(LinkKind.SAME) == []


def test_saving_a_link_again_replaces_its_score_and_detail(tmp_path: Path) -> None:
    """Links are upserted (not INSERT OR REPLACE, slow inside a savepoint): a link saved
    again keeps one row, with the new score and detail."""
    with Store(tmp_path / "wire.db") as store:
        ingest(store, [corpus(tmp_path)])
        a, b = sorted(ids([c for c in store.claims_to_match() if c.text == WIRE]))[:2]
        with store.transaction():
            store.save_links({}, [(a, b, "related", 70.0, "similar")])
            store.save_links({}, [(a, b, "related", 75.0, "subject")])
        assert store.links_of([a]) == [(a, b, "related", 75.0, "subject")]


def test_flags_are_stored_with_the_detail_their_records_read_back(tmp_path: Path) -> None:
    """Flags cross into the store as Flag records; the detail JSON keeps its old keys."""
    folder = tmp_path / "fire"
    folder.mkdir()
    for name, toll in (("a.txt", 12), ("b.txt", 15)):
        (folder / name).write_text(
            f"Fire\n\nPolice said the fire at the Port Elms warehouse on Sunday killed {toll}"
            " workers.\n",
            encoding="utf-8",
        )
    with Store(tmp_path / "fire.db") as store:
        ingest(store, [folder])
        match(store)
        flags = store.all_flags()
        assert [f.kind.value for f in flags] == ["number_conflict"]
        row = store.db.execute("SELECT detail FROM flags").fetchone()
        detail = json.loads(row[0])
        assert detail["numbers"] == flags[0].numbers and "similarity" in detail
        assert {detail.get("a"), detail.get("b")} == {"12 workers", "15 workers"}
