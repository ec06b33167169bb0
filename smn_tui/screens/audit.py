"""The weekly audit screen: the self-audit questions with the journal's evidence beside each answer.

Opening a week puts the cursor in its first field without an answer. Answers are saved as a draft as you
type (debounced, and at once when a field loses focus or the screen is left); Ctrl+S checks everything and
marks the week complete, and editing a completed week keeps it so (the draft: :mod:`.audit_draft`).
Ctrl+L logs the written good turn as a helpful act; the answers keep which act it became, so the same words
are not offered for logging again (:mod:`.audit_good_turn`). How each kind of question is drawn is in
:mod:`smn_tui.widgets.audit`.
"""

from __future__ import annotations

import copy
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.events import DescendantBlur, ScreenSuspend
from textual.widget import Widget
from textual.widgets import Checkbox, Header, Input, Select, SelectionList, Static

from ..domain import audit as A
from ..domain.dates import Week
from ..domain.models import HelpfulAct, WeeklyAudit
from ..widgets.audit import ACTS_LIST, AuditFields, question_block, view_for
from ..widgets.audit.heading import audit_state
from ..widgets.audit.painter import AuditPainter
from ..widgets.fitting_footer import FittingFooter
from .audit_draft import DRAFT_DELAY, AuditDraft
from .audit_good_turn import GoodTurn
from .base import JournalScreen


