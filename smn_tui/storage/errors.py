"""What can go wrong with a journal on disk, as exceptions whose message says what to do."""

from __future__ import annotations

import errno

__all__ = [
    "HeadReplacedError",
    "JournalCorruptError",
    "JournalForeignError",
    "JournalLockedError",
    "JournalTooNewError",
    "StorageError",
    "WrittenElsewhereError",
    "describe",
]


class StorageError(RuntimeError):
    """The journal could not be read or written; the message says what to do."""


class JournalLockedError(StorageError):
    """Another process holds the journal."""


class JournalCorruptError(StorageError):
    """The file on disk is not a journal this version can read; nothing was written."""


class JournalForeignError(JournalCorruptError):
    """The file is not an smn journal at all; smn neither reads nor changes it."""


class JournalTooNewError(JournalCorruptError):
    """The journal was written by a newer smn."""


class WrittenElsewhereError(StorageError):
    """These files (or one of them) are another device's: this device must write files of its own."""

    def __init__(self, message: str, device: str) -> None:
        super().__init__(message)
        self.device = device


class HeadReplacedError(StorageError):
    """Another process compacted the journal between reading its head and its entries."""


def describe(exc: OSError) -> str:
    """A few words for what an operating-system error means to the user."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno == errno.EIO:
        return "an input/output error"
    return exc.strerror or str(exc)
