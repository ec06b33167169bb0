"""The two locks of a journal: a short write lock per commit, and the one app window's lock."""

from __future__ import annotations

from pathlib import Path

from filelock import AcquireReturnProxy, FileLock, Timeout

from ..errors import JournalLockedError, StorageError, describe
from .atomic import FILE_MODE

__all__ = ["WRITE_LOCK_TIMEOUT", "JournalLocks"]

WRITE_LOCK_TIMEOUT = 10.0


class JournalLocks:
    """``journal.json.lock`` (held briefly by whoever writes) and ``journal.json.app.lock``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        self.app_lock_path = path.with_name(path.name + ".app.lock")
        self._write = FileLock(self.lock_path, timeout=WRITE_LOCK_TIMEOUT, mode=FILE_MODE, thread_local=False)
        self._app: FileLock | None = None

    def write(self) -> AcquireReturnProxy[FileLock]:
        """Take the write lock, to be used as ``with locks.write():``; a clear error when it stays busy."""
        try:
            return self._write.acquire()
        except Timeout as exc:
            raise JournalLockedError(
                f"The journal {self.path} is busy: another smn has held it for over "
                f"{WRITE_LOCK_TIMEOUT:.0f} s. Nothing was written; try again."
            ) from exc
        except OSError as exc:
            raise StorageError(f"Could not lock {self.lock_path}: {describe(exc)}.") from exc

    def claim_app(self) -> None:
        """Claim the journal for one app window; a second one gets a clear message."""
        lock = FileLock(self.app_lock_path, timeout=0, mode=FILE_MODE, thread_local=False)
        try:
            lock.acquire()
        except Timeout as exc:
            raise JournalLockedError(
                f"smn is already open on {self.path} in another window. Close it first "
                "(logging from the command line with 'smn log' or 'smn helped' still works)."
            ) from exc
        except OSError as exc:
            raise StorageError(f"Could not lock {self.app_lock_path}: {describe(exc)}.") from exc
        self._app = lock

    def release_app(self) -> None:
        if self._app is not None:
            self._app.release()
            self._app = None
