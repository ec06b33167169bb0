"""The change log: one JSON line per acknowledged commit, appended and fsynced.

A line is ``{"seq": N, "ops": [[op, table, id, doc], ...]}``. A line without
its newline at the end of the file is a write that never finished (it was
never acknowledged); :class:`ChangeLog` remembers where this process has read
up to, so another process's appends are picked up by reading only the tail.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..errors import JournalCorruptError, StorageError, describe
from .atomic import FILE_MODE, atomic_write_bytes, fsync_dir, open_regular

__all__ = ["ChangeLog", "LogRead"]

Op = list[Any]


@dataclass
class LogRead:
    """What one read of the log found: the commits after a given seq, in order."""

    commits: list[tuple[int, list[Op]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class ChangeLog:
    """The append-only change log of one journal, and how far this process has read it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Where this process has read the log up to: its inode and byte offset.
        self.ino: int | None = None
        self.offset = 0

    def forget(self) -> None:
        """Read the log from the start next time (a new log, or a new head)."""
        self.ino = None
        self.offset = 0

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def size(self) -> int:
        try:
            return os.path.getsize(self.path)
        except OSError:
            return 0

    # ------------------------------------------------------------ reading

    def read(self, after_seq: int, *, full: bool) -> LogRead:
        """The commits with a seq above ``after_seq``, from the start (``full``) or from where we were."""
        try:
            fd = open_regular(self.path)
        except FileNotFoundError:
            self.forget()
            return LogRead()
        except OSError as exc:
            raise StorageError(f"Could not read {self.path}: {describe(exc)}.") from exc
        try:
            st = os.fstat(fd)
            start = 0 if full else self.offset
            os.lseek(fd, start, os.SEEK_SET)
            with os.fdopen(fd, "rb", closefd=False) as fh:
                data = fh.read()
        except OSError as exc:
            raise StorageError(f"Could not read {self.path}: {describe(exc)}.") from exc
        finally:
            os.close(fd)
        self.ino = st.st_ino
        found = LogRead()
        pos = self._parse(data, start, after_seq, found)
        self.offset = start + pos
        return found

    def _parse(self, data: bytes, start: int, after_seq: int, found: LogRead) -> int:
        pos = 0
        end = len(data)
        last = after_seq
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
            line_start = pos
            pos = nl + 1
            if not line.strip():
                continue
            try:
                entry = orjson.loads(line)
                seq = int(entry["seq"])
                ops = entry["ops"]
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                if pos >= end:
                    found.warnings.append(
                        "The last entry of the change log was damaged by an interrupted write and has "
                        "been ignored. Everything before it is kept."
                    )
                    pos = line_start
                    break
                raise JournalCorruptError(
                    f"{self.path} is damaged in the middle (the entry at byte {start + line_start}); "
                    "nothing was written. Run 'smn doctor' to see what can be recovered."
                ) from exc
            if seq <= last:
                continue  # already in the snapshot (a crash between compaction steps)
            found.commits.append((seq, ops))
            last = seq
        return pos

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
        """Cut off an incomplete last line left by a writer that died."""
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
                last_start = tail.rfind(b"\n", 0, len(tail) - 1) + 1
                if last_start == 0 and back < size:
                    return  # a line longer than we looked at; load() judges it
                try:
                    entry = orjson.loads(tail[last_start:])
                    int(entry["seq"])
                    entry["ops"]
                    return
                except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                    cut = last_start - 1
            else:
                cut = tail.rfind(b"\n")
                if cut < 0 and back < size:
                    return  # a single enormous line; leave it for load() to judge
            new_size = size - back + cut + 1
            fh.truncate(new_size)
            os.fsync(fh.fileno())
        if self.offset > new_size:
            self.offset = new_size

    def append(self, seq: int, ops: list[Op]) -> None:
        """Append one commit and fsync it; on failure the log is as it was."""
        line = orjson.dumps({"seq": seq, "ops": ops}) + b"\n"
        fresh = not self.path.exists()
        fd = -1
        start = 0
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
            start = os.fstat(fd).st_size
            view = memoryview(line)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
            if fresh:
                fsync_dir(self.path.parent)
        except OSError as exc:
            self._take_back(fd, start, fresh)
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

    def _take_back(self, fd: int, start: int, fresh: bool) -> None:
        if fd >= 0:
            try:
                os.ftruncate(fd, start)  # take back a partly written line
                os.fsync(fd)
            except OSError:
                pass  # a torn last line is dropped on reading anyway
            try:
                os.close(fd)
            except OSError:
                pass
        if fresh:
            try:
                if os.path.getsize(self.path) == 0:
                    os.unlink(self.path)
            except OSError:
                pass

    def reset(self) -> None:
        """Swap in an empty log (after a snapshot holds every line)."""
        atomic_write_bytes(self.path, b"")
        self.ino = os.stat(self.path).st_ino
        self.offset = 0
