"""Questions answered in words: next week's intention."""

from __future__ import annotations

from textual.app import ComposeResult

from ...domain import audit as A
from .base import AuditState, Evidence, QuestionView, text_row


class TextView(QuestionView):
    """A box for words; for the intention, whether last week's was carried out."""

    kind = "text"

    def compose(self, q: A.Question, state: AuditState) -> ComposeResult:
        yield text_row(state, q.id, "Intention" if q.role == "intention" else "Answer", q.max_length)

    def evidence(self, q: A.Question, state: AuditState, out: Evidence) -> None:
        if q.role != "intention":
            return
        if state.last_intention:
            done = bool(state.answers.get(A.LAST_INTENTION_DONE))
            out.line("Last week's intention:", "done" if done else "open")
        else:
            out.add("Next week's audit shows this intention to check off.", "dim")
