"""What the journal's reads and writes hand back besides records: due contacts, act totals, deletes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .due import due_status
from .models import Contact
from .wording import count_of

__all__ = ["ActTotals", "DeleteSummary", "DueContact", "JournalChange"]


@dataclass(frozen=True)
class DeleteSummary:
    """What a hard delete of a contact removes or changes."""

    contact: Contact
    interactions_removed: int
    acts_removed: int
    interactions_kept: int
    acts_kept: int

    def describe(self) -> str:
        parts = [f"'{self.contact.name}'"]
        if self.interactions_removed or self.acts_removed:
            parts.append(
                f"{count_of(self.interactions_removed, 'interaction')} and "
                f"{count_of(self.acts_removed, 'helpful act')} that involve nobody else"
            )
        if self.interactions_kept or self.acts_kept:
            parts.append(
                f"and takes them off {count_of(self.interactions_kept, 'interaction')} and "
                f"{count_of(self.acts_kept, 'act')} shared with others"
            )
        return "Deletes " + ", ".join(parts) + "."


@dataclass(frozen=True)
class ActTotals:
    """Sums over a set of helpful acts: how many, for how many people, minutes, count by impact."""

    acts: int
    people: int
    minutes: int
    by_impact: dict[str, int]


@dataclass(frozen=True)
class DueContact:
    """A contact with a stay-in-touch cadence and where they stand."""

    contact: Contact
    last: date | None
    due: date
    days_overdue: int  # negative: days left

    @property
    def status(self) -> str:
        return due_status(self.days_overdue)


@dataclass(frozen=True)
class JournalChange:
    """One change in the journal's history: what it did, when, and from where."""

    seq: int
    at: datetime | None
    source: str  # "app" or "shell" ("" when not known)
    what: str
    kind: str  # "change", "undo" or "redo"
    undone: bool  # taken back by a later undo (and not redone)
    records: int  # how many records it wrote

    @property
    def label(self) -> str:
        """``what``, marked when it has been undone (an undo: when it has been redone)."""
        if not self.undone:
            return self.what
        return f"{self.what} (redone)" if self.kind == "undo" else f"{self.what} (undone)"
