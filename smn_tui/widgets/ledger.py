"""A list of helpful acts drawn line by line: one widget however many acts there are.

The ledger holds only the ids of what it shows. Rows are converted on demand,
a page at a time, through the ``fetch`` function its screen gives it, so
100,000 acts cost a list of ids and whatever fits on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

#: How many rows one fetch converts.
PAGE = 120
#: Converted rows kept in memory before the cache starts over.
CACHE_LIMIT = 4_000


@dataclass(frozen=True)
class LedgerRow:
    """One act as the ledger shows it (already plain text, never markup)."""

    act_id: str
    date: str
    people: str
    kind: str
    impact: str
    asked: bool
    minutes: int | None
    platform: str
    note: str


@dataclass(frozen=True)
class _Column:
    title: str
    width: int


def layout(width: int) -> list[_Column]:
    """Column widths for a ledger ``width`` cells wide; people and note share what is left."""
    wide = width >= 110
    fixed = [
        _Column("Date", 10),
        _Column("People", 0),
        _Column("Kind", 14 if wide else 12),
        _Column("Impact", 6),
        _Column("Asked" if not wide else "Asked?", 10 if wide else 5),
        _Column("Min", 4),
        _Column("Platform" if wide else "Pl", 9 if wide else 3),
        _Column("Note", 0),
    ]
    used = sum(c.width for c in fixed) + len(fixed) - 1
    spare = max(width - used, 12)
    people = max(min(spare * 2 // 5, 28), 8)
    note = max(spare - people, 4)
    return [
        _Column(c.title, people if c.title == "People" else note if c.title == "Note" else c.width)
        for c in fixed
    ]


def _cells(row: LedgerRow, columns: list[_Column]) -> list[str]:
    wide = columns[4].width >= 10
    asked = ("asked" if row.asked else "unprompted") if wide else ("asked" if row.asked else "—")
    platform = row.platform or "—"
    if not wide:
        from ..domain.models import platform_mark

        platform = platform_mark(row.platform) if row.platform else "—"
    minutes = "" if row.minutes is None else str(row.minutes)
    return [" ".join(v.split()) for v in (row.date, row.people, row.kind, row.impact, asked, minutes,
                                           platform, row.note)]


def _fit(text: str, width: int, right: bool = False) -> str:
    if len(text) > width:
        text = text[: max(width - 1, 0)] + "…" if width > 0 else ""
    return text.rjust(width) if right else text.ljust(width)


class Ledger(ScrollView, can_focus=True):
    """Helpful acts, newest first, with a cursor; draws only the visible lines."""

    COMPONENT_CLASSES = {"ledger--header", "ledger--cursor", "ledger--empty", "ledger--muted"}

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "choose", "Edit", show=False),
    ]

    cursor = reactive(0, always_update=True, repaint=True)

    class Highlighted(Message):
        """The cursor moved to another act (or the list emptied)."""

        def __init__(self, ledger: Ledger, act_id: str | None) -> None:
            super().__init__()
            self.ledger = ledger
            self.act_id = act_id

        @property
        def control(self) -> Ledger:
            return self.ledger

    class Chosen(Message):
        """Enter (or a double click) on an act."""

        def __init__(self, ledger: Ledger, act_id: str) -> None:
            super().__init__()
            self.ledger = ledger
            self.act_id = act_id

        @property
        def control(self) -> Ledger:
            return self.ledger

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._ids: Sequence[str] = ()
        self._fetch: Callable[[Sequence[str]], list[LedgerRow]] = lambda ids: []
        self._rows: dict[str, LedgerRow] = {}
        self.empty_text = "Nothing to show."

    # ------------------------------------------------------------------ data

    @property
    def row_count(self) -> int:
        return len(self._ids)

    @property
    def selected_id(self) -> str | None:
        if 0 <= self.cursor < len(self._ids):
            return self._ids[self.cursor]
        return None

    def show(self, ids: Sequence[str], fetch: Callable[[Sequence[str]], list[LedgerRow]],
             *, empty_text: str = "Nothing to show.", keep: str | None = None) -> None:
        """Show the acts ``ids`` (in order); ``fetch`` turns a slice of ids into rows.

        The cursor stays on ``keep`` (or the act it was on) when that act is still shown.
        """
        keep = keep or self.selected_id
        self._ids = ids
        self._fetch = fetch
        self._rows.clear()
        self.empty_text = empty_text
        self.virtual_size = Size(self.size.width, len(ids) + 1)
        index = 0
        if keep is not None:
            try:
                index = list(ids).index(keep)
            except ValueError:
                index = min(self.cursor, max(len(ids) - 1, 0))
        self.cursor = index
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.selected_id))

    def _row(self, index: int) -> LedgerRow | None:
        act_id = self._ids[index]
        row = self._rows.get(act_id)
        if row is None:
            if len(self._rows) > CACHE_LIMIT:
                self._rows.clear()
            start = max(index - PAGE // 4, 0)
            page = [i for i in self._ids[start:start + PAGE] if i not in self._rows]
            for r in self._fetch(page):
                self._rows[r.act_id] = r
            row = self._rows.get(act_id)
        return row

    # ------------------------------------------------------------------ drawing

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        columns = layout(width)
        base = self.rich_style
        if y == 0:
            text = " ".join(_fit(c.title, c.width, right=c.title == "Min") for c in columns)
            return Strip([Segment(_fit(text, width), base + self._style("ledger--header"))])
        if not self._ids:
            if y == 2:
                return Strip([Segment(_fit("  " + self.empty_text, width), base + self._style("ledger--empty"))])
            return Strip.blank(width, base)
        index = int(self.scroll_offset.y) + y - 1
        if index >= len(self._ids):
            return Strip.blank(width, base)
        row = self._row(index)
        if row is None:
            return Strip.blank(width, base)
        style = base + self._style("ledger--cursor") if index == self.cursor else base
        muted = style + self._style("ledger--muted") if index != self.cursor else style
        segments: list[Segment] = []
        for n, (col, value) in enumerate(zip(columns, _cells(row, columns), strict=True)):
            if n:
                segments.append(Segment(" ", style))
            cell_style = muted if col.title in ("Date", "Min", "Pl", "Platform") else style
            segments.append(Segment(_fit(value, col.width, right=col.title == "Min"), cell_style))
        return Strip(segments).adjust_cell_length(width, style).crop(0, width)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._ids) + 1)
        self._scroll_to_cursor()

    # ------------------------------------------------------------------ moving

    def _visible_rows(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def _scroll_to_cursor(self) -> None:
        top = int(self.scroll_offset.y)
        rows = self._visible_rows()
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        if not self._ids:
            return
        index = max(0, min(index, len(self._ids) - 1))
        if index != self.cursor:
            self.cursor = index
            self._scroll_to_cursor()
            self.post_message(self.Highlighted(self, self.selected_id))

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * self._visible_rows())

    def action_edge(self, end: int) -> None:
        self.move_to(len(self._ids) - 1 if end else 0)

    def action_choose(self) -> None:
        if self.selected_id is not None:
            self.post_message(self.Chosen(self, self.selected_id))

    def on_click(self, event) -> None:
        if event.y == 0:
            return
        index = int(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self._ids):
            self.move_to(index)
            if event.chain == 2:
                self.action_choose()

