"""Drawing the audit screen from its state: the heading, the evidence beside each question, the problems.

Each line is updated only when its text changes (an update costs a layout pass),
and a line not composed yet is skipped: the screen paints again once it is.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static

from ...domain import audit as A
from ...domain.dates import Week
from ...domain.models import WeeklyAudit
from . import AuditState, evidence_panel, view_for
from .heading import audit_state, audit_status, audit_title


class AuditPainter:
    """Paints one audit screen's lines from an :class:`AuditState`."""

    def __init__(self, screen: Screen[None]) -> None:
        self._screen = screen
        self._painted: dict[int, str] = {}

    def forget(self) -> None:
        """The lines were composed anew: paint every one at the next call."""
        self._painted.clear()

    def _static(self, selector: str) -> Static | None:
        try:
            return self._screen.query_one(selector, Static)
        except NoMatches:  # not composed yet, or a field without a line for problems
            return None

    def show(self, widget: Static, text: Text | Content) -> None:
        """Update ``widget`` when ``text`` differs from what it shows."""
        key = text.markup
        if self._painted.get(id(widget)) != key:
            self._painted[id(widget)] = key
            widget.update(text)

    def heading(self, week: Week, this_week: Week, audit: WeeklyAudit | None, streak: int,
                required: tuple[int, int]) -> None:
        """The week, how far its audit is, the streak and the required questions done."""
        title, badge, status = (self._static(s) for s in ("#audit-title", "#audit-state", "#audit-status"))
        if title is None or badge is None or status is None:
            return
        complete = audit is not None and audit.is_complete
        self.show(title, audit_title(week, this_week))
        self.show(badge, Text(audit_state(audit)))
        badge.set_class(complete, "-complete")
        badge.set_class(audit is not None and not complete, "-draft")
        self.show(status, audit_status(streak, *required))

    def evidence(self, state: AuditState) -> None:
        """The journal's evidence and gentle flags beside each question, and the lines about groups of answers."""
        flags = A.disagreements(state.questions, state.answers, state.evidence)
        for q in state.questions:
            panel = self._static(f"#ev-{q.id}")
            if panel is None:
                continue
            self.show(panel, evidence_panel(q, state, flags.get(q.id, [])))
            line = view_for(q).group_line(q, state)
            if line is not None:
                wid, text, problem = line
                widget = self._static(f"#{wid}")
                if widget is not None:
                    self.show(widget, text)
                    widget.set_class(problem, "-error")

    def problem(self, state: AuditState, key: str, error: str | None) -> None:
        """Show ``error`` (or none) after field ``key``, and mark the field."""
        wid = state.fields.ids.get(key)
        if wid is None:
            return
        message = self._static(f"#e-{wid}")
        if message is not None:
            self.show(message, state.note(key, error))
            message.set_class(not error, "-empty")
        try:
            self._screen.query_one(f"#{wid}").set_class(bool(error), "-invalid-answer")
        except NoMatches:
            pass
