"""Choose which claims the list shows: by status, kind and source, combined."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList

from workbench.core.models import ClaimFilter, ClaimKind, Status
from workbench.core.scale import OURS, Scale
from workbench.core.text.safe import one_line


class FilterDialog(ModalScreen[ClaimFilter | None]):
    """Returns the new filter, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="filter-cancel"),
        Binding("enter", "apply", "Apply", id="filter-apply", priority=True),
    ]

    def __init__(
        self,
        current: ClaimFilter,
        documents: list[tuple[int, str]],
        *,
        conflicts: bool = False,
        scale: Scale = OURS,
    ) -> None:
        super().__init__()
        self._current = current
        self._documents = documents
        # The statuses of the database's scale; "conflict" is offered only where
        # there are conflicts (a desk of reviewers)
        self._statuses = [
            s
            for s in scale.statuses
            if s is not Status.CONFLICT or conflicts or s in current.statuses
        ]

    def compose(self) -> ComposeResult:
        current = self._current
        with Vertical(classes="dialog", id="filter-form"):
            yield Label("Filter claims", classes="dialog-title")
            with Horizontal(classes="filter-row"):
                yield SelectionList[str](
                    *[(s.value, s.value, s in current.statuses) for s in self._statuses],
                    id="statuses",
                )
                yield SelectionList[str](
                    *[(k.value, k.value, k in current.kinds) for k in ClaimKind], id="kinds"
                )
                yield SelectionList[int](
                    *[
                        (one_line(title, 28), doc_id, doc_id in current.document_ids)
                        for doc_id, title in self._documents
                    ],
                    id="documents",
                )
                yield SelectionList[str](
                    ("matched", "checked", current.checked_before),
                    id="checked",
                )
            yield Label(
                "Space ticks · Tab moves between lists · Enter applies · Escape cancels",
                classes="dialog-help",
            )

    def on_mount(self) -> None:
        self.query_one("#statuses").border_title = "status"
        self.query_one("#kinds").border_title = "kind"
        self.query_one("#documents").border_title = "source"
        self.query_one("#checked").border_title = "fact-checks"

    def action_apply(self) -> None:
        statuses = self.query_one("#statuses", SelectionList).selected
        kinds = self.query_one("#kinds", SelectionList).selected
        documents = self.query_one("#documents", SelectionList).selected
        checked = bool(self.query_one("#checked", SelectionList).selected)
        self.dismiss(
            ClaimFilter(
                statuses=tuple(s for s in self._statuses if s.value in statuses),
                kinds=tuple(ClaimKind(k) for k in kinds),
                document_ids=tuple(int(d) for d in documents),
                search=self._current.search,
                checked_before=checked,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
