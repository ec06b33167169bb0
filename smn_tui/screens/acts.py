"""The helpful acts screen."""

from __future__ import annotations

from .placeholder import PlaceholderScreen


class ActsScreen(PlaceholderScreen):
    """What you did for whom, and how much it mattered."""

    TITLE_TEXT = "Helpful acts"
    PURPOSE = "What you did for whom, and how much it mattered."
