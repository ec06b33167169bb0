"""A fast list of contacts: renders only the visible lines, so 30,000 rows cost no more than 30."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.strip import Strip

from ..domain.dates import days_ago_label
from ..storage.summaries import ContactSummary
from .virtual_list import VirtualList

#: Status marks: different shapes as well as colours, so they read without colour too.
STATUS_MARKS = {"ok": "○", "due": "◐", "overdue": "●", "": " "}
STATUS_WORDS = {"ok": "on track", "due": "due soon", "overdue": "overdue", "": ""}
#: Before the name of a contact marked to merge (in the space after the status mark).
MARKED = "✓"


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


class ContactList(VirtualList):
    """The contacts, one per line, with a cursor. Only visible lines are rendered.

    The screen gives it rows (already filtered and sorted) with :meth:`set_rows`;
    the list posts :class:`Highlighted` when the cursor lands on another contact
    and :class:`Selected` on Enter or a double click.
    """

    BINDINGS = [
        Binding("k", "cursor(-1)", "Up", show=False),
        Binding("j", "cursor(1)", "Down", show=False),
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
        "contact-list--marked",
    }

    class Highlighted(VirtualList.Highlighted):
        """The cursor moved to another contact (``contact_id`` is None when the list is empty)."""

        @property
        def contact_id(self) -> str | None:
            return self.item_id

    class Selected(VirtualList.Selected):
        """Enter (or a double click) on a contact."""

        @property
        def contact_id(self) -> str:
            return self.item_id

    def __init__(self, *, today: date, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.today = today
        self.empty_text = "No contacts."
        #: True while last contact and acts are not known yet (shown as "…").
        self.figures_pending = False
        self._rows: list[ContactSummary] = []
        self._marks_width = 2
        self._marked: frozenset[str] = frozenset()

    @property
    def marked(self) -> frozenset[str]:
        """The contacts marked to merge (drawn with a tick before the name)."""
        return self._marked

    @marked.setter
    def marked(self, ids: frozenset[str]) -> None:
        if ids != self._marked:
            self._marked = ids
            self.refresh()

    # ------------------------------------------------------------------ data

    @property
    def rows(self) -> list[ContactSummary]:
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def row_id(self, index: int) -> str:
        return self._rows[index].id

    def set_rows(self, rows: list[ContactSummary], *, keep: str | None = None, marks_width: int | None = None) -> None:
        """Show ``rows``; the cursor stays on ``keep`` (default: the current contact) if it is still there."""
        keep = self.highlighted_id if keep is None else keep
        self._rows = rows
        if marks_width is not None:
            self._marks_width = marks_width
        # Stay on the same contact; if it went (deleted, archived, filtered out), stay on the same line.
        index = self.cursor
        if keep is not None:
            for i, row in enumerate(rows):
                if row.id == keep:
                    index = i
                    break
        self.rows_changed(index, center=True)

    def move_to(self, contact_id: str) -> bool:
        """Put the cursor on ``contact_id``; False when it is not in the list."""
        for i, row in enumerate(self._rows):
            if row.id == contact_id:
                self.set_cursor(i, center=True)
                return True
        return False

    # ------------------------------------------------------------------ drawing

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"contact-list--{name}")

    def render_header(self, width: int) -> Strip:
        cols = column_widths(width, self._marks_width)
        parts = ["  ", _fit("Name", cols.name)]
        if cols.marks:
            parts += [" ", _fit("On", cols.marks)]
        if cols.tags:
            parts += [" ", _fit("Tags", cols.tags)]
        parts += [" ", _fit("Last", cols.last), " ", "Acts".rjust(cols.acts)]
        return Strip([Segment(_fit("".join(parts), width), self._style("header"))], width).apply_style(
            self.rich_style)

    def render_empty(self, y: int, width: int) -> Strip:
        if y == 1:
            return Strip([Segment(_fit(" " + self.empty_text, width), self._style("empty"))],
                         width).apply_style(self.rich_style)
        return Strip.blank(width, self.rich_style)

    def render_row(self, index: int, width: int, is_cursor: bool) -> Strip:
        row = self._rows[index]
        cols = column_widths(width, self._marks_width)
        muted = self._style("muted")
        plain = Style()
        name_style = self._style("archived") if row.archived else plain
        marked = row.id in self._marked
        segments = [
            Segment(STATUS_MARKS.get(row.status, " "), self._style(row.status) if row.status else plain),
            Segment(MARKED if marked else " ", self._style("marked") if marked else plain),
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
        return strip.apply_style(self.rich_style)
