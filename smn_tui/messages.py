"""App-wide messages."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class JournalChanged(Message):
    """The journal changed (this window saved something, or another process did)."""

    version: int
