"""The other devices' files, as this device reads them: their change logs line by line, their
snapshots only when a log no longer reaches back to what this device has folded in.

A device's log may begin with changes its own snapshot holds already (kept
for devices that have not read them: see :class:`~..file_writing.Retention`),
so a device that reads often never needs another's snapshot. When one does
(a new device, or one that has not written for a long time), it reads that
snapshot whole and folds it in by the last-writer rule. Another device's files
that cannot be read (damaged, or only partly synced yet) are left out with a
warning naming the device; they never stop this device's own work.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..disk.changelog import ChangeLog, LogBinding
from ..disk.codec import AGE_MAGIC, Codec
from ..errors import JournalCorruptError, StorageError
from .layout import JournalLayout, first_json, first_line
from .marks import VersionMarks

__all__ = ["ACTIVE_DAYS", "PeerDevice", "PeerRead", "PeerSnapshot", "Peers"]

#: A device that has written within this many days holds back what others may forget (log lines
#: it has not read, tombstones it has not seen); one silent for longer reads their snapshots.
ACTIVE_DAYS = 30

Commit = tuple[int, list[list[Any]], dict[str, Any]]


@dataclass
class PeerRead:
    """What one look at another device's log found."""

    commits: list[Commit] = field(default_factory=list)
    gap: bool = False  # its log starts after what this device has folded in: its snapshot is needed
    warning: str = ""


@dataclass
class PeerSnapshot:
    """Another device's snapshot: its records, deletes, what it had folded in, the change it holds, and
    the stream it is of (its log may be another's, when two devices wrote the journal's own names)."""

    tables: dict[str, dict[str, dict[str, Any]]]
    marks: VersionMarks
    frontier: dict[str, int]
    seq: int
    stream: str
    partial: bool = False  # its entries could not be read: only its head's records are here


class PeerDevice:
    """Another device's files, and how far this device has read its log.

    ``stream`` names its changes (see :func:`.layout.stream_of`): the device id for
    its own files, ``@`` and the id of the device its log names for the journal's own.
    """

    def __init__(self, stream: str, head: Path, keys: Callable[[], Codec]) -> None:
        self.stream = stream
        self.device = stream.lstrip("@")
        self.head = head
        self.log_path = head.with_name(head.name + ".log")
        self.keys = keys
        self.log = ChangeLog(self.log_path, keys=keys)
        self._ino: int | None = None
        self.damage = ""
        #: Its log starts after changes only its lost head held (two devices wrote the journal's own
        #: names and its head is the other's): its lines are folded in, but never count as read.
        self.unreachable = False

    def forget(self) -> None:
        """Read the log from its first line next time."""
        self._ino = None
        self.damage = ""
        self.unreachable = False

    def header(self) -> dict[str, Any] | None:
        """The log's first line: its token, the change its snapshot holds (``base``), where its lines
        start (``from``), the device and its frontier. None when there is no log (yet)."""
        header = first_json(self.log_path)
        if header is None or not isinstance(header.get("log"), str) or type(header.get("base")) is not int:
            return None
        return header

    def changed(self) -> bool:
        """Whether its log has anything this device has not read."""
        if self.damage:
            return False
        state = self.log.state() if self._ino is not None else "tail"
        return state != "none" and os.path.exists(self.log_path)

    def read(self, after: int, *, known: bool = True) -> PeerRead:
        """The commits of its log after change ``after`` (what this device has folded in of it).

        The journal's own names, not ``known`` yet, are read from their snapshot first: it may hold
        records no line of its log does (written before devices, or straight into a snapshot). A
        device's own files hold nothing but its lines and what it read of the others.
        """
        out = PeerRead()
        if self.damage:
            return out
        try:
            st = os.stat(self.log_path)
        except OSError:
            return out
        fresh = self._ino != st.st_ino or self.log.state() == "reload"
        if fresh:
            header = self.header()
            if header is None:  # a log from before devices, read with its snapshot
                out.gap = not self.unreachable and os.path.exists(self.head)
                return out
            self.log.bind(LogBinding(header["log"], header["base"]))
            self.log.skip_upto = after
            start = header.get("from", header["base"])
            unread = not known and self.stream.startswith("@") and os.path.exists(self.head)
            out.gap = (type(start) is int and start > after) or unread
        try:
            found = self.log.read(full=fresh)
        except StorageError as exc:
            self.damage = str(exc)
            out.warning = (f"The files of the device {self.device} cannot be read ({exc}); its changes after "
                           "that are left out.")
            return out
        self._ino = self.log.ino
        out.commits = [c for c in found.commits if c[0] > after]
        return out

    def published(self) -> tuple[dict[str, int], float] | None:
        """How far its snapshot has folded in each device's changes (its own too), and when it last
        wrote (seconds since the epoch); None when that cannot be told."""
        header = self.header()
        if header is None:
            return None
        folded = header.get("frontier")
        folded = {k: v for k, v in folded.items() if type(v) is int} if isinstance(folded, dict) else {}
        folded[self.stream] = header["base"]
        return folded, self.last_write()

    def encrypted(self) -> bool:
        """Whether its files are encrypted (its head is an age message)."""
        return (first_line(self.head, len(AGE_MAGIC)) or b"") == AGE_MAGIC

    def last_write(self) -> float:
        """When it last changed one of its files (its log or its head)."""
        best = 0.0
        for p in (self.log_path, self.head):
            try:
                best = max(best, os.stat(p).st_mtime)
            except OSError:
                pass
        return best

    def snapshot(self) -> PeerSnapshot:
        """Its snapshot read whole (its log is read line by line apart)."""
        from ..journal_file import JournalFile
        from .layout import stream_of

        jf = JournalFile(self.head, keys=self.keys)
        partial = False
        try:
            result = jf.load(entries=True, log=False)
        except JournalCorruptError:
            # Its entries do not fit its head (two devices wrote the journal's own names): the head
            # alone, and whatever copies a sync tool set aside, are folded in.
            result = jf.load(entries=False, log=False)
            partial = True
        writer = result.meta.get("device")
        stream = stream_of(self.head, writer) if isinstance(writer, str) else self.stream
        tables = {name: result.tables.get(name, {}) for name in ("contacts", "interactions", "acts", "audits")}
        return PeerSnapshot(tables, jf.marks, dict(jf.frontier), jf.seq, stream, partial)


