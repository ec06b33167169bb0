"""A yes/no question before something that cannot be undone."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """Ask before acting; dismisses with True only when the user confirms.

    ``title`` and ``message`` are shown as plain text (never markup), so a
    message naming a contact called ``[b]x[/b]`` shows exactly that.
    The safe choice (Cancel) has the focus; y confirms, n or Esc cancels.
    """

    BINDINGS = [
        Binding("escape,n", "cancel", "Cancel", tooltip="Keep everything as it is"),
        Binding("y", "confirm", "Confirm", tooltip="Go ahead"),
    ]

    def __init__(self, title: str, message: str, confirm_label: str = "OK") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Text(self.title_text), id="confirm-title")
            yield Static(Text(self.message), id="confirm-message")
            with Horizontal(id="confirm-buttons"):
                yield Button(Text(self.confirm_label), variant="error", id="confirm-yes")
                yield Button("Cancel", id="confirm-no")
            yield Static(Text("y confirms · n or Esc cancels"), id="confirm-hint")

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
