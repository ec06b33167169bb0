"""Pick one person out of several (an act done for more than one)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class ChoosePerson(ModalScreen[str | None]):
    """Returns the chosen contact id, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, people: list[tuple[str, str]], title: str = "Which person?") -> None:
        super().__init__()
        self.people = people
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="choose-box"):
            yield Static(Text(self.title_text, style="bold"), id="choose-title")
            yield OptionList(*(Option(Text(name), id=cid) for cid, name in self.people), id="choose-list")
            yield Static("Enter chooses · esc cancels", id="choose-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
