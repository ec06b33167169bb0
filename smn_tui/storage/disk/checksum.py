"""Checksums that let every reader tell a damaged file from a good one.

Snapshot files (head, entries, backups) carry a SHA-256 of their bytes (the
head and backups in their own header, the entries file in the head); each line
of the change log carries a short hash chained from the line before it, so a
changed, dropped, swapped or inserted line breaks the chain.
"""

from __future__ import annotations

import hashlib
import os

__all__ = ["chain", "file_hasher", "new_token", "sum_of"]

#: Hex digits kept of a file's SHA-256 (128 bits).
FILE_SUM_HEX = 32
#: Hex digits kept of a log line's chained hash (64 bits).
LINK_HEX = 16


def file_hasher() -> hashlib._Hash:
    """A hasher for a whole file, fed piece by piece; ``sum_of`` gives its checksum."""
    return hashlib.sha256()


def sum_of(hasher: hashlib._Hash) -> str:
    return hasher.hexdigest()[:FILE_SUM_HEX]


def chain(previous: str, body: bytes) -> str:
    """The hash of a log line: over the previous line's hash and this line's bytes."""
    return hashlib.sha256(previous.encode("ascii") + body).hexdigest()[:LINK_HEX]


def new_token() -> str:
    """A fresh random name for one change log (binds a log to the head it continues)."""
    return os.urandom(8).hex()
