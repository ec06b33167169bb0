"""The store's writes: every change validated, durable in the change log, then applied in memory.

A failed write leaves the files and the store as they were. Every change,
ours or another process's, reaches memory through :meth:`JournalWrites._apply_committed`:
TinyDB's table API for the records, then :meth:`JournalIndexes.apply` for the indexes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from ..domain.models import Contact, HelpfulAct, Interaction, ValidationError, WeeklyAudit, now_utc
from ..domain.results import DeleteSummary
from .errors import StorageError
from .journal_file import ENTRY_TABLES, Op

if TYPE_CHECKING:
    from .store import JournalStore

__all__ = ["COMPACT_LOG_BYTES", "JournalWrites"]

#: Compact the change log into the snapshot once it passes this size.
COMPACT_LOG_BYTES = 4 * 1024 * 1024

R = TypeVar("R", Contact, Interaction, HelpfulAct, WeeklyAudit)
AnyRecord = Contact | Interaction | HelpfulAct | WeeklyAudit


class JournalWrites:
    """Adding, changing and removing records (mixed into :class:`~.store.JournalStore`)."""

    def _commit(self: JournalStore, ops: list[Op], extra: dict[str, Any] | None = None) -> None:
        """Durably append ``ops``, then apply them in memory."""
        if self.read_only:
            raise StorageError(f"{self.path} was opened only to read it; nothing was written.")
        with self._lock:
            self.load_head()  # the change log's numbering continues the head's
            self.file.commit(ops, catch_up=self._catch_up, extra=extra)
            self._apply_committed(ops)
        if self.file.log_size() > COMPACT_LOG_BYTES:
            try:
                self.compact()
                self.backup_if_due()
            except StorageError:
                pass  # the commit is durable in the log already

    def _apply_committed(self: JournalStore, ops: list[Op]) -> None:
        """A commit that is in the change log (ours or another process's) reaches memory; operations
        on entries not read yet wait in the journal file's ``pending``."""
        with self._lock:
            self.file.apply(self._tables, ops, apply_now=self._apply_to_memory)

    def _apply_to_memory(self: JournalStore, ops: list[Op]) -> None:
        """The records through TinyDB's table API, then every index through ``apply``."""
        change = self._indexes.prepare(ops)
        self._db.apply(ops)
        self._indexes.apply(change)
        self.version += 1

    def _put(self: JournalStore, record: R, *, must_exist: bool | None = None) -> R:
        table = record.TABLE
        if must_exist is not None:
            exists = record.id in self._table(table)
            if not exists and self.refresh():
                exists = record.id in self._table(table)
            if must_exist and not exists:
                raise ValidationError("id", f"no {table[:-1]} with id {record.id}")
            if not must_exist and exists:
                raise ValidationError("id", f"a {table[:-1]} with id {record.id} already exists")
        self._check_refs(record)
        self._commit([["put", table, record.id, record.to_doc()]])
        return record

    def _check_refs(self: JournalStore, record: AnyRecord) -> None:
        ids = getattr(record, "contact_ids", None)
        if ids:
            missing = [i for i in ids if i not in self._tables["contacts"]]
            if missing and self.refresh():  # perhaps added by another process a moment ago
                missing = [i for i in ids if i not in self._tables["contacts"]]
            if missing:
                raise ValidationError("contacts", f"unknown contact id {missing[0]}")

    def add_contact(self: JournalStore, contact: Contact) -> Contact:
        return self._put(contact)

    def update_contact(self: JournalStore, contact: Contact) -> Contact:
        return self._put(replace(contact, updated=now_utc()), must_exist=True)

    def add_interaction(self: JournalStore, interaction: Interaction) -> Interaction:
        return self._put(interaction)

    def update_interaction(self: JournalStore, interaction: Interaction) -> Interaction:
        return self._put(replace(interaction, updated=now_utc()), must_exist=True)

    def add_act(self: JournalStore, act: HelpfulAct) -> HelpfulAct:
        return self._put(act)

    def update_act(self: JournalStore, act: HelpfulAct) -> HelpfulAct:
        return self._put(replace(act, updated=now_utc()), must_exist=True)

    def save_audit(self: JournalStore, audit: WeeklyAudit) -> WeeklyAudit:
        """Insert or replace the audit for its week (one audit per week)."""
        existing = self.audit_for(audit.week)
        if existing is not None and existing.id != audit.id:
            audit = replace(audit, id=existing.id, created=existing.created)
        audit = replace(audit, updated=now_utc())
        self._commit([["put", "audits", audit.id, audit.to_doc()]])
        return audit

    def delete_interaction(self: JournalStore, interaction_id: str) -> None:
        self._delete("interactions", interaction_id)

    def delete_act(self: JournalStore, act_id: str) -> None:
        self._delete("acts", act_id)

    def _delete(self: JournalStore, table: str, rid: str) -> None:
        if rid not in self._table(table):
            self.refresh()
        if rid not in self._table(table):
            raise ValidationError("id", f"no {table[:-1]} with id {rid}")
        self._commit([["del", table, rid, None]])

    def add_many(self: JournalStore, records: Iterable[AnyRecord]) -> int:
        """Add or replace many records in one durable commit (imports)."""
        return self.commit_changes(records)

    def commit_changes(self: JournalStore, puts: Iterable[AnyRecord] = (),
                       deletes: Iterable[tuple[str, str]] = ()) -> int:
        """Put records and delete ``(table, id)`` pairs in one durable commit; returns how many changes.

        Entries may name contacts put in the same commit; a contact that is
        deleted must not be named by any entry put with it.
        """
        puts = list(puts)
        deletes = list(deletes)
        wanted = {i for r in puts for i in (getattr(r, "contact_ids", None) or [])}
        contacts = self._tables["contacts"]
        if any(i not in contacts for i in wanted):
            self.refresh()
            contacts = self._tables["contacts"]
        new_contacts = {r.id for r in puts if isinstance(r, Contact)}
        gone = {rid for table, rid in deletes if table == "contacts"}
        for i in wanted:
            if (i not in contacts and i not in new_contacts) or (i in gone and i not in new_contacts):
                raise ValidationError("contacts", f"unknown contact id {i}")
        for table, rid in deletes:
            if rid not in self._table(table):
                raise ValidationError("id", f"no {table[:-1]} with id {rid}")
        ops: list[Op] = [["put", r.TABLE, r.id, r.to_doc()] for r in puts]
        ops.extend(["del", table, rid, None] for table, rid in deletes)
        if not ops:
            return 0
        self._commit(ops)
        return len(ops)

    def archive_contact(self: JournalStore, contact_id: str, archived: bool = True) -> Contact:
        contact = self.get_contact(contact_id)
        return self.update_contact(replace(contact, archived=archived))

    def delete_preview(self: JournalStore, contact_id: str) -> DeleteSummary:
        contact = self.get_contact(contact_id)
        counts = {"interactions": [0, 0], "acts": [0, 0]}
        for table in ENTRY_TABLES:
            for rid in self._ids_for_contact(table, contact_id):
                doc = self._tables[table][rid]
                counts[table][0 if len(doc["contact_ids"]) == 1 else 1] += 1
        return DeleteSummary(contact, counts["interactions"][0], counts["acts"][0],
                             counts["interactions"][1], counts["acts"][1])

    def delete_contact(self: JournalStore, contact_id: str) -> DeleteSummary:
        """Remove a contact for good, and the entries left with nobody. One commit."""
        summary = self.delete_preview(contact_id)
        ops: list[Op] = []
        for table in ENTRY_TABLES:
            for rid in sorted(self._ids_for_contact(table, contact_id)):
                doc = self._tables[table][rid]
                left = [c for c in doc["contact_ids"] if c != contact_id]
                if left:
                    ops.append(["put", table, rid, {**doc, "contact_ids": left,
                                                    "updated": now_utc().isoformat()}])
                else:
                    ops.append(["del", table, rid, None])
        ops.append(["del", "contacts", contact_id, None])
        self._commit(ops)
        return summary
