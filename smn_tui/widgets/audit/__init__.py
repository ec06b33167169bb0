"""The weekly audit's question views: one per kind of question, how it is drawn and read back.

:data:`VIEWS` is keyed by the question ``type`` of ``data/audit_questions.json``,
as :data:`smn_tui.domain.audit_kinds.KINDS` is for checking and keeping answers.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from ...domain.audit import Question
from .acts import ACTS_LIST, ActsView
from .base import AuditFields, AuditState, Evidence, QuestionView
from .numbers import IntegerView, NumberView
from .parts import RatingsView, SharesView
from .platforms import PerPlatformView
from .text import TextView

__all__ = ["ACTS_LIST", "VIEWS", "AuditFields", "AuditState", "Evidence", "QuestionView", "evidence_panel",
           "question_block", "view_for"]

#: How each kind of question is drawn and read back, by its type.
VIEWS: dict[str, QuestionView] = {view.kind: view for view in (
    NumberView(), IntegerView(), SharesView(), RatingsView(), ActsView(), PerPlatformView(), TextView())}


def view_for(q: Question) -> QuestionView:
    """The view of ``q``'s kind."""
    return VIEWS[q.type]


def question_block(q: Question, state: AuditState) -> ComposeResult:
    """A question with its answers, and the panel for the journal's evidence beside them (``#ev-<id>``)."""
    with Horizontal(classes="question", id=f"q-{q.id}"):
        with Vertical(classes="answer"):
            yield Static(Text(f"{q.number}. {q.text}", style="bold"), classes="q-text")
            if q.help:
                yield Static(Text(q.help), classes="q-help")
            yield from view_for(q).compose(q, state)
        yield Static(classes="evidence", id=f"ev-{q.id}")


def evidence_panel(q: Question, state: AuditState, flags: list[str]) -> Content:
    """What the evidence panel of ``q`` shows: the journal's side, then any gentle flags."""
    out = Evidence()
    view_for(q).evidence(q, state, out)
    parts: list[Content | str | tuple[str, str]] = [Content.from_rich_text(out.text)]
    for flag in flags:
        parts += ["\n", ("⚑ " + flag, "$warning italic")]
    return Content.assemble(*parts)
