"""The bar at the top of every screen: the four screens and their keys, the one shown marked, and the week.

It takes the place of a header, so at 80x24 it costs no line of its own, and
the footer keeps its room for the screen's own keys. A click on a screen's
name posts :class:`ScreenTabs.Chosen`; the screen switches.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

#: The screens in the order of their keys: (mode, key, name).
TABS: tuple[tuple[str, str, str], ...] = (
    ("contacts", "1", "Contacts"),
    ("acts", "2", "Acts"),
    ("audit", "3", "Audit"),
    ("review", "4", "Review"),
)


class ScreenTabs(Widget):
    """``1 Contacts  2 Acts  3 Audit  4 Review`` with ``current`` marked, and ``label`` on the right."""

    COMPONENT_CLASSES = {"screen-tabs--key", "screen-tabs--current", "screen-tabs--label"}

    class Chosen(Message):
        """A click on the tab of ``mode``."""

        def __init__(self, mode: str) -> None:
            super().__init__()
            self.mode = mode

    def __init__(self, current: str, label: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current = current
        self.label = label

    def show(self, current: str, label: str) -> None:
        """Mark ``current`` and show ``label`` (the week); redraws only when either changed."""
        if (current, label) != (self.current, self.label):
            self.current, self.label = current, label
            self.refresh()

    def _spans(self) -> list[tuple[int, int, str]]:
        """(start, end, mode) of each tab on the line."""
        spans, x = [], 1
        for mode, key, name in TABS:
            width = cell_len(f" {key} {name} ")
            spans.append((x, x + width, mode))
            x += width + 1
        return spans

    def render(self) -> Text:
        line = Text(" ", no_wrap=True, overflow="ellipsis")
        key_style = self.get_component_rich_style("screen-tabs--key")
        current_style = self.get_component_rich_style("screen-tabs--current")
        for mode, key, name in TABS:
            tab = Text(" ")
            tab.append(key, key_style)
            tab.append(f" {name} ")
            if mode == self.current:
                tab.stylize(current_style)
            line.append_text(tab)
            line.append(" ")
        if self.label:
            room = self.size.width - line.cell_len - 1
            if room >= cell_len(self.label):
                line.append(" " * (room - cell_len(self.label)))
                line.append(self.label, self.get_component_rich_style("screen-tabs--label"))
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, mode in self._spans():
            if start <= event.x < end:
                self.post_message(self.Chosen(mode))
                return
