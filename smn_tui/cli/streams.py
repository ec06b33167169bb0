"""The streams a command writes to: any text stream, kept safe for text that is not UTF-8."""

from __future__ import annotations

from typing import Protocol, TextIO

__all__ = ["TextOut", "Utf8Safe", "is_terminal"]


class TextOut(Protocol):
    """What a command writes to: standard output or error, or a test's StringIO."""

    def write(self, text: str, /) -> int: ...
    def flush(self) -> None: ...
    def isatty(self) -> bool: ...


class Utf8Safe:
    """A text stream that writes what cannot be encoded (a path of non-UTF-8 bytes) escaped."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str, /) -> int:
        from ..domain.text import has_surrogates

        if has_surrogates(text):
            text = text.encode("utf-8", "backslashreplace").decode("utf-8")
        return self._stream.write(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return is_terminal(self._stream)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def is_terminal(stream: object) -> bool:
    """Whether ``stream`` is a terminal; a stream without ``isatty`` (or none at all) is not."""
    isatty = getattr(stream, "isatty", None)
    return callable(isatty) and bool(isatty())
