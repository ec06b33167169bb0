"""What the entry forms (an interaction, a helpful act) add to a form: the people picker, the date and platform."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from textual import on
from textual.widget import Widget
from textual.widgets import Input, Select

from ..domain.dates import AmbiguousDateError, DateInputError, parse_date
from ..domain.models import PLATFORMS, Contact, HelpfulAct, Interaction, ValidationError
from ..widgets.people_picker import PeoplePicker, Person
from .form import FormDialog
from .people_search import PeopleIndex

R = TypeVar("R", bound=Interaction | HelpfulAct)

NO_PLATFORM = "none"
#: What the date field accepts, as its placeholder says.
DATE_PLACEHOLDER = "today, yesterday, last friday, 2026-11-20"


def platform_options(current: str = "") -> list[tuple[str, str]]:
    """The platform choices: none, the known platforms, and ``current`` if it is another."""
    names = list(PLATFORMS)
    if current and current not in names:
        names.append(current)
    return [("none", NO_PLATFORM), *((p, p) for p in names)]


class EntryForm(FormDialog[R]):
    """A form for one journal entry, done with one or more people (chosen in the picker ``#who``)."""

    def __init__(self, contact_ids: list[str], *, editing: bool) -> None:
        super().__init__(editing=editing)
        self._initial_ids = list(contact_ids)

    # ------------------------------------------------------------------ building

    def people_picker(self) -> PeoplePicker:
        """The picker, holding the people the form starts with (those still in the journal)."""
        store = self.smn.store
        chosen: list[Person] = []
        for cid in self._initial_ids:
            try:
                chosen.append(Person(cid, store.get_contact(cid).name))
            except ValidationError:  # a contact removed meanwhile: leave it out
                continue
        return PeoplePicker(lambda text, taken: PeopleIndex.of(store).search(text, taken), chosen, id="who")

    def platform_select(self, current: str) -> Select[str]:
        return Select(platform_options(current), value=current or NO_PLATFORM, allow_blank=False,
                      id="platform", compact=True)

    def date_input(self, day: date | None) -> Input:
        return Input(day.isoformat() if day else "today", placeholder=DATE_PLACEHOLDER, id="date", compact=True)

    @property
    def picker(self) -> PeoplePicker:
        return self.query_one("#who", PeoplePicker)

    def on_mount(self) -> None:
        super().on_mount()
        # Index the names once the form is on screen, before the first keystroke needs them.
        self.call_after_refresh(PeopleIndex.of, self.smn.store)

    def first_field(self) -> Widget:
        """The picker, or the note when the people are chosen already."""
        picker = self.picker
        return self.query_one("#note", Input) if picker.chosen else picker.input

    # ------------------------------------------------------------------ reading fields

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def choice(self, selector: str) -> str:
        value = self.query_one(selector, Select).value
        return "" if value is Select.NULL else str(value)

    def platform_value(self) -> str:
        value = self.choice("#platform")
        return "" if value == NO_PLATFORM else value

    def people(self, errors: dict[str, str]) -> list[str]:
        """The chosen people's ids (a problem under ``who`` when there is nobody)."""
        ids = self.picker.contact_ids
        if not ids:
            errors["who"] = "Choose at least one person: type a name and press Enter."
        return ids

    def people_names(self) -> str:
        return ", ".join(p.name for p in self.picker.chosen)

    def parse_day(self, errors: dict[str, str]) -> date | None:
        """The date typed, read with the date-order setting (3/4 is refused without one)."""
        try:
            return parse_date(self.value("#date"), self.smn.today(), order=self.smn.settings.date_order or None)
        except AmbiguousDateError as exc:
            errors["date"] = f"{exc} Ctrl+P sets it: 'Read numeric dates day first' (or month first)."
            return None
        except DateInputError as exc:
            errors["date"] = str(exc)
            return None

    # ------------------------------------------------------------------ saving

    def new_contacts(self) -> list[Contact]:
        picker = self.picker
        return [picker.new_contacts[i] for i in picker.contact_ids if i in picker.new_contacts]

    def write(self, record: R, plain: Callable[[], R], done: str) -> R | None:
        """Save ``record``: with new people, one commit holding them and the record."""
        store = self.smn.store
        new = self.new_contacts()
        if new:
            def with_people() -> R:
                store.add_many([*new, record])
                return record

            return self.smn.save(with_people, done=done)
        return self.smn.save(plain, done=done)

    @on(PeoplePicker.Rejected)
    def _rejected(self, event: PeoplePicker.Rejected) -> None:
        self.show_errors({"who": event.message})

    @on(PeoplePicker.Changed)
    def _people_changed(self) -> None:
        self.query_one("#who-error").set_class(False, "-shown")
        self.query_one("#who-field").set_class(False, "-invalid")
