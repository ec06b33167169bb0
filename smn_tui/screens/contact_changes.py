"""What the contacts screen asks before it changes the journal, and the changes themselves.

A delete says what will go and that Ctrl+Z brings it back: for a contact, the
entries that go with them (nobody else was there) and those they are only
taken off; for one entry, the entry itself. :class:`ContactChanges` makes the
changes (archiving or deleting a contact, editing or deleting an entry) through
the app's save funnel, so each one is one undoable commit. Merging two contacts
is in :mod:`.contact_merging`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text

from ..domain.models import Contact, HelpfulAct, Interaction, ValidationError
from ..domain.wording import BRINGS_BACK, BRINGS_BACK_ONE, count_of
from ..widgets.timeline import Entry, entry_line, short_date

if TYPE_CHECKING:
    from ..journal_app import JournalApp

#: Entries a delete confirmation lists of each kind; the rest are counted.
LISTED = 4
#: A listed entry's note is shortened to this many characters.
NOTE_CHARS = 40


def _entries_said(entries: Sequence[Entry]) -> str:
    interactions = sum(1 for e in entries if isinstance(e, Interaction))
    acts = len(entries) - interactions
    said = [count_of(n, word) for n, word in ((interactions, "interaction"), (acts, "helpful act")) if n]
    return " and ".join(said)


def _listed(out: Text, entries: Sequence[Entry], today: date, names: Mapping[str, str], about: str) -> None:
    """Up to :data:`LISTED` entries, a line each (the note shortened), then how many more."""
    for entry in entries[:LISTED]:
        out.append("\n  ")
        out.append_text(entry_line(entry, today, names, about))
        if entry.note:
            note = " ".join(entry.note.split())
            out.append(": ")
            out.append(note if len(note) <= NOTE_CHARS else note[:NOTE_CHARS - 1] + "…", style="italic")
    if len(entries) > LISTED:
        out.append(f"\n  … and {len(entries) - LISTED} more", style="dim")


def contact_delete_message(contact: Contact, timeline: Sequence[Entry], names: Mapping[str, str],
                           today: date) -> Text:
    """What deleting ``contact`` takes away, listed (the dialog adds that Ctrl+Z brings it back)."""
    alone = [e for e in timeline if len(e.contact_ids) == 1]
    shared = [e for e in timeline if len(e.contact_ids) > 1]
    out = Text("Deletes ")
    out.append(contact.name, style="bold")
    out.append(".")
    if not timeline:
        out.append(" Nothing else in the journal is about them.")
    if alone:
        out.append(f"\n\nGoes too, as nobody else was there: {_entries_said(alone)}.")
        _listed(out, alone, today, names, contact.id)
    if shared:
        out.append(f"\n\nTaken off, and kept for the others there: {_entries_said(shared)}.")
        _listed(out, shared, today, names, contact.id)
    return out


def entry_kind(entry: Entry) -> str:
    """``interaction`` or ``helpful act``."""
    return "helpful act" if isinstance(entry, HelpfulAct) else "interaction"


def entry_delete_message(entry: Entry, names: Mapping[str, str], today: date) -> Text:
    """The entry to delete, in full (the dialog adds that Ctrl+Z brings it back)."""
    out = entry_line(entry, today, names)
    if entry.note:
        out.append("\n  ")
        out.append(entry.note.replace("\n", "\n  "))
    if isinstance(entry, HelpfulAct) and entry.outcome:
        out.append("\n  Outcome: ")
        out.append(entry.outcome)
    return out


def entry_said(entry: Entry, names: Mapping[str, str], today: date) -> str:
    """``the meeting with Marie Curie on 24 Nov``: an entry as a notice names it."""
    people = ", ".join(names.get(i, "?") for i in entry.contact_ids)
    if isinstance(entry, HelpfulAct):
        return f"the helpful act for {people} on {short_date(entry.on, today)}"
    return f"the {entry.kind} with {people} on {short_date(entry.on, today)}"


class ContactChanges:
    """The contacts screen's changes: archive or delete a contact, edit an entry in its form, delete one
    (a delete once confirmed)."""

    def __init__(self, app: JournalApp) -> None:
        self.app = app

    def archive_contact(self, contact: Contact) -> None:
        """Archive ``contact``, or bring them back from the archive."""
        archive = not contact.archived
        done = f"Archived {contact.name}." if archive else f"{contact.name} is back from the archive."
        self.app.save(lambda: self.app.store.archive_contact(contact.id, archive), done=done)

    def delete_contact(self, contact: Contact) -> None:
        """Delete ``contact`` and what is theirs alone, once confirmed (Ctrl+Z brings it back)."""
        store = self.app.store
        timeline = store.timeline(contact.id)
        names = store.names_for({i for e in timeline for i in e.contact_ids})
        message = contact_delete_message(contact, timeline, names, self.app.today())
        self.app.confirm(f"Delete {contact.name}?", message, "Delete",
                         lambda: self.app.save(lambda: self.app.store.delete_contact(contact.id),
                                               done=f"Deleted {contact.name}"), note=BRINGS_BACK)

    def fresh(self, entry: Entry) -> Entry | None:
        """``entry`` as the journal holds it now (None, said, when another process removed it)."""
        store = self.app.store
        try:
            return store.get_act(entry.id) if isinstance(entry, HelpfulAct) else store.get_interaction(entry.id)
        except ValidationError:
            self.app.journal_changed()
            return None

    def edit(self, entry: Entry) -> None:
        """Open the entry's form, prefilled; saving it replaces the entry."""
        current = self.fresh(entry)
        if isinstance(current, HelpfulAct):
            self.app.open_act_form(act=current)
        elif current is not None:
            self.app.open_interaction_form(interaction=current)

    def delete(self, entry: Entry) -> None:
        """Ask, showing the entry; delete it on yes."""
        current = self.fresh(entry)
        if current is None:
            return
        store, today = self.app.store, self.app.today()
        names = store.names_for(current.contact_ids)
        said = entry_said(current, names, today)

        def delete() -> None:
            if isinstance(current, HelpfulAct):
                store.delete_act(current.id)
            else:
                store.delete_interaction(current.id)

        self.app.confirm(f"Delete this {entry_kind(current)}?", entry_delete_message(current, names, today),
                         "Delete", lambda: self.app.save(delete, done=f"Deleted {said}"), note=BRINGS_BACK_ONE)
