"""Published fact-checks: every import format, bad rows, idempotence, matching."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from workbench.core.export import ExportOptions, export
from workbench.core.factchecks.finding import find_checked_before, search
from workbench.core.factchecks.importing import import_factchecks
from workbench.core.factchecks.reading import Problem, read_file
from workbench.core.factchecks.rerank import (
    FEATURES,
    Post,
    Sides,
    char_similarities,
    features,
    grams,
    model,
)
from workbench.core.factchecks.text import (
    clean,
    link_or_attachment,
    post_year,
    terms,
    without_credit,
)
from workbench.core.factchecks.views import stance_of
from workbench.core.ingest import ingest
from workbench.core.models import Stance, Status
from workbench.core.published import FactCheck
from workbench.core.store import Store
from workbench.core.store.migrations import SCHEMA_VERSION

FINED = "Ashford Water was fined £3.5 million by the regulator in 2024 over missed leak targets."


def review(url: str, claim: str, **extra: object) -> dict[str, object]:
    """A schema.org ClaimReview in the shape fact-checkers publish."""
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim,
        "datePublished": "2026-04-02T10:00:00Z",
        "author": {"@type": "Organization", "name": "Checkdesk"},
        "reviewRating": {"@type": "Rating", "ratingValue": 5, "alternateName": "True"},
        **extra,
    }


def read(path: Path) -> tuple[list[FactCheck], list[str]]:
    found, problems = [], []
    for item in read_file(path):
        if isinstance(item, Problem):
            problems.append(item.message)
        else:
            found.append(item)
    return found, problems


# -- formats -------------------------------------------------------------------------------


def test_one_claimreview_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(review("https://checks.example/fine", FINED, name="A fine?")))
    (fc,), problems = read(path)
    assert problems == []
    assert fc == FactCheck(
        url="https://checks.example/fine",
        claim=FINED,
        title="A fine?",
        rating="True",
        publisher="Checkdesk",
        date="2026-04-02",
    )


def test_a_list_of_claimreviews(tmp_path: Path) -> None:
    path = tmp_path / "list.jsonld"
    path.write_text(
        json.dumps([review(f"https://checks.example/{i}", f"Claim number {i}") for i in range(3)])
    )
    found, problems = read(path)
    assert [f.url for f in found] == [f"https://checks.example/{i}" for i in range(3)]
    assert problems == []


def test_the_json_ld_blocks_of_a_saved_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    breadcrumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList"}
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, review("u2", "B")]}
    page.write_text(
        "<html><head><title>Did it happen?</title>\n"
        f'<script type="application/ld+json">{json.dumps(breadcrumbs)}</script>\n'
        f"<script type='application/ld+json'>\n{json.dumps(review('u1', 'A'))}\n</script>\n"
        f'<script type="application/ld+json">{json.dumps(graph)}</script>\n'
        '<script type="text/javascript">var x = {"@type": "ClaimReview"};</script>'
        "</head><body><p>Our verdict.</p></body></html>"
    )
    found, problems = read(page)
    assert [(f.url, f.claim) for f in found] == [("u1", "A"), ("u2", "B")]
    assert problems == []  # the page's other blocks are not fact-checks, and no fault


def test_a_page_without_claimreview_is_one_line(tmp_path: Path) -> None:
    page = tmp_path / "blog.html"
    page.write_text('<script type="application/ld+json">{"@type": "Article"}</script>')
    assert read(page) == ([], [f"{page}: no ClaimReview in its JSON-LD"])


def test_a_data_feed(tmp_path: Path) -> None:
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [
            {"@type": "DataFeedItem", "item": [review("f1", "First"), review("f2", "Second")]},
            {"@type": "DataFeedItem", "item": review("f3", "Third")},
            {"@type": "DataFeedItem", "item": [{"@type": "Thing"}]},
        ],
    }
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed))
    found, problems = read(path)
    assert [f.url for f in found] == ["f1", "f2", "f3"]
    assert problems == [f"{path} feed item 3: not a ClaimReview"]


def test_a_csv_with_the_required_and_optional_columns(tmp_path: Path) -> None:
    path = tmp_path / "checks.csv"
    path.write_text(
        "Claim,URL,notes,rating\n"
        f'"{FINED}",https://checks.example/fine,ignored,Mostly true\n'
        "Shark seen in the high street,https://checks.example/shark,,False\n"
    )
    found, problems = read(path)
    assert problems == []
    assert [(f.url, f.rating, f.title, f.publisher) for f in found] == [
        ("https://checks.example/fine", "Mostly true", "", ""),
        ("https://checks.example/shark", "False", "", ""),
    ]


def test_our_own_claimreview_export_imports_back(sample_store: Store, tmp_path: Path) -> None:
    claim_id = sample_store.claim_ids()[0]
    sample_store.mark(claim_id, Status.DISPUTED, "ann", note="the figure is wrong")
    exported = tmp_path / "ours.jsonld"
    options = ExportOptions(url_base="https://desk.example/claims", organisation="Our desk")
    assert export(sample_store, "claimreview", options, exported) == 1
    with Store(tmp_path / "other.db") as other:
        report = import_factchecks(other, [exported])
        assert (report.added, report.problems) == (1, 0)
        (fc,) = other.indexed_factchecks([1]).values()
    assert fc.factcheck.url == f"https://desk.example/claims/{claim_id}"
    assert (fc.factcheck.rating, fc.factcheck.publisher) == ("Disputed", "Our desk")


def test_an_export_without_urls_names_each_object(sample_store: Store, tmp_path: Path) -> None:
    sample_store.mark(sample_store.claim_ids()[0], Status.SUPPORTED, "ann")
    exported = tmp_path / "ours.jsonld"
    export(sample_store, "claimreview", ExportOptions(), exported)
    found, problems = read(exported)
    assert found == []
    assert problems == [
        f"{exported} item 1: no url (a fact-check's address names it; "
        "export ClaimReview with --url-base)"
    ]


# -- bad rows, idempotence -------------------------------------------------------------------


def test_bad_rows_are_named_and_the_rest_go_in(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        "claim,url\n"
        "Good one,https://checks.example/1\n"
        "No address here,\n"
        ",https://checks.example/3\n"
        "Another good one,https://checks.example/4\n"
    )
    broken = tmp_path / "broken.json"
    broken.write_text("[{")
    lines: list[str] = []
    report = import_factchecks(
        store, [path, broken, tmp_path / "gone.csv"], on_problem=lines.append
    )
    assert (report.added, report.problems) == (2, 4)
    assert lines[0].startswith(f"{path} line 3: no url")
    assert lines[1] == f"{path} line 4: no claim (claimReviewed) for https://checks.example/3"
    assert lines[2].startswith(f"{broken}: not valid JSON")
    assert lines[3] == f"{tmp_path / 'gone.csv'}: no such file"


def test_a_csv_without_the_required_columns_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("text,link\nsomething,https://x.example\n")
    assert read(path)[1] == [
        f"{path}: the header has no 'claim' or 'url' column "
        "(claim and url are required; title, rating, publisher, date optional)"
    ]


def test_import_is_idempotent_by_url_and_updates_a_changed_one(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "checks.csv"
    path.write_text(f'claim,url,rating\n"{FINED}",https://checks.example/fine,True\n')
    assert import_factchecks(store, [path]).added == 1
    again = import_factchecks(store, [path])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    assert store.factcheck_count() == 1
    path.write_text(
        "claim,url,rating\nA shark swam down the flooded high street,"
        "https://checks.example/fine,False\n"
    )
    changed = import_factchecks(store, [path])
    assert (changed.added, changed.updated) == (0, 1)
    assert store.factcheck_count() == 1
    assert [m.factcheck.rating for m in search(store, "a shark in the flooded high street")] == [
        "False"
    ]
    assert search(store, "the regulator fined Ashford Water for leaks") == []


# -- matching --------------------------------------------------------------------------------


def test_noise_is_removed_before_matching() -> None:
    post = (
        "Wow #BreakingNews @CityCouncil closed the bridge https://t.co/abc123 "
        "pic.twitter.com/xyz789 — Jo Bloggs (@jobloggs) March 3, 2026"
    )
    assert clean(post) == "Wow Breaking News City Council closed the bridge Jo Bloggs"
    assert terms("Ten bricks washed ashore") == ["10", "brick", "wash", "ashor"]
    known = {"stoneman", "shoot"}
    assert "stoneman shooting" in clean("#stonemanshooting", lambda words: known & set(words))


@pytest.fixture
def checks(store: Store, tmp_path: Path) -> Store:
    path = tmp_path / "checks.csv"
    path.write_text(
        "claim,url,rating,publisher\n"
        f'"{FINED}",https://checks.example/fine,True,Checkdesk\n'
        '"Ashford Water was fined £9 million by the regulator in 2024 over missed leak '
        'targets.",https://checks.example/nine,False,Checkdesk\n'
        '"The Kellmoor Institute found that 23% of treated water is lost to leaks.",'
        "https://checks.example/audit,True,Truth Lab\n"
        '"The Kellmoor Institute did not find that treated water is lost to leaks.",'
        "https://checks.example/denial,False,Truth Lab\n"
        "A shark swam down the flooded high street,https://checks.example/shark,False,Truth Lab\n"
    )
    import_factchecks(store, [path])
    return store


def test_matching_numbers_must_agree(checks: Store) -> None:
    found = search(checks, "The regulator fined Ashford Water £3.5 million in 2024 for leaks.")
    assert [m.factcheck.url for m in found[:2]] == [
        "https://checks.example/fine",
        "https://checks.example/nine",
    ]
    assert found[0].score > found[1].score
    assert 0 < found[0].score <= 1


def test_matching_negation_must_agree(checks: Store) -> None:
    found = search(checks, "An audit found 23% of the water Ashford treats is lost to leaks.")
    ranked = [m.factcheck.url for m in found]
    assert ranked.index("https://checks.example/audit") < ranked.index(
        "https://checks.example/denial"
    )


def test_search_respects_limit_and_min_score(checks: Store) -> None:
    text = "Ashford Water was fined by the regulator over leak targets."
    assert len(search(checks, text, limit=1)) == 1
    assert all(m.score >= 0.5 for m in search(checks, text, min_score=0.5))
    assert search(checks, "nothing in common whatsoever") == []


def test_claims_are_matched_at_ingest_and_when_factchecks_come(
    checks: Store, sample_store: Store, tmp_path: Path
) -> None:
    # Fact-checks first, then articles: matched at ingest.
    assert ingest(checks, [Path(__file__).resolve().parents[2] / "samples"]).ok
    find_checked_before(checks)
    fined = [c for c in checks.list_claims() if "fined Ashford Water £3.5" in c.claim.text]
    found = checks.checked_before([c.claim.id or 0 for c in fined])
    assert found and all(
        matches[0].factcheck.url == "https://checks.example/fine" for matches in found.values()
    )
    # Articles first, then fact-checks: matched on import.
    path = tmp_path / "late.csv"
    path.write_text(f'claim,url\n"{FINED}",https://checks.example/late\n')
    import_factchecks(sample_store, [path])
    assert sample_store.factchecks_pending()
    report = find_checked_before(sample_store)
    assert report.matches >= 1 and not sample_store.factchecks_pending()
    late = sample_store.checked_before(sample_store.matchable_claims())
    assert any(m.factcheck.url == "https://checks.example/late" for ms in late.values() for m in ms)
    assert find_checked_before(sample_store).compared == 0  # nothing left to do


def test_a_changed_article_takes_its_gone_claims_matches_away(
    checks: Store, tmp_path: Path
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(f"Leak fines\n\n{FINED.replace('was fined', 'has been fined')}\n")
    ingest(checks, [article])
    find_checked_before(checks)
    assert checks.claims_checked_before()
    article.write_text("Leak fines\n\nThe mayor opened a new library on Friday, aides said.\n")
    ingest(checks, [article])
    assert checks.claims_checked_before() == set()


def test_ratings_give_a_stance_only_when_clear() -> None:
    assert stance_of("False") is Stance.REFUTES
    assert stance_of("Mostly false") is Stance.REFUTES
    assert stance_of("Pants on Fire!") is Stance.REFUTES
    assert stance_of("True") is Stance.SUPPORTS
    assert stance_of("Half true") is None
    assert stance_of("Mixture") is None
    assert stance_of("") is None


def test_reports_carry_the_matches(checks: Store, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(f"Leak fines\n\n{FINED}\n")
    ingest(checks, [article])
    find_checked_before(checks)
    options = ExportOptions(include_unreviewed=True)
    for fmt in ("markdown", "html", "json"):
        export(checks, fmt, options, tmp_path / f"report.{fmt}")
    assert "Checked before" in (tmp_path / "report.markdown").read_text()
    assert "https://checks.example/fine" in (tmp_path / "report.html").read_text()
    data = json.loads((tmp_path / "report.json").read_text())
    (claim,) = [c for c in data["claims"] if c.get("checked_before")]
    assert claim["checked_before"][0]["url"] == "https://checks.example/fine"


# -- reranking and what "checked before" means ---------------------------------------------

VANTOR = (
    "claim,url,rating,publisher\n"
    '"Vantor Systems will stop offering face-scanning software for mass surveillance.",'
    "https://checks.example/vantor,True,Checkdesk\n"
    '"A leaked memo shows Vantor Systems staff were told to delete customer complaints.",'
    "https://checks.example/memo,False,Truth Lab\n"
    '"The Brackley ferry will run through the night from June.",'
    "https://checks.example/ferry,True,Checkdesk\n"
)


def test_a_sentence_on_the_same_topic_is_not_checked_before(store: Store, tmp_path: Path) -> None:
    # A sentence that names the company and its cameras but says something else
    # about them is no match; one that restates the checked claim is.
    (tmp_path / "checks.csv").write_text(VANTOR)
    import_factchecks(store, [tmp_path / "checks.csv"])
    article = tmp_path / "story.txt"
    article.write_text(
        "Vantor retreats\n\n"
        "Cloud storage matters more to the Vantor Systems business than face-scanning "
        "software.\n\n"
        "Vantor Systems told Congress on Tuesday it will stop offering face-scanning software "
        "for mass surveillance.\n"
    )
    ingest(store, [article])
    find_checked_before(store)
    found = store.checked_before(store.matchable_claims())
    texts = dict(store.claim_texts_of(list(found)))
    matched = {texts[claim_id]: [m.factcheck.url for m in ms] for claim_id, ms in found.items()}
    assert not any("Cloud storage" in text for text in matched)
    (restated,) = [urls for text, urls in matched.items() if "will stop offering" in text]
    assert restated == ["https://checks.example/vantor"]


def test_search_still_lists_a_match_too_loose_to_be_checked_before(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / "checks.csv").write_text(VANTOR)
    import_factchecks(store, [tmp_path / "checks.csv"])
    loose = search(store, "Cloud storage matters more to Vantor Systems than face-scanning.")
    assert loose[0].factcheck.url == "https://checks.example/vantor"
    assert [m.factcheck.url for m in search(store, "The Brackley ferry runs all night.")] == [
        "https://checks.example/ferry"
    ]


def test_the_poster_and_the_attachment_of_a_post() -> None:
    post = "Look at this! pic.twitter.com/xyz789 — Jo Bloggs (@jobloggs) March 3, 2021"
    assert link_or_attachment(post)
    assert not link_or_attachment("The council met on 3/4 of the days, he said.")
    assert post_year(post) == 2021
    assert post_year("No credit line here, 2021.") is None
    assert "Jo Bloggs" not in without_credit(post)
    assert Post.of(post) == Post(media=True, year=2021)


def test_character_grams_forgive_a_misspelt_name() -> None:
    ours = grams("Kristina Marteli died during surgery")
    theirs = [
        grams("Model Kristyna Martelli died during a surgery"),
        grams("A surgeon said the model was fine"),
        grams("The ferry runs through the night"),
    ]
    similar = char_similarities(ours, theirs)
    assert similar[0] > similar[1] > similar[2] == 0.0
    assert char_similarities(grams(""), theirs) == [0.0, 0.0, 0.0]


def test_features_read_the_post_and_the_factcheck() -> None:
    sides = Sides.of("A photograph shows the bridge in 2019.", "Is this the bridge?")
    assert sides.media and sides.years == frozenset({2019})
    same = features(0.5, 0.4, 0.6, Post(media=True, year=2019), sides)
    other = features(0.5, 0.4, 0.6, Post(media=False, year=2023), sides)
    assert dict(zip(FEATURES, same, strict=True))["media"] == 1.0
    assert dict(zip(FEATURES, same, strict=True))["year_same"] == 1.0
    assert dict(zip(FEATURES, other, strict=True))["year_other"] == 1.0
    reranker = model()
    # The shipped weights are fitted on our own texts, which carry no pictures or post
    # dates: those may weigh nothing, never against a match; the words always weigh.
    assert 0 < reranker.probability(other) <= reranker.probability(same) < 1
    closer = features(0.9, 0.8, 0.9, Post(media=False, year=2023), sides)
    assert reranker.probability(other) < reranker.probability(closer)
    assert 0 < reranker.threshold < 1 and 0 <= reranker.covered_min < 1


def test_a_claim_with_other_numbers_is_not_checked_before(checks: Store, tmp_path: Path) -> None:
    # "£9 million" is another claim than "£3.5 million", however alike the words:
    # search lists it (lower), "checked before" does not.
    article = tmp_path / "story.txt"
    article.write_text(f"Leak fines\n\n{FINED}\n")
    ingest(checks, [article])
    find_checked_before(checks)
    (matches,) = checks.checked_before(checks.matchable_claims()).values()
    assert [m.factcheck.url for m in matches] == ["https://checks.example/fine"]
    listed = [m.factcheck.url for m in search(checks, FINED)]
    assert listed[:2] == ["https://checks.example/fine", "https://checks.example/nine"]


def test_matches_stored_under_the_old_loose_rule_go_on_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    checks = tmp_path / "checks.csv"
    checks.write_text(
        f'claim,url\n"{FINED}",https://checks.example/fine\n'
        '"Ashford Water was fined £9 million by the regulator in 2024 over missed leak '
        'targets.",https://checks.example/nine\n'
    )
    article = tmp_path / "story.txt"
    article.write_text(f"Leak fines\n\n{FINED}\n")
    with Store(path) as store:
        import_factchecks(store, [checks])
        ingest(store, [article])
        find_checked_before(store)
        (claim_id,) = store.matchable_claims()
    # What the loose rule of version 9 stored: the £9 million fact-check too.
    conn = sqlite3.connect(path)
    (nine,) = conn.execute("SELECT id FROM factchecks WHERE url LIKE '%/nine'").fetchone()
    conn.execute("INSERT INTO factcheck_matches VALUES (?, ?, 0.55)", (claim_id, nine))
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 12
        assert store.checked_before([claim_id]) == {}
        assert store.factchecks_pending()
        find_checked_before(store)
        (matches,) = store.checked_before([claim_id]).values()
        assert [m.factcheck.url for m in matches] == ["https://checks.example/fine"]


def test_a_claim_negated_or_about_others_is_not_checked_before(
    checks: Store, tmp_path: Path
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(
        "Leaks\n\nThe Kellmoor Institute found that 23% of treated water is lost to leaks.\n\n"
        "Ashford Water was not fined £3.5 million by the regulator in 2024 over missed leak "
        "targets.\n\nBarrow Council was fined £3.5 million by the regulator in 2024 over "
        "missed leak targets.\n"
    )
    ingest(checks, [article])
    find_checked_before(checks)
    stored = {
        claim.text: [m.factcheck.url for m in matches]
        for claim in checks.claims_to_match(checks.matchable_claims())
        for claim_id, matches in checks.checked_before([claim.id or 0]).items()
    }
    assert stored == {
        "The Kellmoor Institute found that 23% of treated water is lost to leaks.": [
            "https://checks.example/audit"
        ]
    }


def test_a_claim_that_says_the_opposite_is_not_checked_before(store: Store, tmp_path: Path) -> None:
    checks = tmp_path / "opposite.csv"
    checks.write_text(
        "claim,url,rating,publisher\n"
        '"Dunlow Dairies cut 1,200 jobs at its Marsby creamery in 2023.",'
        "https://checks.example/cut,True,Checkdesk\n"
        '"The Tarrow council banned barbecues in all its parks.",'
        "https://checks.example/ban,False,Checkdesk\n"
    )
    import_factchecks(store, [checks])
    article = tmp_path / "story.txt"
    article.write_text(
        "Jobs\n\nDunlow Dairies added 1,200 jobs at its Marsby creamery in 2023.\n\n"
        "The Tarrow council allowed barbecues in all its parks, a spokesman said.\n\n"
        "Dunlow Dairies cut 1,200 jobs at the Marsby creamery in 2023, the union said.\n"
    )
    ingest(store, [article])
    find_checked_before(store)
    stored = {
        claim.text: [m.factcheck.url for m in matches]
        for claim in store.claims_to_match(store.matchable_claims())
        for claim_id, matches in store.checked_before([claim.id or 0]).items()
    }
    assert stored == {
        "Dunlow Dairies cut 1,200 jobs at the Marsby creamery in 2023, the union said.": [
            "https://checks.example/cut"
        ]
    }
    # A search still lists the opposite claim, lower than a plain restatement would be.
    added = search(store, "Dunlow Dairies added 1,200 jobs at its Marsby creamery in 2023.")
    same = search(store, "Dunlow Dairies cut 1,200 jobs at its Marsby creamery in 2023.")
    assert added and same and added[0].score < same[0].score


def test_matches_found_by_other_weights_are_found_again(checks: Store, tmp_path: Path) -> None:
    """A release with refitted reranking weights redoes the stored matches: none of the
    old ones stay, those of the weights shipped now are stored."""
    from workbench.core.factchecks.finding import checked_before_pending
    from workbench.core.factchecks.rerank import model

    article = tmp_path / "story.txt"
    article.write_text(
        f"Leaks\n\n{FINED}\n\nThe Hexley council spent £12 million on road repairs in 2024.\n"
    )
    ingest(checks, [article])
    find_checked_before(checks)
    first = checks.checked_before(checks.matchable_claims())
    assert first and not checked_before_pending(checks)
    assert checks.get_setting("factcheck_model") == model().identity
    # As an older release left it: its own weights, and a match today's would not store.
    roads = next(c for c in checks.claims_to_match(checks.matchable_claims()) if "Hexley" in c.text)
    fine = next(iter(first.values()))[0].factcheck
    checks.save_factcheck_matches([(roads.id or 0, fine.id or 0, 0.99)])
    checks.set_setting("factcheck_model", "older-weights")
    assert checked_before_pending(checks)
    find_checked_before(checks)
    assert checks.checked_before(checks.matchable_claims()) == first
    assert checks.get_setting("factcheck_model") == model().identity
    assert not checked_before_pending(checks)
