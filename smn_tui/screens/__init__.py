"""The four top-level screens, one per mode (keys 1-4), on the base they share.

:class:`ContactsScreen` shows first and is imported at start; the others are
imported on first use, so the names below load their module when asked for.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .acts import ActsScreen
    from .audit import AuditScreen
    from .base import JournalScreen, ReadingScreen
    from .contacts import ContactsScreen
    from .review import ReviewScreen

__all__ = ["ActsScreen", "AuditScreen", "ContactsScreen", "JournalScreen", "ReadingScreen", "ReviewScreen"]

_MODULES = {"ActsScreen": "acts", "AuditScreen": "audit", "ContactsScreen": "contacts", "JournalScreen": "base",
            "ReadingScreen": "base", "ReviewScreen": "review"}


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
