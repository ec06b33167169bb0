"""What the store's reads, writes and syncing share: its parts and its state, declared once.

:class:`~.store.JournalStore` sets every attribute below (in its ``__init__``,
``_init_sync`` and ``_load``) and holds the store's life; the mixins it is made
of (:mod:`.reading`, :mod:`.writing`, :mod:`.syncing`) build on this base, so
each knows the types of what it touches and of what it calls in the others.
Nothing here runs: the declarations are for the type checker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..domain.models import Contact, WeeklyAudit
    from .disk.codec import Codec
    from .disk.names import FirstPage
    from .disk.snapshot import Op
    from .heap import Tables
    from .journal_file import JournalFile
    from .memory.indexes import JournalIndexes
    from .memory.tables import JournalDB
    from .sync.layout import JournalLayout
    from .sync.peers import Peers

__all__ = ["StoreParts"]


class StoreParts:
    """The parts and state of an open journal (see :class:`~.store.JournalStore`)."""

    path: Path
    key_source: Callable[[], Codec] | None
    read_only: bool
    app: bool
    warnings: list[str]
    migration_backups: list[Path]
    version: int
    _lock: threading.RLock
    _head_shared: bool
    _first_page: FirstPage | None
    # The head's tables: read when first needed by an app's store (see JournalStore.__getattr__).
    _tables: Tables
    _db: JournalDB
    _indexes: JournalIndexes
    # This device's files and the other devices' (see .syncing).
    device: str
    layout: JournalLayout
    peers: Peers
    file: JournalFile
    folded_since_snapshot: int
    _copies_due: bool
    _folding_copies: bool
    _repairs_due: list[Op]

    if TYPE_CHECKING:
        # The store's life (store.py).
        def load_head(self) -> None: ...
        def _load(self) -> None: ...
        def _ensure_entries(self) -> None: ...
        def compact(self) -> None: ...
        def backup_if_due(self) -> Path | None: ...

        # The reads (reading.py), used in writing, syncing and the contact reads.
        def _table(self, name: str) -> dict[str, dict[str, Any]]: ...
        def _ids_for_contact(self, table: str, contact_id: str) -> set[str]: ...
        def names_for(self, ids: Iterable[str]) -> dict[str, str]: ...
        def get_contact(self, contact_id: str) -> Contact: ...
        def audit_for(self, week_key: str) -> WeeklyAudit | None: ...
        def interaction_counts(self) -> dict[str, int]: ...

        # The writes (writing.py), used in syncing.
        def _commit(self, ops: list[Op], what: str = "", *, kind: str = "change",
                    undoes: Iterable[int] = (), stamps: list[str] | None = None) -> int: ...
        def _apply_to_memory(self, ops: list[Op]) -> None: ...

        # Syncing (syncing.py), used in writing.
        def refresh(self) -> bool: ...
        def _catch_up(self, state: str, *, others: bool | None = None) -> None: ...
        def _chores(self) -> None: ...
