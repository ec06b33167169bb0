"""The merge plan: for every person read from a file, add them, merge them, or leave them.

Who someone already is comes from :mod:`match` (strong keys only). A merge
only adds: missing platforms and tags, the lines of the incoming notes that
the journal does not hold yet, how-met and birthday only when empty. Nothing
is overwritten, so importing the same file twice changes nothing the second
time, and a person met in five exports carries each note line once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..domain.birthdays import Birthday
from ..domain.models import (
    MAX_TEXT,
    PLATFORMS,
    Contact,
    Interaction,
    PlatformHandle,
    ValidationError,
    normalise_platform,
    now_utc,
)
from ..domain.platforms import same_handle_key
from .match import ContactIndex, Found, Key
from .plan import ImportPlan, Incoming, Matched, ParsedFile, Skipped
from .ports import JournalTables
from .sources import MAX_PLATFORMS

Progress = Callable[[int, int], None]

#: Report progress every this many rows.
PROGRESS_EVERY = 1000

_SOURCE_NAMES = {"linkedin": "LinkedIn"}
_CANONICAL = frozenset(PLATFORMS)


@dataclass
class JournalSnapshot:
    """What matching needs from the journal, copied so planning can run off the UI thread."""

    version: int = 0
    contacts: dict[str, dict[str, Any]] = field(default_factory=dict)
    connections: set[tuple[str, str]] = field(default_factory=set)  # (contact id, iso date)
    interaction_ids: set[str] = field(default_factory=set)
    act_ids: set[str] = field(default_factory=set)
    audit_weeks: dict[str, str] = field(default_factory=dict)  # week -> audit id

    @classmethod
    def take(cls, store: JournalTables, *, entries: bool = True) -> JournalSnapshot:
        """Copy the journal's contacts (and with ``entries``, what entries exist) from ``store``."""
        snap = cls(version=store.version, contacts=dict(store.contact_docs()))
        if entries and (snap.contacts or store.count("audits")):
            tables = store.export_tables()
            for rid, doc in tables["interactions"].items():
                snap.interaction_ids.add(rid)
                if doc.get("kind") == "new connection":
                    for cid in doc["contact_ids"]:
                        snap.connections.add((cid, doc["on"]))
            snap.act_ids = set(tables["acts"])
            snap.audit_weeks = {d["week"]: rid for rid, d in tables["audits"].items()}
        return snap

    def index(self, region: str | None = None) -> ContactIndex:
        """The journal's contacts by every key that identifies them."""
        index = ContactIndex(region)
        for cid, doc in self.contacts.items():
            index.add(cid, doc["name"], doc.get("platforms", ()))
        return index


def _has_platform(existing: list[tuple[str, str]], platform: str, handle: str, region: str | None) -> bool:
    key = same_handle_key(platform, handle, region)
    for p, h in existing:
        if p != platform:
            continue
        if h.strip() == handle.strip() or (key and same_handle_key(p, h, region) == key):
            return True
    return False


def _line_key(line: str) -> str:
    return " ".join(line.casefold().split()).rstrip(".")


def new_note_lines(existing: str, incoming: str) -> str:
    """The lines of ``incoming`` that ``existing`` does not hold yet (any case or spacing), paragraphs kept."""
    if not incoming.strip():
        return ""
    have = {_line_key(ln) for ln in existing.splitlines()}
    flat = _line_key(existing.replace("\n", " "))
    paragraphs: list[str] = []
    for paragraph in incoming.split("\n\n"):
        lines = []
        for ln in paragraph.splitlines():
            key = _line_key(ln)
            if key and key not in have and key not in flat:
                have.add(key)
                lines.append(ln.strip())
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def merged_contact(contact: Contact, *, platforms: Iterable[tuple[str, str]], tags: Iterable[str],
                   notes: str = "", how_met: str = "", birthday: Birthday | None = None,
                   region: str | None = None) -> Contact | None:
    """``contact`` with what the incoming data adds; None when it adds nothing.

    A contact gains platforms up to :data:`~.sources.MAX_PLATFORMS` (rows that would add more are a list,
    not one person, and keeping every address would make each later merge slower)."""
    new_platforms = [(p.platform, p.handle) for p in contact.platforms]
    changed = False
    for platform, handle in platforms:
        if len(new_platforms) >= MAX_PLATFORMS:
            break
        if not _has_platform(new_platforms, platform, handle, region):
            new_platforms.append((platform, handle))
            changed = True
    new_tags = list(contact.tags)
    for t in tags:
        if t and t not in new_tags:
            new_tags.append(t)
            changed = True
    new_notes = contact.notes
    extra = new_note_lines(contact.notes, notes)
    if extra:
        joined = f"{contact.notes}\n\n{extra}" if contact.notes else extra
        if len(joined) <= MAX_TEXT:  # never lose the contact over notes that no longer fit
            new_notes, changed = joined, True
    new_met = contact.how_met
    if how_met and not contact.how_met:
        new_met, changed = how_met, True
    new_birthday = contact.birthday
    if birthday is not None and contact.birthday is None:
        new_birthday, changed = birthday, True
    if not changed:
        return None
    return Contact(contact.name, platforms=_handles(new_platforms), tags=new_tags, how_met=new_met, notes=new_notes,
                   cadence_days=contact.cadence_days, birthday=new_birthday, archived=contact.archived,
                   id=contact.id, created=contact.created)


