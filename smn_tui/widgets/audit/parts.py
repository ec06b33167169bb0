"""Questions answered in labelled parts: shares of the week's time, and ratings (with a note)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ...domain import audit as A
from .base import AuditState, Evidence, QuestionView, answer_row, text_row


class SharesView(QuestionView):
    """One box per share, and their total under them."""

    kind = "shares"

    def compose(self, q: A.Question, state: AuditState) -> ComposeResult:
        for part in q.parts:
            yield answer_row(state, f"{q.id}.{part.id}", part.label, "%")
        yield Static(classes="q-total", id=f"e-{q.id}")

    def evidence(self, q: A.Question, state: AuditState, out: Evidence) -> None:
        ev = state.evidence
        out.line("New connections logged:", str(ev.new_connections))
        out.line("Interactions:", f"{ev.real} real, {ev.passive} passive")
        out.line("Helpful acts:", f"{len(ev.acts)} for {ev.people_helped} "
                 f"{'person' if ev.people_helped == 1 else 'people'}")
        out.line("Minutes given:", str(ev.minutes_given))

    def group_line(self, q: A.Question, state: AuditState) -> tuple[str, Text, bool] | None:
        total, filled = A.shares_total(q, state.answers)
        complete = filled == len(q.parts)
        problem = state.errors.get(q.id) or (A.shares_message(q, state.answers) if filled else None)
        text = Text(problem) if problem and complete else Text(f"Total {total:g}% of {q.total or 100:g}%")
        return f"e-{q.id}", text, bool(problem) and (complete or q.id in state.errors)


class RatingsView(QuestionView):
    """One box per rating, then the note."""

    kind = "ratings"

    def compose(self, q: A.Question, state: AuditState) -> ComposeResult:
        unit = f"{q.min:g}–{q.max:g}"
        for part in q.parts:
            yield answer_row(state, f"{q.id}.{part.id}", part.label, unit)
        if q.note:
            yield text_row(state, q.note_key, q.note, q.max_length)

    def evidence(self, q: A.Question, state: AuditState, out: Evidence) -> None:
        out.line("Helpful acts this week:", str(len(state.evidence.acts)))
        out.line("Real interactions:", str(state.evidence.real))
