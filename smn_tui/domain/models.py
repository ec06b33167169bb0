"""The journal's records: contacts, interactions, helpful acts and weekly audits.

Plain dataclasses with validation. Constructing a record normalises its fields
(trims text, lower-cases platforms and tags) and raises :class:`ValidationError`
naming the field when a value cannot be accepted. ``to_doc``/``from_doc``
convert to and from the JSON documents the store keeps. How each field is read
is in :mod:`.fields`; the platforms' names, aliases and marks are in
:mod:`.platforms`. Both are re-exported here, with the records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import Field, dataclass, field, fields, replace
from datetime import date, datetime, time
from typing import Any, ClassVar, Self

from .birthdays import Birthday, MonthDay
from .fields import (
    MAX_NAME,
    MAX_SHORT,
    MAX_TEXT,
    ValidationError,
    birthday_field,
    bool_field,
    cadence_field,
    choice_field,
    contact_id_list,
    date_field,
    minutes_field,
    new_id,
    normalise_tag,
    now_utc,
    optional_time,
    refuse_controls,
    tag_list,
    text_field,
    timestamp,
)
from .platforms import (
    PLATFORM_ALIASES,
    PLATFORM_MARKS,
    PLATFORMS,
    normalise_platform,
    parse_platform_text,
    platform_mark,
)
from .text import CONTROL_ONE_LINE

__all__ = [
    "ACT_KINDS",
    "ACT_KIND_LABELS",
    "IMPACTS",
    "INTERACTION_KINDS",
    "MAX_NAME",
    "MAX_SHORT",
    "MAX_TEXT",
    "PLATFORMS",
    "PLATFORM_ALIASES",
    "PLATFORM_MARKS",
    "RECORD_TYPES",
    "SCHEMA_VERSION",
    "Contact",
    "HelpfulAct",
    "Interaction",
    "PlatformHandle",
    "ValidationError",
    "WeeklyAudit",
    "act_kind_label",
    "new_id",
    "normalise_platform",
    "normalise_tag",
    "now_utc",
    "platform_mark",
]

SCHEMA_VERSION = 4

INTERACTION_KINDS: tuple[str, ...] = (
    "new connection",
    "conversation",
    "message",
    "meeting",
    "event",
    "other",
)

ACT_KINDS: tuple[str, ...] = (
    "advice",
    "introduction",
    "referral",
    "feedback",
    "amplify",
    "endorsement",
    "resource",
    "time",
    "other",
)

#: Human labels for act kinds whose stored word is short.
ACT_KIND_LABELS: dict[str, str] = {
    "amplify": "amplify/share",
    "time": "time/listening",
}

#: How much an act mattered: it made their day, week, month or year better.
IMPACTS: tuple[str, ...] = ("day", "week", "month", "year")

_WEEK_KEY = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True)
class PlatformHandle:
    """Where a contact can be found: a platform and the handle, URL or number there."""

    platform: str
    handle: str = ""

    def __post_init__(self) -> None:
        platform = normalise_platform(self.platform, "platforms")
        if not platform:
            raise ValidationError("platforms", "each entry needs a platform")
        object.__setattr__(self, "platform", platform)
        object.__setattr__(self, "handle", text_field(self.handle, "platforms", limit=MAX_SHORT))

    @classmethod
    def parse(cls, text: str) -> PlatformHandle:
        """``PLATFORM:HANDLE`` (or just ``PLATFORM``) as typed on the command line.

        A bare profile URL, e-mail address or phone number is recognised too:
        ``https://github.com/ada`` is ``github``, ``ada@example.org`` is ``email``
        (the rule is :func:`~smn_tui.domain.platforms.parse_platform_text`).
        """
        if not isinstance(text, str):
            raise ValidationError("platforms", "each entry must be a platform and a handle")
        platform, handle = parse_platform_text(text)
        if not platform:
            raise ValidationError("platforms", f"say which platform {text.strip()!r} is on, as PLATFORM:HANDLE")
        return cls(platform, handle)

    def __str__(self) -> str:
        return f"{self.platform}:{self.handle}" if self.handle else self.platform


def _platform_list(values: object) -> list[PlatformHandle]:
    """A contact's platforms from handles, ``platform:handle`` texts, pairs or mappings; each once."""
    if not values:
        return []
    if not isinstance(values, Iterable):
        raise ValidationError("platforms", "each entry must be a platform and a handle")
    plats: list[PlatformHandle] = []
    for p in values:
        if isinstance(p, PlatformHandle):
            ph = p
        elif isinstance(p, str):
            ph = PlatformHandle.parse(p)
        elif isinstance(p, (list, tuple)) and 1 <= len(p) <= 2:
            ph = PlatformHandle(*p)
        elif isinstance(p, dict):
            ph = PlatformHandle(p.get("platform", ""), p.get("handle", ""))
        else:
            raise ValidationError("platforms", "each entry must be a platform and a handle")
        if ph not in plats:
            plats.append(ph)
    return plats


_PLAIN = frozenset({str, int, bool, float})
#: Each record type's field names (kept: imports convert tens of thousands of records).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


