"""The contacts journal: find anyone, see your history with them, journal what happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Static

from ..domain.models import Contact, Interaction, normalise_platform, platform_mark
from ..storage.store import DUE_SOON_DAYS
from ..widgets.contact_detail import ContactDetail, ContactView
from ..widgets.contact_list import ContactList, ContactRow
from .base import JournalScreen
from .confirm import ConfirmScreen

SORTS = ("name", "last contact", "most overdue")

EMPTY_TEXT = (
    "smn keeps the relationships you care about: the people you know and where,\n"
    "how you met, what you talk about, and the helpful things you do for them.\n\n"
    "Press n to add your first contact.\n\n"
    "Want to look around first? Run  smn --demo  to open a full example journal."
)


def due_state(cadence: int | None, archived: bool, created: str, last: date | None,
              today: date) -> tuple[str, date | None, int | None]:
    """(status, due date, days overdue) the way ``JournalStore.due_contacts`` reckons them.

    Worked out from the raw fields so a reload of 30,000 contacts does not
    build 30,000 records; a test keeps the two in agreement.
    """
    if not cadence or archived:
        return "", None, None
    base = last or datetime.fromisoformat(created).date()
    due = base + timedelta(days=cadence)
    overdue = (today - due).days
    if overdue > 0:
        return "overdue", due, overdue
    if overdue >= -DUE_SOON_DAYS:
        return "due", due, overdue
    return "ok", due, overdue


@dataclass(frozen=True)
class ContactFilter:
    """What the filter box asks for: words AND ``#tag``s AND ``@platform``s AND (maybe) ``due``."""

    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    platforms: tuple[tuple[str, str], ...] = ()  # (as typed, normalised)
    due: bool = False

    @classmethod
    def parse(cls, text: str) -> ContactFilter:
        words: list[str] = []
        tags: list[str] = []
        platforms: list[tuple[str, str]] = []
        due = False
        for word in text.lower().split():
            if word.startswith("#") and len(word) > 1:
                tags.append(word[1:])
            elif word.startswith("@") and len(word) > 1:
                platforms.append((word[1:], normalise_platform(word[1:])))
            elif word == "due":
                due = True
            elif word not in ("#", "@"):
                words.append(word)
        return cls(tuple(words), tuple(tags), tuple(platforms), due)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.tags or self.platforms or self.due)

    def matches(self, row: ContactRow, hay: str) -> bool:
        if self.due and row.status not in ("due", "overdue"):
            return False
        for tag in self.tags:
            if not any(t.startswith(tag) for t in row.tags):
                return False
        for typed, norm in self.platforms:
            if not any(p.startswith(typed) or p == norm for p in row.platforms):
                return False
        for word in self.words:
            if word not in hay:
                return False
        return True


