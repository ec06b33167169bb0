"""The journal on disk: a snapshot file plus an append-only change log, one set per device.

Layout for a journal at ``journal.json``::

    journal.json          snapshot head: {"contacts": {...}, "audits": {...}, "_smn": {...header...}}
    journal.json.entries-G  snapshot of interactions and acts, generation G (named in the head)
    journal.json.log      change log: one JSON line per acknowledged commit
    journal.json.names    names index: who is in the journal, for quick captures and the first screen
    journal.json.lock     held briefly by whoever writes
    journal.json.app.lock held by the one app window that has the journal open
    journal.json.d-DEVICE, .d-DEVICE.log, ...  the same files of every other device (see below)
    backups/              rotating snapshots

A commit is one line ``{"seq": N, "ops": [[op, table, id, doc], ...]}`` appended
and fsynced before the caller is told it succeeded. Opening replays the log on
top of the snapshot; a torn last line (a crash mid-append) is dropped and
reported. Compaction writes a new snapshot atomically (temp file, fsync,
``os.replace``, fsync of the folder) and then swaps in an empty log; lines whose
``seq`` the snapshot already holds are skipped, so a crash between the two steps
loses nothing. The entries part is read only when something needs it, so
capturing from the shell costs the same on a journal of 100,000 entries as on
an empty one. No Textual here.

One journal on several devices (a folder kept in sync by Syncthing, Dropbox
and the like): each device writes only files of its own, so no synced file has
two writers and a sync tool never has to choose between versions. The first
device writes the names above; every other one the same set named
``journal.json.d-DEVICE`` (:mod:`.sync.layout`; the device id lives in the
local config folder, :mod:`.sync.device`). A :class:`JournalFile` is one
device's set. Opening folds in every other device's changes by the last-writer
rule (:mod:`.sync.merge`; deletes are kept as tombstones, :mod:`.sync.marks`);
a device's header says how far it has folded in each other device's changes
(``frontier``), and its log keeps the changes others have not read yet
(:class:`~.file_writing.Retention`). The store does the folding (:mod:`.syncing`).

Each part has its module in :mod:`.disk`: atomic writes, the snapshot codec,
the change log, the locks and the names index; :class:`JournalFile` composes
them and knows nothing of records beyond their version stamps. Reading is in
:mod:`.file_reading`, writing in :mod:`.file_writing`, and what the two share is declared in
:mod:`.file_parts`.
"""

from __future__ import annotations

import os  # noqa: F401  (its file calls are patched through this module to simulate failures)
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .disk.atomic import DIR_MODE, FILE_MODE, atomic_write_bytes, ensure_folder, file_id
from .disk.changelog import ChangeLog, binding_of
from .disk.codec import PLAIN, Codec, is_sealed
from .disk.folder import JournalFolder
from .disk.locks import WRITE_LOCK_TIMEOUT, JournalLocks
from .disk.names import FIRST_PAGE_LOG_BYTES, FIRST_PAGE_ROWS, FirstPage, NamesIndex
from .disk.snapshot import ENTRY_TABLES, HEAD_TABLES, META, TABLES, Op, decode_part, iter_object
from .errors import HeadReplacedError, JournalCorruptError, JournalLockedError, JournalTooNewError, StorageError
from .file_reading import JournalReading, LoadResult
from .file_writing import JournalWriting, Retention
from .heap import Tables, no_gc, share_strings
from .sync.marks import VersionMarks

if TYPE_CHECKING:
    from filelock import AcquireReturnProxy, FileLock

__all__ = [
    "BACKUPS_KEPT",
    "BACKUP_EVERY_S",
    "DIR_MODE",
    "ENTRY_TABLES",
    "FILE_MODE",
    "FIRST_PAGE_LOG_BYTES",
    "FIRST_PAGE_ROWS",
    "HEAD_TABLES",
    "META",
    "TABLES",
    "WRITE_LOCK_TIMEOUT",
    "FirstPage",
    "HeadReplacedError",
    "JournalCorruptError",
    "JournalFile",
    "JournalLockedError",
    "JournalTooNewError",
    "LoadResult",
    "Op",
    "Retention",
    "StorageError",
    "Tables",
    "atomic_write_bytes",
    "binding_of",
    "decode_part",
    "file_id",
    "iter_object",
    "no_gc",
    "share_strings",
]

BACKUPS_KEPT = 7
BACKUP_EVERY_S = 24 * 3600

CatchUp = Callable[[str], Any]


def _default_keys() -> Codec:
    from .keys import load_codec

    return load_codec()


