"""The review's people met, network across tools and coming birthdays, as text, Markdown and data.

Beside :mod:`.report`, which renders the rest of the week's review. The phrases for the people met
(:func:`met_what`, :func:`met_line`) are the review screen's too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain.birthdays import UpcomingBirthday
from ..domain.graph import OneToolTie, PlatformGraph
from ..domain.models import Interaction
from ..domain.text import printable

if TYPE_CHECKING:
    from ..domain.review import WeekReview

__all__ = ["NO_BIRTHDAYS", "ONE_TOOL_TIES", "birthday_lines", "birthday_phrase", "birthdays_data", "graph_lines",
           "graph_summary", "met_data", "met_line", "met_lines", "met_markdown", "met_what", "tie_phrase"]


# --------------------------------------------------------------------- the people met


def met_what(i: Interaction) -> str:
    """``meeting in person``, ``message via x``: the kind of an interaction and where it was."""
    where = "" if not i.platform else (" in person" if i.platform == "in person" else f" via {i.platform}")
    return f"{i.kind}{where}"


def met_line(review: WeekReview, i: Interaction, person_id: str) -> str:
    """``Tue 24 Nov · meeting in person, with Rosalind Franklin — Lunch``, listed under ``person_id``."""
    others = [c for c in i.contact_ids if c != person_id]
    also = f", with {review.who(others)}" if others else ""
    note = f" — {i.note}" if i.note else ""
    return f"{i.on:%a %d %b} · {met_what(i)}{also}{note}"


def met_lines(review: WeekReview, tagged: Callable[[Interaction], str]) -> list[str]:
    """The people met as text: each group, its people, their entries (``tagged`` gives an entry's id)."""
    lines = []
    for group in review.met:
        lines.append(f"  {group.title} ({group.count})")
        for person in group.people:
            lines.append(f"    {printable(person.name)} ({len(person.entries)})")
            lines += [f"      {tagged(i)}{printable(met_line(review, i, person.contact_id))}" for i in person.entries]
    return lines


def met_markdown(review: WeekReview, esc: Callable[[str], str]) -> list[str]:
    """The people met as Markdown: a heading for each group, then its people and their entries."""
    lines = []
    for group in review.met:
        lines += [f"### {group.title} ({group.count})", ""]
        for person in group.people:
            lines.append(f"- **{esc(person.name)}** ({len(person.entries)})")
            lines += [f"  - {esc(met_line(review, i, person.contact_id))}" for i in person.entries]
        lines.append("")
    return lines


def met_data(review: WeekReview) -> list[dict[str, Any]]:
    return [{"group": g.key, "title": g.title, "count": g.count,
             "people": [{"id": p.contact_id, "name": p.name, "interactions": [i.id for i in p.entries]}
                        for p in g.people]} for g in review.met]


# --------------------------------------------------------------------- the network and birthdays


#: What the review says when nobody's birthday is near.
NO_BIRTHDAYS = "None in the next two weeks."


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def graph_summary(graph: PlatformGraph, esc: Callable[[str], str] = printable) -> list[str]:
    """The network across tools in a few lines: how many, per platform, the pairs overlapping most."""
    if not graph.people:
        return ["No contact has a platform yet."]
    people = f"{graph.people} {'person' if graph.people == 1 else 'people'}"
    lines = [f"{people} on a platform; {graph.on_two_or_more} ({_percent(graph.share_on_two_or_more)}) "
             "on two or more"]
    lines.append("Per platform: " + ", ".join(f"{esc(p)} {n}" for p, n in graph.per_platform.items()))
    if graph.pairs:
        lines.append("Overlapping most: " + ", ".join(f"{esc(a)} + {esc(b)} ({n})" for a, b, n in graph.pairs))
    return lines


#: What the one-tool ties are, before their names.
ONE_TOOL_TIES = "Known on one tool only, talked with most"


def tie_phrase(tie: OneToolTie, esc: Callable[[str], str] = printable) -> str:
    """``Alan Turing (bluesky, 9 interactions)``: whom, on which tool, and how many real interactions."""
    times = f"{tie.interactions} interaction{'' if tie.interactions == 1 else 's'}"
    return f"{esc(tie.name)} ({esc(tie.platform)}, {times})"


def graph_lines(graph: PlatformGraph, *, bullet: str = "  ", esc: Callable[[str], str] = printable) -> list[str]:
    """The network across tools, one line each (``esc`` makes user text safe for the output)."""
    lines = [bullet + line for line in graph_summary(graph, esc)]
    if graph.people and graph.one_tool_ties:
        lines.append(f"{bullet}{ONE_TOOL_TIES}: " + ", ".join(tie_phrase(t, esc) for t in graph.one_tool_ties))
    return lines


def birthday_phrase(b: UpcomingBirthday, today: date) -> str:
    """``Fri 27 Nov (in 2 days, turns 36)``."""
    return f"{b.on:%a %d %b} ({b.when(today)}" + (f", turns {b.turns})" if b.turns is not None else ")")


def birthday_lines(birthdays: list[UpcomingBirthday], today: date, *, bullet: str = "  ",
                   esc: Callable[[str], str] = printable) -> list[str]:
    """Coming birthdays, soonest first."""
    if not birthdays:
        return [f"{bullet}{NO_BIRTHDAYS}"]
    return [f"{bullet}{esc(b.name)}: {birthday_phrase(b, today)}" for b in birthdays]


def birthdays_data(birthdays: list[UpcomingBirthday]) -> list[dict[str, Any]]:
    return [{"id": b.contact_id, "name": b.name, "on": b.on.isoformat(), "turns": b.turns} for b in birthdays]
