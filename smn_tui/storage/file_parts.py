"""What a journal file's reading and writing share: its parts and its state, declared once.

:class:`~.journal_file.JournalFile` sets every attribute below (in its
``__init__``) and holds the methods both sides use; :mod:`.file_reading` and
:mod:`.file_writing` build on this base, so each knows the types of what it
touches. Nothing here runs: the declarations are for the type checker.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from filelock import AcquireReturnProxy, FileLock

    from .disk.changelog import ChangeLog
    from .disk.codec import Codec
    from .disk.folder import JournalFolder
    from .disk.locks import JournalLocks
    from .disk.names import NamesIndex
    from .disk.snapshot import Op
    from .file_writing import Retention
    from .heap import Tables
    from .sync.marks import VersionMarks

__all__ = ["JournalFileParts"]


class JournalFileParts:
    """The parts and state of one device's files of a journal (see :class:`~.journal_file.JournalFile`)."""

    path: Path
    device: str | None
    codec: Codec
    keys: Callable[[], Codec]
    log: ChangeLog
    log_path: Path
    locks: JournalLocks
    lock_path: Path
    app_lock_path: Path
    names: NamesIndex
    names_path: Path
    folder: JournalFolder
    backup_dir: Path
    meta: dict[str, Any]
    pending: list[Op]
    pending_merge: list[tuple[list[Any], tuple[str, int]]]
    marks: VersionMarks
    frontier: dict[str, int]
    retention: Callable[[], Retention] | None
    retired: bool
    entries_from_copy: bool
    _stream: str | None
    history_base: list[dict[str, Any]]
    history_log: list[tuple[int, list[Op], dict[str, Any]]]
    _history_memo: tuple[tuple[int, ...], list[dict[str, Any]]] | None
    _entries_loaded: bool
    share_head: bool
    long_lived: bool
    _head_id: tuple[int, int, int] | None
    seq: int

    if TYPE_CHECKING:
        # JournalFile's own, used by both sides.
        def acquire_write(self) -> AcquireReturnProxy[FileLock]: ...
        def use_codec(self, codec: Codec) -> None: ...
        def unseal(self, data: bytes, source: Path) -> bytes: ...

        # The reading side's, used in writing.
        def load_entries(self, tables: Tables) -> None: ...
        def entries_path(self, meta: dict[str, Any] | None = None) -> Path | None: ...
        def changed_on_disk(self) -> str: ...
        def note_commit(self, seq: int, ops: list[Op], extra: dict[str, Any]) -> None: ...

        # The writing side's, used in reading.
        @property
        def stream(self) -> str: ...
