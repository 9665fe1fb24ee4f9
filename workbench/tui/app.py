"""The review app: one factory used by the CLI and by every test."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from workbench.core.errors import WorkbenchError
from workbench.core.store import Store
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.writer import StoreWriter

CONFIG = (
    Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "workbench" / "config.toml"
)


def load_config(path: Path = CONFIG) -> dict[str, object]:
    """The user's config: ``[keymap]`` (binding id = "keys") and ``auto_advance``."""
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise WorkbenchError(f"config {path}: {error}") from error


class WorkbenchApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "workbench"
    BINDINGS = [
        Binding(
            "t",
            "toggle_theme",
            "Theme",
            id="theme",
            show=False,
            tooltip="Switch between the dark and the light theme",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            id="palette",
            show=False,
            tooltip="Every action by name",
        ),
    ]

    def __init__(
        self,
        store: Store,
        reviewer: str,
        *,
        auto_advance: bool = True,
        keymap: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.reviewer = reviewer
        self.auto_advance = auto_advance
        self._keymap = dict(keymap or {})
        # Every write of the app goes through this queue, off the UI thread.
        self.writer = StoreWriter(self, store)

    def on_mount(self) -> None:
        if self._keymap:
            self.set_keymap(self._keymap)
        if self.store.readonly:
            self.notify(
                f"{self.store.path} is read-only: you can read, not mark.",
                severity="warning",
                markup=False,
                timeout=10,
            )
        self.push_screen(ReviewScreen(self.store, self.reviewer, self.store.path.name, self.writer))

    @on(StoreWriter.Finished)
    def _write_finished(self, message: StoreWriter.Finished) -> None:
        self.writer.deliver(message)

    def on_unmount(self) -> None:
        # What the reviewer did reaches the database before the app is gone.
        self.writer.close()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReviewScreen):
            for binding in screen.review_bindings():
                if isinstance(binding, Binding):
                    action = binding.action

                    def run(action: str = action) -> None:
                        self.call_later(screen.run_action, action)

                    yield SystemCommand(binding.description, binding.tooltip, run)


def make_app(
    store: Store, reviewer: str, *, config: dict[str, object] | None = None
) -> WorkbenchApp:
    """The app on an open store; ``config`` as read by :func:`load_config`."""
    config = config or {}
    keymap = config.get("keymap", {})
    return WorkbenchApp(
        store,
        reviewer,
        auto_advance=bool(config.get("auto_advance", True)),
        keymap={str(k): str(v) for k, v in keymap.items()} if isinstance(keymap, dict) else {},
    )


def run_app(db_path: Path, reviewer: str) -> None:
    """Open the database and run the app until the reviewer quits."""
    config = load_config()
    with Store(db_path) as store:  # the writer waits off the UI thread
        make_app(store, reviewer, config=config).run()