class AuditScreen(JournalScreen):
    """Step back once a week and hold yourself to a high standard."""

    HELP_TITLE = "Weekly audit"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-wide")]
    AUTO_FOCUS = "#audit-body"
    BINDINGS = [
        # Before the focused box: a number box leaves them to the screen (the cursor starts in one);
        # a box for words takes them as letters (see NumberBox).
        Binding("left_square_bracket", "previous_week", "Prev week", key_display="[", priority=True),
        Binding("right_square_bracket", "next_week", "Next week", key_display="]", priority=True),
        Binding("t", "this_week", "This week", priority=True),
        Binding("ctrl+s", "complete", "Complete", tooltip="Check every answer and mark the week complete"),
        Binding("ctrl+l", "log_act", "Log as act", tooltip="Log the written good turn as a helpful act"),
        Binding("escape", "leave_field", "Leave field", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.questions = A.load_questions()
        self.draft = AuditDraft(self.smn)
        self.good_turn = GoodTurn(self.smn, self.questions, self.notify)
        self._painter = AuditPainter(self)
        self._streak = (-1, 0)  # (store version, streak)
        self.week = self.smn.this_week()
        self.state = self.draft.open(self.week, self.questions, AuditFields())

    @property
    def _ids(self) -> dict[str, str]:  # field key -> widget id
        return self.state.fields.ids

    # ------------------------------------------------------------------ state

    def _refresh_evidence(self) -> None:
        self.state.evidence = A.build_evidence(self.store, self.week, self.smn.today())
        self.state.find_platforms()

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        state = self.state
        self.sub_title = f"Audit {self.week.key}"
        yield Header()
        with Horizontal(id="audit-head"):
            yield Static(id="audit-title")
            yield Static(id="audit-state")
        yield Static(id="audit-status")
        with VerticalScroll(id="audit-body"):
            if state.last_intention:
                with Horizontal(id="carry"):
                    yield Static(Text.assemble(("Last week you meant to: ", "bold"), state.last_intention),
                                 id="carry-text")
                    yield Checkbox("done", bool(state.answers.get(A.LAST_INTENTION_DONE)), id="f-last-done",
                                   compact=True)
            for q in self.questions:
                yield from question_block(q, state)
        yield FittingFooter()

    def on_mount(self) -> None:
        self._paint()
        self.focus_first_open()

    def focus_first_open(self) -> None:
        """Put the cursor in the first field without an answer (in the first field when all have one)."""
        keys = [k for k in A.field_keys(self.questions, self.state.platforms) if k in self._ids]
        first = next((k for k in keys if not A.display(self.state.value(k)).strip()), keys[0] if keys else None)
        if first is not None:
            self.query_one(f"#{self._ids[first]}").focus()

    # ------------------------------------------------------------------ painting

    def _paint(self) -> None:
        """Redraw the heading, the evidence and the lines about groups of answers."""
        self._paint_title()
        self.state.logged_act = self.good_turn.logged_act(self.state.answers)
        self._painter.evidence(self.state)

    def _paint_title(self) -> None:
        this_week = self.smn.this_week()
        audit = self.draft.audit
        complete = audit is not None and audit.is_complete
        self.sub_title = f"Audit {self.week.key} · {'complete' if complete else audit_state(audit)}"
        if self._streak[0] != self.store.version:  # only a write can change it; typing should not rescan
            self._streak = (self.store.version, A.streak(A.completed_weeks(self.store), this_week))
        self._painter.heading(self.week, this_week, audit, self._streak[1],
                              A.summary(self.questions, self.state.answers))

    # ------------------------------------------------------------------ reloading

    def reload(self) -> None:
        """The journal changed: redraw the evidence; keep everything typed."""
        self._flush()
        state = self.state
        before = (state.platforms, [a.id for a in state.evidence.acts], state.last_intention)
        self._refresh_evidence()
        state.last_intention = A.last_intention(self.store, self.week)
        stored = self.draft.newer(self.week)  # written elsewhere: shown unless something typed is pending
        if stored is not None and not self.draft.dirty:
            state.answers = copy.deepcopy(stored.answers)
            state.intention = stored.intention
            self.call_later(self._recompose_keep_focus)
            return
        after = (state.platforms, [a.id for a in state.evidence.acts], state.last_intention)
        if before != after:
            self.call_later(self._recompose_keep_focus)
        else:
            self._paint()

    async def _recompose_keep_focus(self) -> None:
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        if not focused:
            self.focus_first_open()
            return
        try:
            self.query_one(f"#{focused}").focus()
        except NoMatches:  # the field went with the platform it was for
            self.focus_first_open()

    async def _recompose_and_focus(self) -> None:
        await self.recompose()
        self.focus_first_open()

    async def recompose(self) -> None:
        self._painter.forget()
        await super().recompose()
        self._paint()

    def show_week(self, week: Week) -> None:
        """Open the audit of ``week`` (saving whatever is pending on the current one)."""
        self._flush()
        self.state.fields.ids.clear()
        self.state.fields.inputs.clear()
        self.week = week
        self.state = self.draft.open(week, self.questions, self.state.fields)
        self._seen_version = self.store.version
        self.call_later(self._recompose_and_focus)

    # ------------------------------------------------------------------ editing

    def _set_error(self, key: str, error: str | None) -> None:
        if error:
            self.state.errors[key] = error
        else:
            self.state.errors.pop(key, None)
        self._painter.problem(self.state, key, error)

    def _changed(self, key: str, raw: Any) -> None:
        """One field changed on screen: check it, keep it, and schedule a draft save."""
        error, changed = self.state.change(key, raw)
        self._set_error(key, error)
        if changed:
            self._touch()
        self._paint()

    def _touch(self) -> None:
        self.draft.touch(self.set_timer(DRAFT_DELAY, self._flush))

    def _read_back(self, widget: Widget) -> None:
        key = widget.name
        found = self.questions.for_key(key) if key else None
        if key and found is not None:
            self._changed(key, view_for(found[0]).read(widget))

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        self._read_back(event.input)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        self._read_back(event.select)

    @on(SelectionList.SelectedChanged, f"#{ACTS_LIST}")
    def _acts_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        widget = event.selection_list
        found = self.questions.for_key(widget.name or "")
        state = self.state
        if found is not None and A.choose_acts(self.questions, state.answers, view_for(found[0]).read(widget),
                                               state.evidence.acts):
            self._touch()

    @on(Checkbox.Changed, "#f-last-done")
    def _carry_changed(self, event: Checkbox.Changed) -> None:
        answers = self.state.answers
        if bool(answers.get(A.LAST_INTENTION_DONE)) == event.value:
            return
        if event.value:
            answers[A.LAST_INTENTION_DONE] = True
        else:
            answers.pop(A.LAST_INTENTION_DONE, None)
        self._touch()
        self._paint()

    @on(DescendantBlur)
    def _field_left(self) -> None:
        self._flush()

    @on(ScreenSuspend)
    def _suspended(self) -> None:
        self._flush()

    def on_unmount(self) -> None:
        # The app is closing: take what the boxes hold even if their change messages never arrived.
        if self.state.take_typed():
            self.draft.dirty = True
        self._flush(notify=False)

    # ------------------------------------------------------------------ saving

    def _flush(self, *, notify: bool = True) -> None:
        """Write the pending draft now (kept complete if the week already was)."""
        if self._kept(self.draft.write(self.week, self.state, notify=notify)) and notify:
            self._paint_title()

    def _kept(self, saved: WeeklyAudit | None) -> bool:
        """Note the write as seen (False: nothing was written, and the draft is still pending)."""
        if saved is None:
            return False
        self._seen_version = self.store.version
        return True

    # ------------------------------------------------------------------ actions

    def action_previous_week(self) -> None:
        self.show_week(self.week.previous())

    def action_next_week(self) -> None:
        if self.week >= self.smn.this_week():
            self.notify("This is the current week; the next one has not started.", severity="information")
            return
        self.show_week(self.week.next())

    def action_this_week(self) -> None:
        self.show_week(self.smn.this_week())

    def action_leave_field(self) -> None:
        self.query_one("#audit-body").focus()

    def action_complete(self) -> None:
        """Check every answer; mark the week complete when all pass."""
        state = self.state
        errors = A.validate(self.questions, state.answers, state.intention, platforms=state.platforms)
        for key in [k for k in state.errors if k not in errors]:
            self._set_error(key, None)
        for key, message in errors.items():
            self._set_error(key, message)
        state.errors = dict(errors)
        self._paint()
        if errors:
            self._flush()
            first = A.first_problem(self.questions, self.state.platforms, errors)
            if first and first in self._ids:
                self.query_one(f"#{self._ids[first]}").focus()
            n = len(errors)
            self.notify(f"{n} answer{'s' if n != 1 else ''} need{'s' if n == 1 else ''} attention; "
                        "the draft is saved.", title="Not complete yet", severity="error")
            return
        if self._kept(self.draft.complete(self.week, state)):
            self._paint()

    def action_log_act(self) -> None:
        """Turn the written good turn into a logged helpful act (opens the act form), once."""
        text = self.good_turn.text_to_log(self.state.answers)
        if text:
            self._flush()
            self.smn.open_act_form([], note=text, callback=self._act_logged)

    def _act_logged(self, act: HelpfulAct | None) -> None:
        """Keep which act the good turn became (so it is not offered again); its evidence shows now."""
        if act is None:
            return
        if A.mark_good_turn_logged(self.questions, self.state.answers, act.id):
            self._touch()
            self._flush()
        self.reload()

    def focus_field(self, key: str) -> Widget:
        """Focus the widget for a field key (used by tests and by error jumps)."""
        widget = self.query_one(f"#{self._ids[key]}")
        widget.focus()
        return widget
