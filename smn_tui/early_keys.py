"""Letters typed in the same instant as the key that moves the keyboard to a text box.

A fast typist, a paste or a terminal multiplexer can send ``/ada`` or
``hSent the slides`` in one burst. Textual hands every key of the burst to the
widget that has the focus when the burst arrives, before the first key (``/``
focuses the filter, ``h`` opens a form) has moved the focus. The letters then
bubble up to the app unhandled, and would run the bindings of the letters
(``a`` archives) instead of being typed. :class:`EarlyKeys` catches them at the
app and types them, in order, into the text box that has the keyboard now, or,
while a dialog is still putting its cursor in place, as soon as it has.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.events import Key
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

#: Screen refreshes a dialog gets to focus its first field before held letters are dropped.
FOCUS_TRIES = 5


class EarlyKeys:
    """The app's one buffer for letters that arrived before their text box had the keyboard."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._held: list[str] = []
        self._screen: Screen[object] | None = None

    def catch(self, key: Key) -> bool:
        """Take ``key`` if it is such a letter (True: the caller stops it); False leaves it be.

        A text box consumes every letter sent to it, so a letter that reaches the
        app while one has the focus was sent elsewhere before the box had it.
        """
        if not (key.is_printable and key.character):
            return False
        screen = self._app.screen
        if self._held and screen is self._screen:
            self._held.append(key.character)
            return True
        focused = screen.focused
        if isinstance(focused, Input):
            focused.insert_text_at_cursor(key.character)
            return True
        if focused is None and isinstance(screen, ModalScreen) and key.key not in screen.active_bindings:
            # A dialog still opening: keep the letters until its first field has the cursor.
            self._held = [key.character]
            self._screen = screen
            self._app.call_after_refresh(self._hand_over, screen, FOCUS_TRIES)
            return True
        return False

    def _hand_over(self, screen: Screen[object], tries: int) -> None:
        """Type the held letters into the dialog's text box once it has one (else drop them)."""
        if screen is self._app.screen and screen.focused is None and tries > 0:
            self._app.call_after_refresh(self._hand_over, screen, tries - 1)
            return
        focused = screen.focused if screen is self._app.screen else None
        if isinstance(focused, Input):
            focused.insert_text_at_cursor("".join(self._held))
        self._held = []
        self._screen = None
