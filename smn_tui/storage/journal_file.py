"""The journal on disk: a snapshot file plus an append-only change log.

Layout for a journal at ``journal.json``::

    journal.json          snapshot head: {"_smn": {...meta...}, "contacts": {...}, "audits": {...}}
    journal.json.entries-G  snapshot of interactions and acts, generation G (named in the head)
    journal.json.log      change log: one JSON line per acknowledged commit
    journal.json.lock     held briefly by whoever writes
    journal.json.app.lock held by the one app window that has the journal open
    backups/              rotating snapshots

A commit is one line ``{"seq": N, "ops": [[op, table, id, doc], ...]}`` appended
and fsynced before the caller is told it succeeded. Opening replays the log on
top of the snapshot; a torn last line (a crash mid-append) is dropped and
reported. Compaction writes a new snapshot atomically (temp file, fsync,
``os.replace``, fsync of the folder) and then swaps in an empty log; lines whose
``seq`` the snapshot already holds are skipped, so a crash between the two steps
loses nothing. The entries part is read only when something needs it, so
capturing from the shell costs the same on a journal of 100,000 entries as on
an empty one. No Textual here.
"""

from __future__ import annotations

import errno
import gc
import os
from contextlib import contextmanager
import time as _time
from collections.abc import Iterable, Iterator
from itertools import islice
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout

from ..domain.models import SCHEMA_VERSION

TABLES = ("contacts", "interactions", "acts", "audits")
HEAD_TABLES = ("contacts", "audits")
ENTRY_TABLES = ("interactions", "acts")
META = "_smn"
WRITE_LOCK_TIMEOUT = 10.0
BACKUPS_KEPT = 7
BACKUP_EVERY_S = 24 * 3600
FILE_MODE = 0o600
DIR_MODE = 0o700

Tables = dict[str, dict[str, dict[str, Any]]]
Op = list[Any]  # ["put", table, id, doc] or ["del", table, id, None]


class StorageError(RuntimeError):
    """The journal could not be read or written; the message says what to do."""


class JournalLockedError(StorageError):
    """Another process holds the journal."""


class JournalCorruptError(StorageError):
    """The file on disk is not a journal this version can read; nothing was written."""


class JournalTooNewError(JournalCorruptError):
    """The journal was written by a newer smn."""


class HeadReplacedError(StorageError):
    """Another process compacted the journal between reading its head and its entries."""


#: Contacts on the app's first screen, kept in the names index (more than any terminal shows).
FIRST_PAGE_ROWS = 200
#: The first page is used only while the change log is smaller than this (and has no contact in it).
FIRST_PAGE_LOG_BYTES = 1024 * 1024


@dataclass
class FirstPage:
    """The contacts list's first screen: the first contacts by name, archived left out."""

    shown: int  # how many contacts the list holds in all
    rows: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]  # id, name, platforms, tags


@dataclass
class LoadResult:
    tables: Tables
    meta: dict[str, Any]
    seq: int
    warnings: list[str] = field(default_factory=list)
    log_lines: int = 0


