"""What every form shares: labelled fields with room for an error, Save and Cancel, saving through the app.

A form is a :class:`FormDialog` returning the saved record through ``dismiss``
(None when cancelled). Each field is built with :meth:`FormDialog.field`: a row
``#<name>-field`` holding a ``.field-label`` and the controls, with an error line
``#<name>-error`` under them. Problems show on those lines, the label marked,
and nothing the user typed is touched. The styles are in ``styles/dialogs.tcss``.

A form never loses what was typed: Enter moves on to the next field and never
saves (Ctrl+S or the Save button does), and Esc on a form whose fields changed
asks "Discard your changes?", keeping them unless the user says to discard.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from ..journal_app import JournalApp, running_app
from ..widgets.fitting_footer import FittingFooter
from ..widgets.people_picker import PeoplePicker
from .confirm import ConfirmDialog

R = TypeVar("R")

#: Below this many lines the form packs its fields on consecutive lines.
SHORT_HEIGHT = 30


class FormDialog(ModalScreen[R | None], Generic[R]):
    """A modal form that saves one record and returns it (or None when cancelled).

    Subclasses give the fields (:meth:`fields`), where the cursor starts
    (:meth:`first_field`), how the fields become a record or the problems found
    by field name (:meth:`build`), and how the record is written (:meth:`save_record`).
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save and close the form"),
        Binding("escape", "cancel", "Close", tooltip="Close the form (asks first when you changed something)"),
    ]

    AUTO_FOCUS = ""  # none: on_mount puts the cursor in the first field to fill

    TITLE_NEW: ClassVar[str] = ""
    TITLE_EDIT: ClassVar[str] = ""
    HINT: ClassVar[str] = "Enter: next field · Ctrl+S saves"

    def __init__(self, *, editing: bool) -> None:
        super().__init__()
        self.editing = editing
        self._start: tuple[object, ...] = ()

    @property
    def smn(self) -> JournalApp:
        """The app, for its store, clock and save funnel."""
        return running_app(self)

    # ------------------------------------------------------------------ building

    def field(self, label: str, name: str, *controls: Widget) -> ComposeResult:
        """A labelled row with its controls and, under them, room for an error."""
        with Horizontal(classes="field", id=f"{name}-field"):
            yield Label(label, classes="field-label")
            with Vertical(classes="field-control"):
                if len(controls) == 1:
                    yield controls[0]
                else:
                    yield Horizontal(*controls, classes="field-controls")
                yield Static("", classes="field-error", id=f"{name}-error", markup=False)

    def fields(self) -> ComposeResult:  # pragma: no cover - every form has fields
        """The form's fields, each built with :meth:`field`."""
        raise NotImplementedError

    def first_field(self) -> Widget:  # pragma: no cover - every form says where to start
        """Where the cursor starts."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(Text(self.TITLE_EDIT if self.editing else self.TITLE_NEW, style="bold"),
                         id="form-title")
            body = VerticalScroll(id="form-body")
            body.can_focus = False  # keys go to the fields, never to the scroll area
            with body:
                yield from self.fields()
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
                yield Static(Text(self.HINT), id="form-hint")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < SHORT_HEIGHT, "-short")
        if self.app.is_headless:  # no blinking cursor in tests and snapshots
            for box in self.query(Input):
                box.cursor_blink = False
            for area in self.query(TextArea):
                area.cursor_blink = False
        self.first_field().focus()
        self._start = self.state()

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_HEIGHT, "-short")

    # ------------------------------------------------------------------ errors

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field and clear the others; the first field in trouble gets the cursor."""
        first: Widget | None = None
        shown: set[str] = set()
        for line in self.query(".field-error").results(Static):
            name = (line.id or "").removesuffix("-error")
            shown.add(name)
            message = errors.get(name, "")
            line.update(Text(message))
            line.set_class(bool(message), "-shown")
            row = self.query_one(f"#{name}-field")
            row.set_class(bool(message), "-invalid")
            if message and first is None:
                first = row
        leftover = [m for k, m in errors.items() if k not in shown]
        if leftover:
            self.notify(" ".join(leftover), title="Not saved", severity="error")
        if first is not None:
            target = next((w for w in first.query("*") if w.focusable), None)
            if target is not None and not (self.focused is not None and first in self.focused.ancestors):
                target.focus(scroll_visible=False)
            self.query_one("#form-body", VerticalScroll).scroll_to_widget(first, animate=False)

    # ------------------------------------------------------------------ saving

    def build(self) -> tuple[R | None, dict[str, str]]:  # pragma: no cover - every form builds
        """The record the fields describe, or None and the problems found by field name."""
        raise NotImplementedError

    def save_record(self, record: R) -> R | None:  # pragma: no cover - every form saves
        """Write ``record`` through the app's save funnel; the saved record, or None when it failed."""
        raise NotImplementedError

    def action_save(self) -> None:
        """Check the fields; save and close when they hold a valid record."""
        record, errors = self.build()
        self.show_errors(errors)
        if record is None:
            return
        saved = self.save_record(record)
        if saved is not None:
            self.dismiss(saved)

    def state(self) -> tuple[object, ...]:
        """What the fields hold now, compared with what they held at the start to tell a change."""
        values: list[object] = []
        for widget in self.query_one("#form-body").query("*"):
            if isinstance(widget, Input):
                values.append(widget.value)
            elif isinstance(widget, TextArea):
                values.append(widget.text)
            elif isinstance(widget, Select | Checkbox):
                values.append(widget.value)
            elif isinstance(widget, PeoplePicker):
                values.append(tuple(widget.contact_ids))
        return tuple(values)

    @property
    def changed(self) -> bool:
        """True when a field holds something else than when the form opened."""
        return self.state() != self._start

    def action_cancel(self) -> None:
        """Close without saving: at once when nothing changed, else once the user says to discard."""
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Discard your changes?", "What you typed in this form is lost if "
                                           "you discard it.", "Discard", "Keep editing"), answered)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        """Enter moves on to the next field; it never saves, and from the last field it goes nowhere
        (a press too many on the Save button would save what was not finished)."""
        event.stop()
        chain = self.focus_chain
        here = chain.index(event.input) if event.input in chain else -1
        later = [w for w in chain[here + 1:] if not isinstance(w, Button)]
        if here >= 0 and later:
            later[0].focus()
        else:
            self.notify("That was the last field: Ctrl+S saves.", timeout=3)
