"""Add or edit a contact: a form that returns the saved contact (or None)."""

from __future__ import annotations

import re
from itertools import count
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import Suggester, SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Select, TextArea

from ..domain.birthdays import Birthday, BirthdayError, describe_birthday, parse_birthday
from ..domain.models import PLATFORMS, Contact, ValidationError
from ..domain.platforms import parse_platform_text
from .form import FormDialog

#: Cadence choices: (label, days); "custom" asks for a number of days.
CADENCES: tuple[tuple[str, str], ...] = (
    ("none", "none"),
    ("weekly", "7"),
    ("every 2 weeks", "14"),
    ("monthly", "30"),
    ("quarterly", "91"),
    ("yearly", "365"),
    ("custom: N days", "custom"),
)
CUSTOM = "custom"

#: The contact's fields in screen order: (ValidationError.field, label).
FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("platforms", "Platforms"),
    ("tags", "Tags"),
    ("how_met", "How you met"),
    ("cadence_days", "Keep in touch"),
    ("birthday", "Birthday"),
    ("notes", "Notes"),
)
_LABELS = dict(FIELDS)


def error_text(field: str, message: str) -> str:
    """``is required`` -> ``Name is required.``; full sentences are kept as they are."""
    message = message.rstrip(".")
    if message.split(" ", 1)[0] in ("is", "must", "contains", "may"):
        message = f"{_LABELS.get(field, field.replace('_', ' ').capitalize())} {message}"
    return message[:1].upper() + message[1:] + "."


class TagSuggester(Suggester):
    """Completes the last tag being typed from the tags already in the journal."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        last = re.split(r"[,\s]+", value)[-1]
        word = last.lstrip("#").lower()
        if not word:
            return None
        for tag in self.tags:
            if tag.startswith(word) and tag != word:
                return value + tag[len(word):]
        return None


def cadence_choice(days: int | None) -> str:
    """The cadence list's value for ``days`` (custom when it is none of the presets)."""
    preset = str(days or "none")
    return preset if preset in {value for _, value in CADENCES} else CUSTOM


