"""Matching state is complete or absent, whatever moment a command is killed at.

Real processes ingest a corpus and match it, or rebuild the matching, and are
killed with SIGKILL at a random moment; the command is then run again as a
user would. The database must hold no duplicate or half document, and the
same groups, links, flags and copies as a run that was never interrupted.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from workbench.core.ingest import ingest
from workbench.core.matching.run import match
from workbench.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

TOWNS = ["Ashby", "Bramford", "Colwick", "Dunmore", "Elstow", "Farleigh", "Glenrock", "Hadley"]
BODIES = ["council", "water board", "police force", "hospital trust", "rail operator", "port"]
WORKS = ["road repairs", "new buses", "flood barriers", "school roofs", "street lights"]
PEOPLE = ["Ana Ruiz", "Ben Okoro", "Cara Lind", "Dev Patel", "Eli Stone", "Fay Morgan"]


def write_corpus(folder: Path, articles: int, seed: int = 3) -> None:
    """Articles that share facts: reworded (groups), requoted (drift), misreported (conflicts)."""
    rng = random.Random(seed)
    facts: list[list[str]] = []
    for number in range(150):
        town, body, work = rng.choice(TOWNS), rng.choice(BODIES), rng.choice(WORKS)
        year, amount, person = rng.randint(2015, 2025), rng.randint(2, 90), rng.choice(PEOPLE)
        if number % 4 == 3:
            facts.append(
                [
                    f'"We will finish the {work} in {town} before the end of {year}, whatever '
                    f'it costs," said {person} of the {body}.',
                    f'"We shall complete the {work} in {town} before the end of {year}, whatever '
                    f'the cost," said {person} of the {body}.',
                ]
            )
        else:
            facts.append(
                [
                    f"The {body} in {town} spent £{amount} million on {work} in {year}, "
                    "according to its accounts.",
                    f"In {year} the {town} {body} spent £{amount} million on {work}, its "
                    "accounts show.",
                    f"The {body} in {town} spent £{amount + 7} million on {work} in {year}, "
                    "according to its accounts.",
                ]
            )
    folder.mkdir(parents=True)
    for number in range(articles):
        town = rng.choice(TOWNS)
        lines = [f"{town} notebook, number {number}", ""]
        for fact in rng.sample(facts, 6):
            lines += [rng.choice(fact), ""]
        lines.append(f"Residents of {town} filled the hall on a wet evening to hear the plans.")
        (folder / f"a{number:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for sample in SAMPLES.iterdir():
        shutil.copy(sample, folder / sample.name)


# Ingests in small batches (many commits, so a kill can fall between them),
# then matches as `workbench ingest` does; says where it is on stdout.
INGEST_THEN_MATCH = """
import sys, time
import workbench.core.ingest as ingesting
from workbench.core.matching.run import match
from workbench.core.store import Store
ingesting.BATCH_FILES = 20
with Store(sys.argv[1]) as store:
    ingesting.ingest(store, [sys.argv[2]], on_file=lambda outcome: print("file", flush=True))
    print("matching", flush=True)
    began = time.monotonic()
    match(store)
    print("matched", time.monotonic() - began, flush=True)
"""

REBUILD = """
import sys, time
from workbench.core.matching.run import match
from workbench.core.store import Store
with Store(sys.argv[1]) as store:
    print("rebuilding", flush=True)
    began = time.monotonic()
    match(store, rebuild=True)
    print("rebuilt", time.monotonic() - began, flush=True)
