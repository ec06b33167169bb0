"""``smn history``, ``smn undo`` and ``smn redo``: every change can be taken back, from the app or the shell.

Undo is a change of its own, written like any other: it survives a crash and
a restart, and undoes what the app did as well as what the shell did.
"""

from __future__ import annotations

from ..domain.text import printable
from . import Context, DbOption, Subcommands


def register(sub: Subcommands, db_option: DbOption) -> None:
    history = sub.add_parser("history", help="the latest changes to the journal, newest first")
    history.add_argument("-n", dest="limit", type=int, default=20, metavar="N",
                         help="how many changes to show (default 20; 0 for all that are kept)")
    history.add_argument("--format", choices=("text", "json"), default="text")
    db_option(history)
    history.set_defaults(handler=history_cmd)

    undo = sub.add_parser("undo", help="take back the latest change (again: the one before)")
    db_option(undo)
    undo.set_defaults(handler=take_back_cmd, redo=False)

    redo = sub.add_parser("redo", help="make again what the latest undo took back")
    db_option(redo)
    redo.set_defaults(handler=take_back_cmd, redo=True)


def history_cmd(ctx: Context) -> int:
    import orjson

    if ctx.args.limit < 0:
        from . import UserError

        raise UserError("-n needs a number of changes, 0 or more.")
    with ctx.read_store() as store:
        changes = store.history(ctx.args.limit)
    if ctx.args.format == "json":
        rows = [{"seq": c.seq, "at": c.at.isoformat() if c.at else None, "from": c.source, "what": c.what,
                 "kind": c.kind, "undone": c.undone, "records": c.records} for c in changes]
        ctx.out.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    if not changes:
        ctx.print("No changes yet.")
        return 0
    for c in changes:
        when = f"{c.at.astimezone():%Y-%m-%d %H:%M}" if c.at else "                "
        ctx.print(f"{c.seq:>6}  {when}  {c.source or '?':<5}  {printable(c.label)}")
    ctx.print("'smn undo' takes back the newest change that is not undone.")
    return 0


def take_back_cmd(ctx: Context) -> int:
    with ctx.open_store(create=False) as store:
        done = store.redo() if ctx.args.redo else store.undo()
    verb = "Redid" if ctx.args.redo else "Undid"
    ctx.print(f"{verb}: {printable(done.what)}. "
              + ("'smn undo' takes it back again." if ctx.args.redo else "'smn redo' makes it again."))
    return 0
