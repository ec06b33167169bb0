"""One entry point for every import: read the file, plan against the journal, apply in one commit."""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import google, ics, journal_json, linkedin, outlook, vcard
from .formats import IMPORT_FORMATS, formats_sentence
from .merge import JournalSnapshot, Progress, plan_people
from .plan import ImportFormatError, ImportOptions, ImportPlan, ImportSummary, ParsedFile, WrongFormatError
from .ports import ImportTarget, RecordWriter
from .sources import MAX_BYTES, decode_text

#: The names ``smn import`` takes, in the registry's order.
KINDS: tuple[str, ...] = tuple(IMPORT_FORMATS)
#: Readers of files of people (calendars and smn JSON are planned by their own modules).
_PARSERS = {"linkedin": linkedin.parse, "google": google.parse, "outlook": outlook.parse, "vcard": vcard.parse}
#: Content sniffers, most specific first (an Outlook header would pass for a Google one).
_DETECT = (("vcard", vcard.looks_like), ("ics", ics.looks_like), ("linkedin", linkedin.looks_like),
           ("outlook", outlook.looks_like), ("google", google.looks_like))


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
    for name, looks_like in _DETECT:
        if looks_like(text):
            return name
    suffix = Path(path).suffix.lower()
    for fmt in IMPORT_FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt.name
    raise WrongFormatError(f"Cannot tell what kind of export this is; smn reads {formats_sentence()}.")


def phone_region(options: ImportOptions) -> str | None:
    """The region for phone numbers written without a country code: the option's, else the settings'."""
    if options.region is not None:
        return options.region or None
    from ..settings import load_settings

    return load_settings().phone_region or None


@dataclass
class PreparedImport:
    """A file read and checked, not yet planned against the journal: every format error is raised
    before the journal is opened, so a wrong file never touches it."""

    kind: str
    source: str
    options: ImportOptions
    content: ParsedFile | ics.Calendar | dict[str, Any]  # people, a calendar (ics) or the export's body (json)

    def plan(self, snapshot: JournalSnapshot, progress: Progress | None = None) -> ImportPlan:
        """What importing the file would do to the journal ``snapshot`` was taken of (once: the
        people read are let go of as they are planned)."""
        region = self.options.region
        content = self.content
        if isinstance(content, ParsedFile):
            return plan_people(content, snapshot, source=self.source, progress=progress, region=region)
        if isinstance(content, ics.Calendar):
            return ics.plan_calendar(content, snapshot, source=self.source, progress=progress,
                                     options=self.options)
        return journal_json.plan_json(content, snapshot, source=self.source, progress=progress, region=region)


def prepare_import(kind: str, data: bytes, *, source: str, options: ImportOptions | None = None) -> PreparedImport:
    """Read ``data`` as ``kind``; raises :class:`ImportFormatError` (naming what the file looks like
    instead, or what smn reads) when it is not that."""
    if kind not in IMPORT_FORMATS:
        raise ImportFormatError(f"Unknown import kind '{kind}'; choose one of {', '.join(KINDS)}.")
    options = options or ImportOptions()
    options = replace(options, region=phone_region(options))
    region = options.region
    try:
        if kind == "json":
            content: ParsedFile | ics.Calendar | dict[str, Any] = journal_json.load(data)
        elif kind == "ics":
            content = ics.read_calendar(data, options)
        else:
            content = _PARSERS[kind](data, region)
    except WrongFormatError as exc:
        raise WrongFormatError(f"{exc} {_hint(kind, source, data)}") from exc
    return PreparedImport(kind, source, options, content)


def plan_import(kind: str, data: bytes, snapshot: JournalSnapshot, *, source: str,
                progress: Progress | None = None, options: ImportOptions | None = None) -> ImportPlan:
    """What importing ``data`` as ``kind`` would do. Reads nothing but its arguments (and the settings'
    phone region when ``options`` names none); writes nothing."""
    return prepare_import(kind, data, source=source, options=options).plan(snapshot, progress)


def _hint(kind: str, source: str, data: bytes) -> str:
    """Which format the file looks like instead, or the formats smn reads."""
    try:
        other = detect_kind(source, data)
    except ImportFormatError:
        other = kind
    if other != kind:
        fmt = IMPORT_FORMATS[other]
        return f"It looks like {fmt.description}: import it as '{other}'."
    return f"smn reads {formats_sentence()}."


def needs_entries(kind: str) -> bool:
    """Whether planning this kind must know the journal's entries (to avoid repeating them)."""
    return kind in ("linkedin", "json", "ics")


def apply_plan(store: RecordWriter, plan: ImportPlan) -> ImportSummary:
    """Write the plan in one durable commit: all of it, or (on error) none of it."""
    if plan.writes_anything:
        store.add_many(plan.records())
    return plan.summary(dry_run=False)


def import_file(store: ImportTarget, kind: str, path: Path | str, *, dry_run: bool = False,
                progress: Progress | None = None, options: ImportOptions | None = None) -> ImportSummary:
    """Read, plan and (unless ``dry_run``) apply an import on an open store."""
    with _collector_paused():
        prepared = prepare_import(kind, read_file(path), source=Path(path).name, options=options)
        snapshot = JournalSnapshot.take(store, entries=needs_entries(kind))
        plan = prepared.plan(snapshot, progress)
        del prepared  # what was read is in the plan now
        if dry_run:
            return plan.summary(dry_run=True)
        return apply_plan(store, plan)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """An import builds hundreds of thousands of objects and no reference cycles; the cyclic garbage
    collector would walk the whole heap again and again meanwhile (in the app, a journal of 30,000
    people with it), taking a third of the time. It runs again, as before, when the import ends."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
