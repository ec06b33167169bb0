"""The weekly audit screen: the self-audit questions with the journal's evidence beside each answer.

Answers are saved as a draft as you type (debounced, and at once when a field
loses focus or the screen is left); Ctrl+S checks everything and marks the
week complete. Editing a completed week keeps it complete.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import DescendantBlur, ScreenSuspend
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Header, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from ..domain import audit as A
from ..domain.dates import Week
from ..domain.models import HelpfulAct, ValidationError, WeeklyAudit, now_utc
from ..storage.journal_file import StorageError
from .base import JournalScreen

#: Seconds of quiet typing before a draft is written.
DRAFT_DELAY = 0.6

_IMPACT_WORDS = {"day": "their day", "week": "their week", "month": "their month", "year": "their year"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-") or "x"


class AuditScreen(JournalScreen):
    """Step back once a week and hold yourself to a high standard."""

    HELP_TITLE = "Weekly audit"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-wide")]
    AUTO_FOCUS = "#audit-body"
    BINDINGS = [
        Binding("left_square_bracket", "previous_week", "Prev week", key_display="["),
        Binding("right_square_bracket", "next_week", "Next week", key_display="]"),
        Binding("t", "this_week", "This week"),
        Binding("ctrl+s", "complete", "Complete", tooltip="Check every answer and mark the week complete"),
        Binding("ctrl+l", "log_act", "Log as act", tooltip="Log the written good turn as a helpful act"),
        Binding("escape", "leave_field", "Leave field", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.questions = A.load_questions()
        self.week: Week | None = None
        self._audit: WeeklyAudit | None = None
        self._answers: dict[str, Any] = {}
        self._intention = ""
        self._evidence: A.WeekEvidence | None = None
        self._platforms: list[str] = []
        self._last_intention = ""
        self._errors: dict[str, str] = {}
        self._dirty = False
        self._timer: Timer | None = None
        self._ids: dict[str, str] = {}  # field key -> widget id
        self._painted: dict[int, str] = {}
        self._units: dict[str, str] = {}
        self._inputs: dict[str, Input] = {}  # field key -> its box, to catch text typed just before quitting
        self._streak = (-1, 0)  # (store version, streak)

    # ------------------------------------------------------------------ state

    def _load(self, week: Week) -> None:
        """Read ``week``'s audit and evidence from the store."""
        self.week = week
        self._audit = self.store.audit_for(week.key)
        self._answers = copy.deepcopy(self._audit.answers) if self._audit else {}
        self._intention = self._audit.intention if self._audit else ""
        self._last_intention = A.last_intention(self.store, week)
        self._refresh_evidence()
        self._errors = A.validate(self.questions, self._answers, self._intention,
                                  platforms=self._platforms, complete=False)
        self._dirty = False

    def _refresh_evidence(self) -> None:
        assert self.week is not None
        self._evidence = A.build_evidence(self.store, self.week, self.smn.today())
        self._platforms = list(dict.fromkeys([*self._evidence.platforms, *A.answered_platforms(self._answers)]))

    def _field_id(self, key: str) -> str:
        if key not in self._ids:
            base = "f-" + _slug(key.replace("@", "-").replace(".", "-"))
            used = set(self._ids.values())
            wid, n = base, 2
            while wid in used:
                wid, n = f"{base}-{n}", n + 1
            self._ids[key] = wid
        return self._ids[key]

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        if self.week is None:
            self._load(self.smn.this_week())
        assert self.week is not None and self._evidence is not None
        self.sub_title = f"Audit {self.week.key}"
        yield Header()
        with Horizontal(id="audit-head"):
            yield Static(id="audit-title")
            yield Static(id="audit-state")
        yield Static(id="audit-status")
        with VerticalScroll(id="audit-body"):
            if self._last_intention:
                with Horizontal(id="carry"):
                    yield Static(Text.assemble(("Last week you meant to: ", "bold"), self._last_intention),
                                 id="carry-text")
                    yield Checkbox("done", bool(self._answers.get(A.LAST_INTENTION_DONE)), id="f-last-done",
                                   compact=True)
            for q in self.questions:
                yield from self._question(q)
        yield Footer()

    def _question(self, q: A.Question) -> ComposeResult:
        with Horizontal(classes="question", id=f"q-{q.id}"):
            with Vertical(classes="answer"):
                yield Static(Text(f"{q.number}. {q.text}", style="bold"), classes="q-text")
                if q.help:
                    yield Static(Text(q.help), classes="q-help")
                if q.type in ("number", "integer"):
                    yield self._row(q.id, "Total" if q.split_by_platform else "Answer", q.unit)
                    if q.split_by_platform:
                        for p in self._platforms:
                            yield self._row(f"{q.id}@{p}", f"  on {p}", q.unit)
                        yield Static(classes="q-error", id=f"e-{q.id}-split")
                elif q.type in ("shares", "ratings"):
                    unit = "%" if q.type == "shares" else f"{q.min:g}–{q.max:g}"
                    for part in q.parts:
                        yield self._row(f"{q.id}.{part.id}", part.label, unit)
                    if q.type == "shares":
                        yield Static(classes="q-total", id=f"e-{q.id}")
                    elif q.note:
                        yield self._text_row("positioning_note", q.note, q.max_length)
                elif q.type == "acts":
                    yield SelectionList[str](*self._act_choices(), id="good-turn-acts", compact=True)
                    yield self._text_row(f"{q.id}.text", "In words", q.max_length)
                elif q.type == "per_platform":
                    if not self._platforms:
                        yield Static(Text("No platform in the journal for this week."), classes="q-help")
                    for p in self._platforms:
                        key = f"platforms@{p}"
                        current = A.field_value(self._answers, key)
                        with Horizontal(classes="row"):
                            yield Label(Text(p), classes="f-label")
                            yield Select([(c, c) for c in q.choices], prompt="—", compact=True, name=key,
                                         id=self._field_id(key),
                                         value=current if current in q.choices else Select.NULL)
                elif q.type == "text":
                    yield self._text_row(q.id, "Intention", q.max_length)
            yield Static(classes="evidence", id=f"ev-{q.id}")

    def _row(self, key: str, label: str, unit: str) -> Horizontal:
        value = A.display(A.field_value(self._answers, key, self._intention))
        self._units[key] = unit
        return Horizontal(
            Label(Text(label), classes="f-label"),
            self._input(Input(value, name=key, id=self._field_id(key), classes="f-input", compact=True,
                              select_on_focus=False)),
            Static(self._note(key, self._errors.get(key)), classes="f-error", id=f"e-{self._field_id(key)}"),
            classes="row",
        )

    def _input(self, box: Input) -> Input:
        self._inputs[box.name or ""] = box
        return box

    def _note(self, key: str, error: str | None) -> Content:
        """What follows an input box: its unit, then any error (user text inside stays plain)."""
        unit = self._units.get(key, "")
        parts: list[str | tuple[str, str]] = [unit.ljust(6)] if unit else []
        if error:
            parts.append((error, "$error"))
        return Content.assemble(*parts)

    def _text_row(self, key: str, label: str, limit: int) -> Vertical:
        value = A.display(A.field_value(self._answers, key, self._intention))
        return Vertical(
            Horizontal(
                Label(Text(label), classes="f-label"),
                self._input(Input(value, name=key, id=self._field_id(key), classes="f-text", compact=True,
                                  max_length=limit, select_on_focus=False)),
                classes="row",
            ),
            Static(self._note(key, self._errors.get(key)), classes="f-error",
                   id=f"e-{self._field_id(key)}").set_class(key not in self._errors, "-empty"),
            classes="text-row",
        )

    def _act_choices(self) -> list[Selection[str]]:
        assert self._evidence is not None
        chosen = A.chosen_acts(self._answers, self._evidence.acts)
        return [Selection(self._act_label(a), a.id, a.id in chosen) for a in self._evidence.acts]

    def _act_label(self, act: HelpfulAct) -> Text:
        assert self._evidence is not None
        return Text.assemble(act.note, (" — " + self._evidence.who(act.contact_ids), "dim"),
                             (f" · {act.impact}", "italic"))

    def on_mount(self) -> None:
        self._paint()

    # ------------------------------------------------------------------ painting

    def _show(self, widget: Static, text: Text | Content) -> None:
        """Update a Static only when its text changes (each update costs a layout pass)."""
        key = text.markup
        if self._painted.get(id(widget)) != key:
            self._painted[id(widget)] = key
            widget.update(text)

    def _paint(self) -> None:
        """Redraw the title, status and evidence from the current state."""
        self._paint_title()
        flags = A.disagreements(self.questions, self._answers, self._evidence) if self._evidence else {}
        for q in self.questions:
            try:
                panel = self.query_one(f"#ev-{q.id}", Static)
            except Exception:
                continue
            self._show(panel, self._evidence_text(q, flags.get(q.id, [])))
        self._paint_group_errors()

    def _paint_title(self) -> None:
        if self.week is None:
            return
        this_week = self.smn.this_week()
        complete = self._audit is not None and self._audit.is_complete
        if complete:
            state = f"complete ✓ {self._audit.completed:%-d %b}"  # type: ignore[union-attr]
        elif self._audit is not None:
            state = "draft"
        else:
            state = "not started"
        when = ""
        if self.week == this_week:
            when = " · this week"
        elif self.week < this_week:
            n = (this_week.start - self.week.start).days // 7
            when = f" · {n} week{'s' if n != 1 else ''} ago"
        self.sub_title = f"Audit {self.week.key} · {'complete' if complete else state}"
        try:
            title = self.query_one("#audit-title", Static)
            badge = self.query_one("#audit-state", Static)
            status = self.query_one("#audit-status", Static)
        except Exception:
            return
        self._show(title, Text.assemble(("Weekly audit  ", "bold"), self.week.label, when))
        self._show(badge, Text(state))
        badge.set_class(complete, "-complete")
        badge.set_class(self._audit is not None and not complete, "-draft")
        if self._streak[0] != self.store.version:  # only a write can change it; typing should not rescan
            self._streak = (self.store.version, A.streak(A.completed_weeks(self.store), this_week))
        streak = self._streak[1]
        done, need = A.summary(self.questions, self._answers)
        self._show(status, Text.assemble(
            ("Streak ", "dim"), (f"{streak} week{'s' if streak != 1 else ''}", "bold"),
            ("  ·  Required ", "dim"), (f"{done}/{need}", "bold"),
            ("  ·  Esc leaves a field, [ ] change week", "dim"),
        ))

    def _paint_group_errors(self) -> None:
        shares = self.questions.of_type("shares")
        if shares is not None:
            try:
                widget = self.query_one(f"#e-{shares.id}", Static)
            except Exception:
                widget = None
            if widget is not None:
                total, filled = A.shares_total(shares, self._answers)
                problem = self._errors.get(shares.id) or (A.shares_message(shares, self._answers) if filled else None)
                text = Text(f"Total {total:g}% of {shares.total or 100:g}%")
                if problem and filled == len(shares.parts):
                    text = Text(problem)
                self._show(widget, text)
                widget.set_class(bool(problem) and (filled == len(shares.parts) or shares.id in self._errors),
                                 "-error")
        hours = self.questions.get("hours")
        if hours is not None:
            try:
                widget = self.query_one(f"#e-{hours.id}-split", Static)
            except Exception:
                return
            self._show(widget, Text(self._errors.get(f"{hours.id}@", "")))

    def _evidence_text(self, q: A.Question, flags: list[str]) -> Content:
        ev = self._evidence
        assert ev is not None
        t = Text()

        def line(label: str, value: str) -> None:
            if t:
                t.append("\n")
            t.append(f"{label} ", style="dim")
            t.append(value, style="bold")

        if q.type in ("number",) and q.split_by_platform:
            t.append("In your journal this week", style="underline")
            if not ev.by_platform:
                t.append("\nnothing logged yet")
            for row in ev.by_platform:
                bits = [f"{n} {w}" for n, w in ((row.real, "real"), (row.passive, "passive"), (row.new, "new"),
                                                 (row.acts, "act" if row.acts == 1 else "acts")) if n]
                if row.minutes:
                    bits.append(f"{row.minutes} min")
                t.append("\n")
                t.append_text(Text.assemble((f"{row.platform or 'unspecified'}: ", "dim"), ", ".join(bits)))
        elif q.type == "shares":
            line("New connections logged:", str(ev.new_connections))
            line("Interactions:", f"{ev.real} real, {ev.passive} passive")
            line("Helpful acts:", f"{len(ev.acts)} for {ev.people_helped} "
                 f"{'person' if ev.people_helped == 1 else 'people'}")
            line("Minutes given:", str(ev.minutes_given))
        elif q.type == "ratings":
            line("Helpful acts this week:", str(len(ev.acts)))
            line("Real interactions:", str(ev.real))
        elif q.type == "integer":
            line(f"Real contact, last {A.REAL_CONTACT_DAYS} days:", f"{ev.real_people_90d} people")
            line(f"Helped, last {A.HELPED_MONTHS} months:", f"{ev.helped_people_6m} people")
        elif q.type == "acts":
            if ev.acts:
                line("Logged this week:", f"{len(ev.acts)} acts, {ev.minutes_given} min")
                impacts = ", ".join(f"{n} {_IMPACT_WORDS[k].split()[1]}" for k, n in ev.impact_counts.items())
                line("Made better:", impacts)
            else:
                t.append("No helpful act is logged this week.", style="dim")
            t.append("\nctrl+l logs what you write as an act.", style="dim")
        elif q.type == "per_platform":
            line("Contacts on 2+ platforms:",
                 f"{ev.multi_platform} of {ev.contacts_total} ({ev.multi_platform_percent}%)")
            for row in ev.by_platform:
                if row.platform:
                    n = row.real + row.passive
                    line(f"{row.platform}:", f"{n} interaction{'s' if n != 1 else ''}, "
                         f"{row.acts} act{'s' if row.acts != 1 else ''}")
        elif q.type == "text":
            if self._last_intention:
                done = bool(self._answers.get(A.LAST_INTENTION_DONE))
                line("Last week's intention:", "done" if done else "open")
            else:
                t.append("Next week's audit shows this intention to check off.", style="dim")
        parts: list[Content | str | tuple[str, str]] = [Content.from_rich_text(t)]
        for flag in flags:
            parts += ["\n", ("⚑ " + flag, "$warning italic")]
        return Content.assemble(*parts)

    # ------------------------------------------------------------------ reloading

    def reload(self) -> None:
        """The journal changed: redraw the evidence; keep everything typed."""
        if self.week is None or self._evidence is None:
            return
        self._flush()
        before = (self._platforms, [a.id for a in self._evidence.acts], self._last_intention)
        self._refresh_evidence()
        self._last_intention = A.last_intention(self.store, self.week)
        stored = self.store.audit_for(self.week.key)
        if stored is not None and (self._audit is None or stored.updated != self._audit.updated):
            self._audit = stored
            if not self._dirty:
                self._answers = copy.deepcopy(stored.answers)
                self._intention = stored.intention
                self.call_later(self.recompose)
                return
        after = (self._platforms, [a.id for a in self._evidence.acts], self._last_intention)
        if before != after:
            self.call_later(self._recompose_keep_focus)
        else:
            self._paint()

    async def _recompose_keep_focus(self) -> None:
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        self._paint()
        if focused:
            try:
                self.query_one(f"#{focused}").focus()
            except Exception:
                pass

    async def recompose(self) -> None:
        self._painted.clear()
        await super().recompose()
        self._paint()

    def show_week(self, week: Week) -> None:
        """Open the audit of ``week`` (saving whatever is pending on the current one)."""
        self._flush()
        self._ids.clear()
        self._inputs.clear()
        self._load(week)
        self._seen_version = self.store.version
        self.call_later(self.recompose)

    # ------------------------------------------------------------------ editing

    def _set_error(self, key: str, error: str | None) -> None:
        if error:
            self._errors[key] = error
        else:
            self._errors.pop(key, None)
        wid = self._ids.get(key)
        if wid is None:
            return
        try:
            message = self.query_one(f"#e-{wid}", Static)
            self._show(message, self._note(key, error))
            message.set_class(not error, "-empty")
        except Exception:
            pass
        try:
            self.query_one(f"#{wid}").set_class(bool(error), "-invalid-answer")
        except Exception:
            pass

    def _changed(self, key: str, raw: Any) -> None:
        """One field changed on screen: check it, keep it, and schedule a draft save."""
        value, error = A.check_field(self.questions, key, raw)
        self._set_error(key, error)
        old = self._intention if key == "intention" else A.field_value(self._answers, key)
        if key == "intention":
            self._intention = (value or "") if not error else str(raw)
        else:
            A.set_field(self._answers, key, value)
        group = key.split(".", 1)[0] if "." in key else ("hours@" if key.startswith("hours") else "")
        self._errors.pop(group, None)
        new = self._intention if key == "intention" else A.field_value(self._answers, key)
        if (old or None) != (new or None):
            self._touch()
        self._paint()

    def _touch(self) -> None:
        self._dirty = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DRAFT_DELAY, self._flush)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.name:
            self._changed(event.input.name, event.value)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        if event.select.name:
            self._changed(event.select.name, None if event.value is Select.NULL else event.value)

    @on(SelectionList.SelectedChanged, "#good-turn-acts")
    def _acts_changed(self, event: SelectionList.SelectedChanged) -> None:
        assert self._evidence is not None
        chosen = sorted(event.selection_list.selected)
        turn = dict(self._answers.get("good_turn") or {})
        offered = sorted({a.id for a in self._evidence.acts} | set(turn.get("offered", ())))
        if turn.get("acts") == chosen and turn.get("offered") == offered:
            return
        if "acts" not in turn and set(chosen) == {a.id for a in self._evidence.acts}:
            return  # the list only showed its pre-selection
        turn.update(acts=chosen, offered=offered)
        self._answers["good_turn"] = turn
        self._touch()

    @on(Checkbox.Changed, "#f-last-done")
    def _carry_changed(self, event: Checkbox.Changed) -> None:
        if bool(self._answers.get(A.LAST_INTENTION_DONE)) == event.value:
            return
        if event.value:
            self._answers[A.LAST_INTENTION_DONE] = True
        else:
            self._answers.pop(A.LAST_INTENTION_DONE, None)
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
        for key, box in self._inputs.items():
            current = self._intention if key == "intention" else A.field_value(self._answers, key)
            if box.value.strip() != A.display(current).strip():
                value, error = A.check_field(self.questions, key, box.value)
                if key == "intention":
                    self._intention = box.value.strip()
                else:
                    A.set_field(self._answers, key, value)
                self._dirty = True
        self._flush(notify=False)

    # ------------------------------------------------------------------ saving

    def _flush(self, *, notify: bool = True) -> None:
        """Write the pending draft now (kept complete if the week already was)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self._dirty or self.week is None:
            return
        audit = A.draft_audit(self.week, self._answers, self._intention, self._audit)
        if notify:
            saved = self.smn.save(lambda: self.store.save_audit(audit))
        else:
            try:
                saved = self.store.save_audit(audit)
            except (StorageError, ValidationError):
                saved = None
        if saved is None:
            return
        self._audit = saved
        self._dirty = False
        self._seen_version = self.store.version
        if notify:
            self._paint_title()

    # ------------------------------------------------------------------ actions

    def action_previous_week(self) -> None:
        assert self.week is not None
        self.show_week(self.week.previous())

    def action_next_week(self) -> None:
        assert self.week is not None
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
        assert self.week is not None
        errors = A.validate(self.questions, self._answers, self._intention, platforms=self._platforms)
        for key in list(self._errors):
            if key not in errors:
                self._set_error(key, None)
        for key, message in errors.items():
            self._set_error(key, message)
        self._errors = dict(errors)
        self._paint()
        if errors:
            self._flush()
            first = next((k for k in A.field_keys(self.questions, self._platforms) if k in errors), None)
            if first is None:
                group = next(iter(errors))
                base = group.rstrip("@")
                first = next((k for k in A.field_keys(self.questions, self._platforms)
                              if k.startswith(base)), None)
            if first and first in self._ids:
                self.query_one(f"#{self._ids[first]}").focus()
            n = len(errors)
            self.notify(f"{n} answer{'s' if n != 1 else ''} need{'s' if n == 1 else ''} attention; "
                        "the draft is saved.", title="Not complete yet", severity="error")
            return
        if self._timer is not None:
            self._timer.stop()
        stamp = self._audit.completed if self._audit is not None and self._audit.is_complete else now_utc()
        audit = A.draft_audit(self.week, self._answers, self._intention, self._audit, complete_at=stamp)
        saved = self.smn.save(lambda: self.store.save_audit(audit), done=f"Audit for {self.week.key} is complete.")
        if saved is not None:
            self._audit = saved
            self._dirty = False
            self._seen_version = self.store.version
            self._paint()

    def action_log_act(self) -> None:
        """Turn the written good turn into a logged helpful act (opens the act form)."""
        q = self.questions.of_type("acts")
        text = A.field_value(self._answers, f"{q.id}.text") if q else None
        if not text:
            self.notify("Write the good turn first; then ctrl+l logs it as an act.", severity="warning")
            return
        self._flush()
        self.smn.open_act_form([], note=str(text), callback=self._act_logged)

    def _act_logged(self, act: HelpfulAct | None) -> None:
        if act is not None:
            self.reload()

    def focus_field(self, key: str) -> Widget:
        """Focus the widget for a field key (used by tests and by error jumps)."""
        widget = self.query_one(f"#{self._ids[key]}")
        widget.focus()
        return widget
