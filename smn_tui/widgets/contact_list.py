"""A fast list of contacts: renders only the visible lines, so 30,000 rows cost no more than 30."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..domain.dates import days_ago_label

#: Status marks: different shapes as well as colours, so they read without colour too.
STATUS_MARKS = {"ok": "○", "due": "◐", "overdue": "●", "": " "}
STATUS_WORDS = {"ok": "on track", "due": "due soon", "overdue": "overdue", "": ""}


@dataclass(slots=True)
class ContactRow:
    """What one line of the list shows about a contact (plain data, built by the screen)."""

    id: str
    name: str
    status: str = ""  # "", "ok", "due" or "overdue"
    marks: str = ""  # platform marks, e.g. "in @ X"
    tags: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    last: date | None = None
    acts: int = 0
    archived: bool = False
    search: str = ""  # lower-case text the filter scans (see screens.contacts.search_text)
    sort_name: str = ""
    overdue: int | None = None


@dataclass(frozen=True)
class Columns:
    """Cell widths of the list's columns for one width (0 hides a column)."""

    name: int
    marks: int
    tags: int
    last: int = 9
    acts: int = 4


def column_widths(width: int, marks_width: int) -> Columns:
    """Share ``width`` cells between the columns; tags go first when space is short."""
    marks = max(2, min(marks_width, 12))
    last, acts = 9, 4
    # status mark + space, then " " before each following column
    rest = width - 2 - (marks + 1) - (last + 1) - (acts + 1)
    if rest < 10:  # very narrow: drop the platform marks too
        rest += marks + 1
        marks = 0
    tags = (rest - 1) * 2 // 5
    if tags < 6:
        tags = 0
        name = rest
    else:
        name = rest - 1 - tags
    return Columns(name=max(name, 1), marks=marks, tags=tags, last=last, acts=acts)


