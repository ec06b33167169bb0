"""The helpful act form: who, what you did, how much it mattered."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select

from ..domain.models import ACT_KINDS, IMPACTS, HelpfulAct, ValidationError, act_kind_label
from .entry_form import EntryForm

IMPACT_LABELS = {"day": "made their day", "week": "made their week", "month": "made their month",
                 "year": "made their year"}

#: Model field -> form field id, for errors the model raises.
FIELD_IDS = {"contacts": "who", "date": "date", "note": "note", "kind": "kind", "impact": "impact",
             "minutes": "minutes", "platform": "platform", "outcome": "outcome", "asked": "asked"}


def parse_minutes(text: str, errors: dict[str, str]) -> int | None:
    """Minutes as typed (empty: not given); a problem under ``minutes`` when they are not a count."""
    text = text.strip()
    if not text:
        return None
    try:
        minutes = int(text)
    except ValueError:
        errors["minutes"] = "Minutes must be a whole number, like 30."
        return None
    if minutes < 0:
        errors["minutes"] = "Minutes cannot be negative."
        return None
    return minutes


class ActForm(EntryForm[HelpfulAct]):
    """Log a helpful act (or edit one). Returns the saved act, or None."""

    TITLE_NEW = "Log a helpful act"
    TITLE_EDIT = "Edit helpful act"

    def __init__(self, contact_ids: list[str], act: HelpfulAct | None = None, note: str = "") -> None:
        super().__init__(act.contact_ids if act is not None else contact_ids, editing=act is not None)
        self.act = act
        self._note = act.note if act is not None else note

    def fields(self) -> ComposeResult:
        act = self.act
        yield from self.field("Who", "who", self.people_picker())
        yield from self.field("What you did", "note", Input(self._note, placeholder="Required", id="note",
                                                            compact=True))
        yield from self.field("Kind", "kind", Select([(act_kind_label(k), k) for k in ACT_KINDS],
                                                     value=act.kind if act else "other", allow_blank=False,
                                                     id="kind", compact=True))
        yield from self.field("Impact", "impact", Select([(IMPACT_LABELS[i], i) for i in IMPACTS],
                                                         value=act.impact if act else "day", allow_blank=False,
                                                         id="impact", compact=True))
        yield from self.field("Asked for", "asked", Checkbox("they asked (unticked: unprompted)",
                                                             act.asked if act else False, id="asked",
                                                             compact=True))
        minutes = "" if act is None or act.minutes is None else str(act.minutes)
        yield from self.field("Minutes", "minutes", Input(minutes, placeholder="optional", id="minutes",
                                                          compact=True))
        yield from self.field("Platform", "platform", self.platform_select(act.platform if act else ""))
        yield from self.field("Date", "date", self.date_input(act.on if act else None))
        yield from self.field("Outcome", "outcome", Input(act.outcome if act else "", placeholder="optional",
                                                          id="outcome", compact=True))

    def build(self) -> tuple[HelpfulAct | None, dict[str, str]]:
        errors: dict[str, str] = {}
        people = self.people(errors)
        note = self.value("#note").strip()
        if not note:
            errors["note"] = "Say what you did."
        minutes = parse_minutes(self.value("#minutes"), errors)
        day = self.parse_day(errors)
        if errors or day is None:
            return None, errors
        values: dict[str, Any] = dict(
            contact_ids=people, on=day, note=note, kind=self.choice("#kind"), impact=self.choice("#impact"),
            asked=self.query_one("#asked", Checkbox).value, minutes=minutes, platform=self.platform_value(),
            outcome=self.value("#outcome"))
        try:
            act = replace(self.act, **values) if self.act is not None else HelpfulAct(**values)
        except ValidationError as exc:
            return None, {FIELD_IDS.get(exc.field, exc.field): f"{exc.message.capitalize()}."}
        return act, {}

    def save_record(self, record: HelpfulAct) -> HelpfulAct | None:
        store = self.smn.store
        if self.act is None:
            return self.write(record, lambda: store.add_act(record),
                              done=f"Logged a helpful act for {self.people_names()}.")
        return self.write(record.touched(), lambda: store.update_act(record), done="Helpful act saved.")
