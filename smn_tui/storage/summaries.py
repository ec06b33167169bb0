"""The contacts list's read-model: one typed :class:`ContactSummary` per contact.

Summaries are built from the store's public reads (the contact documents, the
last-contact and act figures, the search index), so the contacts screen only
filters, sorts and draws them. :class:`ContactSummaries` keeps what each was
made from and, after a change, makes anew only the summaries whose contact
(the store replaces a changed document), last contact, act count or day
changed: one change among 30,000 contacts makes one summary. While a big
journal's entries are still being read, summaries carry no figures (and no
filter text) yet; they get both once the entries are in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain.due import due_state
from ..domain.models import platform_mark
from .disk.names import FirstPage
from .heap import no_gc

if TYPE_CHECKING:
    from .store import JournalStore

#: Markers in the filter text. Control characters never occur in journal text,
#: so ``#men`` can only match the start of a tag and ``@git`` of a platform.
TAG_MARK = "\x01"
PLATFORM_MARK = "\x02"


def search_text(index_text: str, tags: Iterable[str], platforms: Iterable[str]) -> str:
    """What the filter scans for one contact: the store's search text, which holds the tag and platform
    markers already (``memory.indexes.search_text``), shared rather than copied, as it holds the
    notes too. Without one (a contact the index does not know yet) the markers alone. (Who is due
    the filter reads from the summary's status, so no summary copies its text to say so.)
    """
    if index_text:
        return index_text
    return " ".join([*(TAG_MARK + t for t in tags), *(PLATFORM_MARK + p for p in platforms)])


@dataclass(frozen=True, slots=True)
class ContactSummary:
    """One contact as the contacts list shows, filters and sorts it."""

    id: str
    name: str
    status: str = ""  # "", "ok", "due" or "overdue" (see domain.due)
    marks: str = ""  # platform marks, e.g. "in @ X"
    tags: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    last: date | None = None  # the latest interaction or act with them
    acts: int = 0  # helpful acts for them
    archived: bool = False
    search: str = ""  # lower-case text the filter scans ("" until made, see search_text)
    sort_name: str = ""
    overdue: int | None = None  # days past the due date (negative: days left)
    due: date | None = None


_new = object.__new__
_slot = {name: getattr(ContactSummary, name).__set__ for name in ContactSummary.__slots__}
_id, _name, _status, _marks, _tags, _platforms, _last, _acts, _archived, _search, _sort_name, _overdue, _due = (
    _slot[f] for f in ContactSummary.__slots__)


def summary(cid: str, name: str, status: str, marks: str, tags: tuple[str, ...], platforms: tuple[str, ...],
            last: date | None, acts: int, archived: bool, search: str, sort_name: str, overdue: int | None,
            due: date | None) -> ContactSummary:
    """A :class:`ContactSummary` from every field in order, made as fast as Python allows.

    Summaries are made 30,000 at a time while a big journal is read; setting the
    slots directly costs half of what the frozen class's ``__init__`` does, and
    gives the same frozen object.
    """
    s = _new(ContactSummary)
    _id(s, cid)
    _name(s, name)
    _status(s, status)
    _marks(s, marks)
    _tags(s, tags)
    _platforms(s, platforms)
    _last(s, last)
    _acts(s, acts)
    _archived(s, archived)
    _search(s, search)
    _sort_name(s, sort_name)
    _overdue(s, overdue)
    _due(s, due)
    return s


#: What a summary was made from: (document, last contact, act count, figures pending, filter text
#: or "" while not made).
_Source = tuple[dict[str, Any], "str | None", int, bool, str]


def figures_pending(store: JournalStore) -> bool:
    """True while last contact and act counts would wait for a big journal's entries to be read."""
    return not store.entries_ready() and not store.entries_quick()


class ContactSummaries:
    """Every contact's summary, kept up to date with the store a change at a time.

    :meth:`update` replaces :attr:`rows` and :attr:`by_id` all at once when it
    ends; :attr:`changed` then says whether any contact came, went or changed,
    :attr:`refigured` whether only figures did.
    """

    def __init__(self) -> None:
        self.rows: list[ContactSummary] = []
        self.by_id: dict[str, ContactSummary] = {}
        #: True while the summaries lack last contact and acts (the entries are being read).
        self.pending = False
        #: True when every summary has its filter text.
        self.searchable = True
        self.marks_width = 2
        self.changed = False
        self.refigured = False
        self._src: dict[str, _Source] = {}
        self._today: date | None = None
        self._marks_for: dict[tuple[str, ...], str] = {}

    def forget(self) -> None:
        """Make every summary anew at the next update."""
        self._src = {}

    def marks(self, platforms: tuple[str, ...]) -> str:
        """``in @ X``: the marks of ``platforms`` (shared between contacts on the same ones)."""
        marks = self._marks_for.get(platforms)
        if marks is None:
            marks = self._marks_for[platforms] = " ".join(platform_mark(p) for p in platforms)
        return marks

    def show_first_page(self, page: FirstPage) -> None:
        """Summaries of the store's first page only (names, platforms and tags; no figures)."""
        self.rows = [summary(cid, name, "", self.marks(plats), tags, plats, None, 0, False, "", name.casefold(),
                             None, None) for cid, name, plats, tags in page.rows]
        self.by_id = {s.id: s for s in self.rows}
        self._src = {}
        self.pending = True
        self.searchable = False
        self.changed, self.refigured = True, False
        self._measure()

    def update(self, store: JournalStore, today: date, *, step: int = 0) -> Iterator[None]:
        """Bring the summaries up to date with ``store``, pausing (yielding) after every ``step`` contacts.

        The new summaries take the place of the old ones when the last step ends;
        an update left unfinished changes nothing.
        """
        pending = figures_pending(store)
        last: Mapping[str, str]
        acts: Mapping[str, list[str]]
        if pending:
            last, acts, index = {}, {}, None
        else:
            last, acts = store.contact_figures()
            index = store.contact_search_index()
        if today != self._today:
            self.forget()
            self._today = today
        build = _Build(self._src, self.by_id, self._marks_for, self.marks, last, acts, index, pending, today)
        items = list(store.contact_docs())
        chunk = step or len(items) or 1
        for start in range(0, len(items), chunk):
            if start:
                yield
            # New summaries would set off garbage collections; they make no cycles, so pause
            # it, and keep them out of its later walks.
            with no_gc(freeze=True):
                build.add(items[start:start + chunk])
        self._src = build.src
        self.pending = pending
        self.changed = build.made > 0 or len(build.rows) != len(self.rows)
        self.refigured = not self.changed and build.refigured > 0
        self.rows, self.by_id = build.rows, build.by_id
        self.searchable = all(s[4] for s in build.src.values())
        if self.changed:
            self._measure()

    def fill_search(self, store: JournalStore) -> None:
        """Give every summary its filter text now (the filter is used before the entries are read)."""
        index = store.contact_search_index()
        rows: list[ContactSummary] = []
        with no_gc(freeze=True):
            for s in self.rows:
                if not s.search:
                    base = search_text(index.get(s.id, ""), s.tags, s.platforms)
                    s = _with_figures(s, s.status, s.last, s.acts, s.overdue, s.due, base)
                    src = self._src.get(s.id)
                    if src is not None:
                        self._src[s.id] = (*src[:4], base)
                rows.append(s)
        self.rows = rows
        self.by_id = {s.id: s for s in rows}
        self.searchable = True
        self.changed, self.refigured = True, False

    def _measure(self) -> None:
        self.marks_width = max((len(s.marks) for s in self.rows), default=2)


def platforms_of(doc: dict[str, Any]) -> tuple[str, ...]:
    """The platforms a contact document names, in order, each once."""
    raw = doc.get("platforms")
    if not raw:
        return ()
    if len(raw) == 1:
        return (raw[0][0],)
    return tuple(dict.fromkeys([p[0] for p in raw]))


def _with_figures(s: ContactSummary, status: str, last: date | None, acts: int, overdue: int | None,
                  due: date | None, base: str) -> ContactSummary:
    """``s`` with other figures (and the filter text ``base``)."""
    return summary(s.id, s.name, status, s.marks, s.tags, s.platforms, last, acts, s.archived, base,
                   s.sort_name, overdue, due)


class _Build:
    """One update's new summaries, made from the old ones where their sources are unchanged."""

    def __init__(self, old_src: dict[str, _Source], old: dict[str, ContactSummary],
                 marks_for: dict[tuple[str, ...], str], marks: Callable[[tuple[str, ...]], str],
                 last: Mapping[str, str], acts: Mapping[str, list[str]], index: Mapping[str, str] | None,
                 pending: bool, today: date) -> None:
        self.old_src, self.old, self.marks_for, self.marks = old_src, old, marks_for, marks
        self.last, self.acts, self.index = last, acts, index
        self.pending, self.today = pending, today
        self.rows: list[ContactSummary] = []
        self.by_id: dict[str, ContactSummary] = {}
        self.src: dict[str, _Source] = {}
        self.made = 0  # summaries of a new or changed contact
        self.refigured = 0  # the same contact with other figures

    def add(self, items: list[tuple[str, dict[str, Any]]]) -> None:
        """Summaries for ``items`` (contact id, document), in order: the old one where nothing it shows
        changed, the old text with new figures where only they did, else one made anew. The loop is
        written out: it runs 30,000 times on a big journal."""
        rows, by_id, src, old_src, old = self.rows, self.by_id, self.src, self.old_src, self.old
        last, acts, pending, today, index = self.last, self.acts, self.pending, self.today, self.index
        marks_for, marks, make = self.marks_for, self.marks, summary
        for cid, doc in items:
            seen = last.get(cid)
            ids = acts.get(cid)
            n = len(ids) if ids else 0
            was = old_src.get(cid)
            if was is not None and was[0] is doc:
                prev = old[cid]
                if was[1] == seen and was[2] == n and was[3] == pending:
                    rows.append(prev)
                    by_id[cid] = prev
                    src[cid] = was
                    continue
                # The same contact with other figures: its text stays.
                name, sort_name, plats, tags = prev.name, prev.sort_name, prev.platforms, prev.tags
                archived, mark, base = prev.archived, prev.marks, was[4]
                self.refigured += 1
            else:
                name = doc["name"]
                sort_name, plats, tags = name.casefold(), platforms_of(doc), tuple(doc.get("tags", ()))
                archived, base = bool(doc.get("archived")), ""
                mark = marks_for.get(plats) or marks(plats)
                self.made += 1
            if not base and index is not None:
                base = search_text(index.get(cid, ""), tags, plats)
            day = None if pending or not seen else date.fromisoformat(seen)
            cadence = doc.get("cadence_days")
            if pending or not cadence or archived:
                status, due, overdue = "", None, None
            else:
                status, due, overdue = due_state(cadence, False, doc["created"], day, today)
            row = make(cid, name, status, mark, tags, plats, day, n, archived,
                       base, sort_name, overdue, due)
            rows.append(row)
            by_id[cid] = row
            src[cid] = (doc, seen, n, pending, base)
