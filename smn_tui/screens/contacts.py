"""The contacts journal: find anyone, see your history with them, journal what happened.

The screen filters, sorts and draws the store's contact summaries. A big journal shows its first page of
names at once and reads the rest between keys; last contact, acts and who is due fill in when they are read.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from ..domain.models import Contact, ValidationError
from ..storage.disk.names import FirstPage
from ..storage.summaries import ContactSummaries, ContactSummary, figures_pending
from ..widgets.contact_detail import ContactDetail
from ..widgets.contact_filter import ContactFilter
from ..widgets.contact_list import ContactList
from ..widgets.fitting_footer import FittingFooter
from ..widgets.timeline import Timeline
from .base import ReadingScreen
from .contact_changes import ContactChanges
from .contact_merging import ContactMerging
from .contact_views import ContactListing, detail_for

EMPTY_TEXT = (
    "smn is a journal of the relationships you keep: the people you know and where to find them, "
    "how you met, your conversations, and the helpful things you do for them.\n\n"
    "Press n to add your first contact.\n\n"
    "Want to look around first? Run  smn --demo  to open a full example journal."
)


class ContactsScreen(ReadingScreen):
    """The people you know, where they are, and your history with each."""

    HELP_TITLE = "Contacts"
    BINDINGS = [
        Binding("n", "new_contact", "New", tooltip="Add a contact"),
        Binding("e", "edit_contact", "Edit", tooltip="Edit the selected contact (also Enter)"),
        Binding("i", "log_interaction", "Log", tooltip="Log an interaction with the selected contact"),
        Binding("a", "archive_contact", "Archive", show=False, tooltip="Archive or unarchive the selected contact"),
        Binding("d", "delete_contact", "Delete", tooltip="Delete the selected contact (asks first)"),
        Binding("slash", "focus_filter", "Filter", key_display="/",
                tooltip="Filter: words match name, handle, tag, platform, how you met, notes; "
                        "#tag, @platform, due, birthday narrow"),
        Binding("escape", "clear_filter", "Clear filter", show=False, tooltip="Clear the filter"),
        Binding("s", "cycle_sort", "Sort", tooltip="Sort by name, last contact or most overdue"),
        Binding("v", "toggle_archived", "Archived", show=False, tooltip="Show or hide archived contacts"),
        Binding("m", "mark", "Mark", tooltip="Mark or unmark the selected contact, to merge two"),
        Binding("M", "merge", "Merge", key_display="M",
                tooltip="Merge the two marked contacts (or the marked one and the selected one)"),
    ]

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        """The screen's keys, then the timeline's (Enter edits an entry there, d deletes it)."""
        return [*super().help_bindings(), *(b for b in Timeline.BINDINGS
                                            if isinstance(b, Binding) and b.tooltip)]

    def __init__(self) -> None:
        super().__init__()
        self.summaries = ContactSummaries()
        self.listing = ContactListing()
        self._shown_detail: str | None = None
        self.merging = ContactMerging(self)
        self.marks = self.merging.marks  # the contacts marked to merge
        #: While the list shows the store's first page: how many contacts it holds in all.
        self._page_shown: int | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter: name, notes, #tag, @platform, due, birthday", id="contacts-filter",
                    compact=True)
        with Horizontal(id="contacts-main"):
            yield ContactList(today=self.smn.today(), id="contact-list")
            yield ContactDetail(id="contact-detail")
        yield Static(Text(EMPTY_TEXT), id="contacts-empty")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.filter_input.cursor_blink = False
        self._reload_if_stale()
        self.contact_list.focus()

    @property
    def contact_list(self) -> ContactList:
        return self.query_one("#contact-list", ContactList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#contacts-filter", Input)

    @property
    def _all_rows(self) -> list[ContactSummary]:
        return self.summaries.rows

    @property
    def _rows_by_id(self) -> dict[str, ContactSummary]:
        return self.summaries.by_id

    # ------------------------------------------------------------------ data

    @property
    def figures_pending(self) -> bool:
        return self.summaries.pending

    @property
    def shows_first_page(self) -> bool:
        return self._page_shown is not None

    def _reload_steps(self, step: int = 0) -> Iterator[None]:
        """The reload, pausing (yielding) after every ``step`` contacts (0: never).

        A reload that starts during a pause takes over; this one then stops.
        """
        token = self.new_reload()
        store = self.store
        page = store.first_page()
        if page is not None:
            self._show_first_page(page)
            return
        if figures_pending(store):  # a big journal: the figures come once its entries are read
            self._start_prepare()
        summaries = self.summaries
        for _ in summaries.update(store, self.smn.today(), step=step):
            yield
            if self.superseded(token):
                return  # a newer reload has the current state
        self._page_shown = None
        self._rows_changed()

    def _rows_changed(self) -> None:
        """Show the new summaries (keys handled during a stepped reload saw the old ones whole)."""
        summaries = self.summaries
        self.listing.rows_changed(summaries)
        contact_list = self.contact_list
        contact_list.today = self.smn.today()
        contact_list.figures_pending = summaries.pending
        empty = not summaries.rows
        if self.has_class("-empty") != empty:
            self.set_class(empty, "-empty")
            self.refresh_bindings()
        if self.marks.ids:
            self.merging.changed()
        self.apply_filter()
        self._show_detail(contact_list.highlighted_id, force=True)

    def _show_first_page(self, page: FirstPage) -> None:
        """The list's first screen from the store's small index; anything that needs the other contacts
        (typing a filter, another sort, the archived) reads the head at once, else the reading steps do."""
        self.summaries.show_first_page(page)
        self._page_shown = page.shown
        self._rows_changed()
        self._start_prepare()

    # ------------------------------------------------------------------ filter and sort

    def _pool(self) -> list[ContactSummary]:
        """All rows the filter may show, in the chosen order."""
        return self.listing.pool(self.summaries.rows)

    def apply_filter(self) -> None:
        """Show the rows the filter box asks for."""
        listing = self.listing
        query = ContactFilter.parse(self.filter_input.value)
        if self._page_shown is not None and not listing.fits_first_page(query):
            self._read_head_now()  # the first page holds only the first contacts by name
            return
        rows, pool = listing.choose(query, self.summaries, self.store, self.smn.today())
        contact_list = self.contact_list
        contact_list.empty_text = (
            "No contacts match the filter. Esc clears it." if self.summaries.rows else "No contacts yet."
        )
        contact_list.set_rows(rows, marks_width=self.summaries.marks_width)
        shown = len(pool) if self._page_shown is None else self._page_shown
        contact_list.border_title, contact_list.border_subtitle = listing.titles(query, len(rows), shown)
        if query.words != listing.query.words:
            # The list first; the marks in the detail pane a frame later.
            self.call_after_refresh(self._show_detail, contact_list.highlighted_id, force=True)
        listing.query = query

    @on(Input.Changed, "#contacts-filter")
    def _filter_changed(self) -> None:
        self.apply_filter()

    @on(Input.Submitted, "#contacts-filter")
    def _filter_submitted(self) -> None:
        self.contact_list.focus()

    def action_focus_filter(self) -> None:
        self.set_focus(self.filter_input)

    def action_clear_filter(self) -> None:
        if self.filter_input.value:
            self.filter_input.value = ""
            self.apply_filter()
        self.set_focus(self.contact_list)

    def action_cycle_sort(self) -> None:
        self.listing.next_sort()
        self.apply_filter()

    def action_toggle_archived(self) -> None:
        self.listing.show_archived = not self.listing.show_archived
        self.apply_filter()

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
        view, empty = detail_for(self.store, self.summaries, contact_id, self.smn.today(), self.listing.query.words)
        self.query_one(ContactDetail).show(view, empty=empty)

    # ------------------------------------------------------------------ what the app asks

    def selected_contact_ids(self) -> list[str]:
        """The contact under the cursor (forms opened from here start with them)."""
        cid = self.contact_list.highlighted_id if self.summaries.rows else None
        return [cid] if cid else []

    def select_contact(self, contact_id: str) -> None:
        """Show ``contact_id``: clears the filter or shows archived contacts if that hides them."""
        self._reload_if_stale()
        summary = self.summaries.by_id.get(contact_id)
        if summary is None:
            return
        if not self.contact_list.move_to(contact_id):
            if summary.archived and not self.listing.show_archived:
                self.listing.show_archived = True
            self.filter_input.value = ""
            self.apply_filter()
            self.contact_list.move_to(contact_id)
        self.contact_list.focus()

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On an empty journal only 'new contact' makes sense; hide the rest from the footer.
        Merging shows once a contact is marked."""
        if action == "merge":
            return bool(self.marks.ids)
        return bool(self.summaries.rows) or action not in (
            "edit_contact", "log_interaction", "archive_contact", "delete_contact", "focus_filter", "cycle_sort",
            "toggle_archived", "mark")

    def _current(self) -> Contact | None:
        ids = self.selected_contact_ids()
        if not ids:
            self.notify("Select a contact first.", severity="warning", timeout=3)
            return None
        try:
            return self.store.get_contact(ids[0])
        except ValidationError:  # removed by another process since the last refresh
            self.notify("That contact is no longer in the journal.", severity="warning", timeout=4)
            self.smn.journal_changed()
            return None

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
        self.smn.open_interaction_form(self.selected_contact_ids())

    def action_archive_contact(self) -> None:
        contact = self._current()
        if contact is not None:
            ContactChanges(self.smn).archive_contact(contact)

    def action_delete_contact(self) -> None:
        """Delete the selected contact and what is theirs alone, once confirmed (Ctrl+Z brings it back)."""
        contact = self._current()
        if contact is not None:
            ContactChanges(self.smn).delete_contact(contact)

    # ------------------------------------------------------------------ the timeline

    @on(Timeline.EditRequested)
    def _edit_entry(self, message: Timeline.EditRequested) -> None:
        ContactChanges(self.smn).edit(message.entry)

    @on(Timeline.DeleteRequested)
    def _delete_entry(self, message: Timeline.DeleteRequested) -> None:
        ContactChanges(self.smn).delete(message.entry)

    # ------------------------------------------------------------------ merging

    def action_mark(self) -> None:
        """Mark the selected contact to merge (or unmark it); two at most, the older mark goes."""
        self.merging.toggle_selected()

    def action_merge(self) -> None:
        """Show what the two contacts would be as one; merge them once confirmed (one commit, undoable)."""
        self.merging.merge()

    def palette_commands(self) -> Iterator[SystemCommand]:
        """Merging, offered in the palette once two contacts can be merged."""
        yield from self.merging.commands()
