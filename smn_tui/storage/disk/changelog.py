"""The change log: one JSON line per acknowledged commit, appended and fsynced.

The first line names the log and the snapshot it continues::

    {"log": "9f2c4e1a0b7d3c55", "base": 41}
    {"seq": 42, "ops": [[op, table, id, doc], ...], "h": "5d0e..."}
    {"seq": 43, "ops": [...], "h": "a81f..."}

``log`` is the token the head's header names (``_smn.log``), ``base`` the seq
the head holds; commits follow with seq base+1, base+2... and each carries
``h``, a hash chained from the line before (the first from the token), so a
changed, dropped, swapped or inserted line is found on reading. A device's log
also names the device and how far its snapshot has folded in every other
device's changes (``device``, ``frontier``), and may begin with changes its
snapshot holds already, kept for devices that have not read them yet: they
start after change ``from`` (when there is none, at ``base``). A log whose
token is the one the head says it has folded in (``_smn.after_log``: a crash
between writing a new head and emptying the log) is skipped whole; a log of any
other token belongs to another snapshot, and is damage.

Only a last line without its newline is a write that never finished (never
acknowledged): it is ignored, and cut off by the next writer. A complete line
that does not check out is damage: it is never cut, and reading refuses.

Journals before version 3 wrote lines without ``h`` and no header; such a log
is read by seq alone (see :attr:`ChangeLog.legacy`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..errors import JournalCorruptError, StorageError, describe
from .atomic import FILE_MODE, atomic_write_bytes, fsync_dir, open_regular
from .checksum import LINK_HEX, chain
from .codec import LINE_PREFIX, PLAIN, Codec

__all__ = ["ChangeLog", "LogBinding", "LogRead", "binding_of"]

Op = list[Any]
_LINK_SUFFIX = len(b',"h":""}') + LINK_HEX


@dataclass(frozen=True)
class LogBinding:
    """What the head says of its log: the token it continues with, its seq, the log it folded in."""

    token: str | None  # None: a journal before version 3 (legacy lines) or no head yet
    base: int
    after: str | None = None  # the token (or "legacy") of a log the head already holds in full


def binding_of(meta: dict[str, Any]) -> LogBinding:
    """How the log continues the head whose header is ``meta``."""
    seq = int(meta.get("seq", 0) or 0)
    if meta.get("schema", 1) < 3:
        return LogBinding(None, seq)
    return LogBinding(meta["log"], seq, meta.get("after_log"))


@dataclass
class LogRead:
    """What one read of the log found: the commits after the snapshot, in order."""

    commits: list[tuple[int, list[Op], dict[str, Any]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class ChangeLog:
    """The append-only change log of one journal, and how far this process has read it."""

    def __init__(self, path: Path, *, keys: Callable[[], Codec] | None = None) -> None:
        self.path = path
        self.binding = LogBinding(None, 0)
        #: Commits up to this seq are read but not returned (None: those the snapshot holds).
        self.skip_upto: int | None = None
        #: What the first line says besides the token and base (the device, its frontier...).
        self.header: dict[str, Any] = {}
        #: For another device's log: how to open its lines should they be encrypted.
        self.keys = keys
        # Where this process has read the log up to: inode, byte offset, last seq and link.
        self.ino: int | None = None
        self.offset = 0
        self.last_seq = 0
        self.last_link = ""
        #: The file holds a log the head has folded in already (or no log at all): the next
        #: append starts a fresh one.
        self.stale = True
        #: How commit lines lie on disk (in the clear, or each an age message).
        self.codec: Codec = PLAIN

    @property
    def legacy(self) -> bool:
        return self.binding.token is None

    def bind(self, binding: LogBinding) -> None:
        """Read the log as the continuation of a head (from the start, next time)."""
        self.binding = binding
        self.forget()

    def forget(self) -> None:
        """Read the log from the start next time (a new log, or a new head)."""
        self.ino = None
        self.offset = 0
        self.last_seq = self.binding.base
        self.last_link = self.binding.token or ""
        self.stale = True

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def size(self) -> int:
        try:
            return os.path.getsize(self.path)
        except OSError:
            return 0

    # ------------------------------------------------------------ reading

    def read(self, *, full: bool) -> LogRead:
        """The commits after the snapshot, from the start (``full``) or from where we were."""
        if full:
            self.forget()
        try:
            fd = open_regular(self.path)
        except FileNotFoundError:
            self.forget()
            return LogRead()
        except OSError as exc:
            raise StorageError(f"Could not read {self.path}: {describe(exc)}.") from exc
        try:
            st = os.fstat(fd)
            os.lseek(fd, self.offset, os.SEEK_SET)
            with os.fdopen(fd, "rb", closefd=False) as fh:
                data = fh.read()
        except OSError as exc:
            raise StorageError(f"Could not read {self.path}: {describe(exc)}.") from exc
        finally:
            os.close(fd)
        self.ino = st.st_ino
        found = LogRead()
        self.offset += self._parse(data, found)
        return found

    def _damage(self, at: int, why: str) -> JournalCorruptError:
        return JournalCorruptError(
            f"{self.path} is damaged ({why}, at byte {at}); nothing was written. Run 'smn doctor' to see "
            "the damage, or 'smn restore' to go back to a backup."
        )

    def _parse(self, data: bytes, found: LogRead) -> int:
        """Check and collect the complete lines of ``data``; returns how many bytes were used."""
        pos = 0
        end = len(data)
        while pos < end:
            nl = data.find(b"\n", pos)
            if nl < 0:
                # A torn last line: the writer died mid-append. It was never acknowledged.
                found.warnings.append(
                    f"The change log ended in an incomplete entry ({end - pos} bytes) left by an "
                    "interrupted write; it was never saved and has been ignored. Everything before it is kept."
                )
                break
            line = data[pos:nl]
            at = self.offset + pos
            pos = nl + 1
            if at == 0 and line.startswith(b'{"log"'):
                if self._header(line, at):
                    continue
                return end  # a log the head holds already: nothing in it to read
            if not line.strip():
                if self.legacy:
                    continue
                raise self._damage(at, "an empty line")
            if not self.legacy and not self.stale:
                line = self._open_line(line)
            self._commit_line(line, at, found)
        return pos

    def _open_line(self, line: bytes) -> bytes:
        if self.keys is not None and not self.codec.encrypted and line.startswith(LINE_PREFIX):
            self.codec = self.keys()  # another device's log, encrypted: opened with the user's identity
        return self.codec.open_line(line, self.path)

    def _header(self, line: bytes, at: int) -> bool:
        """Judge the header line: True to read on, False for a log the head holds in full."""
        try:
            header = orjson.loads(line)
            token, base = header["log"], header["base"]
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise self._damage(at, "an unreadable first line") from exc
        b = self.binding
        if b.token is not None and token == b.token:
            start = header.get("from", base)
            if base != b.base or type(start) is not int or not 0 <= start <= base:
                raise self._damage(at, f"it continues change {base} but the snapshot holds {b.base}")
            self.header = {k: v for k, v in header.items() if k not in ("log", "base")}
            self.last_seq = start
            self.stale = False
            return True
        if token == b.after:
            return False
        raise JournalCorruptError(
            f"{self.path} belongs to another copy of the journal (it does not continue the snapshot in "
            f"{self.path.name.removesuffix('.log')}), so its changes cannot be placed; nothing was written. "
            "Run 'smn doctor', or 'smn restore' to go back to a backup."
        )

    def _commit_line(self, line: bytes, at: int, found: LogRead) -> None:
        try:
            entry = orjson.loads(line)
            seq = entry["seq"]
            ops = entry["ops"]
            if type(seq) is not int or type(ops) is not list:
                raise TypeError("seq or ops")
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise self._damage(at, "a line that cannot be read") from exc
        if self.legacy or (self.binding.after == "legacy" and self.stale):
            if seq > self.last_seq:
                if not self.legacy:
                    raise self._damage(at, "changes the snapshot does not hold, in a log it says it folded in")
                found.commits.append((seq, ops, {}))
                self.last_seq = seq
            return
        if self.stale:
            raise self._damage(at, "changes without the line that names the log")
        link = line[-_LINK_SUFFIX + 6:-2].decode("ascii", "replace")
        body = line[:-_LINK_SUFFIX] + b"}"
        if not line.endswith(b'"}') or chain(self.last_link, body) != link:
            raise self._damage(at, f"change {seq} does not match its checksum")
        if seq != self.last_seq + 1:
            raise self._damage(at, f"change {seq} follows change {self.last_seq}")
        self.last_seq = seq
        self.last_link = link
        if seq <= (self.binding.base if self.skip_upto is None else self.skip_upto):
            return  # kept for other devices; the snapshot holds it
        extra = {k: v for k, v in entry.items() if k not in ("seq", "ops", "h")}
        found.commits.append((seq, ops, extra))

    def state(self) -> str:
        """'none', 'tail' (new lines to read) or 'reload' (a new log since we read it)."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return "reload" if self.ino is not None else "none"
        except OSError:
            return "none"
        if self.ino is None:
            return "tail" if st.st_size > 0 else "none"
        if st.st_ino != self.ino or st.st_size < self.offset:
            return "reload"
        if st.st_size > self.offset:
            return "tail"
        return "none"

    # ------------------------------------------------------------ writing (under the write lock)

    def repair_tail(self) -> None:
        """Cut off an incomplete last line (no newline) left by a writer that died; nothing else."""
        try:
            size = os.path.getsize(self.path)
        except FileNotFoundError:
            return
        if size == 0:
            return
        with open(self.path, "rb+") as fh:
            back = min(size, 1 << 20)
            fh.seek(size - back)
            tail = fh.read(back)
            if tail.endswith(b"\n"):
                return
            cut = tail.rfind(b"\n")
            if cut < 0 and back < size:
                return  # a single enormous line; reading judges it
            new_size = size - back + cut + 1
            fh.truncate(new_size)
            os.fsync(fh.fileno())
        if self.offset > new_size:
            self.offset = new_size

    def append(self, seq: int, ops: list[Op], extra: dict[str, Any] | None = None) -> None:
        """Append one commit and fsync it; on failure the log is as it was."""
        if self.legacy:
            raise StorageError(f"{self.path} is in an older format; smn must bring the journal up to date "
                               "before it writes (run 'smn migrate').")
        if self.stale or not self.path.exists():
            self.reset()
        body = orjson.dumps({"seq": seq, "ops": ops, **(extra or {})})
        link = chain(self.last_link, body)
        line = self.codec.seal_line(body[:-1] + b',"h":"' + link.encode("ascii") + b'"}') + b"\n"
        fd = -1
        start = 0
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND, FILE_MODE)
            start = os.fstat(fd).st_size
            view = memoryview(line)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        except OSError as exc:
            self._take_back(fd, start)
            fd = -1
            raise StorageError(
                f"Could not save to {self.path}: {describe(exc)}. Nothing was saved; "
                "the journal on disk is as it was."
            ) from exc
        finally:
            if fd >= 0:
                os.close(fd)
        if self.ino is None or start == self.offset:
            self.ino = os.stat(self.path).st_ino
            self.offset = start + len(line)
        self.last_seq = seq
        self.last_link = link

    @staticmethod
    def _take_back(fd: int, start: int) -> None:
        if fd >= 0:
            try:
                os.ftruncate(fd, start)  # take back a partly written line
                os.fsync(fd)
            except OSError:
                pass  # a torn last line is ignored on reading anyway
            try:
                os.close(fd)
            except OSError:
                pass

    def reset(self, kept: list[tuple[int, list[Op], dict[str, Any]]] | None = None) -> None:
        """Swap in a log holding its first line (with :attr:`header`) and then ``kept``: commits the
        snapshot holds, up to its seq, that other devices have not read yet (re-chained)."""
        b = self.binding
        if b.token is None:
            raise StorageError(f"{self.path} cannot be started without a snapshot that names it.")
        kept = list(kept or ())
        if kept and (kept[-1][0] != b.base or any(c[0] != kept[0][0] + i for i, c in enumerate(kept))):
            kept = []  # only an unbroken run that ends where the snapshot does
        start = kept[0][0] - 1 if kept else b.base
        first: dict[str, Any] = {"log": b.token, "base": b.base}
        if start != b.base:
            first["from"] = start
        first.update({k: v for k, v in self.header.items() if k not in ("log", "base", "from")})
        pieces = [orjson.dumps(first) + b"\n"]
        link = b.token
        for seq, ops, extra in kept:
            body = orjson.dumps({"seq": seq, "ops": ops, **extra})
            link = chain(link, body)
            pieces.append(self.codec.seal_line(body[:-1] + b',"h":"' + link.encode("ascii") + b'"}') + b"\n")
        data = b"".join(pieces)
        fresh = not self.path.exists()
        atomic_write_bytes(self.path, data)
        if fresh:
            fsync_dir(self.path.parent)
        self.ino = os.stat(self.path).st_ino
        self.offset = len(data)
        self.last_seq = b.base
        self.last_link = link
        self.stale = False

    def commits_after(self, after: int) -> list[tuple[int, list[Op], dict[str, Any]]]:
        """Every commit of the log after change ``after``, those the snapshot holds too (for the
        next log to keep); none from a log the snapshot has folded in whole."""
        copy = ChangeLog(self.path)
        copy.binding, copy.codec, copy.skip_upto = self.binding, self.codec, after
        return copy.read(full=True).commits