@contextmanager
def no_gc(freeze: bool = False):
    """Pause the cyclic garbage collector while a million fresh objects are built.

    Parsing a journal creates no reference cycles, but the collector would
    still walk the growing heap many times over, doubling the time to open.

    With ``freeze`` (a long-lived process such as the app), what was built is
    then moved out of the collector's sight for good (:func:`gc.freeze`):
    otherwise each full collection would walk the whole journal in memory
    again, a pause of 25-100 ms every few seconds of use. Those objects are
    still freed as usual when nothing refers to them any more.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was:
            gc.enable()


def share_strings(tables: Tables, names: Iterable[str], contacts: dict[str, Any] | None = None,
                  *, canon: dict[str, str] | None = None, pool: dict[str, str] | None = None) -> None:
    """Make equal, repeated strings one object, in place (a third less memory at 100,000 entries).

    Record ids share the table key, contact references share the contact's
    key, dates, kinds and platforms come from one pool, and an ``updated``
    stamp equal to ``created`` shares it. Values are unchanged.
    """
    if pool is None:
        pool = {}
    if canon is None:
        canon = {k: k for k in (contacts if contacts is not None else tables.get("contacts", ()))}
    intern = pool.setdefault
    same = canon.get
    for name in names:
        table = tables.get(name)
        if not table:
            continue
        is_contacts = name == "contacts"
        for rid, d in table.items():
            if type(d) is not dict:
                continue
            if d.get("id") == rid:
                d["id"] = rid
            c = d.get("created")
            if c is not None and d.get("updated") == c:
                d["updated"] = c
            if is_contacts:
                plats = d.get("platforms")
                if plats:
                    for p in plats:
                        if type(p) is list and p and type(p[0]) is str:
                            p[0] = intern(p[0], p[0])
                tags = d.get("tags")
                if tags:
                    d["tags"] = [intern(t, t) if type(t) is str else t for t in tags]
                continue
            ids = d.get("contact_ids")
            if type(ids) is list:
                d["contact_ids"] = [same(i, i) if type(i) is str else i for i in ids]
            for key in ("on", "kind", "platform", "impact"):
                v = d.get(key)
                if type(v) is str:
                    d[key] = intern(v, v)


def file_id(path: Path) -> tuple[int, int, int] | None:
    """Identity of a file version: a replaced file gets a new one."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _describe(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno == errno.EIO:
        return "an input/output error"
    return exc.strerror or str(exc)


