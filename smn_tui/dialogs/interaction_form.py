"""The interaction form: journal a moment of contact with one or more people."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select

from ..domain.models import INTERACTION_KINDS, Interaction, ValidationError
from .entry_form import EntryForm

FIELD_IDS = {"contacts": "who", "date": "date", "note": "note", "kind": "kind", "platform": "platform",
             "real": "real"}


class InteractionForm(EntryForm[Interaction]):
    """Journal an interaction (or edit one). Returns the saved interaction, or None."""

    TITLE_NEW = "Journal an interaction"
    TITLE_EDIT = "Edit interaction"

    def __init__(self, contact_ids: list[str], interaction: Interaction | None = None) -> None:
        super().__init__(interaction.contact_ids if interaction is not None else contact_ids,
                         editing=interaction is not None)
        self.interaction = interaction

    def fields(self) -> ComposeResult:
        it = self.interaction
        yield from self.field("With", "who", self.people_picker())
        yield from self.field("Date", "date", self.date_input(it.on if it else None))
        yield from self.field("Platform", "platform", self.platform_select(it.platform if it else ""))
        yield from self.field("Kind", "kind", Select([(k, k) for k in INTERACTION_KINDS],
                                                     value=it.kind if it else "conversation",
                                                     allow_blank=False, id="kind", compact=True))
        yield from self.field("Real", "real", Checkbox("real contact (unticked: passive, like a liked post)",
                                                        it.real if it else True, id="real", compact=True))
        yield from self.field("Note", "note", Input(it.note if it else "", placeholder="optional", id="note",
                                                    compact=True))

    def build(self) -> tuple[Interaction | None, dict[str, str]]:
        errors: dict[str, str] = {}
        people = self.people(errors)
        day = self.parse_day(errors)
        if errors or day is None:
            return None, errors
        values: dict[str, Any] = dict(contact_ids=people, on=day, kind=self.choice("#kind"),
                                      platform=self.platform_value(), real=self.query_one("#real", Checkbox).value,
                                      note=self.value("#note"))
        try:
            record = replace(self.interaction, **values) if self.interaction else Interaction(**values)
        except ValidationError as exc:
            return None, {FIELD_IDS.get(exc.field, exc.field): f"{exc.message.capitalize()}."}
        return record, {}

    def save_record(self, record: Interaction) -> Interaction | None:
        store = self.smn.store
        if self.interaction is None:
            return self.write(record, lambda: store.add_interaction(record),
                              done=f"Journaled an interaction with {self.people_names()}.")
        return self.write(record.touched(), lambda: store.update_interaction(record), done="Interaction saved.")
