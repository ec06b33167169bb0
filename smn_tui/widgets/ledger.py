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
from textual.strip import Strip

from ..domain.models import platform_mark
from .virtual_list import VirtualList

#: How many rows one fetch converts.
PAGE = 120
#: Converted rows kept in memory before the cache starts over.
CACHE_LIMIT = 4_000
#: The column each order of the acts sorts by (its title gets the mark ``↓``).
ORDER_COLUMNS = {"date": "Date", "impact": "Impact", "minutes": "Min"}


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
        _Column("Impact", 7),  # room for the sort mark
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
        platform = platform_mark(row.platform) if row.platform else "—"
    minutes = "" if row.minutes is None else str(row.minutes)
    return [" ".join(v.split()) for v in (row.date, row.people, row.kind, row.impact, asked, minutes,
                                           platform, row.note)]


def _fit(text: str, width: int, right: bool = False) -> str:
    if len(text) > width:
        text = text[: max(width - 1, 0)] + "…" if width > 0 else ""
    return text.rjust(width) if right else text.ljust(width)


class Ledger(VirtualList):
    """Helpful acts, newest first, with a cursor; draws only the visible lines."""

    COMPONENT_CLASSES = {"ledger--header", "ledger--cursor", "ledger--empty", "ledger--muted"}

    class Highlighted(VirtualList.Highlighted):
        """The cursor moved to another act (or the list emptied)."""

        @property
        def act_id(self) -> str | None:
            return self.item_id

    class Selected(VirtualList.Selected):
        """Enter (or a double click) on an act."""

        @property
        def act_id(self) -> str:
            return self.item_id

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._ids: Sequence[str] = ()
        self._fetch: Callable[[Sequence[str]], list[LedgerRow]] = lambda ids: []
        self._rows: dict[str, LedgerRow] = {}
        self.order = "date"  # the order the acts are shown in (see smn_tui.domain.act_order)

    # ------------------------------------------------------------------ data

    @property
    def row_count(self) -> int:
        return len(self._ids)

    def row_id(self, index: int) -> str:
        return self._ids[index]

    @property
    def selected_id(self) -> str | None:
        """The act under the cursor."""
        return self.highlighted_id

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
        index = 0
        if keep is not None:
            try:
                index = list(ids).index(keep)
            except ValueError:
                index = self.cursor
        self.rows_changed(index)

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

    def render_header(self, width: int) -> Strip:
        columns = layout(width)
        marked = ORDER_COLUMNS.get(self.order)
        text = " ".join(_fit(c.title + ("↓" if c.title == marked else ""), c.width, right=c.title == "Min")
                        for c in columns)
        return Strip([Segment(_fit(text, width), self.rich_style + self._style("ledger--header"))])

    def render_empty(self, y: int, width: int) -> Strip:
        base = self.rich_style
        if y == 2:
            return Strip([Segment(_fit("  " + self.empty_text, width), base + self._style("ledger--empty"))])
        return Strip.blank(width, base)

    def render_row(self, index: int, width: int, is_cursor: bool) -> Strip:
        base = self.rich_style
        row = self._row(index)
        if row is None:
            return Strip.blank(width, base)
        columns = layout(width)
        style = base + self._style("ledger--cursor") if is_cursor else base
        muted = style + self._style("ledger--muted") if not is_cursor else style
        segments: list[Segment] = []
        for n, (col, value) in enumerate(zip(columns, _cells(row, columns), strict=True)):
            if n:
                segments.append(Segment(" ", style))
            cell_style = muted if col.title in ("Date", "Min", "Pl", "Platform") else style
            segments.append(Segment(_fit(value, col.width, right=col.title == "Min"), cell_style))
        return Strip(segments).adjust_cell_length(width, style).crop(0, width)
