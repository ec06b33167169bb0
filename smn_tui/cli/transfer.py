"""``smn import`` and ``smn export``: bring people in, take everything out."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from . import Context, DbOption, Subcommands, UserError, user_path

if TYPE_CHECKING:
    from ..domain.dates import Week
    from ..storage.disk.codec import AgeCodec, Codec
    from ..storage.store import JournalStore

_EXPORT_FORMATS = {
    "json": "the whole journal, lossless (import it back with 'smn import json')",
    "csv": "one spreadsheet per kind: contacts, interactions, acts, audits",
    "vcard": "contacts as vCard 3.0 (or 4.0) for phones and address books",
    "md": "the weekly review as Markdown",
}


def _region(text: str) -> str:
    from ..domain.platforms import is_phone_region

    if not is_phone_region(text):
        import argparse

        raise argparse.ArgumentTypeError(f"{text!r} is not a two-letter region code such as ES, GB or US")
    return text.upper()


def register(sub: Subcommands, db_option: DbOption) -> None:
    from ..exchange.formats import IMPORT_FORMATS

    imp = sub.add_parser("import", help="bring contacts in from LinkedIn, Google, Outlook, vCard, a calendar "
                                        "or an smn JSON export")
    imp.add_argument("kind", choices=tuple(IMPORT_FORMATS),
                     help="; ".join(f"{f.name}: {f.description}" for f in IMPORT_FORMATS.values()))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="show what would happen and write nothing")
    imp.add_argument("--phone-region", type=_region, metavar="CC",
                     help="where numbers without a country code are from (ES, GB...; default: the settings')")
    imp.add_argument("--new", action="store_true", help="ics: add attendees who are not contacts yet")
    imp.add_argument("--me", action="append", default=[], metavar="ADDRESS",
                     help="ics: your own e-mail address, never added as a contact (repeatable)")
    db_option(imp)
    imp.set_defaults(handler=import_command)

    exp = sub.add_parser("export", help="write the journal out as JSON, CSV, vCard or a Markdown review")
    esub = exp.add_subparsers(dest="export_format", metavar="FORMAT", required=True, parser_class=type(exp))
    for fmt, help_text in _EXPORT_FORMATS.items():
        p = esub.add_parser(fmt, help=help_text)
        if fmt == "csv":
            p.add_argument("--out", required=True, metavar="DIR", help="folder for the CSV files")
        else:
            p.add_argument("--out", metavar="PATH", help="file to write (default: standard output)")
        if fmt == "md":
            p.add_argument("--week", default="this week", metavar="2026-W48|DATE")
        if fmt == "vcard":
            p.add_argument("--vcard-version", choices=("3.0", "4.0"), default="3.0",
                           help="3.0 (the default) is what phones read best")
        p.add_argument("--force", action="store_true", help="replace existing files")
        p.add_argument("--plain", action="store_true",
                       help="for an encrypted journal: write the export in the clear (it is encrypted otherwise)")
        db_option(p)
        p.set_defaults(handler=export_command)


# ---------------------------------------------------------------------- import


class _Progress:
    """'\rimported N/M' on a terminal's stderr while a big import is planned; one final line always."""

    def __init__(self, ctx: Context, verb: str) -> None:
        self.err = ctx.err
        self.verb = verb
        isatty = getattr(ctx.err, "isatty", None)
        self.live = bool(isatty and isatty())
        self.total = 0

    def __call__(self, done: int, total: int) -> None:
        self.total = total
        if self.live and done < total:
            self.err.write(f"\r{self.verb} {done}/{total}")
            self.err.flush()

    def finish(self) -> None:
        self.err.write(("\r" if self.live else "") + f"{self.verb} {self.total}/{self.total}\n")


def import_command(ctx: Context) -> int:
    from ..exchange.importer import apply_plan, needs_entries, prepare_import, read_file
    from ..exchange.merge import JournalSnapshot
    from ..exchange.plan import ImportFormatError, ImportOptions
    from ..storage.journal_file import JournalFile
    from . import journal_path

    a = ctx.args
    if (a.new or a.me) and a.kind != "ics":
        raise UserError("--new and --me are for calendars (smn import ics).")
    path = user_path(a.file, "FILE")
    progress = _Progress(ctx, "read" if a.dry_run else "imported")
    options = ImportOptions(region=a.phone_region, create_new=a.new, me=tuple(a.me), today=ctx.today)
    try:
        # The file is read and checked before the journal is opened: a wrong file touches nothing.
        prepared = prepare_import(a.kind, read_file(path), source=path.name, options=options)
        if a.dry_run:
            # Read only: never create, compact or back up the journal.
            if JournalFile(journal_path(a)).exists:
                with ctx.open_store(create=False, read_only=True) as store:
                    snapshot = JournalSnapshot.take(store, entries=needs_entries(a.kind))
            else:
                snapshot = JournalSnapshot()
            summary = prepared.plan(snapshot, progress).summary(dry_run=True)
            progress.finish()
        else:
            with ctx.open_store() as store:
                snapshot = JournalSnapshot.take(store, entries=needs_entries(a.kind))
                summary = apply_plan(store, prepared.plan(snapshot, progress))
            progress.finish()
    except ImportFormatError as exc:  # one line, whatever a library put in its message
        raise UserError(f"{path.name}: {' '.join(str(exc).split())}") from exc
    ctx.out.write(summary.describe())
    return 0


