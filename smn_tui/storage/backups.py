"""Rotating backups of a journal, and restoring one.

A backup is one self-contained JSON file (all four tables and the header) in
``backups/`` beside the journal, written atomically with mode 0600. Daily ones
rotate (the newest :data:`BACKUPS_KEPT` stay); one taken before a migration or
a restore is kept apart from the rotation.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .journal_file import (
    BACKUP_EVERY_S,
    BACKUPS_KEPT,
    DIR_MODE,
    TABLES,
    JournalFile,
    StorageError,
    Tables,
    atomic_write_bytes,
    decode_part,
    iter_object,
)

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\d*Z)-(?P<reason>[a-z0-9-]+)\.json$")


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


def list_backups(jf: JournalFile) -> list[Backup]:
    """Backups of this journal, newest first."""
    folder = backup_dir(jf)
    if not folder.is_dir():
        return []
    out = []
    stem = jf.path.stem
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if not m or m.group("stem") != stem:
            continue
        stamp = m.group("stamp")
        taken = datetime.strptime(stamp[:15], "%Y%m%dT%H%M%S").replace(tzinfo=timezone.utc)
        out.append(Backup(p, taken, m.group("reason")))
    out.sort(key=lambda b: b.path.name, reverse=True)
    return out


def take_backup(jf: JournalFile, tables: Tables, meta: dict[str, Any], *, reason: str = "daily") -> Path:
    """Write every table to a new backup file; rotate the daily ones."""
    folder = backup_dir(jf)
    try:
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"Could not create the backup folder {folder}: {exc.strerror}.") from exc
    now = datetime.now(timezone.utc)
    while True:
        path = folder / f"{jf.path.stem}-{now:%Y%m%dT%H%M%S%f}Z-{reason}.json"
        if not path.exists():
            break
        now += timedelta(microseconds=1)  # two in the same microsecond: keep names unique and ordered
    head = {k: v for k, v in meta.items() if k not in ("entries_file", "entries_size", "gen", "unknown_tables")}
    atomic_write_bytes(path, iter_object(tables, TABLES, head))
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


def restore_backup(jf: JournalFile, backup: Path) -> Path | None:
    """Replace the journal with ``backup``; the current files are first set aside.

    Returns the folder the current files were moved to (None if there were none).
    The backup is checked before anything is touched.
    """
    try:
        raw = Path(backup).read_bytes()
    except OSError as exc:
        raise StorageError(f"Could not read the backup {backup}: {exc.strerror}.") from exc
    decode_part(raw, Path(backup), TABLES, head=True)  # refuses a damaged backup
    with jf.acquire_write():
        aside: Path | None = None
        current = [p for p in jf.path.parent.glob(jf.path.name + "*")
                   if p.is_file() and not p.name.endswith((".lock",))]
        if current:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            aside = jf.path.parent / f"{jf.path.name}.before-restore-{stamp}"
            aside.mkdir(mode=DIR_MODE)
            for p in current:
                os.replace(p, aside / p.name)
        atomic_write_bytes(jf.path, raw)
        jf.forget_position()
    return aside
