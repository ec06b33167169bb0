"""The devices writing to a journal, as ``smn devices`` and ``smn doctor`` show them, and this
device's own files for the commands that rewrite them (``encrypt``, ``decrypt``, ``restore``).

Reads only names, first lines and file times; nothing here writes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..disk.atomic import open_regular
from ..disk.codec import AGE_MAGIC
from ..errors import StorageError
from .device import this_device
from .layout import JournalLayout, first_json, first_line

if TYPE_CHECKING:
    from ..journal_file import JournalFile

__all__ = ["DeviceFiles", "devices_of", "own_file"]


def own_file(path: Path) -> JournalFile:
    """This device's files of the journal at ``path`` (the journal's own names, or its own)."""
    from ..journal_file import JournalFile

    device = this_device()
    layout = JournalLayout(Path(path).expanduser().absolute())
    return JournalFile(layout.own_head(device), device=device)


@dataclass(frozen=True)
class DeviceFiles:
    """One device's files of a journal."""

    device: str  # its id ("" when its files do not say: a journal from before devices)
    head: Path
    this: bool  # the device smn runs on
    last_write: datetime | None  # when it last changed its files (None: it has none)
    changes: int  # the last change number its log or snapshot holds
    encrypted: bool

    @property
    def names(self) -> str:
        """How its files are named, for a message: ``journal.json*`` or ``journal.json.d-ID*``."""
        return self.head.name + "*"


def devices_of(path: Path) -> list[DeviceFiles]:
    """Every device with files in the journal at ``path``, this one first, then by id."""
    path = Path(path).expanduser().absolute()
    layout = JournalLayout(path)
    me = this_device()
    mine = layout.own_head(me)
    heads: dict[Path, str] = {layout.device_head(d): d for d in layout.devices()}
    if layout.exists and (os.path.lexists(path) or path.with_name(path.name + ".log").exists()):
        heads[path] = layout.owner() or (me if mine == path else "")
    rows = [_row(head, device, head == mine) for head, device in heads.items()]
    if mine not in heads:
        rows.append(DeviceFiles(me, mine, True, None, 0, False))
    return sorted(rows, key=lambda r: (not r.this, r.device, r.head.name))


def _row(head: Path, device: str, this: bool) -> DeviceFiles:
    log = head.with_name(head.name + ".log")
    times = [p.stat().st_mtime for p in (head, log) if p.exists()]
    when = datetime.fromtimestamp(max(times), UTC) if times else None
    header = first_json(log) or {}
    changes = header.get("base", 0) if type(header.get("base")) is int else 0
    last = _last_line(log)
    if last is not None:
        changes = max(changes, last)
    start = first_line(head, len(AGE_MAGIC)) or b""
    return DeviceFiles(device, head, this, when, changes, start == AGE_MAGIC)


def _last_line(log: Path) -> int | None:
    """The change number of a log's last complete line (None when it has none or it is encrypted)."""
    try:
        with os.fdopen(open_regular(log), "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            fh.seek(max(0, size - (1 << 16)))
            tail = fh.read()
    except (OSError, StorageError):
        return None
    for line in reversed(tail.splitlines()):
        if line.startswith(b'{"seq":'):
            end = line.find(b",", 7)
            try:
                return int(line[7:end])
            except ValueError:
                return None
    return None
