"""How the journal's bytes lie on disk: as they are, or encrypted with age.

An encrypted journal writes every file as one age message (age-encryption.org/v1,
the format the stock ``age`` tool reads): the head, each entries generation, the
names index and every backup decrypt to the very bytes a plain journal holds.
The change log stays an append-only file of lines: its first line (the log's
token and the change it continues, no journal content) is plain, and each
commit line is ``age:`` and the base64 of one age message holding the plain
line. A journal is encrypted when its head is; nothing else decides it.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Protocol

from ..errors import JournalCorruptError, StorageError

__all__ = ["AGE_MAGIC", "PLAIN", "AgeCodec", "AgeIdentity", "Codec", "PlainCodec", "is_sealed"]

#: How every binary age message starts.
AGE_MAGIC = b"age-encryption.org/v1\n"
_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
#: How an encrypted line of the change log starts.
LINE_PREFIX = b"age:"


def is_sealed(data: bytes) -> bool:
    """Whether ``data`` is an age message (binary or armored)."""
    return data.startswith(AGE_MAGIC) or data.lstrip().startswith(_ARMOR)


class Codec(Protocol):
    """Turns the plain bytes of a journal file into what lies on disk, and back."""

    encrypted: bool
    #: The age recipient the files are encrypted to ("" for a plain journal).
    recipient: str

    def seal(self, data: bytes) -> bytes: ...
    def open(self, data: bytes, source: Path) -> bytes: ...
    def seal_line(self, line: bytes) -> bytes: ...
    def open_line(self, line: bytes, source: Path) -> bytes: ...


class PlainCodec:
    """A plain journal: bytes on disk are the JSON itself. Refuses encrypted files it meets."""

    encrypted = False
    recipient = ""

    def seal(self, data: bytes) -> bytes:
        return data

    def open(self, data: bytes, source: Path) -> bytes:
        if is_sealed(data):
            raise JournalCorruptError(f"{source} is encrypted, but the journal it belongs to is not; it was "
                                      "left by an interrupted 'smn decrypt'. Nothing was written; run "
                                      "'smn doctor'.")
        return data

    def seal_line(self, line: bytes) -> bytes:
        return line

    def open_line(self, line: bytes, source: Path) -> bytes:
        if line.startswith(LINE_PREFIX):
            raise JournalCorruptError(f"{source} holds an encrypted change in a journal that is not encrypted; "
                                      "nothing was written. Run 'smn doctor'.")
        return line


PLAIN = PlainCodec()


class AgeIdentity(Protocol):
    """What the codec needs of an age identity (a ``pyrage.x25519.Identity``; pyrage has no type stubs)."""

    def to_public(self) -> object: ...


class AgeCodec:
    """An encrypted journal: age messages to one X25519 recipient, opened with its identity."""

    encrypted = True

    def __init__(self, identity: AgeIdentity, where: str) -> None:
        import pyrage

        self._pyrage = pyrage
        self.identity = identity
        self.public = identity.to_public()
        self.recipient = str(self.public)
        self.where = where  # where the identity came from, for messages

    def seal(self, data: bytes) -> bytes:
        try:
            return bytes(self._pyrage.encrypt(data, [self.public]))
        except self._pyrage.EncryptError as exc:  # pragma: no cover - encrypting to a valid key cannot fail
            raise StorageError(f"Could not encrypt: {exc}.") from exc

    def open(self, data: bytes, source: Path) -> bytes:
        if not is_sealed(data):
            raise JournalCorruptError(f"{source} is not encrypted, but the journal it belongs to is: it was "
                                      "left in the clear by an interrupted 'smn encrypt' or put there by hand. "
                                      "Nothing was written; run 'smn doctor'.")
        try:
            return bytes(self._pyrage.decrypt(data, [self.identity]))
        except self._pyrage.DecryptError as exc:
            raise StorageError(
                f"{source} cannot be opened with the identity {self.where} (it is encrypted to another one, or "
                "damaged). Nothing was written."
            ) from exc

    def seal_line(self, line: bytes) -> bytes:
        return LINE_PREFIX + base64.b64encode(self.seal(line))

    def open_line(self, line: bytes, source: Path) -> bytes:
        if not line.startswith(LINE_PREFIX):
            raise JournalCorruptError(f"{source} holds a change in the clear in an encrypted journal; nothing "
                                      "was written. Run 'smn doctor'.")
        try:
            sealed = base64.b64decode(line[len(LINE_PREFIX):], validate=True)
        except ValueError as exc:
            raise JournalCorruptError(f"{source} holds a damaged encrypted change; nothing was written. "
                                      "Run 'smn doctor'.") from exc
        return self.open(sealed, source)
