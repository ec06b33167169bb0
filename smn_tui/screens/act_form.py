"""The helpful act form: who, what you did, how much it mattered."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.markup import escape
from textual.widgets import Checkbox, Input, Select

from ..domain.models import ACT_KINDS, IMPACTS, HelpfulAct, ValidationError, act_kind_label
from .entry_form import EntryForm, platform_options

IMPACT_LABELS = {"day": "made their day", "week": "made their week", "month": "made their month",
                 "year": "made their year"}

#: Model field -> form field id, for errors the model raises.
FIELD_IDS = {"contacts": "who", "date": "date", "note": "note", "kind": "kind", "impact": "impact",
             "minutes": "minutes", "platform": "platform", "outcome": "outcome", "asked": "asked"}


class ActForm(EntryForm[HelpfulAct]):
    """Log a helpful act (or edit one). Returns the saved act, or None."""

    TITLE_NEW = "Log a helpful act"
    TITLE_EDIT = "Edit helpful act"
    LAST_FIELD = "outcome"

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
        platform = act.platform if act else ""
        yield from self.field("Platform", "platform", Select(platform_options(platform),
                                                             value=platform or "none", allow_blank=False,
                                                             id="platform", compact=True))
        yield from self.field("Date", "date", Input(act.on.isoformat() if act else "today",
                                                    placeholder="today, yesterday, last friday, 2026-11-20",
                                                    id="date", compact=True))
        yield from self.field("Outcome", "outcome", Input(act.outcome if act else "", placeholder="optional",
                                                          id="outcome", compact=True))

    def first_field(self) -> Input:
        return self.query_one("#note", Input)

    def build(self) -> tuple[HelpfulAct | None, dict[str, str]]:
        errors: dict[str, str] = {}
        people = self.query_one("#who").contact_ids  # type: ignore[attr-defined]
        if not people:
            errors["who"] = "Choose at least one person: type a name and press Enter."
        note = self.value("#note").strip()
        if not note:
            errors["note"] = "Say what you did."
        minutes_text = self.value("#minutes").strip()
        minutes: int | None = None
        if minutes_text:
            try:
                minutes = int(minutes_text)
            except ValueError:
                errors["minutes"] = "Minutes must be a whole number, like 30."
            else:
                if minutes < 0:
                    errors["minutes"] = "Minutes cannot be negative."
        day = self.parse_day(errors)
        if errors or day is None:
            return None, errors
        values = dict(contact_ids=people, on=day, note=note, kind=self.choice("#kind"),
                      impact=self.choice("#impact"), asked=self.query_one("#asked", Checkbox).value,
                      minutes=minutes, platform=self.platform_value(), outcome=self.value("#outcome"))
        try:
            act = replace(self.act, **values) if self.act is not None else HelpfulAct(**values)
        except ValidationError as exc:
            return None, {FIELD_IDS.get(exc.field, exc.field): f"{exc.message.capitalize()}."}
        return act, {}

    def save_record(self, record: HelpfulAct) -> HelpfulAct | None:
        store = self.smn.store
        # Names go into a notification, which reads markup: escape them.
        names = escape(", ".join(p.name for p in self.query_one("#who").chosen))  # type: ignore[attr-defined]
        if self.act is None:
            return self.write(record, lambda: store.add_act(record), done=f"Logged a helpful act for {names}.")
        return self.write(record.touched(), lambda: store.update_act(record), done="Helpful act saved.")
