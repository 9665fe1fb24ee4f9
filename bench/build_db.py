"""A large claims database for the speed benches, built without the text pipeline.

    python bench/build_db.py OUT.db [--claims 1000000] [--reviewed 0.3]

Rows go straight into SQLite with ``executemany`` inside one store transaction
(the schema and its triggers come from ``Store``, so the database is what the
app opens), so a million claims take a minute or so, not the hour extraction
would. The claims are sentences of the bench corpus's templates (about 170
characters, as wire copy runs), in documents of 10 to 40, with a mix of kinds,
scores, statuses (``--reviewed`` of them carry a verdict row) and cross-source
groups. Prints the database size per 100,000 claims.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import TEMPLATES, story

from workbench.core.models import ClaimKind, Status
from workbench.core.store import Store
from workbench.core.store.passages import PASSAGE_INSERT, passage_rows

CLAIM_INSERT = (
    'INSERT INTO claims (id, document_id, text, kind, score, start, "end", sentence_index,'
    " paragraph_index, numbers, speaker, quote, status, reasons, stale, group_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', NULL, NULL, ?, '[]', 0, ?)"
)
DOCUMENT_INSERT = (
    "INSERT INTO documents (id, title, source, path, published, format, original_text,"
    " clean_text, content_hash, ingested_at) VALUES (?, ?, ?, ?, ?, 'text', ?, ?, ?, ?)"
)
VERDICT_INSERT = (
    "INSERT INTO verdicts (claim_id, verdict, reviewer, note, created_at, action)"
    " VALUES (?, ?, ?, ?, ?, 'mark')"
)
VERDICTS = (Status.SUPPORTED, Status.DISPUTED, Status.MIXED, Status.UNVERIFIABLE)
REVIEWERS = ("ann", "bob", "cy")
NOTES = ("", "", "checked against the council minutes", "the audit says otherwise")
BATCH = 20_000  # claims a round of executemany


def _documents(rng: random.Random, claims: int) -> Iterator[tuple[int, list[str]]]:
    """(document number, its sentences) until ``claims`` sentences are made."""
    made = number = 0
    facts = story(rng)
    while made < claims:
        if number % 4 == 0:  # four outlets report each story, as in the bench corpus
            facts = story(rng)
        count = min(rng.randint(10, 40), claims - made)
        yield number, [rng.choice(TEMPLATES).format(**facts) for _ in range(count)]
        made += count
        number += 1


def build(path: Path, claims: int, *, reviewed: float = 0.3, seed: int = 5) -> float:
    """Write a database of ``claims`` claims at ``path``; return its size in MB.

    ``reviewed`` is the share of claims that carry a verdict (and its status);
    about a fifth of the claims share a group with claims of other documents.
    """
    rng = random.Random(seed)
    kinds = [kind.value for kind in ClaimKind]
    claim_rows: list[tuple[object, ...]] = []
    doc_rows: list[tuple[object, ...]] = []
    passages: list[tuple[str, int, int, int]] = []
    verdict_rows: list[tuple[object, ...]] = []
    claim_id = 0
    now = "2026-01-01T00:00:00+00:00"
    with Store(path) as store, store.transaction():
        conn = store.db.conn

        def flush() -> None:
            conn.executemany(DOCUMENT_INSERT, doc_rows)
            conn.executemany(CLAIM_INSERT, claim_rows)
            conn.executemany(PASSAGE_INSERT, passages)
            conn.executemany(VERDICT_INSERT, verdict_rows)
            for rows in (doc_rows, claim_rows, passages, verdict_rows):
                rows.clear()

        for number, texts in _documents(rng, claims):
            doc_id = number + 1
            paragraphs = [" ".join(texts[i : i + 3]) for i in range(0, len(texts), 3)]
            body = "\n\n".join(paragraphs)
            doc_rows.append(
                (
                    doc_id,
                    f"Report {number} from {texts[0][:40]}",
                    f"outlet-{number % 40}",
                    f"bench/a{number:07d}.txt",
                    f"2026-{number % 12 + 1:02d}-{number % 28 + 1:02d}",
                    body,
                    body,
                    f"h{number}",
                    now,
                )
            )
            passages.extend(passage_rows(doc_id, body))
            position = 0
            for index, text in enumerate(texts):
                claim_id += 1
                status = Status.UNREVIEWED.value
                if rng.random() < reviewed:
                    status = rng.choice(VERDICTS).value
                    verdict_rows.append(
                        (claim_id, status, rng.choice(REVIEWERS), rng.choice(NOTES), now)
                    )
                # Claims of one story's four outlets at the same place share a group.
                group = (number // 4) * 64 + index if rng.random() < 0.2 else None
                claim_rows.append(
                    (
                        claim_id,
                        doc_id,
                        text,
                        rng.choice(kinds),
                        round(rng.random(), 3),
                        position,
                        position + len(text),
                        index,
                        index // 3,
                        status,
                        group,
                    )
                )
                position += len(text) + (2 if index % 3 == 2 else 1)
            if len(claim_rows) >= BATCH:
                flush()
        flush()
    return path.stat().st_size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path, help="the database to write (must not exist)")
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--reviewed", type=float, default=0.3, help="share with a verdict")
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists; give a new path")
    begun = time.perf_counter()
    size = build(args.out, args.claims, reviewed=args.reviewed)
    took = time.perf_counter() - begun
    print(f"database: {args.claims:,} claims in {took:.1f} s, {size:,.1f} MB")
    print(f"size per 100,000 claims: {size / max(args.claims, 1) * 100_000:,.1f} MB")


if __name__ == "__main__":
    main()
