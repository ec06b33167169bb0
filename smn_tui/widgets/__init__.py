"""Reusable widgets: they show what their screen hands them and never call the store.

:class:`VirtualList` draws only the visible lines of a long list; :class:`ContactList`
and :class:`Ledger` build on it. :class:`PeoplePicker` chooses people through a search
function it is given; :class:`ContactDetail` shows one contact, its :class:`Timeline`
the entries with them; :class:`ActDetail` shows one helpful act in full; :class:`ScreenTabs` is
the bar atop every screen; the audit's question views are in :mod:`.audit`. The names below
load their module when asked for.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .act_detail import ActDetail
    from .contact_detail import ContactDetail, ContactView
    from .contact_filter import ContactFilter, FilterCache
    from .contact_list import ContactList
    from .ledger import Ledger, LedgerRow
    from .people_picker import PeoplePicker, Person
    from .screen_tabs import ScreenTabs
    from .timeline import Timeline
    from .virtual_list import VirtualList

__all__ = ["ActDetail", "ContactDetail", "ContactFilter", "ContactList", "ContactView", "FilterCache", "Ledger",
           "LedgerRow", "PeoplePicker", "Person", "ScreenTabs", "Timeline", "VirtualList"]

_MODULES = {"ActDetail": "act_detail", "ContactDetail": "contact_detail", "ContactView": "contact_detail",
            "ContactFilter": "contact_filter", "FilterCache": "contact_filter", "ContactList": "contact_list",
            "Ledger": "ledger", "LedgerRow": "ledger", "PeoplePicker": "people_picker", "Person": "people_picker",
            "ScreenTabs": "screen_tabs", "Timeline": "timeline", "VirtualList": "virtual_list"}


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