def atomic_write_bytes(path: Path, data: bytes | Iterable[bytes], mode: int = FILE_MODE) -> int:
    """Write ``data`` (bytes, or pieces of it) to ``path`` so that it is either wholly old or wholly new.

    Returns the number of bytes written.
    On any error the temp file is removed, ``path`` is untouched and
    :class:`StorageError` says what happened.
    """
    path = Path(path)
    token = f"{os.getpid()}-{_time.monotonic_ns()}"
    tmp = path.with_name(f".{path.name}.tmp-{token}")
    old = path.with_name(f".{path.name}.tmp-old-{token}")
    fd = -1
    kept_old = False
    replaced = False
    written = 0
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        for piece in (data,) if isinstance(data, (bytes, bytearray, memoryview)) else data:
            view = memoryview(piece)
            written += len(view)
            while view:
                n = os.write(fd, view)
                view = view[n:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        try:
            # A second name for the old version, so it can be put back if the
            # folder cannot be synced after the swap.
            os.link(path, old)
            kept_old = True
        except OSError:
            pass
        os.replace(tmp, path)
        replaced = True
        _fsync_dir(path.parent)
    except OSError as exc:
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass
        if replaced:
            try:
                if kept_old:
                    os.replace(old, path)
                    kept_old = False
                else:
                    os.unlink(path)  # there was no previous file
            except OSError:
                pass
        for p in (tmp, old) if kept_old else (tmp,):
            try:
                os.unlink(p)
            except OSError:
                pass
        raise StorageError(f"Could not write {path}: {_describe(exc)}. The previous file is unchanged.") from exc
    if kept_old:
        try:
            os.unlink(old)
        except OSError:
            pass
    return written


#: Records per line of an entries file: reading one line at a time keeps the
#: memory needed to open a big journal close to what its records take.
ENTRY_CHUNK = 2000


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
    """The same bytes as :func:`encode_part`, in pieces, so a big table is never one huge buffer."""
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


def encode_part(tables: Tables, names: Iterable[str], meta: dict[str, Any] | None = None) -> bytes:
    body: dict[str, Any] = {}
    if meta is not None:
        body[META] = meta
    for name in names:
        body[name] = tables.get(name, {})
    return orjson.dumps(body)


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
        meta = body.get(META, {"schema": 1})
        if not isinstance(meta, dict) or not isinstance(meta.get("schema", 1), int):
            raise JournalCorruptError(f"{source} has an unreadable header; nothing was written.")
        schema = meta.get("schema", 1)
        if schema > SCHEMA_VERSION:
            raise JournalTooNewError(
                f"{source} was written by a newer smn (journal version {schema}, this smn reads up to "
                f"{SCHEMA_VERSION}). Upgrade smn; nothing was written."
            )
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


def apply_ops(tables: Tables, ops: Iterable[Op]) -> None:
    for op, table, rid, doc in ops:
        if op == "put":
            tables.setdefault(table, {})[rid] = doc
        elif op == "del":
            tables.setdefault(table, {}).pop(rid, None)
        else:
            raise ValueError(f"unknown operation {op!r}")


class JournalFile:
    """Durable snapshot + change log for one journal path. Knows nothing of records."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path).expanduser().absolute()
        self.log_path = self.path.with_name(self.path.name + ".log")
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.app_lock_path = self.path.with_name(self.path.name + ".app.lock")
        self.backup_dir = self.path.parent / "backups"
        self._write_lock = FileLock(
            self.lock_path, timeout=WRITE_LOCK_TIMEOUT, mode=FILE_MODE, thread_local=False
        )
        self._app_lock: FileLock | None = None
        self.meta: dict[str, Any] = {}
        self.pending: list[Op] = []
        self._entries_loaded = False
        #: Make repeated strings of the head one object when reading it (memory for a long-lived app).
        self.share_head = True
        #: Keep what is read out of the garbage collector's walks (see :func:`no_gc`), for the app.
        self.long_lived = False
        # Where this process has read the log up to: (inode, byte offset, last seq).
        self._log_ino: int | None = None
        self._log_offset = 0
        self._head_id: tuple[int, int, int] | None = None
        self.seq = 0
        # The platforms part of the names index, read by load_quick and parsed when needed.
        self._quick_platforms: bytes | None = None

    # ------------------------------------------------------------ folders

    def ensure_folder(self) -> None:
        folder = self.path.parent
        if not folder.exists():
            try:
                folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"Could not create the journal folder {folder}: {_describe(exc)}.") from exc

    @property
    def exists(self) -> bool:
        return self.path.exists() or self.log_path.exists()

    # ------------------------------------------------------------ locks

    def write_lock(self) -> FileLock:
        """The short-lived lock every writer holds while it appends or compacts."""
        return self._write_lock

    def acquire_write(self):
        self.ensure_folder()
        try:
            return self._write_lock.acquire()
        except Timeout as exc:
            raise JournalLockedError(
                f"The journal {self.path} is busy: another smn has held it for over "
                f"{WRITE_LOCK_TIMEOUT:.0f} s. Nothing was written; try again."
            ) from exc
        except OSError as exc:
            raise StorageError(f"Could not lock {self.lock_path}: {_describe(exc)}.") from exc

    def claim_app(self) -> None:
        """Claim the journal for one app window; a second one gets a clear message."""
        self.ensure_folder()
        lock = FileLock(self.app_lock_path, timeout=0, mode=FILE_MODE, thread_local=False)
        try:
            lock.acquire()
        except Timeout as exc:
            raise JournalLockedError(
                f"smn is already open on {self.path} in another window. Close it first "
                "(logging from the command line with 'smn log' or 'smn helped' still works)."
            ) from exc
        except OSError as exc:
            raise StorageError(f"Could not lock {self.app_lock_path}: {_describe(exc)}.") from exc
        self._app_lock = lock

    def release_app(self) -> None:
        if self._app_lock is not None:
            self._app_lock.release()
            self._app_lock = None

    # ------------------------------------------------------------ reading

    def load(self, *, entries: bool = True) -> LoadResult:
        """Read snapshot and log. Never writes; raises on anything it cannot trust.

        With ``entries=False`` the interactions and acts are not read; log
        operations on them are kept in ``pending`` until :meth:`load_entries`.
        """
        for _attempt in range(5):
            try:
                with no_gc(self.long_lived):
                    result = self._load_once(entries=entries)
            except HeadReplacedError:
                continue
            if file_id(self.path) == self._head_id:
                return result
            # Another process compacted while we read: the log may belong to a newer head.
        raise StorageError(f"{self.path} keeps changing while it is read; try again in a moment.")

    def _load_once(self, *, entries: bool) -> LoadResult:
        warnings: list[str] = []
        tables: Tables = {name: {} for name in HEAD_TABLES}
        meta: dict[str, Any] = {"schema": SCHEMA_VERSION, "seq": 0}
        self._head_id = None
        if self.path.exists():
            try:
                with open(self.path, "rb") as fh:
                    st = os.fstat(fh.fileno())
                    raw = fh.read()
            except OSError as exc:
                raise StorageError(f"Could not read {self.path}: {_describe(exc)}.") from exc
            self._head_id = (st.st_ino, st.st_mtime_ns, st.st_size)
            tables, meta = decode_part(raw, self.path, TABLES, head=True, share=self.share_head)
            del raw
        self.meta = meta
        self._entries_loaded = False
        self.pending = []
        self._check_entries_file()
        if entries:
            self.load_entries(tables)
        self.seq = int(meta.get("seq", 0) or 0)
        lines = 0
        self._log_ino = None
        self._log_offset = 0
        if self.log_path.exists():
            lines = self._read_log(tables, warnings, full=True)
        return LoadResult(tables, meta, self.seq, warnings, lines)

    def _check_entries_file(self) -> None:
        """The cheap check made on every open: the entries file is there and has the size the head says.

        Reading it whole is left for when entries are needed (then every byte is checked).
        """
        epath = self.entries_path()
        if epath is None:
            return
        try:
            size = os.stat(epath).st_size
        except FileNotFoundError as exc:
            raise self._entries_missing(epath) from exc
        except OSError as exc:
            raise StorageError(f"Could not read {epath}: {_describe(exc)}.") from exc
        want = self.meta.get("entries_size")
        if isinstance(want, int) and size != want:
            raise JournalCorruptError(
                f"{epath} has {size} bytes where {want} were written, so it is damaged (truncated or "
                "with something appended); nothing was written. Run 'smn doctor' or 'smn restore'."
            )

    def _entries_missing(self, epath: Path) -> StorageError:
        """Why the entries file the head names is not there: compacted meanwhile, or lost."""
        if file_id(self.path) != self._head_id:
            return HeadReplacedError(
                f"{self.path} was compacted by another smn while it was being read; read it again."
            )
        return JournalCorruptError(
            f"{epath} is missing, but {self.path} refers to it; nothing was written. "
            "Run 'smn restore' to recover from a backup."
        )

    def entries_path(self, meta: dict[str, Any] | None = None) -> Path | None:
        name = (meta if meta is not None else self.meta).get("entries_file")
        return self.path.with_name(name) if name else None

    def load_entries(self, tables: Tables) -> None:
        """Read the interactions and acts part of the snapshot into ``tables``."""
        if self._entries_loaded:
            return
        epath = self.entries_path()
        if epath is not None:
            try:
                with no_gc(self.long_lived):
                    parts = self._read_entries(epath, tables.get("contacts"))
            except FileNotFoundError as exc:
                raise self._entries_missing(epath) from exc
            except OSError as exc:
                raise StorageError(f"Could not read {epath}: {_describe(exc)}.") from exc
            self.install_entries(tables, parts)
        else:
            self.install_entries(tables, None)

    def load_entries_steps(self, tables: Tables) -> Iterator[None]:
        """:meth:`load_entries` a chunk at a time, pausing (yielding) between chunks.

        Anything may run at a pause; if the entries got loaded or the head was
        read again meanwhile, what was read is dropped. Errors are left for a
        plain :meth:`load_entries` to report.
        """
        if self._entries_loaded:
            return
        head = self._head_id
        epath = self.entries_path()
        parts = None
        if epath is not None:
            try:
                parts = yield from self._read_entries_steps(epath, tables.get("contacts"), self.long_lived)
            except (OSError, StorageError):
                return
        if self._entries_loaded or self._head_id != head or self.entries_path() != epath:
            return
        self.install_entries(tables, parts)

    def install_entries(self, tables: Tables, parts: Tables | None) -> None:
        """Put the entries read from the entries file (None: there is none) into ``tables``."""
        if parts is not None:
            for name in ENTRY_TABLES:
                # An old single-file snapshot may hold entries in the head as well.
                parts[name].update(tables.get(name, {}))
                tables[name] = parts[name]
        for name in ENTRY_TABLES:
            tables.setdefault(name, {})
        self._entries_loaded = True
        if self.pending:
            apply_ops(tables, self.pending)
            self.pending = []

    @classmethod
    def _read_entries(cls, epath: Path, contacts: dict[str, Any] | None) -> Tables:
        """Read an entries file a line (a chunk of records) at a time; refuse any damage."""
        steps = cls._read_entries_steps(epath, contacts)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return done.value

    @staticmethod
    def _read_entries_steps(epath: Path, contacts: dict[str, Any] | None,
                            freeze: bool = False) -> Iterator[None]:
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

    @property
    def entries_loaded(self) -> bool:
        return self._entries_loaded

    def _read_log(self, tables: Tables, warnings: list[str], *, full: bool) -> int:
        try:
            with open(self.log_path, "rb") as fh:
                st = os.fstat(fh.fileno())
                if full:
                    start = 0
                else:
                    start = self._log_offset
                fh.seek(start)
                data = fh.read()
        except OSError as exc:
            raise StorageError(f"Could not read {self.log_path}: {_describe(exc)}.") from exc
        self._log_ino = st.st_ino
        applied = 0
        pos = 0
        end = len(data)
        while pos < end:
            nl = data.find(b"\n", pos)
            if nl < 0:
                # A torn last line: the writer died mid-append. It was never acknowledged.
                warnings.append(
                    f"The change log ended in an incomplete entry ({end - pos} bytes) left by an "
                    "interrupted write; it was never saved and has been ignored. Everything before it is kept."
                )
                break
            line = data[pos:nl]
            pos = nl + 1
            if not line.strip():
                continue
            try:
                entry = orjson.loads(line)
                seq = int(entry["seq"])
                ops = entry["ops"]
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                line_start = nl - len(line)
                if pos >= end:
                    warnings.append(
                        "The last entry of the change log was damaged by an interrupted write and has "
                        "been ignored. Everything before it is kept."
                    )
                    pos = line_start
                    break
                raise JournalCorruptError(
                    f"{self.log_path} is damaged in the middle (the entry at byte {start + line_start}); "
                    "nothing was written. Run 'smn doctor' to see what can be recovered."
                ) from exc
            if seq <= self.seq:
                continue  # already in the snapshot (a crash between compaction steps)
            self._apply(tables, ops)
            self.seq = seq
            applied += 1
        self._log_offset = (0 if full else self._log_offset) + pos
        return applied

    def _apply(self, tables: Tables, ops: list[Op]) -> None:
        if self._entries_loaded:
            apply_ops(tables, ops)
            return
        for op in ops:
            if op[1] in ENTRY_TABLES:
                self.pending.append(op)
            else:
                apply_ops(tables, [op])

    def changed_on_disk(self) -> str:
        """'none', 'tail' (new log lines to read) or 'reload' (compacted by someone else)."""
        if file_id(self.path) != self._head_id:
            return "reload"
        try:
            st = os.stat(self.log_path)
        except FileNotFoundError:
            return "reload" if self._log_ino is not None else "none"
        except OSError:
            return "none"
        if self._log_ino is None:
            return "tail" if st.st_size > 0 else "none"
        if st.st_ino != self._log_ino or st.st_size < self._log_offset:
            return "reload"
        if st.st_size > self._log_offset:
            return "tail"
        return "none"

    def read_tail(self, tables: Tables) -> tuple[int, list[str]]:
        """Apply log lines other processes appended since we last looked."""
        warnings: list[str] = []
        if self._log_ino is None and self.log_path.exists():
            self._log_offset = 0
        n = self._read_log(tables, warnings, full=False)
        return n, warnings

    # ------------------------------------------------------------ writing

    def commit(self, ops: list[Op], *, catch_up=None) -> int:
        """Append one commit and fsync it. Returns its seq.

        ``catch_up(kind)`` is called under the write lock first when another
        process changed the journal, so the caller can fold those changes in
        (and re-check its own) before this commit is numbered.
        """
        with self.acquire_write():
            try:
                self._truncate_torn_tail()
            except OSError as exc:
                raise StorageError(
                    f"Could not repair the end of {self.log_path}: {_describe(exc)}. Nothing was saved."
                ) from exc
            state = self.changed_on_disk()
            if state != "none" and catch_up is not None:
                catch_up(state)
            seq = self.seq + 1
            line = orjson.dumps({"seq": seq, "ops": ops}) + b"\n"
            self._append(line)
            self.seq = seq
            return seq

    def _truncate_torn_tail(self) -> None:
        """Cut off an incomplete last line left by a writer that died (we hold the lock)."""
        try:
            size = os.path.getsize(self.log_path)
        except FileNotFoundError:
            return
        if size == 0:
            return
        with open(self.log_path, "rb+") as fh:
            back = min(size, 1 << 20)
            fh.seek(size - back)
            tail = fh.read(back)
            if tail.endswith(b"\n"):
                last_start = tail.rfind(b"\n", 0, len(tail) - 1) + 1
                if last_start == 0 and back < size:
                    return  # a line longer than we looked at; load() judges it
                try:
                    entry = orjson.loads(tail[last_start:])
                    int(entry["seq"])
                    entry["ops"]
                    return
                except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                    cut = last_start - 1
            else:
                cut = tail.rfind(b"\n")
                if cut < 0 and back < size:
                    return  # a single enormous line; leave it for load() to judge
            new_size = size - back + cut + 1
            fh.truncate(new_size)
            os.fsync(fh.fileno())
        if self._log_offset > new_size:
            self._log_offset = new_size

    def _append(self, line: bytes) -> None:
        fresh = not self.log_path.exists()
        fd = -1
        start = 0
        try:
            fd = os.open(self.log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
            st = os.fstat(fd)
            start = st.st_size
            view = memoryview(line)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
            if fresh:
                _fsync_dir(self.path.parent)
        except OSError as exc:
            if fd >= 0:
                try:
                    os.ftruncate(fd, start)  # take back a partly written line
                    os.fsync(fd)
                except OSError:
                    pass  # load() drops a torn last line anyway
                try:
                    os.close(fd)
                except OSError:
                    pass
                fd = -1
            if fresh:
                try:
                    if os.path.getsize(self.log_path) == 0:
                        os.unlink(self.log_path)
                except OSError:
                    pass
            raise StorageError(
                f"Could not save to {self.log_path}: {_describe(exc)}. Nothing was saved; "
                "the journal on disk is as it was."
            ) from exc
        finally:
            if fd >= 0:
                os.close(fd)
        if self._log_ino is None or start == self._log_offset:
            self._log_ino = os.stat(self.log_path).st_ino
            self._log_offset = start + len(line)

    def compact(self, tables: Tables, meta: dict[str, Any], *, catch_up=None) -> bool:
        """Fold the log into a new snapshot. Caller holds no lock; we take it.

        If another process wrote since we last read, ``catch_up(kind)`` folds
        its changes in first and returns the up-to-date ``(tables, meta)``;
        without it the compaction is left for later.
        Returns whether a snapshot was written.
        """
        with self.acquire_write():
            state = self.changed_on_disk()
            if state != "none":
                if catch_up is None:
                    return False
                tables, meta = catch_up(state)
            self.write_snapshot(tables, meta)
            return True

    def write_snapshot(self, tables: Tables, meta: dict[str, Any], *, entries_changed: bool = True) -> None:
        """Atomically replace snapshot and log (caller holds the write lock).

        The entries part is written first under a new generation name; the
        head that names it is replaced atomically after, so a crash at any
        point leaves a head that names an entries file that exists.
        """
        if self.pending:
            self.load_entries(tables)
        meta = {k: v for k, v in meta.items() if k != "unknown_tables"}
        meta["schema"] = meta.get("schema", SCHEMA_VERSION)
        meta["seq"] = self.seq
        meta["saved"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        old_entries = self.entries_path(meta)
        new_entries: Path | None = None
        if self._entries_loaded and (entries_changed or old_entries is None):
            gen = int(meta.get("gen", 0)) + 1
            name = f"{self.path.name}.entries-{gen}"
            new_entries = self.path.with_name(name)
            size = atomic_write_bytes(new_entries, iter_entry_lines(tables))
            meta["gen"] = gen
            meta["entries_file"] = name
            meta["entries_size"] = size
        try:
            atomic_write_bytes(self.path, iter_object(tables, HEAD_TABLES, meta))
        except StorageError:
            if new_entries is not None:
                try:
                    new_entries.unlink()  # nothing names it: the old head still rules
                except OSError:
                    pass
            raise
        self.meta = meta
        self._head_id = file_id(self.path)
        self.write_names(tables)
        # The log's lines are all in the new snapshot now (their seq is at most
        # meta["seq"]), so if emptying it fails they are skipped on the next read.
        atomic_write_bytes(self.log_path, b"")
        self._log_ino = os.stat(self.log_path).st_ino
        self._log_offset = 0
        self.remove_old_generations()
        self.remove_stale_temp_files()

    @property
    def names_path(self) -> Path:
        return self.path.with_name(self.path.name + ".names")

    def write_names(self, tables: Tables) -> None:
        """Write the small contact index quick captures and the app's first screen read.

        Three JSON lines: a header (the head it belongs to, the app's first page
        of contacts), every contact's id, name and archived flag, and the
        platforms and handles of those who have any (read only when a name
        alone does not find the person).
        It names the head it was made from (inode, mtime, size), so it is used
        only while that very head is in place; anything that replaces the head
        without writing a new index (a restore, a crash right here) makes it
        stale, and readers then read the head. Best effort: a failure only
        costs speed.
        """
        contacts = tables.get("contacts", {})
        # The contacts list's first screen: by name (as the list sorts), archived left out.
        shown = sorted((cid for cid, d in contacts.items() if not d.get("archived")),
                       key=lambda cid: contacts[cid]["name"].casefold())
        header = {
            "head": list(self._head_id or ()),
            "seq": self.seq,
            # The same cheap check of the entries file as a full open makes.
            "entries": {k: self.meta[k] for k in ("entries_file", "entries_size") if k in self.meta},
            "shown": len(shown),
            "page": [[cid, contacts[cid]["name"], [p for p, _ in contacts[cid].get("platforms", ())],
                      contacts[cid].get("tags", [])] for cid in shown[:FIRST_PAGE_ROWS]],
        }
        rows = [[cid, d["name"], bool(d.get("archived"))] for cid, d in contacts.items()]
        platforms = {cid: d["platforms"] for cid, d in contacts.items() if d.get("platforms")}
        try:
            atomic_write_bytes(self.names_path, b"\n".join(orjson.dumps(part) for part in (header, rows, platforms)))
        except StorageError:
            try:
                self.names_path.unlink()
            except OSError:
                pass

    def _names_header(self, raw_header: bytes) -> dict[str, Any] | None:
        """The index's header, if it belongs to the head in place now."""
        try:
            header = orjson.loads(raw_header)
            head = tuple(header["head"])
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return None
        if not head or file_id(self.path) != head:
            return None
        return header

    def read_first_page(self) -> FirstPage | None:
        """The contacts list's first screen from the index, without reading the head.

        None unless the index belongs to the head in place and the change log
        holds no change to a contact since (the page would miss it); the app
        then reads the whole head before its first screen.
        """
        try:
            with open(self.names_path, "rb") as fh:
                header = self._names_header(fh.readline())
            if header is None:
                return None
            page = [(str(cid), str(name), tuple(dict.fromkeys(plats)), tuple(tags))
                    for cid, name, plats, tags in header["page"]]
            shown = int(header["shown"])
            log_size = os.stat(self.log_path).st_size if self.log_path.exists() else 0
            if log_size > FIRST_PAGE_LOG_BYTES or (log_size and b'"contacts"' in self.log_path.read_bytes()):
                return None
        except (OSError, KeyError, TypeError, ValueError):
            return None
        return FirstPage(shown, page)

    def load_quick(self) -> LoadResult | None:
        """Contacts (id, name, archived, platforms) from the small index plus the log.

        For quick captures: no head, no entries. Returns None when there is no
        index for the current head; the caller then loads the journal fully.
        """
        try:
            raw_header, _, rest = self.names_path.read_bytes().partition(b"\n")
            header = self._names_header(raw_header)
            if header is None:
                return None
            raw_rows, _, raw_platforms = rest.partition(b"\n")
            head = tuple(header["head"])
            seq = int(header["seq"])
            entries = dict(header.get("entries") or {})
            with no_gc():
                # Platforms wait in raw_platforms until a name alone does not do (fill_quick_platforms).
                contacts = {cid: {"id": cid, "name": name, "archived": archived}
                            for cid, name, archived in orjson.loads(raw_rows)}
            if not raw_platforms:
                return None
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return None
        self._quick_platforms = raw_platforms
        tables: Tables = {"contacts": contacts, "audits": {}}
        self._head_id = head
        self.meta = {"schema": SCHEMA_VERSION, "seq": seq, **entries}
        self._entries_loaded = False
        self.pending = []
        try:
            self._check_entries_file()
        except HeadReplacedError:
            return None
        self.seq = seq
        self._log_ino = None
        self._log_offset = 0
        warnings: list[str] = []
        lines = 0
        if self.log_path.exists():
            lines = self._read_log(tables, warnings, full=True)
        if file_id(self.path) != head:
            return None  # compacted while we read
        return LoadResult(tables, self.meta, self.seq, warnings, lines)

    def quick_platforms_of(self, cid: str) -> list[Any] | None:
        """One contact's platforms from the part :meth:`load_quick` left unread (None: all read)."""
        raw = self._quick_platforms
        if raw is None:
            return None
        key = orjson.dumps(cid) + b":"
        at = raw.find(key)
        if at < 0:
            return []
        start = at + len(key)
        end = raw.find(b"]]", start)
        while end >= 0:  # the value ends at one of these; a handle may hold "]]" too
            try:
                value = orjson.loads(raw[start:end + 2])
            except orjson.JSONDecodeError:
                end = raw.find(b"]]", end + 1)
                continue
            if isinstance(value, list):
                return value
            break
        return None

    def fill_quick_platforms(self, contacts: dict[str, Any]) -> bool:
        """Give the contacts :meth:`load_quick` read their platforms; False if they have them."""
        raw, self._quick_platforms = self._quick_platforms, None
        if raw is None:
            return False
        try:
            platforms = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise JournalCorruptError(f"{self.names_path} is damaged; run 'smn doctor'.") from exc
        for cid, doc in contacts.items():
            if "platforms" not in doc:  # contacts changed since in the log came with theirs
                doc["platforms"] = platforms.get(cid, [])
        return True

    def remove_old_generations(self) -> None:
        """Delete entries files older than the current and previous generation.

        The previous one is kept so that a process that read the old head a
        moment ago can still load it.
        """
        current = self.meta.get("entries_file")
        gen = int(self.meta.get("gen", 0))
        for p in self.path.parent.glob(f"{self.path.name}.entries-*"):
            suffix = p.name.rsplit("-", 1)[-1]
            if p.name == current or not suffix.isdigit():
                continue
            if int(suffix) < gen - 1 or int(suffix) > gen:
                try:
                    p.unlink()
                except OSError:
                    pass

    def log_size(self) -> int:
        try:
            return os.path.getsize(self.log_path)
        except OSError:
            return 0

    def remove_stale_temp_files(self) -> list[str]:
        """Temp files left behind by a writer that died (its process is gone)."""
        removed = []
        for folder in (self.path.parent, self.backup_dir):
            if not folder.is_dir():
                continue
            for p in folder.glob(".*.tmp-*"):
                pid = p.name.rsplit(".tmp-", 1)[-1].removeprefix("old-").split("-", 1)[0]
                if not pid.isdigit() or _alive(int(pid)):
                    continue
                try:
                    p.unlink()
                    removed.append(p.name)
                except OSError:
                    pass
        return removed

