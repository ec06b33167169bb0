"""A seeded journal on disk for command-line tests."""

from __future__ import annotations

from smn_tui.storage.store import JournalStore
from tests.seed import seed_journal


def seeded_journal(path, *, compact: bool = True) -> None:
    """Write the seed journal at ``path``; ``compact=False`` leaves its change log in place."""
    store = JournalStore(path)
    seed_journal(store)
    if compact:
        store.close()
    else:
        store.file.release_app()
