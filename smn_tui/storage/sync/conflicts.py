"""The copies a sync tool sets aside, read as what they are: a head, an entries file or a change log
of one of the journal's devices.

With one writer per file a sync tool has nothing to choose between, so copies
come only from journals written before devices, a config folder copied to a
second machine, or files changed by hand; and a tool may lose one (Syncthing
does, among three devices), so nothing relies on them. When one turns up, what
it holds is read into records and tombstones; the store folds them in by the
last-writer rule, commits what won, and moves the copy to the backups folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..disk.atomic import ensure_folder, fsync_dir, read_regular
from ..disk.changelog import ChangeLog, LogBinding
from ..disk.codec import AGE_MAGIC, PLAIN, Codec, is_sealed
from ..disk.snapshot import TABLES, apply_ops, decode_part, entries_name_ok, read_entries
from ..errors import StorageError, describe
from .layout import ConflictCopy, first_json, first_line
from .marks import VersionMarks
from .merge import fold_ops, items_of

__all__ = ["CopyContent", "read_copy", "set_aside"]

Tables = dict[str, dict[str, dict[str, Any]]]


@dataclass
class CopyContent:
    """What a conflict copy holds, as records and deletes."""

    tables: Tables
    marks: VersionMarks


def _codec(raw: bytes, keys: Callable[[], Codec]) -> Codec:
    return keys() if is_sealed(raw) else PLAIN


def read_copy(copy: ConflictCopy, keys: Callable[[], Codec]) -> CopyContent:
    """Read a conflict copy; raises :class:`StorageError` when it cannot be read."""
    if copy.kind == "head":
        return _read_head(copy, keys)
    if copy.kind == "entries":
        start = first_line(copy.path, len(AGE_MAGIC)) or b""
        tables, _history = read_entries(copy.path, None, None, codec=keys() if start == AGE_MAGIC else PLAIN)
        return CopyContent({**{name: {} for name in TABLES}, **tables}, VersionMarks())
    if copy.kind == "log":
        return _read_log(copy, keys)
    return CopyContent({name: {} for name in TABLES}, VersionMarks())


def _read_head(copy: ConflictCopy, keys: Callable[[], Codec]) -> CopyContent:
    raw, _ = read_regular(copy.path)
    codec = _codec(raw, keys)
    tables, meta = decode_part(codec.open(raw, copy.path), copy.path, TABLES, head=True, share=False)
    if meta.get("schema", 1) < 2:
        from ..migrations import migrate_tables

        tables = migrate_tables(tables, int(meta.get("schema", 1)))
    head = copy.path.with_name(copy.original)
    name = meta.get("entries_file")
    if isinstance(name, str) and entries_name_ok(head, name) and head.with_name(name).exists():
        try:
            entries, _history = read_entries(head.with_name(name), None, meta.get("entries_sum"), codec=codec)
        except (OSError, StorageError):
            entries = {}  # that generation is gone or another one by now: the head's own records still count
        for table, records in entries.items():
            tables.setdefault(table, {}).update(records)
    return CopyContent({**{n: {} for n in TABLES}, **tables}, VersionMarks(meta.get("deleted"), meta.get("restamped")))


def _read_log(copy: ConflictCopy, keys: Callable[[], Codec]) -> CopyContent:
    log = ChangeLog(copy.path, keys=keys)
    header = first_json(copy.path)
    if header is not None and isinstance(header.get("log"), str) and type(header.get("base")) is int:
        log.bind(LogBinding(header["log"], header["base"]))
    else:
        log.bind(LogBinding(None, 0))  # a log from before checksums: read by seq alone
    log.skip_upto = -1  # every change in it, those its snapshot held too
    found = log.read(full=True)
    tables: Tables = {name: {} for name in TABLES}
    tombs = VersionMarks()
    device = copy.device or "journal"
    for seq, ops, extra in found.commits:
        apply_ops(tables, fold_ops(tables, tombs, items_of(ops, extra), (device, seq)))
    return CopyContent(tables, tombs)


def set_aside(copy: ConflictCopy, backups: Path) -> Path:
    """Move a copy that has been folded in to the backups folder (under its own name)."""
    ensure_folder(backups)
    target = backups / copy.path.name
    n = 1
    while target.exists():
        target = backups / f"{copy.path.name}.{n}"
        n += 1
    try:
        os.rename(copy.path, target)
        fsync_dir(backups)
        fsync_dir(copy.path.parent)
    except OSError as exc:
        raise StorageError(f"Could not move {copy.path.name} to {backups}: {describe(exc)}.") from exc
    return target
