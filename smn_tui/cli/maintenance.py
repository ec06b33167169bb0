"""Looking after the journal: ``smn doctor`` and ``smn restore``.

``doctor`` only reads: it never migrates, repairs or compacts. ``restore``
puts a backup in place after moving the current files aside.
"""

from __future__ import annotations

from pathlib import Path

from . import EXIT_ERROR, EXIT_OK, Context, UserError, journal_path, user_path


def register(sub, db_option) -> None:
    doctor = sub.add_parser("doctor", help="check the journal and its backups (changes nothing)")
    db_option(doctor)
    doctor.set_defaults(handler=doctor_cmd)

    restore = sub.add_parser("restore", help="list backups, or put one back in place of the journal")
    restore.add_argument("backup", nargs="?", metavar="BACKUP",
                         help="a number from --list (1 is the newest), a backup file name or a path")
    restore.add_argument("--list", action="store_true", help="list the backups, newest first (the default)")
    db_option(restore)
    restore.set_defaults(handler=restore_cmd)


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _file_size(p: Path | None) -> int | None:
    try:
        return p.stat().st_size if p is not None else None
    except OSError:
        return None


def diagnose(path: Path) -> dict:
    """What ``smn doctor`` reports, as data: files, counts, warnings, problems, backups."""
    from ..domain.models import SCHEMA_VERSION
    from ..storage.backups import list_backups
    from ..storage.journal_file import ENTRY_TABLES, TABLES, JournalFile, StorageError

    jf = JournalFile(path)
    report: dict = {"path": str(jf.path), "files": [], "counts": {}, "log_entries": 0,
                    "warnings": [], "problems": [], "backups": []}
    if not jf.exists:
        report["problems"].append(f"There is no journal at {jf.path}.")
    else:
        for p in (jf.path, jf.log_path):
            size = _file_size(p)
            if size is not None:
                report["files"].append((p.name, size))
        try:
            result = jf.load(entries=False)
            epath = jf.entries_path()
            if epath is not None:
                size = _file_size(epath)
                if size is not None:
                    report["files"].insert(1, (epath.name, size))
            jf.load_entries(result.tables)
        except StorageError as exc:
            report["problems"].append(str(exc))
        else:
            tables = result.tables
            report["counts"] = {name: len(tables.get(name, {})) for name in TABLES}
            report["log_entries"] = result.log_lines
            report["warnings"].extend(result.warnings)
            schema = int(result.meta.get("schema", 1)) if isinstance(result.meta.get("schema", 1), int) else 1
            report["schema"] = schema
            if schema < SCHEMA_VERSION:
                report["warnings"].append(
                    f"The journal is version {schema}; it will be brought up to version {SCHEMA_VERSION} "
                    "(after a backup) the next time smn opens it."
                )
            contacts = tables.get("contacts", {})
            # A version 1 journal keys records by number and keeps the id inside.
            known = set(contacts) | {d.get("id") for d in contacts.values() if isinstance(d, dict)}
            for name in ENTRY_TABLES:
                dangling = 0
                example = ""
                for rid, doc in tables.get(name, {}).items():
                    ids = doc.get("contact_ids", []) if isinstance(doc, dict) else []
                    missing = [c for c in ids if c not in known]
                    if missing:
                        dangling += 1
                        example = example or f"{rid} -> {missing[0]}"
                if dangling:
                    report["problems"].append(
                        f"{dangling} {name} refer to contacts that are not in the journal (e.g. {example})."
                    )
        size = _file_size(jf.names_path)
        if size is not None:
            report["files"].append((jf.names_path.name, size))
            if not report["problems"] and JournalFile(path).load_quick() is None:
                report["warnings"].append(
                    f"{jf.names_path.name} (the index quick captures read) is out of date; quick "
                    "captures read the whole journal until the app rebuilds it on its next close."
                )
        temps = [p.name for folder in (jf.path.parent, jf.backup_dir) if folder.is_dir()
                 for p in folder.glob(f".{jf.path.name}*.tmp-*")]
        if temps:
            report["warnings"].append(
                f"{len(temps)} temporary file(s) from an interrupted write are lying around "
                f"({', '.join(sorted(temps)[:3])}); the next save removes them."
            )
    report["backups"] = list_backups(jf)
    return report


def doctor_cmd(ctx: Context) -> int:
    path = journal_path(ctx.args)
    r = diagnose(path)
    ctx.print(f"Journal: {r['path']}")
    for name, size in r["files"]:
        ctx.print(f"  {name:<32} {_size(size):>10}")
    if r["counts"]:
        ctx.print("Records: " + ", ".join(f"{n} {name}" for name, n in r["counts"].items()))
        ctx.print(f"Change log: {r['log_entries']} entr{'y' if r['log_entries'] == 1 else 'ies'} "
                  "not yet folded into the snapshot")
    backups = r["backups"]
    if backups:
        newest = backups[0]
        ctx.print(f"Backups: {len(backups)}, newest {newest.taken:%Y-%m-%d %H:%M} UTC ({newest.reason})")
    else:
        ctx.print("Backups: none yet")
    for w in r["warnings"]:
        ctx.print(f"Warning: {w}")
    for p in r["problems"]:
        ctx.print(f"Problem: {p}")
    if r["problems"]:
        ctx.print("The journal needs attention: 'smn restore --list' shows the backups you can go back to.")
        return EXIT_ERROR
    ctx.print("The journal is healthy." if not r["warnings"] else "The journal is usable (see the warnings).")
    return EXIT_OK


def _pick(backups, wanted: str, jf) -> Path:
    if wanted.isdigit():
        n = int(wanted)
        if not 1 <= n <= len(backups):
            raise UserError(f"There is no backup number {n}; 'smn restore --list' shows {len(backups)}.")
        return backups[n - 1].path
    for b in backups:
        if b.path.name == wanted:
            return b.path
    p = user_path(wanted, "BACKUP")
    if p.is_file():
        return p
    raise UserError(f"No backup called '{wanted}'. 'smn restore --list' shows the backups.")


def restore_cmd(ctx: Context) -> int:
    from ..storage.backups import list_backups, restore_backup
    from ..storage.journal_file import JournalFile, JournalLockedError

    jf = JournalFile(journal_path(ctx.args))
    backups = list_backups(jf)
    if ctx.args.list or not ctx.args.backup:
        if not backups:
            ctx.print(f"No backups of {jf.path} yet (they are kept in {jf.backup_dir}).")
            return EXIT_OK
        ctx.print(f"Backups of {jf.path}, newest first:")
        for i, b in enumerate(backups, 1):
            ctx.print(f"  {i:>2}  {b.taken:%Y-%m-%d %H:%M:%S} UTC  {b.reason:<22} {_size(b.size):>10}  {b.path.name}")
        ctx.print("Restore one with 'smn restore NUMBER'.")
        return EXIT_OK
    chosen = _pick(backups, ctx.args.backup, jf)
    try:
        jf.claim_app()  # nobody may have the journal open in the app while it is replaced
    except JournalLockedError as exc:
        raise UserError(f"Close smn first: it has {jf.path} open in another window.") from exc
    try:
        aside = restore_backup(jf, chosen)
    finally:
        jf.release_app()
    ctx.print(f"Restored {jf.path} from {chosen.name}.")
    if aside is not None:
        ctx.print(f"The journal as it was is kept in {aside}.")
    return EXIT_OK
