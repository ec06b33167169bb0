"""Duplicate detection and the merge plan.

An incoming person is the same as a contact already in the journal when they
share an email address, a phone number (digits only), or a platform
handle/URL (normalised); failing that, when their names are the same after
case-folding, stripping accents and collapsing whitespace. A name match is
refused when both people have different profiles on the same platform
(two LinkedIn profiles are two people).

A merge only adds: missing platforms and tags, the incoming notes appended
when the journal does not already hold them, how-met and birthday only when
empty. Nothing is overwritten, so importing the same file twice changes
nothing the second time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..domain.models import PLATFORMS, Contact, Interaction, ValidationError, normalise_platform, now_utc
from .plan import ImportPlan, ParsedFile, Skipped
from .sources import fold_accents

Progress = Callable[[int, int], None]

#: Report progress every this many rows.
PROGRESS_EVERY = 1000

#: Platforms on which one person has one profile: two different handles mean two people.
PROFILE_PLATFORMS = frozenset({"linkedin", "x", "github", "instagram", "facebook", "bluesky", "mastodon"})

_SITE_PREFIX = {
    "linkedin": ("linkedin.com/",),
    "x": ("x.com/", "twitter.com/"),
    "github": ("github.com/",),
    "instagram": ("instagram.com/",),
    "facebook": ("facebook.com/", "fb.com/"),
    "bluesky": ("bsky.app/profile/",),
}
_SPACE = re.compile(r"\s+")
_SOURCE_NAMES = {"linkedin": "LinkedIn"}
_CANONICAL = frozenset(PLATFORMS)


@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """Case-folded, accents stripped, whitespace collapsed: 'Zoë  O\u2019Brien' ~ 'zoe o\u2019brien'."""
    if name.isascii():
        return " ".join(name.casefold().split())
    return " ".join(fold_accents(name).casefold().split())


def normalise_phone(number: str) -> str:
    """Digits only, an international '00' prefix dropped; '' when too short to identify anyone."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if digits.startswith("00"):
        digits = digits[2:]
    return digits if len(digits) >= 5 else ""


def normalise_handle(platform: str, handle: str) -> str:
    """A handle or profile URL reduced to what identifies the profile."""
    h = handle.strip().casefold()
    for prefix in ("https://", "http://", "mailto:", "tel:"):
        if h.startswith(prefix):
            h = h[len(prefix):]
    for prefix in ("www.", "m.", "mobile."):
        if h.startswith(prefix):
            h = h[len(prefix):]
    h = h.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    for prefix in _SITE_PREFIX.get(platform, ()):
        if h.startswith(prefix):
            h = h[len(prefix):]
            break
    if platform == "mastodon":
        # 'host/@user' and '@user@host' are the same account
        m = re.fullmatch(r"([^/@]+)/@([^/@]+)", h)
        if m:
            h = f"{m.group(2)}@{m.group(1)}"
    if platform == "linkedin" and h and not h.startswith(("in/", "pub/", "company/")):
        h = "in/" + h
    return _SPACE.sub("", h.lstrip("@"))


@lru_cache(maxsize=1 << 16)
def platform_key(platform: str, handle: str) -> str:
    """The duplicate-detection key of one platform entry ('' when it identifies nobody)."""
    if not handle.strip():
        return ""
    if platform == "email":
        addr = handle.strip().casefold()
        if addr.startswith("mailto:"):
            addr = addr[7:]
        return f"e:{addr}" if "@" in addr else ""
    if platform == "phone":
        digits = normalise_phone(handle)
        return f"p:{digits}" if digits else ""
    norm = normalise_handle(platform, handle)
    return f"h:{platform}:{norm}" if norm else ""


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
    def take(cls, store, *, entries: bool = True) -> JournalSnapshot:
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


class ContactIndex:
    """Contacts by every key that identifies them, plus their normalised names."""

    def __init__(self) -> None:
        self.by_key: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        self.profiles: dict[str, dict[str, set[str]]] = {}  # id -> platform -> handle keys

    def add(self, cid: str, name: str, platforms: Iterable[tuple[str, str]]) -> None:
        self.by_name.setdefault(normalise_name(name), cid)
        for platform, handle in platforms:
            self.add_platform(cid, platform, handle)

    def add_platform(self, cid: str, platform: str, handle: str) -> None:
        key = platform_key(platform, handle)
        if not key:
            return
        self.by_key.setdefault(key, cid)
        if platform in PROFILE_PLATFORMS:
            self.profiles.setdefault(cid, {}).setdefault(platform, set()).add(key)

    def find(self, name: str, platforms: Iterable[tuple[str, str]]) -> str | None:
        """The id of the contact this person already is, or None."""
        mine: dict[str, set[str]] = {}
        for platform, handle in platforms:
            key = platform_key(platform, handle)
            if not key:
                continue
            hit = self.by_key.get(key)
            if hit is not None:
                return hit
            if platform in PROFILE_PLATFORMS:
                mine.setdefault(platform, set()).add(key)
        cid = self.by_name.get(normalise_name(name))
        if cid is None:
            return None
        theirs = self.profiles.get(cid, {})
        for platform, keys in mine.items():
            if platform in theirs and not (theirs[platform] & keys):
                return None  # same name, different profiles: two people
        return cid


