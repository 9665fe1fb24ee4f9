"""Hostile text stays inert: sanitised on the way in, guarded on the way out."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from workbench.cli import main
from workbench.core.export import ExportOptions, export
from workbench.core.export.bundle import import_bundle, read_bundle
from workbench.core.ingest import ingest
from workbench.core.models import Citation, SourceKind, Stance, Status
from workbench.core.store import Store
from workbench.core.text.safe import Sanitised, csv_cell, json_text, sanitise, sanitise_line

# What must never reach a terminal or a spreadsheet raw.
ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
FORMULA = ("=", "+", "-", "@", "\t", "\r")

CLEAR = "\x1b[2J"
TITLE = "\x1b]0;owned\x07"
RLO = "\u202e"

HOSTILE_HTML = f"""<!doctype html>
<html><head>
<title>Rents {TITLE}rise{RLO} again</title>
<meta property="og:site_name" content="Daily{CLEAR}{TITLE} Post\x9b31m">
<meta property="article:published_time" content="2024-03-01T08:00:00Z">
</head><body>
<p>=HYPERLINK("http://evil.example","x") The council said 40% of the roads were shut in 2023.</p>
<p>+cmd|' /C calc'!A0 The mayor said rents rose by 12% in 2023, up from 9% a year before.</p>
<p>@SUM(1+1) The agency reported 300 new homes in 2022{CLEAR}, up from 250 in 2021.</p>
<p> -2+3 An audit found that 25% of the bridges {RLO}failed{TITLE} their inspection in 2022.</p>
</body></html>
"""


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_inert(text: str) -> None:
    assert not ACTIVE.search(text), repr(ACTIVE.search(text))
    for cell in _cells(text):
        assert not cell.lstrip().startswith(FORMULA), cell


@pytest.mark.parametrize(
    ("hostile", "clean"),
    [
        (f"a{CLEAR}b", "ab"),
        (f"a{TITLE}b", "ab"),
        ("a\x1b]2;title\x1b\\b", "ab"),
        ("nul\x00 del\x7f c1\x85\x9b", "nul del c1"),
        (f"bidi{RLO}\u202a\u2066\u2069 end", "bidi end"),
        ("keeps\nlines\tand tabs", "keeps\nlines\tand tabs"),
        ("Café — “quoted” 中文", "Café — “quoted” 中文"),
    ],
)
def test_sanitise_removes_what_a_terminal_would_act_on(hostile: str, clean: str) -> None:
    assert sanitise(hostile) == clean
    assert sanitise(sanitise(hostile)) == clean


def test_a_one_line_field_loses_its_line_breaks() -> None:
    assert sanitise_line(f" Daily\n{CLEAR}Post\t ") == "Daily Post"


def test_positions_map_through_the_deletions() -> None:
    text = f"ab{CLEAR}cd{RLO}ef"
    mapped = Sanitised.of(text)
    assert mapped.text == "abcdef"
    old = text.index("cd")
    assert mapped.position(old) == 2
    assert mapped.position(text.index("ef")) == 4
    assert mapped.position(len(text)) == 6
    assert mapped.position(text.index("[2J")) == 2  # inside a deleted run: where it was


hostile_text = st.lists(
    st.one_of(
        st.text(max_size=4),
        st.sampled_from([CLEAR, TITLE, RLO, "\x1b", "\x1b[", "\x9b", "\x00", "\n", "\t", "é"]),
    ),
    max_size=20,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_sanitised_text_is_inert_and_every_kept_character_maps_to_itself(text: str) -> None:
    mapped = Sanitised.of(text)
    assert mapped.text == sanitise(text) == sanitise(mapped.text)
    assert not ACTIVE.search(mapped.text.replace("\n", " ").replace("\t", " "))
    assert mapped.position(0) == 0 and mapped.position(len(text)) == len(mapped.text)
    kept = [mapped.position(i) for i in range(len(text) + 1)]
    assert kept == sorted(kept)  # positions keep their order
    for i, char in enumerate(text):
        if mapped.position(i + 1) == mapped.position(i) + 1:  # this character was kept
            assert mapped.text[mapped.position(i)] == char


def test_the_csv_formula_guard() -> None:
    for live in ("=1+1", "+cmd|x", "-2", "@SUM(A1)", "\tx", "  =1", "\n@x", "\r=1"):
        assert csv_cell(live).startswith("'"), live
    assert csv_cell("\rx") == "x"  # a carriage return is a control: gone
    assert csv_cell("plain") == "plain"
    assert csv_cell(f"a{CLEAR}") == "a"
    assert csv_cell(3) == 3


def test_json_text_escapes_what_json_leaves_raw() -> None:
    dumped = json_text({"a": f"x\x85{RLO}\x1b é"})
    assert not ACTIVE.search(dumped)
    assert json.loads(dumped) == {"a": f"x\x85{RLO}\x1b é"}


def test_a_note_with_controls_is_stored_clean(sample_store: Store) -> None:
    claim_id = sample_store.list_claims()[0].claim.id
    assert claim_id is not None
    reviewer = f"zed{TITLE}\n"
    row = sample_store.mark(
        claim_id, Status.DISPUTED, reviewer, note=f"the audit{CLEAR} says 350{RLO}\nsee p. 4"
    )
    assert (row.reviewer, row.note) == ("zed", "the audit says 350\nsee p. 4")
    sample_store.set_note(claim_id, f"=cmd{TITLE}\x00", reviewer)
    citation = sample_store.add_citation(
        Citation(
            id=None,
            claim_id=claim_id,
            source=f"https://example.org/{CLEAR}audit",
            source_kind=SourceKind.URL,
            quote=f"350{RLO} forces",
            locator=f"p.{TITLE} 4",
            stance=Stance.REFUTES,
            note="\x9b2Jnote",
            reviewer=reviewer,
        )
    )
    sample_store.update_citation(attrs.evolve(citation, quote=f"three{CLEAR} hundred"), reviewer)
    history = sample_store.history(claim_id)
    assert [v.reviewer for v in history[-2:]] == ["zed", "zed"]
    assert history[-1].note == "=cmd"
    (stored,) = sample_store.citations(claim_id)
    assert (stored.source, stored.quote, stored.locator, stored.note, stored.reviewer) == (
        "https://example.org/audit",
        "three hundred",
        "p. 4",
        "2Jnote",
        "zed",
    )
    assert sample_store.undo(reviewer) is not None  # the clean name finds its own actions


def test_hostile_article_never_reaches_a_terminal_or_spreadsheet(tmp_path: Path) -> None:
    article = tmp_path / "hostile.html"
    article.write_text(HOSTILE_HTML, encoding="utf-8")
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(article)])
    assert ingested.exit_code == 0, ingested.output
    with Store(tmp_path / "test.db") as store:
        (doc,) = store.documents()
        assert (doc.title, doc.source) == ("Rents rise again", "Daily Post31m")
        listed = store.list_claims()
        assert listed, "the hostile article should still give claims"
        first = listed[0].claim.id
    marked = runner.invoke(
        main,
        [
            "mark",
            str(first),
            "disputed",
            "--reviewer",
            f"eve{TITLE}",
            "--note",
            f'=HYPERLINK("http://evil.example"){CLEAR}',
            "--cite",
            f"+cmd|' /C calc'!A0{TITLE}",
            "--quote",
            f"@SUM(1+1){RLO}",
        ],
    )
    assert marked.exit_code == 0, marked.output
    claims_csv = runner.invoke(main, ["claims", "--format", "csv"])
    assert claims_csv.exit_code == 0, claims_csv.output
    assert "HYPERLINK" in claims_csv.stdout or "+cmd" in claims_csv.stdout
    _assert_inert(claims_csv.stdout)
    exported = runner.invoke(main, ["export", "--format", "csv", "--include-unreviewed"])
    assert exported.exit_code == 0, exported.output
    assert "Daily Post" in exported.stdout and "HYPERLINK" in exported.stdout
    _assert_inert(exported.stdout)
    for fmt in ("markdown", "json", "claimreview"):
        other = runner.invoke(main, ["export", "--format", fmt])
        assert other.exit_code == 0, other.output
        assert not ACTIVE.search(other.stdout.replace("\n", " ")), fmt


def test_an_imported_bundle_is_sanitised_and_its_spans_still_point(
    sample_store: Store, tmp_path: Path
) -> None:
    claim = sample_store.list_claims()[0].claim
    assert claim.id is not None
    sample_store.mark(claim.id, Status.SUPPORTED, "ann", note="fine")
    exported = tmp_path / "bundle.json"
    export(sample_store, "json", ExportOptions(generated="x"), exported)
    data = read_bundle(exported)
    record = data["claims"][0]
    (document,) = [d for d in data["documents"] if d["id"] == record["document_id"]]
    # Make the bundle hostile: controls in the document before the claim and inside it.
    text = document["clean_text"]
    start, end = record["start"], record["end"]
    cut = start + 3
    document["clean_text"] = (
        f"{CLEAR}{text[:start]}{RLO}{text[start:cut]}{TITLE}{text[cut:end]}{text[end:]}"
    )
    document["title"] = f"T{TITLE}itle"
    document["content_hash"] = "hostile"
    shift = len(CLEAR) + len(RLO)
    record.update(
        start=start + shift,
        end=end + shift + len(TITLE),
        text=f"{RLO}{text[start:cut]}{TITLE}{text[cut:end]}"[len(RLO) :],
    )
    for number in record["numbers"]:
        if number["start"] >= cut - start:
            number["start"] += len(TITLE)
            number["end"] += len(TITLE)
    record["history"][0]["note"] = f"fine{CLEAR}"
    record["history"][0]["reviewer"] = f"ann{TITLE}"
    with Store(tmp_path / "target.db") as target:
        import_bundle(target, data)
        (imported,) = target.list_claims()
        stored = target.get_document(imported.claim.document_id or 0)
        assert stored.title == "Title"
        assert not ACTIVE.search(stored.clean_text.replace("\n", " "))
        assert imported.claim.text == claim.text
        assert imported.claim.span_in(stored.clean_text)
        assert [n.text for n in imported.claim.numbers] == [n.text for n in claim.numbers]
        for number in imported.claim.numbers:
            assert imported.claim.text[number.start : number.end] == number.text
        (verdict,) = target.history(imported.claim.id or 0)
        assert (verdict.reviewer, verdict.note) == ("ann", "fine")


def test_ingest_sanitises_metadata_and_text(store: Store, tmp_path: Path) -> None:
    article = tmp_path / f"notes{RLO}.md"
    article.write_text(
        f"---\ntitle: Budget{CLEAR} vote\nsource: The{TITLE} Herald\n---\n"
        f"The council spent £40 million{RLO} on roads in 2023, up 12% on 2022.\x85\n",
        encoding="utf-8",
    )
    report = ingest(store, [article])
    assert report.ok, report.outcomes
    (doc,) = store.documents()
    document = store.get_document(doc.id)
    for value in (document.title, document.source, document.path, document.clean_text):
        assert not ACTIVE.search(value.replace("\n", " ")), repr(value)
    assert (document.title, document.source) == ("Budget vote", "The Herald")