class Peers:
    """Every other device writing to the journal at ``layout.path``; ``own()`` is this device's head."""

    def __init__(self, layout: JournalLayout, me: str, keys: Callable[[], Codec], own: Callable[[], Path]) -> None:
        self.layout = layout
        self.me = me
        self.keys = keys
        self.own = own
        self._known: dict[str, PeerDevice] = {}
        self._names: list[str] | None = None
        self._folder_id: tuple[int, int] | None = None

    def names(self) -> list[str]:
        """The journal's files in the folder (listed again only when the folder changed)."""
        try:
            st = os.stat(self.layout.folder)
            fid = (st.st_ino, st.st_mtime_ns)
        except OSError:
            return []
        if self._names is None or fid != self._folder_id:
            self._names = self.layout.listing()
            self._folder_id = fid
        return self._names

    def devices(self) -> list[PeerDevice]:
        """The other devices' files here, each by the stream of changes it holds."""
        names = self.names()
        own = self.own()
        wanted: dict[str, Path] = {}
        for device in self.layout.devices(names):
            head = self.layout.device_head(device)
            if head != own:
                wanted[device] = head
        path = self.layout.path
        if path != own and (self.layout.name in names or self.layout.name + ".log" in names):
            writer = self.layout.owner()
            wanted["@" + (writer or "journal")] = path
        for stream, head in wanted.items():
            known = self._known.get(stream)
            if known is None or known.head != head:
                self._known[stream] = PeerDevice(stream, head, self.keys)
        for gone in set(self._known) - set(wanted):
            del self._known[gone]
        return [self._known[d] for d in sorted(self._known)]

    def any(self) -> bool:
        return bool(self.devices())

    def forget(self) -> None:
        """Read every other device's log from its start next time (this device's state was read afresh)."""
        for peer in self._known.values():
            peer.forget()

    def changed(self) -> bool:
        """Whether any other device's files (or the folder's list of them) changed since they were read."""
        before = self._folder_id
        self.names()
        if before != self._folder_id:
            return True
        return any(p.changed() for p in self._known.values())

    def active(self, now: float | None = None) -> Iterator[tuple[PeerDevice, dict[str, int]]]:
        """The devices that wrote within :data:`ACTIVE_DAYS`, each with how far it has folded in every stream."""
        now = time.time() if now is None else now
        for peer in self.devices():
            published = peer.published()
            if published is not None and now - published[1] <= ACTIVE_DAYS * 86400:
                yield peer, published[0]
