"""Matching across sources: groups, drift, conflicts, copies, group verdicts, evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.core.ingest import ingest
from workbench.core.matching.copies import independent_sources
from workbench.core.matching.diff import diff_text, word_diff
from workbench.core.matching.evidence import locate, suggest, verify
from workbench.core.matching.features import features
from workbench.core.matching.pairs import compare
from workbench.core.matching.run import match
from workbench.core.models import Citation, Claim, FlagKind, SourceKind, Status
from workbench.core.store import Store
from workbench.core.text.claims import assess


def claim(text: str, claim_id: int, document_id: int) -> Claim:
    found = assess(text)
    return Claim(
        claim_id,
        document_id,
        text,
        found.kind,
        found.score,
        0,
        len(text),
        numbers=found.numbers,
        speaker=found.speaker,
        quote=found.quote,
    )


def kind_of(a: str, b: str) -> str:
    return compare(features(claim(a, 1, 1)), features(claim(b, 2, 2))).kind


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # synonym spinner
        (
            "The company maintains more than 1,200 kilometres of pipe across the county.",
            "The corporate maintains greater than 1,200 kilometres of pipe throughout the county.",
        ),
        # retranslation
        (
            "A 2025 audit by the Kellmoor Institute found that 23% of the water is lost to leaks.",
            "According to an audit of the year 2025 of the Kellmoor Institute, 23% of the water "
            "is lost in leaks.",
        ),
        # reordered clauses
        (
            "In March 2024, the regulator fined Ashford Water £3.5 million for missing targets.",
            "Ashford Water was fined £3.5 million by the regulator in March 2024 for missing targets.",
        ),
        # punctuation and entities changed
        (
            '"We will not sell your data," said Dana Voss, chief executive of Brightline.',
            "“We will not sell your data”, said Dana Voss, chief executive of Brightline.",
        ),
    ],
)
def test_paraphrases_group(a: str, b: str) -> None:
    assert kind_of(a, b) == "same"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # same words, different number (a different fact, not the same claim)
        (
            "Ring has partnered with more than 400 police forces across the country.",
            "The Met police scanned more than 5,000 people against its watch list.",
        ),
        # same template, different subject
        (
            "A 2019 study by MIT found that none of the tools were accurate for dark skin.",
            "A 2019 study by NIST found that none of the tools were accurate for Asian faces.",
        ),
        (
            "The council in Ashby spent £120 million on repairs in 2019.",
            "The council in Dunmore spent £95 million on repairs in 2021.",
        ),
    ],
)
def test_near_misses_stay_apart(a: str, b: str) -> None:
    assert kind_of(a, b) != "same"


def test_a_differing_amount_of_the_same_thing_is_a_conflict() -> None:
    a = "The company maintains more than 1,200 kilometres of pipe and serves 410,000 homes."
    b = "The company manages more than 1,100 kilometres of pipe and serves 410,000 homes."
    verdict = compare(features(claim(a, 1, 1)), features(claim(b, 2, 2)))
    assert verdict.kind == "conflict" and verdict.detail == "1200 vs 1100 kilometres"


def test_word_diff() -> None:
    runs = word_diff("IBM strongly opposes the use", "IBM firmly opposes the use, again")
    assert runs == [
        ("same", "IBM"),
        ("removed", "strongly"),
        ("added", "firmly"),
        ("same", "opposes the use,"),
        ("added", "again"),
    ]
    assert diff_text("a b c", "a x c") == "a [-b-] {+x+} c"


@pytest.fixture
def matched(sample_store: Store) -> Store:
    match(sample_store)
    return sample_store


def _claim_with(store: Store, words: str) -> Claim:
    return next(c.claim for c in store.list_claims(order="source") if words in c.claim.text)


def test_sample_groups_drift_conflict_and_copy(matched: Store) -> None:
    audit = _claim_with(matched, "2025 audit by the Kellmoor")
    members = matched.group_members(audit.group_id)  # type: ignore[arg-type]
    assert len({m.document_id for m in members}) == 4
    flags = matched.all_flags()
    drift = [f for f in flags if f.kind is FlagKind.QUOTE_DRIFT]
    assert drift and all(f.speaker == "Miriam Okafor" for f in drift)
    conflicts = [f for f in flags if f.kind is FlagKind.NUMBER_CONFLICT]
    assert conflicts and all(f.numbers == "1200 vs 1100 kilometres" for f in conflicts)
    documents = {d.source: d.id for d in matched.document_meta()}
    copies = {(a, b) for a, b, _score, _shared in matched.copies()}
    assert (documents["Ashford Courier"], documents["NewsFlow Daily"]) in copies
    sources = independent_sources(matched, [audit.group_id])  # type: ignore[list-item]
    assert sources[audit.group_id] == (3, 4)  # type: ignore[index]


def test_incremental_matching_equals_matching_from_scratch(tmp_path: Path) -> None:
    samples = Path(__file__).resolve().parents[2] / "samples"
    files = sorted(samples.iterdir())
    with Store(tmp_path / "step.db") as step:
        for path in files:
            ingest(step, [path])
            match(step)
        incremental = {c.claim.text: c.claim.group_id for c in step.list_claims()}
        step_flags = len(step.all_flags())
        match(step, rebuild=True)
        scratch = {c.claim.text: c.claim.group_id for c in step.list_claims()}
        assert incremental == scratch
        assert len(step.all_flags()) == step_flags


def test_group_verdict_carries_over_and_undoes_at_once(matched: Store) -> None:
    audit = _claim_with(matched, "2025 audit by the Kellmoor")
    rows = matched.mark_group(audit.id, Status.SUPPORTED, "ann")  # type: ignore[arg-type]
    members = matched.group_members(audit.group_id)  # type: ignore[arg-type]
    assert len(rows) == len(members) == 4
    assert all(m.status is Status.SUPPORTED for m in members)
    carried = [r for r in rows if r.claim_id != audit.id]
    assert all(r.carried_from == audit.id for r in carried)
    assert matched.undo("ann") == (audit.id, "group verdict on 4 claims")
    assert all(m.status is Status.UNREVIEWED for m in matched.group_members(audit.group_id))  # type: ignore[arg-type]


def test_citation_quote_found_despite_small_changes_and_not_when_absent(matched: Store) -> None:
    audit = _claim_with(matched, "2025 audit by the Kellmoor")
    docs = {d.source: d.id for d in matched.document_meta()}
    source = f"doc:{docs['The Valley Times']}"
    assert audit.id is not None
    near = matched.add_citation(
        Citation(
            None,
            audit.id,
            source,
            SourceKind.DOCUMENT,
            quote="23 % of treated water never reaches a customers tap",
        )
    )
    absent = matched.add_citation(
        Citation(
            None,
            audit.id,
            source,
            SourceKind.DOCUMENT,
            quote="the reservoir was drained twice in one summer",
        )
    )
    found = verify(matched, near)
    missing = verify(matched, absent)
    assert found is not None and found.score >= 85
    assert missing is not None and missing.score < 85
    text = matched.get_document(docs["The Valley Times"]).clean_text
    assert "23% of treated water" in text[found.start : found.end]
    saved = {c.id: c for c in matched.citations(audit.id)}
    assert saved[near.id].quote_found is True and saved[absent.id].quote_found is False
    assert locate("", text).score == 0


def test_evidence_suggestions_come_from_other_documents(matched: Store) -> None:
    fine = _claim_with(matched, "regulator fined Ashford Water £3.5 million")
    found = suggest(matched, fine)
    assert found and all(s.document_id != fine.document_id for s in found)
    assert any("3.5" in s.text for s in found)
    doc = matched.get_document(found[0].document_id)
    assert doc.clean_text[found[0].start : found[0].end] == found[0].text


def test_flags_are_typed_and_keep_their_json_shape(matched: Store) -> None:
    """A flag reads its stored detail into fields and gives the same record back."""
    rows = list(matched.db.query("SELECT * FROM flags ORDER BY group_id, id"))
    flags = matched.all_flags()
    # no sample quote is cut short: test_matching_groups reads a truncation back
    assert {f.kind for f in flags} == set(FlagKind) - {FlagKind.QUOTE_TRUNCATED}
    for row, flag in zip(rows, flags, strict=True):
        assert flag.as_record() == {**row, "detail": json.loads(row["detail"])}
