"""The store's reads of contacts: the list, lookups by id, name, tag, platform and handle, the
search, tags and the network across platforms.

Contacts are in the head, read when the journal opens: nothing here needs the
entries. The search text comes from :class:`~.memory.indexes.JournalIndexes`;
the filters typed now and then are TinyDB queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from tinydb import Query

from ..domain.birthdays import Birthday, birthday_from_iso
from ..domain.graph import PlatformGraph, platform_graph
from ..domain.models import Contact, ValidationError, normalise_platform
from ..domain.platforms import same_handle
from ..domain.resolve import resolve_contact
from .memory.records import record_of
from .store_parts import StoreParts

__all__ = ["ContactReads"]


class ContactReads(StoreParts):
    """Looking contacts up (mixed into :class:`~.store.JournalStore`)."""

    def get_contact(self, contact_id: str) -> Contact:
        doc = self._db.by_id("contacts", contact_id)
        if doc is None:
            raise ValidationError("contact", f"no contact with id {contact_id}")
        return record_of(Contact, dict(doc))

    def contacts(self, *, include_archived: bool = False) -> list[Contact]:
        docs = self._tables["contacts"]
        return [record_of(Contact, d) for d in docs.values() if include_archived or not d.get("archived")]

    def contact_docs(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Raw (id, document) pairs for the contacts read-model; do not mutate."""
        return iter(self._tables["contacts"].items())

    def contact_names(self) -> dict[str, str]:
        return {cid: d["name"] for cid, d in self._tables["contacts"].items()}

    def names_for(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> name for just ``ids`` (unknown ids left out): cheaper than contact_names()."""
        docs = self._tables["contacts"]
        return {cid: docs[cid]["name"] for cid in ids if cid in docs}

    def contacts_by_tag(self, tag: str) -> list[Contact]:
        """Contacts carrying ``tag`` (a TinyDB query: no index needed for a filter typed now and then)."""
        tag = tag.strip().lstrip("#").lower()
        docs = self._db.table("contacts").search(Query().tags.any([tag]))
        return [record_of(Contact, dict(d)) for d in docs]

    def contacts_by_platform(self, platform: str) -> list[Contact]:
        """Contacts known on ``platform`` (aliases understood), through a TinyDB query."""
        wanted = normalise_platform(platform)
        docs = self._db.table("contacts").search(
            Query().platforms.test(lambda ps: any(p[0] == wanted for p in ps)))
        return [record_of(Contact, dict(d)) for d in docs]

    def contacts_by_handle(self, handle: str, platform: str | None = None) -> list[Contact]:
        """Contacts with ``handle`` (on ``platform`` when given), as the one same-handle rule compares
        them: case, ``@``, URL forms and phone formats do not matter (a TinyDB query)."""
        plat = normalise_platform(platform) if platform else None
        docs = self._db.table("contacts").search(Query().platforms.test(
            lambda ps: any((plat is None or p == plat) and same_handle(p, handle, h) for p, h in ps)))
        return [record_of(Contact, dict(d)) for d in docs]

    def find_contacts(self, text: str, *, include_archived: bool = False) -> list[Contact]:
        """Contacts whose name, handle, tag or platform contains ``text`` (any case), from the search index."""
        needle = text.strip().lower()
        docs = self._tables["contacts"]
        with self._lock:
            index = self._indexes.search_texts()
            hits = [cid for cid, hay in index.items() if needle in hay]
        return [record_of(Contact, docs[cid]) for cid in hits
                if include_archived or not docs[cid].get("archived")]

    def contact_search_index(self) -> dict[str, str]:
        """id -> lower-case text of name, handles, tags and platforms (kept up to date)."""
        return self._indexes.search_texts()

    def resolve_name(self, name: str) -> Contact:
        """One contact for a typed name: its id, the exact name, any case, a unique prefix or
        substring, and last one of their handles."""
        docs = self._tables["contacts"]
        return record_of(Contact, docs[resolve_contact(docs, name)])

    def tags(self) -> dict[str, int]:
        """Every tag in use with how many contacts carry it, most used first."""
        counts: dict[str, int] = defaultdict(int)
        for d in self._tables["contacts"].values():
            for t in d.get("tags", ()):
                counts[t] += 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def platform_people(self) -> list[tuple[str, str, list[str]]]:
        """(id, name, platforms) of every active contact, for the network across tools."""
        return [(cid, d["name"], [p for p, _ in d.get("platforms", ())])
                for cid, d in self._tables["contacts"].items() if not d.get("archived")]

    def birthdays(self) -> list[tuple[str, str, Birthday]]:
        """(id, name, birthday) of every active contact with one (year-less ones too); kept until a
        contact changes (do not change the list)."""
        def make() -> list[tuple[str, str, Birthday]]:
            return [(cid, d["name"], birthday_from_iso(d["birthday"]))
                    for cid, d in self._tables["contacts"].items() if d.get("birthday") and not d.get("archived")]

        with self._lock:
            return self._indexes.kept("birthdays", ("contacts",), make)

    def network(self) -> PlatformGraph:
        """The network across platforms (see :func:`~..domain.graph.platform_graph`): worked out
        again only once a contact or an interaction has changed, so a week's review after logging a
        helpful act does not walk every contact."""
        with self._lock:
            return self._indexes.kept("network", ("contacts", "interactions"),
                                      lambda: platform_graph(self.platform_people(), self.interaction_counts()))

    def multi_platform_share(self) -> tuple[int, int]:
        """(contacts known on two or more platforms, active contacts)."""
        multi = total = 0
        for d in self._tables["contacts"].values():
            if d.get("archived"):
                continue
            total += 1
            if len({p for p, _ in d.get("platforms", ())}) >= 2:
                multi += 1
        return multi, total
