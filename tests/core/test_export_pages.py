"""Reports read a page of claims at a time, with all that a page shows in a few statements.

What a page costs must not depend on how many claims the database holds: a
statement per claim (its group, its documents, its fact-checks) made a million
claims' Markdown report take minutes. These tests count statements, never time.
"""

from __future__ import annotations

import difflib
import io
import random
import re
from pathlib import Path

import pytest

from workbench.core.export import WRITERS, ExportOptions
from workbench.core.export.common import desk_review
from workbench.core.export.markdown import md
from workbench.core.factchecks.views import CheckedBeforeFinder
from workbench.core.matching.diff import word_diff
from workbench.core.matching.views import DocumentNames, VersionFinder
from workbench.core.models import Action, Claim, ClaimFilter, Status, Verdict
from workbench.core.store import ReviewedClaim, Store, export as store_export
from workbench.core.store.export import PAGE

VERDICTS = ("supported", "disputed", "mixed", "unverifiable")
SENTENCES = (
    "The council spent {n} million on new buses in 2024, its auditors said.",
    "Council auditors said {n} million was spent on new buses in 2024.",
    "In 2024 the council spent {n} million pounds on buses.",
)


def _fill(store: Store, documents: int, per_document: int = 10) -> None:
    """Documents of claims, every claim reviewed; claims at the same place in four
    documents share a group, a claim in three has a citation, one in seven a
    fact-check, and pairs of neighbouring documents are copies."""
    conn = store.db.conn
    rng = random.Random(documents)
    claim_id = 0
    with store.transaction():
        conn.execute(
            "INSERT INTO factchecks (id, url, claim, rating, publisher, date)"
            " VALUES (1, 'https://fc.example/1', 'buses cost more', 'False', 'FC', '2026-01-01')"
        )
        for doc in range(1, documents + 1):
            conn.execute(
                "INSERT INTO documents (id, title, source, path, published, format, original_text,"
                " clean_text, content_hash, ingested_at) VALUES (?, ?, ?, ?, '2026-01-02', 'text',"
                " 'x', 'x', ?, '2026-01-02T00:00:00+00:00')",
                [doc, f"Report {doc}", f"outlet-{doc % 7}", f"a{doc}.txt", f"h{doc}"],
            )
            if doc % 2 == 0:
                conn.execute(
                    "INSERT INTO copies (doc_a, doc_b, score, shared) VALUES (?, ?, 0.9, 3)",
                    [doc - 1, doc],
                )
            for index in range(per_document):
                claim_id += 1
                text = rng.choice(SENTENCES).format(n=(doc // 4) * 10 + index)
                group = (doc - 1) // 4 * per_document + index + 1 if index % 2 == 0 else None
                verdict = VERDICTS[claim_id % 4]
                conn.execute(
                    'INSERT INTO claims (id, document_id, text, kind, score, start, "end",'
                    " sentence_index, paragraph_index, numbers, status, reasons, stale, group_id)"
                    " VALUES (?, ?, ?, 'statistic', ?, ?, ?, ?, 0, '[]', ?, '[]', 0, ?)",
                    [
                        claim_id,
                        doc,
                        text,
                        round(rng.random(), 2),
                        index * 100,
                        index * 100 + len(text),
                        index,
                        verdict,
                        group,
                    ],
                )
                conn.execute(
                    "INSERT INTO verdicts (claim_id, verdict, reviewer, note, created_at, action)"
                    " VALUES (?, ?, ?, 'checked', '2026-01-03T00:00:00+00:00', 'mark')",
                    [claim_id, verdict, ("ann", "bob")[claim_id % 2]],
                )
                if claim_id % 3 == 0:
                    conn.execute(
                        "INSERT INTO citations (claim_id, source, source_kind, quote, created_at,"
                        " deleted) VALUES (?, 'https://ex.example/a', 'url', 'spent',"
                        " '2026-01-03T00:00:00+00:00', 0)",
                        [claim_id],
                    )
                if claim_id % 7 == 0:
                    conn.execute(
                        "INSERT INTO factcheck_matches (claim_id, factcheck_id, score)"
                        " VALUES (?, 1, 0.8)",
                        [claim_id],
                    )


def _statements(store: Store, fmt: str, options: ExportOptions) -> tuple[int, int]:
    """Statements one export runs, and the claims it writes."""
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    try:
        written = WRITERS[fmt](store, options, io.StringIO(newline=""))
    finally:
        store.db.conn.set_trace_callback(None)
    return len(seen), written


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_statements_per_page_do_not_grow_with_the_claims(tmp_path: Path, fmt: str) -> None:
    """Four times the claims: only a few statements more for each page more, none per claim."""
    options = ExportOptions(generated="2026-01-04")
    figures = []
    for documents in (40, 160):  # 400 and 1,600 claims
        with Store(tmp_path / f"{documents}.db") as store:
            _fill(store, documents)
            statements, written = _statements(store, fmt, options)
            assert written == documents * 10
            figures.append((statements, written))
    (small, claims_small), (large, claims_large) = figures
    # Markdown and HTML read each verdict's claims in a section of their own: a page
    # may end in each of the four, so up to four pages more than the claims fill.
    pages = -(-(claims_large - claims_small) // PAGE) + 4
    documents_more = 120  # the JSON export reads each document's text, once
    per_page = 6  # claims, verdicts, citations, groups, fact-checks, and one to spare
    allowed = per_page * pages + (documents_more if fmt == "json" else 0)
    assert large - small <= allowed, (small, large)


def test_a_page_holds_only_its_own_groups(tmp_path: Path) -> None:
    with Store(tmp_path / "groups.db") as store:
        _fill(store, 12)
        pages = list(store.iter_reviewed_pages(ClaimFilter(), batch=40))
        finder = VersionFinder(store)
        finder.load(r.claim for r in pages[0])
        first = {r.claim.group_id for r in pages[0]} - {None}
        finder.load(r.claim for r in pages[-1])
        last = {r.claim.group_id for r in pages[-1]} - {None}
        held = set(finder._groups)
        assert held == last and not (first - last) & held
        # What a loaded page answers is what a claim read alone answers.
        alone = VersionFinder(store)
        for reviewed in pages[-1]:
            assert finder.of(reviewed.claim) == alone.of(reviewed.claim)


def test_fact_checks_of_a_page_are_those_of_each_claim(tmp_path: Path) -> None:
    with Store(tmp_path / "checked.db") as store:
        _fill(store, 8)
        claims = [r.claim for r in store.iter_reviewed(ClaimFilter())]
        paged, alone = CheckedBeforeFinder(store), CheckedBeforeFinder(store)
        paged.load(claims[:30])
        found = [paged.of(c) for c in claims[:30]]
        assert found == [alone.of(c) for c in claims[:30]]
        assert sum(1 for f in found if f) == sum(1 for c in claims[:30] if (c.id or 0) % 7 == 0)


def test_no_fact_check_match_means_no_look_up(tmp_path: Path) -> None:
    with Store(tmp_path / "none.db") as store:
        _fill(store, 4)
        store.db.execute("DELETE FROM factcheck_matches")
        finder = CheckedBeforeFinder(store)
        seen: list[str] = []
        store.db.conn.set_trace_callback(seen.append)
        claims = [r.claim for r in store.iter_reviewed(ClaimFilter())]
        seen.clear()
        finder.load(claims)
        assert all(finder.of(c) == [] for c in claims)
        store.db.conn.set_trace_callback(None)
        assert seen == []


@pytest.mark.parametrize(
    ("where", "reviewer"),
    [
        (ClaimFilter(), None),
        (ClaimFilter(statuses=(Status.DISPUTED, Status.MIXED)), None),
        (ClaimFilter(document_ids=(2, 3)), None),
        (ClaimFilter(), "ann"),
    ],
)
def test_reviewers_counted_in_one_pass_as_claim_by_claim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: ClaimFilter, reviewer: str | None
) -> None:
    with Store(tmp_path / "reviewers.db") as store:
        _fill(store, 8)
        # a later verdict by someone else, and a claim whose latest row names no one
        store.mark(5, Status.SUPPORTED, "cy")
        store.db.execute(
            "INSERT INTO verdicts (claim_id, verdict, reviewer, created_at, action)"
            " VALUES (6, 'mixed', NULL, '2026-01-05T00:00:00+00:00', 'mark')"
        )
        by_claim = store.reviewers_for_export(where, reviewer=reviewer)
        monkeypatch.setattr(store_export, "ONE_PASS", 0)
        assert store.reviewers_for_export(where, reviewer=reviewer) == by_claim
        assert by_claim  # the filters above all keep claims


def _old_word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """word_diff as it was before its shortcuts: the matcher on every pair."""

    def key(word: str) -> str:
        return re.sub(r"[^\w%£$€]", "", word.lower())

    a, b = re.findall(r"\S+", old), re.findall(r"\S+", new)
    matcher = difflib.SequenceMatcher(
        None, [key(w) for w in a], [key(w) for w in b], autojunk=False
    )
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("same", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            runs.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("added", " ".join(b[j1:j2])))
    return runs


def test_word_diff_shortcuts_change_no_diff() -> None:
    rng = random.Random(7)
    letters = [*"abAB1_%£$€,.-'ß²½é", "İ", "\u0307", "ﬁ", "  "]

    def words() -> str:
        return " ".join(
            "".join(rng.choice(letters) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(0, 6))
        )

    for _ in range(3000):
        old = words()
        new = old if rng.random() < 0.3 else words()
        if rng.random() < 0.3:
            new = new.upper()
        assert word_diff(old, new) == _old_word_diff(old, new), (old, new)


def test_markdown_escapes_every_special_character() -> None:
    assert md("a*b_c [x] <y> #z |!\\`{}") == r"a\*b\_c \[x\] \<y\> \#z \|\!\\\`\{\}"
    assert md("  plain\n words\t") == "plain words"


def _verdict(row: int, action: Action, reviewer: str, status: Status) -> Verdict:
    return Verdict(row, 1, status, reviewer, "why", "2026-01-06T00:00:00+00:00", action)


def test_a_lone_adjudication_is_shown_and_a_lone_verdict_is_no_desk() -> None:
    claim = Claim(1, 1, "A claim.", "statistic", 0.5, 0, 8)
    lone = ReviewedClaim(claim, [_verdict(1, Action.MARK, "ann", Status.DISPUTED)], [])
    assert desk_review(lone) == ((), None)
    judged = ReviewedClaim(claim, [_verdict(2, Action.ADJUDICATE, "ed", Status.MIXED)], [])
    verdicts, final = desk_review(judged)
    assert verdicts == () and final is not None and final.adjudicator == "ed"


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("by", ["verdict", "document"])
def test_reports_are_the_same_when_few_documents_are_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, by: str
) -> None:
    """Documents read a page at a time, and dropped when too many are held, change nothing."""
    with Store(tmp_path / "held.db") as store:
        _fill(store, 24)
        options = ExportOptions(generated="2026-01-04", by=by)
        whole = io.StringIO(newline="")
        WRITERS[fmt](store, options, whole)
        monkeypatch.setattr(DocumentNames, "HELD", 3)
        few = io.StringIO(newline="")
        WRITERS[fmt](store, options, few)
        assert few.getvalue() == whole.getvalue()


def test_claimreview_text_is_json_text_of_each_review() -> None:
    """ClaimReview writes a review's shared parts (rating, works, author) encoded once:
    the characters are those json_text gives the whole review, escapes included."""
    from workbench.core.export.claimreview import _Shared
    from workbench.core.models import DocumentMeta
    from workbench.core.scale import OURS
    from workbench.core.text.safe import json_text

    shared = _Shared(ExportOptions(organisation="Desk \u202e’s", generated="x"), OURS)
    doc = DocumentMeta(
        id=3,
        title="Title with \u2028 and “quotes” \x85",
        source="Outlet",
        path="https://news.example/a",
        published="2026-01-02",
        format="html",
        content_hash="h",
        ingested_at="2026-01-03T00:00:00+00:00",
        authors=("Ann \u200fLee", "Bo"),
    )
    rating = shared.rating(Status.SUPPORTED)
    for _ in range(2):  # the second time from the cache
        review = {
            "@context": "https://schema.org",
            "claimReviewed": "It rose 5% \u2066 in 2024",
            "score": 0.5,
            "flag": True,
            "none": None,
            "author": shared.author,
            "reviewRating": rating,
            "itemReviewed": {"appearance": [shared.work(doc), shared.work(doc)]},
        }
        assert shared.text(review) == json_text(review)
