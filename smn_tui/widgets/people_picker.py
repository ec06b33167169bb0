"""Choose one or more people by typing part of a name, or add someone new on the spot.

The picker knows nothing of the store: its screen hands it a ``search``
function and the names of the people already chosen. Someone added with
"+ Add ..." becomes a :class:`Contact` kept in :attr:`PeoplePicker.new_contacts`
until the screen saves it together with the entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, OptionList
from textual.widgets.option_list import Option

from ..domain.models import Contact, ValidationError

NEW_OPTION = "+new"
SUGGESTIONS = 7


@dataclass(frozen=True)
class Person:
    """Someone the picker can offer or has chosen."""

    id: str
    name: str
    hint: str = ""
    new: bool = False


class PeoplePicker(Vertical):
    """Chips for the chosen people, an input, and suggestions as you type."""

    BINDINGS = [
        Binding("down", "highlight(1)", "Next suggestion", show=False),
        Binding("up", "highlight(-1)", "Previous suggestion", show=False),
    ]

    class Changed(Message):
        """The chosen people changed."""

        def __init__(self, picker: PeoplePicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> PeoplePicker:
            return self.picker

    class Rejected(Message):
        """A new name could not become a contact; ``message`` says why."""

        def __init__(self, picker: PeoplePicker, message: str) -> None:
            super().__init__()
            self.picker = picker
            self.message = message

        @property
        def control(self) -> PeoplePicker:
            return self.picker

    def __init__(self, search: Callable[[str, set[str]], list[Person]], chosen: list[Person] | None = None,
                 *, placeholder: str = "Type a name, Enter picks", id: str | None = None) -> None:
        super().__init__(id=id)
        self._search = search
        self.chosen: list[Person] = list(chosen or [])
        self.new_contacts: dict[str, Contact] = {}
        self._placeholder = placeholder
        self._offered: list[Person] = []
        self._typed = ""

    def compose(self) -> ComposeResult:
        yield Horizontal(classes="chips")
        yield Input(placeholder=self._placeholder, compact=True, classes="picker-input")
        options = OptionList(classes="suggestions", compact=True)
        options.can_focus = False
        options.display = False
        yield options

    def on_mount(self) -> None:
        self._draw_chips()

    @property
    def input(self) -> Input:
        return self.query_one(".picker-input", Input)

    @property
    def contact_ids(self) -> list[str]:
        return [p.id for p in self.chosen]

    # ------------------------------------------------------------------ chips

    def _draw_chips(self) -> None:
        chips = self.query_one(".chips", Horizontal)
        chips.remove_children()
        buttons = []
        for n, person in enumerate(self.chosen):
            label = Text(person.name)
            label.append(" (new)" if person.new else "", "italic")
            label.append(" ×")
            b = Button(label, compact=True, classes="chip", name=str(n))
            b.tooltip = f"Remove {person.name}"
            buttons.append(b)
        if buttons:
            chips.mount_all(buttons)
        chips.display = bool(buttons)
        # Once someone is chosen, say how to go on: typing here would add another person.
        self.input.placeholder = "Another name, or Enter to go on" if self.chosen else self._placeholder

    @on(Button.Pressed, ".chip")
    def _remove_chip(self, event: Button.Pressed) -> None:
        event.stop()
        index = int(event.button.name or 0)
        if 0 <= index < len(self.chosen):
            person = self.chosen.pop(index)
            self.new_contacts.pop(person.id, None)
            self._draw_chips()
            self.input.focus()
            self.post_message(self.Changed(self))

    # ------------------------------------------------------------------ suggestions

    @on(Input.Changed, ".picker-input")
    def _typed_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._typed = event.value
        self._suggest()

    def _suggest(self) -> None:
        options = self.query_one(".suggestions", OptionList)
        text = " ".join(self._typed.split())
        if not text:
            self._offered = []
            options.clear_options()
            options.display = False
            return
        taken = {p.id for p in self.chosen}
        found = self._search(text, taken)[:SUGGESTIONS]
        offered: list[Person] = list(found)
        items: list[Option] = []
        for person in found:
            label = Text(person.name)
            if person.hint:
                label.append(f"  {person.hint}", "dim")
            items.append(Option(label, id=person.id))
        if not any(p.name.casefold() == text.casefold() for p in found):
            offered.append(Person(NEW_OPTION, text, new=True))
            items.append(Option(Text(f"+ Add '{text}' as a new contact"), id=NEW_OPTION))
        self._offered = offered
        options.clear_options()
        options.add_options(items)
        options.highlighted = 0
        options.display = True

    def action_highlight(self, step: int) -> None:
        options = self.query_one(".suggestions", OptionList)
        if not self._offered:
            return
        current = options.highlighted or 0
        options.highlighted = (current + step) % len(self._offered)

    @on(OptionList.OptionSelected, ".suggestions")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option_index)
        self.input.focus()

    @on(Input.Submitted, ".picker-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if not self._offered:
            return  # nothing typed: let the form move on
        event.stop()
        self.pick(self.query_one(".suggestions", OptionList).highlighted or 0)

    def pick(self, index: int) -> None:
        """Choose the suggestion at ``index`` (the last one may add a new contact)."""
        if not 0 <= index < len(self._offered):
            return
        person = self._offered[index]
        if person.new:
            try:
                contact = Contact(person.name)
            except ValidationError as exc:
                self.post_message(self.Rejected(self, f"{exc.message}."))
                return
            self.new_contacts[contact.id] = contact
            person = Person(contact.id, contact.name, new=True)
        if person.id not in {p.id for p in self.chosen}:
            self.chosen.append(person)
        self.input.value = ""
        self._typed = ""
        self._suggest()
        self._draw_chips()
        self.post_message(self.Changed(self))
