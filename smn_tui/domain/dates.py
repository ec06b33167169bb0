"""Weeks and dates as people type them.

A week starts on Monday by default (ISO), or on Sunday when the user prefers.
Either way a week is named by the ISO week of its Monday (``2026-W48``), so
keys sort and compare the same under both settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

MONDAY = "monday"
SUNDAY = "sunday"

_WEEK_KEY = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
_WEEKDAYS = {
    "monday": MO, "mon": MO,
    "tuesday": TU, "tue": TU, "tues": TU,
    "wednesday": WE, "wed": WE,
    "thursday": TH, "thu": TH, "thur": TH, "thurs": TH,
    "friday": FR, "fri": FR,
    "saturday": SA, "sat": SA,
    "sunday": SU, "sun": SU,
}
_AGO = re.compile(r"^(\d{1,4}|an?|one)\s*(d|day|days|w|wk|week|weeks|m|month|months)\s+ago$")

ACCEPTED_DATES = (
    "a date like 2026-11-24 or 24 Nov 2026, or today, yesterday, "
    "a weekday (friday, last friday), 'N days ago' or 'last week'"
)


class DateInputError(ValueError):
    """Text that is not a date the journal accepts; the message says what is."""


@dataclass(frozen=True, order=True)
class Week:
    """Seven days starting on ``start``; ``key`` is the ISO week of its Monday."""

    start: date

    @property
    def end(self) -> date:
        """The last day of the week (inclusive)."""
        return self.start + timedelta(days=6)

    @property
    def key(self) -> str:
        monday = self.start if self.start.weekday() == 0 else self.start + timedelta(days=1)
        year, num, _ = monday.isocalendar()
        return f"{year}-W{num:02d}"

    @property
    def week_start(self) -> str:
        return MONDAY if self.start.weekday() == 0 else SUNDAY

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.start <= day <= self.end

    def shift(self, weeks: int) -> Week:
        return Week(self.start + relativedelta(weeks=weeks))

    def next(self) -> Week:
        return self.shift(1)

    def previous(self) -> Week:
        return self.shift(-1)

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(7)]

    @property
    def label(self) -> str:
        """``2026-W48 · 23–29 Nov 2026``."""
        s, e = self.start, self.end
        if s.year != e.year:
            span = f"{s.day} {s:%b} {s.year} – {e.day} {e:%b} {e.year}"
        elif s.month != e.month:
            span = f"{s.day} {s:%b} – {e.day} {e:%b} {e.year}"
        else:
            span = f"{s.day}–{e.day} {e:%b} {e.year}"
        return f"{self.key} · {span}"


def week_of(day: date, week_start: str = MONDAY) -> Week:
    """The week holding ``day``."""
    if isinstance(day, datetime):
        day = day.date()
    if week_start == SUNDAY:
        return Week(day + relativedelta(weekday=SU(-1)))
    return Week(day + relativedelta(weekday=MO(-1)))


def week_from_key(key: str, week_start: str = MONDAY) -> Week:
    """The week named ``2026-W48`` (raises :class:`DateInputError`)."""
    m = _WEEK_KEY.match(key or "")
    if not m:
        raise DateInputError(f"'{key}' is not a week; use a week like 2026-W48")
    year, num = int(m.group(1)), int(m.group(2))
    try:
        monday = date.fromisocalendar(year, num, 1)
    except ValueError as exc:
        raise DateInputError(f"{year} has no week {num}") from exc
    return Week(monday - timedelta(days=1)) if week_start == SUNDAY else Week(monday)


def parse_week(text: str, today: date, week_start: str = MONDAY) -> Week:
    """A week from a week key (``2026-W48``), ``this week``/``last week``, or any date in it."""
    word = (text or "").strip().lower()
    if word in ("", "this", "this week", "now"):
        return week_of(today, week_start)
    if word in ("last", "last week", "previous"):
        return week_of(today, week_start).previous()
    if _WEEK_KEY.match(word):
        return week_from_key(word, week_start)
    return week_of(parse_date(text, today, allow_future=True), week_start)


def parse_date(text: str, today: date, *, allow_future: bool = False) -> date:
    """A date from what a person types.

    Accepts ISO dates, written dates (via dateutil), ``today``, ``yesterday``,
    weekday names (the most recent one, today included), ``last friday`` (the
    one before today), ``N days/weeks/months ago`` and ``last week`` (a week
    before today). Future dates are refused unless ``allow_future``.
    """
    raw = (text or "").strip()
    word = " ".join(raw.lower().split())
    if not word:
        raise DateInputError(f"Enter a date: {ACCEPTED_DATES}.")
    result: date | None = None
    if word in ("today", "now", "tod"):
        result = today
    elif word in ("yesterday", "yday", "yest"):
        result = today - timedelta(days=1)
    elif word == "last week":
        result = today - timedelta(days=7)
    elif word in _WEEKDAYS:
        result = today + relativedelta(weekday=_WEEKDAYS[word](-1))
    elif word.startswith("last ") and word[5:] in _WEEKDAYS:
        result = (today - timedelta(days=1)) + relativedelta(weekday=_WEEKDAYS[word[5:]](-1))
    elif m := _AGO.match(word):
        n = int(m.group(1)) if m.group(1).isdigit() else 1
        unit = m.group(2)
        if unit.startswith("d"):
            result = today - timedelta(days=n)
        elif unit.startswith("w"):
            result = today - timedelta(weeks=n)
        else:
            result = today - relativedelta(months=n)
    else:
        try:
            result = date.fromisoformat(raw)
        except ValueError:
            result = None
        if result is None:
            if not re.search(r"\d", word) or len(word) > 40:
                raise DateInputError(f"'{raw}' is not a date. Use {ACCEPTED_DATES}.")
            # Imported here: the parser brings time zone support with it (15 ms of every start).
            from dateutil import parser as dateparser

            try:
                default = datetime(today.year, today.month, today.day)
                result = dateparser.parse(raw, default=default, dayfirst=False).date()
            except (ValueError, OverflowError, TypeError) as exc:
                raise DateInputError(f"'{raw}' is not a date. Use {ACCEPTED_DATES}.") from exc
    if result.year < 1900:
        raise DateInputError(f"'{raw}' is too long ago; dates start in 1900.")
    if result > today and not allow_future:
        raise DateInputError(f"{result.isoformat()} is in the future; log what already happened.")
    return result


def days_ago_label(day: date | None, today: date) -> str:
    """``today``, ``1 d ago``, ``3 w ago``, ``2 y ago``; ``never`` for no date."""
    if day is None:
        return "never"
    n = (today - day).days
    if n < 0:
        return "ahead"
    if n == 0:
        return "today"
    if n < 14:
        return f"{n} d ago"
    if n < 70:
        return f"{n // 7} w ago"
    if n < 730:
        return f"{n // 30} mo ago"
    return f"{n // 365} y ago"
