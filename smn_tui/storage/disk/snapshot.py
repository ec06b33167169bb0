"""The snapshot: a head file (contacts, audits, header) and an entries file per generation.

The head ``journal.json`` holds the header under ``_smn`` and the contacts and
audits; the entries file ``journal.json.entries-G`` (G named in the header)
holds interactions and acts as lines of ``{"table": {id: record, ...}}``
chunks, so a big journal is read a line at a time and only when needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import orjson

from ...domain.models import SCHEMA_VERSION
from ..errors import JournalCorruptError, JournalTooNewError
from ..heap import Tables, no_gc, share_strings

__all__ = [
    "ENTRY_CHUNK",
    "ENTRY_TABLES",
    "HEAD_TABLES",
    "META",
    "TABLES",
    "apply_ops",
    "decode_part",
    "iter_entry_lines",
    "iter_object",
    "read_entries_steps",
]

TABLES = ("contacts", "interactions", "acts", "audits")
HEAD_TABLES = ("contacts", "audits")
ENTRY_TABLES = ("interactions", "acts")
META = "_smn"

#: Records per line of an entries file: reading one line at a time keeps the
#: memory needed to open a big journal close to what its records take.
ENTRY_CHUNK = 2000

Op = list[Any]  # ["put", table, id, doc] or ["del", table, id, None]


def _chunks(table: dict[str, Any]) -> Iterator[dict[str, Any]]:
    items = iter(table.items())
    while True:
        chunk = dict(islice(items, ENTRY_CHUNK))
        if not chunk:
            return
        yield chunk


def iter_entry_lines(tables: Tables) -> Iterator[bytes]:
    """The entries file: lines of ``{"interactions": {...}}`` / ``{"acts": {...}}``, a chunk each."""
    for name in ENTRY_TABLES:
        table = tables.get(name, {})
        if not table:
            yield orjson.dumps({name: {}}) + b"\n"
        for chunk in _chunks(table):
            yield orjson.dumps({name: chunk}) + b"\n"


def iter_object(tables: Tables, names: Iterable[str], meta: dict[str, Any] | None = None) -> Iterator[bytes]:
    """One JSON object of ``meta`` and the tables ``names``, in pieces, so a big table is never one huge buffer."""
    yield b"{"
    first = True
    if meta is not None:
        yield orjson.dumps(META) + b":" + orjson.dumps(meta)
        first = False
    for name in names:
        yield (b"" if first else b",") + orjson.dumps(name) + b":{"
        first = False
        inner_first = True
        for chunk in _chunks(tables.get(name, {})):
            yield (b"" if inner_first else b",") + orjson.dumps(chunk)[1:-1]
            inner_first = False
        yield b"}"
    yield b"}"


def decode_part(raw: bytes, source: Path, names: Iterable[str], *, head: bool,
                contacts: dict[str, Any] | None = None, canon: dict[str, str] | None = None,
                pool: dict[str, str] | None = None, share: bool = True) -> tuple[Tables, dict[str, Any]]:
    """Parse one snapshot file, refusing anything that is not a journal."""
    if not raw:
        raise JournalCorruptError(
            f"{source} is empty (0 bytes). It is not a journal; nothing was written. "
            "Run 'smn doctor' or 'smn restore' to recover from a backup."
        )
    if b"\x00" in raw:
        raise JournalCorruptError(
            f"{source} contains NUL bytes, so it is damaged; nothing was written. "
            "Run 'smn restore' to recover from a backup."
        )
    try:
        with no_gc():
            body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise JournalCorruptError(
            f"{source} is not valid JSON ({exc}); it may be truncated or have trailing garbage. "
            "Nothing was written. Run 'smn doctor' or 'smn restore'."
        ) from exc
    if not isinstance(body, dict):
        raise JournalCorruptError(
            f"{source} holds a JSON {type(body).__name__}, not a journal; nothing was written."
        )
    meta: dict[str, Any] = {}
    if head:
        meta = _header(body, source)
    names = tuple(names)
    tables: Tables = {}
    for name in names:
        table = body.get(name, {})
        if not isinstance(table, dict):
            raise JournalCorruptError(f"{source}: table '{name}' is not a mapping of records; nothing was written.")
        tables[name] = table
    with no_gc():
        if share:
            share_strings(tables, names, contacts, canon=canon, pool=pool)
    return tables, meta


def _header(body: dict[str, Any], source: Path) -> dict[str, Any]:
    meta = body.get(META, {"schema": 1})
    if not isinstance(meta, dict) or not isinstance(meta.get("schema", 1), int):
        raise JournalCorruptError(f"{source} has an unreadable header; nothing was written.")
    schema = meta.get("schema", 1)
    if schema > SCHEMA_VERSION:
        raise JournalTooNewError(
            f"{source} was written by a newer smn (journal version {schema}, this smn reads up to "
            f"{SCHEMA_VERSION}). Upgrade smn; nothing was written."
        )
    return meta


def read_entries_steps(epath: Path, contacts: dict[str, Any] | None,
                       freeze: bool = False) -> Iterator[None]:
    """Read an entries file a line (a chunk of records) at a time, pausing between lines.

    Returns (as the generator's value) the interactions and acts; refuses any damage.
    """
    out: Tables = {name: {} for name in ENTRY_TABLES}
    lines = 0
    canon = {k: k for k in (contacts or ())}
    pool: dict[str, str] = {}
    with open(epath, "rb") as fh:
        for line in fh:
            lines += 1
            with no_gc(freeze):
                part, _ = decode_part(line.rstrip(b"\n"), epath, ENTRY_TABLES, head=False,
                                      canon=canon, pool=pool)
                for name in ENTRY_TABLES:
                    if part[name]:
                        if out[name]:
                            out[name].update(part[name])
                        else:
                            out[name] = part[name]
            yield
    if not lines:
        decode_part(b"", epath, ENTRY_TABLES, head=False)  # raises: empty
    return out


def read_entries(epath: Path, contacts: dict[str, Any] | None) -> Tables:
    """:func:`read_entries_steps` in one go."""
    steps = read_entries_steps(epath, contacts)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result: Tables = done.value
            return result


def apply_ops(tables: Tables, ops: Iterable[Op]) -> None:
    """Apply change-log operations to tables in memory."""
    for op, table, rid, doc in ops:
        if op == "put":
            tables.setdefault(table, {})[rid] = doc
        elif op == "del":
            tables.setdefault(table, {}).pop(rid, None)
        else:
            raise ValueError(f"unknown operation {op!r}")
