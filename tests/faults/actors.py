"""Processes the fault suite starts, kills and checks.

Run as ``python -m tests.faults.actors ROLE DB SEED [SECONDS]`` from the
repository root. Each actor writes through the store API (or the CLI) and
prints one line per action only *after* the store has committed it::

    done mark <claim id> <verdict id> <verdict>
    done cite <claim id> <citation id>
    done undo <claim id>
    done redo <claim id>

So every line the parent reads names work the user was told is saved; the
checks then demand that each such write is in the database.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from workbench.core.ingest import ingest
from workbench.core.matching import match
from workbench.core.models import VERDICTS as VERDICTS_GIVEN, Citation, SourceKind, Stance
from workbench.core.store import Store

VERDICTS = list(VERDICTS_GIVEN)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def writer(db: Path, seed: int, seconds: float) -> None:
    """Marks, cites, undoes and redoes at random until time runs out (or a kill)."""
    rng = random.Random(seed)
    reviewer = f"writer{seed % 3}"
    with Store(db) as store:
        ids = [item.claim.id for item in store.list_claims() if item.claim.id is not None]
        _say("ready")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            claim_id = rng.choice(ids)
            roll = rng.random()
            if roll < 0.45:
                verdict = rng.choice(VERDICTS)
                row = store.mark(claim_id, verdict, reviewer, note=f"n{rng.randrange(1000)}")
                _say(f"done mark {claim_id} {row.id} {verdict.value}")
            elif roll < 0.65:
                verdict = rng.choice(VERDICTS)
                citation = Citation(
                    id=None,
                    claim_id=claim_id,
                    source=f"https://example.org/{rng.randrange(10**6)}",
                    source_kind=SourceKind.URL,
                    quote="a quoted passage",
                    stance=Stance.SUPPORTS,
                    reviewer=reviewer,
                )
                row = store.mark(claim_id, verdict, reviewer, citation=citation)
                _say(f"done mark {claim_id} {row.id} {verdict.value}")
            elif roll < 0.72:
                verdict = rng.choice(VERDICTS)
                rows = store.mark_group(claim_id, verdict, reviewer, note="for the group")
                for row in rows:
                    _say(f"done mark {row.claim_id} {row.id} {verdict.value}")
            elif roll < 0.87:
                undone = store.undo(reviewer)
                if undone is not None:
                    _say(f"done undo {undone[0]}")
            else:
                redone = store.redo(reviewer)
                if redone is not None:
                    _say(f"done redo {redone[0]}")


def cli_writer(db: Path, seed: int, seconds: float) -> None:
    """Marks through the ``workbench`` command, one process per verdict, as a user would."""
    rng = random.Random(seed)
    with Store(db) as store:
        ids = [item.claim.id for item in store.list_claims() if item.claim.id is not None]
    _say("ready")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        claim_id = rng.choice(ids)
        verdict = rng.choice(VERDICTS)
        note = f"c{seed}-{rng.randrange(10**9)}"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "workbench",
                "mark",
                "--db",
                str(db),
                str(claim_id),
                verdict.value,
                "--reviewer",
                f"cli{seed}",
                "--note",
                note,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            _say(f"done climark {claim_id} {note} {verdict.value}")
        else:
            _say("error " + done.stderr.strip().replace("\n", " | "))


def ingester(db: Path, seed: int, seconds: float) -> None:
    """Takes in a new small article again and again, as a second desk member might."""
    folder = db.parent / f"incoming-{seed}"
    folder.mkdir(exist_ok=True)
    with Store(db) as store:
        _say("ready")
        deadline = time.monotonic() + seconds
        number = 0
        while time.monotonic() < deadline:
            number += 1
            article = folder / f"article-{number}.txt"
            article.write_text(
                f"Report number {number}\n\n"
                f"The council said {number * 7} homes were flooded in March 2024, "
                f"up from {number * 3} a year earlier. "
                f'"We replaced {number + 40} pumps," said Dana Ortiz, the council\'s engineer.\n',
                encoding="utf-8",
            )
            report = ingest(store, [article])
            if not report.ok:
                _say("error ingest failed")
                continue
            match(store)
            _say(f"done ingest {number} {report.claims}")


ROLES = {"writer": writer, "cli": cli_writer, "ingest": ingester}

if __name__ == "__main__":
    role, db_path, seed_text = sys.argv[1:4]
    seconds_text = sys.argv[4] if len(sys.argv) > 4 else "3600"
    try:
        ROLES[role](Path(db_path), int(seed_text), float(seconds_text))
    except Exception as error:  # the parent reads this line and fails the test
        _say(f"error {type(error).__name__}: {error}")
        raise
