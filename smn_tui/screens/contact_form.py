"""Add or edit a contact: a modal that returns the saved contact (or None)."""

from __future__ import annotations

import re
from itertools import count

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList, Suggester
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ..domain.dates import DateInputError, parse_date
from ..domain.models import PLATFORMS, Contact, ValidationError

#: Cadence choices: (label, days); -1 asks for a number of days.
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

#: Form fields in screen order: (ValidationError.field, label, widget id to focus).
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Name", "#name"),
    ("platforms", "Platforms", "#platform-rows"),
    ("tags", "Tags", "#tags"),
    ("how_met", "How you met", "#how_met"),
    ("cadence_days", "Keep in touch", "#cadence"),
    ("birthday", "Birthday", "#birthday"),
    ("notes", "Notes", "#notes"),
)
_LABELS = {f: label for f, label, _ in FIELDS}


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


class ContactForm(ModalScreen[Contact | None]):
    """Name, platforms with handles, tags, how you met, cadence, birthday, notes.

    Problems show under the field they concern; what the user typed stays.
    Saves through ``app.save`` and dismisses with the saved contact.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+n", "add_platform", "Add platform"),
    ]

    def __init__(self, contact: Contact | None = None) -> None:
        super().__init__()
        self.contact = contact
        self._row_ids = count(1)

    # ------------------------------------------------------------------ layout

    def _field(self, field: str, *widgets: Widget) -> ComposeResult:
        with Vertical(classes="form-field"):
            with Horizontal(classes="form-row", id=f"row-{field}"):
                yield Label(_LABELS[field], classes="form-label")
                yield from widgets
            yield Static("", classes="form-error", id=f"{field}-error")

    def compose(self) -> ComposeResult:
        c = self.contact
        with Vertical(classes="form-box", id="contact-form"):
            yield Static(Text("Edit contact" if c else "New contact"), classes="form-title")
            with VerticalScroll(classes="form-fields"):
                yield from self._field("name", Input(c.name if c else "", id="name", compact=True,
                                                     placeholder="Full name"))
                with Vertical(classes="form-field"):
                    with Horizontal(classes="form-row", id="row-platforms"):
                        yield Label("Platforms", classes="form-label")
                        with Vertical(id="platform-rows"):
                            for p in (c.platforms if c else []):
                                yield self._platform_row(p.platform, p.handle)
                            if not c or not c.platforms:
                                yield self._platform_row("", "")
                            yield Button("+ Add platform", id="add-platform", compact=True)
                    yield Static("", classes="form-error", id="platforms-error")
                yield from self._field("tags", Input(", ".join(c.tags) if c else "", id="tags", compact=True,
                                                     placeholder="friend, mentor (comma separated)",
                                                     suggester=TagSuggester(list(self.app.store.tags()))))
                yield from self._field("how_met", Input(c.how_met if c else "", id="how_met", compact=True,
                                                        placeholder="Where or how you met"))
                cadence = (c.cadence_days if c else None) or 0
                preset = str(cadence or "none")
                if preset not in {value for _, value in CADENCES}:
                    preset = CUSTOM
                yield from self._field(
                    "cadence_days",
                    Select([(label, days) for label, days in CADENCES], value=preset, allow_blank=False,
                           id="cadence", compact=True),
                    Input(str(cadence) if preset == CUSTOM else "", id="cadence-days", compact=True,
                          placeholder="days", classes="" if preset == CUSTOM else "-hidden"),
                )
                yield from self._field("birthday", Input(c.birthday.isoformat() if c and c.birthday else "",
                                                         id="birthday", compact=True,
                                                         placeholder="e.g. 1990-03-12 or 12 March 1990"))
                yield from self._field("notes", TextArea(c.notes if c else "", id="notes", compact=True,
                                                         soft_wrap=True, show_line_numbers=False))
            with Horizontal(classes="form-buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
            yield Static(Text("Ctrl+S save · Esc cancel · Ctrl+N add a platform"),
                         classes="form-hint")

    def _platform_row(self, platform: str, handle: str) -> Horizontal:
        n = next(self._row_ids)
        name = Input(platform, placeholder="platform", compact=True, classes="platform-name",
                     suggester=SuggestFromList(PLATFORMS, case_sensitive=False))
        handle_input = Input(handle, placeholder="handle, URL or number", compact=True, classes="platform-handle")
        remove = Button("✕ remove", compact=True, classes="platform-remove", tooltip="Remove this platform")
        return Horizontal(name, handle_input, remove, classes="platform-row", id=f"platform-row-{n}")

    def on_mount(self) -> None:
        if self.app.is_headless:
            for widget in self.query(Input):
                widget.cursor_blink = False
            self.query_one(TextArea).cursor_blink = False
        self.query_one("#name", Input).focus()

    # ------------------------------------------------------------------ platforms

    @on(Button.Pressed, "#add-platform")
    async def action_add_platform(self) -> None:
        row = self._platform_row("", "")
        await self.query_one("#platform-rows", Vertical).mount(row, before=self.query_one("#add-platform"))
        row.query_one(".platform-name", Input).focus()

    @on(Button.Pressed, ".platform-remove")
    async def _remove_platform(self, event: Button.Pressed) -> None:
        row = event.button.parent
        if row is not None:
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

    # ------------------------------------------------------------------ saving

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _platform_values(self) -> list[tuple[str, str]]:
        out = []
        for row in self.query(".platform-row"):
            platform = row.query_one(".platform-name", Input).value.strip()
            handle = row.query_one(".platform-handle", Input).value
            if platform or handle.strip():
                out.append((platform, handle))
        return out

    def collect(self) -> tuple[Contact | None, dict[str, str]]:
        """The contact the form describes, or the problems found, by field."""
        errors: dict[str, str] = {}
        today = self.app.today()  # type: ignore[attr-defined]
        name = self.query_one("#name", Input).value
        platforms = self._platform_values()
        tags = self.query_one("#tags", Input).value
        how_met = self.query_one("#how_met", Input).value
        notes = self.query_one("#notes", TextArea).text

        choice = self.query_one("#cadence", Select).value
        cadence: int | None = int(choice) if isinstance(choice, str) and choice.isdigit() else None
        if choice == CUSTOM:
            raw = self.query_one("#cadence-days", Input).value.strip()
            if not raw.isdigit():
                errors["cadence_days"] = "Enter the number of days between contacts, e.g. 45."
                cadence = None
            else:
                cadence = int(raw)
        birthday = None
        raw_birthday = self.query_one("#birthday", Input).value.strip()
        if raw_birthday:
            try:
                # A birthday is a date in any year; "12 March" means this year's.
                birthday = parse_date(raw_birthday, today, allow_future=True)
            except DateInputError:
                errors["birthday"] = f"'{raw_birthday}' is not a date; write it like 1990-03-12 or 12 March 1990."
        if any(not p for p, _ in platforms):
            errors["platforms"] = "Name the platform of each handle (or remove the row)."
            platforms = [(p, h) for p, h in platforms if p]

        # Check each field on its own so every problem shows at once.
        checks = {"name": {"name": name}, "platforms": {"platforms": platforms}, "tags": {"tags": tags},
                  "how_met": {"how_met": how_met}, "notes": {"notes": notes},
                  "cadence_days": {"cadence_days": cadence}}
        for field, kwargs in checks.items():
            if field in errors:
                continue
            try:
                Contact(**({"name": "x"} | kwargs))
            except ValidationError as exc:
                errors.setdefault(exc.field, error_text(exc.field, exc.message))
        if errors:
            return None, errors
        kwargs = dict(name=name, platforms=platforms, tags=tags, how_met=how_met, notes=notes,
                      cadence_days=cadence or None, birthday=birthday)
        c = self.contact
        if c is not None:
            kwargs.update(archived=c.archived, id=c.id, created=c.created)
        try:
            return Contact(**kwargs), {}
        except ValidationError as exc:
            return None, {exc.field: error_text(exc.field, exc.message)}

    def show_errors(self, errors: dict[str, str]) -> None:
        for field, _, _ in FIELDS:
            line = self.query_one(f"#{field}-error", Static)
            message = errors.get(field, "")
            line.update(Text(message))
            line.set_class(bool(message), "-shown")
            self.query_one(f"#row-{field}").set_class(bool(message), "-invalid")
        unknown = [m for f, m in errors.items() if f not in _LABELS]
        if unknown:
            self.notify(" ".join(unknown), title="Not saved", severity="error", markup=False)

    def action_save(self) -> None:
        contact, errors = self.collect()
        self.show_errors(errors)
        if contact is None:
            for field, _, selector in FIELDS:
                if field in errors:
                    target = self.query_one(selector)
                    if field == "platforms":
                        target = target.query(Input).first() if target.query(Input) else target
                    target.focus()
                    self.query_one(f"#{field}-error").scroll_visible(animate=False)
                    break
            return
        store = self.app.store  # type: ignore[attr-defined]
        editing = self.contact is not None
        write = (lambda: store.update_contact(contact)) if editing else (lambda: store.add_contact(contact))
        saved = self.app.save(write, done=f"Saved {contact.name}.")  # type: ignore[attr-defined]
        if saved is not None:
            self.dismiss(saved)
