"""Everything about one contact: where they are, how you met, and your history with them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..domain.birthdays import age_on, describe_birthday, next_birthday
from ..domain.dates import days_ago_label
from ..domain.models import Contact, HelpfulAct, Interaction
from ..domain.wording import count_of
from .contact_list import STATUS_WORDS
from .timeline import Timeline, short_date

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
    matched: tuple[str, ...] = ()  # the filter's words, marked where they occur


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
            cadence.append(f" · next by {short_date(view.due, view.today)}")
    return cadence


def _facts(view: ContactView, mark: Callable[[Text], Text]) -> Table:
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
            facts.add_row("Platforms" if i == 0 else "", mark(value))
    else:
        facts.add_row("Platforms", Text("none", style="dim"))
    facts.add_row("Tags", mark(Text(" ".join(f"#{t}" for t in c.tags))) if c.tags else Text("none", style="dim"))
    if c.how_met:
        facts.add_row("Met", mark(Text(c.how_met)))
    facts.add_row("Cadence", _cadence(view))
    if c.birthday:
        on = next_birthday(c.birthday, today)
        turns = age_on(c.birthday, on)
        facts.add_row("Birthday", Text(f"{describe_birthday(c.birthday)} · next {short_date(on, today)}"
                                       + (f", turns {turns}" if turns is not None else "")))
    last = Text(days_ago_label(view.last, today))
    if view.last:
        last.append(f" · {short_date(view.last, today)}", style="dim")
    facts.add_row("Last", last)
    facts.add_row("Journal", Text(f"{count_of(view.interactions, 'interaction')} · "
                                  f"{count_of(view.acts, 'helpful act')}"))
    return facts


class _Marker:
    """Marks, in place, every place the filter's words occur in a piece of user text."""

    def __init__(self, words: tuple[str, ...], style: Style | None) -> None:
        self.words = words if style is not None else ()
        self.style = style or Style()

    def __call__(self, text: Text) -> Text:
        if self.words:
            text.highlight_words(self.words, self.style, case_sensitive=False)
        return text


def render_head(view: ContactView, match: Style | None = None) -> Group:
    """The detail pane above the timeline. User text is added as plain text, never markup.

    Where ``view.matched`` holds the filter's words, each place they occur in the
    name, the platforms and handles, the tags, how you met and the notes is drawn
    in ``match``.
    """
    c = view.contact
    mark = _Marker(view.matched, match)
    title = mark(Text(c.name, style="bold"))
    if c.archived:
        title.append("  (archived)", style="italic")
    parts: list[RenderableType] = [title, Text(""), _facts(view, mark)]
    if c.notes:
        parts += [Text(""), Text("Notes", style="bold"), mark(Text(c.notes))]
    parts += [Text(""), Text("Timeline", style="bold underline")]
    return Group(*parts)


class ContactDetail(VerticalScroll, can_focus=False):
    """The selected contact's details and, under them, the timeline (which takes the keyboard)."""

    COMPONENT_CLASSES = {"contact-detail--match"}

    def compose(self) -> ComposeResult:
        yield Static(id="contact-detail-body")
        yield Timeline(id="contact-timeline")

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def content(self) -> RenderableType:
        """Everything the pane shows, as one renderable."""
        timeline = self.timeline
        if self._head is None:
            return self._empty
        return Group(self._head, timeline.render())

    _head: Group | None = None
    _empty: RenderableType = ""

    def show(self, view: ContactView | None, *, empty: str = "") -> None:
        body = self.query_one("#contact-detail-body", Static)
        timeline = self.timeline
        if view is None:
            self._head = None
            self._empty = Text(empty, style="dim")
            body.update(self._empty)
            timeline.display = False
            timeline.show([], today=date.today(), names={}, about="")
        else:
            self._head = render_head(view, self.get_component_rich_style("contact-detail--match"))
            body.update(self._head)
            timeline.display = True
            timeline.show(view.timeline, today=view.today, names=view.names, about=view.contact.id,
                          empty="Nothing journaled yet. Press i to log an interaction.")
        if not timeline.has_focus:
            self.scroll_home(animate=False)
