"""Notes, citations, suggested evidence, group verdicts and export on the review screen."""

from __future__ import annotations

import attrs
from textual import work

from workbench.core.errors import WorkbenchError
from workbench.core.export import ExportOptions, export
from workbench.core.matching.evidence import Located, verify
from workbench.core.models import (
    QUOTE_FOUND,
    Citation,
    SourceKind,
    Status,
    Verdict,
)
from workbench.core.review import StaleVerdict, classify_source, current_verdict
from workbench.core.store import Store
from workbench.core.text.safe import one_line
from workbench.core.wording import counted
from workbench.tui.screens.given_verdict import GivenVerdict
from workbench.tui.screens.review_base import ReviewBase
from workbench.tui.widgets.citation_form import CitationForm, CitationInput
from workbench.tui.widgets.citation_picker import CitationPicker, Pick, PickedCitation
from workbench.tui.widgets.export_dialog import ExportDialog, ExportRequest
from workbench.tui.widgets.group_dialog import GroupVerdictDialog
from workbench.tui.widgets.note_dialog import NoteDialog
from workbench.tui.widgets.review_header import describe_filter


@attrs.frozen
class NoteTarget:
    """The verdict a note is for, as the note dialog names it."""

    claim_id: int
    status: Status
    claim_text: str
    note: str  # the note it has now, to edit
    given: GivenVerdict | None  # the verdict just given, if the note is for it
    verdict_id: int | None  # otherwise the claim's current verdict (None: it has none)

    @property
    def title(self) -> str:
        if self.given is None and self.status is Status.UNREVIEWED:
            return f"Note for #{self.claim_id} (pending verdict)"
        return f"Note for #{self.claim_id}: {self.status.value}"


