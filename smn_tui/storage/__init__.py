"""The journal: its files on disk, its records in memory, and the store the rest of smn uses.

See docs/ARCHITECTURE.md for the parts.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .backups import list_backups, restore_backup, take_backup
    from .checkup import diagnose
    from .crypt import switch_codec
    from .errors import JournalCorruptError, JournalForeignError, JournalLockedError, JournalTooNewError, StorageError
    from .history import UndoRefused
    from .journal_file import JournalFile
    from .keys import load_codec, make_identity
    from .quick import open_capture
    from .store import JournalStore, default_journal_path
    from .summaries import ContactSummary

__all__ = [
    "ContactSummary", "JournalCorruptError", "JournalFile", "JournalForeignError", "JournalLockedError",
    "JournalStore", "JournalTooNewError", "StorageError", "UndoRefused", "default_journal_path", "diagnose",
    "list_backups", "load_codec", "make_identity", "open_capture", "restore_backup", "switch_codec",
    "take_backup",
]

#: Which module each name lives in: a name loads its module when first asked for, so importing one
#: part of the package never imports the rest.
_MODULES = {
    "ContactSummary": "summaries", "JournalCorruptError": "errors", "JournalFile": "journal_file",
    "JournalForeignError": "errors", "JournalLockedError": "errors", "JournalStore": "store",
    "JournalTooNewError": "errors", "StorageError": "errors", "UndoRefused": "history",
    "default_journal_path": "store", "diagnose": "checkup", "list_backups": "backups", "load_codec": "keys",
    "make_identity": "keys", "open_capture": "quick", "restore_backup": "backups", "switch_codec": "crypt",
    "take_backup": "backups",
}


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)

