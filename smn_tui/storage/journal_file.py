"""The journal on disk: a snapshot file plus an append-only change log.

Layout for a journal at ``journal.json``::

    journal.json          snapshot head: {"_smn": {...meta...}, "contacts": {...}, "audits": {...}}
    journal.json.entries-G  snapshot of interactions and acts, generation G (named in the head)
    journal.json.log      change log: one JSON line per acknowledged commit
    journal.json.names    names index: who is in the journal, for quick captures and the first screen
    journal.json.lock     held briefly by whoever writes
    journal.json.app.lock held by the one app window that has the journal open
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

Each part has its module in :mod:`.disk`: atomic writes, the snapshot codec,
the change log, the locks and the names index; :class:`JournalFile` composes
them and knows nothing of records.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson

from ..domain.models import SCHEMA_VERSION
from .disk.atomic import (
    DIR_MODE,
    FILE_MODE,
    atomic_write_bytes,
    ensure_folder,
    file_id,
    read_regular,
    remove_stale_temp_files,
)
from .disk.changelog import ChangeLog, LogBinding
from .disk.folder import JournalFolder
from .disk.checksum import file_hasher, new_token, sum_of
from .disk.codec import PLAIN, Codec, is_sealed
from .disk.locks import WRITE_LOCK_TIMEOUT, JournalLocks
from .disk.names import FIRST_PAGE_LOG_BYTES, FIRST_PAGE_ROWS, FirstPage, NamesIndex
from .disk.snapshot import (
    ENTRY_TABLES,
    HEAD_TABLES,
    META,
    TABLES,
    Op,
    apply_ops,
    decode_part,
    entries_name_ok,
    iter_entry_lines,
    iter_object,
    read_entries,
    read_entries_steps,
)
from .errors import (
    HeadReplacedError,
    JournalCorruptError,
    JournalForeignError,
    JournalLockedError,
    JournalTooNewError,
    StorageError,
    describe,
)
from .heap import Tables, no_gc, share_strings
from .history import HISTORY_KEPT, entry_of, trim

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
    "StorageError",
    "Tables",
    "atomic_write_bytes",
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


def binding_of(meta: dict[str, Any]) -> LogBinding:
    """How the log continues the head whose header is ``meta``."""
    seq = int(meta.get("seq", 0) or 0)
    if meta.get("schema", 1) < 3:
        return LogBinding(None, seq)
    return LogBinding(meta["log"], seq, meta.get("after_log"))


@dataclass
class LoadResult:
    tables: Tables
    meta: dict[str, Any]
    seq: int
    warnings: list[str] = field(default_factory=list)
    log_lines: int = 0


class JournalFile:
    """Durable snapshot + change log for one journal path. Knows nothing of records."""

    def __init__(self, path: Path | str, *, keys: Callable[[], Codec] | None = None) -> None:
        self.path = Path(path).expanduser().absolute()
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
        #: The history the snapshot keeps (read with the entries) and the commits read from the log since.
        self.history_base: list[dict[str, Any]] = []
        self.history_log: list[tuple[int, list[Op], dict[str, Any]]] = []  # (seq, ops, extra), as read
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
    def exists(self) -> bool:
        """Whether any part of a journal is at this path (a damaged one too)."""
        return self.folder.exists

    def acquire_write(self) -> Any:
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

    # ------------------------------------------------------------ reading

    def load(self, *, entries: bool = True) -> LoadResult:
        """Read snapshot and log. Never writes; raises on anything it cannot trust.

        With ``entries=False`` the interactions and acts are not read; log
        operations on them are kept in ``pending`` until :meth:`load_entries`.
        """
        for _attempt in range(5):
            try:
                with no_gc(self.long_lived):
                    result = self._load_once(entries=entries)
            except HeadReplacedError:
                continue
            if file_id(self.path) == self._head_id:
                return result
            # Another process compacted while we read: the log may belong to a newer head.
        raise StorageError(f"{self.path} keeps changing while it is read; try again in a moment.")

    def _load_once(self, *, entries: bool) -> LoadResult:
        tables: Tables = {name: {} for name in HEAD_TABLES}
        meta: dict[str, Any] = {"schema": SCHEMA_VERSION, "seq": 0}
        self._head_id = None
        raw_st = self.folder.read_head()
        if raw_st is not None:
            raw, st = raw_st
            if is_sealed(raw) or self.codec.encrypted:
                if not is_sealed(raw):
                    self.use_codec(PLAIN)  # the journal is what its head is: in the clear
                raw = self.unseal(raw, self.path)
            self._head_id = (st.st_ino, st.st_mtime_ns, st.st_size)
            try:
                tables, meta = decode_part(raw, self.path, TABLES, head=True, share=self.share_head)
            except JournalForeignError as exc:
                parts = self.folder.parts_without_head()
                if not parts:
                    raise
                raise JournalCorruptError(
                    f"{self.path} is not a journal head, but parts of the journal are there ({parts}): the "
                    "journal is damaged. Nothing was written. 'smn restore' puts a backup back ('smn doctor' "
                    "says which)."
                ) from exc
            del raw
            self.folder.check_header(meta)
        elif self.folder.check_no_head():
            meta["schema"] = 2  # begun by an older smn: brought up to date before the first write
        self.meta = meta
        self._entries_loaded = False
        self.pending = []
        self._check_entries_file()
        if entries:
            self.load_entries(tables)
        self.seq = int(meta.get("seq", 0) or 0)
        self.log.bind(binding_of(meta) if raw_st is not None else LogBinding(None, 0))
        warnings: list[str] = []
        lines = self._read_log(tables, warnings, full=True)
        if raw_st is not None and not self.log.exists and self.seq > 0 and not self.log.legacy:
            warnings.append(
                f"The change log {self.log_path.name} is missing: anything saved after "
                f"{meta.get('saved', 'the last snapshot')} that was not folded into the snapshot is not in "
                "the journal. 'smn doctor' shows the backups."
            )
        return LoadResult(tables, meta, self.seq, warnings, lines)

    def entries_path(self, meta: dict[str, Any] | None = None) -> Path | None:
        return self.folder.entries_path(self.meta if meta is None else meta)

    def _check_entries_file(self) -> None:
        self.folder.check_entries_file(self.meta, self._head_id)

    def _entries_missing(self, epath: Path) -> StorageError:
        return self.folder.entries_missing(epath, self._head_id)

    def load_entries(self, tables: Tables) -> None:
        """Read the interactions and acts part of the snapshot into ``tables``."""
        if self._entries_loaded:
            return
        epath = self.entries_path()
        if epath is not None:
            try:
                with no_gc(self.long_lived):
                    parts, history = read_entries(epath, tables.get("contacts"), self.meta.get("entries_sum"),
                                                  codec=self.codec)
            except FileNotFoundError as exc:
                raise self._entries_missing(epath) from exc
            except OSError as exc:
                raise StorageError(f"Could not read {epath}: {describe(exc)}.") from exc
            self.install_entries(tables, parts, history)
        else:
            self.install_entries(tables, None)

    def load_entries_steps(self, tables: Tables) -> Iterator[None]:
        """:meth:`load_entries` a chunk at a time, pausing (yielding) between chunks.

        Anything may run at a pause; if the entries got loaded or the head was
        read again meanwhile, what was read is dropped. Errors are left for a
        plain :meth:`load_entries` to report.
        """
        if self._entries_loaded:
            return
        head = self._head_id
        epath = self.entries_path()
        parts, history = None, []
        if epath is not None:
            try:
                parts, history = yield from read_entries_steps(epath, tables.get("contacts"), self.long_lived,
                                                               self.meta.get("entries_sum"), codec=self.codec)
            except (OSError, StorageError):
                return
        if self._entries_loaded or self._head_id != head or self.entries_path() != epath:
            return
        self.install_entries(tables, parts, history)

    def install_entries(self, tables: Tables, parts: Tables | None,
                        history: list[dict[str, Any]] | None = None) -> None:
        """Put the entries read from the entries file (None: there is none) into ``tables``."""
        self.history_base = list(history or [])
        if parts is not None:
            for name in ENTRY_TABLES:
                # An old single-file snapshot may hold entries in the head as well.
                parts[name].update(tables.get(name, {}))
                tables[name] = parts[name]
        for name in ENTRY_TABLES:
            tables.setdefault(name, {})
        self._entries_loaded = True
        if self.pending:
            apply_ops(tables, self.pending)
            self.pending = []

    @property
    def entries_loaded(self) -> bool:
        return self._entries_loaded

    def _read_log(self, tables: Tables, warnings: list[str], *, full: bool,
                  apply_now: Callable[[list[Op]], None] | None = None) -> int:
        found = self.log.read(full=full)
        if full:
            self.history_log = []
        for seq, ops, extra in found.commits:
            self.apply(tables, ops, apply_now)
            self.seq = seq
            self.history_log.append((seq, ops, extra))
        warnings.extend(found.warnings)
        return len(found.commits)

    def apply(self, tables: Tables, ops: list[Op], apply_now: Callable[[list[Op]], None] | None = None) -> None:
        """Apply ``ops`` in memory (with ``apply_now``, or straight into ``tables``); operations on
        entries wait in ``pending`` while the entries are unread."""
        now = ops
        if not self._entries_loaded:
            now = [op for op in ops if op[1] not in ENTRY_TABLES]
            self.pending.extend(op for op in ops if op[1] in ENTRY_TABLES)
        if apply_now is None:
            apply_ops(tables, now)
        else:
            apply_now(now)

    def changed_on_disk(self) -> str:
        """'none', 'tail' (new log lines to read) or 'reload' (compacted by someone else)."""
        if file_id(self.path) != self._head_id:
            return "reload"
        return self.log.state()

    def read_tail(self, tables: Tables, apply_now: Callable[[list[Op]], None] | None = None) -> tuple[int, list[str]]:
        """Apply log lines other processes appended since we last looked."""
        warnings: list[str] = []
        n = self._read_log(tables, warnings, full=False, apply_now=apply_now)
        return n, warnings

    # ------------------------------------------------------------ quick captures

    def load_quick(self) -> LoadResult | None:
        """Contacts (id, name, archived, platforms) from the small index plus the log.

        For quick captures: no head, no entries. Returns None when there is no
        index for the current head; the caller then loads the journal fully.
        """
        quick = self.names.read_quick()
        if quick is None:
            return None
        tables: Tables = {"contacts": quick.contacts, "audits": {}}
        self._head_id = quick.head
        self.meta = {"schema": SCHEMA_VERSION, "seq": quick.seq, **quick.header}
        self._entries_loaded = False
        self.pending = []
        try:
            self.folder.check_header(self.meta)
            self._check_entries_file()
        except (HeadReplacedError, JournalCorruptError):
            return None  # the full open says what is wrong
        self.seq = quick.seq
        self.log.bind(binding_of(self.meta))
        warnings: list[str] = []
        lines = self._read_log(tables, warnings, full=True)
        if file_id(self.path) != quick.head:
            return None  # compacted while we read
        return LoadResult(tables, self.meta, self.seq, warnings, lines)

    def read_first_page(self) -> FirstPage | None:
        """The contacts list's first screen from the names index, without reading the head."""
        return self.names.first_page(self.log_path)

    def quick_platforms_of(self, cid: str) -> list[Any] | None:
        return self.names.platforms_of(cid)

    def fill_quick_platforms(self, contacts: dict[str, Any]) -> bool:
        return self.names.fill_platforms(contacts)

    # ------------------------------------------------------------ writing

    def commit(self, ops: list[Op], *, catch_up: CatchUp | None = None,
               extra: Callable[[], dict[str, Any]] | dict[str, Any] | None = None) -> int:
        """Append one commit and fsync it. Returns its seq.

        ``catch_up(kind)`` is called under the write lock first when another
        process changed the journal, so the caller can fold those changes in
        (and re-check its own) before this commit is numbered. ``extra`` (or
        what calling it returns, under the lock after catching up) goes into
        the commit's line: what the commit was and what it replaced, for the
        history (see :mod:`.history`).
        """
        with self.acquire_write():
            try:
                self.log.repair_tail()
            except OSError as exc:
                raise StorageError(
                    f"Could not repair the end of {self.log_path}: {describe(exc)}. Nothing was saved."
                ) from exc
            state = self.changed_on_disk()
            if state != "none":
                if catch_up is None:
                    raise StorageError(f"{self.path} changed on disk; read it again before writing.")
                catch_up(state)
            if self._head_id is None:
                self._start_journal()
            seq = self.seq + 1
            info = extra() if callable(extra) else extra
            self.log.append(seq, ops, info)
            self.seq = seq
            self.history_log.append((seq, ops, info or {}))
            return seq

    def _start_journal(self) -> None:
        """A new journal's first write: a head (empty) first, so the log always has one to continue."""
        if self.log.legacy and self.log.exists and self.log.size():
            raise StorageError(f"{self.log_path} is in an older format; smn must bring the journal up to "
                               "date before it writes (run 'smn migrate').")
        self.write_snapshot({name: {} for name in TABLES}, {"schema": SCHEMA_VERSION})

    def compact(self, tables: Tables, meta: dict[str, Any], *, catch_up: CatchUp | None = None) -> bool:
        """Fold the log into a new snapshot. Caller holds no lock; we take it.

        If another process wrote since we last read, ``catch_up(kind)`` folds
        its changes in first and returns the up-to-date ``(tables, meta)``;
        without it the compaction is left for later.
        Returns whether a snapshot was written.
        """
        with self.acquire_write():
            state = self.changed_on_disk()
            if state != "none":
                if catch_up is None:
                    return False
                tables, meta = catch_up(state)
            self.write_snapshot(tables, meta)
            return True

    def write_snapshot(self, tables: Tables, meta: dict[str, Any], *, entries_changed: bool = True,
                       seq: int | None = None) -> None:
        """Atomically replace snapshot and log (caller holds the write lock).

        The entries part is written first under a new generation name; the
        head that names it (and a new log token) is replaced atomically after,
        so a crash at any point leaves a head that names an entries file that
        exists, and either the old log (which the new head says it holds) or
        the new one. ``seq`` (default: the last change read) is the change the
        snapshot holds.
        """
        if self.pending or (self.history_log and not self._entries_loaded):
            self.load_entries(tables)  # the history is kept with the entries
        meta = {k: v for k, v in meta.items() if k not in ("unknown_tables", "sum")}
        meta["schema"] = SCHEMA_VERSION
        meta["seq"] = self.seq if seq is None else seq
        meta["saved"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        meta["log"] = new_token()
        meta["after_log"] = self._folded_log()
        new_entries = self._write_entries(tables, meta, entries_changed)
        if self.codec.encrypted:
            meta["recipient"] = self.codec.recipient
        else:
            meta.pop("recipient", None)
        try:
            atomic_write_bytes(self.path, self._sealed(iter_object(tables, HEAD_TABLES, meta)))
        except StorageError:
            if new_entries is not None:
                try:
                    new_entries.unlink()  # nothing names it: the old head still rules
                except OSError:
                    pass
            raise
        self.meta = meta
        self.seq = meta["seq"]
        self._head_id = file_id(self.path)
        self.log.bind(binding_of(meta))
        if new_entries is not None:
            self.history_base, self.history_log = self.history(), []
        self.names.write(tables, self._head_id, meta)
        # The old log's lines are all in the new snapshot now, and the new head says so
        # (after_log), so if emptying it fails they are skipped on the next read.
        self.log.reset()
        self.folder.remove_old_generations(self.meta)
        self.remove_stale_temp_files()

    def _sealed(self, pieces: Iterator[bytes]) -> Iterator[bytes] | bytes:
        """What to write for a file of ``pieces``: the pieces themselves, or one age message of them."""
        return self.codec.seal(b"".join(pieces)) if self.codec.encrypted else pieces

    def _folded_log(self) -> str | None:
        """The token of the log a new snapshot holds in full ("legacy" for an older log), if any."""
        if self.log.legacy:
            return "legacy" if self.log.exists else None
        return self.log.binding.token

    def _write_entries(self, tables: Tables, meta: dict[str, Any], changed: bool) -> Path | None:
        """Write a new entries generation if the entries are in memory and changed; names it in ``meta``."""
        if not self._entries_loaded or not (changed or self.entries_path(meta) is None):
            return None
        gen = max(int(meta.get("gen", 0) or 0), self.folder.newest_generation()) + 1
        name = f"{self.path.name}.entries-{gen}"
        path = self.path.with_name(name)
        hasher = file_hasher()
        size = atomic_write_bytes(path, self._sealed(iter_entry_lines(tables, hasher, self.history())))
        meta["gen"] = gen
        meta["entries_file"] = name
        meta["entries_size"] = size
        meta["entries_sum"] = sum_of(hasher)
        return path

    def history(self) -> list[dict[str, Any]]:
        """The recent commits, oldest first: the snapshot's history, then what the log added."""
        base_end = self.history_base[-1]["seq"] if self.history_base else 0
        recent = self.history_log[-HISTORY_KEPT:]
        return trim([*self.history_base, *(entry_of(*c) for c in recent if c[0] > base_end)])

    def log_size(self) -> int:
        return self.log.size()

    def unfolded_commits(self) -> int:
        """How many commits the log holds beyond the snapshot (as far as this process has read)."""
        return max(0, self.seq - int(self.meta.get("seq", 0) or 0))

    def remove_stale_temp_files(self) -> list[str]:
        """Temp files left behind by a writer that died (its process is gone)."""
        return remove_stale_temp_files((self.path.parent, self.backup_dir))
