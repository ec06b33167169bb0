"""What every top-level screen shares: access to the app and store, and reloading when the journal changes.

:class:`ReadingScreen` adds what a screen needs to show a big journal before it is read: the first
screen comes from the store's small names index; a worker then reads the head and the entries in steps
of a few milliseconds, and the screen reloads in steps too, so keys and redraws never wait long. A head
found damaged on the way stops the app with the reason: without it the journal can be neither shown
nor written.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import SystemCommand
from textual.binding import Binding
from textual.events import Mount, ScreenResume
from textual.screen import Screen

from ..journal_app import JournalApp, running_app
from ..messages import JournalChanged
from ..storage.errors import StorageError
from ..widgets.screen_tabs import ScreenTabs

if TYPE_CHECKING:
    from ..storage.store import JournalStore


class JournalScreen(Screen[None]):
    """A top-level screen showing part of the journal.

    Subclasses implement :meth:`reload`, which redraws from the store. It runs
    when the screen first shows, when the user comes back to it after the
    journal changed, and when a change arrives while it is showing.
    What the app asks of every screen is here, typed: :meth:`selected_contact_ids`
    and :meth:`palette_commands`. Every screen gets the tab bar at its top (a
    header a screen still composes is hidden by the stylesheet).
    """

    #: The screen's title in the help.
    HELP_TITLE: ClassVar[str] = ""

    _seen_version: int = -1

    def __init__(self) -> None:
        super().__init__()
        # A new screen is styled from the current stylesheet as it mounts. Marking it up to
        # date spares Textual a full re-parse of every stylesheet the first time a mode
        # shows it (60-150 ms); a theme change still restyles it as before.
        self._css_update_count = self.app._css_update_count

    @property
    def smn(self) -> JournalApp:
        """The app, for its store, clock, save funnel and the other screens."""
        return running_app(self)

    @property
    def store(self) -> JournalStore:
        return self.smn.store

    def selected_contact_ids(self) -> list[str]:
        """Who the screen has selected (forms opened from here start with them); nobody by default."""
        return []

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        """The keys the help lists for this screen: its own (a screen adds its widgets' own keys)."""
        return [b for b in cls.BINDINGS if isinstance(b, Binding)]

    def palette_commands(self) -> Iterator[SystemCommand]:
        """The command palette's entries of this screen's own (none by default)."""
        yield from ()

    def reload(self) -> None:  # pragma: no cover - every screen overrides it
        """Redraw from the store."""
        raise NotImplementedError

    def _reload_if_stale(self) -> None:
        version = self.store.version
        if version != self._seen_version:
            self._seen_version = version
            self.reload()

    # ------------------------------------------------------------------ the tab bar

    @on(Mount)
    def _add_tabs(self) -> None:
        self.mount(ScreenTabs(self.app.current_mode, self.app.sub_title, id="screen-tabs"), before=0)
        self.watch(self.app, "sub_title", self._show_tabs, init=False)

    def _show_tabs(self) -> None:
        for tabs in self.query(ScreenTabs):
            tabs.show(self.app.current_mode, self.app.sub_title)

    @on(ScreenTabs.Chosen)
    def _tab_chosen(self, message: ScreenTabs.Chosen) -> None:
        self.app.switch_mode(message.mode)

    # ------------------------------------------------------------------ staying up to date

    @on(ScreenResume)
    def _on_resume(self) -> None:
        self._show_tabs()
        self._reload_if_stale()

    @on(JournalChanged)
    def _on_journal_changed(self, message: JournalChanged) -> None:
        self._reload_if_stale()


#: Seconds the app has for keys and redraws between steps of reading a big journal's entries.
PREPARE_PAUSE = 0.004
#: Rows a stepped reload handles between two pauses (10-20 ms of work).
RELOAD_STEP = 4000


class ReadingScreen(JournalScreen):
    """A journal screen whose reload runs in steps (:meth:`_reload_steps`) while the journal is read."""

    def __init__(self) -> None:
        super().__init__()
        self._preparing = False
        self._reloads = 0  # reloads started, so that a stepped one knows when a newer one ran

    # ------------------------------------------------------------------ what a subclass says

    def _reload_steps(self, step: int = 0) -> Iterator[None]:  # pragma: no cover - the subclass reloads
        """The reload, pausing (yielding) after every ``step`` rows (0: never).

        It starts with :meth:`new_reload` and stops when :meth:`superseded` says a newer one ran.
        """
        raise NotImplementedError

    @property
    def figures_pending(self) -> bool:
        """True while the screen shows what it can without the entries."""
        return False

    @property
    def shows_first_page(self) -> bool:
        """True while the screen shows the first page of a journal whose head is still to read."""
        return False

    # ------------------------------------------------------------------ reloading

    def new_reload(self) -> int:
        """Start a reload; its token tells it later whether a newer one ran meanwhile."""
        self._reloads += 1
        return self._reloads

    def superseded(self, token: int) -> bool:
        return token != self._reloads

    def reload(self) -> None:
        """Bring the screen up to date with the store, all at once."""
        for _ in self._reload_steps():
            pass

    async def _reload_in_steps(self) -> None:
        """:meth:`reload` a few thousand rows at a time, keys and redraws running between."""
        if not self._stale():
            return
        self._seen_version = self.store.version
        for _ in self._reload_steps(RELOAD_STEP):
            await asyncio.sleep(PREPARE_PAUSE)

    def _reload_if_stale(self) -> None:
        if self._stale():
            self._seen_version = self.store.version
            self.reload()

    def _stale(self) -> bool:
        """True when the journal changed since the last reload, or the entries came in."""
        return self._seen_version != self.store.version or (self.figures_pending and self.store.entries_ready())

    # ------------------------------------------------------------------ reading the journal

    def _read_head_now(self) -> None:
        """Replace the first page with everything, reading the head now."""
        try:
            self.store.load_head()
        except StorageError as exc:
            self._head_failed(str(exc))
            return
        self.reload()

    def _head_failed(self, error: str) -> None:
        self.app.exit(return_code=1, message=Text(f"smn: {error}"))

    def _start_prepare(self) -> None:
        if not self._preparing:
            self._preparing = True
            # After the first paint, so the screen shows before the reading starts.
            self.call_after_refresh(self.run_worker, self._prepare, group="prepare", exit_on_error=False)

    async def _prepare(self) -> None:
        """Read the entries and build the indexes in small steps, keys and redraws running
        between them, then redraw with the figures."""
        try:
            for _ in self.store.prepare_steps():
                if self.shows_first_page and self.store.head_loaded:
                    await asyncio.sleep(PREPARE_PAUSE)
                    self.smn.show_store_warnings()
                    await self._reload_in_steps()  # everything now, the figures still to come
                # A short sleep, not just a turn: the app drains its queues (keys, redraws) between steps.
                await asyncio.sleep(PREPARE_PAUSE)
            await self._reload_in_steps()  # the figures are in
        except Exception as exc:  # any failure of the reading: say it, keep the screen usable
            self._prepared(str(exc))
        else:
            self._prepared(None)

    def _prepared(self, error: str | None) -> None:
        self._preparing = False
        if error and not self.store.head_loaded:
            self._head_failed(error)
            return
        if error:
            self.notify(error, title="Journal", severity="error", timeout=15)
            return
        self._reload_if_stale()
        # The journal is in memory; the other screens' code comes next, while the user reads.
        self.call_after_refresh(self.smn.import_screens)
