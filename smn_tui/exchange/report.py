"""The weekly review as text, Markdown or JSON: one function per format, one entry point.

The review screen's export, ``smn week --format md`` and ``smn export md`` all
call :func:`render_review`.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..domain.models import act_kind_label
from ..domain.review import WeekReview


def render_review(review: WeekReview, fmt: str = "text") -> str:
    if fmt == "md":
        return review_markdown(review)
    if fmt == "json":
        return orjson.dumps(review_data(review), option=orjson.OPT_INDENT_2).decode() + "\n"
    return review_text(review)


def review_data(review: WeekReview) -> dict[str, Any]:
    """The week's data for scripts: interactions, acts (with their people), audit."""
    def people(ids: list[str]) -> list[dict[str, str]]:
        return [{"id": i, "name": review.names.get(i, "")} for i in ids]

    return {
        "week": review.week.key,
        "start": review.week.start.isoformat(),
        "end": review.week.end.isoformat(),
        "interactions": [
            {**i.to_doc(), "contacts": people(i.contact_ids)} for i in review.interactions
        ],
        "acts": [{**a.to_doc(), "contacts": people(a.contact_ids)} for a in review.acts],
        "helped": [
            {"id": p.contact.id, "name": p.contact.name, "acts": [a.id for a in p.acts]}
            for p in review.helped
        ],
        "totals": {
            "acts": len(review.acts),
            "people_helped": review.people_helped,
            "minutes_given": review.minutes_given,
            "new_connections": len(review.new_connections),
            "real_interactions": review.real_interactions,
            "passive_interactions": review.passive_interactions,
            "impact": review.impact_counts,
        },
        "audit": None if review.audit is None else {
            "answers": review.audit.answers,
            "intention": review.audit.intention,
            "completed": review.audit.completed.isoformat() if review.audit.completed else None,
        },
    }


def _act_line(review: WeekReview, act, *, with_people: bool) -> str:
    who = f" for {review.who(act.contact_ids)}" if with_people else ""
    minutes = f", {act.minutes} min" if act.minutes else ""
    return (f"{act.on:%a %d %b} · {act_kind_label(act.kind)}{who} · made their {act.impact}"
            f"{minutes} — {act.note}")


def review_text(review: WeekReview) -> str:
    lines = [f"Week {review.week.label}", ""]
    lines.append(
        f"Helpful acts: {len(review.acts)} for {review.people_helped} people, "
        f"{review.minutes_given} min given"
    )
    for person in review.helped:
        lines.append(f"  {person.contact.name} ({len(person.acts)})")
        for act in person.acts:
            lines.append(f"    {_act_line(review, act, with_people=False)}")
    lines.append("")
    lines.append(
        f"Interactions: {review.real_interactions} real, {review.passive_interactions} passive, "
        f"{len(review.new_connections)} new connections"
    )
    for i in review.interactions:
        mode = "" if i.real else " (passive)"
        via = f" via {i.platform}" if i.platform else ""
        note = f" — {i.note}" if i.note else ""
        lines.append(f"  {i.on:%a %d %b} · {i.kind}{mode} with {review.who(i.contact_ids)}{via}{note}")
    if review.due:
        lines.append("")
        lines.append("Due or overdue:")
        for d in review.due[:20]:
            state = f"overdue by {d.days_overdue} d" if d.days_overdue > 0 else "due"
            lines.append(f"  {d.contact.name} ({state})")
    lines.append("")
    if review.audit is None:
        lines.append("Audit: not done yet")
    else:
        lines.append("Audit: " + ("complete" if review.audit.is_complete else "draft"))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Escape Markdown's active characters in user text."""
    out = []
    for ch in text:
        if ch in "\\`*_[]<>#|":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out).replace("\n", " ")


def review_markdown(review: WeekReview) -> str:
    lines = [f"# Week {review.week.label}", ""]
    lines.append("## Who you helped")
    lines.append("")
    if not review.helped:
        lines.append("No helpful acts logged this week.")
    for person in review.helped:
        lines.append(f"- **{_md(person.contact.name)}** ({len(person.acts)})")
        for act in person.acts:
            lines.append(f"  - {_md(_act_line(review, act, with_people=False))}")
    lines.append("")
    lines.append(f"{len(review.acts)} acts for {review.people_helped} people, {review.minutes_given} minutes given.")
    lines.append("")
    lines.append("## Interactions")
    lines.append("")
    lines.append(f"{review.real_interactions} real, {review.passive_interactions} passive, "
                 f"{len(review.new_connections)} new connections.")
    for i in review.interactions:
        mode = "" if i.real else " (passive)"
        via = f" via {i.platform}" if i.platform else ""
        note = f" — {_md(i.note)}" if i.note else ""
        lines.append(f"- {i.on:%a %d %b} · {i.kind}{mode} with {_md(review.who(i.contact_ids))}{via}{note}")
    lines.append("")
    lines.append("## Audit")
    lines.append("")
    if review.audit is None:
        lines.append("Not done yet.")
    else:
        lines.append("Complete." if review.audit.is_complete else "Draft.")
    return "\n".join(lines) + "\n"
