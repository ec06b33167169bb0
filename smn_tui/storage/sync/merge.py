"""The last-writer rule: which version of a record the journal keeps, decided alike on every device.

A version is a record as put, stamped with its ``updated`` time (or the stamp
it was written with, see :mod:`.marks`), or a delete, stamped with its
tombstone's time. Of two versions the later stamp wins; at the same stamp a
delete wins over a put, and of two puts the one whose content hashes higher
(the same on every device, whatever order they arrive in). The rule is a
maximum, so folding the same change in twice, or changes in any order, gives
the same journal: nothing is doubled, nothing depends on which file synced first.

Writers keep it true: a put or a delete is always stamped later than the
version it replaces (:func:`restamp`), so a change made after seeing another
device's edit wins over it even when that device's clock runs ahead. The
stamps go in the commit's line (``v``: one per operation, '' for a put
stamped with its own ``updated``). Nothing here reads or writes files.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from ..history import doc_hash
from .marks import VersionMarks

__all__ = ["DEL", "PUT", "Item", "Version", "fold_ops", "items_of", "join_tables", "newer", "op_stamps",
           "restamp", "stamp_of", "version_of"]

Op = list[Any]
Tables = dict[str, dict[str, dict[str, Any]]]
PUT, DEL = 0, 1
#: (stamp, kind, doc): kind PUT with the record, or DEL with None.
Version = tuple[str, int, dict[str, Any] | None]

_UTC_LEN = len("2024-01-01T00:00:00+00:00")


def stamp_of(value: Any) -> str:
    """A time as one comparable string (UTC, ISO 8601); '' for none or one that cannot be read."""
    if type(value) is not str:
        return ""
    if len(value) == _UTC_LEN and value.endswith("+00:00"):
        return value  # what smn writes: already in the one form
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat()


def version_of(tables: Tables, marks: VersionMarks, table: str, rid: str) -> Version | None:
    """The version of ``table``/``rid`` the journal holds now (None: it never heard of it)."""
    doc = tables.get(table, {}).get(rid)
    tomb = marks.get(table, rid)
    if doc is not None:
        live: Version = (marks.stamp(table, rid) or stamp_of(doc.get("updated")), PUT, doc)
        if tomb is not None and newer((tomb[0], DEL, None), live):
            return (tomb[0], DEL, None)
        return live
    if tomb is not None:
        return (tomb[0], DEL, None)
    return None


def newer(a: Version, b: Version | None) -> bool:
    """Whether ``a`` wins over ``b`` (False for the same version)."""
    if b is None:
        return True
    if a[0] != b[0]:
        return a[0] > b[0]
    if a[1] != b[1]:
        return a[1] > b[1]  # a delete wins over a put of the same second
    if a[1] == DEL or a[2] == b[2]:
        return False
    return (doc_hash(a[2]) or "") > (doc_hash(b[2]) or "")


def op_stamps(ops: Sequence[Op], extra: dict[str, Any]) -> list[str]:
    """The version stamp of each operation as its commit line has it ('' for a put stamped with its
    own ``updated``; a delete without one is stamped with the commit's time)."""
    given = extra.get("v")
    if isinstance(given, list) and len(given) == len(ops):
        return [stamp_of(s) if s else "" for s in given]
    at = stamp_of(extra.get("at"))
    return [at if op[0] == "del" else "" for op in ops]


#: One operation of a commit with what its line says of it: (op, version stamp, record it replaced).
Item = tuple[Op, str, Any]


def items_of(ops: Sequence[Op], extra: dict[str, Any]) -> list[Item]:
    """A commit's operations, each with its version stamp and the record it replaced."""
    stamps = op_stamps(ops, extra)
    before = extra.get("before")
    aligned = before if isinstance(before, list) and len(before) == len(ops) else None
    return [(op, stamps[i], aligned[i] if aligned is not None else None) for i, op in enumerate(ops)]


def fold_ops(tables: Tables, marks: VersionMarks, items: Sequence[Item], origin: tuple[str, int]) -> list[Op]:
    """The operations of another device's commit that win here, in order; the marks are updated.

    ``origin`` is the (stream, change number) of the commit, kept with its tombstones.
    """
    seen: dict[tuple[str, str], Version] = {}
    out: list[Op] = []
    for op, when, replaced in items:
        kind, table, rid, doc = op
        key = (table, rid)
        current = seen[key] if key in seen else version_of(tables, marks, table, rid)
        if kind == "put":
            if type(doc) is not dict:
                continue
            own = stamp_of(doc.get("updated"))
            new: Version = (when or own, PUT, doc)
            if newer(new, current):
                out.append(op)
                marks.discard(table, rid)
                marks.restamp(table, rid, when if when and when != own else "")
                seen[key] = new
        elif kind == "del":
            new = (when, DEL, None)
            if newer(new, current):
                marks.put(table, rid, when, origin, replaced if table == "contacts" else None)
                seen[key] = new
                if current is not None and current[1] == PUT:
                    out.append(op)
    return out


def join_tables(tables: Tables, marks: VersionMarks, other: Tables, other_marks: VersionMarks,
                names: Sequence[str]) -> list[Op]:
    """The operations that make ``tables`` hold the later of each version it and ``other`` hold
    (another device's whole snapshot); ``marks`` take in ``other_marks``."""
    out: list[Op] = []
    for table, rid, tomb in other_marks.items():
        if table not in names:
            continue
        current = version_of(tables, marks, table, rid)
        if newer((tomb[0], DEL, None), current):
            marks.put(table, rid, tomb[0], (tomb[1], tomb[2]), tomb[3])
            if current is not None and current[1] == PUT:
                out.append(["del", table, rid, None])
    for table in names:
        mine = tables.get(table, {})
        for rid, doc in other.get(table, {}).items():
            have = mine.get(rid)
            stamp = other_marks.stamp(table, rid)
            if have is not None and (have is doc or have == doc) and stamp == marks.stamp(table, rid):
                continue
            new: Version = (stamp or stamp_of(doc.get("updated")), PUT, doc)
            if newer(new, version_of(tables, marks, table, rid)):
                out.append(["put", table, rid, doc])
                marks.discard(table, rid)
                marks.restamp(table, rid, stamp or "")
    return out


def restamp(ops: list[Op], tables: Tables, marks: VersionMarks, now: datetime) -> list[str] | None:
    """The version stamp of each of this device's operations, later than the version it replaces.

    A put whose ``updated`` is later than the version it replaces is stamped
    with that (''); one that is not (an undo putting back an older record, an
    edit made the second after another, a clock behind another device's)
    gets one second past it, or now if later. A delete gets the same. None
    when every operation is a put stamped with its own time.
    """
    floor = now.astimezone(UTC).replace(microsecond=0)
    stamps: list[str] = []
    for kind, table, rid, doc in ops:
        current = version_of(tables, marks, table, rid)
        past = current[0] if current is not None else ""
        if kind == "put":
            stamps.append(_after(past, floor) if past and stamp_of(doc.get("updated")) <= past else "")
        else:
            stamps.append(_after(past, floor) if past else floor.isoformat())
    return stamps if any(stamps) else None


def _after(past: str, floor: datetime) -> str:
    """One second after ``past``, or ``floor`` if that is later."""
    when = datetime.fromisoformat(past).replace(microsecond=0) + timedelta(seconds=1)
    return max(when, floor).isoformat()
