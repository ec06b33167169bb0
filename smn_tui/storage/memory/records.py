"""Converting between the store's documents and the domain's dataclasses: the one place it is done.

Documents (plain JSON objects keyed by the records' ids) are what the files and
TinyDB hold; the rest of smn sees :mod:`smn_tui.domain.models` dataclasses.
Documents leave storage only through here.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, TypeVar

from ...domain.birthdays import birthday_from_iso
from ...domain.models import Contact, HelpfulAct, Interaction, PlatformHandle, WeeklyAudit
from ..errors import JournalCorruptError

__all__ = ["RECORD_TYPES", "Record", "doc_of", "record_of"]

Record = TypeVar("Record", Contact, Interaction, HelpfulAct, WeeklyAudit)

#: Which dataclass each table holds.
RECORD_TYPES: dict[str, type] = {
    "contacts": Contact,
    "interactions": Interaction,
    "acts": HelpfulAct,
    "audits": WeeklyAudit,
}


def record_of(cls: type[Record], doc: dict[str, Any]) -> Record:
    """Build a record from a document the store validated when it was written.

    Skips validation (30,000 contacts must turn into rows quickly) but keeps
    the same types the constructor would give. A document damaged on disk in
    a way the opening checks let through is refused here, never half-built.
    """
    try:
        return _build(cls, doc)
    except (ValueError, TypeError, KeyError) as exc:
        raise JournalCorruptError(
            f"A record in the journal ({str(doc.get('id', '?'))[:40]}) is damaged and cannot be read "
            f"({exc}). Nothing was written. Run 'smn doctor', or 'smn restore' to go back to a backup."
        ) from exc


def _build(cls: type[Record], doc: dict[str, Any]) -> Record:
    obj = object.__new__(cls)
    d = obj.__dict__
    d.update(doc)
    for key in ("created", "updated", "completed"):
        v = d.get(key)
        if isinstance(v, str):
            d[key] = datetime.fromisoformat(v)
    on = d.get("on")
    if isinstance(on, str):
        d["on"] = date.fromisoformat(on)
    birthday = d.get("birthday")
    if isinstance(birthday, str):
        d["birthday"] = birthday_from_iso(birthday)
    if cls is Contact:
        d["platforms"] = [PlatformHandle(p, h) for p, h in doc.get("platforms", ())]
        d["tags"] = list(doc.get("tags", ()))
    elif cls is Interaction:
        at = d.get("at")
        if isinstance(at, str):
            d["at"] = time.fromisoformat(at)
        d["contact_ids"] = list(doc["contact_ids"])
    elif cls is HelpfulAct:
        d["contact_ids"] = list(doc["contact_ids"])
    elif cls is WeeklyAudit:
        d["answers"] = dict(doc.get("answers", {}))
    return obj


def doc_of(record: Contact | Interaction | HelpfulAct | WeeklyAudit) -> dict[str, Any]:
    """The document the store keeps for ``record``."""
    return record.to_doc()
