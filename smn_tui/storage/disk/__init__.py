"""The journal's files, one module per kind: atomic writes, snapshot, change log, locks, names index.

Nothing here knows what a contact or an act is; :class:`~smn_tui.storage.journal_file.JournalFile`
composes these parts into one journal on disk.
"""

from .atomic import DIR_MODE, FILE_MODE, atomic_write_bytes, ensure_folder, file_id, fsync_dir, read_regular
from .changelog import ChangeLog, LogRead
from .locks import WRITE_LOCK_TIMEOUT, JournalLocks
from .names import FIRST_PAGE_ROWS, FirstPage, NamesIndex
from .snapshot import ENTRY_TABLES, HEAD_TABLES, META, TABLES, apply_ops, decode_part, iter_entry_lines, iter_object

__all__ = [
    "DIR_MODE",
    "ENTRY_TABLES",
    "FILE_MODE",
    "FIRST_PAGE_ROWS",
    "HEAD_TABLES",
    "META",
    "TABLES",
    "WRITE_LOCK_TIMEOUT",
    "ChangeLog",
    "FirstPage",
    "JournalLocks",
    "LogRead",
    "NamesIndex",
    "apply_ops",
    "atomic_write_bytes",
    "decode_part",
    "ensure_folder",
    "file_id",
    "fsync_dir",
    "iter_entry_lines",
    "iter_object",
    "read_regular",
]
