"""Finding people by what the user types, for the people picker.

Names are kept sorted, so people whose name starts with the typed text are a
binary search away; a sorted list of the other name words does the same for
"starts a word"; only when those give too few does a scan of handles and tags
run, and that scan is ``str.find`` over one joined string. A keystroke costs
about the same with 30 contacts or 30,000.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from ..storage.memory.indexes import WRITTEN_MARK
from ..storage.store import JournalStore
from ..widgets.people_picker import Person


class _Entry(NamedTuple):
    """One contact as the index keeps it (sorted by the folded name first)."""

    folded: str
    name: str
    id: str
    hint: str
    archived: bool


class PeopleIndex:
    """Every contact once, folded for matching; rebuilt when the journal changes."""

    _cache: dict[int, tuple[int, PeopleIndex]] = {}

    def __init__(self, store: JournalStore) -> None:
        # Names, handles and tags only: what is written about someone (notes, how you met) is not who they are.
        hay = {cid: text.partition(WRITTEN_MARK)[0] for cid, text in store.contact_search_index().items()}
        entries = []
        for cid, doc in store.contact_docs():
            name = doc["name"]
            tags = doc.get("tags") or ()
            if tags:
                hint = " ".join(f"#{t}" for t in tags[:2])
            else:
                hint = next((h for _, h in doc.get("platforms") or () if h), "")
            entries.append(_Entry(name.casefold(), name, cid, hint, bool(doc.get("archived"))))
        entries.sort()
        self._entries = entries
        self._folded = [e.folded for e in entries]
        words = []
        for n, e in enumerate(entries):
            for w in e.folded.split():
                words.append((w, n))
        words.sort()
        self._words = words
        self._word_keys = [w for w, _ in words]
        self._hay = "\n".join(hay.get(e.id, e.folded) for e in entries)
        self._starts = []
        pos = 0
        for e in entries:
            self._starts.append(pos)
            pos += len(hay.get(e.id, e.folded)) + 1

    @classmethod
    def of(cls, store: JournalStore) -> PeopleIndex:
        """The index for ``store``, reused until the journal changes."""
        key = id(store)
        cached = cls._cache.get(key)
        if cached is None or cached[0] != store.version:
            cls._cache.clear()
            cached = (store.version, cls(store))
            cls._cache[key] = cached
        return cached[1]

    def search(self, text: str, taken: set[str], limit: int = 7) -> list[Person]:
        """People matching ``text``: name start, then a word start, then anywhere (handles, tags too).

        Archived people come after everyone else.
        """
        query = " ".join(text.casefold().split())
        if not query:
            return []
        tokens = query.split()
        found: list[int] = []
        archived: list[int] = []
        seen: set[int] = set()

        def offer(n: int) -> bool:
            """Take entry ``n``; True once there are enough."""
            if n in seen:
                return False
            seen.add(n)
            e = self._entries[n]
            if e.id in taken:
                return False
            (archived if e.archived else found).append(n)
            return len(found) >= limit

        # 1. The name starts with the text.
        i = bisect_left(self._folded, query)
        while i < len(self._folded) and self._folded[i].startswith(query):
            if offer(i):
                return self._people(found, archived, limit)
            i += 1
        # 2. Every typed word starts a word of the name.
        first = tokens[0]
        i = bisect_left(self._word_keys, first)
        end = bisect_right(self._word_keys, first + "\uffff")
        for _, n in self._words[i:end]:
            words = self._folded[n].split()
            if all(any(x.startswith(t) for x in words) for t in tokens) and offer(n):
                return self._people(found, archived, limit)
        # 3. Anywhere in the name, handles or tags.
        pos = self._hay.find(query)
        while pos != -1:
            n = bisect_right(self._starts, pos) - 1
            if offer(n):
                break
            pos = self._hay.find(query, self._starts[n + 1] if n + 1 < len(self._starts) else len(self._hay))
        return self._people(found, archived, limit)

    def _people(self, found: list[int], archived: list[int], limit: int) -> list[Person]:
        out = []
        for n in (found + archived)[:limit]:
            e = self._entries[n]
            hint = e.hint + (" (archived)" if e.archived else "")
            out.append(Person(e.id, e.name, hint.strip()))
        return out
