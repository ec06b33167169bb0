"""The good turn: the week's helpful acts to tick, and words for anything else."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from ...domain import audit as A
from ...domain.models import HelpfulAct
from .base import AuditState, Evidence, QuestionView, plural, text_row

#: The id of the list of the week's acts.
ACTS_LIST = "good-turn-acts"


def act_label(act: HelpfulAct, state: AuditState) -> Text:
    return Text.assemble(act.note, (" — " + state.evidence.who(act.contact_ids), "dim"),
                         (f" · {act.impact}", "italic"))


class ActsView(QuestionView):
    """The week's acts, ticked unless unticked before, and a box for the good turn in words."""

    kind = "acts"

    def compose(self, q: A.Question, state: AuditState) -> ComposeResult:
        acts = state.evidence.acts
        chosen = A.chosen_acts(state.answers, acts, state.questions)
        yield SelectionList[str](*(Selection(act_label(a, state), a.id, a.id in chosen) for a in acts),
                                 id=ACTS_LIST, name=f"{q.id}.acts", compact=True)
        yield text_row(state, f"{q.id}.text", "In words", q.max_length)

    def evidence(self, q: A.Question, state: AuditState, out: Evidence) -> None:
        ev = state.evidence
        if ev.acts:
            out.line("Logged this week:", f"{plural(len(ev.acts), 'act')}, {ev.minutes_given} min")
            out.line("Made better:", ", ".join(f"{n} {impact}" for impact, n in ev.impact_counts.items()))
        else:
            out.add("No helpful act is logged this week.", "dim")
        logged = state.logged_act
        if logged is not None:
            out.add(f"\n✓ What you wrote is logged as an act ({logged.on:%a %d %b}).", "bold")
        else:
            out.add("\nctrl+l logs what you write as an act.", "dim")

    def read(self, widget: Widget) -> Any:
        if isinstance(widget, SelectionList):
            return sorted(str(v) for v in widget.selected)
        return super().read(widget)