def _handles(pairs: list[tuple[str, str]]) -> list[PlatformHandle]:
    return [PlatformHandle(platform, handle) for platform, handle in pairs]


def fresh_ids(batch: int = 4096) -> Iterator[str]:
    """Endless random 128-bit hex ids, like ``new_id`` but drawn from the OS in batches (bulk imports)."""
    while True:
        raw = os.urandom(16 * batch).hex()
        for i in range(0, len(raw), 32):
            yield raw[i:i + 32]


class _Planner:
    """One pass over the people of a file, against the journal's contacts."""

    def __init__(self, parsed: ParsedFile, snapshot: JournalSnapshot, plan: ImportPlan, region: str | None) -> None:
        self.parsed, self.snapshot, self.plan, self.region = parsed, snapshot, plan, region
        self.index = snapshot.index(region)
        self.stamp = now_utc()  # one time for every record of the import
        self.ids = fresh_ids()
        self.new: dict[str, Contact] = {}  # id -> contact added by this import, in file order
        self.seen: set[str] = set()  # existing contacts some earlier row already matched
        self.connections = set(snapshot.connections)

    def person(self, person: Incoming) -> None:
        platforms = [(p if p in _CANONICAL else normalise_platform(p), h) for p, h in person.platforms]
        keys = self.index.keys(platforms)
        found = self.index.find(person.name, platforms, record_id=person.record_id, keys=keys)
        contact = self._add(person, platforms, keys) if found is None else self._merge(person, platforms, found)
        if person.connected_on is not None:
            self._connection(contact, person.connected_on)

    def _add(self, person: Incoming, platforms: list[tuple[str, str]], keys: list[Key]) -> Contact:
        cid = person.record_id if person.record_id and person.record_id not in self.snapshot.contacts \
            else next(self.ids)
        contact = Contact(person.name, platforms=_handles(platforms), tags=person.tags, notes=person.notes,
                          how_met=person.how_met, birthday=person.birthday, id=cid,
                          created=self.stamp, updated=self.stamp)
        self.new[contact.id] = contact
        self.index.add(contact.id, contact.name, (), record_id=person.record_id, keys=keys)
        return contact

    def _merge(self, person: Incoming, platforms: list[tuple[str, str]], found: Found) -> Contact:
        cid, plan = found.cid, self.plan
        current = self.new.get(cid) or plan.merged.get(cid) or Contact.from_doc(self.snapshot.contacts[cid])
        updated = merged_contact(current, platforms=platforms, tags=person.tags, notes=person.notes,
                                 how_met=person.how_met, birthday=person.birthday, region=self.region)
        if cid in self.new:
            outcome = "duplicate"
            if updated is not None:
                self.new[cid] = updated
        else:
            outcome = "duplicate" if cid in self.seen else "unchanged" if updated is None else "merge"
            self.seen.add(cid)
            if updated is not None:
                if cid not in plan.merged and outcome == "duplicate":
                    outcome = "merge"
                plan.merged[cid] = updated
        if outcome == "duplicate":
            plan.duplicates += 1
        elif outcome == "unchanged":
            plan.unchanged += 1
        plan.matches.append(Matched(person.line, person.name, current.name, found.key, found.how, outcome))
        if updated is not None:
            self.index.add_platforms(cid, [(p.platform, p.handle) for p in updated.platforms])
        return updated or current

    def _connection(self, contact: Contact, on: date) -> None:
        key = (contact.id, on.isoformat())
        if key in self.connections:
            return
        self.connections.add(key)
        kind = self.parsed.kind
        # A connection is an accepted request, not an exchange: passive (real=False),
        # so years of old connections do not count as conversations in reviews.
        self.plan.interactions.append(Interaction(
            [contact.id], on, kind="new connection", platform=kind, real=False,
            note=f"Connected on {_SOURCE_NAMES.get(kind, kind)}", id=next(self.ids),
            created=self.stamp, updated=self.stamp))


def plan_people(parsed: ParsedFile, snapshot: JournalSnapshot, *, source: str,
                progress: Progress | None = None, region: str | None = None) -> ImportPlan:
    """Decide, for every person read from a file, whether to add, merge or leave them.

    The people are let go of as they are planned (``parsed.people`` is empty afterwards): a big
    import then holds the people it read or the records it will write, never both at once."""
    plan = ImportPlan(kind=parsed.kind, source=source, rows=parsed.rows,
                      skipped=list(parsed.skipped), warnings=list(parsed.warnings),
                      journal_version=snapshot.version)
    planner = _Planner(parsed, snapshot, plan, region)
    people = parsed.people
    total = len(people)
    people.reverse()  # popped from the end, in file order, each let go of once planned
    n = 0
    while people:
        person = people.pop()
        n += 1
        if progress is not None and n % PROGRESS_EVERY == 0:
            progress(n, total)
        try:
            planner.person(person)
        except ValidationError as exc:
            plan.skipped.append(Skipped(person.line, f"{exc.field.replace('_', ' ')} {exc.message}"))
    plan.added = list(planner.new.values())
    if progress is not None:
        progress(total, total)
    plan.skipped.sort(key=lambda s: s.line or 0)
    plan.warnings.sort(key=lambda s: s.line or 0)
    return plan
