"""The detail pane shows conflicts with both figures and their sources, cut quotes and
related claims."""

from __future__ import annotations

from pathlib import Path

from workbench.core.ingest import ingest
from workbench.core.matching import match
from workbench.core.store import Store
from workbench.core.views import ClaimView, claim_view
from workbench.tui.widgets.claim_detail import describe

FILES = {
    "courier.txt": (
        "Port Elms fire\n\n"
        "Police said the fire at the Port Elms warehouse on Sunday killed 12 workers.\n\n"
        "The owner of the warehouse, Dale Fenn, said the site had passed an inspection in May.\n"
    ),
    "post.txt": (
        "Deadly fire in Port Elms\n\n"
        "Police said the fire at the Port Elms warehouse on Sunday killed 15 workers.\n\n"
        "Dale Fenn, the owner, said the site had failed an inspection in May.\n"
    ),
}


def view_of(store: Store, words: str) -> ClaimView:
    claim = next(c.claim for c in store.list_claims() if words in c.claim.text)
    assert claim.id is not None
    return claim_view(store, claim.id)


def test_detail_pane_shows_conflict_sources_and_related_claims(tmp_path: Path) -> None:
    folder = tmp_path / "fire"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Store(tmp_path / "fire.db") as store:
        ingest(store, [folder])
        match(store)
        shown = describe(view_of(store, "killed 15 workers")).plain
        assert "Numbers disagree: 12 vs 15 workers" in shown
        assert "courier: 12 workers" in shown and "post: 15 workers" in shown
        shown = describe(view_of(store, "failed an inspection")).plain
        assert "Related, not the same fact" in shown
        assert "courier · one negates the other" in shown
