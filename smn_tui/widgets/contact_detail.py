"""Everything about one contact: where they are, how you met, and your history with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..domain.dates import days_ago_label
from ..domain.models import Contact, HelpfulAct, Interaction, act_kind_label

#: The timeline shows this many entries; older ones are counted, not drawn.
TIMELINE_LIMIT = 200

CADENCE_WORDS = {7: "every week", 14: "every 2 weeks", 30: "every month", 91: "every quarter",
                 365: "every year"}


def cadence_label(days: int | None) -> str:
    if not days:
        return "none"
    return CADENCE_WORDS.get(days, f"every {days} days")


@dataclass
class ContactView:
    """What the detail pane shows (plain data gathered by the screen)."""

    contact: Contact
    today: date
    last: date | None = None
    due: date | None = None
    days_overdue: int | None = None
    status: str = ""
    interactions: int = 0
    acts: int = 0
    timeline: list[Interaction | HelpfulAct] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # other people on shared entries


def _label(text: str) -> Text:
    return Text(f"{text:<10}", style="bold")


def render_contact(view: ContactView) -> Text:
    """The detail pane's text. User text is appended as plain text, never markup."""
    c, today = view.contact, view.today
    out = Text()
    out.append(c.name, style="bold")
    if c.archived:
        out.append("  (archived)", style="italic")
    out.append("\n\n")

    out.append_text(_label("Platforms"))
    if c.platforms:
        for i, p in enumerate(c.platforms):
            if i:
                out.append("\n" + " " * 10)
            out.append(p.platform)
            if p.handle:
                out.append("  ")
                out.append(p.handle, style="italic")
    else:
        out.append("none", style="dim")
    out.append("\n")
    out.append_text(_label("Tags"))
    out.append(" ".join(f"#{t}" for t in c.tags) if c.tags else "none", style="" if c.tags else "dim")
    out.append("\n")
    if c.how_met:
        out.append_text(_label("Met"))
        out.append(c.how_met)
        out.append("\n")
    out.append_text(_label("Keep up"))
    out.append(cadence_label(c.cadence_days))
    if c.cadence_days and view.due is not None:
        out.append(" · next ")
        if view.days_overdue is not None and view.days_overdue > 0:
            out.append(f"overdue by {view.days_overdue} d", style="bold")
        elif view.days_overdue == 0:
            out.append("due today", style="bold")
        else:
            out.append(f"{view.due.isoformat()} (in {-(view.days_overdue or 0)} d)")
    out.append("\n")
    if c.birthday:
        out.append_text(_label("Birthday"))
        out.append(f"{c.birthday.day} {c.birthday:%b %Y}")
        out.append("\n")
    out.append_text(_label("Last"))
    out.append(days_ago_label(view.last, today))
    if view.last:
        out.append(f" ({view.last.isoformat()})", style="dim")
    out.append("\n")
    out.append_text(_label("Journal"))
    out.append(f"{view.interactions} interaction{'s' if view.interactions != 1 else ''}, "
               f"{view.acts} helpful act{'s' if view.acts != 1 else ''}")
    out.append("\n")
    if c.notes:
        out.append("\n")
        out.append("Notes", style="bold")
        out.append("\n")
        out.append(c.notes)
        out.append("\n")

    out.append("\n")
    out.append("Timeline", style="bold underline")
    out.append("\n")
    if not view.timeline:
        out.append("Nothing journaled yet. Press i to log an interaction.", style="dim")
    for entry in view.timeline[:TIMELINE_LIMIT]:
        out.append(entry.on.isoformat(), style="dim")
        out.append(" ")
        if isinstance(entry, HelpfulAct):
            out.append("helped", style="bold")
            out.append(f" {act_kind_label(entry.kind)} · made their {entry.impact}")
        else:
            out.append(entry.kind, style="bold")
            if entry.platform:
                out.append(f" · {entry.platform}")
            if not entry.real:
                out.append(" · passive", style="dim")
        others = [view.names.get(i, "?") for i in entry.contact_ids if i != c.id]
        if others:
            out.append(" · with ")
            out.append(", ".join(others))
        if entry.note:
            out.append("\n  ")
            out.append(entry.note)
        out.append("\n")
    hidden = len(view.timeline) - TIMELINE_LIMIT
    if hidden > 0:
        out.append(f"… and {hidden} earlier entries.", style="dim")
    return out


class ContactDetail(VerticalScroll, can_focus=True):
    """The selected contact's details and timeline, newest first."""

    def compose(self) -> ComposeResult:
        yield Static(id="contact-detail-body")

    def show(self, view: ContactView | None, *, empty: str = "") -> None:
        body = self.query_one("#contact-detail-body", Static)
        if view is None:
            self.border_title = None
            body.update(Text(empty, style="dim"))
        else:
            self.border_title = None
            body.update(render_contact(view))
        self.scroll_home(animate=False)
