"""Claims already fact-checked: finding them, importing them, and what they cost ingest.

    python bench/bench_factchecks.py [--data ../shared/data/clef2020-t2] [--synthetic 100000]
        [--articles 2000] [--skip-map] [--skip-speed]

1. MAP@5 on the CLEF CheckThat! 2020 task 2 development set (197 tweets
   against 10,375 verified claims), for evaluation only: its licence allows
   no training, and nothing that ships (reranking weights, "checked before"
   limits, BM25 parameters) was fitted or chosen on it; they come from our own
   texts (bench/train_factchecks.py). The pool is imported as CSV with url =
   the claim's id, claim and title; each tweet goes through ``search``.
   Beside it, in the same run: the word score alone (BM25 share, no
   reranking), and a plain rapidfuzz token-set ratio (lower-cased, punctuation
   out) over each claim with its title, on the raw tweets and on tweets
   cleaned of noise. Then what "checked before" shows at the shipped limits:
   each tweet's first match at or above them, with its right claim in the
   pool and without it. ``--misses`` lists the tweets whose right claim is not
   first. Target (issue 14): MAP@5 >= 0.90.
2. Importing 100,000 synthetic fact-checks (CSV, our own words): < 10 s.
3. Matching one claim against them (``search``): < 20 ms.
4. Ingest throughput (ingest, cross-source matching and fact-check matching,
   as ``workbench ingest`` runs them) with no fact-checks and with 100,000
   loaded (as ``workbench factchecks import`` leaves them: imported and
   matched against the claims there were, none): the fall must stay under 10%.

The data set is read where it lies and never copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import BODIES, PEOPLE, TOWNS, write_corpus
from devdata import data_dir
from rapidfuzz import fuzz, process, utils

from workbench.core.factchecks.finding import (
    FactCheckIndex,
    candidate_features,
    checked_before_pending,
    find_checked_before,
    search,
)
from workbench.core.factchecks.importing import import_factchecks
from workbench.core.factchecks.rerank import FEATURES
from workbench.core.factchecks.text import clean
from workbench.core.ingest import ingest
from workbench.core.matching import match
from workbench.core.store import Store

_SHARED = data_dir()
DEFAULT_DATA = _SHARED / "clef2020-t2" if _SHARED else Path("clef2020-t2")


def read_tsv(path: Path) -> list[list[str]]:
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return rows[1:]  # the header


def map_at_5(ranked: dict[str, list[str]], relevant: dict[str, set[str]]) -> float:
    total = 0.0
    for query, wanted in relevant.items():
        hits, precision = 0, 0.0
        for rank, found in enumerate(ranked.get(query, [])[:5], start=1):
            if found in wanted:
                hits += 1
                precision += hits / rank
        total += precision / min(len(wanted), 5)
    return total / len(relevant)


def clef_map(data: Path, tmp: Path, misses: bool) -> None:
    if not (data / "verified_claims.docs.tsv").is_file():
        sys.exit(f"no CLEF 2020 task 2 data in {data}: give its folder with --data")
    pool = read_tsv(data / "verified_claims.docs.tsv")
    tweets = {row[0]: row[1] for row in read_tsv(data / "dev" / "tweets.queries.tsv")}
    relevant: dict[str, set[str]] = {}
    for line in (data / "dev" / "tweet-vclaim-pairs.qrels").read_text().split("\n"):
        if line.strip():
            tweet, _zero, claim, _one = line.split()
            relevant.setdefault(tweet, set()).add(claim)
    pool_csv = tmp / "pool.csv"
    with pool_csv.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["url", "claim", "title"])
        writer.writerows([claim_id, claim, title] for claim_id, claim, title in pool)
    with Store(tmp / "clef.db") as store:
        begun = time.perf_counter()
        report = import_factchecks(store, [pool_csv])
        imported = time.perf_counter() - begun
        index = FactCheckIndex(store)
        ranked, times, words_only = {}, [], {}
        for tweet_id, text in tweets.items():
            begun = time.perf_counter()
            found = search(store, text, limit=5, index=index)
            times.append(time.perf_counter() - begun)
            ranked[tweet_id] = [m.factcheck.url for m in found]
            by_words = sorted(
                candidate_features(store, text, index), key=lambda c: (-c[1][0], c[0].id or 0)
            )
            words_only[tweet_id] = [fc.url for fc, _values, _factor, _no in by_words[:5]]
    ours = map_at_5(ranked, relevant)
    claims = [f"{row[1]} {row[2]}" for row in pool]  # each claim with its title
    ids = [row[0] for row in pool]

    def baseline(prepare: bool) -> float:
        result = {}
        for tweet_id, text in tweets.items():
            query = clean(text) if prepare else text
            best = process.extract(
                query, claims, scorer=fuzz.token_set_ratio, processor=utils.default_process, limit=5
            )
            result[tweet_id] = [ids[i] for _claim, _score, i in best]
        return map_at_5(result, relevant)

    print(
        f"CLEF 2020 task 2 dev: {len(tweets)} tweets, {report.added:,} fact-checks "
        f"imported in {imported:.1f} s"
    )
    print(
        f"  MAP@5 ours (BM25 + rerank fitted on our own texts), dev, evaluation only: "
        f"{ours:.3f}   (target >= 0.90)"
    )
    print(f"  MAP@5 word score alone (BM25 share):    {map_at_5(words_only, relevant):.3f}")
    print(f"  MAP@5 rapidfuzz token_set_ratio, raw:   {baseline(False):.3f}")
    print(f"  MAP@5 rapidfuzz token_set_ratio, clean: {baseline(True):.3f}")
    firsts = sum(bool(ranked[t]) and ranked[t][0] in relevant[t] for t in relevant)
    top5 = sum(any(u in relevant[t] for u in ranked[t]) for t in relevant)
    print(
        f"  right claim first for {firsts} tweets, in the top 5 for {top5}, "
        f"missing from the top 5 for {len(relevant) - top5}"
    )
    print(
        f"  search time per tweet: median {statistics.median(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms"
    )
    checked_before(pool, tweets, relevant, tmp)
    if misses:
        by_id = {row[0]: row[1] for row in pool}
        for tweet_id in sorted(relevant, key=int):
            listed = ranked[tweet_id]
            if listed and listed[0] in relevant[tweet_id]:
                continue
            right = sorted(relevant[tweet_id])[0]
            rank = listed.index(right) + 1 if right in listed else "-"
            print(f"\n  [{rank}] {tweets[tweet_id][:200]}")
            print(f"      right: {by_id[right][:150]}")
            if listed:
                print(f"      first: {by_id[listed[0]][:150]}")


def checked_before(
    pool: list[list[str]], tweets: dict[str, str], relevant: dict[str, set[str]], tmp: Path
) -> None:
    """What "checked before" shows on the dev tweets at the shipped limits (evaluation)."""
    import train_factchecks as train

    from workbench.core.factchecks.rerank import model

    folder = tmp / "checked"
    folder.mkdir()
    found = train.collect([(r[0], r[1], r[2]) for r in pool], tweets, relevant, folder)
    shipped = model()
    listed = train.listings(shipped, found, sorted(relevant))
    right, wrong = train.shown(listed, shipped.threshold, shipped.covered_min)
    print(
        f"  checked before (score >= {shipped.threshold:.2f}, >= {shipped.covered_min:.0%} of the "
        f"claim covered; first match of each tweet, with and without its right claim in the "
        f"pool, {len(listed)} lists): {right} right, {wrong} wrong shown "
        f"(precision {right / max(1, right + wrong):.3f})"
    )
    assert len(FEATURES) == len(shipped.weights)


# -- synthetic fact-checks, in our own words ------------------------------------------------

SUBJECTS = [
    "A video",
    "A photograph",
    "A viral post",
    "The governor",
    "The mayor",
    "A senator",
    "A celebrity chef",
    "The health ministry",
    "A school board",
    "A football club",
    "An airline",
    "A supermarket chain",
    "The central bank",
    "A charity",
    "A hospital",
    *PEOPLE,
]
GLUE = ["the", "of", "in", "a", "to", "and", "for", "was", "that", "with", "by", "on"]
RATINGS = ["False", "True", "Mostly false", "Misleading", "Mixture", "Unproven", "Pants on fire"]
PUBLISHERS = ["Checkdesk", "Truth Lab", "Verify Weekly", "Facts First", "The Claim Desk"]
SYLLABLES = "ka lo mi ren tor vas bel din sur pa qui zen mor lat fen gis hal ost rup wen cal dra nim sto".split()


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Made-up words, to be drawn with Zipf's law as the words of real text are."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def synthetic_factchecks(
    path: Path, count: int, seed: int = 3, restated: list[str] | None = None
) -> None:
    """``count`` fact-checks: claims of 10-16 words from a 40,000-word Zipfian vocabulary,
    with a number and a year; one in a thousand is about a fact of the benchmark corpus
    (a town's body spending money on repairs): one of the corpus's own sentences when
    ``restated`` gives them, so that ingested claims have matches with the same numbers,
    else one with numbers of its own."""
    rng = random.Random(seed)
    words = vocabulary(40_000, rng)
    weights = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["claim", "url", "title", "rating", "publisher", "date"])
        for i in range(count):
            if i % 1000 == 0:
                body, town = rng.choice(BODIES), rng.choice(TOWNS)
                claim = (
                    f"The {body} in {town} spent £{rng.randint(2, 400)} million on repairs in "
                    f"{rng.randint(2015, 2026)}, more than in any year on record."
                )
                if restated:
                    claim = restated[(i // 1000) % len(restated)]
                title = f"Did the {body} in {town} overspend on repairs?"
            else:
                content = rng.choices(words, cum_weights=weights, k=rng.randint(8, 13))
                mixed = [w if rng.random() < 0.7 else f"{w} {rng.choice(GLUE)}" for w in content]
                claim = (
                    f"{rng.choice(SUBJECTS)} {' '.join(mixed)} {rng.randint(2, 900)} times "
                    f"in {rng.randint(1990, 2026)}."
                )
                title = " ".join(rng.sample(content, min(5, len(content)))).capitalize() + "?"
            writer.writerow(
                [
                    claim,
                    f"https://factchecks.example/{i}",
                    title,
                    rng.choice(RATINGS),
                    rng.choice(PUBLISHERS),
                    f"20{rng.randint(10, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                ]
            )


def timed_ingest(db: Path, corpus: Path) -> tuple[float, float, int]:
    """CPU seconds for what `workbench ingest` runs (ingest, matching across sources,
    fact-check matching), those of the fact-check matching alone, and the claims.

    CPU time, not wall time: this VM is shared, and wall time swung by a third
    from one run to the next while the CPU time stayed within a few percent.
    """
    with Store(db) as store:
        begun = time.process_time()
        report = ingest(store, [corpus])
        if store.matching_pending():
            match(store)
        checking = time.process_time()
        if checked_before_pending(store):
            find_checked_before(store)
        ended = time.process_time()
        return ended - begun, ended - checking, report.claims


def speed(count: int, articles: int, tmp: Path, rounds: int) -> None:
    source = tmp / "factchecks.csv"
    corpus = tmp / "corpus"
    write_corpus(corpus, articles, seed=5)
    repairs = sorted(
        {
            found
            for article in sorted(corpus.iterdir())
            for found in re.findall(
                r"The [^.?!\n]* on repairs in \d{4}[^.?!\n]*\.", article.read_text(encoding="utf-8")
            )
        }
    )
    synthetic_factchecks(
        source, count, restated=random.Random(4).sample(repairs, min(100, len(repairs)))
    )
    loaded = tmp / "loaded.db"
    with Store(loaded) as store:
        begun, cpu = time.perf_counter(), time.process_time()
        report = import_factchecks(store, [source])
        took, took_cpu = time.perf_counter() - begun, time.process_time() - cpu
        print(
            f"import: {report.added:,} synthetic fact-checks in {took:.1f} s "
            f"({took_cpu:.1f} s CPU; target < 10 s)"
        )
        begun = time.perf_counter()
        again = import_factchecks(store, [source])
        print(f"  again: {again.unchanged:,} unchanged in {time.perf_counter() - begun:.1f} s")
        # As `workbench factchecks import` leaves a database: the fact-checks matched
        # (with no claims yet, only marked so), not left for the next ingest to mark.
        begun = time.process_time()
        find_checked_before(store)
        print(f"  marked as matched (no claims yet) in {time.process_time() - begun:.2f} s CPU")
        index = FactCheckIndex(store)
        rng = random.Random(9)
        corpus_claims = [
            line
            for article in sorted(corpus.iterdir())[:100]
            for line in article.read_text(encoding="utf-8").split("\n\n")[1:]
        ]
        texts = rng.sample(corpus_claims, 200)
        times, cpu_times = [], []
        for text in texts:
            begun, cpu = time.perf_counter(), time.process_time()
            search(store, text, index=index)
            times.append(time.perf_counter() - begun)
            cpu_times.append(time.process_time() - cpu)
        cold = []
        cold_cpu = []
        for text in texts[:50]:
            begun, cpu = time.perf_counter(), time.process_time()
            search(store, text)  # a fresh index each time: nothing cached
            cold.append(time.perf_counter() - begun)
            cold_cpu.append(time.process_time() - cpu)
        print(
            f"match one claim against {count:,}: median {statistics.median(times) * 1000:.1f} ms,"
            f" p95 {sorted(times)[int(len(times) * 0.95)] * 1000:.1f} ms"
            f" (CPU median {statistics.median(cpu_times) * 1000:.1f} ms); uncached median "
            f"{statistics.median(cold) * 1000:.1f} ms, CPU {statistics.median(cold_cpu) * 1000:.1f}"
            " ms (target < 20 ms)"
        )
    template = tmp / "template.db"
    shutil.copy(loaded, template)
    empty_runs, loaded_runs, checking_runs = [], [], []
    claims = 0
    for attempt in range(rounds):  # alternate, and keep the best of each: the VM is shared
        for path in (tmp / "empty.db", tmp / "empty.db-wal", tmp / "empty.db-shm"):
            path.unlink(missing_ok=True)
        seconds, _none, claims = timed_ingest(tmp / "empty.db", corpus)
        empty_runs.append(seconds)
        target = tmp / f"loaded-{attempt}.db"
        shutil.copy(template, target)
        seconds, checking, _claims = timed_ingest(target, corpus)
        loaded_runs.append(seconds)
        checking_runs.append(checking)
    empty_seconds, loaded_seconds = min(empty_runs), min(loaded_runs)
    print(
        f"ingest {articles:,} articles ({claims:,} claims), CPU time, best of {rounds}: "
        f"{claims / empty_seconds:,.0f} claims/s with no fact-checks, "
        f"{claims / loaded_seconds:,.0f} claims/s with {count:,} loaded "
        f"({1 - empty_seconds / loaded_seconds:+.1%} slower; target under 10%)"
    )
    print(
        f"  fact-check matching alone: {min(checking_runs):.2f} s of {loaded_seconds:.1f} s "
        f"({min(checking_runs) / loaded_seconds:.1%}), "
        f"{min(checking_runs) / claims * 1e6:.0f} µs a claim"
    )
    with Store(tmp / f"loaded-{rounds - 1}.db") as store:
        matched = len(store.checked_before(store.matchable_claims()))
    print(f"  claims with a stored match: {matched:,}")
    begun = time.perf_counter()
    sum(range(30_000_000))
    print(f"machine: reference loop {time.perf_counter() - begun:.2f} s (bench_ingest.py's)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--skip-map", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--misses", action="store_true", help="List the tweets not matched first.")
    parser.add_argument("--rounds", type=int, default=3, help="Ingest runs with and without.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_map:
            clef_map(args.data, Path(tmp), args.misses)
        if not args.skip_speed:
            speed(args.synthetic, args.articles, Path(tmp), args.rounds)


if __name__ == "__main__":
    main()
