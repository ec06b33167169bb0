"""When a contact with a stay-in-touch cadence is due: the one home of the rule.

A contact with a cadence of N days is due N days after the last interaction or
helpful act with them, or N days after they were added when there is none.
Past that date they are *overdue*; within :data:`DUE_SOON_DAYS` before it they
are *due* (soon); earlier they are *ok*. Archived contacts and contacts without
a cadence are never due. The store, the screens and the command line all ask
this module.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final, Literal

__all__ = ["DUE_SOON_DAYS", "DueStatus", "created_day", "due_date", "due_state", "due_status", "is_due"]

#: How many days before the due date a contact counts as due soon.
DUE_SOON_DAYS: Final = 3

DueStatus = Literal["overdue", "due", "ok"]


def due_status(days_overdue: int) -> DueStatus:
    """``overdue`` past the due date, ``due`` within :data:`DUE_SOON_DAYS` of it, else ``ok``."""
    if days_overdue > 0:
        return "overdue"
    if days_overdue >= -DUE_SOON_DAYS:
        return "due"
    return "ok"


def is_due(status: str) -> bool:
    """True for a status that asks for contact now (due soon or overdue)."""
    return status in ("due", "overdue")


def due_date(cadence_days: int, last: date | None, created: date) -> date:
    """The day contact is due: ``cadence_days`` after the last contact, or after ``created`` without one."""
    return (last or created) + timedelta(days=cadence_days)


def created_day(created: date | str) -> date:
    """The day a contact was added, from a date or the ISO timestamp a journal keeps."""
    if isinstance(created, date):
        return created
    return date.fromisoformat(created[:10])


def due_state(cadence_days: int | None, archived: bool, created: date | str, last: date | None,
              today: date) -> tuple[DueStatus | Literal[""], date | None, int | None]:
    """(status, due date, days overdue) for one contact; ``("", None, None)`` when never due.

    Days overdue are negative while there are days left.
    """
    if not cadence_days or archived:
        return "", None, None
    due = due_date(cadence_days, last, created_day(created))
    overdue = (today - due).days
    return due_status(overdue), due, overdue
