"""What an import will do, before it does it: the plan, and the summary shown to the user."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..domain.models import Contact, Interaction

#: How many skipped rows a summary lists one by one before it just counts the rest.
SKIPPED_SHOWN = 20


class ImportFormatError(ValueError):
    """The file is not the stated format (wrong columns, binary, empty); nothing was written."""


@dataclass(frozen=True)
class Skipped:
    """A row or card that could not be read, and why. ``line`` is 1-based (None: no line)."""

    line: int | None
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason


@dataclass
class Incoming:
    """One person as read from a file, before matching against the journal."""

    name: str
    line: int
    platforms: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    how_met: str = ""
    birthday: date | None = None
    connected_on: date | None = None


@dataclass
class ParsedFile:
    """Everything read from one file: the people, and the rows that could not be read."""

    kind: str
    people: list[Incoming] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    rows: int = 0


@dataclass
class ImportPlan:
    """The records an import will write, in one commit, and what it decided for every row."""

    kind: str
    source: str
    rows: int = 0
    added: list[Contact] = field(default_factory=list)
    merged: dict[str, Contact] = field(default_factory=dict)  # existing id -> contact with additions
    unchanged: int = 0
    duplicates: int = 0
    interactions: list[Interaction] = field(default_factory=list)
    entries: list[Any] = field(default_factory=list)  # acts and audits (JSON imports)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    journal_version: int = 0

    def records(self) -> list[Any]:
        """Contacts first, then what refers to them: the order ``store.add_many`` needs."""
        return [*self.added, *self.merged.values(), *self.interactions, *self.entries]

    @property
    def writes_anything(self) -> bool:
        return bool(self.added or self.merged or self.interactions or self.entries)

    def summary(self, *, dry_run: bool) -> ImportSummary:
        acts = sum(1 for r in self.entries if r.TABLE == "acts")
        return ImportSummary(
            kind=self.kind,
            source=self.source,
            rows=self.rows,
            added=len(self.added),
            merged=len(self.merged),
            unchanged=self.unchanged,
            duplicates=self.duplicates,
            interactions=len(self.interactions),
            acts=acts,
            audits=len(self.entries) - acts,
            skipped=tuple(self.skipped),
            warnings=tuple(self.warnings),
            dry_run=dry_run,
        )


_KIND_LABELS = {"linkedin": "LinkedIn", "google": "Google Contacts", "vcard": "vCard", "json": "smn JSON"}


@dataclass(frozen=True)
class ImportSummary:
    """What an import did (or, for a dry run, would do)."""

    kind: str
    source: str
    rows: int
    added: int
    merged: int
    unchanged: int
    duplicates: int
    interactions: int
    acts: int
    audits: int
    skipped: tuple[Skipped, ...]
    warnings: tuple[Skipped, ...]
    dry_run: bool

    @property
    def headline(self) -> str:
        label = _KIND_LABELS.get(self.kind, self.kind)
        if self.dry_run:
            return (f"{label} import would add {self.added:,}, merge {self.merged:,}, "
                    f"skip {len(self.skipped):,}.")
        return f"{label} import: {self.added:,} added, {self.merged:,} merged, {len(self.skipped):,} skipped."

    def lines(self) -> list[str]:
        """The summary as plain lines for the terminal and the import dialog."""
        title = "Dry run, nothing written" if self.dry_run else "Imported"
        out = [f"{title}: {_KIND_LABELS.get(self.kind, self.kind)} file {self.source} ({self.rows:,} rows read)"]
        out.append(f"  to add:     {self.added:,} new contact(s)")
        if self.interactions:
            out.append(f"              {self.interactions:,} new-connection journal "
                       f"entr{'y' if self.interactions == 1 else 'ies'}")
        if self.acts or self.audits:
            out.append(f"              {self.acts:,} helpful act(s), {self.audits:,} weekly audit(s)")
        out.append(f"  to merge:   {self.merged:,} existing contact(s) gain platforms, tags or notes")
        out.append(f"  unchanged:  {self.unchanged:,} already in the journal")
        if self.duplicates:
            out.append(f"  duplicates: {self.duplicates:,} row(s) about someone earlier in the file, folded in")
        out.append(f"  skipped:    {len(self.skipped):,}")
        for s in self.skipped[:SKIPPED_SHOWN]:
            out.append(f"    {s}")
        if len(self.skipped) > SKIPPED_SHOWN:
            out.append(f"    … and {len(self.skipped) - SKIPPED_SHOWN} more")
        for w in self.warnings[:SKIPPED_SHOWN]:
            out.append(f"  note: {w}")
        if len(self.warnings) > SKIPPED_SHOWN:
            out.append(f"  note: … and {len(self.warnings) - SKIPPED_SHOWN} more")
        return out

    def describe(self) -> str:
        return "\n".join(self.lines()) + "\n"