class ContactsScreen(JournalScreen):
    """The people you know, where they are, and your history with each."""

    HELP_TITLE = "Contacts"
    BINDINGS = [
        Binding("n", "new_contact", "New", tooltip="Add a contact"),
        Binding("e", "edit_contact", "Edit", tooltip="Edit the selected contact (also Enter)"),
        Binding("i", "log_interaction", "Log", tooltip="Log an interaction with the selected contact"),
        Binding("a", "archive_contact", "Archive", tooltip="Archive or unarchive the selected contact"),
        Binding("d", "delete_contact", "Delete", tooltip="Delete the selected contact (asks first)"),
        Binding("slash", "focus_filter", "Filter", key_display="/",
                tooltip="Filter: words match name, handle, tag, platform; #tag, @platform, due narrow"),
        Binding("escape", "clear_filter", "Clear filter", show=False, tooltip="Clear the filter"),
        Binding("s", "cycle_sort", "Sort", tooltip="Sort by name, last contact or most overdue"),
        Binding("v", "toggle_archived", "Archived", show=False, tooltip="Show or hide archived contacts"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = SORTS[0]
        self.show_archived = False
        self._entries: list[tuple[ContactRow, str]] = []  # (row, lower-case search text)
        self._orders: dict[str, list[tuple[ContactRow, str]]] = {}
        self._names: dict[str, str] = {}
        self._due: dict[str, tuple[date | None, int | None]] = {}
        self._marks_width = 2
        self._shown_detail: str | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter: name, handle, #tag, @platform, due", id="contacts-filter",
                    compact=True)
        with Horizontal(id="contacts-main"):
            yield ContactList(today=self.smn.today(), id="contact-list")
            yield ContactDetail(id="contact-detail")
        yield Static(Text(EMPTY_TEXT), id="contacts-empty")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one("#contacts-filter", Input).cursor_blink = False
        self._reload_if_stale()
        self.query_one(ContactList).focus()

    @property
    def contact_list(self) -> ContactList:
        return self.query_one("#contact-list", ContactList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#contacts-filter", Input)

    # ------------------------------------------------------------------ data

    def reload(self) -> None:
        """Rebuild the rows from the store: one pass over the contacts, nothing per row later."""
        store = self.store
        today = self.smn.today()
        last = store.last_contact_dates()
        acts = store.act_counts()
        index = store.contact_search_index()
        entries: list[tuple[ContactRow, str]] = []
        names: dict[str, str] = {}
        dues: dict[str, tuple[date | None, int | None]] = {}
        marks_width = 2
        for cid, doc in store.contact_docs():
            seen = last.get(cid)
            plats: list[str] = []
            for p, _ in doc.get("platforms", ()):
                if p not in plats:
                    plats.append(p)
            marks = " ".join(platform_mark(p) for p in plats)
            marks_width = max(marks_width, len(marks))
            archived = bool(doc.get("archived"))
            status, due, overdue = due_state(doc.get("cadence_days"), archived, doc["created"], seen, today)
            if status:
                dues[cid] = (due, overdue)
            row = ContactRow(cid, doc["name"], status, marks, tuple(doc.get("tags", ())), tuple(plats),
                             seen, acts.get(cid, 0), archived)
            names[cid] = doc["name"]
            entries.append((row, index.get(cid, "")))
        self._entries = entries
        self._orders = {}
        self._names = names
        self._due = dues
        self._marks_width = marks_width
        self.contact_list.today = today
        self.set_class(not entries, "-empty")
        self.apply_filter()
        self._show_detail(self.contact_list.highlighted_id, force=True)

    def _ordered(self) -> list[tuple[ContactRow, str]]:
        order = self._orders.get(self.sort)
        if order is None:
            entries = self._entries
            if self.sort == "last contact":
                order = sorted(entries, key=lambda e: (e[0].last is None,
                                                        -(e[0].last.toordinal() if e[0].last else 0),
                                                        e[0].name.casefold()))
            elif self.sort == "most overdue":
                order = sorted(entries, key=lambda e: (
                    not e[0].status, -(self._due.get(e[0].id, (None, 0))[1] or 0), e[0].name.casefold()))
            else:
                order = sorted(entries, key=lambda e: e[0].name.casefold())
            self._orders[self.sort] = order
        return order

    def apply_filter(self) -> None:
        """Show the rows the filter box asks for (a single scan over precomputed text)."""
        query = ContactFilter.parse(self.filter_input.value)
        show_archived = self.show_archived
        if query.is_empty:
            rows = [r for r, _ in self._ordered() if show_archived or not r.archived]
        else:
            match = query.matches
            rows = [r for r, hay in self._ordered() if (show_archived or not r.archived) and match(r, hay)]
        contact_list = self.contact_list
        contact_list.empty_text = (
            "No contacts match the filter. Esc clears it." if self._entries else "No contacts yet."
        )
        contact_list.set_rows(rows, marks_width=self._marks_width)
        total = sum(1 for r, _ in self._entries if show_archived or not r.archived)
        archived = "with archived" if show_archived else "archived hidden"
        contact_list.border_title = f"{len(rows):,} of {total:,}" if not query.is_empty else f"{total:,} contacts"
        contact_list.border_subtitle = f"by {self.sort} · {archived}"

    # ------------------------------------------------------------------ detail pane

    @on(ContactList.Highlighted)
    def _highlighted(self, message: ContactList.Highlighted) -> None:
        self._show_detail(message.contact_id)

    @on(ContactList.Selected)
    def _selected(self, message: ContactList.Selected) -> None:
        self.action_edit_contact()

    def _show_detail(self, contact_id: str | None, *, force: bool = False) -> None:
        if contact_id == self._shown_detail and not force:
            return
        self._shown_detail = contact_id
        detail = self.query_one(ContactDetail)
        if contact_id is None or contact_id not in self._names:
            detail.show(None, empty="No contact selected." if self._entries else "")
            return
        detail.show(self.contact_view(contact_id))

    def contact_view(self, contact_id: str) -> ContactView:
        contact = self.store.get_contact(contact_id)
        timeline = self.store.timeline(contact_id)
        interactions = sum(1 for e in timeline if isinstance(e, Interaction))
        due, overdue = self._due.get(contact_id, (None, None))
        status = ""
        if due is not None:
            status, _, _ = due_state(contact.cadence_days, contact.archived, contact.created.isoformat(),
                                     self.store.last_contact(contact_id), self.smn.today())
        others = {i for e in timeline for i in e.contact_ids if i != contact_id}
        return ContactView(
            contact=contact, today=self.smn.today(), last=self.store.last_contact(contact_id),
            due=due, days_overdue=overdue, status=status, interactions=interactions,
            acts=len(timeline) - interactions, timeline=timeline,
            names={i: self._names.get(i, "?") for i in others},
        )

    # ------------------------------------------------------------------ API for other screens

    def selected_contact_ids(self) -> list[str]:
        """The contact under the cursor (forms opened from here start with them)."""
        cid = self.contact_list.highlighted_id if self._entries else None
        return [cid] if cid else []

    def select_contact(self, contact_id: str) -> None:
        """Show ``contact_id``: clears the filter or shows archived contacts if that hides them."""
        self._reload_if_stale()
        if contact_id not in self._names:
            return
        if not self.contact_list.move_to(contact_id):
            row = next(r for r, _ in self._entries if r.id == contact_id)
            if row.archived and not self.show_archived:
                self.show_archived = True
            self.filter_input.value = ""
            self.apply_filter()
            self.contact_list.move_to(contact_id)
        self.contact_list.focus()

    # ------------------------------------------------------------------ filter and sort

    @on(Input.Changed, "#contacts-filter")
    def _filter_changed(self) -> None:
        self.apply_filter()

    @on(Input.Submitted, "#contacts-filter")
    def _filter_submitted(self) -> None:
        self.contact_list.focus()

    def action_focus_filter(self) -> None:
        self.filter_input.focus()

    def action_clear_filter(self) -> None:
        if self.filter_input.value:
            self.filter_input.value = ""
            self.apply_filter()
        self.contact_list.focus()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.apply_filter()
        self.notify(f"Sorted by {self.sort}.", timeout=2)

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.apply_filter()
        self.notify("Archived contacts shown." if self.show_archived else "Archived contacts hidden.",
                    timeout=2)

    # ------------------------------------------------------------------ actions

    def _current(self) -> Contact | None:
        ids = self.selected_contact_ids()
        if not ids:
            self.notify("Select a contact first.", severity="warning", timeout=3)
            return None
        return self.store.get_contact(ids[0])

    def _after_form(self, saved: Contact | None) -> None:
        if saved is not None:
            self.select_contact(saved.id)

    def action_new_contact(self) -> None:
        self.smn.open_contact_form(None, self._after_form)

    def action_edit_contact(self) -> None:
        contact = self._current()
        if contact is not None:
            self.smn.open_contact_form(contact, self._after_form)

    def action_log_interaction(self) -> None:
        ids = self.selected_contact_ids()
        self.smn.open_interaction_form(ids)

    def action_archive_contact(self) -> None:
        contact = self._current()
        if contact is None:
            return
        archive = not contact.archived
        done = f"Archived {contact.name}." if archive else f"{contact.name} is back from the archive."
        self.smn.save(lambda: self.store.archive_contact(contact.id, archive), done=done)

    def action_delete_contact(self) -> None:
        contact = self._current()
        if contact is None:
            return
        preview = self.store.delete_preview(contact.id)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.smn.save(lambda: self.store.delete_contact(contact.id), done=f"Deleted {contact.name}.")

        self.app.push_screen(
            ConfirmScreen("Delete this contact?", preview.describe() + " This cannot be undone.", "Delete"),
            confirmed,
        )
