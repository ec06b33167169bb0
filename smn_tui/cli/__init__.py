"""The ``smn`` command: open the app, or capture and query from the shell.

Nothing here imports Textual except the path that opens the app, so
``smn helped ...`` starts fast. Exit codes: 0 success, 1 a user error (one
line on stderr, never a traceback), 2 bad usage.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TextIO

from .. import __version__

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code 1."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() owns the exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}\n{self.format_usage().strip()}")


class _UsageError(Exception):
    pass


class Context:
    """What a command needs: parsed args, the clock and the output streams."""

    def __init__(self, args: argparse.Namespace, today: date, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.today = today
        self.out = out
        self.err = err

    def print(self, text: str = "") -> None:
        print(text, file=self.out)

    def warn(self, text: str) -> None:
        print(text, file=self.err)

    def open_store(self, *, create: bool = True, read_only: bool | None = None):
        """The journal; a store that may not create one only reads (never migrates or compacts)."""
        from ..storage.store import JournalStore

        store = JournalStore(journal_path(self.args), create=create,
                             read_only=not create if read_only is None else read_only)
        for w in store.warnings:
            self.warn(f"smn: warning: {w}")
        return store

    def open_capture(self):
        """For log and helped: reads only the contacts' names when the journal allows it."""
        from ..storage.quick import open_capture

        store = open_capture(journal_path(self.args))
        for w in store.warnings:
            self.warn(f"smn: warning: {w}")
        return store

    def week_start(self) -> str:
        from ..settings import load_settings

        return load_settings().week_start


def journal_path(args: argparse.Namespace):
    from pathlib import Path

    from ..storage.store import default_journal_path

    db = getattr(args, "db", None)
    if db is not None and not db.strip():
        raise UserError("--db needs a file path.")
    return Path(db).expanduser() if db else default_journal_path()


def _db_option(parser: argparse.ArgumentParser, default=argparse.SUPPRESS) -> None:
    parser.add_argument("--db", metavar="PATH", default=default,
                        help="journal file (default: $SMN_DB or the user data folder)")


Command = Callable[[Context], int]


def build_parser() -> argparse.ArgumentParser:
    from . import capture, maintenance

    parser = _Parser(prog="smn", description="A terminal relationship journal.")
    parser.add_argument("--version", action="version", version=f"smn {__version__}")
    _db_option(parser, default=None)
    parser.add_argument("--demo", action="store_true",
                        help="open the app on a throwaway copy of the demo journal")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in (capture, maintenance):
        module.register(sub, _db_option)
    from . import transfer; transfer.register(sub, _db_option)  # noqa: E702  import / export
    return parser


def main(argv: Sequence[str] | None = None, *, today: date | None = None,
         out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run ``smn`` with ``argv``; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        print(str(exc), file=err)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    if today is None:
        today = date.today()
    ctx = Context(args, today, out, err)
    handler: Command | None = getattr(args, "handler", None)
    if handler is not None and args.demo:
        print("smn: --demo opens the app on the demo journal; it does not go with a command.\n"
              f"{parser.format_usage().strip()}", file=err)
        return EXIT_USAGE
    if handler is None:
        from .run_app import run_app

        return run_handler(run_app, ctx)
    # A command runs for a moment and makes no garbage worth collecting; the cyclic
    # collector would only walk the whole journal in memory (tens of ms at 30,000 contacts).
    was = gc.isenabled()
    gc.disable()
    try:
        return run_handler(handler, ctx)
    finally:
        if was:
            gc.enable()


def run_handler(handler: Command, ctx: Context) -> int:
    from ..domain.dates import DateInputError
    from ..domain.models import ValidationError
    from ..storage.errors import JournalCorruptError, JournalForeignError, JournalTooNewError, StorageError
    from ..storage.store import NameError_

    try:
        return handler(ctx)
    except ValidationError as exc:
        ctx.warn(f"smn: {describe_validation(exc)}")
    except JournalCorruptError as exc:
        hint = "" if isinstance(exc, (JournalForeignError, JournalTooNewError)) else _restore_hint(ctx)
        ctx.warn(f"smn: {exc}{hint}")
    except (DateInputError, StorageError, NameError_, UserError) as exc:
        ctx.warn(f"smn: {exc.args[0] if exc.args else exc}")
    except KeyboardInterrupt:
        ctx.warn("smn: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        ctx.warn(f"smn: {exc.strerror or exc}{where}")
    return EXIT_ERROR


def _restore_hint(ctx: Context) -> str:
    """For a damaged journal: which backup 'smn restore' would put back."""
    from ..storage.checkup import usable_backup

    try:
        found = usable_backup(journal_path(ctx.args))
    except UserError:
        return ""
    if found is None:
        return " There is no backup that checks out."
    number, backup = found
    return f" 'smn restore {number}' would put back the backup of {backup.taken:%Y-%m-%d %H:%M} UTC."


#: How the command line names the fields of the journal's records.
FIELD_LABELS = {
    "name": "the name",
    "platforms": "--platform",
    "tags": "--tag",
    "cadence_days": "--every",
    "how_met": "--met",
    "notes": "--note",
    "note": "the note",
    "kind": "--kind",
    "impact": "--impact",
    "minutes": "--minutes",
    "platform": "--via",
    "outcome": "--outcome",
    "date": "--on",
}

_VERBS = ("is ", "must ", "contains ", "cannot ")


def describe_validation(exc) -> str:
    """One line for a :class:`ValidationError`, naming the option the user typed."""
    label = FIELD_LABELS.get(exc.field, exc.field.replace("_", " "))
    sep = " " if exc.message.startswith(_VERBS) else ": "
    return f"{label}{sep}{exc.message}"
