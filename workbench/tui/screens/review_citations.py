"""Notes, citations, suggested evidence, group verdicts and export on the review screen."""

from __future__ import annotations

import attrs
from textual import work

from workbench.core.errors import WorkbenchError
from workbench.core.export import ExportOptions, export
from workbench.core.matching.evidence import verify
from workbench.core.models import (
    QUOTE_FOUND,
    Citation,
    SourceKind,
    Status,
)
from workbench.core.review import classify_source
from workbench.core.text.safe import one_line
from workbench.tui.screens.review_base import FAILED, ReviewBase
from workbench.tui.widgets.citation_dialog import CitationDialog, CitationInput
from workbench.tui.widgets.citations_dialog import CitationsDialog
from workbench.tui.widgets.export_dialog import ExportDialog, ExportRequest
from workbench.tui.widgets.group_dialog import GroupVerdictDialog
from workbench.tui.widgets.note_dialog import NoteDialog
from workbench.tui.widgets.review_header import describe_filter


class CitationActions(ReviewBase):
    """The evidence part of the review screen."""

    def action_cite_suggestion(self, number: int) -> None:
        if self.view is None or self.view.claim.id is None or len(self.suggestions) < number:
            self.notify("No suggested passage with that number.")
            return
        chosen = self.suggestions[number - 1]
        citation = Citation(
            id=None,
            claim_id=self.view.claim.id,
            source=f"doc:{chosen.document_id}",
            source_kind=SourceKind.DOCUMENT,
            quote=chosen.text,
            locator=f"paragraph {chosen.paragraph + 1}",
            reviewer=self.reviewer,
        )
        saved = self._call(self.store.add_citation, citation)
        if saved is FAILED:
            return
        self._call(verify, self.store, saved)
        self.notify("Suggested passage cited (z undoes).")
        self._refresh_current()

    def action_group_verdict(self) -> None:
        if self.view is None or self.view.claim.id is None:
            return
        claim_id = self.view.claim.id
        size = max(1, self.view.sources[1])

        def apply(status: Status | None) -> None:
            if status is None:
                return
            rows = self._call(self.store.mark_group, claim_id, status, self.reviewer)
            if rows is FAILED:
                return
            self.table.refresh_rows()
            self._show(claim_id)
            self._refresh_counts()
            self.notify(f"{status.value} on {len(rows)} claims of the group (z undoes all)")

        self.app.push_screen(GroupVerdictDialog(size), apply)

    def action_note(self) -> None:
        if self.view is None:
            return
        claim_id = self.view.claim.id
        note = self.view.history[-1].note if self.view.history else ""

        def save(result: str | None) -> None:
            if result is None or claim_id is None:
                return
            if self._call(self.store.set_note, claim_id, result, self.reviewer) is FAILED:
                self.app.push_screen(
                    NoteDialog(result, one_line(self.view.claim.text, 200) if self.view else ""),
                    save,
                )
                return
            self._refresh_current()

        self.app.push_screen(NoteDialog(note, one_line(self.view.claim.text, 200)), save)

    def action_cite(
        self, initial: CitationInput | None = None, citation_id: int | None = None
    ) -> None:
        if self.view is None or self.view.claim.id is None:
            return
        claim_id = self.view.claim.id

        def save(result: CitationInput | None) -> None:
            if result is None:
                return
            try:
                kind = classify_source(result.source)
            except WorkbenchError as error:
                self.notify(str(error), severity="error", markup=False)
                self.action_cite(result, citation_id)
                return
            citation = Citation(
                id=citation_id,
                claim_id=claim_id,
                source=result.source,
                source_kind=kind,
                quote=result.quote,
                locator=result.locator,
                stance=result.stance,
                note=result.note,
                reviewer=self.reviewer,
            )
            if citation_id is None:
                saved = self._call(self.store.add_citation, citation)
            else:
                saved = self._call(self.store.update_citation, citation, self.reviewer)
            if saved is FAILED:  # keep what was typed: open the form again
                self.action_cite(result, citation_id)
                return
            checked = self._call(verify, self.store, saved) if result.quote else None
            if checked not in (None, FAILED):
                found = "found" if checked.score >= QUOTE_FOUND else "NOT found"
                self.notify(
                    f"Citation saved; quote {found} in the source ({checked.score:.0f}/100).",
                    markup=False,
                )
            else:
                self.notify("Citation saved.")
            self._refresh_current()

        title = "Add a citation" if citation_id is None else "Edit the citation"
        self.app.push_screen(CitationDialog(self._documents, initial=initial, title=title), save)

    def action_citations(self) -> None:
        if self.view is None or not self.view.citations:
            self.notify("This claim has no citations yet (c adds one).")
            return
        by_id = {c.id: c for c in self.view.citations}

        def chosen(result: tuple[str, int] | None) -> None:
            if result is None:
                return
            what, citation_id = result
            if what == "delete":
                if self._call(self.store.delete_citation, citation_id, self.reviewer) is not FAILED:
                    self.notify("Citation removed (z undoes).")
                    self._refresh_current()
                return
            old = by_id[citation_id]
            self.action_cite(
                CitationInput(old.source, old.quote, old.locator, old.stance, old.note), citation_id
            )

        self.app.push_screen(CitationsDialog(self.view.citations), chosen)

    # -- finding claims ---------------------------------------------------------------------------

    def action_export(self) -> None:
        names = dict(self._documents)

        def run(request: ExportRequest | None) -> None:
            if request is not None:
                self._export(request)

        folder = self.store.path.resolve().parent
        self.app.push_screen(ExportDialog(describe_filter(self.where, names), folder), run)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, request: ExportRequest) -> None:
        options = ExportOptions(
            where=attrs.evolve(self.where, search=""),
            include_unreviewed=request.include_unreviewed,
            organisation=self.reviewer,
        )
        try:
            written = export(self.store, request.format, options, request.path)
        except WorkbenchError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(
            self.notify, f"{written} claims written to {request.path.resolve()}", markup=False
        )
