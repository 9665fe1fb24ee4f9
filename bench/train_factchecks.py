"""Fit the fact-check reranking weights that ship in workbench/core/factchecks/rerank.json.

    pip install -e '.[dev]'        # scikit-learn, for fitting only
    python bench/train_factchecks.py [--data ../shared/data/clef2020-t2] [--out PATH]

Data: the CLEF CheckThat! 2020 task 2 development set (197 tweets, each with the
Snopes claim it repeats, in a pool of 10,375). Every tweet goes through the
same search as ``workbench factchecks search``; each candidate the index finds
gets the features of workbench.core.factchecks.rerank.

1. Ranking: a pairwise logistic regression (the right fact-check against each
   wrong one of the same tweet, both orders) gives the feature weights.
2. Calibration: a one-feature logistic regression of "is the right one" on
   that weighted sum turns it into a probability: the shipped weights and bias
   are the ranking weights scaled by it. The regression is fitted on each
   tweet's best candidate and on its best wrong one (as if the right fact-check had not been published, which is the
   case of most claims), so the score says how likely a text's best match is
   the same claim.
3. A match is stored and shown as "checked before" from a score (facts'
   agreement included) and a share of the fact-check's claim words (by idf)
   that the text holds: the pair of limits, in steps of 0.05 and 0.1, that
   shows the most right first matches while at least PRECISION of the first
   matches shown (each tweet with the right one in the pool, and without it)
   are right. A sentence of an article that shares a topic but not the claim
   with a fact-check is what the second limit stops. Facts that conflict
   (other numbers of a unit, other years) keep a match out too, a rule of
   finding.py, not fitted. The pool repeats some claims word for word but for
   their quotation marks: such a copy of the right one counts as right here
   (not in MAP@5).

The CLEF data is "free for general research use"; what ships is seven numbers
fitted on it, not the data.

Every figure is also given 5-fold cross-validated over the tweets (five
shuffles): the weights are fitted on four fifths and measured on the rest, so
the figure says what to expect on tweets the weights never saw.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from devdata import data_dir  # noqa: E402

from workbench.core.factchecks.finding import FactCheckIndex, candidate_features  # noqa: E402
from workbench.core.factchecks.importing import import_factchecks  # noqa: E402
from workbench.core.factchecks.rerank import FEATURES, Model  # noqa: E402
from workbench.core.factchecks.text import words  # noqa: E402
from workbench.core.store import Store  # noqa: E402

OUT = ROOT / "workbench" / "core" / "factchecks" / "rerank.json"
PRECISION = 0.98  # of the first matches shown as "checked before", on the development tweets
from workbench.core.factchecks.finding import FACTS_READ  # noqa: E402

FOLDS, SHUFFLES = 5, 5


@attrs.frozen
class Candidate:
    url: str
    values: tuple[float, ...]
    agreement: float
    right: bool  # the fact-check the task names
    same: bool  # that one or a copy of it (the pool repeats some claims with other quotes)


Tweets = dict[str, list[Candidate]]


def read_tsv(path: Path) -> list[list[str]]:
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t"))[1:]


def load(data: Path, tmp: Path) -> tuple[Tweets, dict[str, set[str]]]:
    """Each dev tweet's candidates with their features, and the right claim ids."""
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
        writer.writerows(pool)
    claims = {row[0]: " ".join(words(row[1])) for row in pool}
    found: Tweets = {}
    with Store(tmp / "clef.db") as store:
        import_factchecks(store, [pool_csv])
        index = FactCheckIndex(store)
        for tweet_id, text in tweets.items():
            right = relevant.get(tweet_id, set())
            copies = {claims[url] for url in right}
            found[tweet_id] = [
                Candidate(fc.url, values, factor, fc.url in right, claims[fc.url] in copies)
                for fc, values, factor in candidate_features(store, text, index)
            ]
    return found, relevant


