"""How a journal file is written: a commit appended to the log, a snapshot switched in atomically.

Mixed into :class:`~.journal_file.JournalFile`; see its module for the design.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.models import SCHEMA_VERSION
from .disk.atomic import atomic_write_bytes, file_id
from .disk.changelog import binding_of
from .disk.checksum import file_hasher, new_token, sum_of
from .disk.snapshot import HEAD_TABLES, TABLES, Op, iter_entry_lines, iter_object
from .errors import StorageError, WrittenElsewhereError, describe
from .file_parts import JournalFileParts
from .heap import Tables
from .history import HISTORY_KEPT, entry_of, trim

if TYPE_CHECKING:
    from .journal_file import CatchUp

__all__ = ["JournalWriting", "Retention"]


class Retention:
    """What the other devices writing to the journal have folded in, for a compaction to go by.

    ``keep_after``: the log keeps this device's changes after this one (others have not read
    them yet; None keeps none); ``folded``: how far each device still writing has folded in
    every device's changes (tombstones they all have can go).
    """

    def __init__(self, keep_after: int | None = None, folded: dict[str, dict[str, int]] | None = None) -> None:
        self.keep_after = keep_after
        self.folded = folded or {}


class JournalWriting(JournalFileParts):
    """Appending commits and writing snapshots (mixed into :class:`~.journal_file.JournalFile`)."""

    def commit(self, ops: list[Op], *, catch_up: CatchUp | None = None,
               extra: Callable[[], dict[str, Any]] | dict[str, Any] | None = None) -> int:
        """Append one commit and fsync it. Returns its seq.

        ``catch_up(kind)`` is called under the write lock first when another
        process changed the journal, so the caller can fold those changes in
        (and re-check its own) before this commit is numbered. ``extra`` (or
        what calling it returns, under the lock after catching up) goes into
        the commit's line: what the commit was and what it replaced, for the
        history (see :mod:`.history`), and the stamp of its deletes.
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
            self.check_writer()
            if self._head_id is None:
                self._start_journal()
            seq = self.seq + 1
            info = extra() if callable(extra) else extra
            self.log.append(seq, ops, info)
            self.seq = seq
            self.history_log.append((seq, ops, info or {}))
            self.note_commit(seq, ops, info or {})
            return seq

    def check_writer(self) -> None:
        """Refuse to write files another device writes (one writer per synced file)."""
        if self.retired:
            raise WrittenElsewhereError(f"{self.path} turned out to be another device's; nothing was written "
                                        "there.", str(self.meta.get("device", "")))
        owner = self.meta.get("device")
        if isinstance(owner, str) and owner != self.writer():
            raise StorageError(f"{self.path} is written by the device {owner}, and this is {self.writer()}: "
                               "each device writes only files of its own. Nothing was written.")

    def writer(self) -> str:
        """The device writing these files: the one they were opened for, else the one smn runs on."""
        if self.device is None:
            from .sync.device import this_device

            self.device = this_device()
        return self.device

    @property
    def stream(self) -> str:
        """The name other devices know these files' changes by (see :func:`.sync.layout.stream_of`)."""
        if self._stream is None:
            from .sync.layout import stream_of

            self._stream = stream_of(self.path, self.writer())
        return self._stream

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
            if self.retired:
                return False
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
        snapshot holds. The new log keeps the changes other devices have not
        read yet (see :class:`Retention`).
        """
        if self.pending or self.pending_merge or (self.history_log and not self._entries_loaded):
            self.load_entries(tables)  # the history is kept with the entries
        self.check_writer()
        retention = self.retention() if self.retention is not None else Retention()
        now = datetime.now(UTC)
        meta = {k: v for k, v in meta.items() if k not in ("unknown_tables", "sum", "deleted", "restamped", "frontier")}
        meta["schema"] = SCHEMA_VERSION
        meta["seq"] = self.seq if seq is None else seq
        meta["saved"] = now.isoformat(timespec="seconds")
        meta["device"] = self.writer()
        meta["frontier"] = dict(sorted(self.frontier.items()))
        meta["deleted"] = self.marks.kept(now, retention.folded)
        meta["restamped"] = self.marks.kept_stamps(tables)
        kept = self._kept_commits(retention, meta["seq"])
        meta["log"] = new_token()
        meta["after_log"] = self._folded_log()
        new_entries = self._write_entries(tables, meta, entries_changed)
        if self.codec.encrypted:
            meta["recipient"] = self.codec.recipient
        else:
            meta.pop("recipient", None)
        head = self._head_tables(tables)
        try:
            atomic_write_bytes(self.path, self._sealed(iter_object(head, HEAD_TABLES, meta)))
        except StorageError:
            if new_entries is not None:
                try:
                    new_entries.unlink()  # nothing names it: the old head still rules
                except OSError:
                    pass
            raise
        self._take_written(meta)
        self._head_id = file_id(self.path)
        self.log.bind(binding_of(meta))
        if new_entries is not None:
            self.history_base, self.history_log = self.history(), []
        self.names.write(head, self._head_id, meta)
        # The old log's lines are all in the new snapshot now, and the new head says so
        # (after_log), so if emptying it fails they are skipped on the next read.
        self.log.header = {"device": meta["device"], "frontier": meta["frontier"]}
        self.log.reset(kept)
        self.folder.remove_old_generations(self.meta)
        self.remove_stale_temp_files()

    def _take_written(self, meta: dict[str, Any]) -> None:
        self.meta = {k: v for k, v in meta.items() if k not in ("deleted", "restamped", "frontier")}
        self.seq = meta["seq"]

    def _head_tables(self, tables: Tables) -> Tables:
        """The contacts and audits to write: a contact brought back only because another device's
        entry still names them (see the store's repairs) stays deleted on disk."""
        contacts = tables.get("contacts", {})
        back = [rid for rid in self.marks.data.get("contacts", {}) if rid in contacts]
        if not back:
            return tables
        from .sync.merge import DEL, version_of

        gone = {rid for rid in back if (v := version_of(tables, self.marks, "contacts", rid)) and v[1] == DEL}
        if not gone:
            return tables
        return {**tables, "contacts": {k: v for k, v in contacts.items() if k not in gone}}

    def _kept_commits(self, retention: Retention, seq: int) -> list[tuple[int, list[Op], dict[str, Any]]]:
        """This device's commits up to ``seq`` that the new log keeps for devices that lag behind."""
        after = retention.keep_after
        if after is None or after >= seq or self.log.legacy or self.seq != seq:
            return []
        try:
            return self.log.commits_after(after)
        except StorageError:
            return []  # a damaged log keeps nothing; the devices behind read the snapshot instead

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
        # Kept while neither part changes: a compaction asks twice, and an import's entry of 60,000
        # changes is worth working out once.
        key = (id(self.history_base), len(self.history_base), base_end, id(self.history_log), len(self.history_log),
               self.history_log[-1][0] if self.history_log else 0)
        memo = self._history_memo
        if memo is not None and memo[0] == key:
            return list(memo[1])
        recent = self.history_log[-HISTORY_KEPT:]
        made = trim([*self.history_base, *(entry_of(*c) for c in recent if c[0] > base_end)])
        self._history_memo = (key, made)
        return list(made)

    def log_size(self) -> int:
        return self.log.size()

    def unfolded_commits(self) -> int:
        """How many commits the log holds beyond the snapshot (as far as this process has read)."""
        return max(0, self.seq - int(self.meta.get("seq", 0) or 0))

    def remove_stale_temp_files(self) -> list[str]:
        """Temp files left behind by a writer that died (its process is gone)."""
        from .disk.atomic import remove_stale_temp_files

        name = self.path.name

        def mine(target: str) -> bool:  # this device's files and backups, not another device's
            return target.startswith(name) and ".d-" not in target[len(name):]

        return remove_stale_temp_files((self.path.parent, self.backup_dir), mine)

