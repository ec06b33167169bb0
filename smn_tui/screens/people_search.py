"""Finding people by what the user types, for the people picker (one cheap scan per keystroke)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from ..storage.store import JournalStore
from ..widgets.people_picker import Person


@dataclass(frozen=True)
class _Entry:
    id: str
    name: str
    folded: str
    words: tuple[str, ...]
    hay: str
    hint: str
    archived: bool


class PeopleIndex:
    """Every contact once, folded for matching; rebuilt when the journal changes."""

    _cache: dict[int, tuple[int, PeopleIndex]] = {}

    def __init__(self, store: JournalStore) -> None:
        hay = store.contact_search_index()
        entries = []
        for cid, doc in store.contact_docs():
            name = doc["name"]
            folded = name.casefold()
            tags = doc.get("tags") or ()
            handles = [h for _, h in doc.get("platforms") or () if h]
            hint = " ".join(f"#{t}" for t in tags[:2]) or (handles[0] if handles else "")
            entries.append(_Entry(cid, name, folded, tuple(folded.split()), hay.get(cid, folded), hint,
                                  bool(doc.get("archived"))))
        entries.sort(key=lambda e: e.folded)
        self._entries = entries

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
        """People matching ``text``: name start, then a word start, then anywhere (handles, tags too)."""
        query = " ".join(text.casefold().split())
        if not query:
            return []
        tokens = query.split()
        ranked: list[tuple[int, int, _Entry]] = []
        for n, e in enumerate(self._entries):
            if e.id in taken:
                continue
            if e.folded.startswith(query):
                rank = 0
            elif all(any(w.startswith(t) for w in e.words) for t in tokens):
                rank = 1
            elif query in e.hay:
                rank = 2
            else:
                continue
            ranked.append((rank + (3 if e.archived else 0), n, e))
        best = heapq.nsmallest(limit, ranked, key=lambda r: (r[0], r[1]))
        return [Person(e.id, e.name, e.hint + (" (archived)" if e.archived else "")) for _, _, e in best]
