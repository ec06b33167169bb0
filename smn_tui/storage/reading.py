"""The store's reads of entries, the due order and audits: records and read-models, from TinyDB and the
indexes, never raw documents (the reads of contacts are in :mod:`.contact_reads`).

The hot paths (a week of entries, a person's timeline, the due order, totals)
come from :class:`~.memory.indexes.JournalIndexes`; lookups by id and the few
queries without a hot index go through TinyDB.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from typing import Any

from tinydb import Query

from ..domain.dates import Week
from ..domain.due import DUE_SOON_DAYS
from ..domain.models import Contact, HelpfulAct, Interaction, ValidationError, WeeklyAudit
from ..domain.results import ActTotals, DueContact
from .journal_file import ENTRY_TABLES, TABLES
from .memory.records import RECORD_TYPES, Record, record_of
from .store_parts import StoreParts

__all__ = ["JournalReads"]

Entry = Interaction | HelpfulAct


class JournalReads(StoreParts):
    """Looking up entries, the due order and audits (mixed into :class:`~.store.JournalStore`)."""

    def _table(self, name: str) -> dict[str, dict[str, Any]]:
        if name in ENTRY_TABLES:
            self._ensure_entries()
        return self._tables[name]

    def _records(self, table: str, ids: Iterable[str]) -> list[Any]:
        docs = self._table(table)
        cls = RECORD_TYPES[table]
        return [record_of(cls, docs[i]) for i in ids if i in docs]

    # ------------------------------------------------------------------ single records

    def get_interaction(self, interaction_id: str) -> Interaction:
        return self._get(Interaction, interaction_id)

    def get_act(self, act_id: str) -> HelpfulAct:
        return self._get(HelpfulAct, act_id)

    def _get(self, cls: type[Record], rid: str) -> Record:
        table = cls.TABLE
        self._table(table)
        doc = self._db.by_id(table, rid)
        if doc is None:
            raise ValidationError(table[:-1], f"no {table[:-1]} with id {rid}")
        return record_of(cls, dict(doc))

    def count(self, table: str) -> int:
        self._table(table)
        return len(self._db.table(table))

    def stats(self) -> dict[str, int]:
        return {name: self.count(name) for name in TABLES}

    # ------------------------------------------------------------------ entries

    def entry_ids(self) -> dict[str, list[str]]:
        """Every interaction and act id, by table (for short ids), without building records."""
        return {table: list(self._table(table)) for table in ENTRY_TABLES}

    def _ids_for_contact(self, table: str, contact_id: str) -> set[str]:
        self._ensure_entries()
        with self._lock:
            return set(self._indexes.contact_index()[table].get(contact_id, ()))

    def _ids_between(self, table: str, start: date, end: date) -> list[str]:
        self._ensure_entries()
        with self._lock:
            return self._indexes.ids_between(table, start, end)

    def interactions_between(self, start: date, end: date) -> list[Interaction]:
        items = self._records("interactions", self._ids_between("interactions", start, end))
        return sorted(items, key=lambda r: (r.on, r.at or time.min, r.created), reverse=True)

    def acts_between(self, start: date, end: date) -> list[HelpfulAct]:
        items = self._records("acts", self._ids_between("acts", start, end))
        return sorted(items, key=lambda r: (r.on, r.created), reverse=True)

    def interactions_in(self, week: Week) -> list[Interaction]:
        return self.interactions_between(week.start, week.end)

    def acts_in(self, week: Week) -> list[HelpfulAct]:
        return self.acts_between(week.start, week.end)

    def all_act_ids_newest_first(self) -> list[str]:
        """Every act id, newest date first (for views that page through all weeks)."""
        self._ensure_entries()
        with self._lock:
            by_day = self._indexes.day_index()["acts"]
            return [rid for day in sorted(by_day, reverse=True) for rid in sorted(by_day[day])]

    def acts_by_ids(self, ids: Iterable[str]) -> list[HelpfulAct]:
        return self._records("acts", ids)

    def scan_acts(self, ids: Iterable[str], *, people: set[str] | None = None,
                  kind: str | None = None, words: Iterable[str] = ()) -> tuple[list[str], ActTotals]:
        """The acts among ``ids`` (order kept) for any of ``people``, of ``kind``, whose note,
        outcome or platform holds every word; with totals. One pass, no records built."""
        docs = self._table("acts")
        wanted = [w.casefold() for w in words if w]
        out: list[str] = []
        helped: set[str] = set()
        minutes = 0
        impacts: dict[str, int] = defaultdict(int)
        for rid in ids:
            d = docs.get(rid)
            if d is None or (kind and d.get("kind") != kind):
                continue
            if people is not None and people.isdisjoint(d["contact_ids"]):
                continue
            if wanted:
                hay = f"{d.get('note', '')} {d.get('outcome', '')} {d.get('platform', '')}".casefold()
                if not all(w in hay for w in wanted):
                    continue
            out.append(rid)
            helped.update(d["contact_ids"])
            minutes += d.get("minutes") or 0
            impacts[d.get("impact", "day")] += 1
        return out, ActTotals(len(out), len(helped), minutes, dict(impacts))

    def all_act_totals(self) -> ActTotals:
        """What :meth:`scan_acts` totals for every act with no filter, without a scan after the first."""
        self._ensure_entries()
        with self._lock:
            minutes, impacts = self._indexes.sums()
            people = sum(1 for ids in self._indexes.contact_index()["acts"].values() if ids)
            return ActTotals(len(self._tables["acts"]), people, minutes[0],
                             {k: v for k, v in impacts.items() if v})

    def interactions_for(self, contact_id: str) -> list[Interaction]:
        items = self._records("interactions", self._ids_for_contact("interactions", contact_id))
        return sorted(items, key=lambda r: (r.on, r.created), reverse=True)

    def acts_for(self, contact_id: str) -> list[HelpfulAct]:
        items = self._records("acts", self._ids_for_contact("acts", contact_id))
        return sorted(items, key=lambda r: (r.on, r.created), reverse=True)

    def timeline(self, contact_id: str) -> list[Entry]:
        """Everything with one contact, newest first."""
        items: list[Entry] = [*self.interactions_for(contact_id), *self.acts_for(contact_id)]
        return sorted(items, key=lambda r: (r.on, r.created), reverse=True)

    def entry_facts_between(self, table: str, start: date,
                            end: date) -> list[tuple[date, tuple[str, ...], bool]]:
        """(date, contact ids, real) of every interaction or act between ``start`` and ``end``.

        From the day index, without building records: for counting over many
        weeks (trends). Acts are always ``real``.
        """
        docs = self._table(table)
        return [(date.fromisoformat(d["on"]), tuple(d["contact_ids"]), d.get("real", True))
                for d in (docs[rid] for rid in self._ids_between(table, start, end))]

    # ------------------------------------------------------------------ last contact and due

    def act_counts(self) -> dict[str, int]:
        """contact id -> number of helpful acts for them."""
        self._ensure_entries()
        with self._lock:
            return {c: len(ids) for c, ids in self._indexes.contact_index()["acts"].items() if ids}

    def interaction_counts(self) -> dict[str, int]:
        """contact id -> number of interactions with them."""
        self._ensure_entries()
        with self._lock:
            return {c: len(ids) for c, ids in self._indexes.contact_index()["interactions"].items() if ids}

    def _last_seen(self) -> dict[str, str]:
        self._ensure_entries()
        with self._lock:
            return self._indexes.last_seen()

    def last_contact_dates(self) -> dict[str, date]:
        """contact id -> date of the latest interaction or act with them."""
        return {c: date.fromisoformat(d) for c, d in self._last_seen().items()}

    def last_contact(self, contact_id: str) -> date | None:
        v = self._last_seen().get(contact_id)
        return date.fromisoformat(v) if v else None

    def contact_figures(self) -> tuple[Mapping[str, str], Mapping[str, list[str]]]:
        """Live views for a list of everyone: contact id -> ISO date of the latest interaction
        or act with them, and contact id -> ids of the acts for them.

        Read-only, and valid until the next change: a screen can compare them row by
        row without the store building 30,000 dates or counts.
        """
        last = self._last_seen()
        return last, self._indexes.contact_index()["acts"]

    def due_contacts(self, today: date, *, include_ok: bool = False) -> list[DueContact]:
        """Contacts with a cadence, most overdue first. Without a last contact, due from when they were added."""
        last = self._last_seen()
        out: list[DueContact] = []
        for cid, d in self._tables["contacts"].items():
            cadence = d.get("cadence_days")
            if not cadence or d.get("archived"):
                continue
            seen = last.get(cid)
            base = date.fromisoformat(seen) if seen else datetime.fromisoformat(d["created"]).date()
            due = date.fromordinal(base.toordinal() + cadence)
            item = DueContact(record_of(Contact, d), base if seen else None, due, (today - due).days)
            if include_ok or item.status != "ok":
                out.append(item)
        out.sort(key=lambda x: (-x.days_overdue, x.contact.name.casefold()))
        return out

    def due_ranked(self, today: date, limit: int) -> tuple[list[DueContact], set[str]]:
        """The ``limit`` first of :meth:`due_contacts` (same order), and the ids of all of them.

        For views that show the most overdue few of thousands: the contacts
        with a cadence are kept sorted by due date as the journal changes, and
        only the ``limit`` shown become records.
        """
        self._ensure_entries()
        with self._lock:
            rows = self._indexes.due_rows()
            last = self._indexes.last_seen()
            today_ord = today.toordinal()
            # not "ok" when days overdue >= -DUE_SOON_DAYS, i.e. due <= today + DUE_SOON_DAYS
            end = bisect.bisect_right(rows, (today_ord + DUE_SOON_DAYS, "\U0010ffff"))
            docs = self._tables["contacts"]
            out = []
            for due_ord, _, cid in rows[:min(limit, end)]:
                seen = last.get(cid)
                out.append(DueContact(record_of(Contact, docs[cid]), date.fromisoformat(seen) if seen else None,
                                      date.fromordinal(due_ord), today_ord - due_ord))
            return out, {cid for _, _, cid in rows[:end]}

    # ------------------------------------------------------------------ audits and the whole journal

    def audit_for(self, week_key: str) -> WeeklyAudit | None:
        doc = self._db.table("audits").get(Query().week == week_key)
        return record_of(WeeklyAudit, dict(doc)) if isinstance(doc, dict) else None

    def audits(self) -> list[WeeklyAudit]:
        items = [record_of(WeeklyAudit, dict(d)) for d in self._db.table("audits").all()]
        return sorted(items, key=lambda a: a.week)

    def export_tables(self) -> dict[str, dict[str, dict[str, Any]]]:
        """A deep-enough copy of every table, for exports and backups."""
        self._ensure_entries()
        return {name: {rid: dict(doc) for rid, doc in self._tables[name].items()} for name in TABLES}