class CitationActions(ReviewBase):
    """The evidence part of the review screen."""

    def action_cite_suggestion(self, number: int) -> None:
        if self.view is None or self.view.claim.id is None or len(self.suggestions) < number:
            self.notify("No suggested passage with that number.")
            return
        chosen = self.suggestions[number - 1].suggestion
        citation = Citation(
            id=None,
            claim_id=self.view.claim.id,
            source=f"doc:{chosen.document_id}",
            source_kind=SourceKind.DOCUMENT,
            quote=chosen.text,
            locator=f"paragraph {chosen.paragraph + 1}",
            reviewer=self.reviewer,
        )
        self.given = None

        def run(store: Store) -> Located | WorkbenchError | None:
            return _verified(store, store.add_citation(citation))

        def done(checked: Located | WorkbenchError | None) -> None:
            self.notify("Suggested passage cited (z undoes).")
            self._unchecked(checked)
            self._refresh_claim(citation.claim_id)

        self._write(run, done)

    def action_group_verdict(self) -> None:
        if self.view is None or self.view.claim.id is None:
            return
        claim_id = self.view.claim.id
        size = max(1, self.view.sources[1])

        reviewer = self.reviewer

        def apply(status: Status | None) -> None:
            if status is None:
                return
            self.given = None

            def done(rows: list[Verdict]) -> None:
                self.table.refresh_rows()
                if self.table.current_id == claim_id:
                    self._show(claim_id)
                self._refresh_counts()
                self.notify(
                    f"{status.value} on {counted(len(rows), 'claim')} of the group (z undoes all)"
                )

            self._write(lambda store: store.mark_group(claim_id, status, reviewer), done)

        self.app.push_screen(GroupVerdictDialog(size, self.scale), apply)

    def action_note(self) -> None:
        target = self._note_target()
        if target is not None:
            self._edit_note(target, target.note)

    def _note_target(self) -> NoteTarget | None:
        """The verdict just given, even if the cursor moved on; else the claim under the cursor."""
        given = self.given
        if given is not None:
            return NoteTarget(
                given.claim_id, given.status, given.claim_text, given.note, given, None
            )
        if self.view is None or self.view.claim.id is None:
            return None
        claim_id, claim, history = self.view.claim.id, self.view.claim, self.view.history
        verdict = current_verdict(history)
        return NoteTarget(
            claim_id,
            claim.status,
            claim.text,
            history[-1].note if history else "",
            None,
            verdict.id if verdict else None,
        )

    def _edit_note(self, target: NoteTarget, note: str) -> None:
        def save(result: str | None) -> None:
            if result is not None:
                self._save_note(target, result)

        dialog = NoteDialog(note, one_line(target.claim_text, 200), target.title)
        self.app.push_screen(dialog, save)

    def _save_note(self, target: NoteTarget, note: str) -> None:
        claim_id, given, reviewer = target.claim_id, target.given, self.reviewer

        def run(store: Store) -> Verdict:
            if given is None:
                return store.note_verdict(claim_id, target.verdict_id, note, reviewer)
            if given.verdict_id is None:
                raise StaleVerdict(
                    f"the verdict on claim #{claim_id} was not saved, so its note was not either"
                )
            return store.note_verdict(claim_id, given.verdict_id, note, reviewer)

        def done(row: Verdict) -> None:
            if given is not None:
                given.note = row.note
            self.table.refresh_rows(claim_id)
            if self.table.current_id == claim_id:
                self._show(claim_id)
            else:  # the verdict just given, the cursor has moved on
                self.notify(f"Note saved for #{claim_id}: {target.status.value}", markup=False)

        def failed(error: WorkbenchError) -> None:
            if isinstance(error, StaleVerdict):
                # Not on another verdict: the reviewer keeps the words and decides.
                self.notify(f"Your note: {one_line(note, 300)}", markup=False, timeout=20)
            elif self.app.screen is self:  # keep what was typed: open the dialog again
                self._edit_note(target, note)

        self._write(run, done, failed)

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
            reviewer = self.reviewer
            self.given = None

            def run(store: Store) -> Located | WorkbenchError | None:
                if citation_id is None:
                    saved = store.add_citation(citation)
                else:
                    saved = store.update_citation(citation, reviewer)
                return _verified(store, saved) if result.quote else None

            def done(checked: Located | WorkbenchError | None) -> None:
                if isinstance(checked, Located):
                    found = "found" if checked.score >= QUOTE_FOUND else "NOT found"
                    self.notify(
                        f"Citation saved; quote {found} in the source ({checked.score:.0f}/100).",
                        markup=False,
                    )
                else:
                    self.notify("Citation saved.")
                    self._unchecked(checked)
                self._refresh_claim(claim_id)

            def failed(error: WorkbenchError) -> None:
                if self.app.screen is self:  # keep what was typed: open the form again
                    self.action_cite(result, citation_id)

            self._write(run, done, failed)

        title = "Add a citation" if citation_id is None else "Edit the citation"
        self.app.push_screen(CitationForm(self._documents, initial=initial, title=title), save)

    def action_citations(self) -> None:
        if self.view is None or not self.view.citations:
            self.notify("This claim has no citations yet (c adds one).")
            return
        by_id = {c.id: c for c in self.view.citations}

        def chosen(result: PickedCitation | None) -> None:
            if result is None:
                return
            citation_id = result.citation_id
            if result.pick is Pick.DELETE:
                self.given = None
                reviewer, claim_id = self.reviewer, by_id[citation_id].claim_id

                def done(_: Citation) -> None:
                    self.notify("Citation removed (z undoes).")
                    self._refresh_claim(claim_id)

                self._write(lambda store: store.delete_citation(citation_id, reviewer), done)
                return
            old = by_id[citation_id]
            self.action_cite(
                CitationInput(old.source, old.quote, old.locator, old.stance, old.note), citation_id
            )

        self.app.push_screen(CitationPicker(self.view.citations), chosen)

    def _unchecked(self, checked: Located | WorkbenchError | None) -> None:
        if isinstance(checked, WorkbenchError):
            self.notify(
                f"The quote could not be checked in its source: {checked}",
                severity="warning",
                markup=False,
            )

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
            self.notify,
            f"{counted(written, 'claim')} written to {request.path.resolve()}",
            markup=False,
        )


def _verified(store: Store, citation: Citation) -> Located | WorkbenchError | None:
    """Check a saved citation's quote in its source; the error if that failed.

    The citation is saved whatever happens here: a failed check must not fail
    the write, or the screen would offer to save the citation a second time.
    """
    try:
        return verify(store, citation)
    except WorkbenchError as error:
        return error
