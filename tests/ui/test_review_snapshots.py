"""Snapshots of the review screen: a full week and an empty one, at 100x30 and 80x24."""

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