def fit(tweets: Tweets, ids: Sequence[str]) -> Model:
    """Ranking weights from pairs, scaled into a probability by one more regression."""
    from sklearn.linear_model import LogisticRegression

    pairs, labels = [], []
    for tweet in ids:
        rights = [c.values for c in tweets[tweet] if c.right]
        for right in rights:
            for wrong in (c.values for c in tweets[tweet] if not c.right):
                difference = [a - b for a, b in zip(right, wrong, strict=True)]
                pairs += [difference, [-d for d in difference]]
                labels += [1, 0]
    ranker = LogisticRegression(C=1.0, fit_intercept=False, max_iter=5000)
    ranker.fit(pairs, labels)
    weights = [float(w) for w in ranker.coef_[0]]
    # The score is to say whether a text's best match states the same claim: it is
    # calibrated on each tweet's best candidate, and on its best wrong one (as if the
    # right fact-check had not been published, the case of most claims).
    sums, rights = [], []
    for tweet in ids:
        scored = [
            (sum(w * v for w, v in zip(weights, c.values, strict=True)), c) for c in tweets[tweet]
        ]
        for pool in (scored, [(z, c) for z, c in scored if not c.right]):
            if pool:
                z, best = max(pool, key=lambda pair: pair[0])
                sums.append([z])
                rights.append(int(best.same))
    scaler = LogisticRegression(C=1.0, max_iter=5000)
    scaler.fit(sums, rights)
    scale, bias = float(scaler.coef_[0][0]), float(scaler.intercept_[0])
    return Model(
        {name: round(w * scale, 4) for name, w in zip(FEATURES, weights, strict=True)},
        round(bias, 4),
        0.5,
        0.0,
    )


def ranked(model: Model, candidates: list[Candidate]) -> list[tuple[float, Candidate]]:
    """As FactCheckIndex.rank: by probability, the facts of the best lowering theirs."""
    scored = sorted(
        ((model.probability(c.values), c) for c in candidates), key=lambda pair: -pair[0]
    )[:FACTS_READ]
    return sorted(
        ((round(min(1.0, p * c.agreement), 4), c) for p, c in scored), key=lambda pair: -pair[0]
    )


def map_at_5(results: dict[str, list[str]], relevant: dict[str, set[str]]) -> float:
    total = 0.0
    for query, wanted in relevant.items():
        hits, precision = 0, 0.0
        for rank, found in enumerate(results.get(query, [])[:5], start=1):
            if found in wanted:
                hits += 1
                precision += hits / rank
        total += precision / min(len(wanted), 5)
    return total / len(relevant)


COVERED = FEATURES.index("covered")
Listing = list[tuple[float, float, bool]]  # (score, share of its claim covered, right) best first


def listings(model: Model, tweets: Tweets, ids: Sequence[str]) -> list[Listing]:
    """Each tweet's ranked candidates, and again with the right fact-check taken out
    of the pool (as for a claim nobody has checked)."""
    found = []
    for tweet in ids:
        for pool in (tweets[tweet], [c for c in tweets[tweet] if not c.right]):
            found.append([(s, c.values[COVERED], c.same) for s, c in ranked(model, pool)])
    return found


def shown(listed: list[Listing], threshold: float, covered: float) -> tuple[int, int]:
    """(right, wrong) first matches shown as "checked before" with these limits."""
    right = wrong = 0
    for listing in listed:
        first = next((same for s, c, same in listing if s >= threshold and c >= covered), None)
        if first is not None:
            right += first
            wrong += not first
    return right, wrong


def limits_for(listed: list[Listing], precision: float) -> tuple[float, float]:
    """The score threshold and covered share (steps of 0.05 and 0.1) that show the most
    right matches while at least ``precision`` of those shown are right."""
    best = (0, 0.95, 0.9)
    for t in range(1, 20):
        for c in range(0, 10):
            right, wrong = shown(listed, t / 20, c / 10)
            if right + wrong and right / (right + wrong) >= precision and right > best[0]:
                best = (right, t / 20, c / 10)
    return best[1], best[2]


@attrs.frozen
class Figures:
    map5: float
    threshold: float
    precision: float  # of the best matches at or above the threshold
    shown: float  # share of tweets whose best match is shown (at or above it)


