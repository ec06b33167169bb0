"""How a change to the journal is said in its history ("Logged a helpful act for Ada on 2026-11-30")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .models import Contact, HelpfulAct, Interaction, WeeklyAudit

__all__ = ["describe_many", "describe_put", "people_phrase"]


def people_phrase(ids: Iterable[str], names: Mapping[str, str]) -> str:
    """Up to three names, then how many more."""
    shown = [names.get(i, "someone") for i in ids]
    return ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")


def describe_put(record: Contact | Interaction | HelpfulAct | WeeklyAudit, new: bool,
                 names: Mapping[str, str]) -> str:
    """A sentence for adding (``new``) or changing one record."""
    if isinstance(record, Contact):
        return f"Added {record.name}" if new else f"Edited {record.name}"
    if isinstance(record, Interaction):
        said = f"{record.kind} with {people_phrase(record.contact_ids, names)} on {record.on}"
        return f"Logged a {said}" if new else f"Edited the {said}"
    if isinstance(record, HelpfulAct):
        said = f"helpful act for {people_phrase(record.contact_ids, names)} on {record.on}"
        return f"Logged a {said}" if new else f"Edited the {said}"
    done = "Completed" if record.completed else "Saved"
    return f"{done} the audit for {record.week}"


def describe_many(records: Sequence[Contact | Interaction | HelpfulAct | WeeklyAudit], new: set[str],
                  names: Mapping[str, str]) -> str:
    """A sentence for one commit of several records (``new``: the ids that were not there before)."""
    entries = [r for r in records if not isinstance(r, Contact)]
    contacts = [r for r in records if isinstance(r, Contact)]
    if len(entries) == 1:
        said = describe_put(entries[0], entries[0].id in new, names)
        added = [c.name for c in contacts if c.id in new]
        return said + (f" (new: {', '.join(added[:3])}{' and more' if len(added) > 3 else ''})" if added else "")
    if not entries and contacts:
        verb = "Added" if all(c.id in new for c in contacts) else "Saved"
        shown = ", ".join(c.name for c in contacts[:3])
        return f"{verb} {shown}" + (f" and {len(contacts) - 3} more" if len(contacts) > 3 else "")
    return f"Saved {len(records)} records"
