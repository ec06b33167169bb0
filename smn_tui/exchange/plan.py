"""What an import will do, before it does it: the plan, and the summary shown to the user."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..domain.birthdays import Birthday
from ..domain.models import Contact, HelpfulAct, Interaction, WeeklyAudit

#: How many skipped rows a summary lists one by one before it just counts the rest.
SKIPPED_SHOWN = 20

#: What the journal entries an import writes are called (one, many).
ENTRY_LABEL = ("new-connection journal entry", "new-connection journal entries")


class ImportFormatError(ValueError):
    """The file is not the stated format (wrong columns, binary, empty); nothing was written."""


class WrongFormatError(ImportFormatError):
    """The file is of another kind than the one chosen (the message then says which, or what smn reads)."""


@dataclass(frozen=True)
class ImportOptions:
    """How to read a file: the phone region for numbers without a country code, and calendar choices.

    ``region`` is a two-letter code (``ES``); ``None`` reads it from the settings.
    For calendars, ``create_new`` adds attendees who are not contacts yet,
    except ``me`` (the user's own addresses); events after ``today`` are not
    imported (they have not happened yet).
    """

    region: str | None = None
    create_new: bool = False
    me: tuple[str, ...] = ()
    today: date | None = None


@dataclass(frozen=True)
class Skipped:
    """A row or card that could not be read, and why. ``line`` is 1-based (None: no line)."""

    line: int | None
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason


@dataclass(slots=True)
class Incoming:
    """One person as read from a file, before matching against the journal."""

    name: str
    line: int
    platforms: list[tuple[str, str]] = field(default_factory=list)
    record_id: str = ""  # the smn id the person had where they came from (an smn vCard's UID)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    how_met: str = ""
    birthday: Birthday | None = None
    connected_on: date | None = None


@dataclass
class ParsedFile:
    """Everything read from one file: the people, and the rows that could not be read."""

    kind: str
    people: list[Incoming] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    rows: int = 0


@dataclass(frozen=True)
class Matched:
    """A person found in the journal (or earlier in the file): where, who, and the key that matched."""

    line: int | None
    incoming: str
    contact: str
    key: str  # the kind of key: 'e-mail', 'phone number', 'linkedin profile', 'name', 'smn id'
    how: str
    outcome: str  # 'merge', 'unchanged' or 'duplicate'

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        into = self.contact if self.incoming == self.contact else f"{self.incoming} -> {self.contact}"
        return f"{where}{into} ({self.how})"


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
    entries: list[HelpfulAct | WeeklyAudit] = field(default_factory=list)  # acts and audits (JSON imports)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    journal_version: int = 0
    matches: list[Matched] = field(default_factory=list)
    not_in_journal: list[str] = field(default_factory=list)  # calendar attendees who are not contacts
    entry_label: tuple[str, str] = ENTRY_LABEL

    def records(self) -> list[Contact | Interaction | HelpfulAct | WeeklyAudit]:
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
            matches=tuple(self.matches),
            not_in_journal=tuple(self.not_in_journal),
            entry_label=self.entry_label,
        )


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
    matches: tuple[Matched, ...] = ()
    not_in_journal: tuple[str, ...] = ()
    entry_label: tuple[str, str] = ENTRY_LABEL

    @property
    def label(self) -> str:
        return format_label(self.kind)

    @property
    def headline(self) -> str:
        if self.dry_run:
            return (f"{self.label} import would add {self.added:,}, merge {self.merged:,}, "
                    f"skip {len(self.skipped):,}.")
        return f"{self.label} import: {self.added:,} added, {self.merged:,} merged, {len(self.skipped):,} skipped."

    def lines(self) -> list[str]:
        """The summary as plain lines for the terminal and the import dialog."""
        title = "Dry run, nothing written" if self.dry_run else "Imported"
        out = [f"{title}: {self.label} file {self.source} ({self.rows:,} rows read)"]
        out.append(f"  to add:     {self.added:,} new contact(s)")
        if self.interactions:
            one, many = self.entry_label
            out.append(f"              {self.interactions:,} {one if self.interactions == 1 else many}")
        if self.acts or self.audits:
            out.append(f"              {self.acts:,} helpful act(s), {self.audits:,} weekly audit(s)")
        out.append(f"  to merge:   {self.merged:,} existing contact(s) gain platforms, tags or notes")
        out += _listed(m for m in self.matches if m.outcome == "merge")
        out.append(f"  unchanged:  {self.unchanged:,} already in the journal{self._by_key('unchanged')}")
        if self.duplicates:
            out.append(f"  duplicates: {self.duplicates:,} row(s) about someone earlier in the file, folded in")
            out += _listed(m for m in self.matches if m.outcome == "duplicate")
        if self.not_in_journal:
            out.append(f"  not in the journal: {len(self.not_in_journal):,} attendee(s) "
                       "(import with --new to add them)")
            out += _listed(self.not_in_journal)
        out.append(f"  skipped:    {len(self.skipped):,}")
        out += _listed(self.skipped)
        out += _listed(self.warnings, "  note: ")
        return out

    def _by_key(self, outcome: str) -> str:
        counts: dict[str, int] = {}
        for m in self.matches:
            if m.outcome == outcome:
                counts[m.key] = counts.get(m.key, 0) + 1
        if not counts:
            return ""
        return " (by " + ", ".join(f"{kind}: {n:,}" for kind, n in counts.items()) + ")"

    def describe(self) -> str:
        return "\n".join(self.lines()) + "\n"


def _listed(items: Iterable[object], prefix: str = "    ") -> list[str]:
    """Up to :data:`SKIPPED_SHOWN` items, one per line, then how many more."""
    out: list[str] = []
    extra = 0
    for item in items:
        if len(out) < SKIPPED_SHOWN:
            out.append(f"{prefix}{item}")
        else:
            extra += 1
    if extra:
        out.append(f"{prefix}… and {extra:,} more")
    return out


def format_label(kind: str) -> str:
    """The name people know a format by ('vcard' -> 'vCard')."""
    from .formats import IMPORT_FORMATS

    fmt = IMPORT_FORMATS.get(kind)
    return fmt.label if fmt else kind
