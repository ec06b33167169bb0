"""Rotating backups of a journal, and restoring one.

A backup is one self-contained JSON file (all four tables, then the header with
its checksum, as in the head) in ``backups/`` beside the journal, named after
the journal's own file name so two journals in one folder never share backups;
written atomically with mode 0600. Daily ones rotate (the newest
:data:`BACKUPS_KEPT` stay); one taken before a migration or a restore is kept
apart from the rotation.

Restoring writes the backup as a new snapshot generation and switches the head
to it in one atomic step, as compaction does, after saving the journal as it
was (as a backup, or byte for byte when it cannot be read): a kill at any point
leaves the old journal or the restored one, complete. On a journal other
devices write too, that would not last (their newer versions win over the
backup's when folded in), so there the restore is one change, like any other,
that puts back every record of the backup and deletes every other: every
device sees it, and ``smn undo`` takes it back.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from .disk.atomic import DIR_MODE, ensure_folder, fsync_dir, read_regular
from .disk.codec import is_sealed
from .errors import JournalCorruptError, JournalForeignError, StorageError, describe
from .heap import Tables
from .journal_file import (
    BACKUP_EVERY_S,
    BACKUPS_KEPT,
    TABLES,
    JournalFile,
    atomic_write_bytes,
    decode_part,
    iter_object,
)

__all__ = ["Backup", "backup_due", "list_backups", "read_backup", "restore_backup", "restore_by_changes",
           "take_backup"]

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\d*Z)-(?P<reason>[a-z0-9-]+)\.json$")
#: Header keys of the head that mean nothing in a backup.
_HEAD_ONLY = ("entries_file", "entries_size", "entries_sum", "gen", "log", "after_log", "unknown_tables", "sum")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    reason: str

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def backup_dir(jf: JournalFile) -> Path:
    return jf.backup_dir


def _owns(jf: JournalFile, stem: str) -> bool:
    """Whether a backup named with ``stem`` belongs to this journal.

    Backups are named after the journal's file name; older ones used the name
    without its suffix, and belong to ``NAME.json`` only.
    """
    return stem == jf.path.name or (stem + ".json" == jf.path.name)


def list_backups(jf: JournalFile) -> list[Backup]:
    """Backups of this journal, newest first."""
    folder = backup_dir(jf)
    if not folder.is_dir():
        return []
    out = []
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if not m or not _owns(jf, m.group("stem")) or not p.is_file():
            continue
        stamp = m.group("stamp")
        taken = datetime.strptime(stamp[:15], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        out.append(Backup(p, taken, m.group("reason")))
    out.sort(key=lambda b: (b.taken, b.path.name), reverse=True)
    return out


def _new_path(jf: JournalFile, reason: str, suffix: str = ".json") -> Path:
    folder = backup_dir(jf)
    now = datetime.now(UTC)
    while True:
        path = folder / f"{jf.path.name}-{now:%Y%m%dT%H%M%S%f}Z-{reason}{suffix}"
        if not path.exists():
            return path
        now += timedelta(microseconds=1)  # two in the same microsecond: keep names unique and ordered


def take_backup(jf: JournalFile, tables: Tables, meta: dict[str, Any], *, reason: str = "daily") -> Path:
    """Write every table to a new backup file; rotate the daily ones."""
    ensure_folder(backup_dir(jf))
    path = _new_path(jf, reason)
    head = {k: v for k, v in meta.items() if k not in _HEAD_ONLY}
    head["journal"] = jf.path.name
    pieces = iter_object(tables, TABLES, head)
    atomic_write_bytes(path, jf.codec.seal(b"".join(pieces)) if jf.codec.encrypted else pieces)
    if reason == "daily":
        daily = [b for b in list_backups(jf) if b.reason == "daily"]
        for old in daily[BACKUPS_KEPT:]:
            try:
                old.path.unlink()
            except OSError:
                pass
    return path


def backup_due(jf: JournalFile, now: float | None = None) -> bool:
    daily = [b for b in list_backups(jf) if b.reason == "daily"]
    if not daily:
        return True
    now = time.time() if now is None else now
    return now - daily[0].taken.timestamp() >= BACKUP_EVERY_S


def read_backup(path: Path, jf: JournalFile | None = None) -> tuple[Tables, dict[str, Any]]:
    """The tables and header of a backup, refusing anything that is not an intact smn backup.

    An encrypted backup is opened with the journal's identity (``jf`` or the user's).
    """
    try:
        raw, _ = read_regular(Path(path))
    except OSError as exc:
        raise StorageError(f"Could not read the backup {path}: {describe(exc)}.") from exc
    if is_sealed(raw):
        if jf is not None and jf.codec.encrypted:
            codec = jf.codec
        else:
            from .keys import load_codec

            codec = jf.keys() if jf is not None else load_codec()
        raw = codec.open(raw, Path(path))
    try:
        tables, meta = decode_part(raw, Path(path), TABLES, head=True, share=False)
    except JournalForeignError as exc:
        if _is_export(raw):
            raise JournalForeignError(f"{path} is an smn export, not a backup; bring it in with "
                                      "'smn import json'. Nothing was changed.") from exc
        raise JournalForeignError(f"{path} is not an smn backup; nothing was changed.") from exc
    if meta.get("schema", 1) < 2:
        from .migrations import migrate_tables

        tables = migrate_tables(tables, int(meta.get("schema", 1)))
    return tables, meta


def _is_export(raw: bytes) -> bool:
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return False
    return isinstance(body, dict) and "smn_export" in body


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup it put back, and where the journal as it was is kept."""

    backup: Path
    kept: Path | None  # a backup of the journal before, or a folder with its files as they were
    kept_damaged: bool


