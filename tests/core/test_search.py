"""The '/' search: the claims' word index narrows, fuzzy scoring ranks, typos still find."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbench.core.models import Claim, ClaimFilter, ClaimKind, Document, Status
from workbench.core.search import Searcher, Vocabulary, fuzzy_find
from workbench.core.store import Store

TEXTS = [
    "The Colwick council spent 40 million on roads in 2024.",
    "Mayor Okafor said the library would reopen in March.",
    "Water bills in Ashby rose by 12% last year.",
    "The council counted 900 potholes across the district.",
    "Bus fares went up twice in Farleigh since 2020.",
]


def _document(text: str, path: str) -> Document:
    return Document(
        None,
        "T",
        "S",
        path,
        "2026-01-02",
        text,
        text,
        f"h-{hash(text)}",
        "2026-01-02T00:00:00+00:00",
    )


def _fill(store: Store, texts: list[str], path: str = "a.txt") -> list[int]:
    claims, position = [], 0
    for text in texts:
        claims.append(
            Claim(None, None, text, ClaimKind.STATISTIC, 0.5, position, position + len(text))
        )
        position += len(text) + 1
    store.save_document(_document(" ".join(texts), path), claims)
    return store.claim_ids(order="source")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "s.db")
    _fill(store, TEXTS)
    return store


def _texts(store: Store, ids: list[int]) -> list[str]:
    return [store.get_claim(i).text for i in ids]


def test_words_and_their_beginnings_find_claims(store: Store) -> None:
    found = _texts(store, Searcher(store).find("counc", ClaimFilter()))
    assert sorted(found) == sorted([TEXTS[0], TEXTS[3]])
    assert _texts(store, Searcher(store).find("council potholes", ClaimFilter())) == [TEXTS[3]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("okafr", TEXTS[1]),  # a letter dropped
        ("colwik councel", TEXTS[0]),  # two typos
        ("libary reopen", TEXTS[1]),
        ("otholes", TEXTS[3]),  # the middle of a word
        ("farliegh", TEXTS[4]),  # letters swapped
    ],
)
def test_typos_fall_back_on_the_index_words_close_to_them(
    store: Store, query: str, expected: str
) -> None:
    assert _texts(store, Searcher(store).find(query, ClaimFilter()))[0] == expected


def test_results_match_scoring_every_claim(store: Store) -> None:
    """The narrowed search agrees with the old full scan on what it finds."""
    ids = store.claim_ids(order="source")
    texts = _texts(store, ids)
    for query in ("council", "okafr", "ashby rose", "12%", "bus farleigh 2020", "zebra"):
        full = [i for i, _score in fuzzy_find(query, texts, ids)]
        assert sorted(Searcher(store).find(query, ClaimFilter())) == sorted(full), query


def test_search_keeps_to_the_filter(store: Store) -> None:
    first, *_ = store.claim_ids(order="source")
    store.mark(first, Status.SUPPORTED, "ann")
    assert Searcher(store).find("council", ClaimFilter(statuses=(Status.UNREVIEWED,))) == [
        store.claim_ids(order="source")[3]
    ]


def test_the_index_follows_changed_and_deleted_claims(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        _fill(store, TEXTS[:2])
        _fill(store, ["Pothole repairs doubled in Dunmore."], "b.txt")
        assert len(Searcher(store).find("pothole", ClaimFilter())) == 1
        # The same file again with other text: its old claims go, the new are found.
        changed = _document("Tram lines reached Elstow in 2023.", "b.txt")
        store.save_document(
            changed, [Claim(None, None, changed.clean_text, ClaimKind.EVENT, 0.5, 0, 34)]
        )
        assert Searcher(store).find("pothole", ClaimFilter()) == []
        assert len(Searcher(store).find("tram elstow", ClaimFilter())) == 1


def test_a_read_only_database_is_searched_too(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        _fill(store, TEXTS)
    with Store(tmp_path / "s.db", readonly=True) as store:
        assert _texts(store, Searcher(store).find("okafr", ClaimFilter())) == [TEXTS[1]]


def test_beginnings_asked_by_name_find_what_prefixes_find(store: Store) -> None:
    """With the index's words read, a typed beginning is asked as the words it begins."""
    named = Searcher(store)
    named.read_words()
    assert named.words is not None and "council" in named.words.terms
    for query in ("counc", "council potholes", "the co", "okafr", "ashby rose", "bus far", "zz"):
        assert named.find(query, ClaimFilter()) == Searcher(store).find(query, ClaimFilter())


def test_a_beginning_stands_for_its_commonest_words_when_too_many() -> None:
    words = Vocabulary.of([("cab", 5), ("cat", 1), ("cattle", 9), ("dog", 2), ("ca", 3)])
    assert words.beginning_with("ca") == ["ca", "cab", "cat", "cattle"]
    assert words.beginning_with("ca", most=2) == ["cab", "cattle"]  # in index order
    assert words.beginning_with("cat") == ["cat", "cattle"]
    assert words.beginning_with("cow") == [] and words.beginning_with("dog") == ["dog"]


def test_a_lazy_searcher_never_reads_the_words_itself(store: Store) -> None:
    """The app reads them in a worker of their own; a keystroke must not wait for that."""

    class Counting:
        def __init__(self) -> None:
            self.reads = 0

        def claim_search_candidates(self, *args: Any, **kwargs: Any) -> list[tuple[int, str]]:
            return store.claim_search_candidates(*args, **kwargs)

        def claim_word_counts(self) -> list[tuple[str, int]]:
            self.reads += 1
            return store.claim_word_counts()

    counting = Counting()
    lazy = Searcher(counting, lazy_words=True)
    assert lazy.find("okafr", ClaimFilter()) == []  # a typo needs the words
    assert counting.reads == 0
    lazy.read_words(store)
    assert _texts(store, lazy.find("okafr", ClaimFilter())) == [TEXTS[1]]
    assert counting.reads == 0
