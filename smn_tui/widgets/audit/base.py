"""What every question's view shares: the audit's state it draws from, its field widgets, the evidence text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from ...domain import audit as A
from ...domain.models import HelpfulAct


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-") or "x"


@dataclass
class AuditFields:
    """The audit's answer widgets: a widget id per field key, each box's unit, the boxes themselves."""

    ids: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    inputs: dict[str, Input] = field(default_factory=dict)  # to catch text typed just before quitting

    def field_id(self, key: str) -> str:
        """The widget id of field ``key`` (made once, unique)."""
        if key not in self.ids:
            base = "f-" + _slug(key.replace("@", "-").replace(".", "-"))
            used = set(self.ids.values())
            wid, n = base, 2
            while wid in used:
                wid, n = f"{base}-{n}", n + 1
            self.ids[key] = wid
        return self.ids[key]

    def clear(self) -> None:
        self.ids.clear()
        self.units.clear()
        self.inputs.clear()


@dataclass
class AuditState:
    """What the question views draw: the week's answers, their problems, and the journal's evidence."""

    questions: A.QuestionSet
    evidence: A.WeekEvidence
    answers: dict[str, Any] = field(default_factory=dict)
    intention: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    platforms: list[str] = field(default_factory=list)
    last_intention: str = ""
    fields: AuditFields = field(default_factory=AuditFields)
    logged_act: HelpfulAct | None = None  # the act the written good turn was logged as, while it still is

    def value(self, key: str) -> Any:
        return A.field_value(self.answers, key, self.intention, self.questions)

    def find_platforms(self) -> None:
        """The week's platforms: the journal's, then those only the answers name (a draft keeps its split)."""
        self.platforms = list(dict.fromkeys([*self.evidence.platforms,
                                             *A.answered_platforms(self.answers, self.questions)]))

    def change(self, key: str, raw: Any) -> tuple[str | None, bool]:
        """Take what field ``key`` now holds: (its problem or None, whether the answer changed).

        A problem keeps the text as typed; a change settles the problem of its group.
        """
        value, error = A.check_field(self.questions, key, raw)
        if error:
            self.errors[key] = error
        else:
            self.errors.pop(key, None)
        old = self.value(key)
        if self.questions.is_intention(key):
            self.intention = (value or "") if not error else str(raw)
        else:
            A.set_field(self.answers, key, value, self.questions)
        self.errors.pop(A.group_of(self.questions, key), None)
        return error, (old or None) != (self.value(key) or None)

    def take_typed(self) -> bool:
        """Take what every box holds now (its change may not have arrived); True if anything differed."""
        changed = False
        for key, box in self.fields.inputs.items():
            if box.value.strip() != A.display(self.value(key)).strip():
                value, _ = A.check_field(self.questions, key, box.value)
                if self.questions.is_intention(key):
                    self.intention = box.value.strip()
                else:
                    A.set_field(self.answers, key, value, self.questions)
                changed = True
        return changed

    def note(self, key: str, error: str | None) -> Content:
        """What follows an input box: its unit, then any error (user text inside stays plain)."""
        unit = self.fields.units.get(key, "")
        parts: list[str | tuple[str, str]] = [unit.ljust(6)] if unit else []
        if error:
            parts.append((error, "$error"))
        return Content.assemble(*parts)


class Evidence:
    """The lines of an evidence panel: ``label value`` pairs and plain lines."""

    def __init__(self) -> None:
        self.text = Text()

    def line(self, label: str, value: str) -> None:
        if self.text:
            self.text.append("\n")
        self.text.append(f"{label} ", style="dim")
        self.text.append(value, style="bold")

    def add(self, text: str | Text, style: str = "") -> None:
        """Text as it comes (start it with a newline to put it on a line of its own)."""
        if isinstance(text, Text):
            self.text.append_text(text)
        else:
            self.text.append(text, style=style)


class QuestionView:
    """How questions of one kind are drawn and read back. The base: nothing to answer, no evidence."""

    kind: ClassVar[str] = ""

    def compose(self, q: A.Question, state: AuditState) -> ComposeResult:
        """The answer widgets (each named by its field key)."""
        yield from ()

    def evidence(self, q: A.Question, state: AuditState, out: Evidence) -> None:
        """What the journal shows beside the question."""

    def group_line(self, q: A.Question, state: AuditState) -> tuple[str, Text, bool] | None:
        """(widget id, text, is a problem) of the line about the answers as a whole, if the kind has one."""
        return None

    def read(self, widget: Widget) -> Any:
        """The raw answer a changed widget holds."""
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        return None


#: What a number box leaves to its screen, to change the week: no answer is written with them.
WEEK_KEYS = frozenset("[]t")


class NumberBox(Input):
    """A box for a number. The week keys are not letters here but the screen's, so they work with the
    cursor in the box (a box for words types them)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character not in WEEK_KEYS and super().check_consume_key(key, character)


def answer_row(state: AuditState, key: str, label: str, unit: str) -> Horizontal:
    """A labelled box for one number, its unit and any problem after it."""
    fields = state.fields
    fields.units[key] = unit
    box = NumberBox(A.display(state.value(key)), name=key, id=fields.field_id(key), classes="f-input",
                    compact=True, select_on_focus=False)
    fields.inputs[key] = box
    return Horizontal(
        Label(Text(label), classes="f-label"),
        box,
        Static(state.note(key, state.errors.get(key)), classes="f-error", id=f"e-{fields.field_id(key)}"),
        classes="row",
    )


def text_row(state: AuditState, key: str, label: str, limit: int) -> Vertical:
    """A labelled box for words, with its problem under it."""
    fields = state.fields
    box = Input(A.display(state.value(key)), name=key, id=fields.field_id(key), classes="f-text", compact=True,
                max_length=limit, select_on_focus=False)
    fields.inputs[key] = box
    return Vertical(
        Horizontal(Label(Text(label), classes="f-label"), box, classes="row"),
        Static(state.note(key, state.errors.get(key)), classes="f-error",
               id=f"e-{fields.field_id(key)}").set_class(key not in state.errors, "-empty"),
        classes="text-row",
    )


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def lines(rows: Iterable[tuple[str, str]], out: Evidence) -> None:
    for label, value in rows:
        out.line(label, value)