"""


def run_script(script: str, *args: str | Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.splitlines()


def workbench(*args: str | Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "workbench", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def killed_at(script: str, args: list[str | Path], marker: str, after: int, delay: float) -> bool:
    """Run ``script``; SIGKILL it ``delay`` s after its ``after``-th ``marker`` line.

    True when it was killed before it finished.
    """
    child = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    seen = 0
    try:
        for line in child.stdout:
            if line.startswith(marker):
                seen += 1
                if seen >= after:
                    break
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    return child.returncode == -signal.SIGKILL


def state(db: Path) -> dict[str, Any]:
    """Documents, claims and matching of a database, by path and position, not by id."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        docs = conn.execute("SELECT id, path, content_hash FROM documents").fetchall()
        path_of = {doc_id: path for doc_id, path, _hash in docs}
        rows = conn.execute(
            'SELECT id, document_id, start, "end", text, group_id, stale FROM claims'
        ).fetchall()
        key = {row[0]: (path_of[row[1]], row[2], row[3]) for row in rows}
        members: defaultdict[int, set[tuple[str, int, int]]] = defaultdict(set)
        for claim_id, _doc, _start, _end, _text, group_id, _stale in rows:
            if group_id is not None:
                members[group_id].add(key[claim_id])
        group = {g: frozenset(m) for g, m in members.items()}
        links = {
            (key[a], key[b], kind, round(score, 6), detail)
            for a, b, kind, score, detail in conn.execute(
                "SELECT a, b, kind, score, detail FROM claim_links"
            )
        }
        flags = Counter(
            (group.get(g), kind, key.get(a), key.get(b), detail)
            for g, kind, a, b, detail in conn.execute(
                "SELECT group_id, kind, claim_a, claim_b, detail FROM flags"
            )
        )
        copies = {
            (path_of[a], path_of[b], score, shared)
            for a, b, score, shared in conn.execute(
                "SELECT doc_a, doc_b, score, shared FROM copies"
            )
        }
        return {
            "documents": Counter((path, digest) for _id, path, digest in docs),
            "claims": Counter((key[r[0]], r[4], r[6]) for r in rows),
            "unmatched": sorted(key[r[0]] for r in rows if r[5] is None and not r[6]),
            "groups": frozenset(group.values()),
            "links": links,
            "flags": flags,
            "copies": copies,
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The corpus, and the state and timings of runs that were never interrupted."""
    folder = tmp_path_factory.mktemp("corpus")
    articles = folder / "articles"
    write_corpus(articles, 240)
    clean = folder / "clean.db"
    lines = run_script(INGEST_THEN_MATCH, clean, articles)
    match_seconds = float(lines[-1].split()[1])
    files = sum(1 for line in lines if line == "file")
    matched = state(clean)
    rebuilt_db = folder / "rebuilt.db"
    shutil.copy(clean, rebuilt_db)
    rebuild_seconds = float(run_script(REBUILD, rebuilt_db)[-1].split()[1])
    rebuilt = state(rebuilt_db)
    assert matched["groups"] and matched["links"] and matched["flags"] and matched["copies"]
    assert not matched["unmatched"]
    assert max(matched["documents"].values()) == 1
    return {
        "articles": articles,
        "files": files,
        "match_seconds": match_seconds,
        "rebuild_seconds": rebuild_seconds,
        "clean": clean,
        "matched": matched,
        "rebuilt": rebuilt,
    }


def _assert_same(found: dict[str, Any], expected: dict[str, Any]) -> None:
    assert max(found["documents"].values(), default=1) == 1, "a document stored twice"
    assert max(found["claims"].values(), default=1) == 1, "a claim stored twice"
    for part in ("documents", "claims", "unmatched", "groups", "links", "flags", "copies"):
        assert found[part] == expected[part], part


@pytest.mark.parametrize("phase", ["ingesting", "matching"])
def test_a_killed_ingest_run_again_ends_as_an_uninterrupted_one(
    corpus: dict[str, Any], tmp_path: Path, phase: str
) -> None:
    rng = random.Random(f"ingest-{phase}")
    for attempt in range(8):
        db = tmp_path / f"{phase}-{attempt}.db"
        if phase == "ingesting":  # after some batches were committed, before the last
            after, delay = rng.randint(20, corpus["files"] - 40), 0.0
            killed = killed_at(INGEST_THEN_MATCH, [db, corpus["articles"]], "file", after, delay)
        else:  # every document stored, matching under way
            delay = rng.uniform(0.05, 0.7) * corpus["match_seconds"]
            killed = killed_at(INGEST_THEN_MATCH, [db, corpus["articles"]], "matching", 1, delay)
        if killed:
            with Store(db) as store:
                if store.matching_pending():  # else it was killed just after its last commit
                    break
    else:
        pytest.fail(f"the {phase} run always finished before it could be killed")
    interrupted = state(db)
    assert max(interrupted["documents"].values(), default=1) == 1
    if phase == "matching":
        assert interrupted["documents"] == corpus["matched"]["documents"]
    workbench("ingest", "--db", db, corpus["articles"])
    _assert_same(state(db), corpus["matched"])
    with Store(db) as store:
        assert not store.matching_pending()


def test_a_killed_rebuild_leaves_the_matching_whole(corpus: dict[str, Any], tmp_path: Path) -> None:
    rng = random.Random("rebuild")
    expected = [corpus["matched"], corpus["rebuilt"]]
    kills = 0
    for attempt in range(6):
        db = tmp_path / f"rebuild-{attempt}.db"
        shutil.copy(corpus["clean"], db)
        delay = rng.uniform(0.05, 0.8) * corpus["rebuild_seconds"]
        if not killed_at(REBUILD, [db], "rebuilding", 1, delay):
            continue
        kills += 1
        found = state(db)  # complete: as before the rebuild, or as after it
        assert any(all(found[p] == e[p] for p in e) for e in expected), json.dumps(
            {p: len(found[p]) for p in found}
        )
        workbench("match", "--db", db)  # what a user runs next
        found = state(db)
        assert any(all(found[p] == e[p] for p in e) for e in expected)
        workbench("match", "--rebuild", "--db", db)
        _assert_same(state(db), corpus["rebuilt"])
        if kills == 2:
            break
    assert kills, "the rebuild always finished before it could be killed"


def test_nothing_pending_makes_match_a_cheap_no_op(tmp_path: Path) -> None:
    with Store(tmp_path / "quiet.db") as store:
        assert not store.matching_pending()
        ingest(store, [SAMPLES])
        assert store.matching_pending()
        first = match(store)
        assert first.claims > 0 and not store.matching_pending()
        flags, copies = store.all_flags(), store.copies()
        again = match(store)
        assert again.claims == 0 and again.compared == 0
        assert again.groups == first.groups and again.copies == first.copies
        assert store.all_flags() == flags and store.copies() == copies


def test_an_updated_document_is_pending_until_matched(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(
        "The council spent £12 million on road repairs in 2024, its accounts show.\n\n"
        "The port spent £3 million on new cranes in 2023, according to its report.\n",
        encoding="utf-8",
    )
    with Store(tmp_path / "update.db") as store:
        ingest(store, [article, SAMPLES])
        match(store)
        article.write_text(
            "The council spent £12 million on road repairs in 2024, its accounts show.\n",
            encoding="utf-8",
        )
        report = ingest(store, [article])
        assert report.updated == 1
        assert store.matching_pending()  # no new claim, yet copies and flags need a look
        match(store)
        assert not store.matching_pending()


def test_match_is_complete_when_run_in_two_processes_at_once(
    corpus: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "twice.db"
    with Store(db) as store:
        ingest(store, [corpus["articles"]])
    script = "import sys\nfrom workbench.core.matching import match\n" + (
        "from workbench.core.store import Store\nwith Store(sys.argv[1]) as s:\n    match(s)\n"
    )
    both = [
        subprocess.Popen([sys.executable, "-c", script, str(db)], stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for child in both:
        _out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
    _assert_same(state(db), corpus["matched"])


def test_the_state_helper_sees_a_missing_flag(corpus: dict[str, Any], tmp_path: Path) -> None:
    """The comparison is strict enough to notice one flag gone."""
    db = tmp_path / "less.db"
    shutil.copy(corpus["clean"], db)
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM flags WHERE id = (SELECT min(id) FROM flags)")
    conn.commit()
    conn.close()
    assert state(db)["flags"] != corpus["matched"]["flags"]


def test_a_match_overtaken_by_an_ingest_compares_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Claims stored while a match compares are matched too, by the same run."""
    import workbench.core.matching.run as matching

    db = tmp_path / "overtaken.db"
    late = sorted(SAMPLES.iterdir())[-1]
    with Store(db) as store:
        ingest(store, [p for p in SAMPLES.iterdir() if p != late])
        compare = matching._compare
        calls: list[int] = []

        def compare_while_another_process_ingests(store: Store, *, rebuild: bool) -> Any:
            plan = compare(store, rebuild=rebuild)
            if not calls:
                with Store(db) as other:
                    ingest(other, [late])
            calls.append(len(plan.new))
            return plan

        monkeypatch.setattr(matching, "_compare", compare_while_another_process_ingests)
        report = match(store)
        assert len(calls) == 2 and calls[1] > calls[0]
        assert report.claims == calls[1]
        assert not store.matching_pending()
    with Store(tmp_path / "straight.db") as straight:
        ingest(straight, [p for p in SAMPLES.iterdir() if p != late])
        ingest(straight, [late])
        match(straight)
    expected = state(tmp_path / "straight.db")
    found = state(db)
    for part in ("documents", "claims", "unmatched", "groups", "links", "flags", "copies"):
        assert found[part] == expected[part], part
