"""The ``smn`` command: open the app, or capture and query from the shell.

Nothing here imports Textual except the path that opens the app, so
``smn helped ...`` starts fast. Exit codes: 0 success, 1 a user error (one
line on stderr, never a traceback), 2 bad usage.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, TypeAlias, TypeVar

from .. import __version__
from .streams import TextOut, Utf8Safe, is_terminal

if TYPE_CHECKING:
    from ..domain.dates import Week
    from ..domain.models import ValidationError
    from ..settings import Settings
    from ..storage.quick import QuickCapture
    from ..storage.store import JournalStore

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code 1."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() owns the exit code."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}\n{self.format_usage().strip()}")


class _UsageError(Exception):
    pass


#: The subcommands of a parser, as ``add_subparsers`` returns them (argparse names its class privately).
Subcommands: TypeAlias = "argparse._SubParsersAction[_Parser]"
#: Adds the ``--db`` option to a parser (every command takes it).
DbOption: TypeAlias = Callable[[argparse.ArgumentParser], None]

_T = TypeVar("_T")


class Context:
    """What a command needs: parsed args, the clock, the streams and the user's settings."""

    def __init__(self, args: argparse.Namespace, today: date, out: TextOut, err: TextOut,
                 stdin: TextIO | None = None) -> None:
        self.args = args
        self.today = today
        self.out = out
        self.err = err
        self.stdin = stdin
        self._settings: Settings | None = None

    def print(self, text: str = "") -> None:
        """Lines on stdout; a control character in them (a path typed with one) shows escaped."""
        from ..domain.text import printable

        print("\n".join(printable(line) for line in text.split("\n")), file=self.out)

    def warn(self, text: str) -> None:
        """One line on stderr, whatever the text holds (see domain/text.py)."""
        from ..domain.text import printable

        print(printable(text), file=self.err)

    def is_terminal(self) -> bool:
        """Whether a person can answer a question: stdin and stdout are a terminal."""
        return is_terminal(self.stdin) and is_terminal(self.out)

    def ask(self, question: str) -> bool:
        """``question [y/N]`` on a terminal; True only for yes."""
        self.out.write(f"{question} [y/N] ")
        self.out.flush()
        answer = self.stdin.readline() if self.stdin is not None else ""
        return answer.strip().lower() in ("y", "yes")

    def open_store(self, *, create: bool = True, read_only: bool = False) -> JournalStore:
        """The journal (``create=False``: refused when there is none); ``read_only`` never migrates,
        compacts, backs up or writes (commands that only read use :meth:`read_store`)."""
        from ..storage.store import JournalStore

        store = JournalStore(journal_path(self.args), create=create, read_only=read_only)
        for w in store.warnings:
            self.warn(f"smn: warning: {w}")
        return store

    def open_capture(self) -> QuickCapture | JournalStore:
        """For log and helped: reads only the contacts' names when the journal allows it."""
        from ..storage.quick import open_capture

        store = open_capture(journal_path(self.args))
        for w in store.warnings:
            self.warn(f"smn: warning: {w}")
        return store

    @contextmanager
    def read_store(self) -> Iterator[JournalStore]:
        """The journal for a command that only reads: opened read-only (never migrated, compacted
        or backed up), and a missing one is not created (the command sees an empty journal)."""
        from ..storage.sync.layout import JournalLayout

        if not JournalLayout(journal_path(self.args).expanduser().absolute()).exists:
            with _EmptyStore() as store:
                yield store
            return
        with self.open_store(create=False, read_only=True) as store:
            yield store

    def settings(self) -> Settings:
        """The user's settings, read once."""
        if self._settings is None:
            from ..settings import load_settings

            self._settings = load_settings()
        return self._settings

    def week_start(self) -> str:
        return self.settings().week_start

    def parse_date(self, text: str, *, allow_future: bool = False) -> date:
        """A date as typed; a numeric one (3/4) is read with the date order in the settings."""
        from ..domain.dates import parse_date

        return self._with_order(lambda order: parse_date(text, self.today, allow_future=allow_future, order=order))

    def parse_week(self, text: str) -> Week:
        from ..domain.dates import parse_week

        return self._with_order(lambda order: parse_week(text, self.today, self.week_start(), order=order))

    def _with_order(self, parse: Callable[[str | None], _T]) -> _T:
        from ..domain.dates import AmbiguousDateError

        try:
            return parse(None)  # the settings are read only for a numeric date
        except AmbiguousDateError as exc:
            order = self.settings().date_order
            if not order:
                raise UserError(f"{exc.args[0][:-1]}: 'smn settings date-order day-first' "
                                "(or month-first).") from exc
            return parse(order)


class _EmptyStore:
    """A read-only stand-in for a journal that does not exist yet (queries need no file)."""

    def __init__(self) -> None:
        import tempfile

        from ..storage.store import JournalStore

        self._tmp = tempfile.TemporaryDirectory(prefix="smn-empty-")
        self.store = JournalStore(f"{self._tmp.name}/journal.json")

    def __enter__(self) -> JournalStore:
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()
        self._tmp.cleanup()


