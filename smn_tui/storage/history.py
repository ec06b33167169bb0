"""The journal's history: what each commit changed and what it replaced, so any change can be undone.

Every commit's line in the change log carries, besides its operations, when it
was made, where from (the app or the shell), a sentence saying what it did, and
``before``: the record each operation replaced (None for a new one). In memory
and in the snapshot (the last lines of the entries file, see
:mod:`.disk.snapshot`) a commit becomes an *entry*::

    {"seq": 42, "at": "...", "from": "app", "what": "Deleted Ada Lovelace", "kind": "change",
     "undoes": [], "changes": [[table, id, before_doc_or_None, after_hash_or_None], ...]}

An undo is a commit like any other (kind "undo", ``undoes`` naming the commits
it takes back) that puts back each ``before``; a redo (kind "redo") undoes an
undo. A commit can be undone only while every record it wrote is still as it
left it (its ``after_hash``), so a later change is never overwritten. Nothing
here reads or writes files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from .errors import StorageError

__all__ = [
    "HISTORY_KEPT",
    "UndoRefused",
    "doc_hash",
    "entry_of",
    "inverse_ops",
    "redo_target",
    "taken_back",
    "trim",
    "undo_target",
]

#: How many commits the snapshot keeps in its history: undos count too, so 125 changes can be
#: undone one after another and redone again.
HISTORY_KEPT = 250

Entry = dict[str, Any]
Op = list[Any]
Tables = dict[str, dict[str, dict[str, Any]]]


class UndoRefused(StorageError):
    """An undo or redo that cannot be made; the message says why and what to do instead."""


def doc_hash(doc: dict[str, Any] | None) -> str | None:
    """A short fingerprint of a record as stored (None for no record)."""
    if doc is None:
        return None
    return hashlib.sha256(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]


def entry_of(seq: int, ops: Sequence[Op], extra: dict[str, Any]) -> Entry:
    """The history entry of one commit read from the log."""
    before = extra.get("before")
    aligned = before if isinstance(before, list) and len(before) == len(ops) else None
    undoable = aligned is not None
    changes = []
    for i, (op, table, rid, doc) in enumerate(ops):
        changes.append([table, rid, aligned[i] if aligned is not None else None,
                        doc_hash(doc if op == "put" else None)])
    return {
        "seq": seq,
        "at": extra.get("at", ""),
        "from": extra.get("from", ""),
        "what": extra.get("what", "") or _describe_ops(ops),
        "kind": extra.get("kind", "change"),
        "undoes": list(extra.get("undoes", [])),
        "undoable": undoable,
        "changes": changes,
    }


def _describe_ops(ops: Sequence[Op]) -> str:
    return f"Changed {len(ops)} record{'s' if len(ops) != 1 else ''}"


def trim(entries: Iterable[Entry], keep: int = HISTORY_KEPT) -> list[Entry]:
    """The newest ``keep`` entries, oldest first."""
    out = sorted(entries, key=lambda e: e["seq"])
    return out[-keep:]


def _undone(entries: Sequence[Entry]) -> set[int]:
    """Seqs of commits a later undo or redo took back (and that were not brought back since)."""
    undone: set[int] = set()
    for e in entries:
        undone.update(e["undoes"])
    return undone


def taken_back(entries: Sequence[Entry]) -> set[int]:
    """Seqs of the changes whose effect is undone now (an undo that was redone no longer counts),
    and of the undos that were redone: for showing the history."""
    all_undone = _undone(entries)
    out: set[int] = set()
    for e in entries:
        if e["kind"] == "undo" and e["seq"] not in all_undone:
            out.update(e["undoes"])
        elif e["kind"] == "undo":
            out.add(e["seq"])
    return out


def undo_target(entries: Sequence[Entry]) -> Entry:
    """The commit Ctrl+Z takes back: the newest change or redo not undone yet."""
    undone = _undone(entries)
    for e in reversed(entries):
        if e["kind"] in ("change", "redo") and e["seq"] not in undone:
            return e
    raise UndoRefused("There is nothing to undo.")


def redo_target(entries: Sequence[Entry]) -> Entry:
    """The undo a redo takes back: the newest undo not redone yet, with no new change made since."""
    undone = _undone(entries)
    for e in reversed(entries):
        if e["kind"] == "change" and e["seq"] not in undone:
            break  # a new change since: nothing to redo
        if e["kind"] == "undo" and e["seq"] not in undone:
            return e
    raise UndoRefused("There is nothing to redo.")


@dataclass(frozen=True)
class Blocker:
    """A later commit that changed a record the commit to undo wrote."""

    seq: int
    what: str


def inverse_ops(target: Entry, tables: Tables, entries: Sequence[Entry]) -> list[Op]:
    """The operations that put back what ``target`` replaced, checked against the journal as it is now.

    Raises :class:`UndoRefused` when a record ``target`` wrote has changed since
    (naming the change that did it), or when taking back a new contact would
    leave entries logged since without their person.
    """
    if not target["undoable"]:
        raise UndoRefused(f"Change {target['seq']} ({target['what']}) was made by a version of smn that did not "
                          "keep what it replaced, so it cannot be undone.")
    ops: list[Op] = []
    for table, rid, before, after_hash in target["changes"]:
        now = tables.get(table, {}).get(rid)
        if doc_hash(now) != after_hash:
            raise UndoRefused(_blocked(target, _later_toucher(target, table, rid, entries), table, rid))
        ops.append(["del", table, rid, None] if before is None else ["put", table, rid, before])
    _check_people(target, ops, tables, entries)
    return ops


def _later_toucher(target: Entry, table: str, rid: str, entries: Sequence[Entry]) -> Blocker | None:
    for e in reversed(entries):
        if e["seq"] > target["seq"] and any(t == table and i == rid for t, i, _, _ in e["changes"]):
            return Blocker(e["seq"], e["what"])
    return None


def _blocked(target: Entry, by: Blocker | None, table: str, rid: str) -> str:
    what = f"change {target['seq']} ({target['what']})"
    if by is None:
        return (f"Cannot undo {what}: a record it wrote ({table[:-1]} {rid[:8]}) has changed since, on another "
                "device or in a way the history no longer shows.")
    return (f"Cannot undo {what}: change {by.seq} ({by.what}) has changed the same record since. "
            f"Undoing change {by.seq} first makes this one undoable.")


def _check_people(target: Entry, ops: list[Op], tables: Tables, entries: Sequence[Entry]) -> None:
    """Taking back a new contact must not leave an entry logged since without its person."""
    gone = {rid for op, table, rid, _ in ops if op == "del" and table == "contacts"}
    if not gone:
        return
    written = {(table, rid): doc for op, table, rid, doc in ops}
    for table in ("interactions", "acts"):
        for rid, doc in tables.get(table, {}).items():
            doc = written.get((table, rid), doc)  # as it will be: deleted (None), rewritten, or as it is
            if doc is not None and not gone.isdisjoint(doc.get("contact_ids", ())):
                by = _later_toucher(target, table, rid, entries)
                later = f"change {by.seq} ({by.what})" if by else f"an {table[:-1]} logged since"
                raise UndoRefused(
                    f"Cannot undo change {target['seq']} ({target['what']}): {later} names a person it added. "
                    + (f"Undoing change {by.seq} first makes this one undoable." if by else "")
                )