# ---------------------------------------------------------------------- export


_NOT_FILES = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
              (stat.S_ISFIFO, "a FIFO (a named pipe)"), (stat.S_ISSOCK, "a socket"))


def export_target(path: Path) -> Path:
    """Where an export may write ``path``: a new file, an existing regular file, or the regular
    file a link points to (written there, so the link stays). Anything else is refused, with or
    without --force: writing would put a file in place of a device, a pipe or a folder."""
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            try:
                st = os.stat(path)
            except FileNotFoundError:
                raise UserError(f"{path} is a link to nothing ({os.readlink(path)}); exports write only to "
                                "regular files or standard output. Nothing was written.") from None
            path = path.resolve()
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}. Nothing was written.") from exc
    for test, kind in _NOT_FILES:
        if test(st.st_mode):
            raise UserError(f"{path} is {kind}; exports write only to regular files or standard output. "
                            "Nothing was written.")
    return path


def _refuse_existing(paths: list[Path], force: bool) -> None:
    if force:
        return
    existing = [p for p in paths if p.exists()]
    if existing:
        raise UserError(f"{existing[0]} already exists; add --force to replace it. Nothing was written.")


def _write(path: Path, data: bytes) -> None:
    from ..storage.journal_file import atomic_write_bytes

    path = export_target(path)  # once more: it may have changed while the export was made
    if not path.parent.is_dir():
        raise UserError(f"There is no folder {path.parent}. Nothing was written.")
    atomic_write_bytes(path, data, 0o600)


def export_command(ctx: Context) -> int:
    a = ctx.args
    if a.out is not None and not a.out.strip():
        raise UserError("--out needs a file path (leave it out for standard output).")
    out = user_path(a.out, "--out") if a.out else None
    if a.export_format == "csv":
        assert out is not None  # argparse requires --out for csv
        return _export_csv(ctx, out)
    return _export_file(ctx, out)


def _sealing(codec: Codec, plain: bool) -> AgeCodec | None:
    """The codec that encrypts the export: an encrypted journal's, unless --plain."""
    from ..storage.disk.codec import AgeCodec

    return codec if isinstance(codec, AgeCodec) and not plain else None


def _sealed_note(age: AgeCodec | None) -> str:
    if age is None:
        return ""
    return (f" (encrypted to {age.recipient}: 'age -d -i IDENTITY FILE' opens it; --plain writes it in the "
            "clear)")


def _export_csv(ctx: Context, out: Path) -> int:
    from ..exchange import export

    if out.exists() and not out.is_dir():
        raise UserError(f"{out} is not a folder; give a folder for the CSV files. Nothing was written.")
    targets = [export_target(out / name) for name in ("contacts.csv", "interactions.csv", "acts.csv",
                                                      "audits.csv")]
    _refuse_existing(targets, ctx.args.force)
    with ctx.read_store() as store:
        files = export.journal_csv(store)
        counts = store.stats()
        age = _sealing(store.file.codec, ctx.args.plain)
    if age is not None:
        files = {name: age.seal(blob) for name, blob in files.items()}
    if not out.exists():
        try:
            out.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise UserError(f"Could not create {out}: {exc.strerror or exc}. Nothing was written.") from exc
    for name, blob in files.items():
        _write(out / name, blob)
    ctx.print(f"Wrote {len(files)} files to {out}: " + ", ".join(
        f"{counts[n.removesuffix('.csv')]} {n.removesuffix('.csv')}" for n in files) + f".{_sealed_note(age)}")
    return 0


def _export_file(ctx: Context, out: Path | None) -> int:
    """json, vcard or md: to the file ``out``, or to standard output."""
    from .capture import parse_week

    a = ctx.args
    if out is not None:
        if out.is_dir():
            raise UserError(f"{out} is a folder; give a file name. Nothing was written.")
        _refuse_existing([export_target(out)], a.force)
    week = parse_week(ctx, a.week) if a.export_format == "md" else None
    with ctx.read_store() as store:
        data = _file_bytes(ctx, store, week)
        age = _sealing(store.file.codec, a.plain)
    if age is not None:
        if out is None:
            import pyrage

            data = pyrage.encrypt(data, [age.public], armored=True)
        else:
            data = age.seal(data)
    if out is None:
        ctx.out.write(data.decode("utf-8"))
        return 0
    _write(out, data)
    ctx.print(f"Wrote {out} ({len(data):,} bytes){_sealed_note(age)}.")
    return 0


def _file_bytes(ctx: Context, store: JournalStore, week: Week | None) -> bytes:
    from ..domain.review import build_review
    from ..exchange import export
    from ..exchange.report import render_review

    fmt = ctx.args.export_format
    if fmt == "json":
        return export.journal_json(store)
    if fmt == "vcard":
        return export.contacts_vcard(store, version=ctx.args.vcard_version)
    assert week is not None  # md: the week was read before the journal was opened
    return render_review(build_review(store, week, ctx.today), "md").encode("utf-8")
