"""Whom you met this week, by name: the new connections, the real interactions and the passive ones.

The groups follow the review's counts: a new connection is counted as a new connection and also as a
real or a passive interaction, so it is listed under both. The review screen and every report of
``smn week`` list the same groups, in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Interaction

__all__ = ["MET_GROUPS", "MetGroup", "PersonMet", "people_met"]

#: The groups, in the order shown: (key, title).
MET_GROUPS: tuple[tuple[str, str], ...] = (
    ("new", "New connections"),
    ("real", "Real interactions"),
    ("passive", "Passive interactions"),
)


@dataclass(frozen=True)
class PersonMet:
    """One person in a group, with their entries of that group, newest first."""

    contact_id: str
    name: str
    entries: list[Interaction]


@dataclass(frozen=True)
class MetGroup:
    """One group: its key (``new``, ``real``, ``passive``), its title, and how many entries it counts."""

    key: str
    title: str
    count: int
    people: list[PersonMet]


def _in_group(key: str, i: Interaction) -> bool:
    if key == "new":
        return i.kind == "new connection"
    return i.real if key == "real" else not i.real


def people_met(interactions: list[Interaction], names: dict[str, str]) -> list[MetGroup]:
    """The groups that have entries; in each, the people (still in the journal) with most entries first.

    ``interactions`` come newest first, and each person's entries keep that order.
    """
    groups = []
    for key, title in MET_GROUPS:
        entries = [i for i in interactions if _in_group(key, i)]
        if not entries:
            continue
        by_person: dict[str, list[Interaction]] = {}
        for i in entries:
            for cid in i.contact_ids:
                if cid in names:
                    by_person.setdefault(cid, []).append(i)
        people = [PersonMet(cid, names[cid], items) for cid, items in by_person.items()]
        people.sort(key=lambda p: (-len(p.entries), p.name.casefold(), p.contact_id))
        groups.append(MetGroup(key, title, len(entries), people))
    return groups
