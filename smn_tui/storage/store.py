"""JournalStore: the one place that reads and writes the journal.

Callers hand it dataclasses from :mod:`smn_tui.domain.models` and get
dataclasses back; TinyDB documents never leave this module. Every write is
validated, appended to the change log and fsynced before it is applied in
memory, so a failed write leaves both the file and the store as they were.
"""

from __future__ import annotations

import os
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

from tinydb import Query

from ..domain.dates import Week
from ..domain.models import (
    SCHEMA_VERSION,
    Contact,
    HelpfulAct,
    Interaction,
    PlatformHandle,
    ValidationError,
    WeeklyAudit,
    normalise_platform,
    now_utc,
)
from .journal_file import (
    ENTRY_TABLES,
    HEAD_TABLES,
    TABLES,
    FirstPage,
    HeadReplacedError,
    JournalFile,
    Op,
    StorageError,
    no_gc,
    share_strings,
)
from .tinydb_tables import JournalDB

R = TypeVar("R", Contact, Interaction, HelpfulAct, WeeklyAudit)

#: Compact the change log into the snapshot once it passes this size.
COMPACT_LOG_BYTES = 4 * 1024 * 1024
#: A command-line store leaves a log smaller than this for the app (or a later run) to fold in,
#: so quick captures never rewrite the whole journal.
CLOSE_COMPACT_BYTES = 256 * 1024
#: A command-line store reads the entries to take the daily backup only below this size.
BACKUP_LOAD_BYTES = 4 * 1024 * 1024

DUE_SOON_DAYS = 3


class NameError_(LookupError):
    """Base for name resolution problems (kept distinct from the builtin)."""


class UnknownContactError(NameError_):
    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        self.name = name
        self.suggestions = suggestions or []
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"No contact called '{name}'.{hint} Add --new to create them.")


class AmbiguousContactError(NameError_):
    def __init__(self, name: str, candidates: list[Contact]) -> None:
        self.name = name
        self.candidates = candidates
        more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        if len({c.name.casefold() for c in candidates}) < len(candidates):
            # Namesakes: only an id or a handle tells them apart.
            shown = ", ".join(_who_is(c) for c in candidates[:8])
            hint = "Use the id shown (its first 8 characters are enough) or a handle instead of the name."
        else:
            shown = ", ".join(c.name for c in candidates[:8])
            hint = "Type more of the name."
        super().__init__(f"'{name}' matches several contacts: {shown}{more}. {hint}")


def _who_is(contact: Contact) -> str:
    """A name with what tells namesakes apart: the id's start and a handle."""
    handle = next((f"{p.platform} {p.handle}" for p in contact.platforms if p.handle), "")
    return f"{contact.name} (id {contact.id[:8]}{', ' + handle if handle else ''})"


@dataclass(frozen=True)
class DeleteSummary:
    """What a hard delete of a contact removes or changes."""

    contact: Contact
    interactions_removed: int
    acts_removed: int
    interactions_kept: int
    acts_kept: int

    def describe(self) -> str:
        parts = [f"'{self.contact.name}'"]
        if self.interactions_removed or self.acts_removed:
            parts.append(
                f"{self.interactions_removed} interaction(s) and {self.acts_removed} helpful act(s) "
                "that involve nobody else"
            )
        if self.interactions_kept or self.acts_kept:
            parts.append(
                f"and takes them off {self.interactions_kept} interaction(s) and {self.acts_kept} act(s) "
                "shared with others"
            )
        return "Deletes " + ", ".join(parts) + "."


@dataclass(frozen=True)
class ActTotals:
    """Sums over a set of helpful acts: how many, for how many people, minutes, count by impact."""

    acts: int
    people: int
    minutes: int
    by_impact: dict[str, int]


@dataclass(frozen=True)
class DueContact:
    """A contact with a stay-in-touch cadence and where they stand."""

    contact: Contact
    last: date | None
    due: date
    days_overdue: int  # negative: days left

    @property
    def status(self) -> str:
        if self.days_overdue > 0:
            return "overdue"
        if self.days_overdue >= -DUE_SOON_DAYS:
            return "due"
        return "ok"


def _trusted(cls: type[R], doc: dict[str, Any]) -> R:
    """Build a record from a document the store validated when it was written.

    Skips validation (30,000 contacts must turn into rows quickly) but keeps
    the same types the constructor would give.
    """
    obj = object.__new__(cls)
    d = obj.__dict__
    d.update(doc)
    for key in ("created", "updated", "completed"):
        v = d.get(key)
        if isinstance(v, str):
            d[key] = datetime.fromisoformat(v)
    for key in ("on", "birthday"):
        v = d.get(key)
        if isinstance(v, str):
            d[key] = date.fromisoformat(v)
    if cls is Contact:
        d["platforms"] = [PlatformHandle(p, h) for p, h in doc.get("platforms", ())]
        d["tags"] = list(doc.get("tags", ()))
    elif cls is Interaction:
        at = d.get("at")
        if isinstance(at, str):
            from datetime import time as _time

            d["at"] = _time.fromisoformat(at)
        d["contact_ids"] = list(doc["contact_ids"])
    elif cls is HelpfulAct:
        d["contact_ids"] = list(doc["contact_ids"])
    elif cls is WeeklyAudit:
        d["answers"] = dict(doc.get("answers", {}))
    return obj


