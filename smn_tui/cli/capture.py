"""Quick capture and queries: ``contact add``, ``log``, ``helped``, ``due``, ``week``."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from ..domain.dates import DateInputError, Week, days_ago_label
from ..domain.models import (
    ACT_KINDS,
    IMPACTS,
    INTERACTION_KINDS,
    Contact,
    HelpfulAct,
    Interaction,
    PlatformHandle,
    ValidationError,
)
from ..domain.results import DueContact
from ..domain.text import printable
from . import Context, DbOption, Subcommands, UserError

if TYPE_CHECKING:
    from ..storage.quick import QuickCapture
    from ..storage.store import JournalStore

#: Either store can find people and add entries (see storage/quick.py).
CaptureStore: TypeAlias = "QuickCapture | JournalStore"


def register_contact_add(csub: Subcommands, db_option: DbOption) -> None:
    add = csub.add_parser("add", help="add a contact")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--platform", action="append", default=[], metavar="PLATFORM:HANDLE",
                     help="where they are, e.g. linkedin:in/ada (repeatable)")
    add.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)")
    add.add_argument("--every", type=int, metavar="DAYS", help="stay-in-touch cadence in days")
    add.add_argument("--met", default="", metavar="TEXT", help="how you met")
    add.add_argument("--note", default="", metavar="TEXT", help="notes")
    db_option(add)
    add.set_defaults(handler=contact_add)


def register(sub: Subcommands, db_option: DbOption) -> None:
    log = sub.add_parser("log", help="journal an interaction with one or more people")
    log.add_argument("names", metavar="NAMES", help="a name, or several separated by commas")
    log.add_argument("note", metavar="NOTE")
    log.add_argument("--on", default="today", metavar="DATE", help="when (default today)")
    log.add_argument("--via", default="", metavar="PLATFORM", help="platform or channel")
    log.add_argument("--kind", default="conversation", metavar="KIND",
                     help=f"one of: {', '.join(INTERACTION_KINDS)}")
    log.add_argument("--passive", action="store_true", help="a like or follow, not a real exchange")
    log.add_argument("--new", action="store_true", help="create people not in the journal yet")
    db_option(log)
    log.set_defaults(handler=log_interaction)

    helped = sub.add_parser("helped", help="log a helpful act for one or more people")
    helped.add_argument("names", metavar="NAMES", help="a name, or several separated by commas")
    helped.add_argument("note", metavar="NOTE", help="what you did")
    helped.add_argument("--on", default="today", metavar="DATE", help="when (default today)")
    helped.add_argument("--kind", default="other", metavar="KIND", help=f"one of: {', '.join(ACT_KINDS)}")
    helped.add_argument("--impact", default="day", metavar="|".join(IMPACTS),
                        help="it made their day, week, month or year better")
    helped.add_argument("--minutes", type=int, metavar="N", help="minutes it took")
    helped.add_argument("--via", default="", metavar="PLATFORM", help="platform or channel")
    helped.add_argument("--asked", action="store_true", help="they asked for it (default: unprompted)")
    helped.add_argument("--outcome", default="", metavar="TEXT", help="what came of it")
    helped.add_argument("--new", action="store_true", help="create people not in the journal yet")
    db_option(helped)
    helped.set_defaults(handler=log_act)

    due = sub.add_parser("due", help="who is due or overdue for contact")
    db_option(due)
    due.set_defaults(handler=show_due)

    week = sub.add_parser("week", help="the week's journal and review")
    week.add_argument("--week", default="this week", metavar="2026-W48|DATE")
    week.add_argument("--format", choices=("text", "md", "json"), default="text")
    db_option(week)
    week.set_defaults(handler=show_week)


def _split_names(text: str) -> list[str]:
    names = [" ".join(n.split()) for n in text.split(",")]
    names = [n for n in names if n]
    if not names:
        raise UserError("Give at least one name.")
    return names


def resolve_people(store: CaptureStore, text: str, *, create: bool) -> tuple[list[str], list[Contact]]:
    """Contact ids for NAMES; with ``create``, unknown names become new contacts (not yet saved)."""
    from ..domain.resolve import UnknownContactError

    ids: list[str] = []
    new: list[Contact] = []
    for name in _split_names(text):
        try:
            contact = store.resolve_name(name)
        except UnknownContactError:
            if not create:
                raise
            same = [c for c in new if c.name.casefold() == " ".join(name.split()).casefold()]
            if same:
                contact = same[0]  # the same new person named twice
            else:
                contact = Contact(name)
                new.append(contact)
        if contact.id not in ids:
            ids.append(contact.id)
    return ids, new


def contact_add(ctx: Context) -> int:
    a = ctx.args
    if a.every is not None and a.every < 1:
        raise ValidationError("cadence_days", "must be at least 1 day (leave it out for no cadence)")
    contact = Contact(
        a.name,
        platforms=[PlatformHandle.parse(p) for p in a.platform],
        tags=a.tag,
        cadence_days=a.every,
        how_met=a.met,
        notes=a.note,
    )
    with ctx.open_store() as store:
        wanted = contact.name.casefold()
        same = [n for n in store.contact_names().values() if n.casefold() == wanted]
        if same:
            raise UserError(f"There is already a contact called '{same[0]}'.")
        store.add_contact(contact)
    ctx.print(f"Added {printable(contact.name)}.")
    return 0


def _save_with_new_people(store: CaptureStore, new: list[Contact], record: Interaction | HelpfulAct) -> None:
    if new:
        store.add_many([*new, record])
    elif isinstance(record, HelpfulAct):
        store.add_act(record)
    else:
        store.add_interaction(record)


def _names(store: CaptureStore, ids: list[str], new: list[Contact]) -> str:
    names = {**store.names_for(ids), **{c.id: c.name for c in new}}
    return printable(", ".join(names[i] for i in ids))


def log_interaction(ctx: Context) -> int:
    a = ctx.args
    on = ctx.parse_date(a.on)
    with ctx.open_capture() as store:
        ids, new = resolve_people(store, a.names, create=a.new)
        record = Interaction(ids, on, kind=a.kind, platform=a.via, real=not a.passive, note=a.note)
        _save_with_new_people(store, new, record)
        who = _names(store, ids, new)
    made = f" (new: {', '.join(c.name for c in new)})" if new else ""
    via = f" via {record.platform}" if record.platform else ""
    passive = " (passive)" if not record.real else ""
    ctx.print(f"Logged {record.kind}{passive} with {who} on {on.isoformat()}{via}{made}.")
    return 0


def log_act(ctx: Context) -> int:
    a = ctx.args
    on = ctx.parse_date(a.on)
    if a.minutes is not None and a.minutes < 0:
        raise ValidationError("minutes", "cannot be negative")
    with ctx.open_capture() as store:
        ids, new = resolve_people(store, a.names, create=a.new)
        record = HelpfulAct(ids, on, a.note, kind=a.kind, impact=a.impact, asked=a.asked,
                            minutes=a.minutes, platform=a.via, outcome=a.outcome)
        _save_with_new_people(store, new, record)
        who = _names(store, ids, new)
    made = f" (new: {', '.join(c.name for c in new)})" if new else ""
    via = f" via {record.platform}" if record.platform else ""
    ctx.print(f"Logged: you helped {who} on {on.isoformat()}{via} ({record.kind}, made their {record.impact}){made}.")
    return 0


def show_due(ctx: Context) -> int:
    from ..domain.birthdays import upcoming_birthdays
    from ..exchange.review_extras import birthday_lines

    with ctx.read_store() as store:
        due = store.due_contacts(ctx.today)
        birthdays = upcoming_birthdays(store.birthdays(), ctx.today)
        if not due:
            if store.due_contacts(ctx.today, include_ok=True):
                ctx.print("Nobody is due: you are in touch with everyone you gave a cadence.")
            else:
                ctx.print("Nobody is due. Give contacts a cadence with 'smn contact add NAME --every DAYS'.")
        _due_rows(ctx, due)
    if birthdays:
        ctx.print("")
        ctx.print("Birthdays in the next two weeks:")
        for line in birthday_lines(birthdays, ctx.today):
            ctx.print(line)
    return 0


def _due_rows(ctx: Context, due: list[DueContact]) -> None:
    rows = []
    for item in due:
        if item.days_overdue > 0:
            state = f"overdue by {item.days_overdue} d"
        elif item.days_overdue == 0:
            state = "due today"
        else:
            state = f"due in {-item.days_overdue} d"
        when = ("never contacted" if item.last is None
                else f"last contact {days_ago_label(item.last, ctx.today)} ({item.last.isoformat()})")
        rows.append((printable(item.contact.name), state, f"every {item.contact.cadence_days} d, {when}"))
    if not rows:
        return
    name_width = max(len(r[0]) for r in rows)
    state_width = max(len(r[1]) for r in rows)
    for name, state, detail in rows:
        ctx.print(f"{name:<{name_width}}  {state:<{state_width}}  {detail}")


def parse_week(ctx: Context, text: str) -> Week:
    """The week for ``--week``; a text that is no date at all is told what a week can be."""
    try:
        return ctx.parse_week(text)
    except DateInputError as exc:
        message = str(exc)
        if "is not a date. Use" in message:
            message = (f"'{text}' is not a week. Use a week like 2026-W48, "
                       "'this week', 'last week' or any date in the week.")
        raise UserError(message) from exc


def show_week(ctx: Context) -> int:
    from ..domain.review import build_review
    from ..exchange.report import render_review
    from .entries import short_ids_for

    week = parse_week(ctx, ctx.args.week)
    with ctx.read_store() as store:
        review = build_review(store, week, ctx.today)
        ids: dict[str, str] | None = None
        if ctx.args.format == "text":
            ids = short_ids_for(store, [e.id for e in [*review.interactions, *review.acts]])
        ctx.out.write(render_review(review, ctx.args.format, short_ids=ids))
    return 0