def _has_platform(existing: list[tuple[str, str]], platform: str, handle: str) -> bool:
    key = platform_key(platform, handle)
    for p, h in existing:
        if p != platform:
            continue
        if h.strip() == handle.strip() or (key and platform_key(p, h) == key):
            return True
    return False


def _notes_contain(existing: str, incoming: str) -> bool:
    return " ".join(incoming.split()) in " ".join(existing.split())


def merged_contact(contact: Contact, *, platforms: Iterable[tuple[str, str]], tags: Iterable[str],
                   notes: str = "", how_met: str = "", birthday=None) -> Contact | None:
    """``contact`` with what the incoming data adds; None when it adds nothing."""
    new_platforms = [(p.platform, p.handle) for p in contact.platforms]
    changed = False
    for platform, handle in platforms:
        if not _has_platform(new_platforms, platform, handle):
            new_platforms.append((platform, handle))
            changed = True
    new_tags = list(contact.tags)
    for t in tags:
        if t and t not in new_tags:
            new_tags.append(t)
            changed = True
    new_notes = contact.notes
    if notes and not _notes_contain(contact.notes, notes):
        new_notes = f"{contact.notes}\n\n{notes}" if contact.notes else notes
        changed = True
    new_met = contact.how_met
    if how_met and not contact.how_met:
        new_met = how_met
        changed = True
    new_birthday = contact.birthday
    if birthday is not None and contact.birthday is None:
        new_birthday = birthday
        changed = True
    if not changed:
        return None
    return Contact(contact.name, platforms=new_platforms, tags=new_tags, how_met=new_met, notes=new_notes,
                   cadence_days=contact.cadence_days, birthday=new_birthday, archived=contact.archived,
                   id=contact.id, created=contact.created)


def fresh_ids(batch: int = 4096) -> Iterator[str]:
    """Endless random 128-bit hex ids, like ``new_id`` but drawn from the OS in batches (bulk imports)."""
    while True:
        raw = os.urandom(16 * batch).hex()
        for i in range(0, len(raw), 32):
            yield raw[i:i + 32]


def _contact_from_doc(doc: dict[str, Any]) -> Contact:
    return Contact.from_doc(doc)


def plan_people(parsed: ParsedFile, snapshot: JournalSnapshot, *, source: str,
                progress: Progress | None = None) -> ImportPlan:
    """Decide, for every person read from a file, whether to add, merge or leave them."""
    plan = ImportPlan(kind=parsed.kind, source=source, rows=parsed.rows,
                      skipped=list(parsed.skipped), warnings=list(parsed.warnings),
                      journal_version=snapshot.version)
    index = ContactIndex()
    for cid, doc in snapshot.contacts.items():
        index.add(cid, doc["name"], doc.get("platforms", ()))
    stamp = now_utc()  # one time for every record of the import
    ids = fresh_ids()
    new: dict[str, Contact] = {}  # id -> contact added by this import, in file order
    seen: set[str] = set()  # existing contacts some earlier row already matched
    connections = set(snapshot.connections)
    total = len(parsed.people)
    for n, person in enumerate(parsed.people, 1):
        if progress is not None and n % PROGRESS_EVERY == 0:
            progress(n, total)
        try:
            platforms = [(p if p in _CANONICAL else normalise_platform(p), h) for p, h in person.platforms]
            cid = index.find(person.name, platforms)
            if cid is None:
                contact = Contact(person.name, platforms=platforms, tags=person.tags, notes=person.notes,
                                  how_met=person.how_met, birthday=person.birthday, id=next(ids),
                                  created=stamp, updated=stamp)
                new[contact.id] = contact
                index.add(contact.id, contact.name, [(p.platform, p.handle) for p in contact.platforms])
            else:
                current = new.get(cid) or plan.merged.get(cid) or _contact_from_doc(snapshot.contacts[cid])
                updated = merged_contact(current, platforms=platforms, tags=person.tags, notes=person.notes,
                                         how_met=person.how_met, birthday=person.birthday)
                if cid in new:
                    plan.duplicates += 1
                    if updated is not None:
                        new[cid] = updated
                else:
                    if cid in seen:
                        plan.duplicates += 1
                    elif updated is None:
                        plan.unchanged += 1
                    seen.add(cid)
                    if updated is not None:
                        plan.merged[cid] = updated
                if updated is not None:
                    for p in updated.platforms:
                        index.add_platform(cid, p.platform, p.handle)
                contact = updated or current
            if person.connected_on is not None:
                key = (contact.id, person.connected_on.isoformat())
                if key not in connections:
                    connections.add(key)
                    # A connection is an accepted request, not an exchange: passive (real=False),
                    # so years of old connections do not count as conversations in reviews.
                    plan.interactions.append(Interaction(
                        [contact.id], person.connected_on, kind="new connection", platform=parsed.kind,
                        real=False, note=f"Connected on {_SOURCE_NAMES.get(parsed.kind, parsed.kind)}",
                        id=next(ids), created=stamp, updated=stamp))
        except ValidationError as exc:
            plan.skipped.append(Skipped(person.line, f"{exc.field.replace('_', ' ')} {exc.message}"))
    plan.added = list(new.values())
    if progress is not None:
        progress(total, total)
    plan.skipped.sort(key=lambda s: s.line or 0)
    return plan
