"""Matching quality: our own labelled pairs, and small stories told by several outlets.

    python bench/bench_pairs.py [-v]

Pairs (bench/pairs.tsv: category, expected, a, b) are compared two by two;
the expected verdict is ``same``, ``drift``, ``truncated`` (the same quote,
worded apart or cut short), ``conflict`` (one figure apart) or ``apart``
(not the same fact, no conflict). Stories (bench/stories.tsv: story, outlet,
fact, text) become one article per outlet, ingested and matched as
`workbench ingest` does. A fact label ``f@x`` is figure x of fact f (two
figures are two facts, and a conflict between them must be flagged), ``f~x``
version x of a quote (one group, drift flagged), ``f^cut`` a version cut
short (one group, a truncation flagged), ``-`` a sentence of its own.

Goals (issue 13): pair accuracy >= 95% on >= 150 pairs; group purity >= 97%,
no chained group, every planted conflict flagged, no false drift flag.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from workbench.core.flags import Flag
from workbench.core.ingest import ingest
from workbench.core.matching import match
from workbench.core.matching.features import features
from workbench.core.matching.pairs import LinkKind, PairRelation, compare
from workbench.core.matching.quotes import QuoteRelation
from workbench.core.models import Claim, FlagKind
from workbench.core.store import Store
from workbench.core.text.claims import assess


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


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


def label(verdict: PairRelation) -> str:
    if verdict.kind is LinkKind.SAME:
        return {QuoteRelation.DRIFT: "drift", QuoteRelation.TRUNCATED: "truncated"}.get(
            verdict.detail, "same"
        )
    return "conflict" if verdict.kind is LinkKind.CONFLICT else "apart"


def bench_pairs(verbose: bool) -> float:
    rows = read(HERE / "pairs.tsv")
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        a = features(claim(row["a"], 1, 1))
        b = features(claim(row["b"], 2, 2))
        verdict = compare(a, b)
        got = label(verdict)
        total[row["category"]] += 1
        if got == row["expected"]:
            right[row["category"]] += 1
        elif verbose:
            print(f"  miss [{row['category']}] want {row['expected']}, got {got}")
            print(f"       {row['a']}\n       {row['b']}")
    for category in total:
        print(f"  {category:<10} {right[category]:>3}/{total[category]:<3}")
    accuracy = sum(right.values()) / sum(total.values())
    print(f"pair accuracy: {accuracy:.1%} of {sum(total.values())} pairs (goal >= 95%)")
    return accuracy


def write_articles(folder: Path) -> tuple[list[Path], dict[str, list[tuple[str, str]]]]:
    """One article per story and outlet; (fact, text) of each line, by file name."""
    lines: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in read(HERE / "stories.tsv"):
        lines[f"{row['story']}-{row['outlet'].lower()}.txt"].append((row["fact"], row["text"]))
    folder.mkdir(parents=True)
    paths = []
    for name, sentences in lines.items():
        story, outlet = name[:-4].split("-")
        body = "\n\n".join(text for _fact, text in sentences)
        path = folder / name
        path.write_text(f"The {story} as the {outlet} tells it\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths, dict(lines)


def facts_of(store: Store, lines: dict[str, list[tuple[str, str]]]) -> dict[int, str]:
    """claim id -> the fact label of the line it comes from (a label of its own for '-')."""
    name_of = {d.id: Path(d.path).name for d in store.document_meta()}
    found = {}
    for listed in store.list_claims():
        item = listed.claim
        assert item.id is not None
        name = name_of.get(item.document_id or 0, "")
        fact = f"?{item.id}"
        for index, (label_, text) in enumerate(lines.get(name, [])):
            if item.text.strip() in text or text in item.text:
                fact = label_ if label_ != "-" else f"-{name}-{index}"
                break
        found[item.id] = fact
    return found


def key(fact: str) -> str:
    """The fact a label states: figures apart, versions of a quote together."""
    return fact.split("~")[0].split("^")[0]


def base(fact: str) -> str:
    return key(fact).split("@")[0]


def bench_stories(verbose: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        paths, lines = write_articles(Path(tmp, "stories"))
        with Store(Path(tmp, "stories.db")) as store:
            # Every labelled sentence a claim: this measures matching, not check-worthiness.
            ingest(store, paths, min_score=0)
            match(store)
            result = story_figures(store, lines, verbose)
        with Store(Path(tmp, "step.db")) as step:
            for path in paths:
                ingest(step, [path], min_score=0)
                match(step)
            before = partition(step)
            match(step, rebuild=True)
            same = partition(step) == before
        print(f"incremental matching gives the groups of a rebuild: {'yes' if same else 'NO'}")
    return result


def partition(store: Store) -> set[frozenset[str]]:
    groups: defaultdict[int, set[str]] = defaultdict(set)
    for listed in store.list_claims():
        if listed.claim.group_id is not None:
            groups[listed.claim.group_id].add(listed.claim.text)
    return {frozenset(g) for g in groups.values()}


def story_figures(
    store: Store, lines: dict[str, list[tuple[str, str]]], verbose: bool
) -> dict[str, float]:
    fact = facts_of(store, lines)
    texts = {c.claim.id: c.claim.text for c in store.list_claims()}
    members: defaultdict[int, list[int]] = defaultdict(list)
    for listed in store.list_claims():
        if listed.claim.group_id is not None and listed.claim.id is not None:
            members[listed.claim.group_id].append(listed.claim.id)
    groups = [ids for ids in members.values() if len(ids) > 1]
    pure = sum(Counter(key(fact[i]) for i in ids).most_common(1)[0][1] for ids in groups)
    size = sum(len(ids) for ids in groups)
    mixed = [ids for ids in groups if len({key(fact[i]) for i in ids}) > 1]
    chained = [ids for ids in mixed if len(ids) >= 3]
    for ids in mixed if verbose else []:
        print("  mixed group:", [(fact[i], texts[i][:60]) for i in ids])
    # Claims of one fact from different outlets that share a group (recall, for information).
    by_fact: defaultdict[str, list[int]] = defaultdict(list)
    for claim_id, label_ in fact.items():
        by_fact[key(label_)].append(claim_id)
    group_of = {i: g for g, ids in members.items() for i in ids}
    together = total = 0
    for ids in by_fact.values():
        for x in ids:
            for y in ids:
                if x < y:
                    total += 1
                    together += group_of.get(x) == group_of.get(y)
    flags = store.all_flags()
    planted = {
        base(f)
        for f in fact.values()
        if "@" in f and len({key(g) for g in fact.values() if base(g) == base(f)}) > 1
    }
    flagged_conflicts = {
        base(fact[f.claim_a])
        for f in flags
        if f.kind is FlagKind.NUMBER_CONFLICT
        and base(fact[f.claim_a]) == base(fact[f.claim_b])
        and key(fact[f.claim_a]) != key(fact[f.claim_b])
    }
    false_conflicts = [
        f
        for f in flags
        if f.kind is FlagKind.NUMBER_CONFLICT
        and not (
            base(fact[f.claim_a]) == base(fact[f.claim_b])
            and key(fact[f.claim_a]) != key(fact[f.claim_b])
        )
    ]

    def versions(flag: Flag, mark: str) -> bool:
        a, b = fact[flag.claim_a], fact[flag.claim_b]
        return key(a) == key(b) and a != b and (mark in a or mark in b)

    drift = [f for f in flags if f.kind is FlagKind.QUOTE_DRIFT]
    cut = [f for f in flags if f.kind is FlagKind.QUOTE_TRUNCATED]
    false_drift = [f for f in drift if not versions(f, "~")]
    false_cut = [f for f in cut if not versions(f, "^")]
    wanted_drift = {key(f) for f in fact.values() if "~" in f}
    wanted_cut = {key(f) for f in fact.values() if "^" in f}
    found_drift = {key(fact[f.claim_a]) for f in drift} - {
        key(fact[f.claim_a]) for f in false_drift
    }
    found_cut = {key(fact[f.claim_a]) for f in cut} - {key(fact[f.claim_a]) for f in false_cut}
    for flag in (false_drift + false_cut + false_conflicts) if verbose else []:
        print(
            "  false flag:",
            flag.kind.value,
            texts[flag.claim_a][:60],
            "|",
            texts[flag.claim_b][:60],
        )
    purity = pure / size if size else 1.0
    print(
        f"stories: {len(lines)} articles, {len(fact)} claims, {len(groups)} groups of more than "
        f"one claim"
    )
    print(f"group purity: {purity:.1%} (goal >= 97%); groups mixing facts: {len(mixed)}")
    print(f"chained groups (three or more claims, more than one fact): {len(chained)} (goal 0)")
    print(f"claims of one fact grouped together: {together}/{total} pairs")
    print(
        f"planted conflicts flagged: {len(flagged_conflicts & planted)}/{len(planted)}; "
        f"other conflict flags: {len(false_conflicts)}"
    )
    print(
        f"quote drift flagged: {len(found_drift & wanted_drift)}/{len(wanted_drift)}; "
        f"false drift flags: {len(false_drift)} (goal 0)"
    )
    print(
        f"quotes cut short flagged: {len(found_cut & wanted_cut)}/{len(wanted_cut)}; "
        f"false truncation flags: {len(false_cut)}"
    )
    return {"purity": purity, "chained": len(chained), "false_drift": len(false_drift)}


def bench_headlines(path: Path, sample: int = 1500) -> None:
    """Claims against their fact-checkers' headlines (CLEF 2020 task 2 verified claims).

    Development data, not ours: each claim and its headline state one fact in
    other words (recall); a claim against the other headlines that share two
    blocking keys with it is another fact (false "same").
    """
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["vclaim"] and r["title"]]
    rows = random.Random(1).sample(rows, min(sample, len(rows)))
    pairs = [
        (
            features(claim(r["vclaim"], 2 * i + 1, 2 * i + 1)),
            features(claim(r["title"], 2 * i + 2, 2 * i + 2)),
        )
        for i, r in enumerate(rows)
    ]
    same = sum(compare(a, b).kind is LinkKind.SAME for a, b in pairs)
    tried = wrong = 0
    for i, (a, _title) in enumerate(pairs):
        for j, (_claim, b) in enumerate(pairs):
            if i != j and len(a.keys() & b.keys()) >= 2:
                tried += 1
                wrong += compare(a, b).kind is LinkKind.SAME
    print(
        f"headlines: {same}/{len(pairs)} claims the same fact as their headline; "
        f"{wrong}/{tried} other headlines sharing two keys taken for the same fact"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="show every miss")
    parser.add_argument(
        "--headlines",
        type=Path,
        help="also compare claims with their headlines: CLEF 2020 task 2 verified_claims.docs.tsv",
    )
    args = parser.parse_args()
    bench_pairs(args.verbose)
    bench_stories(args.verbose)
    if args.headlines:
        bench_headlines(args.headlines)


if __name__ == "__main__":
    main()
