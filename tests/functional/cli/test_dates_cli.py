"""Dates without surprises at the command line: numeric dates follow the date-order setting."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from smn_tui.settings import load_settings
from smn_tui.storage.store import JournalStore

from .helpers import smn


def acts_on(db) -> list[str]:
    with JournalStore(db) as store:
        return sorted(a.on.isoformat() for a in store.acts_for(store.resolve_name("Ada").id))


def test_a_numeric_date_is_refused_until_the_order_is_set(small_db):
    before = acts_on(small_db)
    r = smn("helped", "ada", "x", "--on", "3/4", db=small_db)
    assert r.code == 1
    assert r.err == ("smn: '3/4' could be 3 Apr or 4 Mar: write the month as a word (4 Mar) or the date as "
                     "2026-03-04, or set the date order (day-first or month-first): "
                     "'smn settings date-order day-first' (or month-first).\n")
    assert acts_on(small_db) == before


@pytest.mark.parametrize("order,day", [("day-first", "2026-04-03"), ("month-first", "2026-03-04")])
def test_the_date_order_setting_reads_numeric_dates(small_db, order, day):
    r = smn("settings", "date-order", order)
    assert r.code == 0 and r.out.startswith(f"Numeric dates: {order}")
    assert json.loads(Path(os.environ["SMN_CONFIG"]).read_text())["date_order"] == order
    assert load_settings().date_order == order
    r = smn("helped", "ada", "x", "--on", "3/4", db=small_db)
    assert r.code == 0 and f"on {day}" in r.out
    assert smn("week", "--week", "3/4", "--format", "json", db=small_db).code == 0


def test_the_date_order_can_be_unset_and_is_checked(small_db):
    smn("settings", "date-order", "day-first")
    assert smn("settings", "date-order", "none").out.startswith("Numeric dates: not set")
    assert smn("helped", "ada", "x", "--on", "3/4", db=small_db).code == 1
    r = smn("settings", "date-order", "sideways")
    assert r.code == 1 and r.err == "smn: date-order is day-first, month-first or none.\n"
    assert smn("settings", "date-order").out == ("date-order  not set (a date like 3/4 is refused; "
                                                 "write 4 Mar or 2026-03-04)\n")
    listing = smn("settings").out
    assert "date-order  not set" in listing and "week-start  monday" in listing


def test_a_damaged_date_order_in_the_file_counts_as_not_set(small_db):
    path = Path(os.environ["SMN_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"date_order": "sideways", "theme": "nord"}')
    assert load_settings().date_order == "" and load_settings().theme == "nord"
    assert smn("helped", "ada", "x", "--on", "3/4", db=small_db).code == 1


def test_a_numeric_birthday_follows_the_order_too(small_db):
    smn("settings", "date-order", "day-first")
    assert smn("contact", "edit", "ada", "--birthday", "10/12/1990", db=small_db).code == 0
    with JournalStore(small_db) as store:
        assert store.resolve_name("Ada").birthday.isoformat() == "1990-12-10"


@pytest.mark.parametrize("on,words", [
    ("32 Dec", "'32 Dec' is not a date: December 2026 has 31 days."),
    ("tomorrow", "2026-11-26 is in the future: future dates are refused"),
    ("next friday", "2026-11-27 is in the future: future dates are refused"),
    ("3/4/26", "write the year in full"),
])
def test_impossible_and_future_dates_say_why(small_db, on, words):
    for command in (["helped", "ada", "x"], ["log", "ada", "x"]):
        r = smn(*command, "--on", on, db=small_db)
        assert r.code == 1 and words in r.err
