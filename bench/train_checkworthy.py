"""Learn the check-worthiness weights that ship in workbench/core/text/checkworthy.json.

    pip install -e '.[dev]'        # scikit-learn, for training only
    python bench/train_checkworthy.py [--data ../shared/data] [--out PATH]

Training data: the ClaimBuster development half (US presidential debates,
label 1 = check-worthy factual sentence) and bench/checkworthy_news.tsv, news
sentences we wrote ourselves for what debates lack (official findings,
decisions and actions, opinion quotes, background). The model is a logistic
regression over the cues of workbench.core.text.checkworthy and the sentence's
words seen in at least MIN_DF training sentences. Weights too
small to matter are dropped to keep the file small.

The threshold for the queue is the score that maximises the check-worthy
class F1 over 5-fold cross-validated scores on ClaimBuster, rounded to 0.05.
The weight of the ``lead`` cue is set by hand (LEAD_WEIGHT): no debate has a lead.

ClaimBuster dataset, Arslan, Hassan, Li, Tremayne, ICWSM 2020, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from devdata import data_dir  # noqa: E402

from workbench.core.text import checkworthy  # noqa: E402
from workbench.core.text.claims import assess  # noqa: E402

DATA = data_dir() or ROOT.parent / "shared" / "data"
NEWS = Path(__file__).resolve().parent / "checkworthy_news.tsv"
OUT = ROOT / "workbench" / "core" / "text" / checkworthy.WEIGHTS_FILE

C = 0.5  # inverse regularisation strength, chosen by cross-validation (see --tune)
MIN_DF = 2  # a word or pair must occur in this many training sentences
NEWS_WEIGHT = 2.0  # each of our news sentences counts this many times
PRUNE = 0.1  # weights smaller than this are left out of the file
LEAD_WEIGHT = 5.0  # hand-set: a lead states the news, so it outranks all but the strongest claims
ATTRIBUTION = (
    "Weights learned from the ClaimBuster dataset, Arslan, Hassan, Li, Tremayne, ICWSM 2020 "
    "(CC BY 4.0, https://doi.org/10.5281/zenodo.3609356), and news sentences written for "
    "workbench; trained by bench/train_checkworthy.py."
)

_ZERO = checkworthy.Model(0.0, {}, {}, 0.5)


@attrs.frozen
class Example:
    text: str
    label: int
    cues: dict[str, float]
    words: frozenset[str]
    weight: float = 1.0


def featurise(text: str) -> tuple[dict[str, float], frozenset[str]]:
    """The cues and word features of one sentence, exactly as scoring sees them."""
    real = checkworthy.model
    checkworthy.model = lambda: _ZERO  # type: ignore[assignment]
    try:
        found = assess(text)
    finally:
        checkworthy.model = real  # type: ignore[method-assign]
    if found.cues is None:
        return {}, frozenset()
    cues = {key: value for key, value, _ in checkworthy.cue_features(found.cues)}
    return cues, frozenset(checkworthy.word_features(found.cues))


def claimbuster(data: Path = DATA) -> list[Example]:
    path = data / "claimbuster" / "claimbuster_dev.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [_example(row["text"], int(row["label"])) for row in rows]


def news(path: Path = NEWS) -> list[Example]:
    """Our own news sentences: ``label<TAB>text``, ``#`` lines are comments."""
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text = line.split("\t", 1)
        examples.append(_example(text, int(label), NEWS_WEIGHT))
    return examples


