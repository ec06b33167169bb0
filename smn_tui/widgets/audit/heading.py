"""The audit's heading lines: which week, how far along it is, the streak."""

from __future__ import annotations

from rich.text import Text

from ...domain.dates import Week
from ...domain.models import WeeklyAudit


def audit_state(audit: WeeklyAudit | None) -> str:
    """``complete ✓ 22 Nov``, ``draft`` or ``not started``."""
    if audit is not None and audit.completed is not None:
        return f"complete ✓ {audit.completed:%-d %b}"
    return "draft" if audit is not None else "not started"


def audit_title(week: Week, this_week: Week) -> Text:
    """``Weekly audit  23–29 Nov 2026 · this week``."""
    when = ""
    if week == this_week:
        when = " · this week"
    elif week < this_week:
        n = (this_week.start - week.start).days // 7
        when = f" · {n} week{'s' if n != 1 else ''} ago"
    return Text.assemble(("Weekly audit  ", "bold"), week.label, when)


def audit_status(streak: int, done: int, need: int) -> Text:
    """The streak, the required questions done, and the keys to move on."""
    return Text.assemble(
        ("Streak ", "dim"), (f"{streak} week{'s' if streak != 1 else ''}", "bold"),
        ("  ·  Required ", "dim"), (f"{done}/{need}", "bold"),
        ("  ·  Esc leaves a field, [ ] change week", "dim"),
    )
