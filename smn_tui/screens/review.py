"""The review screen."""

from __future__ import annotations

from .placeholder import PlaceholderScreen


class ReviewScreen(PlaceholderScreen):
    """Who you helped this week, and who you are losing touch with."""

    TITLE_TEXT = "Review"
    PURPOSE = "Who you helped this week, and who you are losing touch with."
