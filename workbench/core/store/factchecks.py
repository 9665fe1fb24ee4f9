"""SQL of published fact-checks: saving them, their search index, the claims they match."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import attrs

from workbench.core.published import CheckedBefore, FactCheck
from workbench.core.store.base import _translate_errors
from workbench.core.store.settings import SettingsStore

_STATS = "factchecks.stats"  # settings row: "<fact-checks> <words in all of them>"
_COLUMNS = "f.id, f.url, f.claim, f.title, f.rating, f.publisher, f.date"


FACTCHECK_MODEL = "factcheck_model"  # setting: the reranker the stored matches come from


@attrs.frozen
class IndexedFactCheck:
    """A fact-check with the words matching reads in its claim and its title."""

    factcheck: FactCheck
    claim_terms: tuple[str, ...]
    title_terms: tuple[str, ...]
    # Derived once: a fact-check is scored against many texts.
    terms: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    counts: Counter[str] = attrs.field(init=False, eq=False, repr=False)
    joined_claim: str = attrs.field(init=False, eq=False, repr=False)

    @terms.default
    def _all_terms(self) -> tuple[str, ...]:
        return self.claim_terms + self.title_terms

    @counts.default
    def _count(self) -> Counter[str]:
        return Counter(self.terms)

    @joined_claim.default
    def _join(self) -> str:
        return " ".join(self.claim_terms)


@attrs.frozen
class SaveCounts:
    added: int
    updated: int
    unchanged: int


def _factcheck(row: tuple[object, ...]) -> FactCheck:
    fc_id, url, claim, title, rating, publisher, date = row
    return FactCheck(
        id=int(str(fc_id)),
        url=str(url),
        claim=str(claim),
        title=str(title),
        rating=str(rating),
        publisher=str(publisher),
        date=str(date),
    )


class FactCheckStore(SettingsStore):
    """Reads and writes of fact-checks and of the claims they match."""

    # -- saving ------------------------------------------------------------------------

    @_translate_errors
    def save_factchecks(self, items: list[IndexedFactCheck], imported_at: str) -> SaveCounts:
        """Add new fact-checks, update changed ones (by url), in one transaction.

        A fact-check whose text changed loses its matches and is matched anew.
        """
        by_url = {item.factcheck.url: item for item in items}  # the last of a url wins
        added = updated = unchanged = 0
        with self._write():
            stored: dict[str, tuple[object, ...]] = {}
            urls = list(by_url)
            for chunk, marks in self._chunked(urls, 500):
                for row in self.db.execute(
                    f"SELECT id, url, claim, title, rating, publisher, date, claim_terms,"
                    f" title_terms FROM factchecks WHERE url IN ({marks})",
                    chunk,
                ).fetchall():
                    stored[row[1]] = row
            next_id = int(
                self.db.execute("SELECT coalesce(max(id), 0) FROM factchecks").fetchone()[0]
            )
            new_rows, index_rows, changed = [], [], []
            for url, item in by_url.items():
                fc = item.factcheck
                values = (fc.url, fc.claim, fc.title, fc.rating, fc.publisher, fc.date)
                claim_terms, title_terms = " ".join(item.claim_terms), " ".join(item.title_terms)
                old = stored.get(url)
                if old is None:
                    next_id += 1
                    new_rows.append(
                        (next_id, *values, claim_terms, title_terms, len(item.terms), imported_at)
                    )
                    index_rows.append((next_id, claim_terms, title_terms))
                    added += 1
                elif tuple(old[1:7]) == values:
                    unchanged += 1
                else:
                    changed.append((old, values, claim_terms, title_terms, len(item.terms)))
                    updated += 1
            self.db.conn.executemany(
                "INSERT INTO factchecks (id, url, claim, title, rating, publisher, date,"
                " claim_terms, title_terms, length, imported_at) VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new_rows,
            )
            self.db.conn.executemany(
                "INSERT INTO factchecks_fts (rowid, claim, title) VALUES (?, ?, ?)", index_rows
            )
            for old, values, claim_terms, title_terms, length in changed:
                fc_id = old[0]
                self.db.execute(
                    "INSERT INTO factchecks_fts (factchecks_fts, rowid, claim, title)"
                    " VALUES ('delete', ?, ?, ?)",
                    [fc_id, old[7], old[8]],
                )
                self.db.execute(
                    "INSERT INTO factchecks_fts (rowid, claim, title) VALUES (?, ?, ?)",
                    [fc_id, claim_terms, title_terms],
                )
                self.db.execute(
                    "UPDATE factchecks SET url = ?, claim = ?, title = ?, rating = ?,"
                    " publisher = ?, date = ?, claim_terms = ?, title_terms = ?, length = ?,"
                    " imported_at = ?, matched = 0 WHERE id = ?",
                    [*values, claim_terms, title_terms, length, imported_at, fc_id],
                )
                self.db.execute("DELETE FROM factcheck_matches WHERE factcheck_id = ?", [fc_id])
            # Matching reads these for every text: counting 100,000 rows each time
            # would cost more than the search itself.
            self.db.execute(
                "INSERT OR REPLACE INTO settings (key, value) SELECT ?,"
                " count(*) || ' ' || coalesce(sum(length), 0) FROM factchecks",
                [_STATS],
            )
        return SaveCounts(added, updated, unchanged)

    # -- the index ---------------------------------------------------------------------

    @_translate_errors
    def factcheck_stats(self) -> tuple[int, float]:
        """How many fact-checks there are, and their average length in words."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [_STATS]).fetchone()
        if row is None:
            return 0, 0.0
        count, words = (int(part) for part in row[0].split())
        return count, words / count if count else 0.0

    @_translate_errors
    def factcheck_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many fact-checks hold each of ``terms`` (terms none holds are left out)."""
        found: dict[str, int] = {}
        for chunk, marks in self._chunked(sorted(set(terms)), 500):
            found.update(
                self.db.execute(
                    f"SELECT term, doc FROM factchecks_vocab WHERE term IN ({marks})", chunk
                ).fetchall()
            )
        return found

    @_translate_errors
    def factcheck_postings(self, terms: Iterable[str]) -> dict[str, list[int]]:
        """The fact-checks that hold each of ``terms``."""
        found: dict[str, list[int]] = {}
        for chunk, marks in self._chunked(sorted(set(terms)), 500):
            for term, fc_id in self.db.execute(
                f"SELECT DISTINCT term, doc FROM factchecks_postings WHERE term IN ({marks})",
                chunk,
            ).fetchall():
                found.setdefault(term, []).append(fc_id)
        return found

    @_translate_errors
    def search_factchecks(self, terms: list[str], limit: int) -> list[int]:
        """Ids of the fact-checks holding any of ``terms``, best BM25 first."""
        quoted = ['"' + t.replace('"', '""') + '"' for t in terms if t.strip()]
        if not quoted:
            return []
        cursor = self.db.execute(
            "SELECT rowid FROM factchecks_fts WHERE factchecks_fts MATCH ? ORDER BY rank LIMIT ?",
            [" OR ".join(quoted), limit],
        )
        return [row[0] for row in cursor.fetchall()]

    @_translate_errors
    def indexed_factchecks(self, ids: Iterable[int]) -> dict[int, IndexedFactCheck]:
        found: dict[int, IndexedFactCheck] = {}
        for chunk, marks in self._chunked(sorted(set(ids)), 500):
            for row in self.db.execute(
                f"SELECT {_COLUMNS}, f.claim_terms, f.title_terms FROM factchecks f"
                f" WHERE f.id IN ({marks})",
                chunk,
            ).fetchall():
                fc = _factcheck(row[:7])
                assert fc.id is not None
                found[fc.id] = IndexedFactCheck(fc, tuple(row[7].split()), tuple(row[8].split()))
        return found

    # -- what is left to match ---------------------------------------------------------

    @_translate_errors
    def factchecks_pending(self, model: str | None = None) -> bool:
        """Whether some fact-check or claim has not been matched yet, or (given the
        ``model`` that matching runs with) the matches stored were found by another."""
        row = self.db.execute(
            "SELECT EXISTS (SELECT 1 FROM factchecks WHERE matched = 0)"
            " OR (EXISTS (SELECT 1 FROM factchecks) AND EXISTS (SELECT 1 FROM claims c"
            " WHERE c.stale = 0 AND c.id NOT IN (SELECT claim_id FROM factcheck_seen)))"
        ).fetchone()
        if row[0]:
            return True
        return model is not None and self.factcheck_model_changed(model)

    def factcheck_model_changed(self, model: str) -> bool:
        """Whether fact-checks were matched here by a model other than ``model``."""
        has_any = self.db.execute("SELECT EXISTS (SELECT 1 FROM factchecks)").fetchone()[0]
        return bool(has_any) and self.get_setting(FACTCHECK_MODEL) != model

    @_translate_errors
    def restart_factcheck_matching(self, model: str) -> None:
        """Forget every match and what each claim was compared with: matching starts
        again under ``model`` (its reranking weights and limits changed)."""
        with self._write():
            self.db.execute("DELETE FROM factcheck_matches")
            self.db.execute("DELETE FROM factcheck_seen")
            self.db.execute("UPDATE factchecks SET matched = 0")
            self._put_setting(FACTCHECK_MODEL, model)

    @_translate_errors
    def unmatched_factchecks(self) -> tuple[list[int], bool]:
        """Fact-checks no claim has been compared with, and whether any others exist."""
        pending = [
            row[0]
            for row in self.db.execute(
                "SELECT id FROM factchecks WHERE matched = 0 ORDER BY id"
            ).fetchall()
        ]
        others = self.db.execute("SELECT EXISTS (SELECT 1 FROM factchecks WHERE matched = 1)")
        return pending, bool(others.fetchone()[0])

    @_translate_errors
    def unseen_claims(self) -> list[int]:
        """Claims not yet compared with every matched fact-check."""
        return [
            row[0]
            for row in self.db.execute(
                "SELECT id FROM claims c WHERE c.stale = 0 AND c.id NOT IN"
                " (SELECT claim_id FROM factcheck_seen) ORDER BY id"
            ).fetchall()
        ]

    @_translate_errors
    def matchable_claims(self) -> list[int]:
        """Every claim matching compares with fact-checks (not stale)."""
        return [
            row[0] for row in self.db.execute("SELECT id FROM claims WHERE stale = 0 ORDER BY id")
        ]

    @_translate_errors
    def claim_texts_of(self, ids: list[int]) -> list[tuple[int, str]]:
        """(id, text) of these claims that are not stale, in id order."""
        found: list[tuple[int, str]] = []
        for chunk, marks in self._chunked(ids, 500):
            found.extend(
                self.db.execute(
                    f"SELECT id, text FROM claims WHERE stale = 0 AND id IN ({marks}) ORDER BY id",
                    chunk,
                ).fetchall()
            )
        return found

    @_translate_errors
    def save_factcheck_matches(
        self, matches: list[tuple[int, int, float]], seen: Iterable[int] = ()
    ) -> None:
        """(claim, fact-check, score) rows, and claims now compared with every fact-check."""
        with self._write():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO factcheck_matches (claim_id, factcheck_id, score)"
                " VALUES (?, ?, ?)",
                sorted(matches),
            )
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO factcheck_seen (claim_id) VALUES (?)",
                [(claim_id,) for claim_id in sorted(seen)],
            )

    @_translate_errors
    def finish_factchecks(self, ids: list[int], *, all_claims_seen: bool) -> None:
        """Record that every claim has been compared with these fact-checks."""
        with self._write():
            for chunk, marks in self._chunked(ids, 500):
                self.db.execute(f"UPDATE factchecks SET matched = 1 WHERE id IN ({marks})", chunk)
            if all_claims_seen:
                self.db.execute(
                    "INSERT OR IGNORE INTO factcheck_seen (claim_id)"
                    " SELECT id FROM claims WHERE stale = 0"
                )

    # -- reading matches ----------------------------------------------------------------

    @_translate_errors
    def checked_before(
        self, claim_ids: list[int], limit: int = 5
    ) -> dict[int, list[CheckedBefore]]:
        """claim id -> its matching fact-checks, best first (claims with none are left out)."""
        found: dict[int, list[CheckedBefore]] = {}
        for chunk, marks in self._chunked(claim_ids, 500):
            for row in self.db.execute(
                f"SELECT m.claim_id, m.score, {_COLUMNS} FROM factcheck_matches m"
                f" JOIN factchecks f ON f.id = m.factcheck_id WHERE m.claim_id IN ({marks})"
                " ORDER BY m.claim_id, m.score DESC, f.id",
                chunk,
            ).fetchall():
                listed = found.setdefault(row[0], [])
                if len(listed) < limit:
                    listed.append(CheckedBefore(_factcheck(row[2:]), min(1.0, max(0.0, row[1]))))
        return found

    @_translate_errors
    def claims_checked_before(self) -> set[int]:
        """The ids of the claims that match some fact-check."""
        return {
            row[0] for row in self.db.execute("SELECT DISTINCT claim_id FROM factcheck_matches")
        }

    @_translate_errors
    def factcheck_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM factchecks").fetchone()[0])
