"""The store's writes: every change validated, durable in the change log, then applied in memory.

A failed write leaves the files and the store as they were. Every change,
ours or another process's, reaches memory through :meth:`JournalWrites._apply_committed`:
TinyDB's table API for the records, then :meth:`JournalIndexes.apply` for the indexes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, TypeVar

from ..domain.changes import describe_many, describe_put, people_phrase
from ..domain.models import Contact, HelpfulAct, Interaction, ValidationError, WeeklyAudit, now_utc
from ..domain.results import DeleteSummary, JournalChange
from .errors import StorageError, WrittenElsewhereError
from .history import inverse_ops, redo_target, taken_back, undo_target
from .journal_file import ENTRY_TABLES, Op
from .store_parts import StoreParts
from .sync.merge import restamp

__all__ = ["COMPACT_LOG_BYTES", "JournalWrites"]

#: Compact the change log into the snapshot once it passes this size.
COMPACT_LOG_BYTES = 4 * 1024 * 1024

R = TypeVar("R", Contact, Interaction, HelpfulAct, WeeklyAudit)
AnyRecord = Contact | Interaction | HelpfulAct | WeeklyAudit


class JournalWrites(StoreParts):
    """Adding, changing and removing records (mixed into :class:`~.store.JournalStore`)."""

    def _commit(self, ops: list[Op], what: str = "", *, kind: str = "change",
                undoes: Iterable[int] = (), stamps: list[str] | None = None) -> int:
        """Durably append ``ops`` (with ``what`` they do, for the history), then apply them in memory.

        Each operation is stamped later than the version it replaces (see :func:`.sync.merge.restamp`),
        unless ``stamps`` gives each one's stamp (changes folded in from elsewhere keep theirs).
        """
        if self.read_only:
            raise StorageError(f"{self.path} was opened only to read it; nothing was written.")
        undoes = list(undoes)
        self._chores()

        def extra() -> dict[str, Any]:
            # Under the write lock, after catching up: what each operation replaces, as it is now.
            known = self.file.entries_loaded
            before = [self._tables[t].get(rid) if known or t not in ENTRY_TABLES else None
                      for _, t, rid, _ in ops]
            info: dict[str, Any] = {"at": now_utc().isoformat(), "from": "app" if self.app else "shell",
                                    "what": what or _what_of(ops), "before": before}
            if kind != "change":
                info["kind"] = kind
                info["undoes"] = undoes
            given = restamp(ops, self._tables, self.file.marks, now_utc()) if stamps is None else stamps
            if given and any(given):
                info["v"] = given
            return info

        with self._lock:
            self.load_head()  # the change log's numbering continues the head's
            for _attempt in range(3):
                if self.file.head_missing and self.peers.any():
                    self.compact()  # this device's first write: a snapshot of its own, of all it has read
                try:
                    seq = self.file.commit(ops, catch_up=self._catch_up, extra=extra)
                    break
                except WrittenElsewhereError:
                    if not self.file.retired:
                        raise
                    # The files turned out to be another device's while catching up: write this
                    # device's own instead.
            else:
                raise StorageError(f"{self.path} keeps changing under us; nothing was written. Try again.")
            self._apply_committed(ops)
        if self.file.log_size() > COMPACT_LOG_BYTES:
            try:
                self.compact()
                self.backup_if_due()
            except StorageError:
                pass  # the commit is durable in the log already
        return seq

    def _apply_committed(self, ops: list[Op]) -> None:
        """A commit that is in the change log (ours or another process's) reaches memory; operations
        on entries not read yet wait in the journal file's ``pending``."""
        with self._lock:
            self.file.apply(self._tables, ops, apply_now=self._apply_to_memory)

    def _apply_to_memory(self, ops: list[Op]) -> None:
        """The records through TinyDB's table API, then every index through ``apply``."""
        change = self._indexes.prepare(ops)
        self._db.apply(ops)
        self._indexes.apply(change)
        self.version += 1

    def _people(self, ids: list[str]) -> str:
        return people_phrase(ids, self.names_for(ids))

    def _what_put(self, record: AnyRecord, new: bool) -> str:
        return describe_put(record, new, self.names_for(getattr(record, "contact_ids", ())))

    def _put(self, record: R, *, must_exist: bool | None = None, what: str = "") -> R:
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
        self._commit([["put", table, record.id, record.to_doc()]], what or self._what_put(record, not must_exist))
        return record

    def _check_refs(self, record: AnyRecord) -> None:
        ids = getattr(record, "contact_ids", None)
        if ids:
            missing = [i for i in ids if i not in self._tables["contacts"]]
            if missing and self.refresh():  # perhaps added by another process a moment ago
                missing = [i for i in ids if i not in self._tables["contacts"]]
            if missing:
                raise ValidationError("contacts", f"unknown contact id {missing[0]}")

    def add_contact(self, contact: Contact) -> Contact:
        return self._put(contact)

    def update_contact(self, contact: Contact) -> Contact:
        return self._put(replace(contact, updated=now_utc()), must_exist=True)

    def add_interaction(self, interaction: Interaction) -> Interaction:
        return self._put(interaction)

    def update_interaction(self, interaction: Interaction) -> Interaction:
        return self._put(replace(interaction, updated=now_utc()), must_exist=True)

    def add_act(self, act: HelpfulAct) -> HelpfulAct:
        return self._put(act)

    def update_act(self, act: HelpfulAct) -> HelpfulAct:
        return self._put(replace(act, updated=now_utc()), must_exist=True)

    def save_audit(self, audit: WeeklyAudit) -> WeeklyAudit:
        """Insert or replace the audit for its week (one audit per week)."""
        existing = self.audit_for(audit.week)
        if existing is not None and existing.id != audit.id:
            audit = replace(audit, id=existing.id, created=existing.created)
        elif existing is None:
            # The week's own id, so two devices auditing the same week write one record.
            audit = replace(audit, id=f"audit-{audit.week}")
        audit = replace(audit, updated=now_utc())
        self._commit([["put", "audits", audit.id, audit.to_doc()]], self._what_put(audit, existing is None))
        return audit

    def delete_interaction(self, interaction_id: str) -> None:
        self._delete("interactions", interaction_id)

    def delete_act(self, act_id: str) -> None:
        self._delete("acts", act_id)

    def _delete(self, table: str, rid: str) -> None:
        if rid not in self._table(table):
            self.refresh()
        if rid not in self._table(table):
            raise ValidationError("id", f"no {table[:-1]} with id {rid}")
        doc = self._tables[table][rid]
        kind = "helpful act" if table == "acts" else doc.get("kind", "interaction")
        self._commit([["del", table, rid, None]],
                     f"Deleted the {kind} {'for' if table == 'acts' else 'with'} "
                     f"{self._people(doc['contact_ids'])} on {doc['on']}")

    def add_many(self, records: Iterable[AnyRecord], what: str = "") -> int:
        """Add or replace many records in one durable commit (imports)."""
        return self.commit_changes(records, what=what)

    def commit_changes(self, puts: Iterable[AnyRecord] = (),
                       deletes: Iterable[tuple[str, str]] = (), what: str = "") -> int:
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
        self._check_nobody_left_behind(puts, deletes, gone - new_contacts)
        ops: list[Op] = [["put", r.TABLE, r.id, r.to_doc()] for r in puts]
        ops.extend(["del", table, rid, None] for table, rid in deletes)
        if not ops:
            return 0
        if not what and puts and not deletes:
            new = {r.id for r in puts if r.id not in self._tables[r.TABLE]}
            names = self.names_for(wanted)
            names.update({r.id: r.name for r in puts if isinstance(r, Contact)})
            what = describe_many(puts, new, names)
        self._commit(ops, what)
        return len(ops)

    # ------------------------------------------------------------------ history, undo and redo

    def history(self, limit: int = 50) -> list[JournalChange]:
        """The latest changes, newest first (the app's and the shell's alike)."""
        with self._lock:
            self._ensure_entries()  # the snapshot keeps its history with the entries
            entries = self.file.history()
        undone = taken_back(entries)
        return [change_of(e, undone) for e in reversed(entries[-limit:] if limit else entries)]

    def undo(self) -> JournalChange:
        """Take back the latest change not undone yet (as a commit of its own); returns what was undone."""
        return self._take_back(redo=False)

    def redo(self) -> JournalChange:
        """Take back the latest undo, if nothing was changed since; returns what was redone."""
        return self._take_back(redo=True)

    def _take_back(self, *, redo: bool) -> JournalChange:
        if self.read_only:
            raise StorageError(f"{self.path} was opened only to read it; nothing was written.")
        with self._lock:
            self.load_head()
            self._ensure_entries()
            with self.file.acquire_write():
                state = self.file.changed_on_disk()
                if state != "none":
                    self._catch_up(state)
                    self._ensure_entries()
                entries = self.file.history()
                target = redo_target(entries) if redo else undo_target(entries)
                ops = inverse_ops(target, self._tables, entries)
                said = target["what"].removeprefix("Undid: " if redo else "Redid: ")
                seq = self._commit(ops, ("Redid: " if redo else "Undid: ") + said,
                                   kind="redo" if redo else "undo", undoes=[target["seq"]])
        return JournalChange(seq, None, "app" if self.app else "shell", said, "redo" if redo else "undo",
                             False, len(ops))

    def _check_nobody_left_behind(self, puts: list[AnyRecord], deletes: list[tuple[str, str]],
                                  gone: set[str]) -> None:
        """A contact deleted in a commit must not stay named by an entry the commit leaves in place."""
        if not gone:
            return
        handled = {(r.TABLE, r.id) for r in puts} | set(deletes)
        for table in ENTRY_TABLES:
            for cid in gone:
                for rid in self._ids_for_contact(table, cid):
                    if (table, rid) not in handled:
                        raise ValidationError("contacts", f"{table[:-1]} {rid} still names contact {cid}")

    def archive_contact(self, contact_id: str, archived: bool = True) -> Contact:
        contact = self.get_contact(contact_id)
        what = f"Archived {contact.name}" if archived else f"Brought {contact.name} back from the archive"
        return self._put(replace(contact, archived=archived, updated=now_utc()), must_exist=True, what=what)

    def delete_preview(self, contact_id: str) -> DeleteSummary:
        contact = self.get_contact(contact_id)
        counts = {"interactions": [0, 0], "acts": [0, 0]}
        for table in ENTRY_TABLES:
            for rid in self._ids_for_contact(table, contact_id):
                doc = self._tables[table][rid]
                counts[table][0 if len(doc["contact_ids"]) == 1 else 1] += 1
        return DeleteSummary(contact, counts["interactions"][0], counts["acts"][0],
                             counts["interactions"][1], counts["acts"][1])

    def delete_contact(self, contact_id: str) -> DeleteSummary:
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
        entries = len(ops) - 1
        self._commit(ops, f"Deleted {summary.contact.name}"
                          + (f" and {entries} entr{'y' if entries == 1 else 'ies'}" if entries else ""))
        return summary


def change_of(entry: dict[str, Any], undone: set[int]) -> JournalChange:
    """The read-model of one history entry."""
    from datetime import datetime

    try:
        at: datetime | None = datetime.fromisoformat(entry.get("at") or "")
    except ValueError:
        at = None
    return JournalChange(entry["seq"], at, entry.get("from", ""), entry.get("what", ""), entry.get("kind", "change"),
                         entry["seq"] in undone, len(entry.get("changes", ())))


def _what_of(ops: list[Op]) -> str:
    """A sentence for a commit its caller did not describe: how many records of which kinds."""
    puts = sum(1 for op in ops if op[0] == "put")
    dels = len(ops) - puts
    parts = [f"saved {puts} record{'s' if puts != 1 else ''}"] if puts else []
    if dels:
        parts.append(f"deleted {dels}")
    return " and ".join(parts).capitalize() or "Changed nothing"
