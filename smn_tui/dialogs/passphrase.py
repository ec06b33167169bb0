"""The passphrase of an encrypted journal's identity, asked once as the app starts, the text hidden.

The dialog is handed ``unlock``: given the passphrase it opens the journal (a
:class:`~smn_tui.storage.store.JournalStore`), or raises a storage error saying
why not (a wrong passphrase among them). Opening runs on a thread, as the
passphrase's key derivation takes about a second; a wrong one is said in the
dialog, which then waits for another try, or for Esc to quit.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..storage.errors import StorageError
from ..storage.store import JournalStore

Unlock = Callable[[str], JournalStore]


class PassphraseDialog(ModalScreen[JournalStore | None]):
    """Returns the opened journal, or None when the user quits instead."""

    BINDINGS = [Binding("escape", "quit", "Quit", tooltip="Leave smn without opening the journal")]

    def __init__(self, unlock: Unlock, identity: str) -> None:
        super().__init__()
        self.unlock = unlock
        self.identity = identity
        self._opening = False

    def compose(self) -> ComposeResult:
        with Vertical(id="passphrase-box"):
            yield Static(Text("This journal is encrypted", style="bold"), id="passphrase-title")
            yield Static(Text(f"Its identity ({self.identity}) is protected by a passphrase."
                              if self.identity else "Its identity is protected by a passphrase."),
                         id="passphrase-about")
            yield Input(password=True, placeholder="Passphrase", compact=True, id="passphrase")
            yield Static("", id="passphrase-error", markup=False)
            yield Static(Text("Enter opens the journal · Esc quits"), id="passphrase-hint")

    def on_mount(self) -> None:
        box = self.query_one("#passphrase", Input)
        if self.app.is_headless:
            box.cursor_blink = False
        box.focus()

    def _say(self, text: str) -> None:
        self.query_one("#passphrase-error", Static).update(Text(text))

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._opening:
            return
        if not event.value:
            self._say("Type the passphrase, then Enter.")
            return
        self._opening = True
        self._say("Opening the journal…")
        self._open(event.value)

    @work(thread=True, exclusive=True, group="unlock")
    def _open(self, passphrase: str) -> None:
        try:
            store = self.unlock(passphrase)
        except StorageError as exc:
            self.app.call_from_thread(self._refused, str(exc))
        else:
            self.app.call_from_thread(self.dismiss, store)

    def _refused(self, message: str) -> None:
        self._opening = False
        box = self.query_one("#passphrase", Input)
        box.value = ""
        box.focus()
        self._say(f"{message.removesuffix(' Nothing was written.')} Try again, or Esc to quit.")

    def action_quit(self) -> None:
        """Leave without opening the journal (once an opening under way has ended)."""
        if not self._opening:
            self.dismiss(None)