class _Record:
    """Shared conversion between dataclass records and store documents (every subclass is a dataclass)."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]
    TABLE: ClassVar[str]
    id: str
    created: datetime
    updated: datetime

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        names = _FIELD_NAMES.get(cls)
        if names is None:
            names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
        return names

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {}
        for name in self.field_names():
            value = getattr(self, name)
            if value is None or type(value) in _PLAIN:  # most fields: nothing to convert
                pass
            elif isinstance(value, (datetime, date, time, MonthDay)):
                value = value.isoformat()
            elif name == "platforms":
                value = [[p.platform, p.handle] for p in value]
            elif isinstance(value, list):
                value = list(value)
            elif isinstance(value, dict):
                value = dict(value)
            doc[name] = value
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        names = cls.field_names()
        return cls(**{k: v for k, v in doc.items() if k in names})

    def touched(self) -> Self:
        """A copy with ``updated`` set to now."""
        return replace(self, updated=now_utc())


@dataclass
class Contact(_Record):
    """A person in the journal and where they can be found."""

    TABLE: ClassVar[str] = "contacts"

    name: str
    platforms: list[PlatformHandle] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    how_met: str = ""
    notes: str = ""
    cadence_days: int | None = None
    birthday: Birthday | None = None  # a date, or a MonthDay when the year is not known
    archived: bool = False
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now_utc)
    updated: datetime = field(default_factory=now_utc)

    def __post_init__(self) -> None:
        name = text_field(self.name, "name", limit=MAX_NAME, required=True)
        refuse_controls(name, "name", CONTROL_ONE_LINE)  # a name is one line
        self.name = " ".join(name.split())
        self.platforms = _platform_list(self.platforms)
        self.tags = tag_list(self.tags)
        self.how_met = text_field(self.how_met, "how_met", limit=MAX_SHORT * 4)
        self.notes = text_field(self.notes, "notes")
        self.cadence_days = cadence_field(self.cadence_days)
        self.birthday = birthday_field(self.birthday)
        self.archived = bool_field(self.archived, "archived")
        self.created = timestamp(self.created)
        self.updated = timestamp(self.updated)

    @property
    def platform_names(self) -> list[str]:
        seen: list[str] = []
        for p in self.platforms:
            if p.platform not in seen:
                seen.append(p.platform)
        return seen


def _normalise_entry(entry: Interaction | HelpfulAct) -> None:
    """What interactions and helpful acts share: people, date, platform, timestamps."""
    entry.contact_ids = contact_id_list(entry.contact_ids)
    entry.on = date_field(entry.on, "date")
    entry.platform = normalise_platform(entry.platform)
    entry.created = timestamp(entry.created)
    entry.updated = timestamp(entry.updated)


@dataclass
class Interaction(_Record):
    """A journal entry: a moment of contact with one or more people."""

    TABLE: ClassVar[str] = "interactions"

    contact_ids: list[str]
    on: date
    kind: str = "conversation"
    platform: str = ""
    real: bool = True
    note: str = ""
    at: time | None = None
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now_utc)
    updated: datetime = field(default_factory=now_utc)

    def __post_init__(self) -> None:
        _normalise_entry(self)
        self.at = optional_time(self.at, "time")
        self.kind = choice_field(self.kind, "kind", INTERACTION_KINDS)
        self.real = bool_field(self.real, "real")
        self.note = text_field(self.note, "note")


@dataclass
class HelpfulAct(_Record):
    """Something done for one or more people, and how much it mattered."""

    TABLE: ClassVar[str] = "acts"

    contact_ids: list[str]
    on: date
    note: str
    kind: str = "other"
    impact: str = "day"
    asked: bool = False
    minutes: int | None = None
    platform: str = ""
    outcome: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now_utc)
    updated: datetime = field(default_factory=now_utc)

    def __post_init__(self) -> None:
        _normalise_entry(self)
        self.note = text_field(self.note, "note", required=True)
        self.kind = choice_field(self.kind, "kind", ACT_KINDS, ACT_KIND_LABELS)
        self.impact = choice_field(self.impact, "impact", IMPACTS)
        self.asked = bool_field(self.asked, "asked")
        self.minutes = minutes_field(self.minutes)
        self.outcome = text_field(self.outcome, "outcome")


@dataclass
class WeeklyAudit(_Record):
    """The self-audit for one week: answers, an intention for next week, completion."""

    TABLE: ClassVar[str] = "audits"

    week: str
    answers: dict[str, Any] = field(default_factory=dict)
    intention: str = ""
    completed: datetime | None = None
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now_utc)
    updated: datetime = field(default_factory=now_utc)

    def __post_init__(self) -> None:
        found = _WEEK_KEY.match(self.week) if isinstance(self.week, str) else None
        if found is None:
            raise ValidationError("week", "must be an ISO week like 2026-W48")
        year, num = (int(x) for x in found.groups())
        try:
            date.fromisocalendar(year, num, 1)
        except ValueError as exc:
            raise ValidationError("week", f"{self.week} does not exist") from exc
        if not isinstance(self.answers, dict):
            raise ValidationError("answers", "must be a mapping of question ids to answers")
        self.intention = text_field(self.intention, "intention", limit=MAX_SHORT * 4)
        completed: object = self.completed
        self.completed = None if completed is None or completed == "" else timestamp(completed)
        self.created = timestamp(self.created)
        self.updated = timestamp(self.updated)

    @property
    def is_complete(self) -> bool:
        return self.completed is not None


RECORD_TYPES: dict[str, type[_Record]] = {
    "contacts": Contact,
    "interactions": Interaction,
    "acts": HelpfulAct,
    "audits": WeeklyAudit,
}


def act_kind_label(kind: str) -> str:
    return ACT_KIND_LABELS.get(kind, kind)
