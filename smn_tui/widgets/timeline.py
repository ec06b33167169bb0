"""A contact's interactions and helpful acts, newest first, with a cursor to edit or delete one.

The widget draws what its screen hands it (:meth:`Timeline.show`) and asks for
changes by message (:class:`Timeline.EditRequested`, :class:`Timeline.DeleteRequested`);
the screen opens the form or asks before deleting. It sits in a scrolling
pane (the contact's details above it) and scrolls that pane to keep the entry
under the cursor in view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget

from ..domain.models import HelpfulAct, Interaction, act_kind_label
from ..domain.wording import count_of

__all__ = ["TIMELINE_LIMIT", "Entry", "Timeline", "entry_line", "entry_text", "short_date"]

Entry = Interaction | HelpfulAct

#: The timeline shows this many entries; older ones are counted, not drawn.
TIMELINE_LIMIT = 200
#: Entries a page key moves the cursor by.
PAGE_ENTRIES = 5


def short_date(day: date, today: date) -> str:
    """``24 Nov`` this year, ``24 Nov 2025`` another."""
    return f"{day.day} {day:%b}" if day.year == today.year else f"{day.day} {day:%b %Y}"


def entry_line(entry: Entry, today: date, names: Mapping[str, str], about: str | None = None) -> Text:
    """One entry's head line: ``24 Nov meeting · in person · with Rosalind Franklin``.

    ``names`` gives the people's names; ``about`` (the contact whose timeline it is) is left out of them.
    """
    line = Text(short_date(entry.on, today), style="dim")
    line.append(" ")
    if isinstance(entry, HelpfulAct):
        line.append("helped", style="bold")
        line.append(f" · {act_kind_label(entry.kind)} · made their {entry.impact}")
    else:
        line.append(entry.kind, style="bold")
        if entry.platform:
            line.append(f" · {entry.platform}")
        if not entry.real:
            line.append(" · passive", style="dim")
    others = [names.get(i, "?") for i in entry.contact_ids if i != about]
    if others:
        line.append(" · with " if about else " · ")
        line.append(", ".join(others))
    return line


def entry_text(entry: Entry, today: date, names: Mapping[str, str], about: str | None = None) -> Text:
    """The head line and, indented under it, the note (user text, never markup)."""
    text = entry_line(entry, today, names, about)
    if entry.note:
        text.append("\n")
        text.append(Text("  " + entry.note.replace("\n", "\n  ")))
    return text


class Timeline(Widget, can_focus=True):
    """The entries with one contact, newest first; while focused, one is under the cursor."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Previous entry", show=False),
        Binding("down,j", "cursor(1)", "Next entry", show=False),
        Binding("pageup", f"cursor({-PAGE_ENTRIES})", "Entries up", show=False),
        Binding("pagedown", f"cursor({PAGE_ENTRIES})", "Entries down", show=False),
        Binding("home", "first", "First entry", show=False),
        Binding("end", "last", "Last entry", show=False),
        Binding("enter", "edit", "Edit entry", tooltip="In the timeline: edit the interaction or act "
                "under the cursor"),
        Binding("d", "delete", "Delete entry", tooltip="In the timeline: delete the interaction or act "
                "under the cursor (asks first)"),
    ]

    COMPONENT_CLASSES = {"timeline--cursor"}

    class EditRequested(Message):
        """Enter (or a double click) on an entry."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    class DeleteRequested(Message):
        """``d`` on an entry."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Entry] = []
        self.cursor = 0
        self._today = date.today()
        self._names: Mapping[str, str] = {}
        self._about = ""
        self._empty = ""
        self._hidden = 0

    # ------------------------------------------------------------------ data

    def show(self, entries: Sequence[Entry], *, today: date, names: Mapping[str, str], about: str,
             empty: str = "") -> None:
        """Draw ``entries`` (newest first) of the contact ``about``; the cursor stays on the same entry."""
        kept = self.current.id if self.current is not None and self._about == about else None
        self.entries = list(entries[:TIMELINE_LIMIT])
        self._hidden = max(0, len(entries) - TIMELINE_LIMIT)
        self._today, self._names, self._about, self._empty = today, names, about, empty
        ids = [e.id for e in self.entries]
        self.cursor = ids.index(kept) if kept in ids else min(self.cursor if kept else 0,
                                                              max(len(ids) - 1, 0))
        self.refresh(layout=True)

    @property
    def current(self) -> Entry | None:
        """The entry under the cursor (None when there are none)."""
        return self.entries[self.cursor] if 0 <= self.cursor < len(self.entries) else None

    # ------------------------------------------------------------------ drawing

    def _parts(self, index: int, entry: Entry) -> list[RenderableType]:
        head = entry_line(entry, self._today, self._names, self._about)
        note = Padding(Text(entry.note), (0, 0, 0, 2)) if entry.note else None
        if index == self.cursor and self.has_focus:
            cursor = self.get_component_rich_style("timeline--cursor")
            head.stylize(cursor)
            head.pad_right(max(0, self.size.width - head.cell_len))
            if note is not None:
                note = Padding(Text(entry.note, style=cursor), (0, 0, 0, 2), style=cursor)
        return [head] if note is None else [head, note]

    def render(self) -> RenderableType:
        if not self.entries:
            return Text(self._empty, style="dim")
        parts: list[RenderableType] = []
        for i, entry in enumerate(self.entries):
            parts.extend(self._parts(i, entry))
        if self._hidden:
            parts.append(Text(f"… and {count_of(self._hidden, 'earlier entry')}.", style="dim"))
        return Group(*parts)

    def _heights(self) -> list[int]:
        """How many lines each entry takes at the current width."""
        width = max(self.size.width, 1)
        console = self.app.console
        out = []
        for entry in self.entries:
            head = entry_line(entry, self._today, self._names, self._about)
            lines = len(head.wrap(console, width))
            if entry.note:
                lines += len(Text(entry.note).wrap(console, max(width - 2, 1)))
            out.append(lines)
        return out

    # ------------------------------------------------------------------ the cursor

    def _move(self, index: int) -> None:
        if not self.entries:
            return
        self.cursor = max(0, min(index, len(self.entries) - 1))
        self.refresh()
        self._bring_into_view()

    def _bring_into_view(self) -> None:
        pane = self.parent
        if not isinstance(pane, Widget) or not self.entries:
            return
        heights = self._heights()
        top = sum(heights[:self.cursor])
        if self.cursor == 0:  # the first entry: show the contact's details above it too
            pane.scroll_home(animate=False)
            return
        region = Region(0, self.virtual_region.y + top, self.size.width, heights[self.cursor])
        pane.scroll_to_region(region, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self._move(self.cursor + delta)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.entries) - 1)

    def action_edit(self) -> None:
        if self.current is not None:
            self.post_message(self.EditRequested(self.current))

    def action_delete(self) -> None:
        if self.current is not None:
            self.post_message(self.DeleteRequested(self.current))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With no entries there is nothing to edit or delete: the keys are shown disabled (and do nothing,
        rather than reach the contact's own ``d``)."""
        if action in ("edit", "delete"):
            return True if self.entries else None
        return True

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        y = 0
        for i, height in enumerate(self._heights()):
            if y <= offset.y < y + height:
                self._move(i)
                if event.chain >= 2:
                    self.action_edit()
                return
            y += height

    def on_focus(self) -> None:
        self.refresh()
        self._bring_into_view()

    def on_blur(self) -> None:
        self.refresh()

