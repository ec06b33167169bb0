"""An encrypted journal whose identity has a passphrase: the app asks for it once, in a dialog, then opens."""

from __future__ import annotations

import pyrage
import pytest
from textual.widgets import Input, Static

from smn_tui.app import SmnApp
from smn_tui.cli.run_app import app_for
from smn_tui.dialogs.passphrase import PassphraseDialog
from smn_tui.domain.models import Contact
from smn_tui.locked_app import LockedApp
from smn_tui.screens.contacts import ContactsScreen
from smn_tui.settings import Settings
from smn_tui.storage.journal_file import JournalFile
from smn_tui.storage.store import JournalStore

from ...storage.encrypted import encrypt
from .test_contacts import names, type_text
from .test_timeline import SIZE

PASSPHRASE = "correct horse"


@pytest.fixture
def locked_journal(journal_path, tmp_path, monkeypatch, today):
    """An encrypted journal holding Ada, its identity protected by :data:`PASSPHRASE`."""
    identity = tmp_path / "identity.txt"
    encrypt(journal_path, identity, monkeypatch)
    store = JournalStore(journal_path)
    store.add_contact(Contact("Ada Lovelace"))
    store.close()
    identity.write_bytes(pyrage.passphrase.encrypt(identity.read_bytes(), PASSPHRASE))
    monkeypatch.delenv("SMN_PASSPHRASE", raising=False)
    return journal_path


def open_app(path, today):
    return app_for(path, Settings(), None, clock=lambda: today, poll=False)


async def wait_for_dialog(app, pilot) -> None:
    await app.screen.workers.wait_for_complete()
    await pilot.pause()


async def test_the_app_asks_for_the_passphrase_and_says_when_it_is_wrong(locked_journal, today):
    app = open_app(locked_journal, today)
    assert isinstance(app, LockedApp)
    try:
        async with app.run_test(size=SIZE) as pilot:
            dialog = app.screen
            assert isinstance(dialog, PassphraseDialog)
            box = dialog.query_one("#passphrase", Input)
            assert box.password and app.focused is box  # the text is hidden
            await type_text(pilot, "wrong guess")
            await pilot.press("enter")
            await wait_for_dialog(app, pilot)
            assert app.screen is dialog
            error = str(dialog.query_one("#passphrase-error", Static).render())
            assert "does not open" in error and "Try again, or Esc to quit." in error
            assert box.value == ""
            await type_text(pilot, PASSPHRASE)
            await pilot.press("enter")
            await wait_for_dialog(app, pilot)
            assert isinstance(app.screen, ContactsScreen)
            assert names(app) == ["Ada Lovelace"]
            await pilot.press("n")  # and it writes, encrypted
            await type_text(pilot, "Grace Hopper")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert names(app) == ["Ada Lovelace", "Grace Hopper"]
    finally:
        app.close_journal()
    assert JournalFile(locked_journal).path.read_bytes().startswith(b"age-encryption.org/v1")


async def test_esc_quits_without_opening_the_journal(locked_journal, today):
    app = open_app(locked_journal, today)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0 and not app.opened


def test_smn_passphrase_still_wins(locked_journal, today, monkeypatch):
    monkeypatch.setenv("SMN_PASSPHRASE", PASSPHRASE)
    app = open_app(locked_journal, today)
    try:
        assert type(app) is SmnApp and app.opened
        assert [c.name for c in app.store.contacts()] == ["Ada Lovelace"]
    finally:
        app.close_journal()
