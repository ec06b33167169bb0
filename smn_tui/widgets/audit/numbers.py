"""Questions answered with a number: hours (split by platform if asked), and whole numbers (support)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ...domain import audit as A
from .base import AuditState, Evidence, QuestionView, answer_row


class NumberView(QuestionView):
    """A number, and with ``split_by_platform`` one more per platform of the week."""

    kind = "number"

    def compose(self, q: A.Question, state: AuditState) -> ComposeResult:
        yield answer_row(state, q.id, "Total" if q.split_by_platform else "Answer", q.unit)
        if q.split_by_platform:
            for p in state.platforms:
                yield answer_row(state, f"{q.id}@{p}", f"  on {p}", q.unit)
            yield Static(classes="q-error", id=f"e-{q.id}-split")

    def evidence(self, q: A.Question, state: AuditState, out: Evidence) -> None:
        if not q.split_by_platform:
            return
        ev = state.evidence
        out.add("In your journal this week", "underline")
        if not ev.by_platform:
            out.add("\nnothing logged yet")
        for row in ev.by_platform:
            bits = [f"{n} {w}" for n, w in ((row.real, "real"), (row.passive, "passive"), (row.new, "new"),
                                             (row.acts, "act" if row.acts == 1 else "acts")) if n]
            if row.minutes:
                bits.append(f"{row.minutes} min")
            out.add("\n")
            out.add(Text.assemble((f"{row.platform or 'unspecified'}: ", "dim"), ", ".join(bits)))

    def group_line(self, q: A.Question, state: AuditState) -> tuple[str, Text, bool] | None:
        if not q.split_by_platform:
            return None
        problem = state.errors.get(f"{q.id}@", "")
        return f"e-{q.id}-split", Text(problem), bool(problem)


class IntegerView(NumberView):
    """A whole number; beside it, how many people the journal shows you in touch with and helping."""

    kind = "integer"

    def evidence(self, q: A.Question, state: AuditState, out: Evidence) -> None:
        ev = state.evidence
        out.line(f"Real contact, last {A.REAL_CONTACT_DAYS} days:", f"{ev.real_people_90d} people")
        out.line(f"Helped, last {A.HELPED_MONTHS} months:", f"{ev.helped_people_6m} people")
