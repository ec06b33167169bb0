"""What the review's lists show, one function per list, from the week's :class:`WeekReview`.

Every selectable line has an id that says what it is (:func:`parse_option`): a person (``p``
helped, ``d`` due, ``q`` quiet, ``m`` met, ``t`` a one-tool tie, ``b`` a birthday), or an entry
(``a`` an act, ``i`` an interaction) under a person. The phrases are the reports' own
(:mod:`smn_tui.exchange.report`), so the screen and ``smn week`` say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.content import Content
from textual.widgets.option_list import Option

from ..domain.birthdays import UpcomingBirthday
from ..domain.graph import PlatformGraph
from ..domain.models import HelpfulAct, Interaction, act_kind_label
from ..domain.review import QUIET_WEEKS, WeekReview
from ..exchange.report import due_detail, due_state, plural, quiet_state
from ..exchange.review_extras import NO_BIRTHDAYS, ONE_TOOL_TIES, birthday_phrase, graph_summary, met_what, tie_phrase

__all__ = ["OptionRef", "birthday_options", "graph_options", "helped_options", "losing_options", "met_options",
           "parse_option"]


@dataclass(frozen=True)
class OptionRef:
    """What a line of a review list stands for: its kind, its person, and its entry for an entry."""

    kind: str
    contact_id: str
    entry_id: str | None = None

    @property
    def is_entry(self) -> bool:
        return self.entry_id is not None


def parse_option(option_id: str) -> OptionRef:
    """The :class:`OptionRef` of a line's id."""
    parts = option_id.split(":")
    kind = parts[0]
    if kind == "a":  # a:person:act
        return OptionRef(kind, parts[1], parts[2])
    if kind == "i":  # i:group:person:interaction
        return OptionRef(kind, parts[2], parts[3])
    return OptionRef(kind, parts[-1])  # m:group:person, or kind:person


def _heading(text: str) -> Option:
    return Option(Content.styled(text, "bold"), disabled=True)


def _act_option(act: HelpfulAct, with_others: str) -> Content:
    """``  Wed 25  note · feedback, made their month, 45 min, with ...``.

    The note comes first so a narrow list still shows it; the rest is cut off first.
    """
    minutes = f", {act.minutes} min" if act.minutes else ""
    others = f", with {with_others}" if with_others else ""
    return Content.assemble(
        (f"  {act.on:%a %d}  ", "dim"), act.note,
        (f" · {act_kind_label(act.kind)}, made their {act.impact}{minutes}{others}", "dim"),
    )


def _met_option(review: WeekReview, i: Interaction, person_id: str) -> Content:
    """``  Tue 24  meeting in person, with ...`` and the note on a line of its own (a narrow list cuts less)."""
    others = [c for c in i.contact_ids if c != person_id]
    parts: list[str | tuple[str, str]] = [(f"  {i.on:%a %d}  ", "dim"), met_what(i)]
    if others:
        parts.append((f", with {review.who(others)}", "dim"))
    if i.note:
        parts += ["\n          ", i.note]
    return Content.assemble(*parts)


def helped_options(review: WeekReview) -> list[Option]:
    """Who you helped, each followed by their acts."""
    options: list[Option] = []
    for person in review.helped:
        cid = person.contact.id
        options.append(Option(Content.assemble(
            (person.contact.name, "bold"), ("  " + plural(len(person.acts), "act"), "dim")), id=f"p:{cid}"))
        for act in person.acts:
            others = [i for i in act.contact_ids if i != cid]
            options.append(Option(_act_option(act, review.who(others) if others else ""), id=f"a:{cid}:{act.id}"))
    return options or [Option(Content("No helpful acts logged this week."), disabled=True)]


def met_options(review: WeekReview) -> list[Option]:
    """Whom you met, group by group (new connections, real, passive), each person followed by their entries."""
    options: list[Option] = []
    for group in review.met:
        options.append(_heading(f"{group.title} ({group.count})"))
        for person in group.people:
            cid = person.contact_id
            platforms = sorted({i.platform for i in person.entries if i.platform})
            options.append(Option(Content.assemble(
                (person.name, "bold"), ("  " + ", ".join(platforms) if platforms else "", "dim")),
                id=f"m:{group.key}:{cid}"))
            options += [Option(_met_option(review, i, cid), id=f"i:{group.key}:{cid}:{i.id}")
                        for i in person.entries]
    return options or [Option(Content("No new connection or interaction journaled this week."), disabled=True)]


def losing_options(review: WeekReview) -> list[Option]:
    """Who is due or overdue, then the strong ties gone quiet."""
    options: list[Option] = []
    if review.due:
        options.append(_heading(f"Due or overdue ({review.due_total})"))
        for d in review.due:
            options.append(Option(Content.assemble(
                d.contact.name, (f" · {due_state(d)}", "bold"),
                ("\n  " + due_detail(d, review.today), "dim")), id=f"d:{d.contact.id}"))
        if review.due_total > len(review.due):
            options.append(Option(Content(f"  and {review.due_total - len(review.due)} more"), disabled=True))
    if review.quiet:
        options.append(_heading(f"Strong ties gone quiet ({len(review.quiet)})"))
        for q in review.quiet:
            options.append(Option(Content.assemble(
                q.contact.name, (f" · {quiet_state(q)}", "bold"),
                (f"\n  {plural(q.before, 'real interaction')}, last {q.last:%d %b}", "dim")), id=f"q:{q.contact.id}"))
    return options or [Option(Content(
        f"Nobody is slipping away.\n  No one is overdue, and no strong\n  tie has gone quiet for {QUIET_WEEKS} weeks."),
        disabled=True)]


def graph_options(graph: PlatformGraph) -> list[Option]:
    """The network across tools: the figures, then the one-tool ties (each a person to open)."""
    options = [Option(Content(line), disabled=True) for line in graph_summary(graph, str)]
    if graph.people and graph.one_tool_ties:
        options.append(_heading(ONE_TOOL_TIES))
        options += [Option(Content("  " + tie_phrase(t, str)), id=f"t:{t.contact_id}") for t in graph.one_tool_ties]
    return options


def birthday_options(birthdays: list[UpcomingBirthday], today: date) -> list[Option]:
    """The birthdays of the next two weeks, soonest first (each a person to open)."""
    if not birthdays:
        return [Option(Content(NO_BIRTHDAYS), disabled=True)]
    return [Option(Content.assemble((b.name, "bold"), "\n  ", (birthday_phrase(b, today), "dim")),
                   id=f"b:{b.contact_id}") for b in birthdays]
