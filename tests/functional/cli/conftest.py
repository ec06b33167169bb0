"""Small journals for the command-line tests (``db`` and ``seeded_db`` are in ../conftest.py)."""

from __future__ import annotations

import pytest

from smn_tui.storage.store import JournalStore

from .helpers import small_journal


@pytest.fixture
def small_db(db):
    with JournalStore(db) as store:
        small_journal(store)
    return db
