"""Snapshots of the audit screen for week 48 of the seeded journal, with a draft that the journal questions."""

from __future__ import annotations

import pytest

from smn_tui.domain.models import WeeklyAudit


@pytest.fixture
def drafted(seeded):
    """The seeded journal plus a draft for this week: 10 h, 30% helping, support 50, one answer out of bounds."""
    store, _ = seeded
    store.save_audit(WeeklyAudit("2026-W48", answers={
        "hours": 10,
        "hours_by_platform": {"linkedin": 4},
        "time_split": {"new": 10, "real": 40, "help": 30, "other": "25"},
        "positioning": {"smart": 3, "useful": 4, "helpful": "7"},
        "support": 50,
        "good_turn": {"text": "Sent Hedy the paper on radio"},
        "platforms": {"linkedin": "yes"},
    }, intention="Thank Grace"))
    return store


async def _open_audit(pilot):
    await pilot.press("3")
    await pilot.pause()


def test_audit_wide(snap_compare, drafted, app_factory):
    assert snap_compare(app_factory(drafted), terminal_size=(100, 30), run_before=_open_audit)


def test_audit_narrow(snap_compare, drafted, app_factory):
    assert snap_compare(app_factory(drafted), terminal_size=(80, 24), run_before=_open_audit)


async def _scroll_to_ratings(pilot):
    await _open_audit(pilot)
    screen = pilot.app.screen
    screen.query_one("#audit-body").scroll_to_widget(screen.query_one("#q-positioning"), animate=False, top=True)
    await pilot.pause()


async def _scroll_to_support(pilot):
    await _open_audit(pilot)
    screen = pilot.app.screen
    screen.query_one("#audit-body").scroll_to_widget(screen.query_one("#q-support"), animate=False, top=True)
    await pilot.pause()


def test_audit_wide_scrolled_to_support_and_good_turn(snap_compare, drafted, app_factory):
    assert snap_compare(app_factory(drafted), terminal_size=(100, 30), run_before=_scroll_to_support)


def test_audit_narrow_scrolled_to_ratings_and_support(snap_compare, drafted, app_factory):
    assert snap_compare(app_factory(drafted), terminal_size=(80, 24), run_before=_scroll_to_ratings)
