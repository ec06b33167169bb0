"""Short ids for journal entries: what the command line prints and takes back.

A record id is 32 hex characters; people type its first 8, and more only
where two entries start the same way. Every entry of the journal (its
interactions and helpful acts together) takes part, so a short id printed
anywhere names one entry.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

#: How many characters of an id a short id shows at least.
SHORT_ID_LENGTH = 8
#: How many characters of an id a command takes at least, so a slip cannot pick an entry.
MIN_PREFIX = 4


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.lower(), b.lower(), strict=False):
        if x != y:
            break
        n += 1
    return n


def short_ids(wanted: Iterable[str], every: Iterable[str], length: int = SHORT_ID_LENGTH) -> dict[str, str]:
    """id -> its short id, for each of ``wanted``: the first ``length`` characters, or as many
    more as it takes to tell it apart from every other id in ``every``."""
    ordered = sorted({i.lower() for i in every} | {i.lower() for i in wanted})
    out: dict[str, str] = {}
    for rid in wanted:
        low = rid.lower()
        at = bisect.bisect_left(ordered, low)
        need = length
        for j in (at - 1, at + 1):
            if 0 <= j < len(ordered):
                need = max(need, _common(low, ordered[j]) + 1)
        out[rid] = rid[:need]
    return out


def matching_ids(prefix: str, every: Iterable[str]) -> list[str]:
    """The ids ``prefix`` may mean: the one equal to it, else all that start with it (any case)."""
    want = prefix.strip().lower()
    ids = list(every)
    exact = [i for i in ids if i.lower() == want]
    if exact:
        return exact
    return sorted(i for i in ids if i.lower().startswith(want)) if want else []
