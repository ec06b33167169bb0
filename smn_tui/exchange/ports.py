"""What imports and exports read from a journal, and write to it: protocols the store meets.

Exports and import snapshots take any object with these reads, and an import's
plan is applied to any object that adds records, so nothing here needs the
store itself (tests may hand in anything that fits).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from ..domain.models import Contact, HelpfulAct, Interaction, WeeklyAudit

__all__ = ["ImportTarget", "JournalTables", "RecordWriter"]


class JournalTables(Protocol):
    """The journal as documents: every table, and the contacts, for exports and import snapshots."""

    @property
    def version(self) -> int: ...
    def export_tables(self) -> dict[str, dict[str, dict[str, Any]]]: ...
    def contact_docs(self) -> Iterator[tuple[str, dict[str, Any]]]: ...
    def contacts(self, *, include_archived: bool = False) -> list[Contact]: ...
    def count(self, table: str) -> int: ...


class RecordWriter(Protocol):
    """What an import's plan is written with: every record in one commit."""

    def add_many(self, records: Iterable[Contact | Interaction | HelpfulAct | WeeklyAudit], what: str = "") -> int: ...


class ImportTarget(JournalTables, RecordWriter, Protocol):
    """A journal an import is planned against and written to."""
