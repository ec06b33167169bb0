"""What every top-level screen shares: access to the app and store, and reloading when the journal changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.events import ScreenResume
from textual.screen import Screen

from ..messages import JournalChanged
from ..running_app import running_app

if TYPE_CHECKING:
    from ..app import SmnApp
    from ..storage.store import JournalStore


class JournalScreen(Screen[None]):
    """A top-level screen showing part of the journal.

    Subclasses implement :meth:`reload`, which redraws from the store. It runs
    when the screen first shows, when the user comes back to it after the
    journal changed, and when a change arrives while it is showing.
    What the app asks of every screen is here, typed: :meth:`selected_contact_ids`.
    """

    #: The screen's title in the help.
    HELP_TITLE: ClassVar[str] = ""

    _seen_version: int = -1

    def __init__(self) -> None:
        super().__init__()
        # A new screen is styled from the current stylesheet as it mounts. Marking it up to
        # date spares Textual a full re-parse of every stylesheet the first time a mode
        # shows it (60-150 ms); a theme change still restyles it as before.
        self._css_update_count = self.smn._css_update_count

    @property
    def smn(self) -> SmnApp:
        """The app, for its store, clock, save funnel and the other screens."""
        return running_app(self)

    @property
    def store(self) -> JournalStore:
        return self.smn.store

    def selected_contact_ids(self) -> list[str]:
        """Who the screen has selected (forms opened from here start with them); nobody by default."""
        return []

    def reload(self) -> None:  # pragma: no cover - every screen overrides it
        """Redraw from the store."""
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