class ContactForm(FormDialog[Contact]):
    """Name, platforms with handles, tags, how you met, cadence, birthday, notes."""

    BINDINGS = [Binding("ctrl+n", "add_platform", "Add platform", tooltip="Another platform and handle")]
    TITLE_NEW = "New contact"
    TITLE_EDIT = "Edit contact"

    def __init__(self, contact: Contact | None = None) -> None:
        super().__init__(editing=contact is not None)
        self.contact = contact
        self._row_ids = count(1)

    # ------------------------------------------------------------------ layout

    def fields(self) -> ComposeResult:
        c = self.contact
        yield from self.field("Name", "name", Input(c.name if c else "", id="name", compact=True,
                                                    placeholder="Full name"))
        rows = [self._platform_row(p.platform, p.handle) for p in (c.platforms if c else [])]
        yield from self.field("Platforms", "platforms", Vertical(
            *(rows or [self._platform_row("", "")]),
            Button("+ Add platform (ctrl+n)", id="add-platform", compact=True), id="platform-rows"))
        yield from self.field("Tags", "tags", Input(", ".join(c.tags) if c else "", id="tags", compact=True,
                                                    placeholder="friend, mentor (comma separated)",
                                                    suggester=TagSuggester(list(self.smn.store.tags()))))
        yield from self.field("How you met", "how_met", Input(c.how_met if c else "", id="how_met", compact=True,
                                                              placeholder="Where or how you met"))
        cadence = (c.cadence_days if c else None) or 0
        preset = cadence_choice(cadence)
        yield from self.field(
            "Keep in touch", "cadence_days",
            Select([(label, days) for label, days in CADENCES], value=preset, allow_blank=False,
                   id="cadence", compact=True),
            Input(str(cadence) if preset == CUSTOM else "", id="cadence-days", compact=True,
                  placeholder="days", classes="" if preset == CUSTOM else "-hidden"),
        )
        yield from self.field("Birthday", "birthday", Input(describe_birthday(c.birthday) if c and c.birthday else "",
                                                            id="birthday", compact=True,
                                                            placeholder="e.g. 12 Mar 1990, or 12 Mar without the year"))
        yield from self.field("Notes", "notes", TextArea(c.notes if c else "", id="notes", compact=True,
                                                         soft_wrap=True, show_line_numbers=False))

    def _platform_row(self, platform: str, handle: str) -> Horizontal:
        n = next(self._row_ids)
        name = Input(platform, placeholder="platform", compact=True, classes="platform-name",
                     suggester=SuggestFromList(PLATFORMS, case_sensitive=False))
        handle_input = Input(handle, placeholder="handle, URL or number", compact=True, classes="platform-handle")
        remove = Button(Text("✕ remove"), compact=True, classes="platform-remove", tooltip="Remove this platform")
        return Horizontal(name, handle_input, remove, classes="platform-row", id=f"platform-row-{n}")

    def first_field(self) -> Widget:
        return self.query_one("#name", Input)

    # ------------------------------------------------------------------ platforms

    @on(Button.Pressed, "#add-platform")
    async def action_add_platform(self) -> None:
        """Add a row for another platform and handle."""
        row = self._platform_row("", "")
        await self.query_one("#platform-rows", Vertical).mount(row, before=self.query_one("#add-platform"))
        row.query_one(".platform-name", Input).focus()

    @on(Button.Pressed, ".platform-remove")
    async def _remove_platform(self, event: Button.Pressed) -> None:
        row = event.button.parent
        if isinstance(row, Widget):
            await row.remove()
        if not self.query(".platform-row"):
            await self.query_one("#platform-rows", Vertical).mount(self._platform_row("", ""),
                                                                   before=self.query_one("#add-platform"))

    @on(Select.Changed, "#cadence")
    def _cadence_changed(self, event: Select.Changed) -> None:
        custom = self.query_one("#cadence-days", Input)
        custom.set_class(event.value != CUSTOM, "-hidden")
        if event.value == CUSTOM:
            custom.focus()

    # ------------------------------------------------------------------ reading the fields

    def _platform_values(self) -> list[tuple[str, str]]:
        """Each row as (platform, handle), read as the command line reads them: a profile URL, an
        e-mail address or a phone number names its platform (platform "" when nothing does)."""
        out = []
        for row in self.query(".platform-row"):
            platform = row.query_one(".platform-name", Input).value.strip()
            handle = row.query_one(".platform-handle", Input).value.strip()
            if handle:
                out.append(parse_platform_text(handle, platform))
            elif platform:  # all of it in the platform box: "in person", or a pasted URL
                out.append(parse_platform_text(platform))
        return out

    @on(Input.Blurred, ".platform-handle")
    def _name_the_platform(self, event: Input.Blurred) -> None:
        """Leaving a handle whose platform box is empty fills it in, when the handle says which it is."""
        row = event.input.parent
        if not isinstance(row, Widget):
            return
        box = row.query_one(".platform-name", Input)
        if not box.value.strip() and event.value.strip():
            platform, _ = parse_platform_text(event.value)
            if platform:
                box.value = platform

    def state(self) -> tuple[object, ...]:
        """The fields as typed; a platform row left empty is no change."""
        return (self.query_one("#name", Input).value, tuple(self._platform_values()),
                self.query_one("#tags", Input).value, self.query_one("#how_met", Input).value,
                self.query_one("#cadence", Select).value, self.query_one("#cadence-days", Input).value,
                self.query_one("#birthday", Input).value, self.query_one("#notes", TextArea).text)

    def _cadence(self, errors: dict[str, str]) -> int | None:
        choice = self.query_one("#cadence", Select).value
        if choice != CUSTOM:
            return int(choice) if isinstance(choice, str) and choice.isdigit() else None
        raw = self.query_one("#cadence-days", Input).value.strip()
        if not raw.isdigit():
            errors["cadence_days"] = "Enter the number of days between contacts, e.g. 45."
            return None
        return int(raw)

    def _birthday(self, errors: dict[str, str]) -> Birthday | None:
        raw = self.query_one("#birthday", Input).value.strip()
        if not raw:
            return None
        try:
            # Without a year ("12 March") the day of the year is kept, never a guessed year.
            return parse_birthday(raw, self.smn.settings.date_order or None)
        except BirthdayError as exc:
            errors["birthday"] = error_text("birthday", str(exc))
            return None

    def build(self) -> tuple[Contact | None, dict[str, str]]:
        """The contact the form describes, or the problems found, by field (all of them at once)."""
        errors: dict[str, str] = {}
        platforms = self._platform_values()
        if any(not p for p, _ in platforms):
            errors["platforms"] = "Name the platform of each handle (or remove the row)."
            platforms = [(p, h) for p, h in platforms if p]
        values: dict[str, Any] = dict(
            name=self.query_one("#name", Input).value, platforms=platforms,
            tags=self.query_one("#tags", Input).value, how_met=self.query_one("#how_met", Input).value,
            notes=self.query_one("#notes", TextArea).text, cadence_days=self._cadence(errors),
            birthday=self._birthday(errors))
        # Check each field on its own so every problem shows at once.
        for name in ("name", "platforms", "tags", "how_met", "notes", "cadence_days"):
            if name in errors:
                continue
            try:
                Contact(**({"name": "x"} | {name: values[name]}))
            except ValidationError as exc:
                errors.setdefault(exc.field, error_text(exc.field, exc.message))
        if errors:
            return None, errors
        values["cadence_days"] = values["cadence_days"] or None
        c = self.contact
        if c is not None:
            values.update(archived=c.archived, id=c.id, created=c.created)
        try:
            return Contact(**values), {}
        except ValidationError as exc:
            return None, {exc.field: error_text(exc.field, exc.message)}

    def save_record(self, record: Contact) -> Contact | None:
        store = self.smn.store
        write = (lambda: store.update_contact(record)) if self.editing else (lambda: store.add_contact(record))
        return self.smn.save(write, done=f"Saved {record.name}.")
