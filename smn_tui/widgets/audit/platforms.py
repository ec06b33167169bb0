"""A choice for each platform of the week: were you consistent and authentic there?"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Select, Static

from ...domain import audit as A
from .base import AuditState, Evidence, QuestionView


class PerPlatformView(QuestionView):
    """One list of the question's choices per platform the journal shows for the week."""

    kind = "per_platform"

    def compose(self, q: A.Question, state: AuditState) -> ComposeResult:
        if not state.platforms:
            yield Static(Text("No platform in the journal for this week."), classes="q-help")
        for p in state.platforms:
            key = f"{q.id}@{p}"
            current = state.value(key)
            yield Horizontal(
                Label(Text(p), classes="f-label"),
                Select([(c, c) for c in q.choices], prompt="—", compact=True, name=key,
                       id=state.fields.field_id(key), value=current if current in q.choices else Select.NULL),
                classes="row",
            )

    def evidence(self, q: A.Question, state: AuditState, out: Evidence) -> None:
        ev = state.evidence
        out.line("Contacts on 2+ platforms:",
                 f"{ev.multi_platform} of {ev.contacts_total} ({ev.multi_platform_percent}%)")
        for row in ev.by_platform:
            if row.platform:
                n = row.real + row.passive
                out.line(f"{row.platform}:", f"{n} interaction{'s' if n != 1 else ''}, "
                         f"{row.acts} act{'s' if row.acts != 1 else ''}")
