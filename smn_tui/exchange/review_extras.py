"""The review's network across tools and coming birthdays, as text, Markdown and data.

Beside :mod:`.report`, which renders the rest of the week's review.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain.birthdays import UpcomingBirthday
from ..domain.graph import PlatformGraph
from ..domain.text import printable

__all__ = ["birthday_lines", "birthdays_data", "graph_lines"]


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def graph_lines(graph: PlatformGraph, *, bullet: str = "  ", esc: Any = printable) -> list[str]:
    """The network across tools, one line each (``esc`` makes user text safe for the output)."""
    if not graph.people:
        return [f"{bullet}No contact has a platform yet."]
    lines = [f"{bullet}{graph.people} people on a platform; {graph.on_two_or_more} "
             f"({_percent(graph.share_on_two_or_more)}) on two or more"]
    lines.append(f"{bullet}Per platform: " + ", ".join(f"{esc(p)} {n}" for p, n in graph.per_platform.items()))
    if graph.pairs:
        lines.append(f"{bullet}Overlapping most: " + ", ".join(f"{esc(a)} + {esc(b)} ({n})"
                                                             for a, b, n in graph.pairs))
    if graph.one_tool_ties:
        lines.append(f"{bullet}Known on one tool only, talked with most: " + ", ".join(
            f"{esc(t.name)} ({esc(t.platform)}, {t.interactions})" for t in graph.one_tool_ties))
    return lines


def birthday_lines(birthdays: list[UpcomingBirthday], today: date, *, bullet: str = "  ",
                   esc: Any = printable) -> list[str]:
    """Coming birthdays, soonest first."""
    if not birthdays:
        return [f"{bullet}None in the next two weeks."]
    return [f"{bullet}{esc(b.name)}: {b.on:%a %d %b} ({b.when(today)}"
            + (f", turns {b.turns})" if b.turns is not None else ")") for b in birthdays]


def birthdays_data(birthdays: list[UpcomingBirthday]) -> list[dict[str, Any]]:
    return [{"id": b.contact_id, "name": b.name, "on": b.on.isoformat(), "turns": b.turns} for b in birthdays]
