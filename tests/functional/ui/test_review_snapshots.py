"""Snapshots of the review screen: a full week and an empty one, at 100x30 and 80x24; the people met by name,
the network across tools and the birthdays, reached with Tab."""

from __future__ import annotations

import pytest


async def _show_review(pilot):
    await pilot.press("4")
    await pilot.pause()


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_review_full_week(snap_compare, seeded, app_factory, size):
    store, _ = seeded
    assert snap_compare(app_factory(store), terminal_size=size, run_before=_show_review)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_review_empty_week(snap_compare, store, app_factory, size):
    assert snap_compare(app_factory(store), terminal_size=size, run_before=_show_review)


@pytest.fixture
def with_birthdays(seeded):
    """The seeded journal with two birthdays in the next two weeks (one without the year)."""
    from dataclasses import replace
    from datetime import date

    from smn_tui.domain.birthdays import MonthDay

    store, people = seeded
    store.update_contact(replace(people["Ada"], birthday=date(1990, 11, 27)))
    store.update_contact(replace(people["Grace"], birthday=MonthDay(12, 3)))
    return store


async def _people_met(pilot):
    await _show_review(pilot)
    await pilot.press("tab", "tab")  # past who you helped and losing touch
    await pilot.pause()


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_review_people_met_by_name(snap_compare, with_birthdays, app_factory, size):
    assert snap_compare(app_factory(with_birthdays), terminal_size=size, run_before=_people_met)


async def _network(pilot):
    await _show_review(pilot)
    await pilot.press("tab", "tab", "tab", "tab", "down")  # on to the network's first one-tool tie
    await pilot.pause()


def test_review_network_and_birthdays_80x24(snap_compare, with_birthdays, app_factory):
    assert snap_compare(app_factory(with_birthdays), terminal_size=(80, 24), run_before=_network)
