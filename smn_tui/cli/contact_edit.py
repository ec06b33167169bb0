"""``smn contact edit`` and ``smn contact merge``: change a contact, or make two into one."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..domain.models import Contact, PlatformHandle, ValidationError, normalise_tag
from ..domain.text import printable
from . import Context, DbOption, Subcommands, UserError

_NONE = ("none", "no", "")


def register(csub: Subcommands, db_option: DbOption) -> None:
    edit = csub.add_parser("edit", help="change a contact's name, platforms, tags, cadence, notes...")
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help="a new name")
    edit.add_argument("--platform", action="append", default=[], metavar="P:H",
                      help="add a platform and handle (repeatable)")
    edit.add_argument("--unplatform", action="append", default=[], metavar="P:H",
                      help="remove a platform and handle; a platform alone removes all its handles")
    edit.add_argument("--tag", action="append", default=[], metavar="TAG", help="add a tag (repeatable)")
    edit.add_argument("--untag", action="append", default=[], metavar="TAG", help="remove a tag (repeatable)")
    edit.add_argument("--every", metavar="DAYS|none", help="stay-in-touch cadence in days, or none")
    edit.add_argument("--met", metavar="TEXT", help="how you met (replaces it)")
    edit.add_argument("--note", metavar="TEXT", help="the notes (replaces them)")
    edit.add_argument("--birthday", metavar="DATE|none", help="their birthday, or none")
    db_option(edit)
    edit.set_defaults(handler=contact_edit)

    merge = csub.add_parser("merge", help="merge a contact into another: one person, two records")
    merge.add_argument("name", metavar="NAME", help="the contact that goes")
    merge.add_argument("--into", required=True, metavar="NAME", help="the contact that stays")
    db_option(merge)
    merge.set_defaults(handler=contact_merge)


# ---------------------------------------------------------------------- edit


def _cadence(text: str) -> int | None:
    if text.strip().lower() in _NONE:
        return None
    if not text.strip().isdigit():
        raise UserError(f"--every takes a number of days or 'none', not '{text}'.")
    days = int(text)
    if days < 1:
        raise ValidationError("cadence_days", "must be at least 1 day (or none)")
    return days


def _platforms(contact: Contact, add: list[str], remove: list[str]) -> list[PlatformHandle]:
    platforms = list(contact.platforms)
    for text in remove:
        gone = PlatformHandle.parse(text)
        # A platform alone (linkedin) removes every handle there; with a handle, just that one.
        match = [p for p in platforms if p == gone or (not gone.handle and p.platform == gone.platform)]
        if not match:
            have = ", ".join(str(p) for p in platforms) or "none"
            raise UserError(f"{printable(contact.name)} has no platform {gone} (they have: {have}).")
        platforms = [p for p in platforms if p not in match]
    for text in add:
        p = PlatformHandle.parse(text)
        if p not in platforms:
            platforms.append(p)
    return platforms


def _tags(contact: Contact, add: list[str], remove: list[str]) -> list[str]:
    tags = list(contact.tags)
    for text in remove:
        tag = normalise_tag(text)
        if tag not in tags:
            raise UserError(f"{printable(contact.name)} has no tag '{tag}' (they have: {', '.join(tags) or 'none'}).")
        tags.remove(tag)
    return tags + [t for t in (normalise_tag(t) for t in add) if t not in tags]


def _edits(ctx: Context, contact: Contact) -> dict[str, Any]:
    """The fields the options change, by name, as ``dataclasses.replace`` takes them."""
    a = ctx.args
    changes: dict[str, Any] = {}
    if a.new_name is not None:
        changes["name"] = a.new_name
    if a.platform or a.unplatform:
        changes["platforms"] = _platforms(contact, a.platform, a.unplatform)
    if a.tag or a.untag:
        changes["tags"] = _tags(contact, a.tag, a.untag)
    if a.every is not None:
        changes["cadence_days"] = _cadence(a.every)
    if a.met is not None:
        changes["how_met"] = a.met
    if a.note is not None:
        changes["notes"] = a.note
    if a.birthday is not None:
        from ..domain.birthdays import BirthdayError, parse_birthday

        try:
            changes["birthday"] = (None if a.birthday.strip().lower() in _NONE
                                   else parse_birthday(a.birthday, ctx.settings().date_order or None))
        except BirthdayError as exc:
            raise UserError(f"--birthday: {exc}.") from exc
    return changes


_LABELS = {"name": "name", "platforms": "platforms", "tags": "tags", "cadence_days": "cadence",
           "how_met": "how you met", "notes": "notes", "birthday": "birthday"}


def contact_edit(ctx: Context) -> int:
    with ctx.open_store(create=False) as store:
        contact = store.resolve_name(ctx.args.name)
        changes = _edits(ctx, contact)
        if not changes:
            raise UserError("Nothing to change: give --name, --platform, --unplatform, --tag, --untag, "
                            "--every, --met, --note or --birthday.")
        changed = replace(contact, **changes)  # validates every field again
        if "name" in changes:
            wanted = changed.name.casefold()
            same = [n for cid, n in store.contact_names().items() if cid != contact.id and n.casefold() == wanted]
            if same:
                raise UserError(f"There is already a contact called '{same[0]}'.")
        changed_fields = [_LABELS[k] for k in changes if getattr(changed, k) != getattr(contact, k)]
        if changed_fields:
            store.update_contact(changed)
    if not changed_fields:
        ctx.print(f"{printable(changed.name)} already has that; nothing changed.")
    else:
        ctx.print(f"Updated {printable(changed.name)}: {', '.join(changed_fields)}.")
    return 0


# ---------------------------------------------------------------------- merge


def contact_merge(ctx: Context) -> int:
    from ..domain.merging import MergeError, plan_merge

    with ctx.open_store(create=False) as store:
        other = store.resolve_name(ctx.args.name)
        survivor = store.resolve_name(ctx.args.into)
        try:
            plan = plan_merge(survivor, other, store.timeline(other.id))
        except MergeError as exc:
            raise UserError(str(exc)) from exc
        # One commit: the survivor, the moved entries and the other contact's delete ('smn undo'
        # takes all of it back).
        store.commit_changes([plan.contact, *plan.entries], [("contacts", other.id)],
                             what=f"Merged {other.name} into {survivor.name}")
    gained = []
    if plan.platforms_added:
        gained.append(f"{len(plan.platforms_added)} platform{'s' if len(plan.platforms_added) != 1 else ''}")
    if plan.tags_added:
        gained.append(f"{len(plan.tags_added)} tag{'s' if len(plan.tags_added) != 1 else ''}")
    if plan.notes_added:
        gained.append("the notes")
    if plan.how_met_added:
        gained.append("how you met")
    n = len(plan.entries)
    both = f" ({plan.shared} had both of them)" if plan.shared else ""
    ctx.print(f"Merged {printable(other.name)} into {printable(survivor.name)}: "
              f"{n} entr{'y' if n == 1 else 'ies'} moved{both}"
              + (f"; gained {', '.join(gained)}" if gained else "") + ".")
    return 0
