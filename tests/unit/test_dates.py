"""Weeks and date input, on a pinned clock (today is Wednesday 25 Nov 2026, week 2026-W48)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from smn_tui.domain.dates import (
    DAY_FIRST,
    MONDAY,
    MONTH_FIRST,
    SUNDAY,
    AmbiguousDateError,
    DateInputError,
    Week,
    days_ago_label,
    parse_date,
    parse_week,
    week_from_key,
    week_of,
)

from ..seed import TODAY

# ------------------------------------------------------------------ weeks


def test_week_of_monday_start():
    w = week_of(TODAY)
    assert (w.start, w.end, w.key) == (date(2026, 11, 23), date(2026, 11, 29), "2026-W48")
    assert week_of(date(2026, 11, 23)) == w and week_of(date(2026, 11, 29)) == w
    assert week_of(date(2026, 11, 30)).key == "2026-W49"
    assert week_of(datetime(2026, 11, 25, 23, 59)) == w


def test_week_of_sunday_start_keeps_the_iso_key_of_its_monday():
    w = week_of(TODAY, SUNDAY)
    assert (w.start, w.end) == (date(2026, 11, 22), date(2026, 11, 28))
    assert w.key == "2026-W48" and w.week_start == SUNDAY
    # A Sunday opens the next week when weeks start on Sunday, and closes it on Monday start.
    assert week_of(date(2026, 11, 29), SUNDAY).start == date(2026, 11, 29)
    assert week_of(date(2026, 11, 29), SUNDAY).key == "2026-W49"
    assert week_of(date(2026, 11, 29), MONDAY).key == "2026-W48"


@pytest.mark.parametrize("day,key", [
    (date(2026, 12, 31), "2026-W53"),   # 2026 has 53 ISO weeks
    (date(2027, 1, 1), "2026-W53"),
    (date(2027, 1, 3), "2026-W53"),
    (date(2027, 1, 4), "2027-W01"),
    (date(2024, 12, 30), "2025-W01"),   # a Monday in December that opens the next ISO year
    (date(2021, 1, 3), "2020-W53"),
])
def test_keys_across_year_boundaries(day, key):
    assert week_of(day).key == key
    assert day in week_from_key(key)


def test_week_53_sunday_start_and_label_spanning_years():
    w = week_from_key("2026-W53")
    assert (w.start, w.end) == (date(2026, 12, 28), date(2027, 1, 3))
    assert w.label == "2026-W53 · 28 Dec 2026 – 3 Jan 2027"
    s = week_from_key("2026-W53", SUNDAY)
    assert s.start == date(2026, 12, 27) and s.key == "2026-W53"
    assert w.next().key == "2027-W01" and w.previous().key == "2026-W52"


def test_labels_within_and_across_months():
    assert week_of(TODAY).label == "2026-W48 · 23–29 Nov 2026"
    assert week_of(date(2026, 12, 1)).label == "2026-W49 · 30 Nov – 6 Dec 2026"


def test_week_shift_contains_and_days():
    w = week_of(TODAY)
    assert w.shift(-12).start == date(2026, 8, 31)
    assert w.shift(3) == w.next().next().next()
    assert TODAY in w and date(2026, 11, 30) not in w and "2026-11-25" not in w
    assert w.days()[0] == w.start and w.days()[-1] == w.end and len(w.days()) == 7
    assert Week(date(2026, 11, 16)) < w


def test_week_from_key_refuses_bad_keys():
    with pytest.raises(DateInputError, match="2026-W48"):
        week_from_key("week 48")
    with pytest.raises(DateInputError, match="no week 53"):
        week_from_key("2025-W53")
    assert week_from_key("2026w48").key == "2026-W48"


def test_parse_week():
    assert parse_week("2026-W47", TODAY).key == "2026-W47"
    assert parse_week("this week", TODAY).key == "2026-W48"
    assert parse_week("", TODAY).key == "2026-W48"
    assert parse_week("last week", TODAY).key == "2026-W47"
    assert parse_week("2026-11-18", TODAY).key == "2026-W47"
    assert parse_week("2026-11-29", TODAY, SUNDAY).start == date(2026, 11, 29)
    assert parse_week("2026-12-02", TODAY).key == "2026-W49"  # a future week may be viewed
    with pytest.raises(DateInputError):
        parse_week("whenever", TODAY)


# ------------------------------------------------------------------ date input


@pytest.mark.parametrize("text,expected", [
    ("2026-11-24", date(2026, 11, 24)),
    ("  2026-01-05 ", date(2026, 1, 5)),
    ("24 Nov 2026", date(2026, 11, 24)),
    ("November 3, 2026", date(2026, 11, 3)),
    ("Nov 3", date(2026, 11, 3)),
    ("3 Nov", date(2026, 11, 3)),
    ("today", TODAY),
    ("Today", TODAY),
    ("yesterday", date(2026, 11, 24)),
    ("wednesday", TODAY),             # today included
    ("wed", TODAY),
    ("monday", date(2026, 11, 23)),
    ("thursday", date(2026, 11, 19)),  # the most recent one
    ("sunday", date(2026, 11, 22)),
    ("last wednesday", date(2026, 11, 18)),
    ("last friday", date(2026, 11, 20)),
    ("3 days ago", date(2026, 11, 22)),
    ("1 day ago", date(2026, 11, 24)),
    ("0 days ago", TODAY),
    ("2 weeks ago", date(2026, 11, 11)),
    ("a week ago", date(2026, 11, 18)),
    ("one day ago", date(2026, 11, 24)),
    ("2 months ago", date(2026, 9, 25)),
    ("last week", date(2026, 11, 18)),
])
def test_parse_date_accepts(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["tomorrow", "2026-11-26", "1 Dec 2026", "next friday", "2030"])
def test_future_or_unknown_relative_dates_are_refused(text):
    with pytest.raises(DateInputError):
        parse_date(text, TODAY)


def test_future_message_says_why():
    with pytest.raises(DateInputError, match="2026-11-26 is in the future"):
        parse_date("2026-11-26", TODAY)
    assert parse_date("2026-11-26", TODAY, allow_future=True) == date(2026, 11, 26)


@pytest.mark.parametrize("text", ["", "   ", "soon", "banana", "13/45/2026", "x" * 60 + "1", "2030", "15",
                                  "Mar 2026", "4 Mar 26", "2026/11", "4 Foo 2026", "4 5 Mar"])
def test_garbage_is_refused_with_the_accepted_forms(text):
    with pytest.raises(DateInputError) as info:
        parse_date(text, TODAY)
    message = str(info.value)
    for form in ("2026-11-24", "today", "yesterday", "days ago", "last week"):
        assert form in message


def test_too_long_ago_is_refused():
    with pytest.raises(DateInputError, match="1900"):
        parse_date("1850-01-01", TODAY)


def test_days_ago_label():
    assert days_ago_label(None, TODAY) == "never"
    assert days_ago_label(TODAY, TODAY) == "today"
    assert days_ago_label(date(2026, 11, 22), TODAY) == "3 d ago"
    assert days_ago_label(date(2026, 10, 28), TODAY) == "4 w ago"
    assert days_ago_label(date(2026, 5, 1), TODAY) == "6 mo ago"
    assert days_ago_label(date(2023, 11, 1), TODAY) == "3 y ago"
    assert days_ago_label(date(2026, 11, 26), TODAY) == "ahead"


# ------------------------------------------------------------------ dates without surprises


@pytest.mark.parametrize("text", ["3/4", "3.4.2026", "03-04-2026", "3/4/2026"])
def test_numeric_dates_need_a_date_order(text):
    with pytest.raises(AmbiguousDateError) as info:
        parse_date(text, TODAY)
    message = str(info.value)
    assert f"'{text}' could be 3 Apr or 4 Mar" in message
    assert "4 Mar" in message and "2026-03-04" in message and "day-first or month-first" in message


def test_a_numeric_date_that_reads_one_way_only_still_needs_the_order():
    with pytest.raises(AmbiguousDateError, match=r"'25/12' could be 25 Dec: .*2026-12-25"):
        parse_date("25/12", TODAY)


@pytest.mark.parametrize("text,order,expected", [
    ("3/4", DAY_FIRST, date(2026, 4, 3)),
    ("3/4", MONTH_FIRST, date(2026, 3, 4)),
    ("25.12.2025", DAY_FIRST, date(2025, 12, 25)),
    ("12-25-2025", MONTH_FIRST, date(2025, 12, 25)),
    ("2026/03/04", None, date(2026, 3, 4)),  # year first: no doubt
    ("2026.3.4", MONTH_FIRST, date(2026, 3, 4)),
    ("2026-3-4", DAY_FIRST, date(2026, 3, 4)),
])
def test_numeric_dates_with_an_order(text, order, expected):
    assert parse_date(text, TODAY, order=order) == expected


@pytest.mark.parametrize("text,order,words", [
    ("25/12/2025", MONTH_FIRST, "there is no month 25 (25/12/2025 is read month first)"),
    ("31/4", DAY_FIRST, "April 2026 has 30 days (31/4 is read day first)"),
    ("3/4/26", DAY_FIRST, "write the year in full"),
    ("3/4-2026", DAY_FIRST, "is not a date"),
])
def test_numeric_dates_that_cannot_be(text, order, words):
    with pytest.raises(DateInputError) as info:
        parse_date(text, TODAY, order=order)
    assert words in str(info.value)


@pytest.mark.parametrize("text,words", [
    ("32 Dec", "'32 Dec' is not a date: December 2026 has 31 days."),
    ("31 Feb 2026", "February 2026 has 28 days"),
    ("29 Feb 2025", "February 2025 has 28 days"),
    ("0 Mar", "March 2026 has 31 days"),
    ("Nov 31", "November 2026 has 30 days"),
    ("2026-02-30", "February 2026 has 28 days"),
    ("Fri 4 Mar 2026", "4 Mar 2026 is a Wednesday"),
])
def test_impossible_dates_are_refused(text, words):
    with pytest.raises(DateInputError) as info:
        parse_date(text, TODAY)
    assert words in str(info.value)


@pytest.mark.parametrize("text,expected", [
    ("4th of March", date(2026, 3, 4)),
    ("March 4, 2026", date(2026, 3, 4)),
    ("Wed 4 Mar 2026", date(2026, 3, 4)),
    ("wednesday, march 4th 2026", date(2026, 3, 4)),
    ("24-Nov-2026", date(2026, 11, 24)),
    ("29 feb 2024", date(2024, 2, 29)),
    ("1 sept 2026", date(2026, 9, 1)),
    ("Nov. 3", date(2026, 11, 3)),
])
def test_written_dates(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text,day", [
    ("tomorrow", "2026-11-26"),
    ("next friday", "2026-11-27"),
    ("next wednesday", "2026-12-02"),
    ("in 3 days", "2026-11-28"),
    ("in 2 weeks", "2026-12-09"),
    ("1 Dec", "2026-12-01"),
])
def test_future_dates_say_they_are_refused(text, day):
    with pytest.raises(DateInputError) as info:
        parse_date(text, TODAY)
    assert str(info.value).startswith(f"{day} is in the future: future dates are refused")
    assert parse_date(text, TODAY, allow_future=True).isoformat() == day


@pytest.mark.parametrize("text", ["0001-W01", "1899-W52", "9999-W52", "9999-W01", "9999-12-31", "0001-01-01",
                                  "31 Dec 9999"])
def test_weeks_at_the_ends_of_the_calendar_are_refused(text):
    with pytest.raises(DateInputError) as info:
        parse_week(text, TODAY)
    assert any(words in str(info.value) for words in ("out of range", "too far ahead", "too long ago"))


def test_the_first_and_last_weeks_of_the_calendar_work():
    first, last = parse_week("1900-W01", TODAY), parse_week("9998-W52", TODAY, SUNDAY)
    assert first.start == date(1900, 1, 1) and first.shift(-12).start.year == 1899
    assert last.next().end.year == 9999
    assert parse_week("9998-12-31", TODAY).key == "9998-W53"
