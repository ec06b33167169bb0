"""Everything about one contact: where they are, how you met, and your history with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..domain.birthdays import age_on, describe_birthday, next_birthday
from ..domain.dates import days_ago_label
from ..domain.models import Contact, HelpfulAct, Interaction, act_kind_label
from .contact_list import STATUS_WORDS

#: The timeline shows this many entries; older ones are counted, not drawn.
TIMELINE_LIMIT = 200

CADENCE_WORDS = {7: "weekly", 14: "every 2 weeks", 30: "monthly", 91: "quarterly", 365: "yearly"}


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


def _short(day: date, today: date) -> str:
    return f"{day.day} {day:%b}" if day.year == today.year else f"{day.day} {day:%b %Y}"


def _cadence(view: ContactView) -> Text:
    """``monthly · due soon · next by 3 Dec``."""
    c = view.contact
    cadence = Text(cadence_label(c.cadence_days))
    if view.status:
        cadence.append(f" · {STATUS_WORDS[view.status]}")
    if c.cadence_days and view.due is not None:
        overdue = view.days_overdue or 0
        if overdue > 0:
            cadence.append(f" by {overdue} d", style="bold")
        elif overdue == 0:
            cadence.append(" · today", style="bold")
        else:
            cadence.append(f" · next by {_short(view.due, view.today)}")
    return cadence


def _facts(view: ContactView) -> Table:
    """Platforms, tags, how you met, cadence, birthday, last contact and the journal's counts."""
    c, today = view.contact, view.today
    facts = Table.grid(padding=(0, 1), expand=True)
    facts.add_column(style="bold", no_wrap=True, width=9)
    facts.add_column(ratio=1)
    if c.platforms:
        for i, p in enumerate(c.platforms):
            value = Text(p.platform)
            if p.handle:
                value.append("  ")
                value.append(p.handle, style="italic")
            facts.add_row("Platforms" if i == 0 else "", value)
    else:
        facts.add_row("Platforms", Text("none", style="dim"))
    facts.add_row("Tags", Text(" ".join(f"#{t}" for t in c.tags)) if c.tags else Text("none", style="dim"))
    if c.how_met:
        facts.add_row("Met", Text(c.how_met))
    facts.add_row("Cadence", _cadence(view))
    if c.birthday:
        on = next_birthday(c.birthday, today)
        turns = age_on(c.birthday, on)
        facts.add_row("Birthday", Text(f"{describe_birthday(c.birthday)} · next {_short(on, today)}"
                                       + (f", turns {turns}" if turns is not None else "")))
    last = Text(days_ago_label(view.last, today))
    if view.last:
        last.append(f" · {_short(view.last, today)}", style="dim")
    facts.add_row("Last", last)
    facts.add_row("Journal", Text(f"{view.interactions} interaction{'s' if view.interactions != 1 else ''}"
                                  f" · {view.acts} helpful act{'s' if view.acts != 1 else ''}"))
    return facts


def _timeline(view: ContactView) -> list[RenderableType]:
    """The entries with the contact, newest first, each with its note under it."""
    if not view.timeline:
        return [Text("Nothing journaled yet. Press i to log an interaction.", style="dim")]
    parts: list[RenderableType] = []
    for entry in view.timeline[:TIMELINE_LIMIT]:
        line = Text(_short(entry.on, view.today), style="dim")
        line.append(" ")
        if isinstance(entry, HelpfulAct):
            line.append("helped", style="bold")
            line.append(f" · {act_kind_label(entry.kind)} · made their {entry.impact}")
        else:
            line.append(entry.kind, style="bold")
            if entry.platform:
                line.append(f" · {entry.platform}")
            if not entry.real:
                line.append(" · passive", style="dim")
        others = [view.names.get(i, "?") for i in entry.contact_ids if i != view.contact.id]
        if others:
            line.append(" · with ")
            line.append(", ".join(others))
        parts.append(line)
        if entry.note:
            parts.append(Padding(Text(entry.note), (0, 0, 0, 2)))
    hidden = len(view.timeline) - TIMELINE_LIMIT
    if hidden > 0:
        parts.append(Text(f"… and {hidden} earlier entries.", style="dim"))
    return parts


def render_contact(view: ContactView) -> Group:
    """The detail pane's content. User text is added as plain text, never markup."""
    c = view.contact
    title = Text(c.name, style="bold")
    if c.archived:
        title.append("  (archived)", style="italic")
    parts: list[RenderableType] = [title, Text(""), _facts(view)]
    if c.notes:
        parts += [Text(""), Text("Notes", style="bold"), Text(c.notes)]
    parts += [Text(""), Text("Timeline", style="bold underline"), *_timeline(view)]
    return Group(*parts)


class ContactDetail(VerticalScroll, can_focus=True):
    """The selected contact's details and timeline, newest first."""

    content: RenderableType = ""

    def compose(self) -> ComposeResult:
        yield Static(id="contact-detail-body")

    def show(self, view: ContactView | None, *, empty: str = "") -> None:
        body = self.query_one("#contact-detail-body", Static)
        self.content = Text(empty, style="dim") if view is None else render_contact(view)
        body.update(self.content)
        self.scroll_home(animate=False)