def user_path(text: str, option: str) -> Path:
    """A path typed by the user, with ``~`` expanded; one clear line when it cannot be."""
    try:
        return Path(text).expanduser()
    except RuntimeError as exc:  # ~name of nobody, or no home folder at all
        raise UserError(f"{option} {text}: there is no home folder for '{text.split('/')[0]}'.") from exc


def journal_path(args: argparse.Namespace) -> Path:
    from ..storage.store import default_journal_path

    db: str | None = getattr(args, "db", None)
    if db is not None and not db.strip():
        raise UserError("--db needs a file path.")
    if db:
        path, option = user_path(db, "--db"), "--db"
    else:
        try:
            path, option = default_journal_path(), "SMN_DB"
        except RuntimeError as exc:
            raise UserError("SMN_DB: there is no home folder for the '~' it starts with.") from exc
    if path.name in ("", ".", "..") or path.is_dir():
        raise UserError(f"{option} {db or path} is a folder; give the journal's file, like {path / 'journal.json'}.")
    return path


def _db_option(parser: argparse.ArgumentParser, default: str | None = argparse.SUPPRESS) -> None:
    parser.add_argument("--db", metavar="PATH", default=default,
                        help="journal file (default: $SMN_DB or the user data folder)")


Command = Callable[[Context], int]


def build_parser() -> argparse.ArgumentParser:
    from . import capture, contacts, crypto, devices, entries, history, maintenance, preferences, transfer

    parser = _Parser(prog="smn", description="A terminal relationship journal.")
    parser.add_argument("--version", action="version", version=f"smn {__version__}")
    _db_option(parser, default=None)
    parser.add_argument("--demo", action="store_true",
                        help="open the app on a throwaway copy of the demo journal")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for register in (contacts.register, capture.register, entries.register, history.register,
                     maintenance.register, devices.register, preferences.register, crypto.register,
                     transfer.register):
        register(sub, _db_option)
    return parser


def main(argv: Sequence[str] | None = None, *, today: date | None = None,
         out: TextIO | None = None, err: TextIO | None = None, stdin: TextIO | None = None) -> int:
    """Run ``smn`` with ``argv``; returns the exit code. ``stdin`` answers questions (``sys.stdin``
    when ``out`` is standard output, else none: the command is then not on a terminal)."""
    if stdin is None and out is None:
        stdin = sys.stdin
    safe_out, safe_err = Utf8Safe(out or sys.stdout), Utf8Safe(err or sys.stderr)
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        print(str(exc), file=safe_err)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    if today is None:
        today = date.today()
    ctx = Context(args, today, safe_out, safe_err, stdin)
    problem = odd_argument(args)
    if problem:
        ctx.warn(f"smn: {problem}")
        return EXIT_ERROR
    handler: Command | None = getattr(args, "handler", None)
    if handler is not None and args.demo:
        print("smn: --demo opens the app on the demo journal; it does not go with a command.\n"
              f"{parser.format_usage().strip()}", file=safe_err)
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
    from ..domain.resolve import NameLookupError
    from ..storage.errors import JournalCorruptError, JournalForeignError, JournalTooNewError, StorageError

    try:
        return handler(ctx)
    except ValidationError as exc:
        ctx.warn(f"smn: {describe_validation(exc)}")
    except JournalCorruptError as exc:
        hint = "" if isinstance(exc, (JournalForeignError, JournalTooNewError)) else _restore_hint(ctx)
        ctx.warn(f"smn: {exc}{hint}")
    except (DateInputError, StorageError, NameLookupError, UserError) as exc:
        ctx.warn(f"smn: {exc.args[0] if exc.args else exc}")
    except KeyboardInterrupt:
        ctx.warn("smn: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        name = str(exc.filename or "")
        where = f" ({name if len(name) <= 200 else name[:100] + '…' + name[-100:]})" if name else ""
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


#: Arguments that name files: any bytes the file system allows are fine there.
_PATH_ARGS = frozenset({"file", "out"})
_POSITIONAL = {"name": "the name", "names": "the names", "note": "the note", "backup": "BACKUP",
               "entry_id": "the id", "setting": "the setting", "value": "the value"}


def odd_argument(args: argparse.Namespace) -> str:
    """What is wrong with an argument no command could take: a NUL, or bytes that are not UTF-8
    (Python hands them over as lone surrogates, which cannot be stored or printed)."""
    from ..domain.text import has_surrogates

    for key, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            label = _POSITIONAL.get(key, f"--{key.replace('_', '-')}")
            if "\0" in text:
                return f"{label} contains a NUL character."
            if key not in _PATH_ARGS and has_surrogates(text):
                return (f"{label} is not valid UTF-8 text (it holds other bytes); check the terminal's "
                        "character encoding.")
    return ""


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


def describe_validation(exc: ValidationError) -> str:
    """One line for a :class:`ValidationError`, naming the option the user typed."""
    label = FIELD_LABELS.get(exc.field, exc.field.replace("_", " "))
    sep = " " if exc.message.startswith(_VERBS) else ": "
    return f"{label}{sep}{exc.message}"
