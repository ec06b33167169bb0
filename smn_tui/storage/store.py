"""JournalStore: the one place that reads and writes the journal.

Callers hand it dataclasses from :mod:`smn_tui.domain.models` and get
dataclasses and read-models back; documents never leave storage. The store is
a thin facade over its parts: :class:`~.journal_file.JournalFile` (the files),
TinyDB holding the records (:mod:`.memory.tables`), the indexes
(:mod:`.memory.indexes`), the reads (:mod:`.contact_reads`, :mod:`.reading`),
the writes (:mod:`.writing`) and the syncing (:mod:`.syncing`), with what they
share declared in :mod:`.store_parts`.
This module holds its life: opening, catching up with other processes,
compacting, backing up and closing.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..domain.due import DUE_SOON_DAYS
from ..domain.models import SCHEMA_VERSION
from ..domain.resolve import AmbiguousContactError, NameLookupError, UnknownContactError
from ..domain.results import ActTotals, DeleteSummary, DueContact
from .contact_reads import ContactReads
from .disk.codec import Codec
from .errors import HeadReplacedError, StorageError, WrittenElsewhereError
from .heap import Tables, no_gc, share_strings
from .journal_file import HEAD_TABLES, TABLES, FirstPage
from .memory.indexes import JournalIndexes
from .memory.tables import JournalDB
from .reading import JournalReads
from .syncing import FOLDED_COMPACT, JournalSyncing
from .writing import COMPACT_LOG_BYTES, JournalWrites

# ActTotals, AmbiguousContactError, DUE_SOON_DAYS, DeleteSummary, DueContact, NameError_ and
# UnknownContactError are kept here for callers that import them with the store; their homes are
# in domain/.
__all__ = [
    "BACKUP_LOAD_BYTES",
    "CLOSE_COMPACT_BYTES",
    "COMPACT_LOG_BYTES",
    "DUE_SOON_DAYS",
    "ActTotals",
    "AmbiguousContactError",
    "DeleteSummary",
    "DueContact",
    "JournalStore",
    "NameError_",
    "UnknownContactError",
    "default_journal_path",
]

NameError_ = NameLookupError

#: A command-line store leaves a log smaller than this for the app (or a later run) to fold in,
#: so quick captures never rewrite the whole journal.
CLOSE_COMPACT_BYTES = 256 * 1024
#: A command-line store reads the entries to take the daily backup only below this size.
BACKUP_LOAD_BYTES = 4 * 1024 * 1024

#: What a store has only once it read the head (see ``JournalStore.__getattr__``).
_HEAD_ATTRS = frozenset({"_tables", "_db", "_indexes"})


class JournalStore(ContactReads, JournalReads, JournalWrites, JournalSyncing):
    """All journal reads and writes. Open with a path; close when done."""

    #: Below this size the entries are read where first needed; above, :meth:`prepare` reads them.
    QUICK_ENTRIES_BYTES = 1024 * 1024
    #: The app shows its first screen from the names index before reading a head bigger than this
    #: (about 2,500 contacts); a smaller one takes no noticeable time to read.
    FIRST_PAGE_HEAD_BYTES = 1024 * 1024

    def __init__(self, path: Path | str, *, app: bool = False, create: bool = True,
                 read_only: bool = False, keys: Callable[[], Codec] | None = None) -> None:
        self.path = Path(path).expanduser().absolute()
        #: Gives the codec of an encrypted journal (default: from the user's identity, a passphrase
        #: asked on the terminal); the app passes its own, to ask in a dialog.
        self.key_source = keys
        self._init_sync(self.path)  # this device's files (self.file) and the other devices'
        #: Only reads: never migrates, compacts, backs up or writes (``smn due``, ``week``, ``export``...).
        self.read_only = read_only
        #: Backups taken before this store brought the journal up to date (see :mod:`.migrations`).
        self.migration_backups: list[Path] = []
        self.warnings: list[str] = []
        self.version = 0  # bumps on every change, ours or another process's
        # The app reads the entries on a background thread while the first screen shows
        # (see prepare()); loading, indexing and writing take turns under this lock.
        self._lock = threading.RLock()
        self.app = app
        self._head_shared = True
        #: With the app, the contacts list's first screen from the names index while the head
        #: is not read yet (see :meth:`first_page`); None once it is.
        self._first_page: FirstPage | None = None
        if app:
            self.file.claim_app()
        try:
            if not self.file.exists and not self.layout.exists and not create:
                raise StorageError(f"There is no journal at {self.path}.")
            if app and self._head_bytes() > self.FIRST_PAGE_HEAD_BYTES and not self.peers.any():
                self._first_page = self.file.read_first_page()
            if self._first_page is None:
                self._load()
                self._chores()
        except BaseException:
            self.file.release_app()
            raise

    def __getattr__(self, name: str) -> Any:
        # Reached only for attributes not set yet: the head's tables while the app's
        # store has not read the head. Whatever needs them reads it now.
        if name in _HEAD_ATTRS and self.__dict__.get("_first_page") is not None:
            self.load_head()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def meta(self) -> dict[str, Any]:
        """The head's header."""
        self.load_head()
        return self.file.meta

    def _head_bytes(self) -> int:
        try:
            return os.stat(self.file.path).st_size
        except OSError:
            return 0

    def first_page(self) -> FirstPage | None:
        """The contacts list's first screen while the head is not read yet, else None."""
        return self._first_page

    @property
    def head_loaded(self) -> bool:
        return self._first_page is None

    def load_head(self) -> None:
        """Read the head (contacts, audits) and the change log, if not done yet."""
        if self.__dict__.get("_first_page") is None:
            return
        with self._lock:
            if self._first_page is not None:
                self._load()

    # ------------------------------------------------------------------ life

    def _load(self) -> None:
        from .migrations import migrate_in_memory, migrate_loaded

        # Sharing repeated strings saves memory in a long-lived app, but costs a third more
        # time to open: the app does it in prepare(), after its first screen shows.
        self.file.share_head = False
        self._head_shared = not self.app
        self.file.long_lived = self.app
        try:
            result = self.file.load(entries=False)
        except WrittenElsewhereError:
            self._leave_shared_files()  # another device writes them: this one writes files of its own
            result = self.file.load(entries=False)
        self.warnings.extend(result.warnings)
        tables = result.tables
        for name in TABLES:
            tables.setdefault(name, {})
        self._tables = tables
        if int(self.file.meta.get("schema", 1)) < SCHEMA_VERSION:
            if self.read_only:
                migrated = migrate_in_memory(tables, self.file.meta, self.warnings, self.path)
                if migrated is not tables:  # a migration of the files alone hands the same tables back
                    tables.clear()
                    tables.update(migrated)
            else:
                backup, again = migrate_loaded(self.file, tables)
                self.migration_backups.append(backup)
                if again:
                    self._load()  # another smn brought it up to date meanwhile: read its version
                    return
        self._db = JournalDB(self._tables)
        self._indexes = JournalIndexes(self._tables, freeze=self.app)
        self._first_page = None  # whichever way the head was read (a write's catch-up reads it too)
        self.version += 1
        self.peers.forget()
        self.folded_since_snapshot = 0
        self._fold_peers()
        self._copies_due = bool(self.layout.conflict_copies(self.peers.names()))
        if self.peers.any():
            self._check_codecs()

    def close(self) -> None:
        """Fold the change log into the snapshot if it grew, and let go of the journal."""
        if self.read_only:
            return
        try:
            self._chores()
            size = self.file.log_size()
            folded = self.folded_since_snapshot
            if (size > CLOSE_COMPACT_BYTES or folded >= FOLDED_COMPACT
                    or (self.app and self.file.unfolded_commits() + folded > 0)):
                self.compact()
            self.backup_if_due()
        except StorageError:
            pass  # the log is durable; compaction and backups can wait for the next open
        finally:
            self.file.release_app()

    def __enter__(self) -> JournalStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def backup_if_due(self) -> Path | None:
        """Take the daily backup if the newest one is a day old (needs every table in memory)."""
        from .backups import backup_due

        if self.read_only or not self.file.exists or not backup_due(self.file):
            return None
        self.load_head()
        if not self.file.entries_loaded:
            # A quick capture reads the entries only for a small journal; the app
            # (which has them in memory) takes the backup of a big one.
            epath = self.file.entries_path()
            try:
                small = epath is None or epath.stat().st_size <= BACKUP_LOAD_BYTES
            except OSError:
                small = False
            if not small:
                return None
        return self.take_backup()

    def take_backup(self, reason: str = "daily") -> Path:
        """Write every table to a new backup now."""
        from .backups import take_backup

        self._ensure_entries()
        return take_backup(self.file, self._tables, self.meta, reason=reason)

    def compact(self) -> None:
        """Write a fresh snapshot and empty the change log (atomic, crash-safe)."""
        if self.read_only:
            raise StorageError(f"{self.path} was opened only to read it; nothing was written.")
        with self._lock:
            self._ensure_entries()  # the snapshot keeps the history with the entries
            self.file.compact(self._tables, self.meta, catch_up=self._caught_up)

    def _caught_up(self, state: str) -> tuple[Tables, dict[str, Any]]:
        self._catch_up(state)
        self._ensure_entries()
        return self._tables, self.file.meta

    # ------------------------------------------------------------------ reading the entries

    def _ensure_entries(self) -> None:
        if self.file.entries_loaded:
            return
        with self._lock:
            self._load_entries()

    def _load_entries(self) -> None:
        for _attempt in range(5):
            if self.file.entries_loaded:
                return
            try:
                self.file.load_entries(self._tables)
                self._entries_read()
                return
            except HeadReplacedError:
                # Another process compacted twice since we read the head: start over.
                self._load()
        raise StorageError(f"{self.path} keeps changing under us; try again in a moment.")

    def _entries_read(self) -> None:
        self._db.clear_caches()
        self._indexes.reset()
        if self.file.marks.data.get("contacts") and self.peers.any():
            self._repair_people(None)

    def entries_ready(self) -> bool:
        """True when per-contact figures (last contact, counts) need no loading or indexing."""
        return (self.file.entries_loaded and self.head_loaded and self._indexes.by_contact is not None
                and self._indexes.last is not None)

    def entries_quick(self) -> bool:
        """True when reading the entries takes no noticeable time (loaded already, or a small file)."""
        if self.file.entries_loaded:
            return True
        if self._first_page is not None:
            return False  # a first page is kept only for a big journal, and the head is not read yet
        epath = self.file.entries_path()
        try:
            return epath is None or epath.stat().st_size <= self.QUICK_ENTRIES_BYTES
        except OSError:
            return True

    def prepare(self) -> None:
        """Read the entries and build every index the screens use.

        Safe to run on a background thread while the first screen shows: other
        calls that need the entries wait for it, and writes take turns with it.
        """
        self._share_head()
        self._ensure_entries()
        with self._lock:
            self._indexes.last_seen()
            self._indexes.day_index()
            self._indexes.sums()
            self._indexes.search_texts()

    def _share_head(self) -> None:
        """Make the contacts' and audits' repeated strings one object each (memory; values unchanged)."""
        if self._head_shared:
            return
        with self._lock, no_gc(self.app):
            share_strings(self._tables, HEAD_TABLES)
            self._head_shared = True

    def prepare_steps(self, step: int = 5000) -> Iterator[None]:
        """:meth:`prepare` in small pieces of work (a few milliseconds each), for an event loop.

        Each ``yield`` is a pause where anything may run, writes included; work
        that a change made stale is dropped, and whatever is left is done in
        one go at the end.
        """
        if self._first_page is not None:
            self.load_head()
            yield
        if not self._head_shared:
            self._share_head()
            yield
        tables = self._tables
        if not self.file.entries_loaded:
            yield from self.file.load_entries_steps(tables)
            if self._tables is tables and self.file.entries_loaded:
                self._entries_read()
        if self.file.entries_loaded and self._tables is tables:
            yield from self._indexes.steps(step)
        self.prepare()


def default_journal_path() -> Path:
    """``$SMN_DB`` if set, else ``journal.json`` in the user data folder."""
    env = os.environ.get("SMN_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("smn", appauthor=False) / "journal.json"
