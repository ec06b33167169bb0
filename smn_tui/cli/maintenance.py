"""Looking after the journal: ``smn doctor``, ``smn restore`` and ``smn migrate``.

``doctor`` only reads: it never migrates, repairs or compacts. ``restore``
puts a backup in place in one atomic switch after keeping the journal as it
was; ``migrate`` brings an older journal up to date after a backup.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.wording import count_of
from . import EXIT_ERROR, EXIT_OK, Context, DbOption, Subcommands, UserError, journal_path, user_path

if TYPE_CHECKING:
    from ..storage.backups import Backup, Restored
    from ..storage.journal_file import JournalFile


def register(sub: Subcommands, db_option: DbOption) -> None:
    doctor = sub.add_parser("doctor", help="check the journal and its backups (changes nothing)")
    db_option(doctor)
    doctor.set_defaults(handler=doctor_cmd)

    restore = sub.add_parser("restore", help="list backups, or put one back in place of the journal")
    restore.add_argument("backup", nargs="?", metavar="BACKUP",
                         help="a number from --list (1 is the newest), a backup file name or a path")
    restore.add_argument("--list", action="store_true", help="list the backups, newest first (the default)")
    db_option(restore)
    restore.set_defaults(handler=restore_cmd)

    migrate = sub.add_parser("migrate", help="bring a journal written by an older smn up to date (after a backup)")
    db_option(migrate)
    migrate.set_defaults(handler=migrate_cmd)


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def doctor_cmd(ctx: Context) -> int:
    from ..storage.checkup import diagnose, restore_hint

    r = diagnose(journal_path(ctx.args))
    ctx.print(f"Journal: {r.path}")
    for name, size in r.files:
        ctx.print(f"  {name:<32} {_size(size):>10}")
    if r.counts:
        ctx.print(f"Encrypted: yes, to {r.recipient} (age)" if r.encrypted else "Encrypted: no")
        # The counts are named by their tables ("contacts", "acts"): one of them is said singular.
        ctx.print("Records: " + ", ".join(count_of(n, name.removesuffix("s")) for name, n in r.counts.items()))
        ctx.print(f"Change log: {count_of(r.log_entries, 'entry')} not yet folded into the snapshot")
    if r.backups:
        newest = r.backups[0]
        bad = f", {len(r.damaged_backups)} damaged" if r.damaged_backups else ""
        ctx.print(f"Backups: {len(r.backups)}{bad}, newest {newest.taken:%Y-%m-%d %H:%M} UTC ({newest.reason})")
    else:
        ctx.print("Backups: none yet")
    for w in r.warnings:
        ctx.print(f"Warning: {w}")
    for p in r.problems:
        ctx.print(f"Problem: {p}")
    if r.problems:
        if r.foreign:
            ctx.print("This is not an smn journal; smn changes nothing in it. Point --db or SMN_DB at your journal.")
        else:
            ctx.print("The journal is damaged. " + restore_hint(r) + " 'smn restore --list' shows every backup.")
        return EXIT_ERROR
    ctx.print("The journal is healthy." if r.healthy else "The journal is usable (see the warnings).")
    return EXIT_OK


def _pick(backups: list[Backup], wanted: str) -> Path:
    if wanted.isdigit():
        n = int(wanted)
        if not 1 <= n <= len(backups):
            raise UserError(f"There is no backup number {n}; 'smn restore --list' shows {len(backups)}.")
        return Path(backups[n - 1].path)
    for b in backups:
        if b.path.name == wanted:
            return Path(b.path)
    p = user_path(wanted, "BACKUP")
    if p.is_file():
        return p
    raise UserError(f"No backup called '{wanted}'. 'smn restore --list' shows the backups.")


def restore_cmd(ctx: Context) -> int:
    from ..storage.backups import list_backups
    from ..storage.journal_file import JournalLockedError
    from ..storage.sync.devices import own_file

    jf = own_file(journal_path(ctx.args))
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
    chosen = _pick(backups, ctx.args.backup)
    try:
        jf.claim_app()  # nobody may have the journal open in the app while it is replaced
    except JournalLockedError as exc:
        raise UserError(f"Close smn first: it has {jf.path} open in another window.") from exc
    try:
        done = _restore(journal_path(ctx.args), jf, chosen)
    finally:
        jf.release_app()
    ctx.print(f"Restored {jf.path} from {chosen.name}.")
    if done.kept is not None and done.kept_damaged:
        ctx.print(f"The damaged journal's files are kept, byte for byte, in {done.kept}.")
    elif done.kept is not None:
        ctx.print(f"The journal as it was is kept as the backup {done.kept.name} "
                  f"('smn restore {done.kept.name}' puts it back).")
    return EXIT_OK


def _restore(path: Path, jf: JournalFile, chosen: Path) -> Restored:
    """Put ``chosen`` back: by switching this device's files when it is the only one writing, else as
    one change every device sees (see storage/backups.py)."""
    from ..storage.backups import restore_backup, restore_by_changes
    from ..storage.store import JournalStore
    from ..storage.sync.devices import devices_of

    if sum(1 for d in devices_of(path) if d.last_write is not None and not d.this) == 0:
        return restore_backup(jf, chosen)
    with JournalStore(path) as store:
        return restore_by_changes(store, chosen)


def migrate_cmd(ctx: Context) -> int:
    from ..domain.models import SCHEMA_VERSION
    from ..storage.sync.devices import own_file

    path = journal_path(ctx.args)
    jf = own_file(path)
    if not jf.exists:
        raise UserError(f"There is no journal at {jf.path}.")
    before = jf.load(entries=False).meta.get("schema", SCHEMA_VERSION)
    if before >= SCHEMA_VERSION:
        ctx.print(f"{jf.path} is up to date (version {SCHEMA_VERSION}); nothing was changed.")
        return EXIT_OK
    with ctx.open_store() as store:
        backup = next((w for w in store.migration_backups), None)
    where = f" The journal as it was is kept as the backup {backup.name}." if backup else ""
    ctx.print(f"Brought {jf.path} from version {before} up to version {SCHEMA_VERSION}.{where}")
    return EXIT_OK
