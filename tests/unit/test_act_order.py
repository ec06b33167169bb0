"""The orders of a list of helpful acts: the key cycles through them, and ties keep the newest first."""

from __future__ import annotations

from datetime import date

from smn_tui.domain.act_order import ACT_ORDERS, act_sort_key, next_order
from smn_tui.domain.models import HelpfulAct


def test_the_orders_cycle_back_to_the_date():
    assert [next_order(o) for o in ACT_ORDERS] == ["impact", "minutes", "date"]
    assert next_order("no such order") == "date"


def test_sorting_by_a_key_keeps_the_newest_first_among_ties_and_unnoted_minutes_last():
    acts = [HelpfulAct(["c"], date(2026, 11, d), f"act {d}", impact=impact, minutes=minutes)
            for d, impact, minutes in [(25, "day", None), (24, "year", 5), (23, "day", 30), (22, "year", None)]]
    by = {order: [a.note for a in sorted(acts, key=lambda a, o=order: act_sort_key(a, o))] for order in ACT_ORDERS}
    assert by["date"] == ["act 25", "act 24", "act 23", "act 22"]
    assert by["impact"] == ["act 24", "act 22", "act 25", "act 23"]
    assert by["minutes"] == ["act 23", "act 24", "act 25", "act 22"]
