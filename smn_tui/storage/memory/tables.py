"""TinyDB holds the journal's records in memory: one table per kind, keyed by the records' ids.

Stock TinyDB re-reads, copies and re-writes a whole table on every insert,
which costs tens of milliseconds at 100,000 records. Here TinyDB's storage is
the dictionaries the journal's files were read into, document ids are the
records' stable string ids, and a table operation changes those dictionaries
in place. Every committed change reaches them through TinyDB's table API
(:meth:`JournalDB.apply`: ``remove`` and ``insert`` by document id). Durability
is not TinyDB's job: the change log has every change before it is applied here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

__all__ = ["JournalDB", "JournalTable", "LiveTablesStorage"]

Op = list[Any]


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
    """A TinyDB table keyed by stable string ids, updated in place.

    TinyDB's own annotations say document ids are ints; these are strings
    throughout, which its code handles (it keeps ids as strings in storage).
    """

    document_id_class = str  # type: ignore[assignment]  # string ids (see the class docstring)

    def _update_table(  # type: ignore[override]  # string ids (see the class docstring)
            self, updater: Callable[[dict[str, Mapping[Any, Any]]], None]) -> None:
        tables = self._storage.read()
        assert tables is not None  # live tables are always there (LiveTablesStorage.read)
        table = tables.setdefault(self.name, {})
        updater(table)
        self.clear_cache()


class JournalDB(TinyDB):
    """TinyDB over live tables; ``table(name)`` gives a :class:`JournalTable`."""

    table_class = JournalTable

    def __init__(self, tables: dict[str, dict[str, Any]]) -> None:
        super().__init__(tables, storage=LiveTablesStorage)
        self.tables_data = tables

    def by_id(self, name: str, rid: str) -> Document | None:
        """The document of the record ``rid`` in the table ``name``, through TinyDB's table API."""
        doc: Document | None = self.table(name).get(doc_id=rid)  # type: ignore[call-overload]  # string ids
        return doc

    def clear_caches(self) -> None:
        for table in self._tables.values():
            table.clear_cache()

    def apply(self, ops: Iterable[Op]) -> None:
        """Apply committed operations: ``put`` replaces a record whole, ``del`` removes it."""
        for op, name, rid, doc in ops:
            table = self.table(name)
            if op == "put":
                table.remove(doc_ids=[rid])
                table.insert(Document(doc, doc_id=rid))
            elif op == "del":
                table.remove(doc_ids=[rid])
            else:
                raise ValueError(f"unknown operation {op!r}")
