"""The contacts journal: find anyone, see your history with them, journal what happened."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Static

from ..domain.models import Contact, Interaction, ValidationError, normalise_platform, platform_mark
from ..storage.journal_file import FirstPage, StorageError, no_gc
from ..storage.store import DUE_SOON_DAYS
from ..widgets.contact_detail import ContactDetail, ContactView
from ..widgets.contact_list import ContactList, ContactRow
from ..dialogs.confirm import ConfirmDialog
from .base import JournalScreen

SORTS = ("name", "last contact", "most overdue")
#: Seconds the app has for keys and redraws between steps of reading a big journal's entries.
PREPARE_PAUSE = 0.004
#: Contacts a stepped reload handles between two pauses (10-20 ms of work).
RELOAD_STEP = 4000

EMPTY_TEXT = (
    "smn is a journal of the relationships you keep: the people you know and where to find them, "
    "how you met, your conversations, and the helpful things you do for them.\n\n"
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


#: Markers in the search text. Control characters never occur in journal text,
#: so ``#men`` can only match the start of a tag and ``@git`` of a platform.
TAG_MARK = "\x01"
PLATFORM_MARK = "\x02"
DUE_MARK = " \x03due"


def search_text(index_text: str, tags, platforms) -> str:
    """What the filter scans for one contact: the store's search text plus tag and platform markers.

    Rows of contacts who are due get :data:`DUE_MARK` appended.
    """
    return " ".join([index_text, *(TAG_MARK + t for t in tags), *(PLATFORM_MARK + p for p in platforms)])


@dataclass(frozen=True)
class ContactFilter:
    """What the filter box asks for, as substrings that must all occur (AND).

    Plain words match name, handle, tag or platform; ``#tag`` the start of a
    tag; ``@platform`` the start of a platform (``@twitter`` means x); ``due``
    who is due or overdue.
    """

    needles: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> ContactFilter:
        needles: list[str] = []
        for word in text.lower().split():
            if word.startswith("#"):
                if len(word) > 1:
                    needles.append(TAG_MARK + word[1:])
            elif word.startswith("@"):
                if len(word) > 1:
                    needles.append(PLATFORM_MARK + normalise_platform(word[1:]))
            elif word == "due":
                needles.append(DUE_MARK.strip())
            else:
                needles.append(word)
        return cls(tuple(dict.fromkeys(needles)))

    @property
    def is_empty(self) -> bool:
        return not self.needles

    def narrows(self, other: ContactFilter) -> bool:
        """True when every row this filter keeps is also kept by ``other`` (each of ``other``'s
        needles lies inside one of ours), so this filter can scan ``other``'s result alone."""
        return all(any(o in n for n in self.needles) for o in other.needles)

    def select(self, rows: list[ContactRow]) -> list[ContactRow]:
        """The rows holding every needle (a single scan; no work per row beyond ``in``)."""
        needles = self.needles
        if not needles:
            return rows
        if len(needles) == 1:
            (a,) = needles
            return [r for r in rows if a in r.search]
        if len(needles) == 2:
            a, b = needles
            return [r for r in rows if a in r.search and b in r.search]
        a, b, *rest = needles
        return [r for r in rows if a in r.search and b in r.search and all(n in r.search for n in rest)]


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
        self._all_rows: list[ContactRow] = []
        # What each row was made from: (document, last contact, act count, figures pending,
        # filter text without the due mark or None until made, (due, overdue, status) or None).
        self._row_src: dict[str, tuple] = {}
        self._rows_by_id: dict[str, ContactRow] = {}
        self._rows_today: date | None = None
        self._marks_for: dict[tuple[str, ...], str] = {}
        self._pools: dict[tuple[str, bool], list[ContactRow]] = {}
        # Recent filter results over the current pool, newest last: typing on scans the
        # rows the last result kept, and backspacing finds its answer here.
        self._results: dict[ContactFilter, list[ContactRow]] = {}
        self._results_pool: list[ContactRow] | None = None
        self._search_ready = False
        self._names: dict[str, str] = {}
        self._due: dict[str, tuple[date | None, int | None, str]] = {}
        self._marks_width = 2
        self._shown_detail: str | None = None
        # True while the rows lack last-contact figures because the entries are still being read.
        self._pending = False
        self._preparing = False
        self._reloads = 0  # reloads started, so that a stepped one knows when a newer one ran
        #: While the list shows the store's first page: how many contacts it holds in all.
        self._page_shown: int | None = None

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
        """Bring the rows up to date with the store: one pass over the contacts, nothing per row later."""
        for _ in self._reload_steps():
            pass

    async def _reload_in_steps(self) -> None:
        """:meth:`reload` a few thousand contacts at a time, keys and redraws running between."""
        if self._pending and self.store.entries_ready():
            self._seen_version = -1
        if self._seen_version == self.store.version:
            return
        self._seen_version = self.store.version
        for _ in self._reload_steps(RELOAD_STEP):
            await asyncio.sleep(PREPARE_PAUSE)

    def _reload_if_stale(self) -> None:
        if self._pending and self.store.entries_ready():
            self._seen_version = -1
        super()._reload_if_stale()

    def _reload_steps(self, step: int = 0) -> Iterator[None]:
        """The reload, pausing (yielding) after every ``step`` contacts (0: never).

        A reload that starts during a pause takes over; this one then stops.
        """
        self._reloads += 1
        token = self._reloads
        store = self.store
        today = self.smn.today()
        page = store.first_page()
        if page is not None:
            self._show_first_page(page)
            return
        # A big journal's entries are read after the list first shows: names, tags and
        # platforms come from the contacts alone; last contact, acts and who is due fill
        # in when the entries are in.
        pending = not store.entries_ready() and not store.entries_quick()
        last: Mapping[str, str]
        acts: Mapping[str, list[str]]
        if pending:
            last, acts = {}, {}
            self._start_prepare()
        else:
            last, acts = store.contact_figures()
        # A row is rebuilt only when what it shows changed: its contact (the store replaces
        # a changed document), last contact, act count or the day. One change among
        # 30,000 contacts rebuilds one row and keeps the sorted lists.
        if today != self._rows_today:
            self._row_src = {}
            self._rows_today = today
        old_src = self._row_src
        old_rows = self._rows_by_id
        rows: list[ContactRow] = []
        by_id: dict[str, ContactRow] = {}
        src: dict[str, tuple] = {}
        made = 0  # rows made anew
        updated: list[str] = []  # rows whose figures changed in place
        items = list(store.contact_docs())
        chunk = step or len(items) or 1
        for start in range(0, len(items), chunk):
            if start:
                yield
                if token != self._reloads:
                    return  # a newer reload has the current state
            # New rows would set off garbage collections; they make no cycles, so pause
            # it, and keep the rows out of its later walks.
            with no_gc(freeze=True):
                made += self._update_rows(items[start:start + chunk], last, acts, pending, today,
                                          old_src, old_rows, rows, by_id, src, updated)
        # The new state, all at once (keys handled during the pauses saw the old one whole).
        self._page_shown = None
        self._pending = pending
        self._row_src = src
        self._rows_by_id = by_id
        if made or len(rows) != len(self._all_rows):
            self._all_rows = rows
            self._pools = {}
            self._results = {}
            self._names = {cid: row.name for cid, row in by_id.items()}
            self._due = {cid: s[5] for cid, s in src.items() if s[5] is not None}
            self._marks_width = max((len(r.marks) for r in rows), default=2)
            self._search_ready = all(s[4] is not None for s in src.values())
        elif updated:
            # The same rows, some with new figures: the lists sorted by name still hold.
            self._pools = {key: pool for key, pool in self._pools.items() if key[0] == "name"}
            self._results = {}
            for cid in updated:
                due = src[cid][5]
                if due is None:
                    self._due.pop(cid, None)
                else:
                    self._due[cid] = due
        self.contact_list.today = today
        self.contact_list.figures_pending = self._pending
        if self.has_class("-empty") != (not rows):
            self.set_class(not rows, "-empty")
            self.refresh_bindings()
        self.apply_filter()
        self._show_detail(self.contact_list.highlighted_id, force=True)

    def _update_rows(self, items: list[tuple[str, dict]], last: Mapping[str, str], acts: Mapping[str, list[str]],
                     pending: bool, today: date, old_src: dict[str, tuple], old_rows: dict[str, ContactRow],
                     rows: list[ContactRow], by_id: dict[str, ContactRow], src: dict[str, tuple],
                     updated: list[str]) -> int:
        """Rows for ``items`` (contact id, document) added to ``rows``, ``by_id`` and ``src``;
        returns how many had to be made anew (those updated in place go to ``updated``)."""
        marks_for = self._marks_for
        made = 0
        for cid, doc in items:
            seen = last.get(cid)
            ids = acts.get(cid)
            n = len(ids) if ids else 0
            was = old_src.get(cid)
            if was is not None and was[0] is doc and was[1] == seen and was[2] == n and was[3] == pending:
                row = old_rows[cid]
                rows.append(row)
                by_id[cid] = row
                src[cid] = was
                continue
            archived = bool(doc.get("archived"))
            if pending:
                status, due, overdue, day = "", None, None, None
            else:
                day = date.fromisoformat(seen) if seen else None
                status, due, overdue = due_state(doc.get("cadence_days"), archived, doc["created"], day, today)
            row = old_rows.get(cid)
            if row is not None and was is not None and was[0] is doc:
                # Same contact, new figures: update the row in place; its text stays.
                row.status, row.last, row.acts, row.overdue = status, day, n, overdue
                updated.append(cid)
                base = was[4]
                if base is not None:
                    row.search = base + (DUE_MARK if status in ("due", "overdue") else "")
            else:
                raw = doc.get("platforms")
                if not raw:
                    plats: tuple[str, ...] = ()
                elif len(raw) == 1:
                    plats = (raw[0][0],)
                else:
                    plats = tuple(dict.fromkeys([p[0] for p in raw]))
                marks = marks_for.get(plats)
                if marks is None:
                    marks = marks_for[plats] = " ".join(platform_mark(p) for p in plats)
                name = doc["name"]
                # The filter's text is made when the filter is first used (see _fill_search).
                row = ContactRow(cid, name, status, marks, tuple(doc.get("tags", ())), plats, day, n, archived,
                                 "", name.casefold(), overdue)
                made += 1
                base = None
            rows.append(row)
            by_id[cid] = row
            src[cid] = (doc, seen, n, pending, base, (due, overdue, status) if status else None)
        return made

    def _show_first_page(self, page: FirstPage) -> None:
        """The list's first screen from the store's small index while it reads the head.

        Anything that needs the other contacts (typing a filter, another sort, the
        archived) reads the head at once; otherwise the reading steps do.
        """
        rows = []
        for cid, name, plats, tags in page.rows:
            rows.append(ContactRow(cid, name, "", " ".join(platform_mark(p) for p in plats), tags, plats,
                                   sort_name=name.casefold()))
        self._page_shown = page.shown
        self._pending = True
        self._row_src = {}
        self._rows_by_id = {}
        self._search_ready = False
        self._all_rows = rows
        self._pools = {}
        self._names = {r.id: r.name for r in rows}
        self._due = {}
        self._marks_width = max((len(r.marks) for r in rows), default=2)
        self.contact_list.figures_pending = True
        self.set_class(False, "-empty")
        self.apply_filter()
        self._show_detail(self.contact_list.highlighted_id, force=True)
        self._start_prepare()

    def _read_head_now(self) -> None:
        """Replace the first page with every contact, reading the head now."""
        try:
            self.store.load_head()
        except StorageError as exc:
            self._head_failed(str(exc))
            return
        self.reload()

    def _head_failed(self, error: str) -> None:
        # Without its head the journal cannot be shown or written: say why and stop.
        self.app.exit(return_code=1, message=Text(f"smn: {error}"))

    def _start_prepare(self) -> None:
        if not self._preparing:
            self._preparing = True
            # After the first paint, so the list shows before the reading starts.
            self.call_after_refresh(self.run_worker, self._prepare, group="prepare", exit_on_error=False)

    async def _prepare(self) -> None:
        """Read the entries and build the indexes in small steps, keys and redraws running
        between them, then redraw with the figures."""
        try:
            for _ in self.store.prepare_steps():
                if self._page_shown is not None and self.store.head_loaded:
                    await asyncio.sleep(PREPARE_PAUSE)
                    self.smn.show_store_warnings()
                    await self._reload_in_steps()  # every contact now, the figures still to come
                # A short sleep, not just a turn: the app drains its queues (keys, redraws) between steps.
                await asyncio.sleep(PREPARE_PAUSE)
            await self._reload_in_steps()  # the figures are in
        except Exception as exc:  # StorageError and the like: say so, keep the list usable
            self._prepared(str(exc))
        else:
            self._prepared(None)

    async def _fill_search_later(self) -> None:
        """The filter's text for every row, a few thousand at a time, before the first keystroke needs it."""
        for _ in self._fill_search_steps():
            await asyncio.sleep(PREPARE_PAUSE)

    def _prepared(self, error: str | None) -> None:
        self._preparing = False
        if error and not self.store.head_loaded:
            self._head_failed(error)
            return
        if error:
            self.notify(error, title="Journal", severity="error", timeout=15, markup=False)
            return
        self._reload_if_stale()
        if not self._search_ready:
            self.run_worker(self._fill_search_later, group="prepare", exit_on_error=False)
        # The journal is in memory; the other screens' code comes next, while the user reads.
        self.call_after_refresh(self.smn.import_screens)

    def _pool(self) -> list[ContactRow]:
        """All rows the filter may show, in the chosen order (cached until the next reload)."""
        key = (self.sort, self.show_archived)
        pool = self._pools.get(key)
        if pool is None:
            by_name = self._pools.get(("name", True))
            if by_name is None:
                by_name = self._pools[("name", True)] = sorted(self._all_rows, key=lambda r: r.sort_name)
            if self.sort == "last contact":  # newest first, never-contacted last; stable on name
                pool = sorted(by_name, key=lambda r: -r.last.toordinal() if r.last else 1)
            elif self.sort == "most overdue":  # contacts with a cadence, most overdue first
                pool = sorted(by_name, key=lambda r: -r.overdue if r.overdue is not None else 1 << 30)
            else:
                pool = by_name
            if not self.show_archived:
                pool = [r for r in pool if not r.archived]
            self._pools[key] = pool
        return pool

    def _select(self, query: ContactFilter, pool: list[ContactRow]) -> list[ContactRow]:
        """``query.select(pool)``, starting from the smallest earlier result it narrows."""
        if query.is_empty:
            return pool
        if not self._search_ready:
            self._fill_search()
        if self._results_pool is not pool:
            self._results = {}
            self._results_pool = pool
        results = self._results
        rows = results.pop(query, None)
        if rows is None:
            base = pool
            for earlier, kept in results.items():
                if len(kept) < len(base) and query.narrows(earlier):
                    base = kept
            rows = query.select(base)
        results[query] = rows
        while len(results) > 32:
            del results[next(iter(results))]
        return rows

    def _fill_search(self) -> None:
        """Give every row that lacks it its filter text (made on first use, not at each reload)."""
        for _ in self._fill_search_steps(len(self._all_rows) + 1):
            pass

    def _fill_search_steps(self, step: int = 4000) -> Iterator[None]:
        """:meth:`_fill_search` a few thousand rows at a time (the app fills it in after loading)."""
        if self._page_shown is not None:
            return  # the first page is never filtered (see apply_filter)
        index = self.store.contact_search_index()
        rows = self._all_rows
        for start in range(0, len(rows), step):
            if rows is not self._all_rows:
                return  # reloaded meanwhile: the next use starts again
            src = self._row_src  # a reload that kept the rows may have made a new one
            for row in rows[start:start + step]:
                was = src[row.id]
                if was[4] is None:
                    base = search_text(index.get(row.id, ""), row.tags, row.platforms)
                    src[row.id] = (*was[:4], base, was[5])
                    row.search = base + (DUE_MARK if row.status in ("due", "overdue") else "")
            yield
        if rows is self._all_rows:
            self._search_ready = True
            self._results = {}

    def apply_filter(self) -> None:
        """Show the rows the filter box asks for (a single scan over precomputed text)."""
        query = ContactFilter.parse(self.filter_input.value)
        if self._page_shown is not None and (not query.is_empty or self.sort != SORTS[0] or self.show_archived):
            self._read_head_now()  # the first page holds only the first contacts by name
            return
        pool = self._pool()
        rows = self._select(query, pool)
        contact_list = self.contact_list
        contact_list.empty_text = (
            "No contacts match the filter. Esc clears it." if self._all_rows else "No contacts yet."
        )
        contact_list.set_rows(rows, marks_width=self._marks_width)
        archived = "with archived" if self.show_archived else "archived hidden"
        shown = len(pool) if self._page_shown is None else self._page_shown
        contact_list.border_title = (f"{len(rows):,} of {shown:,}" if not query.is_empty
                                     else f"{shown:,} contacts")
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
            detail.show(None, empty="No contact selected." if self._all_rows else "")
            return
        if self._pending:
            detail.show(None, empty="Reading the journal…")
            return
        try:
            view = self.contact_view(contact_id)
        except ValidationError:  # removed by another process; the next refresh redraws the list
            view = None
        detail.show(view, empty="No contact selected.")

    def contact_view(self, contact_id: str) -> ContactView:
        contact = self.store.get_contact(contact_id)
        timeline = self.store.timeline(contact_id)
        interactions = sum(1 for e in timeline if isinstance(e, Interaction))
        due, overdue, status = self._due.get(contact_id, (None, None, ""))
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
        cid = self.contact_list.highlighted_id if self._all_rows else None
        return [cid] if cid else []

    def select_contact(self, contact_id: str) -> None:
        """Show ``contact_id``: clears the filter or shows archived contacts if that hides them."""
        self._reload_if_stale()
        if contact_id not in self._names:
            return
        if not self.contact_list.move_to(contact_id):
            row = next(r for r in self._all_rows if r.id == contact_id)
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
        # Focus now, not after a refresh: the keys typed right after "/" belong to the filter.
        self.set_focus(self.filter_input)

    def action_clear_filter(self) -> None:
        if self.filter_input.value:
            self.filter_input.value = ""
            self.apply_filter()
        self.set_focus(self.contact_list)

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.apply_filter()

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.apply_filter()

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On an empty journal only 'new contact' makes sense; hide the rest from the footer."""
        if action in ("edit_contact", "log_interaction", "archive_contact", "delete_contact",
                      "focus_filter", "cycle_sort", "toggle_archived") and not self._all_rows:
            return False
        return True

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
            ConfirmDialog("Delete this contact?", preview.describe() + " This cannot be undone.", "Delete"),
            confirmed,
        )
