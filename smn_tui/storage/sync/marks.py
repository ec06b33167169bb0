"""What a journal keeps besides its records to tell versions apart: tombstones, and re-stamped records.

A tombstone is kept for each deleted record, ``[stamp, stream, change, doc]``
(when, which stream's change deleted it, and for a contact the record as it
was, so an entry another device logged for them meanwhile keeps its person),
so an older edit from another device cannot bring the record back. It goes
only when every device still writing has folded the delete in and it is
:data:`TOMBSTONE_DAYS` old (see :meth:`VersionMarks.kept`).

A record's version is stamped with its ``updated`` time, unless it was
written with a later stamp than that: an undo putting back an older record, a
second edit in the same second, a clock behind another device's. Those
stamps are kept here while the record lives, so records stay exactly as they
were written. Both live in the snapshot's header.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

__all__ = ["TOMBSTONE_DAYS", "VersionMarks"]

#: A delete is remembered at least this long, for devices that have not written for a while.
TOMBSTONE_DAYS = 90

Tomb = list[Any]  # [stamp, stream, change, doc or None]


class VersionMarks:
    """Deleted records, and records whose version stamp is not their ``updated`` time, by table and id."""

    def __init__(self, deleted: Any = None, restamped: Any = None) -> None:
        self.data: dict[str, dict[str, Tomb]] = _tables(deleted, _valid)
        self.stamps: dict[str, dict[str, str]] = _tables(restamped, lambda v: type(v) is str)

    def __bool__(self) -> bool:
        return any(self.data.values()) or any(self.stamps.values())

    def copy(self) -> VersionMarks:
        out = VersionMarks()
        out.data = {table: dict(tombs) for table, tombs in self.data.items()}
        out.stamps = {table: dict(stamps) for table, stamps in self.stamps.items()}
        return out

    # ------------------------------------------------------------------ tombstones

    def get(self, table: str, rid: str) -> Tomb | None:
        tombs = self.data.get(table)
        return tombs.get(rid) if tombs else None

    def items(self) -> Iterator[tuple[str, str, Tomb]]:
        for table, tombs in self.data.items():
            for rid, tomb in tombs.items():
                yield table, rid, tomb

    def put(self, table: str, rid: str, stamp: str, origin: tuple[str, int], doc: Any = None) -> None:
        """Remember a delete (the later one, if the record was deleted twice)."""
        tombs = self.data.setdefault(table, {})
        old = tombs.get(rid)
        if old is not None and (old[0], old[1]) > (stamp, origin[0]):
            return
        tombs[rid] = [stamp, origin[0], origin[1], doc if isinstance(doc, dict) else None]
        self.restamp(table, rid, "")

    def discard(self, table: str, rid: str) -> None:
        tombs = self.data.get(table)
        if tombs:
            tombs.pop(rid, None)

    # ------------------------------------------------------------------ stamps

    def stamp(self, table: str, rid: str) -> str | None:
        """The stamp a record was written with, when it is not its ``updated`` time."""
        stamps = self.stamps.get(table)
        return stamps.get(rid) if stamps else None

    def restamp(self, table: str, rid: str, stamp: str) -> None:
        """A record's version stamp from now on ('' : its ``updated`` time)."""
        if stamp:
            self.stamps.setdefault(table, {})[rid] = stamp
        elif self.stamps.get(table):
            self.stamps[table].pop(rid, None)

    # ------------------------------------------------------------------ this device's commits and its snapshot

    def note_commit(self, stream: str, seq: int, ops: list[list[Any]], stamps: list[str], before: Any) -> None:
        """This device's own commit: its deletes are remembered, its puts forget older deletes."""
        for i, (kind, table, rid, _doc) in enumerate(ops):
            if kind == "put":
                self.discard(table, rid)
                self.restamp(table, rid, stamps[i])
            elif kind == "del":
                kept = before[i] if isinstance(before, list) and len(before) == len(ops) else None
                self.put(table, rid, stamps[i], (stream, seq), kept if table == "contacts" else None)

    def kept(self, now: datetime, folded: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, Tomb]]:
        """The tombstones to write with a snapshot: all but those at least :data:`TOMBSTONE_DAYS` old
        that every device in ``folded`` (device -> how far it has folded in each stream) has folded in."""
        horizon = (now - timedelta(days=TOMBSTONE_DAYS)).isoformat()
        out: dict[str, dict[str, Tomb]] = {}
        for table, rid, tomb in self.items():
            stamp, stream, seq = tomb[0], tomb[1], tomb[2]
            if stamp < horizon and all(f.get(stream, 0) >= seq for f in folded.values()):
                continue
            out.setdefault(table, {})[rid] = tomb
        return out

    def kept_stamps(self, tables: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, str]]:
        """The stamps to write with a snapshot: those of records it holds."""
        out: dict[str, dict[str, str]] = {}
        for table, stamps in self.stamps.items():
            records = tables.get(table, {})
            live = {rid: s for rid, s in stamps.items() if rid in records}
            if live:
                out[table] = live
        return out


def _tables(data: Any, ok: Any) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    if isinstance(data, dict):
        for table, rows in data.items():
            if isinstance(rows, dict):
                good = {rid: v for rid, v in rows.items() if ok(v)}
                if good:
                    out[str(table)] = good
    return out


def _valid(tomb: Any) -> bool:
    return (isinstance(tomb, list) and len(tomb) == 4 and type(tomb[0]) is str and type(tomb[1]) is str
            and type(tomb[2]) is int)
