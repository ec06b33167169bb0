"""The running :class:`~smn_tui.app.SmnApp`, typed, for the screens and dialogs that ask it for things.

Textual types ``node.app`` as any app; this is the one place that says it is
smn's, so the store, the clock and the forms are reached with their types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from .app import SmnApp


def running_app(node: MessagePump) -> SmnApp:
    """The smn app ``node`` runs in (an error outside one: smn's screens need its store)."""
    from .app import SmnApp

    app = node.app
    if not isinstance(app, SmnApp):
        raise RuntimeError(f"{type(node).__name__} runs inside the smn app only")
    return app
