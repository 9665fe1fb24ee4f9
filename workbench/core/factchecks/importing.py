"""Import published fact-checks into the store, idempotently by url."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from workbench.core.factchecks.reading import Problem, read_file
from workbench.core.factchecks.text import clean, terms
from workbench.core.published import FactCheck
from workbench.core.store import Store
from workbench.core.store.factchecks import IndexedFactCheck


@attrs.frozen
class ImportReport:
    added: int
    updated: int
    unchanged: int
    problems: int  # rows or objects that could not be read

    @property
    def read(self) -> int:
        return self.added + self.updated + self.unchanged


def indexed(factcheck: FactCheck) -> IndexedFactCheck:
    """A fact-check with the words of its claim and title, as the index holds them."""
    return IndexedFactCheck(
        factcheck, tuple(terms(clean(factcheck.claim))), tuple(terms(clean(factcheck.title)))
    )


def import_factchecks(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    on_problem: Callable[[str], None] | None = None,
) -> ImportReport:
    """Read every file and save its fact-checks in one transaction.

    A url seen before is updated when its fact-check changed and left alone
    when not, so importing a file twice adds nothing. Each row or object that
    cannot be read is reported through ``on_problem`` (one line naming it);
    the others go in all the same.
    """
    items: list[IndexedFactCheck] = []
    problems = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: Iterable[FactCheck | Problem] = [Problem(f"{path}: a folder, not a file")]
        elif not path.exists():
            found = [Problem(f"{path}: no such file")]
        else:
            found = read_file(path)
        for item in found:
            if isinstance(item, Problem):
                problems += 1
                if on_problem is not None:
                    on_problem(item.message)
            else:
                items.append(indexed(item))
    counts = store.save_factchecks(items, store.clock())
    return ImportReport(counts.added, counts.updated, counts.unchanged, problems)
