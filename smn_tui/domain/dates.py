"""Weeks and dates as people type them.

A week starts on Monday by default (ISO), or on Sunday when the user prefers.
Either way a week is named by the ISO week of its Monday (``2026-W48``), so
keys sort and compare the same under both settings.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import cast

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
_UNITS = r"(d|day|days|w|wk|week|weeks|m|month|months)"
_AGO = re.compile(rf"^(\d{{1,4}}|an?|one)\s*{_UNITS}\s+ago$")
_IN = re.compile(rf"^in\s+(\d{{1,4}}|an?|one)\s*{_UNITS}$")
#: All digits: 3/4, 3.4.2026, 03-04-2026, 2026/03/04 (the separators must agree).
_NUMERIC = re.compile(r"^(\d{1,4})([/.-])(\d{1,2})(?:\2(\d{1,4}))?$")
#: English names, whatever the locale: the journal's dates read the same everywhere.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {name.lower()[:size]: n for n, name in enumerate(MONTH_NAMES, 1) for size in (3, len(name))}
_MONTHS["sept"] = 9

#: The calendar smn accepts (weeks too): far enough back for any birthday, and short of
#: the end of Python's calendar, where a week's arithmetic would run off it.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(9998, 12, 31)

#: How a numeric date such as 3/4 is read: the user's choice in the settings.
DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)

ACCEPTED_DATES = (
    "a date like 2026-11-24 or 24 Nov 2026, or today, yesterday, "
    "a weekday (friday, last friday), 'N days ago' or 'last week'"
)


class DateInputError(ValueError):
    """Text that is not a date the journal accepts; the message says what is."""


class AmbiguousDateError(DateInputError):
    """A numeric date (``3/4``) read without a date order: it could be either of two dates."""


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
        return f"{year:04d}-W{num:02d}"

    @property
    def week_start(self) -> str:
        return MONDAY if self.start.weekday() == 0 else SUNDAY

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.start <= day <= self.end

    def shift(self, weeks: int) -> Week:
        return Week(_moved(self.start, relativedelta(weeks=weeks)))

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


def _moved(day: date, delta: relativedelta) -> date:
    """``day`` moved by ``delta``: a date (dateutil has no type information to say so)."""
    return cast(date, day + delta)


def week_of(day: date, week_start: str = MONDAY) -> Week:
    """The week holding ``day``."""
    if isinstance(day, datetime):
        day = day.date()
    if week_start == SUNDAY:
        return Week(_moved(day, relativedelta(weekday=SU(-1))))
    return Week(_moved(day, relativedelta(weekday=MO(-1))))


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


def parse_week(text: str, today: date, week_start: str = MONDAY, *, order: str | None = None) -> Week:
    """A week from a week key (``2026-W48``), ``this week``/``last week``, or any date in it
    (read as :func:`parse_date` reads it, with the date ``order``)."""
    word = (text or "").strip().lower()
    if word in ("", "this", "this week", "now"):
        week = week_of(today, week_start)
    elif word in ("last", "last week", "previous"):
        week = week_of(today, week_start).previous()
    elif _WEEK_KEY.match(word):
        week = week_from_key(word, week_start)
    else:
        week = week_of(parse_date(text, today, allow_future=True, order=order), week_start)
    year = int(week.key.split("-")[0])
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise DateInputError(f"'{text.strip()}' is out of range: weeks run from {FIRST_DAY.year} "
                             f"to {LAST_DAY.year}.")
    return week


def parse_date(text: str, today: date, *, allow_future: bool = False, order: str | None = None) -> date:
    """A date from what a person types: the one parser of the app and the command line.

    Accepts ISO dates (``2026-03-04``), written dates (``4 Mar``, ``March 4,
    2026``, ``Wed 4 Mar 2026``), ``today``, ``yesterday``, ``tomorrow``,
    weekday names (the most recent one, today included), ``last friday`` (the
    one before today), ``next friday``, ``N days/weeks/months ago``, ``in N
    days`` and ``last week`` (a week before today). A numeric date such as
    ``3/4`` is read only with a date ``order`` (:data:`DAY_FIRST` or
    :data:`MONTH_FIRST`); without one it raises :class:`AmbiguousDateError`.
    An impossible date (``32 Dec``) is refused, and so is a future date unless
    ``allow_future``.
    """
    raw = (text or "").strip()
    word = " ".join(raw.lower().split())
    if not word:
        raise DateInputError(f"Enter a date: {ACCEPTED_DATES}.")
    result = _relative(word, today)
    if result is None:
        try:
            result = date.fromisoformat(raw)
        except ValueError:
            result = None
    if result is None:
        if not re.search(r"\d", word) or len(word) > 40:
            raise DateInputError(f"'{raw}' is not a date. Use {ACCEPTED_DATES}.")
        result = _numeric(raw, word, today, order) if _NUMERIC.match(word) else _written(raw, word, today)
    if result < FIRST_DAY:
        raise DateInputError(f"'{raw}' is too long ago; dates start in {FIRST_DAY.year}.")
    if result > LAST_DAY:
        raise DateInputError(f"'{raw}' is too far ahead; dates end in {LAST_DAY.year}.")
    if result > today and not allow_future:
        raise DateInputError(f"{result.isoformat()} is in the future: future dates are refused.")
    return result


def _relative(word: str, today: date) -> date | None:
    """``today``, ``yesterday``, a weekday, ``3 days ago``...; None for anything else."""
    if word in ("today", "now", "tod"):
        return today
    if word in ("yesterday", "yday", "yest"):
        return today - timedelta(days=1)
    if word in ("tomorrow", "tmrw", "tmr"):
        return today + timedelta(days=1)
    if word == "last week":
        return today - timedelta(days=7)
    if word in _WEEKDAYS:
        return _moved(today, relativedelta(weekday=_WEEKDAYS[word](-1)))
    first, _, rest = word.partition(" ")
    if first in ("last", "next") and rest in _WEEKDAYS:
        if first == "last":
            return _moved(today - timedelta(days=1), relativedelta(weekday=_WEEKDAYS[rest](-1)))
        return _moved(today + timedelta(days=1), relativedelta(weekday=_WEEKDAYS[rest](+1)))
    m = _AGO.match(word) or _IN.match(word)
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else 1
    sign = -1 if word.endswith(" ago") else 1
    unit = m.group(2)
    try:
        if unit.startswith("d"):
            return today + sign * timedelta(days=n)
        if unit.startswith("w"):
            return today + sign * timedelta(weeks=n)
        return _moved(today, relativedelta(months=sign * n))
    except (OverflowError, ValueError) as exc:
        raise DateInputError(f"'{word}' is out of range; dates run from {FIRST_DAY.year} to {LAST_DAY.year}.") from exc


def _numeric(raw: str, word: str, today: date, order: str | None) -> date:
    """``3/4``, ``3.4.2026``, ``2026/03/04``: year first is clear; day and month need ``order``."""
    m = _NUMERIC.match(word)
    assert m is not None
    a, b, c = m.group(1), m.group(3), m.group(4)
    if len(a) == 4:
        if c is None:
            raise DateInputError(f"'{raw}' is not a date. Use {ACCEPTED_DATES}.")
        return _make(raw, int(a), int(b), int(c))
    if c is not None and len(c) != 4:
        raise DateInputError(f"'{raw}': write the year in full (like 2026), or write the date as 2026-03-04.")
    year = int(c) if c is not None else today.year
    if order == DAY_FIRST:
        return _make(raw, year, int(b), int(a), f" ({raw} is read day first)")
    if order == MONTH_FIRST:
        return _make(raw, year, int(a), int(b), f" ({raw} is read month first)")
    readings = []
    for month, day in ((int(b), int(a)), (int(a), int(b))):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            pass
    if not readings:
        raise DateInputError(f"'{raw}' is not a date. Use {ACCEPTED_DATES}.")
    shown = " or ".join(dict.fromkeys(_day_month(d) for d in readings))
    first = readings[-1]  # the month-first reading when both exist
    raise AmbiguousDateError(
        f"'{raw}' could be {shown}: write the month as a word ({_day_month(first)}) or the date as "
        f"{first.isoformat()}, or set the date order (day-first or month-first)."
    )


def _written(raw: str, word: str, today: date) -> date:
    """``4 Mar``, ``March 4, 2026``, ``Wed 4 Mar 2026``, ``4th of March``."""
    parts = [p for p in re.split(r"[\s,./-]+", word) if p and p != "of"]
    weekday = parts.pop(0) if len(parts) > 2 and parts[0] in _WEEKDAYS else None
    parts = [p[:-2] if re.fullmatch(r"\d{1,2}(st|nd|rd|th)", p) else p for p in parts]
    month: int | None = None
    day = ""
    year: str | None = None
    if len(parts) in (2, 3):
        if parts[0] in _MONTHS and parts[1].isdigit():
            month, day = _MONTHS[parts[0]], parts[1]
        elif parts[1] in _MONTHS and parts[0].isdigit():
            month, day = _MONTHS[parts[1]], parts[0]
        if len(parts) == 3:
            year = parts[2]
    if month is None or len(day) > 2 or (year is not None and not (year.isdigit() and len(year) == 4)):
        raise DateInputError(f"'{raw}' is not a date. Use {ACCEPTED_DATES}.")
    result = _make(raw, int(year) if year else today.year, month, int(day))
    if weekday is not None and _WEEKDAYS[weekday].weekday != result.weekday():
        raise DateInputError(f"'{raw}' is not a date: {_day_month(result)} {result.year} is a "
                             f"{_DAY_NAMES[result.weekday()]}.")
    return result


def _make(raw: str, year: int, month: int, day: int, how: str = "") -> date:
    """The date, or a message that says what is impossible about it."""
    if not 1 <= month <= 12:
        raise DateInputError(f"'{raw}' is not a date: there is no month {month}{how}.")
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise DateInputError(f"'{raw}' is out of range; dates run from {FIRST_DAY.year} to {LAST_DAY.year}.")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateInputError(f"'{raw}' is not a date: {MONTH_NAMES[month - 1]} {year} has {last} days{how}.")
    return date(year, month, day)


def _day_month(day: date) -> str:
    """``4 Mar``."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]}"


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
