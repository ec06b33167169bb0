"""How a journal file is read: the snapshot, the log on top of it, what other processes add since.

Mixed into :class:`~.journal_file.JournalFile`; see its module for the design.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.models import SCHEMA_VERSION
from .disk.atomic import file_id
from .disk.changelog import LogBinding, binding_of
from .disk.codec import PLAIN, is_sealed
from .disk.names import FirstPage
from .disk.snapshot import (
    ENTRY_TABLES,
    HEAD_TABLES,
    TABLES,
    Op,
    apply_ops,
    decode_part,
    read_entries,
    read_entries_steps,
)
from .errors import (
    HeadReplacedError,
    JournalCorruptError,
    JournalForeignError,
    StorageError,
    WrittenElsewhereError,
    describe,
)
from .file_parts import JournalFileParts
from .heap import Tables, no_gc
from .sync.layout import first_json
from .sync.marks import VersionMarks
from .sync.merge import fold_ops, items_of, op_stamps

__all__ = ["JournalReading", "LoadResult"]


@dataclass
class LoadResult:
    """What one read of a journal's files found."""

    tables: Tables
    meta: dict[str, Any]
    seq: int
    warnings: list[str] = field(default_factory=list)
    log_lines: int = 0


class JournalReading(JournalFileParts):
    """Reading the snapshot and the change log (mixed into :class:`~.journal_file.JournalFile`)."""

    def _check_ours(self, writer: Any, source: Path) -> None:
        """Files opened for this device must be its own (a sync tool may have put another device's
        version of one in place, when two devices began or converted the journal at once)."""
        if self.device is not None and isinstance(writer, str) and writer != self.device:
            raise WrittenElsewhereError(f"{source} is written by the device {writer}, not by this one "
                                        f"({self.device}).", writer)

    def _take_header(self, meta: dict[str, Any]) -> None:
        """Make ``meta`` the header read: what it says of other devices and deletes is held apart."""
        self.marks = VersionMarks(meta.pop("deleted", None), meta.pop("restamped", None))
        frontier = meta.pop("frontier", None)
        self.frontier = {k: v for k, v in frontier.items() if type(v) is int} if isinstance(frontier, dict) else {}
        self.meta = meta
        self._entries_loaded = False
        self.pending = []
        self.pending_merge = []

    # ------------------------------------------------------------ reading

    def load(self, *, entries: bool = True, log: bool = True) -> LoadResult:
        """Read snapshot and log. Never writes; raises on anything it cannot trust.

        With ``entries=False`` the interactions and acts are not read; log
        operations on them are kept in ``pending`` until :meth:`load_entries`.
        With ``log=False`` only the snapshot is read (another device's, whose
        log is read line by line apart).
        """
        for _attempt in range(5):
            try:
                with no_gc(self.long_lived):
                    result = self._load_once(entries=entries, log=log)
            except HeadReplacedError:
                continue
            if file_id(self.path) == self._head_id:
                return result
            # Another process compacted while we read: the log may belong to a newer head.
        raise StorageError(f"{self.path} keeps changing while it is read; try again in a moment.")

    def _load_once(self, *, entries: bool, log: bool = True) -> LoadResult:
        tables: Tables = {name: {} for name in HEAD_TABLES}
        meta: dict[str, Any] = {"schema": SCHEMA_VERSION, "seq": 0}
        self._head_id = None
        if self.device is not None and log:
            header = first_json(self.log_path)
            self._check_ours(header.get("device") if header else None, self.log_path)
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
            self._check_ours(meta.get("device"), self.path)
        elif self.folder.check_no_head():
            meta["schema"] = 2  # begun by an older smn: brought up to date before the first write
        self._take_header(meta)
        self._check_entries_file()
        if entries:
            self.load_entries(tables)
        self.seq = int(meta.get("seq", 0) or 0)
        self.log.bind(binding_of(meta) if raw_st is not None else LogBinding(None, 0))
        warnings: list[str] = []
        if not log:
            return LoadResult(tables, meta, self.seq, warnings, 0)
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
            #: Read from a copy a sync tool set aside (see JournalFolder.entries_path): worth a new snapshot.
            self.entries_from_copy = epath.name != self.meta.get("entries_file")
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
        parts: Tables | None = None
        history: list[dict[str, Any]] = []
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
        for items, origin in self.pending_merge:
            apply_ops(tables, fold_ops(tables, self.marks, items, origin))
        self.pending_merge = []

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
            self.note_commit(seq, ops, extra)
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

    def note_commit(self, seq: int, ops: list[Op], extra: dict[str, Any]) -> None:
        """This device's commit, read or written: the deletes in it are remembered as tombstones, the
        records written with a stamp of their own with it (see :mod:`.sync.marks`)."""
        if self.marks or "v" in extra or any(op[0] == "del" for op in ops):
            self.marks.note_commit(self.stream, seq, ops, op_stamps(ops, extra), extra.get("before"))

    def fold(self, tables: Tables, origin: tuple[str, int], ops: list[Op], extra: dict[str, Any],
             apply_now: Callable[[list[Op]], None] | None = None) -> None:
        """Another device's commit ``origin`` (device, change number): what wins by the last-writer
        rule is applied (with ``apply_now``, or straight into ``tables``); operations on entries wait
        in ``pending_merge`` while the entries are unread."""
        items = items_of(ops, extra)
        if not self._entries_loaded:
            later = [item for item in items if item[0][1] in ENTRY_TABLES]
            if later:
                self.pending_merge.append((later, origin))
                items = [item for item in items if item[0][1] not in ENTRY_TABLES]
        won = fold_ops(tables, self.marks, items, origin)
        if not won:
            return
        if apply_now is None:
            apply_ops(tables, won)
        else:
            apply_now(won)

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
        self._take_header({"schema": SCHEMA_VERSION, "seq": quick.seq, **quick.header})
        try:
            self.folder.check_header(self.meta)
            self._check_entries_file()
        except (HeadReplacedError, JournalCorruptError):
            return None  # the full open says what is wrong
        self.seq = quick.seq
        self.log.bind(binding_of(self.meta))
        header = first_json(self.log_path)
        self._check_ours(header.get("device") if header else None, self.log_path)
        self._check_ours(self.meta.get("device"), self.path)
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