_TYPES: dict[str, type] = {
    "contacts": Contact,
    "interactions": Interaction,
    "acts": HelpfulAct,
    "audits": WeeklyAudit,
}


#: What a store has only once it read the head (see ``JournalStore.__getattr__``).
_HEAD_ATTRS = frozenset({"_tables", "_db", "meta"})


class JournalStore:
    """All journal reads and writes. Open with a path; close when done."""

    def __init__(self, path: Path | str, *, app: bool = False, create: bool = True,
                 read_only: bool = False) -> None:
        self.file = JournalFile(path)
        #: Only reads: never migrates, compacts, backs up or writes (``smn due``, ``week``, ``export``...).
        self.read_only = read_only
        #: Backups taken before this store brought the journal up to date (see :mod:`.migrations`).
        self.migration_backups: list[Path] = []
        self.path = self.file.path
        self.warnings: list[str] = []
        self.version = 0  # bumps on every change, ours or another process's
        # The app reads the entries on a background thread while the first screen shows
        # (see prepare()); loading, indexing and writing take turns under this lock.
        self._lock = threading.RLock()
        self._index_ready = False
        self.app = app
        self._head_shared = True
        #: With the app, the contacts list's first screen from the names index while the head
        #: is not read yet (see :meth:`first_page`); None once it is.
        self._first_page: FirstPage | None = None
        if app:
            self.file.claim_app()
        try:
            if not self.file.exists and not create:
                raise StorageError(f"There is no journal at {self.path}.")
            if app and self._head_bytes() > self.FIRST_PAGE_HEAD_BYTES:
                self._first_page = self.file.read_first_page()
            if self._first_page is None:
                self._load()
        except BaseException:
            self.file.release_app()
            raise

    def __getattr__(self, name: str) -> Any:
        # Reached only for attributes not set yet: the head's tables while the app's
        # store has not read the head. Whatever needs them reads it now.
        if name in _HEAD_ATTRS and self.__dict__.get("_first_page") is not None:
            self.load_head()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _head_bytes(self) -> int:
        try:
            return os.stat(self.path).st_size
        except OSError:
            return 0

    def first_page(self) -> FirstPage | None:
        """The contacts list's first screen while the head is not read yet, else None."""
        return self._first_page

    @property
    def head_loaded(self) -> bool:
        return self._first_page is None

    def load_head(self) -> None:
        """Read the head (contacts, audits) and the change log, if not done yet."""
        with self._lock:
            if self._first_page is not None:
                self._load()

    # ------------------------------------------------------------------ life

    def _load(self) -> None:
        from .migrations import migrate_in_memory, migrate_loaded

        # Sharing repeated strings saves memory in a long-lived app, but costs a third more
        # time to open: the app does it in prepare(), after its first screen shows.
        self.file.share_head = False
        self._head_shared = not self.app
        self.file.long_lived = self.app
        result = self.file.load(entries=False)
        self.warnings.extend(result.warnings)
        self._tables = result.tables
        for name in TABLES:
            self._tables.setdefault(name, {})
        self.meta = result.meta
        if int(self.meta.get("schema", 1)) < SCHEMA_VERSION:
            if self.read_only:
                self._tables = migrate_in_memory(self._tables, self.meta, self.warnings, self.path)
            else:
                migrate_loaded(self)
        self._db = JournalDB(self._tables)
        self._index_ready = False
        self._contact_text = None
        self._act_sums = None
        self._first_page = None  # whichever way the head was read (a write's catch-up reads it too)
        self.version += 1

    def close(self) -> None:
        """Fold the change log into the snapshot if it grew, and let go of the journal."""
        if self.read_only:
            return
        try:
            size = self.file.log_size()
            if size > CLOSE_COMPACT_BYTES or (self.app and self.file.unfolded_commits() > 0):
                self.compact()
            self.backup_if_due()
        except StorageError:
            pass  # the log is durable; compaction and backups can wait for the next open
        finally:
            self.file.release_app()

    def backup_if_due(self) -> Path | None:
        """Take the daily backup if the newest one is a day old (needs every table in memory)."""
        from .backups import backup_due, take_backup

        if not self.file.exists or not backup_due(self.file):
            return None
        self.load_head()
        if not self.file.entries_loaded:
            # A quick capture reads the entries only for a small journal; the app
            # (which has them in memory) takes the backup of a big one.
            epath = self.file.entries_path()
            try:
                small = epath is None or epath.stat().st_size <= BACKUP_LOAD_BYTES
            except OSError:
                small = False
            if not small:
                return None
            self._ensure_entries()
        return take_backup(self.file, self._tables, self.meta)

    def __enter__(self) -> JournalStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def compact(self) -> None:
        """Write a fresh snapshot and empty the change log (atomic, crash-safe)."""
        if self.read_only:
            raise StorageError(f"{self.path} was opened only to read it; nothing was written.")
        if self.file.compact(self._tables, self.meta, catch_up=self._caught_up):
            self.meta = self.file.meta

    def _caught_up(self, state: str):
        self._catch_up(state)
        self._ensure_entries()
        return self._tables, self.meta

    def refresh(self) -> bool:
        """Pick up what other processes wrote. Returns True when anything changed."""
        if self._first_page is not None:
            return False  # reading the head will read all of it
        # A write running on another thread (an import) holds the lock: its changes are
        # ours, and anything else written meanwhile is picked up by the next refresh.
        if not self._lock.acquire(blocking=False):
            return False
        try:
            state = self.file.changed_on_disk()
            if state == "none":
                return False
            self._catch_up(state)
            return True
        finally:
            self._lock.release()

    def _catch_up(self, state: str) -> None:
        if state == "reload":
            had_entries = self.file.entries_loaded
            self._load()
            if had_entries:
                self._ensure_entries()
        else:
            n, warnings = self.file.read_tail(self._tables)
            self.warnings.extend(warnings)
            self._db.clear_caches()
            self._index_ready = False
            self._contact_text = None
            self._act_sums = None
            self.version += 1

    # ------------------------------------------------------------------ writes

    def _commit(self, ops: list[Op]) -> None:
        """Durably append ``ops``, then apply them in memory."""
        if self.read_only:
            raise StorageError(f"{self.path} was opened only to read it; nothing was written.")
        with self._lock:
            self.load_head()  # the change log's numbering continues the head's
            self.file.commit(ops, catch_up=self._catch_up)
            self._apply_local(ops)
        if self.file.log_size() > COMPACT_LOG_BYTES:
            try:
                self.compact()
                self.backup_if_due()
            except StorageError:
                pass  # the commit is durable in the log already

    def _apply_local(self, ops: list[Op]) -> None:
        due_before = self._due_rows_of(ops)
        sums = self._act_sums
        if sums is not None:
            touched = {rid for _, table, rid, _ in ops if table == "acts"}
            acts = self._tables.get("acts", {})
            for rid in touched:
                if rid in acts:
                    _add_act(sums, acts[rid], -1)
        if self._index_ready:
            for op, table, rid, doc in ops:
                if table in ENTRY_TABLES:
                    self._unindex(table, rid)
        self.file.apply(self._tables, ops)
        if self._index_ready:
            for op, table, rid, doc in ops:
                if table in ENTRY_TABLES and op == "put":
                    self._index(table, rid, doc)
        if self._contact_text is not None:
            for op, table, rid, doc in ops:
                if table == "contacts":
                    if op == "put":
                        self._contact_text[rid] = _search_text(doc)
                    else:
                        self._contact_text.pop(rid, None)
        if sums is not None:
            acts = self._tables.get("acts", {})
            for rid in touched:
                if rid in acts:
                    _add_act(sums, acts[rid], 1)
        self._db.clear_caches()
        self.version += 1
        if due_before is not None:
            self._update_due_order(due_before, self.version)

    def _put(self, record: R, *, must_exist: bool | None = None) -> R:
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

    def _check_refs(self, record: Any) -> None:
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
        audit = replace(audit, updated=now_utc())
        self._commit([["put", "audits", audit.id, audit.to_doc()]])
        return audit

    def delete_interaction(self, interaction_id: str) -> None:
        self._delete("interactions", interaction_id)

    def delete_act(self, act_id: str) -> None:
        self._delete("acts", act_id)

    def delete_audit(self, audit_id: str) -> None:
        self._delete("audits", audit_id)

    def _delete(self, table: str, rid: str) -> None:
        if rid not in self._table(table) and self.refresh():
            pass
        if rid not in self._table(table):
            raise ValidationError("id", f"no {table[:-1]} with id {rid}")
        self._commit([["del", table, rid, None]])

    def add_many(self, records: Iterable[Any]) -> int:
        """Add or replace many records in one durable commit (imports)."""
        ops: list[Op] = []
        pending_contacts = set()
        records = list(records)
        wanted = {i for r in records for i in (getattr(r, "contact_ids", None) or [])}
        if any(i not in self._tables["contacts"] for i in wanted):
            self.refresh()
        for r in records:
            if isinstance(r, Contact):
                pending_contacts.add(r.id)
            else:
                ids = getattr(r, "contact_ids", None) or []
                contacts = self._tables["contacts"]
                for i in ids:
                    if i not in contacts and i not in pending_contacts:
                        raise ValidationError("contacts", f"unknown contact id {i}")
            ops.append(["put", r.TABLE, r.id, r.to_doc()])
        if not ops:
            return 0
        self._commit(ops)
        return len(ops)

    def archive_contact(self, contact_id: str, archived: bool = True) -> Contact:
        contact = self.get_contact(contact_id)
        return self.update_contact(replace(contact, archived=archived))

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
        self._commit(ops)
        return summary

    # ------------------------------------------------------------------ reads

    def _table(self, name: str) -> dict[str, dict[str, Any]]:
        if name in ENTRY_TABLES:
            self._ensure_entries()
        return self._tables[name]

    def _ensure_entries(self) -> None:
        if self.file.entries_loaded:
            return
        with self._lock:
            self._load_entries()

    def _load_entries(self) -> None:
        for _attempt in range(5):
            if self.file.entries_loaded:
                return
            try:
                self.file.load_entries(self._tables)
                self._db.clear_caches()
                return
            except HeadReplacedError:
                # Another process compacted twice since we read the head: start over.
                self._load()
        raise StorageError(f"{self.path} keeps changing under us; try again in a moment.")

    def _records(self, table: str, ids: Iterable[str]) -> list[Any]:
        docs = self._table(table)
        cls = _TYPES[table]
        return [_trusted(cls, docs[i]) for i in ids if i in docs]

    def get_contact(self, contact_id: str) -> Contact:
        doc = self._db.table("contacts").get(doc_id=contact_id)
        if doc is None:
            raise ValidationError("contact", f"no contact with id {contact_id}")
        return _trusted(Contact, dict(doc))

    def get_interaction(self, interaction_id: str) -> Interaction:
        return self._get("interactions", interaction_id)

    def get_act(self, act_id: str) -> HelpfulAct:
        return self._get("acts", act_id)

    def _get(self, table: str, rid: str) -> Any:
        doc = self._table(table).get(rid)
        if doc is None:
            raise ValidationError(table[:-1], f"no {table[:-1]} with id {rid}")
        return _trusted(_TYPES[table], doc)

    def count(self, table: str) -> int:
        return len(self._table(table))

    def contacts(self, *, include_archived: bool = False) -> list[Contact]:
        docs = self._tables["contacts"]
        return [_trusted(Contact, d) for d in docs.values() if include_archived or not d.get("archived")]

    def contact_docs(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Raw (id, document) pairs for read-only bulk views; do not mutate."""
        return iter(self._tables["contacts"].items())

    def contact_names(self) -> dict[str, str]:
        return {cid: d["name"] for cid, d in self._tables["contacts"].items()}

    def contacts_by_tag(self, tag: str) -> list[Contact]:
        tag = tag.strip().lstrip("#").lower()
        docs = self._db.table("contacts").search(Query().tags.any([tag]))
        return [_trusted(Contact, dict(d)) for d in docs]

    def contacts_by_platform(self, platform: str) -> list[Contact]:
        platform = normalise_platform(platform)
        docs = self._db.table("contacts").search(
            Query().platforms.test(lambda ps: any(p[0] == platform for p in ps))
        )
        return [_trusted(Contact, dict(d)) for d in docs]

    def contacts_by_handle(self, handle: str, platform: str | None = None) -> list[Contact]:
        want = _norm_handle(handle)
        plat = normalise_platform(platform) if platform else None
        docs = self._db.table("contacts").search(
            Query().platforms.test(
                lambda ps: any(_norm_handle(h) == want and (plat is None or p == plat) for p, h in ps)
            )
        )
        return [_trusted(Contact, dict(d)) for d in docs]

    _contact_text: dict[str, str] | None = None

    def find_contacts(self, text: str, *, include_archived: bool = False) -> list[Contact]:
        """Contacts whose name, handle, tag or platform contains ``text`` (any case)."""
        needle = text.strip().lower()
        index = self.contact_search_index()
        docs = self._tables["contacts"]
        out = []
        for cid, hay in index.items():
            if needle in hay:
                d = docs[cid]
                if include_archived or not d.get("archived"):
                    out.append(_trusted(Contact, d))
        return out

    def contact_search_index(self) -> dict[str, str]:
        """id -> lower-case text of name, handles, tags and platforms (kept up to date)."""
        if self._contact_text is None:
            self._contact_text = {cid: _search_text(d) for cid, d in self._tables["contacts"].items()}
        return self._contact_text

    def resolve_name(self, name: str) -> Contact:
        """One contact for a typed name: its id, the exact name, any case, a unique prefix or
        substring, and last one of their handles."""
        docs = self._tables["contacts"]
        return _trusted(Contact, docs[resolve_contact(docs, name)])

    def tags(self) -> dict[str, int]:
        """Every tag in use with how many contacts carry it, most used first."""
        counts: dict[str, int] = defaultdict(int)
        for d in self._tables["contacts"].values():
            for t in d.get("tags", ()):
                counts[t] += 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    # ------------------------------------------------------------------ entry indexes

    # Two indexes over the entries, each built on first use: by day (week views)
    # and by contact (a person's timeline, counts, last contact). Lists, not
    # sets: a third of the memory, and an entry is in each list once (contact
    # ids are unique within a record; _apply_local unindexes before re-indexing).
    _day_ready = False
    _contact_ready = False

    @property
    def _index_ready(self) -> bool:
        return self._day_ready or self._contact_ready

    @_index_ready.setter
    def _index_ready(self, value: bool) -> None:
        if not value:
            self._day_ready = self._contact_ready = False

    def _ensure_index(self) -> None:
        self._ensure_day_index()
        self._ensure_contact_index()

    def _ensure_day_index(self) -> None:
        if self._day_ready:
            return
        with self._lock:
            if not self._day_ready:
                self._build_day_index()

    def _build_day_index(self) -> None:
        self._ensure_entries()
        with no_gc(self.app):
            self._by_day: dict[str, dict[str, list[str]]] = {t: defaultdict(list) for t in ENTRY_TABLES}
            for table in ENTRY_TABLES:
                by_day = self._by_day[table]
                for rid, doc in self._tables[table].items():
                    by_day[doc["on"]].append(rid)
        self._day_ready = True

    def _ensure_contact_index(self) -> None:
        if self._contact_ready:
            return
        with self._lock:
            if not self._contact_ready:
                self._build_contact_index()

    def _build_contact_index(self) -> None:
        self._ensure_entries()
        with no_gc(self.app):
            self._by_contact: dict[str, dict[str, list[str]]] = {t: defaultdict(list) for t in ENTRY_TABLES}
            for table in ENTRY_TABLES:
                by_contact = self._by_contact[table]
                for rid, doc in self._tables[table].items():
                    for c in doc["contact_ids"]:
                        by_contact[c].append(rid)
        self._last: dict[str, str] | None = None
        self._contact_ready = True

    def _index(self, table: str, rid: str, doc: dict[str, Any]) -> None:
        if self._day_ready:
            self._by_day[table][doc["on"]].append(rid)
        if self._contact_ready:
            for c in doc["contact_ids"]:
                self._by_contact[table][c].append(rid)
                if self._last is not None and doc["on"] > self._last.get(c, ""):
                    self._last[c] = doc["on"]

    def _unindex(self, table: str, rid: str) -> None:
        doc = self._tables[table].get(rid)
        if doc is None:
            return
        if self._day_ready:
            _discard(self._by_day[table].get(doc["on"]), rid)
        if self._contact_ready:
            for c in doc["contact_ids"]:
                _discard(self._by_contact[table].get(c), rid)
            if self._last is not None:
                for c in doc["contact_ids"]:
                    if self._last.get(c) == doc["on"]:
                        self._recompute_last(c)

    def _recompute_last(self, contact_id: str) -> None:
        """The latest date with one contact, from their own entries only (after a removal)."""
        best = ""
        for table in ENTRY_TABLES:
            docs = self._tables[table]
            for rid in self._by_contact[table].get(contact_id, ()):
                on = docs[rid]["on"]
                if on > best:
                    best = on
        if best:
            self._last[contact_id] = best
        else:
            self._last.pop(contact_id, None)

    def _ids_for_contact(self, table: str, contact_id: str) -> set[str]:
        self._ensure_contact_index()
        return set(self._by_contact[table].get(contact_id, ()))

    def _ids_between(self, table: str, start: date, end: date) -> list[str]:
        self._ensure_day_index()
        by_day = self._by_day[table]
        out: list[str] = []
        day = start
        while day <= end:
            out.extend(by_day.get(day.isoformat(), ()))
            day += timedelta(days=1)
        return out

    def interactions_between(self, start: date, end: date) -> list[Interaction]:
        items = self._records("interactions", self._ids_between("interactions", start, end))
        return sorted(items, key=lambda r: (r.on, r.at or datetime.min.time(), r.created), reverse=True)

    def acts_between(self, start: date, end: date) -> list[HelpfulAct]:
        items = self._records("acts", self._ids_between("acts", start, end))
        return sorted(items, key=lambda r: (r.on, r.created), reverse=True)

    def interactions_in(self, week: Week) -> list[Interaction]:
        return self.interactions_between(week.start, week.end)

    def acts_in(self, week: Week) -> list[HelpfulAct]:
        return self.acts_between(week.start, week.end)

    def count_between(self, table: str, start: date, end: date) -> int:
        return len(self._ids_between(table, start, end))

    def all_act_ids_newest_first(self) -> list[str]:
        """Every act id, newest date first (for views that page through all weeks)."""
        self._ensure_day_index()
        out: list[str] = []
        for day in sorted(self._by_day["acts"], reverse=True):
            out.extend(sorted(self._by_day["acts"][day]))
        return out

    def acts_by_ids(self, ids: Iterable[str]) -> list[HelpfulAct]:
        return self._records("acts", ids)

    def scan_acts(self, ids: Iterable[str], *, people: set[str] | None = None, kind: str | None = None,
                  words: Iterable[str] = ()) -> tuple[list[str], ActTotals]:
        """The acts among ``ids`` (order kept) for any of ``people``, of ``kind``, whose note,
        outcome or platform holds every word; with totals. One pass, no records built."""
        docs = self._table("acts")
        words = [w.casefold() for w in words if w]
        out: list[str] = []
        helped: set[str] = set()
        minutes = 0
        impacts: dict[str, int] = defaultdict(int)
        for rid in ids:
            d = docs.get(rid)
            if d is None:
                continue
            if kind and d.get("kind") != kind:
                continue
            if people is not None and people.isdisjoint(d["contact_ids"]):
                continue
            if words:
                hay = f"{d.get('note', '')} {d.get('outcome', '')} {d.get('platform', '')}".casefold()
                if not all(w in hay for w in words):
                    continue
            out.append(rid)
            helped.update(d["contact_ids"])
            minutes += d.get("minutes") or 0
            impacts[d.get("impact", "day")] += 1
        return out, ActTotals(len(out), len(helped), minutes, dict(impacts))

    #: [minutes, {impact: count}] over every act, kept up to date by each write once built.
    _act_sums: list | None = None

    def all_act_totals(self) -> ActTotals:
        """What :meth:`scan_acts` totals for every act with no filter, without a scan after the first."""
        self._ensure_contact_index()
        if self._act_sums is None:
            with self._lock:
                sums: list = [0, defaultdict(int)]
                for d in self._tables["acts"].values():
                    _add_act(sums, d, 1)
                self._act_sums = sums
        minutes, impacts = self._act_sums
        people = sum(1 for ids in self._by_contact["acts"].values() if ids)
        return ActTotals(len(self._tables["acts"]), people, minutes,
                         {k: v for k, v in impacts.items() if v})

    def interactions_for(self, contact_id: str) -> list[Interaction]:
        items = self._records("interactions", self._ids_for_contact("interactions", contact_id))
        return sorted(items, key=lambda r: (r.on, r.created), reverse=True)

    def acts_for(self, contact_id: str) -> list[HelpfulAct]:
        items = self._records("acts", self._ids_for_contact("acts", contact_id))
        return sorted(items, key=lambda r: (r.on, r.created), reverse=True)

    def timeline(self, contact_id: str) -> list[Interaction | HelpfulAct]:
        """Everything with one contact, newest first."""
        items: list[Interaction | HelpfulAct] = [*self.interactions_for(contact_id), *self.acts_for(contact_id)]
        return sorted(items, key=lambda r: (r.on, r.created), reverse=True)

    def act_counts(self) -> dict[str, int]:
        """contact id -> number of helpful acts for them."""
        self._ensure_contact_index()
        return {c: len(ids) for c, ids in self._by_contact["acts"].items() if ids}

    def interaction_counts(self) -> dict[str, int]:
        self._ensure_contact_index()
        return {c: len(ids) for c, ids in self._by_contact["interactions"].items() if ids}

    def last_contact_dates(self) -> dict[str, date]:
        """contact id -> date of the latest interaction or act with them."""
        self._ensure_contact_index()
        if self._last is None:
            with self._lock:
                self._build_last()
        return {c: date.fromisoformat(d) for c, d in self._last.items()}

    def contact_figures(self) -> tuple[Mapping[str, str], Mapping[str, list[str]]]:
        """Live views for a list of everyone: contact id -> ISO date of the latest interaction
        or act with them, and contact id -> ids of the acts for them.

        Read-only, and valid until the next change: a screen can compare them row by
        row without the store building 30,000 dates or counts.
        """
        self._ensure_contact_index()
        if self._last is None:
            with self._lock:
                self._build_last()
        return self._last, self._by_contact["acts"]

    def _build_last(self) -> None:
        if self._last is None:
            last: dict[str, str] = {}
            for table in ENTRY_TABLES:
                docs = self._tables[table]
                for c, ids in self._by_contact[table].items():
                    best = last.get(c, "")
                    for rid in ids:
                        on = docs[rid]["on"]
                        if on > best:
                            best = on
                    if best:
                        last[c] = best
            self._last = last

    def last_contact(self, contact_id: str) -> date | None:
        self._ensure_contact_index()
        if self._last is None:
            with self._lock:
                self._build_last()
        v = self._last.get(contact_id) if self._last else None
        return date.fromisoformat(v) if v else None

    #: Below this size the entries are read where first needed; above, :meth:`prepare` reads them.
    QUICK_ENTRIES_BYTES = 1024 * 1024
    #: The app shows its first screen from the names index before reading a head bigger than this
    #: (about 2,500 contacts); a smaller one takes no noticeable time to read.
    FIRST_PAGE_HEAD_BYTES = 1024 * 1024

    def entries_ready(self) -> bool:
        """True when per-contact figures (last contact, counts) need no loading or indexing."""
        return self.file.entries_loaded and self._contact_ready and getattr(self, "_last", None) is not None

    def entries_quick(self) -> bool:
        """True when reading the entries takes no noticeable time (loaded already, or a small file)."""
        if self.file.entries_loaded:
            return True
        if self._first_page is not None:
            return False  # a first page is kept only for a big journal, and the head is not read yet
        epath = self.file.entries_path()
        try:
            return epath is None or epath.stat().st_size <= self.QUICK_ENTRIES_BYTES
        except OSError:
            return True

    def prepare(self) -> None:
        """Read the entries and build every index the screens use.

        Safe to run on a background thread while the first screen shows: other
        calls that need the entries wait for it, and writes take turns with it.
        """
        self._share_head()
        self._ensure_entries()
        self._ensure_contact_index()
        self.last_contact(next(iter(self._tables["contacts"]), ""))
        self._ensure_day_index()
        self.all_act_totals()
        self.contact_search_index()

    def _share_head(self) -> None:
        """Make the contacts' and audits' repeated strings one object each (memory; values unchanged)."""
        if self._head_shared:
            return
        with self._lock, no_gc(self.app):
            share_strings(self._tables, HEAD_TABLES)
            self._head_shared = True

    def prepare_steps(self, step: int = 5000) -> Iterator[None]:
        """:meth:`prepare` in small pieces of work (a few milliseconds each), for an event loop.

        Each ``yield`` is a pause where anything may run, writes included; work
        that a change made stale is dropped, and whatever is left is done in
        one go at the end.
        """
        if self._first_page is not None:
            self.load_head()
            yield
        if not self._head_shared:
            self._share_head()
            yield
        tables = self._tables
        version = self.version
        if not self.file.entries_loaded:
            yield from self.file.load_entries_steps(tables)
            if self._tables is tables and self.file.entries_loaded:
                self._db.clear_caches()
                version = self.version
        if self.file.entries_loaded and self._tables is tables and self.version == version:
            yield from self._index_steps(step)
        self.prepare()

    def _index_steps(self, step: int) -> Iterator[None]:
        """Build the contact index (with last contact dates) and the day index, pausing between pieces."""
        version = self.version
        if not self._contact_ready:
            by_contact: dict[str, dict[str, list[str]]] = {t: defaultdict(list) for t in ENTRY_TABLES}
            last: dict[str, str] = {}
            for table in ENTRY_TABLES:
                items = list(self._tables[table].items())
                index = by_contact[table]
                for start in range(0, len(items), step):
                    with no_gc(self.app):
                        for rid, doc in items[start:start + step]:
                            on = doc["on"]
                            for c in doc["contact_ids"]:
                                index[c].append(rid)
                                if on > last.get(c, ""):
                                    last[c] = on
                    yield
                    if self.version != version or self._contact_ready:
                        return
            self._by_contact = by_contact
            self._last = last
            self._contact_ready = True
        if not self._day_ready:
            by_day: dict[str, dict[str, list[str]]] = {t: defaultdict(list) for t in ENTRY_TABLES}
            for table in ENTRY_TABLES:
                items = list(self._tables[table].items())
                index = by_day[table]
                for start in range(0, len(items), step):
                    with no_gc(self.app):
                        for rid, doc in items[start:start + step]:
                            index[doc["on"]].append(rid)
                    yield
                    if self.version != version or self._day_ready:
                        return
            self._by_day = by_day
            self._day_ready = True
        if self._contact_text is None:
            text: dict[str, str] = {}
            items = list(self._tables["contacts"].items())
            for start in range(0, len(items), step):
                with no_gc(self.app):
                    for cid, doc in items[start:start + step]:
                        text[cid] = _search_text(doc)
                yield
                if self.version != version or self._contact_text is not None:
                    return
            self._contact_text = text

    def due_contacts(self, today: date, *, include_ok: bool = False) -> list[DueContact]:
        """Contacts with a cadence, most overdue first. Without a last contact, due from when they were added."""
        last = self.last_contact_dates()
        out: list[DueContact] = []
        for cid, d in self._tables["contacts"].items():
            cadence = d.get("cadence_days")
            if not cadence or d.get("archived"):
                continue
            seen = last.get(cid)
            base = seen or datetime.fromisoformat(d["created"]).date()
            due = base + timedelta(days=cadence)
            overdue = (today - due).days
            item = DueContact(_trusted(Contact, d), seen, due, overdue)
            if include_ok or item.status != "ok":
                out.append(item)
        out.sort(key=lambda x: (-x.days_overdue, x.contact.name.casefold()))
        return out

    def multi_platform_share(self) -> tuple[int, int]:
        """(contacts known on two or more platforms, active contacts)."""
        multi = total = 0
        for d in self._tables["contacts"].values():
            if d.get("archived"):
                continue
            total += 1
            if len({p for p, _ in d.get("platforms", ())}) >= 2:
                multi += 1
        return multi, total

    def audit_for(self, week_key: str) -> WeeklyAudit | None:
        for d in self._tables["audits"].values():
            if d["week"] == week_key:
                return _trusted(WeeklyAudit, d)
        return None

    def audits(self) -> list[WeeklyAudit]:
        items = [_trusted(WeeklyAudit, d) for d in self._tables["audits"].values()]
        return sorted(items, key=lambda a: a.week)

    # ------------------------------------------------------------------ whole journal

    def export_tables(self) -> dict[str, dict[str, dict[str, Any]]]:
        """A deep-enough copy of every table, for exports and backups."""
        self._ensure_entries()
        return {name: {rid: dict(doc) for rid, doc in self._tables[name].items()} for name in TABLES}

    def stats(self) -> dict[str, int]:
        return {name: self.count(name) for name in TABLES}

    # ------------------------------------------------------------------ review queries
    # Cheap reads for the weekly review (trends, losing touch) at 100,000 entries.

    def names_for(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> name for just ``ids`` (unknown ids left out): cheaper than contact_names()."""
        docs = self._tables["contacts"]
        return {cid: docs[cid]["name"] for cid in ids if cid in docs}

    def entry_facts_between(self, table: str, start: date, end: date) -> list[tuple[date, tuple[str, ...], bool]]:
        """(date, contact ids, real) of every interaction or act between ``start`` and ``end``.

        From the day index, without building records: for counting over many
        weeks (trends). Acts are always ``real``.
        """
        docs = self._table(table)
        out = []
        for rid in self._ids_between(table, start, end):
            d = docs[rid]
            out.append((date.fromisoformat(d["on"]), tuple(d["contact_ids"]), d.get("real", True)))
        return out

    _due_order: tuple[int, list[tuple[int, str, str]]] | None = None

    def due_ranked(self, today: date, limit: int) -> tuple[list[DueContact], set[str]]:
        """The ``limit`` first of :meth:`due_contacts` (same order), and the ids of all of them.

        For views that show the most overdue few of thousands: the contacts
        with a cadence are kept sorted by due date until the journal changes,
        and only the ``limit`` shown become records.
        """
        import bisect

        if self._due_order is None or self._due_order[0] != self.version:
            self._ensure_index()
            if self._last is None:
                self.last_contact_dates()
            docs = self._tables["contacts"]
            rows = []
            for cid, d in docs.items():
                row = self._due_row(cid, d)
                if row is not None:
                    rows.append(row)
            rows.sort()
            self._due_order = (self.version, rows)
        rows = self._due_order[1]
        today_ord = today.toordinal()
        # status is not "ok" when days_overdue >= -DUE_SOON_DAYS, i.e. due <= today + DUE_SOON_DAYS
        end = bisect.bisect_right(rows, (today_ord + DUE_SOON_DAYS, "\U0010ffff"))
        docs = self._tables["contacts"]
        last = self._last or {}
        out = []
        for due_ord, _, cid in rows[:min(limit, end)]:
            seen = last.get(cid)
            out.append(DueContact(_trusted(Contact, docs[cid]), date.fromisoformat(seen) if seen else None,
                                  date.fromordinal(due_ord), today_ord - due_ord))
        return out, {cid for _, _, cid in rows[:end]}

    def _due_row(self, cid: str, d: dict[str, Any] | None) -> tuple[int, str, str] | None:
        if d is None:
            return None
        cadence = d.get("cadence_days")
        if not cadence or d.get("archived"):
            return None
        base = (self._last or {}).get(cid) or d["created"][:10]
        return (date.fromisoformat(base).toordinal() + cadence, d["name"].casefold(), cid)

    def _due_rows_of(self, ops: list[Op]) -> dict[str, tuple[int, str, str] | None] | None:
        """Before ``ops`` apply: the due-order rows of the contacts they touch (None: rebuild)."""
        if self._due_order is None or self._due_order[0] != self.version or self._last is None:
            return None
        touched: set[str] = set()
        for op, table, rid, doc in ops:
            if table == "contacts":
                touched.add(rid)
            elif table in ENTRY_TABLES:
                old = self._tables[table].get(rid)
                if old is not None:
                    touched.update(old["contact_ids"])
                if doc is not None:
                    touched.update(doc["contact_ids"])
        if len(touched) > 200:  # an import: cheaper to sort afresh
            return None
        docs = self._tables["contacts"]
        return {cid: self._due_row(cid, docs.get(cid)) for cid in touched}

    def _update_due_order(self, before: dict[str, tuple[int, str, str] | None], version: int) -> None:
        """Move the touched contacts to their new place in the due order (no full rescan after a write)."""
        import bisect

        if self._due_order is None or self._last is None:
            return
        rows = self._due_order[1]
        docs = self._tables["contacts"]
        for cid, old in before.items():
            if old is not None:
                i = bisect.bisect_left(rows, old)
                if i < len(rows) and rows[i] == old:
                    del rows[i]
            new = self._due_row(cid, docs.get(cid))
            if new is not None:
                bisect.insort(rows, new)
        self._due_order = (version, rows)


def _add_act(sums: list, doc: dict[str, Any], sign: int) -> None:
    sums[0] += sign * (doc.get("minutes") or 0)
    sums[1][doc.get("impact", "day")] += sign


def _discard(ids: list[str] | None, rid: str) -> None:
    if ids:
        try:
            ids.remove(rid)
        except ValueError:
            pass


def resolve_contact(docs: dict[str, dict[str, Any]], name: str) -> str:
    """The id of the one contact ``name`` means, among contact documents ``docs``.

    In order: a contact id or a unique start of one (6+ characters); the exact
    name (active contacts first); the name in any case; a unique start of the
    name, of a word in it, or a part of it; one of their handles. Raises
    :class:`AmbiguousContactError` or :class:`UnknownContactError`.
    """
    wanted = " ".join(name.split())
    if not wanted:
        raise UnknownContactError(name)
    if wanted in docs:
        return wanted
    low_id = wanted.lower()
    if len(low_id) >= 6 and all(ch in "0123456789abcdef" for ch in low_id):
        hits = [cid for cid in docs if cid.startswith(low_id)]
        if len(hits) == 1:
            return hits[0]

    def ambiguous(ids: list[str]) -> AmbiguousContactError:
        return AmbiguousContactError(name, [_trusted(Contact, docs[c]) for c in ids])

    # The usual case first, in one pass: exactly one active contact of that very name.
    exact = [cid for cid, d in docs.items() if d["name"] == wanted and not d.get("archived")]
    if len(exact) == 1:
        return exact[0]
    active = [(cid, d) for cid, d in docs.items() if not d.get("archived")]
    for pool in (active, list(docs.items())):
        exact = [cid for cid, d in pool if d["name"] == wanted]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise ambiguous(exact)
        low = wanted.casefold()
        same = [cid for cid, d in pool if d["name"].casefold() == low]
        if len(same) == 1:
            return same[0]
        if len(same) > 1:
            raise ambiguous(same)
        for test in (
            lambda n: n.startswith(low),
            lambda n: any(w.startswith(low) for w in n.split()),
            lambda n: low in n,
        ):
            hits = [cid for cid, d in pool if test(d["name"].casefold())]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                hits.sort(key=lambda c: docs[c]["name"].casefold())
                raise ambiguous(hits)
    handle = _norm_handle(wanted)
    by_handle = [cid for cid, d in docs.items()
                 if handle and any(_norm_handle(h) == handle for _, h in d.get("platforms", ()) if h)]
    if len(by_handle) == 1:
        return by_handle[0]
    if len(by_handle) > 1:
        raise ambiguous(by_handle)
    import difflib

    close = difflib.get_close_matches(wanted, [d["name"] for _, d in active], n=3, cutoff=0.75)
    raise UnknownContactError(name, close)


def _norm_handle(handle: str) -> str:
    h = handle.strip().lower()
    for prefix in ("https://", "http://", "www.", "mailto:", "tel:"):
        if h.startswith(prefix):
            h = h[len(prefix):]
    return h.rstrip("/").lstrip("@")


def _search_text(doc: dict[str, Any]) -> str:
    parts = [doc["name"]]
    for p, h in doc.get("platforms", ()):
        parts.append(p)
        if h:
            parts.append(h)
    parts.extend(doc.get("tags", ()))
    return " ".join(parts).lower()


def default_journal_path() -> Path:
    """``$SMN_DB`` if set, else ``journal.json`` in the user data folder."""
    env = os.environ.get("SMN_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("smn", appauthor=False) / "journal.json"


def utc_today() -> date:
    return datetime.now(timezone.utc).date()