def measure(
    model: Model, tweets: Tweets, relevant: dict[str, set[str]], ids: Sequence[str]
) -> tuple[float, list[Listing]]:
    results = {tweet: [c.url for _s, c in ranked(model, tweets[tweet])] for tweet in ids}
    return map_at_5(results, {t: relevant[t] for t in ids}), listings(model, tweets, ids)


def cross_validated(
    tweets: Tweets, relevant: dict[str, set[str]], threshold: float, covered: float
) -> tuple[float, float, float, list[float]]:
    """MAP@5, and the precision and the right matches shown with these limits, fitted on
    four fifths and measured on the fifth, averaged over shuffles; each shuffle's MAP@5."""
    import random

    ids = sorted(relevant)
    maps: list[float] = []
    precisions: list[float] = []
    rights: list[int] = []
    for seed in range(SHUFFLES):
        order = ids[:]
        random.Random(seed).shuffle(order)
        results: dict[str, list[str]] = {}
        listed: list[Listing] = []
        for fold in range(FOLDS):
            held = order[fold::FOLDS]
            model = fit(tweets, [t for t in order if t not in set(held)])
            for tweet in held:
                results[tweet] = [c.url for _s, c in ranked(model, tweets[tweet])]
            listed += listings(model, tweets, held)
        maps.append(map_at_5(results, relevant))
        right, wrong = shown(listed, threshold, covered)
        precisions.append(right / (right + wrong) if right + wrong else 1.0)
        rights.append(right)
    return statistics.mean(maps), statistics.mean(precisions), statistics.mean(rights), maps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    shared = data_dir()
    parser.add_argument(
        "--data", type=Path, default=shared / "clef2020-t2" if shared else Path("clef2020-t2")
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--precision", type=float, default=PRECISION)
    parser.add_argument("--dry-run", action="store_true", help="Print figures, write nothing.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tweets, relevant = load(args.data, Path(tmp))
    ids = sorted(relevant)
    model = fit(tweets, ids)
    dev_map, listed = measure(model, tweets, relevant, ids)
    threshold, covered = limits_for(listed, args.precision)
    model = attrs.evolve(model, threshold=threshold, covered_min=covered)
    cv_map, cv_precision, cv_right, maps = cross_validated(tweets, relevant, threshold, covered)
    right, wrong = shown(listed, threshold, covered)
    reach = sum(any(c.right for c in tweets[t]) for t in ids) / len(ids)
    print(f"candidates: the right fact-check is among them for {reach:.1%} of the tweets")
    print(f"MAP@5 dev (fitted on all of it): {dev_map:.3f}")
    print(f"MAP@5 5-fold CV x{SHUFFLES}: {cv_map:.3f} ({' '.join(f'{m:.3f}' for m in maps)})")
    print(
        f"checked before from score {threshold:.2f} with {covered:.0%} of the fact-check's claim "
        f"covered (first match shown, {len(listed)} lists: each tweet with and without the right "
        f"fact-check in the pool): dev {right} right, {wrong} wrong "
        f"(precision {right / max(1, right + wrong):.3f}); CV {cv_right:.0f} right, "
        f"precision {cv_precision:.3f}"
    )
    print(
        "weights:",
        ", ".join(f"{k} {v:+.3f}" for k, v in model.weights.items()),
        f"bias {model.bias:+.3f}",
    )
    if args.dry_run:
        return
    args.out.write_text(
        json.dumps(
            {
                "about": (
                    "Reranking weights for matching published fact-checks, fitted by "
                    "bench/train_factchecks.py on the CLEF CheckThat! 2020 task 2 development "
                    f"set; MAP@5 there {dev_map:.3f}, {cv_map:.3f} 5-fold cross-validated. "
                    f"A match is 'checked before' from score {threshold} with {covered:.0%} of "
                    "the fact-check's claim in the text: the limits at which "
                    f"{args.precision:.0%} of the first matches shown on the development "
                    "tweets (with and without the right fact-check in the pool) are right."
                ),
                "features": list(FEATURES),
                "weights": model.weights,
                "bias": model.bias,
                "threshold": threshold,
                "covered_min": covered,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