def restore_backup(jf: JournalFile, backup: Path) -> Restored:
    """Put ``backup`` in place of the journal, in one atomic switch (caller holds the app lock).

    The backup is checked whole before anything is touched; the journal as it
    was is kept first (see the module's text).
    """
    tables, meta = read_backup(backup, jf)
    with jf.acquire_write():
        current = JournalFile(jf.path, keys=jf.keys)
        kept: Path | None = None
        damaged = False
        try:
            result = current.load(entries=True) if current.exists else None
        except JournalForeignError:
            raise
        except StorageError:
            result = None
            damaged = True
            kept = _keep_files(jf)
        if result is not None:
            kept = take_backup(current, result.tables, result.meta, reason="before-restore")
        floor = max(int(meta.get("seq", 0) or 0), current.seq, _highest_seq(jf))
        target = JournalFile(jf.path, keys=jf.keys)
        target.use_codec(current.codec if result is not None else jf.codec)  # the journal stays as it was
        target.log.bind(current.log.binding)
        if damaged:
            _detach_log(target)
        target.install_entries(tables, None)
        target.write_snapshot(tables, {k: v for k, v in meta.items() if k not in _HEAD_ONLY}, seq=floor)
    jf.forget_position()
    return Restored(Path(backup), kept, damaged)


def restore_by_changes(store: Any, backup: Path) -> Restored:
    """Make the journal what ``backup`` holds with one change of this device (see the module's text)."""
    tables, _meta = read_backup(backup, store.file)
    kept = store.take_backup(reason="before-restore")
    current = store.export_tables()
    ops: list[list[Any]] = []
    for name in TABLES:
        wanted, now = tables.get(name, {}), current.get(name, {})
        ops.extend(["put", name, rid, doc] for rid, doc in wanted.items() if now.get(rid) != doc)
        ops.extend(["del", name, rid, None] for rid in now if rid not in wanted)
    if ops:
        store._commit(ops, f"Restored the backup {Path(backup).name}")
        store.compact()
    return Restored(Path(backup), kept, False)


def _keep_files(jf: JournalFile) -> Path:
    """Copy the journal's files, byte for byte, into a folder among the backups."""
    ensure_folder(backup_dir(jf))
    folder = _new_path(jf, "before-restore-damaged", suffix="")
    try:
        os.mkdir(folder, DIR_MODE)
        for p in sorted(jf.path.parent.glob(glob.escape(jf.path.name) + "*")):
            if p.is_file() and not p.name.endswith(".lock") and not p.name.startswith("."):
                shutil.copy2(p, folder / p.name)
                fd = os.open(folder / p.name, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        fsync_dir(folder)
        fsync_dir(folder.parent)
    except OSError as exc:
        raise StorageError(f"Could not keep a copy of the damaged journal in {folder}: {describe(exc)}. "
                           "Nothing was restored; the journal is as it was.") from exc
    return folder


def _highest_seq(jf: JournalFile) -> int:
    """The highest change number the log mentions, read leniently (a damaged log too)."""
    try:
        raw, _ = read_regular(jf.log_path)
    except (OSError, StorageError):
        return 0
    best = 0
    for line in raw.splitlines():
        try:
            entry = orjson.loads(line)
            seq = entry.get("seq", entry.get("base", 0))
        except (orjson.JSONDecodeError, AttributeError):
            continue
        if type(seq) is int and seq > best:
            best = seq
    return best


def _detach_log(target: JournalFile) -> None:
    """Before switching away from a damaged journal: a log the new head could not name goes.

    Its bytes are kept with the damaged journal's copy; a log whose first line
    names it is kept, and the restored head says it holds it.
    """
    from .disk.changelog import LogBinding

    try:
        with open(target.log_path, "rb") as fh:
            token = orjson.loads(fh.readline()).get("log")
    except (OSError, orjson.JSONDecodeError, AttributeError):
        token = None
    if isinstance(token, str):
        target.log.bind(LogBinding(token, 0))
        return
    try:
        os.unlink(target.log_path)
        fsync_dir(target.log_path.parent)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise JournalCorruptError(f"Could not set the damaged {target.log_path} aside: {describe(exc)}. "
                                  "Nothing was restored.") from exc
