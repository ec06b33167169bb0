"""One entry point for every import: read the file, plan against the journal, apply in one commit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from . import google, journal_json, linkedin, vcard
from .merge import JournalSnapshot, Progress, plan_people
from .plan import ImportFormatError, ImportPlan, ImportSummary
from .sources import MAX_BYTES, decode_text

KINDS: tuple[str, ...] = ("linkedin", "google", "vcard", "json")
_PARSERS = {"linkedin": linkedin.parse, "google": google.parse, "vcard": vcard.parse}


def read_file(path: Path | str) -> bytes:
    """The file's bytes; a clear :class:`ImportFormatError` when it cannot be read.

    Only a regular file is read: a FIFO would block forever and ``/dev/zero``
    never ends, so anything else is refused before it is opened, and the file
    is opened without blocking and checked again once open (it may have been
    swapped meanwhile). At most :data:`MAX_BYTES` are read.
    """
    p = Path(path).expanduser()
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise ImportFormatError(f"There is no file at {p}.") from None
    except OSError as exc:
        raise ImportFormatError(f"Could not read {p}: {exc.strerror or exc}.") from exc
    _check_regular(p, st)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except OSError as exc:
        raise ImportFormatError(f"Could not read {p}: {exc.strerror or exc}.") from exc
    try:
        opened = os.fstat(fd)
        _check_regular(p, opened)
        chunks = [os.read(fd, opened.st_size + 1)]  # one read in the usual case: no copy
        size = len(chunks[0])
        while chunks[-1] and size <= MAX_BYTES:  # the file grew since: read on, up to the bound
            chunks.append(os.read(fd, min(1 << 20, MAX_BYTES + 1 - size)))
            size += len(chunks[-1])
    except OSError as exc:
        raise ImportFormatError(f"Could not read {p}: {exc.strerror or exc}.") from exc
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise ImportFormatError(_too_big(p))
    return b"".join([c for c in chunks if c])  # one chunk is returned as it is, not copied


def _too_big(p: Path) -> str:
    return (f"{p} is bigger than {MAX_BYTES // (1024 * 1024)} MB, the most an import reads; "
            "no address book export comes near it.")


def _check_regular(p: Path, st: os.stat_result) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise ImportFormatError(f"{p} is a folder, not a file.")
    if not stat.S_ISREG(st.st_mode):
        raise ImportFormatError(f"{p} is not a regular file (a device, a pipe or a socket); "
                                "smn imports only files.")
    if st.st_size > MAX_BYTES:
        raise ImportFormatError(_too_big(p))


def detect_kind(path: Path | str, data: bytes) -> str:
    """Which import a file is for, from its content (then its name)."""
    if journal_json.looks_like(data):
        return "json"
    try:
        text = decode_text(data[:65536], "an export")
    except ImportFormatError:
        text = ""
    if vcard.looks_like(text):
        return "vcard"
    if linkedin.looks_like(text):
        return "linkedin"
    if google.looks_like(text):
        return "google"
    suffix = Path(path).suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix == ".json":
        return "json"
    raise ImportFormatError("Cannot tell what kind of export this is; choose LinkedIn, Google, vCard or JSON.")


def plan_import(kind: str, data: bytes, snapshot: JournalSnapshot, *, source: str,
                progress: Progress | None = None) -> ImportPlan:
    """What importing ``data`` as ``kind`` would do. Reads nothing but its arguments; writes nothing."""
    if kind == "json":
        return journal_json.plan_json(data, snapshot, source=source, progress=progress)
    try:
        parse = _PARSERS[kind]
    except KeyError:
        raise ImportFormatError(f"Unknown import kind '{kind}'; choose one of {', '.join(KINDS)}.") from None
    return plan_people(parse(data), snapshot, source=source, progress=progress)


def needs_entries(kind: str) -> bool:
    """Whether planning this kind must know the journal's entries (to avoid repeating them)."""
    return kind in ("linkedin", "json")


def apply_plan(store, plan: ImportPlan) -> ImportSummary:
    """Write the plan in one durable commit: all of it, or (on error) none of it."""
    if plan.writes_anything:
        store.add_many(plan.records())
    return plan.summary(dry_run=False)


def import_file(store, kind: str, path: Path | str, *, dry_run: bool = False,
                progress: Progress | None = None) -> ImportSummary:
    """Read, plan and (unless ``dry_run``) apply an import on an open store."""
    data = read_file(path)
    snapshot = JournalSnapshot.take(store, entries=needs_entries(kind))
    plan = plan_import(kind, data, snapshot, source=Path(path).name, progress=progress)
    if dry_run:
        return plan.summary(dry_run=True)
    return apply_plan(store, plan)
