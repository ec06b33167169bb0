"""The weekly review as text, Markdown or JSON: one function per format, one entry point.

The review screen's export, ``smn week --format md`` and ``smn export md`` all
call :func:`render_review`. The small phrase builders here (``act_line``,
``due_state``, ``quiet_state``, ``sparkline``...) are shared with the review
screen so the screen and the file say the same thing. User text in a report line
goes through ``printable``: no note can start a line that passes for another entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import orjson

from ..domain.dates import days_ago_label
from ..domain.models import HelpfulAct, Interaction, act_kind_label
from ..domain.results import DueContact
from ..domain.review import QUIET_WEEKS, STRONG_TIE_WEEKS, TREND_WEEKS, QuietTie, WeekReview
from ..domain.text import printable

# Where the review screen saves a report: kept with the reports' other names for its callers.
from .report_files import default_export_folder as default_export_folder
from .report_files import review_file_name as review_file_name
from .report_files import write_new_file as write_new_file
from .review_extras import birthday_lines, birthdays_data, graph_lines, met_data, met_lines, met_markdown

#: The trends, in the order shown: (attribute of WeekTrend, label).
TREND_ROWS: tuple[tuple[str, str], ...] = (
    ("acts", "Helpful acts"),
    ("people", "People helped"),
    ("real", "Real interactions"),
    ("hours", "Hours on social"),
    ("support", "Support estimate"),
)

BARS = "▁▂▃▄▅▆▇█"

#: How many due contacts the text and Markdown reports list.
REPORT_DUE_LIMIT = 20


def render_review(review: WeekReview, fmt: str = "text", *, short_ids: Mapping[str, str] | None = None) -> str:
    """The review as ``text``, ``md`` or ``json``; the text shows ``short_ids`` (entry id -> short id)."""
    if fmt == "md":
        return review_markdown(review)
    if fmt == "json":
        return orjson.dumps(review_data(review), option=orjson.OPT_INDENT_2).decode() + "\n"
    return review_text(review, short_ids)


# --------------------------------------------------------------------- phrases


def number(value: float | None, missing: str = "—") -> str:
    """``6``, ``7.5``; ``missing`` for no answer."""
    if value is None:
        return missing
    return f"{value:g}" if value != int(value) else str(int(value))


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def sparkline(values: Sequence[float | None]) -> str:
    """One character per value, from zero to the largest; ``·`` for a missing value."""
    known = [v for v in values if v is not None]
    top = max(known, default=0)
    out = []
    for v in values:
        if v is None:
            out.append("·")
        elif top <= 0 or v <= 0:
            out.append(BARS[0])
        else:
            out.append(BARS[max(1, round(v / top * (len(BARS) - 1)))])
    return "".join(out)


def act_line(act: HelpfulAct, who: str = "") -> str:
    """``Wed 25 Nov · feedback · made their month, 45 min — note``."""
    whom = f" for {who}" if who else ""
    minutes = f", {act.minutes} min" if act.minutes else ""
    return (f"{act.on:%a %d %b} · {act_kind_label(act.kind)}{whom} · made their {act.impact}"
            f"{minutes} — {act.note}")


def span(days: int) -> str:
    """``40 d``, ``5 mo``, ``9 y``: exact while it matters, shorter when long ago."""
    if days < 60:
        return f"{days} d"
    if days < 730:
        return f"{days // 30} mo"
    return f"{days // 365} y"


def due_state(item: DueContact) -> str:
    """``overdue by 40 d``, ``due today``, ``due in 2 d``."""
    if item.days_overdue > 0:
        return f"overdue by {span(item.days_overdue)}"
    if item.days_overdue == 0:
        return "due today"
    return f"due in {-item.days_overdue} d"


def due_detail(item: DueContact, today: date) -> str:
    """``every 60 d, last 3 mo ago``."""
    when = "never contacted" if item.last is None else f"last {days_ago_label(item.last, today)}"
    return f"every {item.contact.cadence_days} d, {when}"


def quiet_state(tie: QuietTie) -> str:
    """``quiet for 29 d``."""
    return f"quiet for {span(tie.days)}"


def quiet_detail(tie: QuietTie) -> str:
    """``8 real interactions in the 12 weeks before, last Tue 27 Oct``."""
    return (f"{plural(tie.before, 'real interaction')} in the {STRONG_TIE_WEEKS} weeks before, "
            f"last {tie.last:%a %d %b}")


def audit_state(review: WeekReview) -> str:
    if review.audit is None:
        return "not done yet"
    return "complete" if review.audit.is_complete else "draft (not complete)"


def journal_evidence(review: WeekReview) -> str:
    """``3 acts for 4 people, 65 min given``."""
    return (f"{plural(len(review.acts), 'act')} for {plural(review.people_helped, 'person', 'people')}, "
            f"{review.minutes_given} min given")


def platform_counts(review: WeekReview, platform: str) -> tuple[int, int, int]:
    """(new connections, real, passive) on ``platform`` this week."""
    return (review.new_by_platform.get(platform, 0), review.real_by_platform.get(platform, 0),
            review.passive_by_platform.get(platform, 0))


def trend_summary(review: WeekReview, attr: str) -> tuple[str, str]:
    """(this week's value, the 12-week average over weeks with a value)."""
    values = review.series(attr)
    known = [v for v in values if v is not None]
    avg = sum(known) / len(known) if known else None
    return number(values[-1] if values else None), "—" if avg is None else f"{avg:.1f}"


def streak_line(review: WeekReview) -> str:
    if not review.streak:
        return "Audit streak: none yet"
    return f"Audit streak: {plural(review.streak, 'week')} in a row"


# --------------------------------------------------------------------- data


def review_data(review: WeekReview) -> dict[str, Any]:
    """The week's data for scripts: interactions, acts (with their people), audit, and the rest."""
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
        "people_met": met_data(review),
        "by_platform": {
            p: dict(zip(("new_connections", "real", "passive"), platform_counts(review, p), strict=True))
            for p in review.platforms
        },
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
        "losing_touch": {
            "as_of": review.today.isoformat(),
            "due_total": review.due_total,
            "due": [
                {"id": d.contact.id, "name": d.contact.name, "cadence_days": d.contact.cadence_days,
                 "last": d.last.isoformat() if d.last else None, "due": d.due.isoformat(),
                 "days_overdue": d.days_overdue}
                for d in review.due
            ],
            "quiet": [
                {"id": q.contact.id, "name": q.contact.name, "before": q.before,
                 "last": q.last.isoformat(), "days": q.days}
                for q in review.quiet
            ],
        },
        "trends": [
            {"week": t.week.key, "acts": t.acts, "people": t.people, "real": t.real,
             "hours": t.hours, "support": t.support, "audit_complete": t.audit_complete}
            for t in review.trends
        ],
        "audit_streak": review.streak,
        "graph": review.graph.to_json(),
        "birthdays": birthdays_data(review.birthdays),
    }


