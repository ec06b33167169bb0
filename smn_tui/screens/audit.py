"""The weekly audit screen."""

from __future__ import annotations

from .placeholder import PlaceholderScreen


class AuditScreen(PlaceholderScreen):
    """Step back once a week and hold yourself to a high standard."""

    TITLE_TEXT = "Weekly audit"
    PURPOSE = "Step back once a week and hold yourself to a high standard."
