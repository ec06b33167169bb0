"""The orders a list of helpful acts can be read in: newest first, biggest impact first, most minutes first.

Only the date order has no key: a list given newest first (as the store gives it) and sorted stably by
:func:`act_sort_key` keeps the newest first among acts that tie.
"""

from __future__ import annotations

from .models import IMPACTS, HelpfulAct

__all__ = ["ACT_ORDERS", "ORDER_LABELS", "act_sort_key", "next_order"]

#: The orders, in the order a key cycles through them.
ACT_ORDERS: tuple[str, ...] = ("date", "impact", "minutes")

#: How each order reads on screen.
ORDER_LABELS: dict[str, str] = {
    "date": "newest first",
    "impact": "biggest impact first",
    "minutes": "most minutes first",
}

_IMPACT_RANK = {impact: n for n, impact in enumerate(IMPACTS)}


def next_order(order: str) -> str:
    """The order after ``order`` (back to the date after the last)."""
    n = ACT_ORDERS.index(order) if order in ACT_ORDERS else -1
    return ACT_ORDERS[(n + 1) % len(ACT_ORDERS)]


def act_sort_key(act: HelpfulAct, order: str) -> tuple[int, ...]:
    """What ``order`` sorts ``act`` by, smaller first (the date order: nothing, the given order stays)."""
    if order == "impact":
        return (-_IMPACT_RANK.get(act.impact, 0),)
    if order == "minutes":
        return (0, -act.minutes) if act.minutes is not None else (1, 0)  # minutes not noted go last
    return ()

