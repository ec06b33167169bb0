"""The one rule for who is due for contact: a cadence in days from the last contact (or from when
they were added), overdue after it, due soon within :data:`DUE_SOON_DAYS` of it."""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["DUE_SOON_DAYS", "due_date", "due_status"]

#: How many days before the due date a contact counts as due.
DUE_SOON_DAYS = 3


def due_date(cadence_days: int, last: date | None, created: date) -> date:
    """When a contact with this cadence is next due: from the last contact, or from when they were added."""
    return (last or created) + timedelta(days=cadence_days)


def due_status(days_overdue: int) -> str:
    """'overdue' past the due date, 'due' within DUE_SOON_DAYS of it, else 'ok'."""
    if days_overdue > 0:
        return "overdue"
    if days_overdue >= -DUE_SOON_DAYS:
        return "due"
    return "ok"
