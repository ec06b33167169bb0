"""Birthdays with or without the year: how they are read, when the next one is, and how old they turn."""

from __future__ import annotations

from datetime import date

import pytest

from smn_tui.domain.birthdays import (
    BirthdayError,
    MonthDay,
    age_on,
    birthday_from_iso,
    describe_birthday,
    next_birthday,
    parse_birthday,
    upcoming_birthdays,
)

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("text,want", [
    ("1990-02-03", date(1990, 2, 3)),
    ("3 Feb 1990", date(1990, 2, 3)),
    ("Feb 3, 1990", date(1990, 2, 3)),
    ("3 Feb", MonthDay(2, 3)),
    ("3rd February", MonthDay(2, 3)),
    ("--02-03", MonthDay(2, 3)),
    ("--0203", MonthDay(2, 3)),
    ("29 Feb", MonthDay(2, 29)),
])
def test_birthdays_are_read_as_written_and_a_year_is_never_guessed(text, want):
    got = parse_birthday(text)
    assert got == want and type(got) is type(want)


@pytest.mark.parametrize("text,words", [
    ("3/2", "either way round"), ("32 Dec", "not a day of the year"), ("29 Feb 2023", "not a day of 2023"),
    ("Feb", "not a birthday"), ("--13-01", "not a day of the year"), ("", "a birthday is"),
])
def test_what_is_no_birthday_says_the_forms_accepted(text, words):
    with pytest.raises(BirthdayError, match=words):
        parse_birthday(text)


def test_stored_forms_round_trip():
    for b in (date(1990, 2, 3), MonthDay(12, 9)):
        assert birthday_from_iso(b.isoformat()) == b
    assert MonthDay(2, 3).isoformat() == "--02-03"


def test_the_next_birthday_and_the_age_turned():
    assert next_birthday(MonthDay(11, 25), TODAY) == TODAY  # today counts
    assert next_birthday(MonthDay(11, 24), TODAY) == date(2027, 11, 24)
    assert next_birthday(MonthDay(2, 29), TODAY) == date(2027, 2, 28)  # no 29 Feb in 2027
    assert next_birthday(MonthDay(2, 29), date(2027, 12, 1)) == date(2028, 2, 29)
    assert age_on(date(1990, 11, 25), TODAY) == 36 and age_on(date(1990, 11, 26), TODAY) == 35
    assert age_on(MonthDay(1, 1), TODAY) is None
    assert describe_birthday(date(1990, 2, 3)) == "3 Feb 1990" and describe_birthday(MonthDay(2, 3)) == "3 Feb"


def test_upcoming_birthdays_are_the_next_fourteen_days_soonest_first():
    people = [("a", "Ada", date(1815, 12, 8)), ("g", "Grace", MonthDay(12, 9)), ("l", "Late", MonthDay(12, 10)),
              ("x", "Far", MonthDay(1, 5)), ("t", "Today", MonthDay(11, 25))]
    got = upcoming_birthdays(people, TODAY)
    assert [(u.name, u.on, u.turns) for u in got] == [
        ("Today", TODAY, None), ("Ada", date(2026, 12, 8), 211), ("Grace", date(2026, 12, 9), None)]
    assert got[0].when(TODAY) == "today" and got[2].when(TODAY) == "in 14 days"