def clef(data: Path = DATA) -> dict[str, list[tuple[str, int]]]:
    """CLEF-2019 task 1 training debates: file name -> [(sentence, label)]."""
    files = {}
    for path in sorted((data / "clef2019-train").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        files[path.name] = [(row[2], int(row[3])) for row in rows if len(row) >= 4]
    return files


def _example(text: str, label: int, weight: float = 1.0) -> Example:
    cues, words = featurise(text)
    return Example(text, label, cues, words, weight)


def vocabulary(examples: Iterable[Example], min_df: int = MIN_DF) -> list[str]:
    counts: Counter[str] = Counter()
    for example in examples:
        counts.update(example.words)
    return sorted(gram for gram, n in counts.items() if n >= min_df)


def fit(examples: Sequence[Example], *, c: float = C, min_df: int = MIN_DF) -> checkworthy.Model:
    """A logistic regression on ``examples``, as a pure-Python model."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    cue_keys = sorted({key for example in examples for key in example.cues})
    grams = vocabulary(examples, min_df)
    column = {("cue", key): i for i, key in enumerate(cue_keys)}
    column.update({("gram", gram): len(cue_keys) + i for i, gram in enumerate(grams)})
    rows, cols, values = [], [], []
    for i, example in enumerate(examples):
        for key, value in example.cues.items():
            rows.append(i)
            cols.append(column["cue", key])
            values.append(value)
        for gram in example.words:
            if ("gram", gram) in column:
                rows.append(i)
                cols.append(column["gram", gram])
                values.append(1.0)
    matrix = csr_matrix((values, (rows, cols)), shape=(len(examples), len(column)))
    labels = [example.label for example in examples]
    weights = [example.weight for example in examples]
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    model.fit(matrix, labels, sample_weight=weights)
    coef = model.coef_[0]
    cue_weights = {key: round(float(coef[column["cue", key]]), 4) for key in cue_keys}
    cue_weights["lead"] = LEAD_WEIGHT
    gram_weights = {
        gram: round(float(coef[column["gram", gram]]), 3)
        for gram in grams
        if abs(coef[column["gram", gram]]) >= PRUNE
    }
    return checkworthy.Model(float(model.intercept_[0]), cue_weights, gram_weights, 0.5)


def score(model: checkworthy.Model, example: Example) -> float:
    """The model's score from precomputed features (the same sum as Model.weigh)."""
    z = model.bias + sum(model.cues.get(k, 0.0) * v for k, v in example.cues.items())
    z += sum(model.words.get(g, 0.0) for g in example.words)
    return checkworthy._sigmoid(z)


def best_threshold(labels: Sequence[int], scores: Sequence[float]) -> float:
    """The threshold (a multiple of 0.05) with the highest positive-class F1."""
    best, best_f1 = 0.5, -1.0
    for step in range(1, 20):
        threshold = step / 20
        f1 = f1_score(labels, [s >= threshold for s in scores])
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


def f1_score(labels: Sequence[int], predicted: Sequence[bool]) -> float:
    tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted, strict=True) if y and not p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def folds(n: int, k: int = 5, seed: int = 13) -> list[list[int]]:
    """k disjoint index lists covering range(n), shuffled deterministically."""
    import random

    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def cross_scores(
    examples: Sequence[Example], extra: Sequence[Example] = (), **options: float
) -> list[float]:
    """Out-of-fold scores for ``examples``; ``extra`` is added to every training fold."""
    scores = [0.0] * len(examples)
    for held in folds(len(examples)):
        out = set(held)
        train = [e for i, e in enumerate(examples) if i not in out] + list(extra)
        model = fit(train, **options)  # type: ignore[arg-type]
        for i in held:
            scores[i] = score(model, examples[i])
    return scores


def write(model: checkworthy.Model, threshold: float, out: Path) -> None:
    payload = {
        "about": ATTRIBUTION,
        "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
        "threshold": threshold,
        "bias": round(model.bias, 4),
        "cues": dict(sorted(model.cues.items())),
        "words": dict(sorted(model.words.items())),
    }
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--tune", action="store_true", help="print CV F1 over a grid of C")
    args = parser.parse_args()
    debates = claimbuster(args.data)
    ours = news()
    labels = [e.label for e in debates]
    if args.tune:
        for c in (0.1, 0.2, 0.3, 0.5, 1.0):
            for min_df in (2, 3, 5):
                scores = cross_scores(debates, ours, c=c, min_df=min_df)
                t = best_threshold(labels, scores)
                f1 = f1_score(labels, [s >= t for s in scores])
                print(f"C={c:<4} min_df={min_df}: F1 {f1:.3f} at {t:.2f}")
    scores = cross_scores(debates, ours)
    threshold = best_threshold(labels, scores)
    model = fit([*debates, *ours])
    write(model, threshold, args.out)
    size = args.out.stat().st_size
    print(
        f"{len(debates)} ClaimBuster + {len(ours)} news sentences; "
        f"{len(model.cues)} cues, {len(model.words)} word features; threshold {threshold:.2f}; "
        f"{args.out} ({size / 1000:.0f} KB)"
    )


if __name__ == "__main__":
    main()
