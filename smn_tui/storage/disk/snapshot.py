"""The snapshot: a head file (contacts, audits, header) and an entries file per generation.

The head ``journal.json`` is one JSON object: the contacts and audits, then the
header under ``_smn`` (last, so it can hold the SHA-256 of every byte before
it). The entries file ``journal.json.entries-G`` (G named in the header, with
its size and SHA-256) holds interactions and acts as lines of
``{"table": {id: record, ...}}`` chunks, so a big journal is read a line at a
time and only when needed. Backups use the head's layout with all four tables.
Journals written before version 3 put the header first and carry no sums; they
are read as they are.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Generator, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import orjson

from ...domain.models import SCHEMA_VERSION
from ..errors import JournalCorruptError, JournalForeignError, JournalTooNewError, StorageError
from ..heap import Tables, no_gc, share_strings
from .atomic import open_regular
from .checksum import file_hasher, sum_of
from .codec import AGE_MAGIC, PLAIN, Codec
from .records_check import check_and_share_entries, check_table

__all__ = [
    "ENTRY_CHUNK",
    "ENTRY_TABLES",
    "HEAD_TABLES",
    "META",
    "TABLES",
    "apply_ops",
    "decode_part",
    "entries_name_ok",
    "head_header",
    "iter_entry_lines",
    "iter_object",
    "read_entries_steps",
]

TABLES = ("contacts", "interactions", "acts", "audits")
HEAD_TABLES = ("contacts", "audits")
ENTRY_TABLES = ("interactions", "acts")
META = "_smn"
HISTORY = "history"
_HISTORY_LINE = b'{"' + HISTORY.encode() + b'":'
_META_KEY = b',"' + META.encode() + b'":'
#: The largest seq a header may hold (JSON numbers stay exact up to here).
MAX_SEQ = 2 ** 53

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


#: Commits of the history per line of an entries file.
HISTORY_CHUNK = 20


def iter_entry_lines(tables: Tables, hasher: hashlib._Hash | None = None,
                     history: list[dict[str, Any]] | None = None) -> Iterator[bytes]:
    """The entries file: lines of ``{"interactions": {...}}`` / ``{"acts": {...}}``, a chunk each,
    then the journal's recent history as lines of ``{"history": [entry, ...]}``."""
    for name in ENTRY_TABLES:
        table = tables.get(name, {})
        lines = [orjson.dumps({name: {}}) + b"\n"] if not table else (
            orjson.dumps({name: chunk}) + b"\n" for chunk in _chunks(table))
        for line in lines:
            if hasher is not None:
                hasher.update(line)
            yield line
    history = history or []
    for start in range(0, len(history), HISTORY_CHUNK):
        line = orjson.dumps({HISTORY: history[start:start + HISTORY_CHUNK]}) + b"\n"
        if hasher is not None:
            hasher.update(line)
        yield line


def iter_object(tables: Tables, names: Iterable[str], meta: dict[str, Any]) -> Iterator[bytes]:
    """The tables ``names`` then the header ``meta`` as one JSON object, in pieces.

    The header, written last, gains ``sum``: the SHA-256 of every byte before
    it and of the rest of the header (keys sorted).
    A big table is never one huge buffer.
    """
    hasher = file_hasher()
    first = True
    for name in names:
        piece = (b"{" if first else b",") + orjson.dumps(name) + b":{"
        first = False
        inner_first = True
        for chunk in _chunks(tables.get(name, {})):
            piece += (b"" if inner_first else b",") + orjson.dumps(chunk)[1:-1]
            inner_first = False
            hasher.update(piece)
            yield piece
            piece = b""
        piece += b"}"
        hasher.update(piece)
        yield piece
    if first:
        hasher.update(b'{"contacts":{}')
        yield b'{"contacts":{}'
    header = {k: v for k, v in meta.items() if k != "sum"}
    hasher.update(orjson.dumps(header, option=orjson.OPT_SORT_KEYS))
    header["sum"] = sum_of(hasher)
    yield _META_KEY + orjson.dumps(header) + b"}"


