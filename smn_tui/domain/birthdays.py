"""Birthdays, with or without the year: reading them as people write them, and when the next one is.

A birthday is a :class:`datetime.date` when the year is known, or a
:class:`MonthDay` when it is not (vCard's ``--0203``, or "3 Feb" typed).
Stored, a year-less one is ``--MM-DD`` (ISO 8601 and vCard 4.0 alike). A
birthday on 29 February comes on 28 February in a year without one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "UPCOMING_DAYS",
    "Birthday",
    "BirthdayError",
    "MonthDay",
    "UpcomingBirthday",
    "age_on",
    "birthday_from_iso",
    "describe_birthday",
    "next_birthday",
    "parse_birthday",
    "upcoming_birthdays",
]

#: How far ahead the review and 'smn due' look for birthdays.
UPCOMING_DAYS = 14

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                        "nov", "dec"), 1)}


class BirthdayError(ValueError):
    """Text that is no birthday; the message names the forms accepted."""


@dataclass(frozen=True, order=True)
class MonthDay:
    """A birthday without its year."""

    month: int
    day: int

    def __post_init__(self) -> None:
        try:
            date(2000, self.month, self.day)  # a leap year: 29 February is a day
        except (ValueError, TypeError) as exc:
            raise BirthdayError(f"{self.month}/{self.day} is not a day of the year") from exc

    def isoformat(self) -> str:
        return f"--{self.month:02d}-{self.day:02d}"


Birthday = date | MonthDay

_ISO_YEARLESS = re.compile(r"--(\d{2})-?(\d{2})")
_FORMS = "a date (1990-02-03, 3 Feb 1990) or a day of the year (3 Feb, --02-03)"


def birthday_from_iso(text: str) -> Birthday:
    """A stored birthday: ``YYYY-MM-DD`` or ``--MM-DD``."""
    m = _ISO_YEARLESS.fullmatch(text)
    if m:
        return MonthDay(int(m.group(1)), int(m.group(2)))
    return date.fromisoformat(text)


_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?")


def parse_birthday(text: str, order: str | None = None) -> Birthday:
    """A birthday as typed: ``1990-02-03``, ``3 Feb 1990``, ``Feb 3 1990``, ``3 Feb``, ``--02-03``.

    Never guesses a year: without one it is a :class:`MonthDay`. Numeric forms
    such as ``3/2`` or ``10/12/1990`` are read only with a date ``order``
    (``"day-first"`` or ``"month-first"``, the date-order setting).
    """
    t = " ".join(text.strip().replace(",", " ").split())
    if not t:
        raise BirthdayError(f"a birthday is {_FORMS}")
    numeric = _NUMERIC.fullmatch(t)
    if numeric:
        return _numeric(t, numeric, order)
    m = _ISO_YEARLESS.fullmatch(t)
    if m:
        return MonthDay(int(m.group(1)), int(m.group(2)))
    try:
        return date.fromisoformat(t)
    except ValueError:
        pass
    words = t.lower().split()
    day = month = year = None
    for w in words:
        if w[:3] in _MONTHS and w.isalpha() and month is None:
            month = _MONTHS[w[:3]]
        elif w.isdigit() and len(w) == 4 and year is None:
            year = int(w)
        elif w.rstrip("stndrh").isdigit() and len(w.rstrip("stndrh")) <= 2 and day is None:
            day = int(w.rstrip("stndrh"))
        else:
            raise BirthdayError(f"'{text.strip()}' is not a birthday: write {_FORMS}")
    if day is None or month is None:
        raise BirthdayError(f"'{text.strip()}' is not a birthday: write {_FORMS}")
    try:
        return MonthDay(month, day) if year is None else date(year, month, day)
    except ValueError as exc:
        raise BirthdayError(f"'{text.strip()}' is not a day of {year or 'the year'}") from exc


def _numeric(text: str, m: re.Match[str], order: str | None) -> Birthday:
    if order not in ("day-first", "month-first"):
        raise BirthdayError(f"'{text}' could be either way round: write the month as a word (3 Feb), or set "
                            "the date order ('smn settings date-order day-first')")
    a, b = int(m.group(1)), int(m.group(2))
    day, month = (a, b) if order == "day-first" else (b, a)
    try:
        return date(int(m.group(3)), month, day) if m.group(3) else MonthDay(month, day)
    except ValueError as exc:
        raise BirthdayError(f"'{text}' is not a day of the year") from exc


def _in_year(b: Birthday, year: int) -> date:
    month, day = b.month, b.day
    if (month, day) == (2, 29):
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, month, day)


def next_birthday(b: Birthday, today: date) -> date:
    """The day of the next birthday, today included."""
    this_year = _in_year(b, today.year)
    return this_year if this_year >= today else _in_year(b, today.year + 1)


def age_on(b: Birthday, day: date) -> int | None:
    """How old someone born on ``b`` is on ``day`` (None without the year)."""
    if isinstance(b, MonthDay):
        return None
    had = (day.month, day.day) >= (b.month, b.day) or _in_year(b, day.year) <= day
    return day.year - b.year - (0 if had else 1)


def describe_birthday(b: Birthday) -> str:
    """'3 Feb 1990', or '3 Feb' without the year."""
    shown = f"{b.day} {date(2000, b.month, 1):%b}"
    return shown if isinstance(b, MonthDay) else f"{shown} {b.year}"


@dataclass(frozen=True)
class UpcomingBirthday:
    """A birthday coming soon: whose, on which day, and the age they turn (None without the year)."""

    contact_id: str
    name: str
    on: date
    turns: int | None

    def when(self, today: date) -> str:
        """'today', 'tomorrow' or 'in 5 days'."""
        n = (self.on - today).days
        return "today" if n == 0 else "tomorrow" if n == 1 else f"in {n} days"


def upcoming_birthdays(people: Iterable[tuple[str, str, Birthday]], today: date,
                       days: int = UPCOMING_DAYS) -> list[UpcomingBirthday]:
    """The birthdays of ``people`` ((id, name, birthday)) within ``days`` of ``today``, soonest first."""
    end = today + timedelta(days=days)
    out = []
    for cid, name, b in people:
        on = next_birthday(b, today)
        if on <= end:
            out.append(UpcomingBirthday(cid, name, on, age_on(b, on)))
    out.sort(key=lambda u: (u.on, u.name.casefold()))
    return out