# --------------------------------------------------------------------- text


def review_text(review: WeekReview, short_ids: Mapping[str, str] | None = None) -> str:
    def tagged(entry: Interaction | HelpfulAct) -> str:  # the short id that 'smn entry edit' takes, first
        sid = short_ids.get(entry.id) if short_ids else None
        return f"{sid}  " if sid else ""

    lines = [f"Week {review.week.label}", ""]
    lines.append(f"Who you helped: {journal_evidence(review)}")
    for person in review.helped:
        lines.append(f"  {printable(person.contact.name)} ({len(person.acts)})")
        for act in person.acts:
            lines.append(f"    {tagged(act)}{printable(act_line(act))}")
    lines.append("")
    lines.append(
        f"New connections and real interactions: {len(review.new_connections)} new, "
        f"{review.real_interactions} real, {review.passive_interactions} passive"
    )
    for p in review.platforms:
        new, real, passive = platform_counts(review, p)
        lines.append(f"  {printable(p)}: {new} new, {real} real, {passive} passive")
    lines += met_lines(review, tagged)
    lines.append("")
    lines.append("Your network across tools")
    lines += graph_lines(review.graph)
    lines.append("")
    lines.append("Birthdays in the next two weeks")
    lines += birthday_lines(review.birthdays, review.today)
    lines.append("")
    lines.append(f"Losing touch (as of {review.today:%a %d %b %Y})")
    if not review.due and not review.quiet:
        lines.append("  Nobody: everyone with a cadence is in touch and no strong tie has gone quiet.")
    if review.due:
        lines.append("  Due or overdue for their cadence:")
        for d in review.due[:REPORT_DUE_LIMIT]:
            lines.append(f"    {printable(d.contact.name)}: {due_state(d)} ({due_detail(d, review.today)})")
        if review.due_total > REPORT_DUE_LIMIT:
            lines.append(f"    and {review.due_total - REPORT_DUE_LIMIT} more")
    if review.quiet:
        lines.append(f"  Strong ties gone quiet (no real interaction in {QUIET_WEEKS} weeks):")
        for q in review.quiet:
            lines.append(f"    {printable(q.contact.name)}: {quiet_state(q)} ({quiet_detail(q)})")
    lines.append("")
    lines.append(f"Audit vs journal: audit {audit_state(review)}")
    lines.append(f"  Hours on social platforms: {number(review.audit_hours)}")
    lines.append(f"  Support estimate: {number(review.audit_support)}")
    lines.append(f"  Journal: {journal_evidence(review)}")
    lines.append("")
    lines.append(f"Trends, {TREND_WEEKS} weeks to {review.week.key} (this week, average)")
    for attr, label in TREND_ROWS:
        now, avg = trend_summary(review, attr)
        lines.append(f"  {label:<18} {sparkline(review.series(attr))}  {now:>4}  {avg:>5}")
    lines.append(f"  {streak_line(review)}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------- Markdown


_SPACES = str.maketrans("\r\n\t", "   ")


def md(text: str) -> str:
    """Escape Markdown's active characters in user text, on one line (see :func:`printable`)."""
    safe = printable(text.translate(_SPACES), line_break=" ")
    return "".join("\\" + ch if ch in "\\`*_[]<>#|~&!" else ch for ch in safe)


def review_markdown(review: WeekReview) -> str:
    lines = [f"# Week {review.week.label}", ""]

    lines += ["## Who you helped", ""]
    if not review.helped:
        lines.append("No helpful acts logged this week.")
    for person in review.helped:
        lines.append(f"- **{md(person.contact.name)}** ({len(person.acts)})")
        for act in person.acts:
            lines.append(f"  - {md(act_line(act))}")
    lines += ["", f"{journal_evidence(review).capitalize()}.", ""]

    lines += ["## New connections and real interactions", ""]
    lines.append(f"{plural(len(review.new_connections), 'new connection')}, "
                 f"{plural(review.real_interactions, 'real interaction')}, "
                 f"{review.passive_interactions} passive.")
    if review.platforms:
        lines += ["", "| Platform | New | Real | Passive |", "|---|---:|---:|---:|"]
        for p in review.platforms:
            new, real, passive = platform_counts(review, p)
            lines.append(f"| {md(p)} | {new} | {real} | {passive} |")
        lines.append("")
    lines += met_markdown(review, md)

    lines += ["## Your network across tools", "", *graph_lines(review.graph, bullet="- ", esc=md), ""]
    lines += ["## Birthdays in the next two weeks", "",
              *birthday_lines(review.birthdays, review.today, bullet="- ", esc=md), ""]
    lines += _markdown_losing_touch(review)

    lines += ["## Audit vs journal", "", f"Audit: {audit_state(review)}.", ""]
    lines += ["| | Your answer | The journal |", "|---|---|---|"]
    lines.append(f"| Hours on social platforms | {number(review.audit_hours)} | |")
    lines.append(f"| Support estimate | {number(review.audit_support)} | |")
    lines.append(f"| Helping others | | {journal_evidence(review)} |")
    if review.audit is not None and review.audit.intention:
        lines += ["", f"Intention for next week: {md(review.audit.intention)}"]
    lines.append("")

    lines += [f"## Trends, {TREND_WEEKS} weeks to {review.week.key}", ""]
    lines += ["| | Weekly | This week | Average |", "|---|---|---:|---:|"]
    for attr, label in TREND_ROWS:
        now, avg = trend_summary(review, attr)
        lines.append(f"| {label} | {sparkline(review.series(attr))} | {now} | {avg} |")
    lines += ["", f"{streak_line(review)}."]
    return "\n".join(lines) + "\n"


def _markdown_losing_touch(review: WeekReview) -> list[str]:
    lines = ["## Losing touch", "", f"As of {review.today:%a %d %b %Y}.", ""]
    if not review.due and not review.quiet:
        lines += ["Nobody: everyone with a cadence is in touch and no strong tie has gone quiet.", ""]
    if review.due:
        lines += ["### Due or overdue for their cadence", ""]
        for d in review.due[:REPORT_DUE_LIMIT]:
            lines.append(f"- **{md(d.contact.name)}**: {due_state(d)} ({due_detail(d, review.today)})")
        if review.due_total > REPORT_DUE_LIMIT:
            lines.append(f"- and {review.due_total - REPORT_DUE_LIMIT} more")
        lines.append("")
    if review.quiet:
        lines += [f"### Strong ties gone quiet (no real interaction in {QUIET_WEEKS} weeks)", ""]
        for q in review.quiet:
            lines.append(f"- **{md(q.contact.name)}**: {quiet_state(q)} ({quiet_detail(q)})")
        lines.append("")
    return lines
