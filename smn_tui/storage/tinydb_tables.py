"""TinyDB as the in-memory query layer over the journal's tables.

Stock TinyDB re-reads, copies and re-writes a whole table on every insert,
which costs tens of milliseconds at 100,000 records. Here the storage hands
TinyDB the live dictionaries that :class:`JournalFile` keeps, document ids are
the records' stable string ids, and a table update changes those dictionaries
in place. Durability is not TinyDB's job: the store appends every change to the
journal's change log before it is applied here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table


class LiveTablesStorage(Storage):
    """A TinyDB storage whose data is a dictionary owned by someone else."""

    def __init__(self, tables: dict[str, dict[str, Any]]) -> None:
        self.tables = tables

    def read(self) -> dict[str, dict[str, Any]]:
        return self.tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if data is not self.tables:
            self.tables.clear()
            self.tables.update(data)

    def close(self) -> None:
        pass


class JournalTable(Table):
    """A TinyDB table keyed by stable string ids, updated in place."""

    document_id_class = str

    def _update_table(self, updater: Callable[[dict[str, Mapping]], None]) -> None:
        tables = self._storage.read()
        table = tables.setdefault(self.name, {})
        updater(table)
        self.clear_cache()


class JournalDB(TinyDB):
    """TinyDB over live tables; ``table(name)`` gives a :class:`JournalTable`."""

    table_class = JournalTable

    def __init__(self, tables: dict[str, dict[str, Any]]) -> None:
        super().__init__(tables, storage=LiveTablesStorage)

    def clear_caches(self) -> None:
        for table in self._tables.values():
            table.clear_cache()
