"""The contacts screen."""

from __future__ import annotations

from .placeholder import PlaceholderScreen


class ContactsScreen(PlaceholderScreen):
    """The people you know, where they are, and your history with each."""

    TITLE_TEXT = "Contacts"
    PURPOSE = "The people you know, where they are, and your history with each."
