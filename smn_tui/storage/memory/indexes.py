"""Every index the store keeps over its records, in one object that changes only through ``apply``.

By day (week views), by contact (a person's timeline, counts, last contact),
the last contact date of each person, the running totals of every act, each
contact's search text, and the contacts with a cadence in due order. Each is
built on first use, or a few thousand records at a time by :meth:`steps` while
the app shows its first screen, and kept up to date by :meth:`apply` for every
committed change (ours or another process's): no write rebuilds an index.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar, cast

from ..heap import Tables, no_gc
from ..summaries import PLATFORM_MARK, TAG_MARK

__all__ = ["WRITTEN_MARK", "Change", "JournalIndexes", "search_text"]

ENTRY_TABLES = ("interactions", "acts")
Op = list[Any]
DueRow = tuple[int, str, str]  # (due date as an ordinal, name folded, contact id)
#: Entry ids by table and contact, and contact id -> ISO date of the latest entry with them.
ContactIndexes = tuple[dict[str, defaultdict[str, list[str]]], dict[str, str]]
#: Above this many contacts touched at once (an import), the due order is sorted afresh.
DUE_INCREMENTAL_LIMIT = 200
_T = TypeVar("_T")
#: Stamps of the tables' states, unique across every index object of the process (see ``stamp``).
_STAMPS = itertools.count(1)


#: Divides a contact's search text: name, platforms, handles, tags and their markers before it; how
#: you met and the notes after it (a control character, so no typed word spans it). The people
#: picker looks only before it.
WRITTEN_MARK = "\x04"


def search_text(doc: dict[str, Any]) -> str:
    """What the contacts filter matches, in lower case: name, platforms, handles and tags, each tag and
    platform again after its marker (``#men`` finds only a tag, ``@git`` only a platform), then
    :data:`WRITTEN_MARK` and how you met and the notes (when there are any).

    The contacts list scans this very string (see ``summaries.search_text``): written once, even
    for a journal of 30,000 contacts with long notes.
    """
    parts = [doc["name"]]
    platforms = doc.get("platforms", ())
    for p, h in platforms:
        parts.append(p)
        if h:
            parts.append(h)
    tags = doc.get("tags", ())
    parts.extend(tags)
    parts.extend(TAG_MARK + t for t in tags)
    parts.extend(PLATFORM_MARK + p for p in dict.fromkeys(p for p, _ in platforms))
    how_met, notes = doc.get("how_met"), doc.get("notes")
    if how_met or notes:
        parts.append(WRITTEN_MARK)
        if how_met:
            parts.append(how_met)
        if notes:
            parts.append(notes)
    return " ".join(parts).lower()


@dataclass
class Change:
    """One commit's operations, with what the indexes need to know of the records before it."""

    ops: list[Op]
    old: dict[tuple[str, str], dict[str, Any] | None]
    due_before: dict[str, DueRow | None] | None


def _discard(ids: list[str] | None, rid: str) -> None:
    if ids:
        try:
            ids.remove(rid)
        except ValueError:
            pass


class JournalIndexes:
    """The derived indexes over ``tables`` (the live dictionaries TinyDB holds)."""

    def __init__(self, tables: Tables, *, freeze: bool = False) -> None:
        self.tables = tables
        self.freeze = freeze  # keep what is built out of the garbage collector's walks (the app)
        self.generation = 0  # bumps on every change, so stepped work can tell it went stale
        self.by_day: dict[str, defaultdict[str, list[str]]] | None = None
        self.by_contact: dict[str, defaultdict[str, list[str]]] | None = None
        self.last: dict[str, str] | None = None  # contact id -> ISO date of the latest entry with them
        self.act_sums: tuple[list[int], defaultdict[str, int]] | None = None  # ([minutes], impact counts)
        self.text: dict[str, str] | None = None
        self.due_order: list[DueRow] | None = None
        #: table -> a stamp that changes whenever a record of the table does (see ``stamp``).
        self._stamps: dict[str, int] = {}
        #: What ``kept`` worked out: name -> (the stamps it was worked out at, the value).
        self._kept: dict[str, tuple[tuple[int, ...], Any]] = {}

    def stamp(self, *tables: str) -> tuple[int, ...]:
        """Stamps of ``tables`` as they are now: equal to an earlier result only while none of their
        records changed (or was read afresh), so what is worked out from them can be kept till then."""
        return tuple(self._stamps.setdefault(t, next(_STAMPS)) for t in tables)

    def kept(self, name: str, tables: tuple[str, ...], make: Callable[[], _T]) -> _T:
        """``make()``, worked out again only once a record of ``tables`` has changed since the last time
        (the network across platforms, say, which a helpful act leaves as it was)."""
        hit = self._kept.get(name)
        if hit is not None and hit[0] == self.stamp(*tables):
            return cast(_T, hit[1])
        value = make()
        self._kept[name] = (self.stamp(*tables), value)  # after make(), which may read the entries
        return value

    def reset(self, tables: Tables | None = None) -> None:
        """Drop every index (the records were read afresh)."""
        if tables is not None:
            self.tables = tables
        self.by_day = self.by_contact = self.last = self.act_sums = self.text = self.due_order = None
        self._stamps.clear()
        self.generation += 1

    # ------------------------------------------------------------------ building

    def day_index(self) -> dict[str, defaultdict[str, list[str]]]:
        if self.by_day is None:
            with no_gc(self.freeze):
                by_day: dict[str, defaultdict[str, list[str]]] = {t: defaultdict(list) for t in ENTRY_TABLES}
                for table in ENTRY_TABLES:
                    index = by_day[table]
                    for rid, doc in self.tables[table].items():
                        index[doc["on"]].append(rid)
            self.by_day = by_day
        return self.by_day

    def contact_index(self) -> dict[str, defaultdict[str, list[str]]]:
        if self.by_contact is None:
            with no_gc(self.freeze):
                by_contact: dict[str, defaultdict[str, list[str]]] = {t: defaultdict(list) for t in ENTRY_TABLES}
                for table in ENTRY_TABLES:
                    index = by_contact[table]
                    for rid, doc in self.tables[table].items():
                        for c in doc["contact_ids"]:
                            index[c].append(rid)
            self.by_contact = by_contact
            self.last = None
        return self.by_contact

    def last_seen(self) -> dict[str, str]:
        by_contact = self.contact_index()
        if self.last is None:
            last: dict[str, str] = {}
            for table in ENTRY_TABLES:
                docs = self.tables[table]
                for c, ids in by_contact[table].items():
                    best = last.get(c, "")
                    for rid in ids:
                        on = docs[rid]["on"]
                        if on > best:
                            best = on
                    if best:
                        last[c] = best
            self.last = last
        return self.last

    def sums(self) -> tuple[list[int], defaultdict[str, int]]:
        if self.act_sums is None:
            sums: tuple[list[int], defaultdict[str, int]] = ([0], defaultdict(int))
            for d in self.tables["acts"].values():
                _add_act(sums, d, 1)
            self.act_sums = sums
        return self.act_sums

    def search_texts(self) -> dict[str, str]:
        if self.text is None:
            self.text = {cid: search_text(d) for cid, d in self.tables["contacts"].items()}
        return self.text

    def due_rows(self) -> list[DueRow]:
        """Every contact with a cadence, sorted by when they are due."""
        if self.due_order is None:
            self.last_seen()
            rows = [row for cid, d in self.tables["contacts"].items() if (row := self._due_row(cid, d))]
            rows.sort()
            self.due_order = rows
        return self.due_order

    def _due_row(self, cid: str, d: dict[str, Any] | None) -> DueRow | None:
        if d is None:
            return None
        cadence = d.get("cadence_days")
        if not cadence or d.get("archived"):
            return None
        base = (self.last or {}).get(cid) or d["created"][:10]
        return (date.fromisoformat(base).toordinal() + cadence, d["name"].casefold(), cid)

    def steps(self, step: int = 5000) -> Iterator[None]:
        """Build the contact index (with last contact dates), the day index and the search text a
        few thousand records at a time, pausing between pieces; work a change made stale is dropped."""
        generation = self.generation
        if self.by_contact is None or self.last is None:
            built = yield from self._contact_steps(step, generation)
            if built is None:
                return
            self.by_contact, self.last = built
        if self.by_day is None:
            by_day: dict[str, defaultdict[str, list[str]]] = {t: defaultdict(list) for t in ENTRY_TABLES}
            for table in ENTRY_TABLES:
                index = by_day[table]
                for piece in self._pieces(self.tables[table], step):
                    for rid, doc in piece:
                        index[doc["on"]].append(rid)
                    yield
                    if self.generation != generation or self.by_day is not None:
                        return
            self.by_day = by_day
        if self.text is None:
            text: dict[str, str] = {}
            for piece in self._pieces(self.tables["contacts"], step):
                for cid, doc in piece:
                    text[cid] = search_text(doc)
                yield
                if self.generation != generation or self.text is not None:
                    return
            self.text = text

    def _contact_steps(self, step: int, generation: int) -> Generator[None, None, ContactIndexes | None]:
        by_contact: dict[str, defaultdict[str, list[str]]] = {t: defaultdict(list) for t in ENTRY_TABLES}
        last: dict[str, str] = {}
        for table in ENTRY_TABLES:
            index = by_contact[table]
            for piece in self._pieces(self.tables[table], step):
                for rid, doc in piece:
                    on = doc["on"]
                    for c in doc["contact_ids"]:
                        index[c].append(rid)
                        if on > last.get(c, ""):
                            last[c] = on
                yield
                if self.generation != generation or self.last is not None:
                    return None
        return by_contact, last

    def _pieces(self, table: dict[str, Any], step: int) -> Iterator[list[tuple[str, Any]]]:
        items = list(table.items())
        for start in range(0, len(items), step):
            with no_gc(self.freeze):
                yield items[start:start + step]

    # ------------------------------------------------------------------ changes

    def prepare(self, ops: list[Op]) -> Change:
        """Before ``ops`` reach the tables: what the indexes must know of the records they replace."""
        old = {(table, rid): self.tables.get(table, {}).get(rid) for _, table, rid, _ in ops
               if table in ENTRY_TABLES or table == "contacts"}
        return Change(ops, old, self._due_before(ops))

    def _due_before(self, ops: list[Op]) -> dict[str, DueRow | None] | None:
        if self.due_order is None or self.last is None:
            return None
        touched: set[str] = set()
        for _, table, rid, doc in ops:
            if table == "contacts":
                touched.add(rid)
            elif table in ENTRY_TABLES:
                old = self.tables[table].get(rid)
                if old is not None:
                    touched.update(old["contact_ids"])
                if doc is not None:
                    touched.update(doc["contact_ids"])
        if len(touched) > DUE_INCREMENTAL_LIMIT:
            return None
        docs = self.tables["contacts"]
        return {cid: self._due_row(cid, docs.get(cid)) for cid in touched}

    def apply(self, change: Change) -> None:
        """After the tables hold ``change``: bring every built index up to date with it."""
        self.generation += 1
        for table in {table for _, table, _, _ in change.ops}:
            self._stamps.pop(table, None)
        if self.act_sums is not None:
            for _, table, rid, _ in change.ops:
                if table == "acts":
                    old = change.old.get((table, rid))
                    if old is not None:
                        _add_act(self.act_sums, old, -1)
                    new = self.tables["acts"].get(rid)
                    if new is not None:
                        _add_act(self.act_sums, new, 1)
        # Every record the change replaces leaves the indexes first, then every new one joins them;
        # a last contact date that left with a record is worked out again at the end.
        stale_last: set[str] = set()
        for _, table, rid, _ in change.ops:
            if table in ENTRY_TABLES:
                old = change.old.get((table, rid))
                if old is not None:
                    self._unindex(table, rid, old, stale_last)
        for _, table, rid, _ in change.ops:
            if table in ENTRY_TABLES:
                new = self.tables[table].get(rid)
                if new is not None:
                    self._index(table, rid, new)
            elif table == "contacts" and self.text is not None:
                doc = self.tables["contacts"].get(rid)
                if doc is None:
                    self.text.pop(rid, None)
                else:
                    self.text[rid] = search_text(doc)
        for c in stale_last:
            self._recompute_last(c)
        if change.due_before is None:
            self.due_order = None
        else:
            self._move_due_rows(change.due_before)

    def _index(self, table: str, rid: str, doc: dict[str, Any]) -> None:
        if self.by_day is not None:
            self.by_day[table][doc["on"]].append(rid)
        if self.by_contact is not None:
            for c in doc["contact_ids"]:
                self.by_contact[table][c].append(rid)
                if self.last is not None and doc["on"] > self.last.get(c, ""):
                    self.last[c] = doc["on"]

    def _unindex(self, table: str, rid: str, doc: dict[str, Any], stale_last: set[str]) -> None:
        if self.by_day is not None:
            _discard(self.by_day[table].get(doc["on"]), rid)
        if self.by_contact is not None:
            for c in doc["contact_ids"]:
                _discard(self.by_contact[table].get(c), rid)
                if self.last is not None and self.last.get(c) == doc["on"]:
                    stale_last.add(c)

    def _recompute_last(self, contact_id: str) -> None:
        """The latest date with one contact, from their own entries only (after a removal)."""
        assert self.by_contact is not None and self.last is not None
        best = ""
        for table in ENTRY_TABLES:
            docs = self.tables[table]
            for rid in self.by_contact[table].get(contact_id, ()):
                on = docs[rid]["on"]
                if on > best:
                    best = on
        if best:
            self.last[contact_id] = best
        else:
            self.last.pop(contact_id, None)

    def _move_due_rows(self, before: dict[str, DueRow | None]) -> None:
        """Move the touched contacts to their new place in the due order (no full rescan after a write)."""
        rows = self.due_order
        if rows is None or self.last is None:
            return
        docs = self.tables["contacts"]
        for cid, old in before.items():
            if old is not None:
                i = bisect.bisect_left(rows, old)
                if i < len(rows) and rows[i] == old:
                    del rows[i]
            new = self._due_row(cid, docs.get(cid))
            if new is not None:
                bisect.insort(rows, new)

    def ids_between(self, table: str, start: date, end: date) -> list[str]:
        by_day = self.day_index()[table]
        out: list[str] = []
        for ordinal in range(start.toordinal(), end.toordinal() + 1):
            out.extend(by_day.get(date.fromordinal(ordinal).isoformat(), ()))
        return out


def _add_act(sums: tuple[list[int], defaultdict[str, int]], doc: dict[str, Any], sign: int) -> None:
    sums[0][0] += sign * (doc.get("minutes") or 0)
    sums[1][doc.get("impact", "day")] += sign

