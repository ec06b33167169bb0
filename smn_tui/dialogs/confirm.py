"""A yes/no question: before a delete (which Ctrl+Z can take back), or before throwing typing away."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """Ask before acting; dismisses with True only when the user confirms.

    ``title`` and ``message`` are shown as plain text (never markup), so a
    message naming a contact called ``[b]x[/b]`` shows exactly that; a message
    may also be a ``rich`` renderable built from ``Text``; a long one scrolls, and
    ``note`` stays in view under it. The safe choice
    (``cancel_label``) has the focus, so Enter takes it; y confirms, n or Esc
    cancels.
    """

    BINDINGS = [
        Binding("escape,n", "cancel", "Cancel", tooltip="Keep everything as it is"),
        Binding("y", "confirm", "Confirm", tooltip="Go ahead"),
    ]

    def __init__(self, title: str, message: str | RenderableType, confirm_label: str = "OK",
                 cancel_label: str = "Cancel", *, note: str = "") -> None:
        super().__init__()
        self.note = note
        self.title_text = title
        self.message = Text(message) if isinstance(message, str) else message
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Text(self.title_text), id="confirm-title")
            scroll = VerticalScroll(id="confirm-scroll")
            scroll.can_focus = False  # keys go to the buttons; a long message scrolls with the wheel
            with scroll:
                yield Static(self.message, id="confirm-message")
            if self.note:
                yield Static(Text(self.note), id="confirm-note")
            with Horizontal(id="confirm-buttons"):
                yield Button(Text(self.confirm_label), variant="error", id="confirm-yes")
                yield Button(Text(self.cancel_label), id="confirm-no")
            yield Static(Text(f"y: {self.confirm_label} · Enter, n or Esc: {self.cancel_label}"),
                         id="confirm-hint")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def action_confirm(self) -> None:
        """Answer yes."""
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_cancel(self) -> None:
        """Answer no."""
        self.dismiss(False)
