"""How the acts ledger and the act form look (pinned clock, seeded journal)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from smn_tui.domain.dates import week_of

from ...seed import TODAY

SIZES = [(100, 30), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_ledger_for_a_week(snap_compare, seeded, app_factory, size):
    store, _ = seeded
    assert snap_compare(app_factory(store), terminal_size=size, press=["2", "down"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_act_form_empty(snap_compare, seeded, app_factory, size):
    store, _ = seeded
    assert snap_compare(app_factory(store), terminal_size=size, press=["2", "n"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_act_form_with_errors(snap_compare, seeded, app_factory, size):
    store, _ = seeded

    async def run_before(pilot):
        await pilot.press("2", "n")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#minutes", Input).value = "an hour"
        form.query_one("#date", Input).value = "2099-01-01"
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(app_factory(store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_act_detail(snap_compare, seeded, app_factory, size):
    """The act under the cursor in full: its whole note and outcome, which the ledger's columns cut."""
    from dataclasses import replace

    store, _ = seeded
    act = next(a for a in store.acts_in(week_of(TODAY)) if a.kind == "introduction")
    store.update_act(replace(act, note="Introduced Marie to Rosalind over lunch: both work on X-ray methods "
                                       "and neither knew of the other's lab", outcome="They are writing a paper"))
    assert snap_compare(app_factory(store), terminal_size=size, press=["2", "down", "s"])