class JournalFile(JournalReading, JournalWriting):
    """Durable snapshot + change log for one device's files of a journal. Knows nothing of records
    beyond their version stamps."""

    def __init__(self, path: Path | str, *, keys: Callable[[], Codec] | None = None,
                 device: str | None = None) -> None:
        self.path = Path(path).expanduser().absolute()
        #: The device these files are written by (None: the one smn runs on, looked up when writing).
        self.device = device
        #: How the files lie on disk: plain, or encrypted (found when the head, or the names index, is
        #: read; ``keys`` gives the codec of an encrypted journal, from the user's age identity).
        self.codec: Codec = PLAIN
        self.keys = keys or _default_keys
        self.log = ChangeLog(self.path.with_name(self.path.name + ".log"))
        self.log_path = self.log.path
        self.locks = JournalLocks(self.path)
        self.lock_path = self.locks.lock_path
        self.app_lock_path = self.locks.app_lock_path
        self.names = NamesIndex(self.path, unseal=self._unseal_index, seal=lambda data: self.codec.seal(data))
        self.names_path = self.names.path
        self.folder = JournalFolder(self.path, self.log_path)
        self.backup_dir = self.path.parent / "backups"
        self.meta: dict[str, Any] = {}
        self.pending: list[Op] = []
        #: Other devices' operations on entries, to fold in when the entries are read: (items, origin).
        self.pending_merge: list[tuple[list[Any], tuple[str, int]]] = []
        #: The deletes remembered and the records re-stamped (see :mod:`.sync.marks`), and how far the
        #: snapshot has folded in each other device's changes.
        self.marks = VersionMarks()
        self.frontier: dict[str, int] = {}
        #: What other devices have read of ours, asked for by each compaction (None: no other devices).
        self.retention: Callable[[], Retention] | None = None
        #: Set when these files turned out to be another device's: nothing more is written through here.
        self.retired = False
        self.entries_from_copy = False
        self._stream: str | None = None
        #: The history the snapshot keeps (read with the entries) and the commits read from the log since.
        self.history_base: list[dict[str, Any]] = []
        self.history_log: list[tuple[int, list[Op], dict[str, Any]]] = []  # (seq, ops, extra), as read
        self._history_memo: tuple[tuple[int, ...], list[dict[str, Any]]] | None = None  # see history()
        self._entries_loaded = False
        #: Make repeated strings of the head one object when reading it (memory for a long-lived app).
        self.share_head = True
        #: Keep what is read out of the garbage collector's walks (see :func:`no_gc`), for the app.
        self.long_lived = False
        self._head_id: tuple[int, int, int] | None = None
        self.seq = 0

    # ------------------------------------------------------------ folders and locks

    def ensure_folder(self) -> None:
        ensure_folder(self.path.parent)

    @property
    def head_missing(self) -> bool:
        """Whether no head of these files has been read or written yet (this device never wrote)."""
        return self._head_id is None and not self.path.exists()

    @property
    def exists(self) -> bool:
        """Whether any part of a journal is at this path (a damaged one too)."""
        return self.folder.exists

    def acquire_write(self) -> AcquireReturnProxy[FileLock]:
        """The short-lived lock every writer holds while it appends or compacts (``with``)."""
        self.ensure_folder()
        return self.locks.write()

    def claim_app(self) -> None:
        """Claim the journal for one app window; a second one gets a clear message."""
        self.ensure_folder()
        self.locks.claim_app()

    def release_app(self) -> None:
        self.locks.release_app()

    def use_codec(self, codec: Codec) -> None:
        """Read and write the files this way from now on (``smn encrypt`` and ``decrypt`` switch it)."""
        self.codec = codec
        self.log.codec = codec

    def unseal(self, data: bytes, source: Path) -> bytes:
        """The plain bytes of a whole file of this journal; an encrypted one makes the journal's codec
        the encrypted one (from the user's identity) if it is not yet."""
        if is_sealed(data) and not self.codec.encrypted:
            self.use_codec(self.keys())
        return self.codec.open(data, source)

    def _unseal_index(self, data: bytes, source: Path) -> bytes | None:
        """The names index's plain bytes; None for one that does not fit the journal's codec."""
        if self.codec.encrypted and not is_sealed(data):
            return None  # a plain index left beside an encrypted journal is never read
        return self.unseal(data, source)

    def forget_position(self) -> None:
        """Read everything afresh next time (the files were replaced under us)."""
        self.log.forget()
        self._head_id = None
