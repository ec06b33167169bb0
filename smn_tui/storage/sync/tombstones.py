"""Tombstones: the deletes a journal remembers, so an older edit from another device cannot bring a
record back.

One per deleted record: ``[stamp, device, change, doc]`` (when, which device's
change number deleted it, and for a contact the record as it was, so an entry
another device logged for them meanwhile keeps its person). They live in the
snapshot's header and go only when every device still writing has folded the
delete in and it is :data:`TOMBSTONE_DAYS` old (see :meth:`Tombstones.kept`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

__all__ = ["TOMBSTONE_DAYS", "Tombstones"]

#: A delete is remembered at least this long, for devices that have not written for a while.
TOMBSTONE_DAYS = 90

Tomb = list[Any]  # [stamp, device, change, doc or None]


class Tombstones:
    """Deleted records by table and id."""

    def __init__(self, data: Any = None) -> None:
        self.data: dict[str, dict[str, Tomb]] = {}
        if isinstance(data, dict):
            for table, tombs in data.items():
                if isinstance(tombs, dict):
                    good = {rid: t for rid, t in tombs.items() if _valid(t)}
                    if good:
                        self.data[str(table)] = good

    def __bool__(self) -> bool:
        return any(self.data.values())

    def __len__(self) -> int:
        return sum(len(t) for t in self.data.values())

    def copy(self) -> Tombstones:
        out = Tombstones()
        out.data = {table: dict(tombs) for table, tombs in self.data.items()}
        return out

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

    def discard(self, table: str, rid: str) -> None:
        tombs = self.data.get(table)
        if tombs:
            tombs.pop(rid, None)

    def note_commit(self, device: str, seq: int, ops: list[list[Any]], stamps: list[str],
                    before: Any) -> None:
        """This device's own commit: its deletes are remembered, its puts forget older deletes."""
        for i, (kind, table, rid, _doc) in enumerate(ops):
            if kind == "put":
                self.discard(table, rid)
            elif kind == "del":
                kept = before[i] if isinstance(before, list) and len(before) == len(ops) else None
                self.put(table, rid, stamps[i], (device, seq), kept if table == "contacts" else None)

    def kept(self, now: datetime, folded: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, Tomb]]:
        """The tombstones to write with a snapshot: all but those at least :data:`TOMBSTONE_DAYS` old
        that every device in ``folded`` (device -> how far it has folded each device's changes)
        has folded in."""
        horizon = (now - timedelta(days=TOMBSTONE_DAYS)).isoformat()
        out: dict[str, dict[str, Tomb]] = {}
        for table, rid, tomb in self.items():
            stamp, device, seq = tomb[0], tomb[1], tomb[2]
            if stamp < horizon and all(f.get(device, 0) >= seq for f in folded.values()):
                continue
            out.setdefault(table, {})[rid] = tomb
        return out


def _valid(tomb: Any) -> bool:
    return (isinstance(tomb, list) and len(tomb) == 4 and type(tomb[0]) is str and type(tomb[1]) is str
            and type(tomb[2]) is int)
