"""Merging two contacts from the contacts screen: mark them (m), then merge them (M).

:class:`MergeMarks` keeps the contacts marked, two at most; :class:`ContactMerging` shows the marks in
the list, offers the Merge key and palette entry once two contacts can be merged, and opens the merge
dialog on them (one commit, undoable); the merged contact is selected after.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from .contacts import ContactsScreen


class MergeMarks:
    """The contacts marked to merge: two at most, in the order they were marked."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def toggle(self, contact_id: str) -> None:
        """Mark ``contact_id``, or unmark it; a third mark replaces the older of the two."""
        if contact_id in self.ids:
            self.ids.remove(contact_id)
        else:
            self.ids = [*self.ids[-1:], contact_id]

    def keep(self, known: Container[str]) -> None:
        """Forget marks on contacts that are gone."""
        self.ids = [cid for cid in self.ids if cid in known]

    def pair(self, selected: str | None) -> tuple[str, str] | None:
        """The two to merge: the two marked, or the one marked and ``selected``."""
        if len(self.ids) == 2:
            return self.ids[0], self.ids[1]
        if len(self.ids) == 1 and selected and selected != self.ids[0]:
            return self.ids[0], selected
        return None


class ContactMerging:
    """The contacts screen's merging: the marks shown in its list, and the merge of the two marked."""

    def __init__(self, screen: ContactsScreen) -> None:
        self.screen = screen
        self.marks = MergeMarks()

    def toggle_selected(self) -> None:
        """Mark the selected contact (or unmark it); two at most, the older mark goes."""
        for cid in self.screen.selected_contact_ids():
            self.marks.toggle(cid)
        self.changed()

    def changed(self) -> None:
        """Forget the marks on contacts that are gone; show the rest in the list, and the Merge key."""
        screen = self.screen
        self.marks.keep(screen.summaries.by_id)
        screen.contact_list.marked = frozenset(self.marks.ids)
        screen.refresh_bindings()

    def pair(self) -> tuple[str, str] | None:
        """The two to merge: the two marked, or the one marked and the selected one."""
        return self.marks.pair(self.screen.contact_list.highlighted_id)

    def merge(self) -> None:
        """Show what the two contacts would be as one; merge them once confirmed."""
        pair = self.pair()
        if pair is None:
            self.screen.notify("Mark two contacts with m first (or mark one and select the other).",
                               severity="warning", timeout=4)
            return
        self.screen.smn.open_merge(*pair, callback=self._merged)

    def _merged(self, survivor: str | None) -> None:
        if survivor is not None:
            self.marks.ids = []
            self.changed()
            self.screen.select_contact(survivor)

    def commands(self) -> Iterator[SystemCommand]:
        """Merging, offered in the palette once two contacts can be merged."""
        if self.pair() is not None:
            yield SystemCommand("Merge the marked contacts", "See what the two would be as one, then merge "
                                "them (M)", self.screen.action_merge)
