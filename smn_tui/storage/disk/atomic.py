"""Files that are wholly old or wholly new: atomic replacement, folder syncs, safe reads.

Every file smn writes goes through :func:`atomic_write_bytes` (temp file,
fsync, ``os.replace``, fsync of the folder), except the change log, which is
appended to (see :mod:`.changelog`). Reads go through :func:`read_regular`,
which never blocks on a FIFO or a device.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import StorageError, describe

__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "alive",
    "atomic_write_bytes",
    "ensure_folder",
    "file_id",
    "fsync_dir",
    "open_regular",
    "read_regular",
    "remove_stale_temp_files",
]

FILE_MODE = 0o600
DIR_MODE = 0o700

FileId = tuple[int, int, int]


def file_id(path: Path) -> FileId | None:
    """Identity of a file version: a replaced file gets a new one."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (ours always does)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each readable only by the user."""
    if folder.is_dir():
        return
    missing = []
    at = folder
    while not at.exists():
        missing.append(at)
        if at.parent == at:
            break
        at = at.parent
    try:
        for part in reversed(missing):
            try:
                os.mkdir(part, DIR_MODE)
            except FileExistsError:
                pass
            os.chmod(part, DIR_MODE)  # mkdir's mode is cut by the umask
    except OSError as exc:
        raise StorageError(f"Could not create the folder {folder}: {describe(exc)}.") from exc
    if not folder.is_dir():
        raise StorageError(f"{folder} is not a folder.")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: Path) -> int:
    """Open ``path`` for reading, refusing anything but a regular file; returns the fd.

    A FIFO is opened without blocking and refused, so nothing hangs on one.
    Raises :class:`FileNotFoundError` when there is no file, :class:`StorageError`
    for anything else that is not a regular file.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise StorageError(f"{path} is {_kind(st.st_mode)}, not a journal file; nothing was read or written.")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its stat, read through one descriptor."""
    fd = open_regular(path)
    try:
        st = os.fstat(fd)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read()
    finally:
        os.close(fd)
    return data, st


def atomic_write_bytes(path: Path, data: bytes | Iterable[bytes], mode: int = FILE_MODE) -> int:
    """Write ``data`` (bytes, or pieces of it) to ``path`` so that it is either wholly old or wholly new.

    Returns the number of bytes written.
    On any error the temp file is removed, ``path`` is untouched and
    :class:`StorageError` says what happened.
    """
    path = Path(path)
    token = f"{os.getpid()}-{time.monotonic_ns()}"
    tmp = path.with_name(f".{path.name}.tmp-{token}")
    old = path.with_name(f".{path.name}.tmp-old-{token}")
    fd = -1
    kept_old = False
    replaced = False
    written = 0
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        for piece in (data,) if isinstance(data, (bytes, bytearray, memoryview)) else data:
            view = memoryview(piece)
            written += len(view)
            while view:
                n = os.write(fd, view)
                view = view[n:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        try:
            # A second name for the old version, so it can be put back if the
            # folder cannot be synced after the swap.
            os.link(path, old)
            kept_old = True
        except OSError:
            pass
        os.replace(tmp, path)
        replaced = True
        fsync_dir(path.parent)
    except OSError as exc:
        _undo_write(fd, tmp, old, path, kept_old, replaced)
        raise StorageError(f"Could not write {path}: {describe(exc)}. The previous file is unchanged.") from exc
    if kept_old:
        try:
            os.unlink(old)
        except OSError:
            pass
    return written


def _undo_write(fd: int, tmp: Path, old: Path, path: Path, kept_old: bool, replaced: bool) -> None:
    if fd >= 0:
        try:
            os.close(fd)
        except OSError:
            pass
    if replaced:
        try:
            if kept_old:
                os.replace(old, path)
                kept_old = False
            else:
                os.unlink(path)  # there was no previous file
        except OSError:
            pass
    for p in (tmp, old) if kept_old else (tmp,):
        try:
            os.unlink(p)
        except OSError:
            pass


def remove_stale_temp_files(folders: Iterable[Path], mine: Callable[[str], bool] | None = None) -> list[str]:
    """Temp files left behind by a writer that died (its process is gone); with ``mine``, only those
    of files it names (in a synced folder, another device's half-written file is not ours to judge)."""
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for p in folder.glob(".*.tmp-*"):
            if mine is not None and not mine(p.name[1:].split(".tmp-", 1)[0]):
                continue
            pid = p.name.rsplit(".tmp-", 1)[-1].removeprefix("old-").split("-", 1)[0]
            if not pid.isdigit() or alive(int(pid)):
                continue
            try:
                p.unlink()
                removed.append(p.name)
            except OSError:
                pass
    return removed
