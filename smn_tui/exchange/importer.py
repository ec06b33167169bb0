"""One entry point for every import: read the file, plan against the journal, apply in one commit."""

from __future__ import annotations

from pathlib import Path

from . import google, journal_json, linkedin, vcard
from .merge import JournalSnapshot, Progress, plan_people
from .plan import ImportFormatError, ImportPlan, ImportSummary
from .sources import MAX_BYTES, decode_text

KINDS: tuple[str, ...] = ("linkedin", "google", "vcard", "json")
_PARSERS = {"linkedin": linkedin.parse, "google": google.parse, "vcard": vcard.parse}


def read_file(path: Path | str) -> bytes:
    """The file's bytes; a clear :class:`ImportFormatError` when it cannot be read."""
    p = Path(path).expanduser()
    if not p.exists():
        raise ImportFormatError(f"There is no file at {p}.")
    if p.is_dir():
        raise ImportFormatError(f"{p} is a folder, not a file.")
    try:
        if p.stat().st_size > MAX_BYTES:
            raise ImportFormatError(f"{p} is too big to be an address book export.")
        return p.read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"Could not read {p}: {exc.strerror or exc}.") from exc


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
