"""What the contacts screen shows: which contacts its list holds, in what order, and one contact in full.

:class:`ContactListing` keeps the list's choices (the sort, archived contacts shown or hidden, the filter
last shown) and picks the rows for them from the store's summaries, through a cache of their text; who
has a birthday soon is worked out again only when the journal or the day changes. :func:`detail_for`
is what the detail pane shows: everything of one contact (:func:`contact_view`), or why there is nothing.
What the screen changes is in :mod:`.contact_changes`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..domain.birthdays import upcoming_birthdays
from ..domain.models import Interaction, ValidationError
from ..domain.wording import count_of
from ..storage.summaries import ContactSummaries, ContactSummary
from ..widgets.contact_detail import ContactView
from ..widgets.contact_filter import SORTS, ContactFilter, FilterCache

if TYPE_CHECKING:
    from ..storage.store import JournalStore


class ContactListing:
    """The contacts list's sort, archived shown or hidden and filter, and the rows they choose."""

    def __init__(self) -> None:
        self.sort = SORTS[0]
        self.show_archived = False
        self.filters = FilterCache()
        #: The filter the list shows now.
        self.query = ContactFilter()
        self._birthdays: tuple[tuple[int, object], frozenset[str]] | None = None  # (when, who has one soon)

    def fits_first_page(self, query: ContactFilter) -> bool:
        """True when ``query`` asks for what a first page holds: every contact not archived, by name."""
        return query.is_empty and self.sort == SORTS[0] and not self.show_archived

    def next_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]

    def rows_changed(self, summaries: ContactSummaries) -> None:
        """Keep the cache of the rows' text in step with summaries just updated."""
        if summaries.changed:
            self.filters.reset()
        elif summaries.refigured:
            self.filters.refigured(summaries.by_id)

    def pool(self, rows: list[ContactSummary]) -> list[ContactSummary]:
        """All rows the filter may show, in the chosen order."""
        return self.filters.pool(rows, self.sort, self.show_archived)

    def choose(self, query: ContactFilter, summaries: ContactSummaries, store: JournalStore,
               today: date) -> tuple[list[ContactSummary], list[ContactSummary]]:
        """The rows ``query`` shows, and the pool they are chosen from (a single scan over precomputed text)."""
        if not query.is_empty and not summaries.searchable:
            summaries.fill_search(store)  # filtering before the entries are read
            self.filters.reset()
        pool = self.pool(summaries.rows)
        return self.filters.select(query, pool, self._upcoming(store, today) if query.birthday else ()), pool

    def titles(self, query: ContactFilter, chosen: int, shown: int) -> tuple[str, str]:
        """The list's border title (how many it shows) and subtitle (the sort, the archived)."""
        archived = "with archived" if self.show_archived else "archived hidden"
        title = f"{chosen:,} of {shown:,}" if not query.is_empty else count_of(shown, "contact")
        return title, f"by {self.sort} · {archived}"

    def _upcoming(self, store: JournalStore, today: date) -> frozenset[str]:
        """Who has a birthday in the next 14 days (worked out again when the journal or the day changes)."""
        when: tuple[int, object] = (store.version, today)
        if self._birthdays is None or self._birthdays[0] != when:
            soon = upcoming_birthdays(store.birthdays(), today)
            self._birthdays = (when, frozenset(u.contact_id for u in soon))
        return self._birthdays[1]


def contact_view(store: JournalStore, summary: ContactSummary, by_id: dict[str, ContactSummary], today: date,
                 matched: tuple[str, ...]) -> ContactView:
    """Everything the detail pane shows about one contact (``matched``: the filter's words, to mark)."""
    cid = summary.id
    timeline = store.timeline(cid)
    interactions = sum(1 for e in timeline if isinstance(e, Interaction))
    others = {i for e in timeline for i in e.contact_ids if i != cid}
    return ContactView(
        contact=store.get_contact(cid), today=today, last=store.last_contact(cid),
        due=summary.due, days_overdue=summary.overdue, status=summary.status, interactions=interactions,
        acts=len(timeline) - interactions, timeline=timeline,
        names={i: by_id[i].name if i in by_id else "?" for i in others}, matched=matched,
    )


def detail_for(store: JournalStore, summaries: ContactSummaries, contact_id: str | None, today: date,
               matched: tuple[str, ...]) -> tuple[ContactView | None, str]:
    """What the detail pane shows for ``contact_id``: its view, or None and what to say instead."""
    summary = summaries.by_id.get(contact_id) if contact_id is not None else None
    if summary is None:
        return None, "No contact selected." if summaries.rows else ""
    if summaries.pending:
        return None, "Reading the journal…"
    try:
        return contact_view(store, summary, summaries.by_id, today, matched), "No contact selected."
    except ValidationError:  # removed by another process; the next refresh redraws the list
        return None, "No contact selected."
