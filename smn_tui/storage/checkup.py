"""What ``smn doctor`` finds: every file of a journal read and checked, nothing changed.

The checks go further than opening does: every record is validated against
the domain model, references between records are followed, the names index
and every backup are verified, and a damaged journal is never called healthy.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.models import SCHEMA_VERSION, Contact, HelpfulAct, Interaction, ValidationError, WeeklyAudit
from ..domain.wording import count_of
from .backups import Backup, list_backups, read_backup
from .errors import JournalForeignError, StorageError
from .journal_file import ENTRY_TABLES, TABLES, JournalFile

__all__ = ["Diagnosis", "diagnose", "restore_hint", "usable_backup"]

_MODELS: dict[str, type[Contact | Interaction | HelpfulAct | WeeklyAudit]] = {
    "contacts": Contact, "interactions": Interaction, "acts": HelpfulAct, "audits": WeeklyAudit}
#: How many bad records of one table are named before the rest are only counted.
_SHOWN = 3


@dataclass
class Diagnosis:
    """The state of one journal and its backups."""

    path: Path
    files: list[tuple[str, int]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    log_entries: int = 0
    schema: int | None = None
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    backups: list[Backup] = field(default_factory=list)
    damaged_backups: list[str] = field(default_factory=list)
    foreign: bool = False
    encrypted: bool = False
    recipient: str = ""

    @property
    def healthy(self) -> bool:
        return not self.problems and not self.warnings


def _size(p: Path) -> int | None:
    try:
        return p.stat().st_size if p.is_file() else None
    except OSError:
        return None


def diagnose(path: Path) -> Diagnosis:
    """Read every file of the journal at ``path`` (every device's) and its backups; report, never repair."""
    from .sync.devices import own_file
    from .sync.layout import JournalLayout

    jf = own_file(path)
    layout = JournalLayout(jf.path.parent / Path(path).name)
    d = Diagnosis(layout.path)
    if not jf.exists and not layout.exists:
        d.problems.append(f"There is no journal at {layout.path}.")
    else:
        if jf.exists:
            _list_files(jf, d)
            _check_journal(jf, d)
        _check_devices(layout, d)
    d.backups = list_backups(jf)
    for b in d.backups:
        try:
            read_backup(b.path, jf)
        except StorageError as exc:
            d.damaged_backups.append(b.path.name)
            d.warnings.append(f"The backup {b.path.name} cannot be used: {exc}")
    return d


def _check_devices(layout: Any, d: Diagnosis) -> None:
    """Every other device's files, each read whole; any damage is named with the device. With other
    devices, the journal's counts and records are those of all of them together."""
    from .sync.devices import devices_of
    from .sync.layout import conflict_original

    others = [r for r in devices_of(layout.path) if not r.this and r.last_write is not None]
    for row in others:
        theirs = JournalFile(row.head)
        _list_files(theirs, d)
        try:
            theirs.load(entries=True)
        except StorageError as exc:
            d.problems.append(f"The files of the device {row.device or '(before devices)'} ({row.names}) "
                              f"are damaged: {exc}")
    copies = [p.name for p in layout.folder.iterdir() if p.name.startswith(layout.path.stem)
              and conflict_original(p.name)] if layout.folder.is_dir() else []
    if copies:
        d.warnings.append(f"{len(copies)} cop{'y' if len(copies) == 1 else 'ies'} of journal files set aside by a "
                          f"sync tool ({', '.join(sorted(copies)[:3])}); the next smn that writes folds them in "
                          "and moves them to the backups.")
    if not others or d.problems:
        return
    from .store import JournalStore

    try:
        with JournalStore(layout.path, read_only=True) as store:
            tables = store.export_tables()
    except StorageError as exc:
        d.problems.append(str(exc))
        return
    d.counts = {name: len(tables.get(name, {})) for name in TABLES}
    d.problems.extend(_record_problems(tables))
    d.problems.extend(_dangling(tables))


def _list_files(jf: JournalFile, d: Diagnosis) -> None:
    names = [jf.path, *jf.folder.entries_files(),
             jf.log_path, jf.names_path]
    for p in names:
        size = _size(p)
        if size is not None:
            d.files.append((p.name, size))


def _check_journal(jf: JournalFile, d: Diagnosis) -> None:
    try:
        result = jf.load(entries=False)
        jf.load_entries(result.tables)
    except JournalForeignError as exc:
        d.foreign = True
        d.problems.append(str(exc))
        return
    except StorageError as exc:
        d.problems.append(str(exc))
        return
    tables = result.tables
    d.encrypted = jf.codec.encrypted
    d.recipient = str(result.meta.get("recipient", "")) if d.encrypted else ""
    if d.encrypted and d.recipient and d.recipient != jf.codec.recipient:
        d.problems.append(f"The journal says it is encrypted to {d.recipient}, but it opened with another "
                          f"identity ({jf.codec.recipient}).")
    from .crypt import plaintext_leftovers

    leftovers = plaintext_leftovers(jf)
    if leftovers:
        d.warnings.append(f"{', '.join(leftovers)} lie in the clear beside the encrypted journal (left by an "
                          "interrupted 'smn encrypt'); running 'smn encrypt' again removes them.")
    d.counts = {name: len(tables.get(name, {})) for name in TABLES}
    d.log_entries = result.log_lines
    d.warnings.extend(result.warnings)
    schema = int(result.meta.get("schema", 1))
    d.schema = schema
    if schema < SCHEMA_VERSION:
        d.warnings.append(
            f"The journal is version {schema}; 'smn migrate' brings it up to version {SCHEMA_VERSION} "
            "(after a backup), as does any command that writes."
        )
        from .migrations import migrate_tables

        tables = migrate_tables({name: tables.get(name, {}) for name in TABLES}, schema)
    d.problems.extend(_record_problems(tables))
    d.problems.extend(_dangling(tables))
    if jf.names_path.exists() and not d.problems and JournalFile(jf.path).load_quick() is None:
        d.warnings.append(
            f"{jf.names_path.name} (the index quick captures read) is out of date or damaged; quick "
            "captures read the whole journal until the next compaction rebuilds it."
        )
    temps = [p.name for folder in (jf.path.parent, jf.backup_dir) if folder.is_dir()
             for p in folder.glob(f".{glob.escape(jf.path.name)}*.tmp-*")]
    if temps:
        d.warnings.append(
            f"{len(temps)} temporary file(s) from an interrupted write are lying around "
            f"({', '.join(sorted(temps)[:3])}); the next save removes them."
        )


def _record_problems(tables: dict[str, dict[str, Any]]) -> Iterable[str]:
    """Every record checked against the domain model: the first few named, the rest counted."""
    for name, model in _MODELS.items():
        bad: list[str] = []
        for rid, doc in tables.get(name, {}).items():
            try:
                record = model.from_doc(doc)
            except (ValidationError, TypeError, ValueError) as exc:
                bad.append(f"{str(rid)[:40]} ({exc})")
                continue
            if record.id != rid:
                bad.append(f"{str(rid)[:40]} (stored under another id)")
        if bad:
            more = f" and {len(bad) - _SHOWN} more" if len(bad) > _SHOWN else ""
            yield f"{len(bad)} {name} cannot be read as valid records: {'; '.join(bad[:_SHOWN])}{more}."


def _dangling(tables: dict[str, dict[str, Any]]) -> Iterable[str]:
    contacts = tables.get("contacts", {})
    for name in ENTRY_TABLES:
        dangling = 0
        example = ""
        for rid, doc in tables.get(name, {}).items():
            ids = doc.get("contact_ids", []) if isinstance(doc, dict) else []
            missing = [c for c in ids if c not in contacts]
            if missing:
                dangling += 1
                example = example or f"{rid} -> {missing[0]}"
        if dangling:
            refer = "refers" if dangling == 1 else "refer"
            yield (f"{count_of(dangling, name.removesuffix('s'))} {refer} to contacts that are not in the journal "
                   f"(e.g. {example}).")


def restore_hint(d: Diagnosis) -> str:
    """Which backup ``smn restore`` would put back, as a sentence (or why there is none)."""
    for i, b in enumerate(d.backups, 1):
        if b.path.name not in d.damaged_backups:
            return (f"'smn restore {i}' would put back {b.path.name} (taken {b.taken:%Y-%m-%d %H:%M} UTC, "
                    "a backup that checks out).")
    if d.backups:
        return "No backup checks out, so 'smn restore' has nothing safe to put back."
    return "There are no backups of this journal to restore."


def usable_backup(path: Path) -> tuple[int, Backup] | None:
    """The newest backup of the journal at ``path`` that checks out, with its number in 'smn restore --list'."""
    jf = JournalFile(path)
    for i, b in enumerate(list_backups(jf), 1):
        try:
            read_backup(b.path, jf)
        except StorageError:
            continue
        return i, b
    return None
