"""What every top-level screen shares: access to the store and reloading when the journal changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.events import ScreenResume
from textual.screen import Screen

from ..messages import JournalChanged

if TYPE_CHECKING:
    from ..app import SmnApp
    from ..storage.store import JournalStore


class JournalScreen(Screen):
    """A top-level screen showing part of the journal.

    Subclasses implement :meth:`reload`, which redraws from the store. It runs
    when the screen first shows, when the user comes back to it after the
    journal changed, and when a change arrives while it is showing.
    """

    _seen_version: int = -1

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A new screen is styled from the current stylesheet as it mounts. Marking it up to
        # date spares Textual a full re-parse of every stylesheet the first time a mode
        # shows it (60-150 ms); a theme change still restyles it as before.
        try:
            self._css_update_count = self.app._css_update_count
        except Exception:  # created outside a running app (not done by smn itself)
            pass

    @property
    def smn(self) -> SmnApp:
        return self.app  # type: ignore[return-value]

    @property
    def store(self) -> JournalStore:
        return self.smn.store

    def reload(self) -> None:  # pragma: no cover - every screen overrides it
        raise NotImplementedError

    def _reload_if_stale(self) -> None:
        version = self.store.version
        if version != self._seen_version:
            self._seen_version = version
            self.reload()

    @on(ScreenResume)
    def _on_resume(self) -> None:
        self._reload_if_stale()

    @on(JournalChanged)
    def _on_journal_changed(self, message: JournalChanged) -> None:
        self._reload_if_stale()
