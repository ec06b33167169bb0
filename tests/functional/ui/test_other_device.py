"""The app on a journal another device writes to (through a sync tool): what arrives shows by itself."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from smn_tui.app import POLL_SECONDS, SmnApp
from smn_tui.domain.models import Contact, HelpfulAct
from smn_tui.settings import Settings
from smn_tui.storage.store import JournalStore

from ...seed import TODAY
from ..sync.journal_world import on_device

SIZE = (100, 30)


async def test_an_act_another_device_logs_shows_in_the_open_app_within_seconds(tmp_path: Path) -> None:
    journal = tmp_path / "Sync" / "journal.json"
    journal.parent.mkdir()
    laptop, desktop = tmp_path / "config" / "laptop", tmp_path / "config" / "desktop"
    with on_device("LAPTOP22", laptop):
        with JournalStore(journal) as s:
            ada = s.add_contact(Contact("Ada Lovelace"))
        store = JournalStore(journal, app=True)
        app = SmnApp(store, settings=Settings(), clock=lambda: TODAY)  # polling as in real use
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("2")
            await pilot.pause()
            ledger = app.screen.query_one("#ledger")
            assert ledger.row_count == 0
            # The desktop logs an act; its own files arrive in the folder (as a sync tool puts them).
            with on_device("DESKTOP2", desktop), JournalStore(journal) as other:
                other.add_act(HelpfulAct([ada.id], TODAY, "Sent the desktop's notes"))
            assert any(".d-" in p.name for p in journal.parent.iterdir())  # the desktop's files
            deadline = time.monotonic() + 5 * POLL_SECONDS
            while ledger.row_count == 0 and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
                await pilot.pause()
            assert ledger.row_count == 1
            assert [a.note for a in store.acts_for(ada.id)] == ["Sent the desktop's notes"]
            # What the app writes next keeps the desktop's act (it read it before writing).
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
        store.close()
    with on_device("DESKTOP2", desktop), JournalStore(journal) as other:
        assert [a.note for a in other.acts_for(ada.id)] == ["Sent the desktop's notes"]
