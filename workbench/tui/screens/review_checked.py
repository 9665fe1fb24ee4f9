"""Citing a published fact-check that matches the claim ("checked before")."""

from __future__ import annotations

from workbench.core.factchecks.views import citation_for, next_to_cite
from workbench.core.models import Citation
from workbench.core.store import Store
from workbench.tui.screens.review_base import ReviewBase


class CheckedBeforeActions(ReviewBase):
    """The "checked before" part of the review screen."""

    def action_cite_checked(self) -> None:
        """Cite the best published fact-check of the claim not cited yet."""
        if self.view is None or self.view.claim.id is None:
            return
        if not self.view.checked:
            self.notify("No published fact-check matches this claim.")
            return
        match = next_to_cite(self.view.checked, self.view.citations)
        if match is None:
            self.notify("Every matching fact-check is cited already.")
            return
        citation = citation_for(match, self.view.claim.id, self.reviewer)
        publisher = match.factcheck.publisher or "the fact-check"
        self.given = None

        def run(store: Store) -> Citation:
            return store.add_citation(citation)

        def done(_saved: Citation) -> None:
            self.notify(f"Cited {publisher} (z undoes).", markup=False)
            self._refresh_claim(citation.claim_id)

        self._write(run, done)
