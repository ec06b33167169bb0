"""What the entry forms share: the people picker, date and platform fields, inline errors, saving."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from ..domain.dates import DateInputError, parse_date
from ..domain.models import PLATFORMS, Contact, ValidationError
from ..widgets.people_picker import PeoplePicker, Person
from .people_search import PeopleIndex

if TYPE_CHECKING:
    from ..app import SmnApp

R = TypeVar("R")

NO_PLATFORM = "none"


def platform_options(current: str = "") -> list[tuple[str, str]]:
    names = list(PLATFORMS)
    if current and current not in names:
        names.append(current)
    return [("none", NO_PLATFORM), *((p, p) for p in names)]


class EntryForm(ModalScreen[R | None], Generic[R]):
    """A modal form that saves one entry and returns it (or None when cancelled)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    AUTO_FOCUS = None  # on_mount picks the first field to fill

    TITLE_NEW = ""
    TITLE_EDIT = ""
    #: The id of the last field: Enter there saves.
    LAST_FIELD = ""

    def __init__(self, contact_ids: list[str], editing: bool) -> None:
        super().__init__()
        self._initial_ids = list(contact_ids)
        self._relayed: set[int] = set()
        self._start: Widget | None = None
        self._editing = editing

    @property
    def smn(self) -> SmnApp:
        return self.app  # type: ignore[return-value]

    # ------------------------------------------------------------------ building

    def field(self, label: str, name: str, control: Widget) -> ComposeResult:
        """A labelled row with room for an error under the control."""
        with Horizontal(classes="field", id=f"{name}-field"):
            yield Label(label, classes="field-label")
            with Vertical(classes="field-control"):
                yield control
                error = Static("", classes="field-error", id=f"{name}-error", markup=False)
                error.display = False
                yield error

    def people_picker(self) -> PeoplePicker:
        store = self.smn.store
        chosen: list[Person] = []
        for cid in self._initial_ids:
            try:
                chosen.append(Person(cid, store.get_contact(cid).name))
            except ValidationError:  # a contact removed meanwhile: leave it out
                continue
        return PeoplePicker(lambda text, taken: PeopleIndex.of(store).search(text, taken), chosen, id="who")

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(Text(self.TITLE_EDIT if self._editing else self.TITLE_NEW, style="bold"),
                         id="form-title")
            body = VerticalScroll(id="form-body")
            body.can_focus = False  # keys go to the fields, never to the scroll area
            with body:
                yield from self.fields()
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
                yield Static("ctrl+s saves · esc cancels", id="form-hint")

    def fields(self) -> ComposeResult:  # pragma: no cover - subclasses fill it
        raise NotImplementedError

    def on_resize(self) -> None:
        self.set_class(self.size.height < 30, "-short")

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < 30, "-short")
        if self.app.is_headless:
            for field in self.query(Input):
                field.cursor_blink = False
        picker = self.query_one("#who", PeoplePicker)
        self._start = self.first_field() if picker.chosen else picker.input
        self._start.focus()
        self.call_after_refresh(self._settled)
        # Index the names once the form is on screen, before the first keystroke needs them.
        self.call_after_refresh(PeopleIndex.of, self.smn.store)

    _opening = True

    def _settled(self) -> None:
        self._opening = False
        self._relayed.clear()

    def on_key(self, event: events.Key) -> None:
        """Keys typed while the form was still opening had no field to go to: hand them on."""
        focused = self.focused or self._start
        if not self._opening or focused is None or id(event) in self._relayed:
            return
        event.stop()
        relay = events.Key(event.key, event.character)
        self._relayed.add(id(relay))
        focused.post_message(relay)

    def first_field(self) -> Widget:  # pragma: no cover - subclasses say where to start
        """Where the cursor starts when the people are already chosen."""
        raise NotImplementedError

    # ------------------------------------------------------------------ reading fields

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def choice(self, selector: str) -> Any:
        return self.query_one(selector, Select).value

    def platform_value(self) -> str:
        value = self.choice("#platform")
        return "" if value in (NO_PLATFORM, Select.NULL) else str(value)

    def parse_day(self, errors: dict[str, str]) -> date | None:
        try:
            return parse_date(self.value("#date"), self.smn.today())
        except DateInputError as exc:
            errors["date"] = str(exc)
            return None

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field; clear the others. Nothing typed is touched."""
        first = None
        for error in self.query(".field-error").results(Static):
            name = (error.id or "").removesuffix("-error")
            message = errors.get(name, "")
            error.update(Text(message))
            error.display = bool(message)
            if message and first is None:
                first = name
        shown = {(e.id or "").removesuffix("-error") for e in self.query(".field-error")}
        leftover = [m for k, m in errors.items() if k not in shown]
        if leftover:
            self.notify(" ".join(leftover), title="Not saved", severity="error", markup=False)
        if first is not None:
            row = self.query_one(f"#{first}-field")
            self.query_one("#form-body", VerticalScroll).scroll_to_widget(row, animate=False)

    # ------------------------------------------------------------------ saving

    def new_contacts(self) -> list[Contact]:
        picker = self.query_one("#who", PeoplePicker)
        return [picker.new_contacts[i] for i in picker.contact_ids if i in picker.new_contacts]

    def write(self, record: R, plain: Callable[[], R], done: str) -> R | None:
        """Save ``record``: with new people, one commit holding them and the record."""
        store = self.smn.store
        new = self.new_contacts()
        if new:
            return self.smn.save(lambda: (store.add_many([*new, record]), record)[1], done=done)
        return self.smn.save(plain, done=done)

    def build(self) -> tuple[R | None, dict[str, str]]:  # pragma: no cover - subclasses build
        raise NotImplementedError

    def save_record(self, record: R) -> R | None:  # pragma: no cover
        raise NotImplementedError

    def action_save(self) -> None:
        record, errors = self.build()
        self.show_errors(errors)
        if record is None:
            return
        saved = self.save_record(record)
        if saved is not None:
            self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == self.LAST_FIELD:
            self.action_save()
        else:
            self.focus_next()

    @on(PeoplePicker.Rejected)
    def _rejected(self, event: PeoplePicker.Rejected) -> None:
        self.show_errors({"who": event.message})

    @on(PeoplePicker.Changed)
    def _people_changed(self) -> None:
        error = self.query_one("#who-error", Static)
        error.display = False
