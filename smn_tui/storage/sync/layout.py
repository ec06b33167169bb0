"""Which devices' files a journal folder holds, which of them are this device's, and which files a
sync tool set aside.

The device that began the journal (or brought an older one up to date) writes
the journal's own names, ``journal.json``, ``journal.json.log``...; its change
log's first line names it. Every other device writes a set of its own beside
them, the same files under ``journal.json.d-<DEVICE>``: a head, its entries
generations, its change log, its names index and its locks. No file has two
writers. Everything here reads only names and a log's first line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..disk.atomic import open_regular
from ..errors import StorageError
from .device import DEVICE_ID, valid_device

__all__ = ["ConflictCopy", "JournalLayout", "conflict_original", "first_json", "first_line", "stream_of"]

_DEVICE_HEAD = re.compile(r".*\.d-(" + DEVICE_ID.pattern + r")")


def stream_of(head: Path, device: str) -> str:
    """The name of the stream of changes the files at ``head`` hold when ``device`` writes them:
    the device id for its own files, ``@`` and the id for the journal's own names (so a device that
    once wrote those and then files of its own has two streams, each numbered from 1)."""
    return device if _DEVICE_HEAD.fullmatch(head.name) else "@" + device

_SYNCTHING = re.compile(r"^(?P<stem>.*)\.sync-conflict-\d{8}-\d{6}-[A-Z2-7]{7}(?P<ext>\.[^.]*)?$")
_DROPBOX = re.compile(r"^(?P<stem>.*?) \([^()]*conflicted copy[^()]*(?:\(\d+\))?[^()]*\)(?P<ext>\.[^.]*)?$")
_ANNEX = re.compile(r"^(?P<stem>.*)\.variant-[0-9A-Za-z_-]+(?P<ext>\.[^.]*)?$")


def first_line(path: Path, limit: int = 1 << 20) -> bytes | None:
    """The first line of a regular file (never waiting on a pipe); None when there is none."""
    try:
        fd = open_regular(path)
    except (OSError, StorageError):
        return None
    with os.fdopen(fd, "rb") as fh:
        try:
            return fh.readline(limit)
        except OSError:
            return None


def first_json(path: Path) -> dict[str, Any] | None:
    """A change log's first line read as JSON (None if there is no such line, or it is no object)."""
    line = first_line(path)
    try:
        value = orjson.loads(line) if line else None
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def conflict_original(name: str) -> tuple[str, str] | None:
    """(the name of the file a conflict copy copies, the tool) or None for a name that is no copy.

    Syncthing and git-annex put their mark before the last extension
    (``journal.json.log`` -> ``journal.json.sync-conflict-20240301-090000-ABCDEF2.log``,
    ``journal.json.variant-c696.log``), Dropbox its note in brackets
    (``journal.json (laptop's conflicted copy 2024-03-01).log``).
    """
    for pattern, tool in ((_SYNCTHING, "Syncthing"), (_DROPBOX, "Dropbox"), (_ANNEX, "git-annex")):
        found = pattern.match(name)
        if found:
            return found["stem"] + (found["ext"] or ""), tool
    return None


@dataclass(frozen=True)
class ConflictCopy:
    """A file a sync tool set aside, and the journal file it is a copy of."""

    path: Path
    original: str  # the name of the journal file it copies
    tool: str
    device: str | None  # whose file it copies (None: the journal's own names)
    kind: str  # "head", "entries", "log" or "other"


class JournalLayout:
    """The files of the journal at ``path`` and of every device writing to it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.parent
        self.name = path.name
        self._device_file = re.compile(re.escape(self.name) + r"\.d-(" + DEVICE_ID.pattern + r")(\.log)?")

    def device_head(self, device: str) -> Path:
        """Where the head of ``device``'s own files is (when it is not the journal's own)."""
        return self.path.with_name(f"{self.name}.d-{device}")

    def listing(self) -> list[str]:
        """The names in the folder that belong to this journal (its own, its devices', copies of them)."""
        try:
            return sorted(n for n in os.listdir(self.folder) if n.startswith(self._stem()))
        except OSError:
            return []

    def _stem(self) -> str:
        # A Syncthing or git-annex copy of the head itself drops the head's extension.
        stem, dot, _ext = self.name.rpartition(".")
        return stem if dot else self.name

    def devices(self, names: list[str] | None = None) -> list[str]:
        """The devices with files of their own here (not the journal's own names), sorted."""
        found = set()
        for n in self.listing() if names is None else names:
            m = self._device_file.fullmatch(n)
            if m:
                found.add(m.group(1))
        return sorted(found)

    def owner(self) -> str | None:
        """The device that writes the journal's own names, as its change log says (None: not known,
        or a journal from before devices)."""
        header = first_json(self.path.with_name(self.name + ".log"))
        device = header.get("device") if header is not None else None
        return device if valid_device(device) else None

    @property
    def exists(self) -> bool:
        """Whether any device's files of a journal are here (a damaged one's too)."""
        if os.path.lexists(self.path):
            return True
        return any(n.startswith(self.name + ".") and not n.endswith(".lock") and conflict_original(n) is None
                   for n in self.listing())

    def own_head(self, device: str) -> Path:
        """Where this device writes: the journal's own names (it began the journal, or is the first
        to write to one from before devices), or files of its own."""
        names = self.listing()
        if device in self.devices(names):
            return self.device_head(device)
        owner = self.owner()
        if owner == device:
            return self.path
        if owner is None and not self.devices(names):
            if self.name in names:
                return self.path  # a journal from before devices (its head says more, when it is read)
            if not any(n.startswith(self.name + ".") and not n.endswith(".lock") and conflict_original(n) is None
                       for n in names):
                return self.path  # a new journal: this device begins it
        return self.device_head(device)

    def conflict_copies(self, names: list[str] | None = None) -> list[ConflictCopy]:
        """Every file here a sync tool set aside, as a copy of one of this journal's files."""
        out = []
        for n in self.listing() if names is None else names:
            found = conflict_original(n)
            if found is None:
                continue
            original, tool = found
            kind, device = self._kind(original)
            if kind is not None:
                out.append(ConflictCopy(self.folder / n, original, tool, device, kind))
        return out

    def _kind(self, original: str) -> tuple[str | None, str | None]:
        device = None
        m = re.fullmatch(re.escape(self.name) + r"\.d-(" + DEVICE_ID.pattern + r")(.*)", original)
        if m:
            device, rest = m.group(1), m.group(2)
        elif original.startswith(self.name):
            rest = original[len(self.name):]
        else:
            return None, None
        if rest == "":
            return "head", device
        if rest == ".log":
            return "log", device
        if re.fullmatch(r"\.entries-\d{1,12}", rest):
            return "entries", device
        if rest in (".names", ".lock", ".app.lock"):
            return "other", device
        return None, None