def head_header(path: Path, tail: int = 1 << 16) -> dict[str, Any] | None:
    """The header of a plain head, read from the end of the file (where it is written) without
    reading the records; None when that cannot be done (an encrypted head, one from before version 3,
    one whose header is bigger than ``tail``, or no head at all)."""
    try:
        fd = open_regular(path)
    except (OSError, StorageError):
        return None
    with open(fd, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        fh.seek(max(0, size - tail))
        data = fh.read()
    at = data.rfind(_META_KEY)
    if at < 0 or not data.endswith(b"}"):
        return None
    try:
        header = orjson.loads(data[at + len(_META_KEY):-1])
    except orjson.JSONDecodeError:
        return None
    return header if isinstance(header, dict) else None


def entries_name_ok(head: Path, name: Any) -> bool:
    """Whether ``name`` is an entries file of the journal at ``head`` (never a path elsewhere)."""
    return isinstance(name, str) and re.fullmatch(re.escape(head.name) + r"\.entries-\d{1,12}", name) is not None


def decode_part(raw: bytes, source: Path, names: Iterable[str], *, head: bool,
                contacts: dict[str, Any] | None = None, canon: dict[str, str] | None = None,
                pool: dict[str, str] | None = None, share: bool = True) -> tuple[Tables, dict[str, Any]]:
    """Parse one snapshot file (a head, a backup or a line of an entries file), refusing anything
    that is not an intact journal."""
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
        raise JournalForeignError(
            f"{source} holds a JSON {type(body).__name__}, not an smn journal; nothing was written and smn "
            "leaves it as it is."
        )
    meta: dict[str, Any] = {}
    if head:
        meta = header_of(body, source)
        _check_sum(raw, meta, source)
    names = tuple(names)
    tables: Tables = {}
    checked = not head or meta.get("schema", 1) >= 2  # a version 1 journal keys records by number
    for name in names:
        table = body.get(name, {})
        if not isinstance(table, dict):
            raise JournalCorruptError(f"{source}: table '{name}' is not a mapping of records; nothing was written.")
        tables[name] = table
    with no_gc():
        if not head and share:
            if canon is None:
                canon = {k: k for k in (contacts or ())}
            pool = {} if pool is None else pool
            for name in names:
                check_and_share_entries(tables[name], name, source, canon, pool)
            return tables, meta
        if checked:
            for name in names:
                check_table(name, tables[name], source)
        if share:
            share_strings(tables, names, contacts, canon=canon, pool=pool)
    return tables, meta


def header_of(body: dict[str, Any], source: Path) -> dict[str, Any]:
    """The ``_smn`` header of a head or backup; a file without one is not an smn journal."""
    if META not in body:
        raise JournalForeignError(
            f"{source} is not an smn journal (it has no smn header), so smn leaves it as it is: nothing was written. "
            "Check the path given with --db or SMN_DB."
        )
    meta = body[META]
    if isinstance(meta, dict) and "schema" not in meta and len(meta) == 1:
        meta = next(iter(meta.values()))  # version 1 kept its header as a one-row table
    if not isinstance(meta, dict) or type(meta.get("schema")) is not int:
        raise JournalCorruptError(f"{source} has an unreadable header; nothing was written.")
    schema = meta["schema"]
    if schema < 1:
        raise JournalCorruptError(f"{source} has an impossible journal version ({schema}); nothing was written.")
    if schema > SCHEMA_VERSION:
        raise JournalTooNewError(
            f"{source} was written by a newer smn (journal version {schema}, this smn reads up to "
            f"{SCHEMA_VERSION}). Upgrade smn; nothing was written."
        )
    seq = meta.get("seq", 0)
    if type(seq) is not int or not 0 <= seq < MAX_SEQ:
        raise JournalCorruptError(f"{source} has an impossible change count ({seq!r}) in its header; "
                                  "nothing was written.")
    return meta


def _check_sum(raw: bytes, meta: dict[str, Any], source: Path) -> None:
    want = meta.get("sum")
    if meta.get("schema", 1) < 3 and want is None:
        return  # written before checksums
    at = raw.rfind(_META_KEY)
    rest = orjson.dumps({k: v for k, v in meta.items() if k != "sum"}, option=orjson.OPT_SORT_KEYS)
    if not isinstance(want, str) or at < 0 or sum_of(_hashed(raw[:at], rest)) != want:
        raise JournalCorruptError(
            f"{source} is damaged: its checksum does not match its contents. Nothing was written. "
            "Run 'smn doctor' to see the damage, or 'smn restore' to go back to a backup."
        )


def _hashed(*parts: bytes) -> hashlib._Hash:
    hasher = file_hasher()
    for part in parts:
        hasher.update(part)
    return hasher


def read_entries_steps(epath: Path, contacts: dict[str, Any] | None, freeze: bool = False,
                       want_sum: str | None = None,
                       codec: Codec = PLAIN) -> Generator[None, None, tuple[Tables, list[dict[str, Any]]]]:
    """Read an entries file a line (a chunk of records) at a time, pausing between lines.

    Returns (as the generator's value) the interactions and acts, and the
    history kept with them; refuses any damage, including a file whose SHA-256
    is not ``want_sum``.
    """
    out: Tables = {name: {} for name in ENTRY_TABLES}
    history: list[dict[str, Any]] = []
    lines = 0
    canon = {k: k for k in (contacts or ())}
    pool: dict[str, str] = {}
    hasher = file_hasher()
    fd = open_regular(epath)
    with open(fd, "rb") as raw:
        # An encrypted journal's entries are one age message: opened whole, then read a line at a time.
        fh = io.BytesIO(codec.open(raw.read(), epath)) if codec.encrypted else raw
        if not codec.encrypted and raw.peek(len(AGE_MAGIC))[:len(AGE_MAGIC)] == AGE_MAGIC:
            codec.open(raw.read(), epath)  # raises: an encrypted file in a plain journal
        for line in fh:
            lines += 1
            hasher.update(line)
            if line.startswith(_HISTORY_LINE):
                history.extend(_history_line(line, epath))
                continue
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
    if want_sum is not None and sum_of(hasher) != want_sum:
        raise JournalCorruptError(
            f"{epath} is damaged: its checksum does not match the one {epath.name.split('.entries-')[0]} "
            "records. Nothing was written. Run 'smn doctor', or 'smn restore' to go back to a backup."
        )
    return out, history


def _history_line(line: bytes, epath: Path) -> list[dict[str, Any]]:
    if b"\x00" in line:
        decode_part(line, epath, (), head=False)  # raises: the same words as for any damaged line
    try:
        entries = orjson.loads(line)[HISTORY]
    except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
        raise JournalCorruptError(f"{epath} is damaged (its history cannot be read); nothing was written. "
                                  "Run 'smn doctor' or 'smn restore'.") from exc
    if not isinstance(entries, list) or not all(isinstance(e, dict) and type(e.get("seq")) is int
                                                for e in entries):
        raise JournalCorruptError(f"{epath} is damaged (its history is not a list of changes); nothing was "
                                  "written. Run 'smn doctor' or 'smn restore'.")
    return entries


def read_entries(epath: Path, contacts: dict[str, Any] | None, want_sum: str | None = None,
                 codec: Codec = PLAIN) -> tuple[Tables, list[dict[str, Any]]]:
    """:func:`read_entries_steps` in one go."""
    steps = read_entries_steps(epath, contacts, want_sum=want_sum, codec=codec)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result: tuple[Tables, list[dict[str, Any]]] = done.value
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