def _fit(text: str, width: int) -> str:
    """``text`` padded or cut (with an ellipsis) to exactly ``width`` cells."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


class ContactList(ScrollView, can_focus=True):
    """The contacts, one per line, with a cursor. Only visible lines are rendered.

    The screen gives it rows (already filtered and sorted) with :meth:`set_rows`;
    the list posts :class:`Highlighted` when the cursor lands on another contact
    and :class:`Selected` on Enter or a double click.
    """

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    COMPONENT_CLASSES = {
        "contact-list--header",
        "contact-list--cursor",
        "contact-list--cursor-blurred",
        "contact-list--ok",
        "contact-list--due",
        "contact-list--overdue",
        "contact-list--muted",
        "contact-list--tags",
        "contact-list--archived",
        "contact-list--empty",
    }

    class Highlighted(Message):
        """The cursor moved to another contact (``contact_id`` is None when the list is empty)."""

        def __init__(self, contact_list: ContactList, contact_id: str | None) -> None:
            super().__init__()
            self.contact_list = contact_list
            self.contact_id = contact_id

        @property
        def control(self) -> ContactList:
            return self.contact_list

    class Selected(Message):
        """Enter (or a double click) on a contact."""

        def __init__(self, contact_list: ContactList, contact_id: str) -> None:
            super().__init__()
            self.contact_list = contact_list
            self.contact_id = contact_id

        @property
        def control(self) -> ContactList:
            return self.contact_list

    def __init__(self, *, today: date, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.today = today
        self.empty_text = "No contacts."
        #: True while last contact and acts are not known yet (shown as "…").
        self.figures_pending = False
        self._rows: list[ContactRow] = []
        self._cursor = 0
        self._highlighted: str | None = None
        self._marks_width = 2

    # ------------------------------------------------------------------ data

    @property
    def rows(self) -> list[ContactRow]:
        return self._rows

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def highlighted_id(self) -> str | None:
        """The id of the contact under the cursor."""
        return self._rows[self._cursor].id if self._rows else None

    def set_rows(self, rows: list[ContactRow], *, keep: str | None = None, marks_width: int | None = None) -> None:
        """Show ``rows``; the cursor stays on ``keep`` (default: the current contact) if it is still there."""
        keep = self.highlighted_id if keep is None else keep
        self._rows = rows
        if marks_width is not None:
            self._marks_width = marks_width
        # Stay on the same contact; if it went (deleted, archived, filtered out), stay on the same line.
        index = min(self._cursor, max(len(rows) - 1, 0))
        if keep is not None:
            for i, row in enumerate(rows):
                if row.id == keep:
                    index = i
                    break
        self._cursor = index
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows) + 1)
        self._scroll_to_cursor(center=True)
        self.refresh()
        self._announce()

    def move_to(self, contact_id: str) -> bool:
        """Put the cursor on ``contact_id``; False when it is not in the list."""
        for i, row in enumerate(self._rows):
            if row.id == contact_id:
                self._set_cursor(i, center=True)
                return True
        return False

    def _announce(self) -> None:
        current = self.highlighted_id
        if current != self._highlighted:
            self._highlighted = current
            self.post_message(self.Highlighted(self, current))

    def _set_cursor(self, index: int, *, center: bool = False) -> None:
        if not self._rows:
            return
        index = max(0, min(index, len(self._rows) - 1))
        if index != self._cursor:
            self._cursor = index
            self.refresh()
        self._scroll_to_cursor(center=center)
        self._announce()

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        page = self._page_rows()
        top = round(self.scroll_y)
        if self._cursor < top or self._cursor >= top + page:
            target = self._cursor - page // 2 if center else (
                self._cursor if self._cursor < top else self._cursor - page + 1)
            self.scroll_to(y=max(0, target), animate=False, force=True)

    # ------------------------------------------------------------------ keys and mouse

    def action_cursor(self, delta: int) -> None:
        self._set_cursor(self._cursor + delta)

    def action_page(self, direction: int) -> None:
        self._set_cursor(self._cursor + direction * self._page_rows())

    def action_first(self) -> None:
        self._set_cursor(0)

    def action_last(self) -> None:
        self._set_cursor(len(self._rows) - 1)

    def action_select(self) -> None:
        if self._rows:
            self.post_message(self.Selected(self, self._rows[self._cursor].id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = round(self.scroll_y) + offset.y - 1
        if 0 <= index < len(self._rows):
            self._set_cursor(index)
            if event.chain >= 2:
                self.action_select()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows) + 1)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ------------------------------------------------------------------ drawing

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"contact-list--{name}")

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        cols = column_widths(width, self._marks_width)
        if y == 0:
            return self._header(cols, width).apply_style(base)
        index = round(self.scroll_y) + y - 1
        if not self._rows:
            if y == 1:
                return Strip([Segment(_fit(" " + self.empty_text, width), self._style("empty"))],
                             width).apply_style(base)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        return self._row(self._rows[index], cols, width, index == self._cursor).apply_style(base)

    def _header(self, cols: Columns, width: int) -> Strip:
        style = self._style("header")
        parts = ["  ", _fit("Name", cols.name)]
        if cols.marks:
            parts += [" ", _fit("On", cols.marks)]
        if cols.tags:
            parts += [" ", _fit("Tags", cols.tags)]
        parts += [" ", _fit("Last", cols.last), " ", "Acts".rjust(cols.acts)]
        return Strip([Segment(_fit("".join(parts), width), style)], width)

    def _row(self, row: ContactRow, cols: Columns, width: int, is_cursor: bool) -> Strip:
        muted = self._style("muted")
        plain = Style()
        name_style = self._style("archived") if row.archived else plain
        segments = [
            Segment(STATUS_MARKS.get(row.status, " "), self._style(row.status) if row.status else plain),
            Segment(" "),
            Segment(_fit(row.name, cols.name), name_style),
        ]
        if cols.marks:
            segments += [Segment(" "), Segment(_fit(row.marks, cols.marks), muted)]
        if cols.tags:
            tags = " ".join(f"#{t}" for t in row.tags)
            segments += [Segment(" "), Segment(_fit(tags, cols.tags), self._style("tags"))]
        if self.figures_pending:
            segments += [Segment(" "), Segment(_fit("…", cols.last), muted),
                         Segment(" "), Segment("…".rjust(cols.acts), muted)]
        else:
            last = days_ago_label(row.last, self.today)
            segments += [
                Segment(" "), Segment(_fit(last, cols.last), muted if row.last is None else plain),
                Segment(" "), Segment(str(row.acts).rjust(cols.acts) if row.acts else "·".rjust(cols.acts), plain),
            ]
        strip = Strip(segments).adjust_cell_length(width)
        if is_cursor:
            cursor = self._style("cursor" if self.has_focus else "cursor-blurred")
            strip = strip.apply_style(Style()).simplify()
            strip = Strip([Segment(t, (s or plain) + cursor) for t, s, _ in strip], width)
        return strip
