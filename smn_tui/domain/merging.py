"""Merging two contacts who are one person: what the survivor keeps and gains.

Pure planning, no store: given the survivor, the other contact and the
other's entries, :func:`plan_merge` returns the survivor as it will be and the
entries as they will be. The store then writes them and deletes the other.

Nothing is overwritten. The survivor keeps every field it has; it gains the
other's platforms and tags it lacks, the other's notes (appended after its
own) and how they met (kept when the survivor has none, appended when it
differs); a stay-in-touch cadence or a birthday only the other has is taken
over. The other's interactions and acts move to the survivor, and an entry
that had both people keeps the survivor once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from .models import Contact, HelpfulAct, Interaction, ValidationError, now_utc

Entry = Interaction | HelpfulAct


class MergeError(ValueError):
    """Two contacts that cannot be merged as asked; the message says why."""


@dataclass(frozen=True)
class MergePlan:
    """The survivor as it will be, the other's entries as they will be, and what changed."""

    contact: Contact
    entries: list[Entry]
    platforms_added: list[str]
    tags_added: list[str]
    notes_added: bool
    how_met_added: bool
    shared: int  # entries that had both people


def _appended(mine: str, theirs: str, sep: str) -> str:
    if not theirs or theirs in mine:
        return mine
    return f"{mine}{sep}{theirs}" if mine else theirs


def plan_merge(survivor: Contact, other: Contact, entries: list[Entry], *,
               now: datetime | None = None) -> MergePlan:
    """Merge ``other`` into ``survivor``; ``entries`` are the other's interactions and acts.

    Raises :class:`MergeError` when the two are one contact or the merged
    notes would be longer than a contact may hold.
    """
    if survivor.id == other.id:
        raise MergeError(f"'{survivor.name}' and '{other.name}' are the same contact.")
    now = now or now_utc()
    platforms = [p for p in other.platforms if p not in survivor.platforms]
    tags = [t for t in other.tags if t not in survivor.tags]
    notes = _appended(survivor.notes, other.notes, "\n\n")
    how_met = _appended(survivor.how_met, other.how_met, "; ")
    try:
        merged = replace(
            survivor,
            platforms=[*survivor.platforms, *platforms],
            tags=[*survivor.tags, *tags],
            notes=notes,
            how_met=how_met,
            cadence_days=survivor.cadence_days or other.cadence_days,
            birthday=survivor.birthday or other.birthday,
            updated=now,
        )
    except ValidationError as exc:
        raise MergeError(f"{survivor.name} and {other.name} cannot be merged: the merged "
                         f"{exc.field.replace('_', ' ')} field {exc.message}; shorten one first.") from exc
    moved: list[Entry] = []
    shared = 0
    for entry in entries:
        if other.id not in entry.contact_ids:
            continue
        shared += survivor.id in entry.contact_ids
        ids: list[str] = []
        for cid in entry.contact_ids:
            cid = survivor.id if cid == other.id else cid
            if cid not in ids:
                ids.append(cid)
        moved.append(replace(entry, contact_ids=ids, updated=now))
    return MergePlan(merged, moved, [str(p) for p in platforms], tags, notes != survivor.notes,
                     how_met != survivor.how_met, shared)
