"""What the contacts list's filter box asks for, and the sorted pools and recent results it scans.

A keystroke costs one scan of precomputed text (``ContactSummary.search``):
typing on scans only what the last result kept, backspacing finds its answer
among the recent results, and each order of the list is sorted once per change.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass

from ..domain.due import is_due
from ..domain.models import normalise_platform
from ..storage.summaries import PLATFORM_MARK, TAG_MARK, ContactSummary

SORTS = ("name", "last contact", "most overdue")
#: The filter words for who is due or overdue, and who has a birthday in the next 14 days.
DUE_WORD = "due"
BIRTHDAY_WORD = "birthday"
#: Filter results kept for reuse while typing on or backspacing.
RESULTS_KEPT = 32


@dataclass(frozen=True)
class ContactFilter:
    """What the filter box asks for, as substrings that must all occur (AND).

    Plain words match name, handle, tag, platform, how you met or the notes;
    ``#tag`` the start of a tag; ``@platform`` the start of a platform
    (``@twitter`` means x); ``due`` who is due or overdue; ``birthday`` who has
    a birthday in the next 14 days.
    """

    needles: tuple[str, ...] = ()
    #: The plain words typed, for marking where they matched.
    words: tuple[str, ...] = ()
    due: bool = False
    birthday: bool = False

    @classmethod
    def parse(cls, text: str) -> ContactFilter:
        needles: list[str] = []
        words: list[str] = []
        due = birthday = False
        for word in text.lower().split():
            if word.startswith("#"):
                if len(word) > 1:
                    needles.append(TAG_MARK + word[1:])
            elif word.startswith("@"):
                if len(word) > 1:
                    needles.append(PLATFORM_MARK + normalise_platform(word[1:]))
            elif word == DUE_WORD:
                due = True
            elif word == BIRTHDAY_WORD:
                birthday = True
            else:
                needles.append(word)
                words.append(word)
        return cls(tuple(dict.fromkeys(needles)), tuple(dict.fromkeys(words)), due, birthday)

    @property
    def is_empty(self) -> bool:
        return not self.needles and not self.due and not self.birthday

    def narrows(self, other: ContactFilter) -> bool:
        """True when every row this filter keeps is also kept by ``other`` (each of ``other``'s
        needles lies inside one of ours, and it asks for birthdays only if we do), so this filter
        can scan ``other``'s result alone."""
        return ((self.birthday or not other.birthday) and (self.due or not other.due)
                and all(any(o in n for n in self.needles) for o in other.needles))

    def select(self, rows: list[ContactSummary], upcoming: Container[str] = ()) -> list[ContactSummary]:
        """The rows holding every needle (a single scan; no work per row beyond ``in``); with
        ``due``, only who is due or overdue; with ``birthday``, only those whose id is in ``upcoming``
        (a birthday in the next 14 days)."""
        if self.due:
            rows = [r for r in rows if is_due(r.status)]
        if self.birthday:
            rows = [r for r in rows if r.id in upcoming]
        needles = self.needles
        if not needles:
            return rows
        if len(needles) == 1:
            (a,) = needles
            return [r for r in rows if a in r.search]
        if len(needles) == 2:
            a, b = needles
            return [r for r in rows if a in r.search and b in r.search]
        a, b, *rest = needles
        return [r for r in rows if a in r.search and b in r.search and all(n in r.search for n in rest)]


def _by_last(r: ContactSummary) -> int:
    """Newest last contact first, never-contacted last."""
    return -r.last.toordinal() if r.last else 1


def _by_overdue(r: ContactSummary) -> int:
    """Contacts with a cadence, most overdue first."""
    return -r.overdue if r.overdue is not None else 1 << 30


class FilterCache:
    """The summaries in each order the list offers, and recent filter results over one of them."""

    def __init__(self) -> None:
        self._pools: dict[tuple[str, bool], list[ContactSummary]] = {}
        self._results: dict[ContactFilter, list[ContactSummary]] = {}
        self._results_pool: list[ContactSummary] | None = None

    def reset(self) -> None:
        """Contacts came, went or changed: sort and scan again."""
        self._pools = {}
        self._results = {}

    def refigured(self, by_id: Mapping[str, ContactSummary]) -> None:
        """The same contacts with other figures: the name order still holds, the others do not."""
        by_name = self._pools.get(("name", True))
        self.reset()
        if by_name is not None:
            self._pools[("name", True)] = [by_id[r.id] for r in by_name]

    def pool(self, rows: list[ContactSummary], sort: str, show_archived: bool) -> list[ContactSummary]:
        """All rows the filter may show, in the chosen order (kept until the next change)."""
        key = (sort, show_archived)
        pool = self._pools.get(key)
        if pool is None:
            by_name = self._pools.get(("name", True))
            if by_name is None:
                by_name = self._pools[("name", True)] = sorted(rows, key=lambda r: r.sort_name)
            if sort == "last contact":  # stable: ties stay in name order
                pool = sorted(by_name, key=_by_last)
            elif sort == "most overdue":
                pool = sorted(by_name, key=_by_overdue)
            else:
                pool = by_name
            if not show_archived:
                pool = [r for r in pool if not r.archived]
            self._pools[key] = pool
        return pool

    def select(self, query: ContactFilter, pool: list[ContactSummary],
               upcoming: Container[str] = ()) -> list[ContactSummary]:
        """``query.select(pool, upcoming)``, starting from the smallest earlier result it narrows."""
        if query.is_empty:
            return pool
        if self._results_pool is not pool:
            self._results = {}
            self._results_pool = pool
        results = self._results
        rows = results.pop(query, None)
        if rows is None:
            base = pool
            for earlier, kept in results.items():
                if len(kept) < len(base) and query.narrows(earlier):
                    base = kept
            rows = query.select(base, upcoming)
        results[query] = rows
        while len(results) > RESULTS_KEPT:
            del results[next(iter(results))]
        return rows
