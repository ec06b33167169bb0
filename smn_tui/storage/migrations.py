"""Journal schema versions and the pure functions that move a journal between them.

Version 1 is a stock TinyDB file: each table keyed by TinyDB's integer document
ids (``"1"``, ``"2"``...), the stable record id kept inside the document, and
the header as a one-row ``_smn`` table. Version 2 keys every table by the
record's stable id, so journals can be merged and a record keeps its key
through any rewrite. Version 3 adds checksums: the head's header (now written
last) and every backup carry the SHA-256 of their bytes, the header that of the
entries file, and each change-log line a hash chained from the line before.
Version 4 is one journal on several devices: the head and the first line of
its log name the device that writes them (other devices write files of their
own beside them), the head keeps tombstones of deletes and how far it has
folded in each other device's changes, and commit lines carry the stamps the
last-writer rule compares.

Each migration takes the tables of version N and returns those of N + 1; it
neither reads nor writes files. The store takes a backup before it migrates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..domain.models import SCHEMA_VERSION, new_id

if TYPE_CHECKING:
    from pathlib import Path

    from .journal_file import JournalFile

Tables = dict[str, dict[str, dict[str, Any]]]


def v1_to_v2(tables: Tables) -> Tables:
    """Re-key every table by the record's own id (a new one where it had none)."""
    out: Tables = {}
    for name, table in tables.items():
        rekeyed: dict[str, dict[str, Any]] = {}
        for doc in table.values():
            doc = dict(doc)
            rid = doc.get("id") or new_id()
            doc["id"] = rid
            if name == "contacts":
                doc["platforms"] = [
                    [p["platform"], p.get("handle", "")] if isinstance(p, dict) else list(p)
                    for p in doc.get("platforms", [])
                ]
            rekeyed[rid] = doc
        out[name] = rekeyed
    return out


def v2_to_v3(tables: Tables) -> Tables:
    """Version 3 changed the files, not the records: checksums on every file and log line."""
    return tables


def v3_to_v4(tables: Tables) -> Tables:
    """Version 4 changed the files, not the records: a device writes them, others write their own."""
    return tables


#: MIGRATIONS[n] moves a journal from version n to n + 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {
    1: v1_to_v2,
    2: v2_to_v3,
    3: v3_to_v4,
}


def migrate_tables(tables: Tables, from_version: int) -> Tables:
    """Apply every migration from ``from_version`` up to the current version, in order."""
    version = from_version
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
    return tables


def migrate_in_memory(tables: Tables, meta: dict[str, Any], warnings: list[str], path: Any) -> Tables:
    """Read an older journal as the current version without writing anything (read-only commands)."""
    old = int(meta.get("schema", 1))
    warnings.append(
        f"{path} is a version {old} journal; this smn writes version {SCHEMA_VERSION}. It was read as it "
        "is and nothing was changed; 'smn migrate' brings it up to date (after a backup)."
    )
    return migrate_tables(tables, old)


def migrate_loaded(jf: JournalFile, tables: Tables) -> tuple[Path, bool]:
    """Bring a just-loaded journal up to date: back it up, migrate ``tables`` in place, save atomically.

    Returns the backup taken first, and whether another smn migrated (or wrote) meanwhile, in which
    case nothing was written and the journal must be read again.
    """
    from .backups import take_backup
    from .journal_file import TABLES

    old = int(jf.meta.get("schema", 1))
    jf.load_entries(tables)
    backup = take_backup(jf, tables, jf.meta, reason=f"before-migration-v{old}")
    migrated = migrate_tables({name: tables.get(name, {}) for name in TABLES}, old)
    tables.clear()
    tables.update(migrated)
    with jf.acquire_write():
        again = jf.changed_on_disk() != "none"
        if not again:
            jf.write_snapshot(tables, {**jf.meta, "schema": SCHEMA_VERSION})
    return backup, again
