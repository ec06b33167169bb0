"""``smn contact ...``: list, show, archive, unarchive and delete contacts.

``contact add`` lives with the quick captures (capture.py), ``contact edit``
and ``contact merge`` in contact_edit.py; this module builds the ``contact``
command for all of them. ``list`` and ``show`` only read the journal.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from ..domain.birthdays import Birthday, age_on, describe_birthday, next_birthday
from ..domain.dates import days_ago_label
from ..domain.models import Contact, HelpfulAct
from ..domain.text import printable
from . import Context, DbOption, Subcommands, UserError
from .entries import entry_line, short_ids_for

if TYPE_CHECKING:
    from ..storage.store import JournalStore


def register(sub: Subcommands, db_option: DbOption) -> None:
    from . import capture, contact_edit

    contact = sub.add_parser("contact", help="add, list, show, edit, archive, delete or merge contacts")
    csub = contact.add_subparsers(dest="contact_command", metavar="ACTION", required=True,
                                  parser_class=type(contact))
    capture.register_contact_add(csub, db_option)

    lst = csub.add_parser("list", help="everyone in the journal (archived contacts with --all)")
    lst.add_argument("--all", action="store_true", help="include archived contacts")
    lst.add_argument("--tag", metavar="TAG", help="only those with this tag")
    lst.add_argument("--platform", metavar="PLATFORM", help="only those known on this platform")
    lst.add_argument("--match", metavar="TEXT", help="only those whose name, handle, tag or platform holds TEXT")
    lst.add_argument("--format", choices=("text", "json"), default="text")
    db_option(lst)
    lst.set_defaults(handler=contact_list)

    show = csub.add_parser("show", help="a contact's details and timeline, with the entries' ids")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--format", choices=("text", "json"), default="text")
    db_option(show)
    show.set_defaults(handler=contact_show)

    contact_edit.register(csub, db_option)

    for verb, help_text in (("archive", "hide a contact from lists; nothing is deleted"),
                            ("unarchive", "bring an archived contact back")):
        p = csub.add_parser(verb, help=help_text)
        p.add_argument("name", metavar="NAME")
        db_option(p)
        p.set_defaults(handler=contact_archive, archived=verb == "archive")

    delete = csub.add_parser("delete", help="delete a contact and the entries that involve nobody else")
    delete.add_argument("name", metavar="NAME")
    delete.add_argument("--yes", action="store_true", help="do not ask first")
    db_option(delete)
    delete.set_defaults(handler=contact_delete)


def _json(data: object) -> str:
    import orjson

    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"


# ---------------------------------------------------------------------- list


def _listed(store: JournalStore, args: argparse.Namespace) -> list[Contact]:
    """Everyone (or, with --tag, --platform and --match, those who fit all of them), by name."""
    chosen = store.contacts(include_archived=args.all)
    for wanted, query in ((args.tag, store.contacts_by_tag), (args.platform, store.contacts_by_platform),
                          (args.match, lambda text: store.find_contacts(text, include_archived=True))):
        if wanted is not None:
            ids = {c.id for c in query(wanted)}
            chosen = [c for c in chosen if c.id in ids]
    return sorted(chosen, key=lambda c: c.name.casefold())


def contact_list(ctx: Context) -> int:
    with ctx.read_store() as store:
        contacts = _listed(store, ctx.args)
        last = store.last_contact_dates()
    if not contacts and any(v is not None for v in (ctx.args.tag, ctx.args.platform, ctx.args.match)):
        if ctx.args.format == "json":
            ctx.out.write("[]\n")
        else:
            ctx.print("Nobody fits.")
        return 0
    if ctx.args.format == "json":
        ctx.out.write(_json([{**c.to_doc(), "last_contact": last[c.id].isoformat() if c.id in last else None}
                             for c in contacts]))
        return 0
    if not contacts:
        archived = 0 if ctx.args.all else store.count("contacts")
        ctx.print(f"No contacts but {archived} archived ('smn contact list --all' shows them)." if archived
                  else "No contacts yet. Add one with 'smn contact add NAME'.")
        return 0
    rows = []
    for c in contacts:
        when = "never" if c.id not in last else days_ago_label(last[c.id], ctx.today)
        rows.append((printable(c.name), when, printable(", ".join(c.platform_names)),
                     " ".join(f"#{t}" for t in c.tags) + (" (archived)" if c.archived else "")))
    name_w = max(len(r[0]) for r in rows)
    when_w = max(len(r[1]) for r in rows)
    plat_w = max(len(r[2]) for r in rows)
    for name, when, plats, tags in rows:
        ctx.print(f"{name:<{name_w}}  {when:<{when_w}}  {plats:<{plat_w}}  {tags}".rstrip())
    return 0


# ---------------------------------------------------------------------- show


def _next(b: Birthday, today: date) -> str:
    on = next_birthday(b, today)
    turns = age_on(b, on)
    return f" (next {on:%a %d %b %Y}" + (f", turns {turns})" if turns is not None else ")")


def _details(contact: Contact, last: date | None, today: date) -> list[tuple[str, str]]:
    cadence = f"every {contact.cadence_days} days" if contact.cadence_days else "none"
    rows = [
        ("id", contact.id),
        ("platforms", ", ".join(f"{p.platform} {p.handle}".strip() for p in contact.platforms) or "none"),
        ("tags", ", ".join(contact.tags) or "none"),
        ("stay in touch", cadence),
        ("last contact", f"{last.isoformat()} ({days_ago_label(last, today)})" if last else "never"),
        ("birthday", describe_birthday(contact.birthday) + _next(contact.birthday, today) if contact.birthday
         else "none"),
        ("how you met", contact.how_met or "none"),
        ("notes", contact.notes or "none"),
    ]
    if contact.archived:
        rows.append(("archived", "yes ('smn contact unarchive' brings them back)"))
    return rows


def contact_show(ctx: Context) -> int:
    with ctx.read_store() as store:
        contact = store.resolve_name(ctx.args.name)
        timeline = store.timeline(contact.id)
        last = store.last_contact(contact.id)
        names = store.names_for({c for e in timeline for c in e.contact_ids})
        sids = short_ids_for(store, [e.id for e in timeline])
    if ctx.args.format == "json":
        entries = [{"type": "act" if isinstance(e, HelpfulAct) else "interaction", "short_id": sids[e.id],
                    **e.to_doc(), "contacts": [{"id": c, "name": names.get(c, "")} for c in e.contact_ids]}
                   for e in timeline]
        about: dict[str, object] = {**contact.to_doc(), "last_contact": last.isoformat() if last else None}
        ctx.out.write(_json({"contact": about, "timeline": entries}))
        return 0
    ctx.print(printable(contact.name))
    for label, value in _details(contact, last, ctx.today):
        lines = value.split("\n")  # notes keep their lines, each indented under the label
        ctx.print(f"  {label:<15}{printable(lines[0])}")
        for more in lines[1:]:
            ctx.print(f"  {'':<15}{printable(more)}")
    ctx.print()
    if not timeline:
        ctx.print(f"Nothing logged with {printable(contact.name)} yet.")
        return 0
    ctx.print(f"Timeline, newest first ({len(timeline)} entr{'y' if len(timeline) == 1 else 'ies'}):")
    width = max(len(s) for s in sids.values())
    for e in timeline:
        ctx.print(f"  {sids[e.id]:<{width}}  {entry_line(e, names, about=contact.id)}")
    return 0


# ---------------------------------------------------------------------- archive, delete


def contact_archive(ctx: Context) -> int:
    archived = ctx.args.archived
    with ctx.open_store(create=False) as store:
        contact = store.resolve_name(ctx.args.name)
        name = printable(contact.name)
        if contact.archived == archived:
            ctx.print(f"{name} is {'already' if archived else 'not'} archived; nothing changed.")
            return 0
        store.archive_contact(contact.id, archived)
    if archived:
        ctx.print(f"Archived {name}: hidden from lists, kept in the journal "
                  f"('smn contact unarchive \"{name}\"' brings them back).")
    else:
        ctx.print(f"{name} is back in the lists.")
    return 0


def _delete_preview(ctx: Context, store: JournalStore, contact: Contact) -> list[str]:
    """What a delete removes and what it changes, one line each."""
    timeline = store.timeline(contact.id)
    names = store.names_for({c for e in timeline for c in e.contact_ids})
    sids = short_ids_for(store, [e.id for e in timeline])
    width = max((len(v) for v in sids.values()), default=0)
    alone = [e for e in timeline if e.contact_ids == [contact.id]]
    shared = [e for e in timeline if e.contact_ids != [contact.id]]
    lines = [f"Deleting {printable(contact.name)} removes them from the journal for good"
             + (":" if timeline else ", with no entries.")]
    if alone:
        lines.append(f"  {_entries(len(alone))} with nobody else go too:")
        lines += [f"    {sids[e.id]:<{width}}  {entry_line(e, names)}" for e in alone]
    if shared:
        lines.append(f"  they are taken off {_entries(len(shared))} shared with others:")
        lines += [f"    {sids[e.id]:<{width}}  {entry_line(e, names)}" for e in shared]
    return lines


def contact_delete(ctx: Context) -> int:
    with ctx.open_store(create=False) as store:
        contact = store.resolve_name(ctx.args.name)
        name = printable(contact.name)
        if not ctx.args.yes:
            if not ctx.is_terminal():
                p = store.delete_preview(contact.id)
                alone, shared = p.interactions_removed + p.acts_removed, p.interactions_kept + p.acts_kept
                raise UserError(f"Deleting {name} also deletes {_entries(alone)} that involve nobody else "
                                f"and takes them off {_entries(shared)}. Add --yes to delete; nothing was deleted.")
            for line in _delete_preview(ctx, store, contact):
                ctx.print(line)
            if not ctx.ask(f"Delete {name}?"):
                raise UserError(f"Nothing was deleted; {name} is still in the journal.")
        summary = store.delete_contact(contact.id)
    removed = summary.interactions_removed + summary.acts_removed
    kept = summary.interactions_kept + summary.acts_kept
    ctx.print(f"Deleted {name}, {_entries(removed)} with nobody else, and took them off {_entries(kept)}.")
    return 0


def _entries(n: int) -> str:
    return f"{n} entr{'y' if n == 1 else 'ies'}"
