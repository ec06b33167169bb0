"""The app on an encrypted journal whose identity needs a passphrase: it asks for it first, then opens.

:class:`LockedApp` starts on Textual's empty default screen under the
:class:`~smn_tui.dialogs.passphrase.PassphraseDialog`; once ``unlock`` has
opened the journal with the passphrase, it is the app as any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .app import SmnApp

if TYPE_CHECKING:
    from .dialogs.passphrase import Unlock
    from .storage.store import JournalStore


class LockedApp(SmnApp):
    """The app before an encrypted journal is open: a bare screen under the passphrase dialog."""

    DEFAULT_MODE = "locked"  # no such mode: Textual shows its default, empty screen

    def __init__(self, unlock: Unlock, identity: str, **options: Any) -> None:
        super().__init__(None, **options)
        self._unlock = unlock
        self._identity = identity

    def on_mount(self) -> None:
        from .dialogs.passphrase import PassphraseDialog

        self.push_screen(PassphraseDialog(self._unlock, self._identity), self._unlocked)

    def _unlocked(self, store: JournalStore | None) -> None:
        if store is None:
            self.exit()
            return
        self.store = store
        self.opened = True
        self.switch_mode("contacts")
        self._journal_opened()
