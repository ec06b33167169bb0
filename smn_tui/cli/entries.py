"""``smn entry edit`` and ``smn entry delete``: correct any interaction or helpful act.

An entry is named by its short id, as ``smn contact show`` and ``smn week``
print it (see domain/short_ids.py); any unique start of at least four
characters works too.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..domain.models import ACT_KINDS, IMPACTS, INTERACTION_KINDS, HelpfulAct, Interaction, act_kind_label
from ..domain.short_ids import MIN_PREFIX
from ..domain.text import printable
from . import Context, DbOption, Subcommands, UserError

if TYPE_CHECKING:
    from ..storage.store import JournalStore

Entry = Interaction | HelpfulAct

_FIELD_NAMES = {"on": "date", "contact_ids": "people", "platform": "via"}
#: The options only a helpful act has.
_ACT_ONLY = (("impact", "--impact"), ("minutes", "--minutes"), ("outcome", "--outcome"))


def register(sub: Subcommands, db_option: DbOption) -> None:
    entry = sub.add_parser("entry", help="edit or delete an interaction or a helpful act")
    esub = entry.add_subparsers(dest="entry_command", metavar="ACTION", required=True,
                                parser_class=type(entry))
    edit = esub.add_parser("edit", help="change an interaction or a helpful act")
    edit.add_argument("entry_id", metavar="ID", help="the short id 'smn contact show' and 'smn week' print")
    edit.add_argument("--note", metavar="TEXT", help="the note (what happened, what you did)")
    edit.add_argument("--on", metavar="DATE", help="when")
    edit.add_argument("--kind", metavar="KIND", help=f"interactions: {', '.join(INTERACTION_KINDS)}; "
                                                     f"acts: {', '.join(ACT_KINDS)}")
    edit.add_argument("--impact", metavar="|".join(IMPACTS), help="acts: it made their day, week, month or year")
    edit.add_argument("--minutes", type=int, metavar="N", help="acts: minutes it took")
    edit.add_argument("--outcome", metavar="TEXT", help="acts: what came of it")
    edit.add_argument("--via", metavar="PLATFORM", help="platform or channel ('' for none)")
    edit.add_argument("--with", dest="with_names", metavar="NAMES",
                      help="who it was with or for, instead of the people it has now")
    db_option(edit)
    edit.set_defaults(handler=entry_edit)

    delete = esub.add_parser("delete", help="delete an interaction or a helpful act")
    delete.add_argument("entry_id", metavar="ID", help="the short id 'smn contact show' and 'smn week' print")
    db_option(delete)
    delete.set_defaults(handler=entry_delete)


# ---------------------------------------------------------------------- finding entries


def all_entry_ids(store: JournalStore) -> dict[str, str]:
    """Every entry id -> its table ("interactions" or "acts")."""
    return {rid: name for name, ids in store.entry_ids().items() for rid in ids}


def short_ids_for(store: JournalStore, ids: list[str]) -> dict[str, str]:
    """Short ids for ``ids``, unique across every entry of the journal."""
    from ..domain.short_ids import short_ids

    if not ids:
        return {}
    return short_ids(ids, all_entry_ids(store))


def entry_line(entry: Entry, names: dict[str, str], about: str | None = None) -> str:
    """``Tue 24 Nov 2026 · meeting with Marie Curie via linkedin — note``, safe to print.

    ``about`` is the contact whose timeline this is: the line names only the others.
    """
    people = ", ".join(names.get(c, "(deleted)") for c in entry.contact_ids if c != about)
    where = f" via {entry.platform}" if entry.platform else ""
    if isinstance(entry, HelpfulAct):
        minutes = f", {entry.minutes} min" if entry.minutes else ""
        what = (f"helped{' ' + people if people else ''}: {act_kind_label(entry.kind)}, "
                f"made their {entry.impact}{minutes}")
    else:
        passive = " (passive)" if not entry.real else ""
        what = f"{entry.kind}{passive}" + (f" with {people}" if people else "")
    note = f" — {entry.note}" if entry.note else ""
    return printable(f"{entry.on:%a %d %b %Y} · {what}{where}{note}")


def find_entry(store: JournalStore, text: str) -> tuple[Entry, str]:
    """The entry ``text`` names, and its short id; one clear line when there is none or several."""
    from ..domain.short_ids import matching_ids, short_ids

    wanted = text.strip()
    if len(wanted) < MIN_PREFIX:
        raise UserError(f"Give at least {MIN_PREFIX} characters of the entry's id "
                        "(as 'smn contact show NAME' or 'smn week' print it).")
    every = all_entry_ids(store)
    hits = matching_ids(wanted, every)
    if not hits:
        raise UserError(f"No entry with an id starting '{wanted}'. 'smn contact show NAME' and "
                        "'smn week' print the entries' ids.")
    shorts = short_ids(hits, every)
    if len(hits) > 1:
        shown = [f"{shorts[h]} ({entry_line(_get(store, h, every[h]), _names(store, [h], every))})"
                 for h in hits[:8]]
        more = f" and {len(hits) - 8} more" if len(hits) > 8 else ""
        raise UserError(f"'{wanted}' starts the ids of {len(hits)} entries: {'; '.join(shown)}{more}. "
                        "Type more of the id.")
    return _get(store, hits[0], every[hits[0]]), shorts[hits[0]]


def _get(store: JournalStore, rid: str, table: str) -> Entry:
    return store.get_act(rid) if table == "acts" else store.get_interaction(rid)


def _names(store: JournalStore, rids: list[str], every: dict[str, str]) -> dict[str, str]:
    ids = {c for rid in rids for c in _get(store, rid, every[rid]).contact_ids}
    return store.names_for(ids)


def _label(entry: Entry) -> str:
    return "helpful act" if isinstance(entry, HelpfulAct) else "interaction"


# ---------------------------------------------------------------------- commands


def _changes(ctx: Context, store: JournalStore, entry: Entry) -> dict[str, Any]:
    """The fields the options change, by name, as ``dataclasses.replace`` takes them."""
    from .capture import resolve_people

    a = ctx.args
    changes: dict[str, Any] = {}
    if a.note is not None:
        changes["note"] = a.note
    if a.on is not None:
        changes["on"] = ctx.parse_date(a.on)
    if a.kind is not None:
        changes["kind"] = a.kind
    if a.via is not None:
        changes["platform"] = a.via
    if a.with_names is not None:
        changes["contact_ids"], _new = resolve_people(store, a.with_names, create=False)
    for field, option in _ACT_ONLY:
        value = getattr(a, field)
        if value is None:
            continue
        if not isinstance(entry, HelpfulAct):
            raise UserError(f"{option} is for helpful acts; this entry is an interaction.")
        changes[field] = value
    return changes


def entry_edit(ctx: Context) -> int:
    with ctx.open_store(create=False) as store:
        entry, sid = find_entry(store, ctx.args.entry_id)
        changes = _changes(ctx, store, entry)
        if not changes:
            raise UserError("Nothing to change: give --note, --on, --kind, --via, --with, or for an act "
                            "--impact, --minutes or --outcome.")
        changed = replace(entry, **changes)  # validates every field again
        if isinstance(changed, HelpfulAct):
            store.update_act(changed)
        else:
            store.update_interaction(changed)
        line = entry_line(changed, store.names_for(changed.contact_ids))
    fields = ", ".join(_FIELD_NAMES.get(k, k) for k in changes)
    ctx.print(f"Updated {_label(changed)} {sid} ({fields}): {line}")
    return 0


def entry_delete(ctx: Context) -> int:
    with ctx.open_store(create=False) as store:
        entry, sid = find_entry(store, ctx.args.entry_id)
        line = entry_line(entry, store.names_for(entry.contact_ids))
        if isinstance(entry, HelpfulAct):
            store.delete_act(entry.id)
        else:
            store.delete_interaction(entry.id)
    ctx.print(f"Deleted {_label(entry)} {sid}: {line}")
    return 0
