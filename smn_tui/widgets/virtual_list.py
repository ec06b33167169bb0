"""A list drawn line by line, with a header line and a cursor: however many rows, only the visible ones cost.

:class:`VirtualList` owns the cursor, the keys and the mouse, scrolling and the
messages; a subclass says how many rows there are, what id each has, and how
the header, a row and the empty list are drawn (each a :class:`Strip`).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


class VirtualList(ScrollView, can_focus=True):
    """Rows under a header line, one of them under the cursor. Only visible lines are rendered.

    Posts :class:`Highlighted` when the cursor lands on another row and
    :class:`Selected` on Enter or a double click.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    class Highlighted(Message):
        """The cursor moved to another row (``item_id`` is None when the list is empty)."""

        def __init__(self, virtual_list: VirtualList, item_id: str | None) -> None:
            super().__init__()
            self.virtual_list = virtual_list
            self.item_id = item_id

        @property
        def control(self) -> VirtualList:
            return self.virtual_list

    class Selected(Message):
        """Enter (or a double click) on a row."""

        def __init__(self, virtual_list: VirtualList, item_id: str) -> None:
            super().__init__()
            self.virtual_list = virtual_list
            self.item_id = item_id

        @property
        def control(self) -> VirtualList:
            return self.virtual_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.empty_text = "Nothing to show."
        self._cursor = 0
        self._announced: str | None = None

    # ------------------------------------------------------------------ what a subclass says

    @property
    def row_count(self) -> int:  # pragma: no cover - every list says
        """How many rows there are."""
        raise NotImplementedError

    def row_id(self, index: int) -> str:  # pragma: no cover - every list says
        """The id of the row at ``index``."""
        raise NotImplementedError

    def render_header(self, width: int) -> Strip:  # pragma: no cover - every list draws its own
        raise NotImplementedError

    def render_row(self, index: int, width: int, is_cursor: bool) -> Strip:  # pragma: no cover
        raise NotImplementedError

    def render_empty(self, y: int, width: int) -> Strip:  # pragma: no cover
        """Line ``y`` (1 is the first under the header) of the list with no rows."""
        raise NotImplementedError

    # ------------------------------------------------------------------ the cursor

    @property
    def cursor(self) -> int:
        """The index of the row under the cursor (0 when the list is empty)."""
        return self._cursor

    @property
    def highlighted_id(self) -> str | None:
        """The id of the row under the cursor."""
        return self.row_id(self._cursor) if 0 <= self._cursor < self.row_count else None

    def rows_changed(self, index: int, *, center: bool = False) -> None:
        """The rows are new: put the cursor on ``index``, size the scroll area, redraw and announce."""
        self._cursor = max(0, min(index, self.row_count - 1))
        self._size_to_rows()
        self._scroll_to_cursor(center=center)
        self.refresh()
        self._announce()

    def set_cursor(self, index: int, *, center: bool = False) -> None:
        """Move the cursor to row ``index`` (kept inside the list) and bring it into view."""
        if not self.row_count:
            return
        index = max(0, min(index, self.row_count - 1))
        if index != self._cursor:
            self._cursor = index
            self.refresh()
        self._scroll_to_cursor(center=center)
        self._announce()

    def _announce(self) -> None:
        current = self.highlighted_id
        if current != self._announced:
            self._announced = current
            self.post_message(self.Highlighted(self, current))

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _top(self) -> int:
        return round(self.scroll_y)

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        page = self._page_rows()
        top = self._top()
        if top <= self._cursor < top + page:
            return
        # Centred, or just far enough to bring the cursor to the edge it went past.
        target = self._cursor - page // 2 if center else min(self._cursor, max(top, self._cursor - page + 1))
        self.scroll_to(y=max(0, target), animate=False, force=True, immediate=True)

    def _size_to_rows(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.row_count + 1)

    # ------------------------------------------------------------------ keys and mouse

    def action_cursor(self, delta: int) -> None:
        self.set_cursor(self._cursor + delta)

    def action_page(self, direction: int) -> None:
        self.set_cursor(self._cursor + direction * self._page_rows())

    def action_first(self) -> None:
        self.set_cursor(0)

    def action_last(self) -> None:
        self.set_cursor(self.row_count - 1)

    def action_select(self) -> None:
        row = self.highlighted_id
        if row is not None:
            self.post_message(self.Selected(self, row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = self._top() + offset.y - 1
        if 0 <= index < self.row_count:
            self.set_cursor(index)
            if event.chain >= 2:
                self.action_select()

    def on_resize(self) -> None:
        self._size_to_rows()
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self.render_header(width)
        if not self.row_count:
            return self.render_empty(y, width)
        index = self._top() + y - 1
        if index >= self.row_count:
            return Strip.blank(width, self.rich_style)
        return self.render_row(index, width, index == self._cursor)
