"""Journals on tmp paths for the command-line tests, here and in cli/."""

from __future__ import annotations

import pytest

from smn_tui.storage.store import JournalStore

from ..seed import seed_journal


@pytest.fixture
def db(tmp_path):
    return tmp_path / "j" / "journal.json"


@pytest.fixture
def seeded_db(db):
    with JournalStore(db) as store:
        seed_journal(store)
    return db
