"""The journal's records: contacts, interactions, helpful acts and weekly audits.

Plain dataclasses with validation. Constructing a record normalises its fields
(trims text, lower-cases platforms and tags) and raises :class:`ValidationError`
naming the field when a value cannot be accepted. ``to_doc``/``from_doc``
convert to and from the JSON documents the store keeps.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, fields, replace
from functools import cache
from datetime import date, datetime, time, timezone
from typing import Any, ClassVar

from .text import CONTROL, CONTROL_ONE_LINE, drop_invisible, has_surrogates, unify_line_breaks
from .platforms import parse_platform_text

SCHEMA_VERSION = 4

MAX_NAME = 200
MAX_TEXT = 20_000
MAX_SHORT = 500

#: Known platforms, in the order forms offer them. Any other lower-case word is
#: accepted too (the list is extensible), so an unusual tool is never refused.
PLATFORMS: tuple[str, ...] = (
    "linkedin",
    "x",
    "mastodon",
    "bluesky",
    "github",
    "instagram",
    "facebook",
    "email",
    "phone",
    "in person",
    "other",
)

#: Two-letter marks used where space is short (lists, tables).
PLATFORM_MARKS: dict[str, str] = {
    "linkedin": "in",
    "x": "X",
    "mastodon": "Ma",
    "bluesky": "Bs",
    "github": "Gh",
    "instagram": "Ig",
    "facebook": "Fb",
    "email": "@",
    "phone": "Ph",
    "in person": "IRL",
    "other": "…",
}

PLATFORM_ALIASES: dict[str, str] = {
    "twitter": "x",
    "li": "linkedin",
    "gh": "github",
    "ig": "instagram",
    "fb": "facebook",
    "bsky": "bluesky",
    "mail": "email",
    "e-mail": "email",
    "tel": "phone",
    "mailto": "email",
    "irl": "in person",
    "in-person": "in person",
    "inperson": "in person",
    "person": "in person",
    "offline": "in person",
}

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

_TAG_OK = re.compile(r"^[\w][\w\-./+]*$", re.UNICODE)
_WEEK_KEY = re.compile(r"^(\d{4})-W(\d{2})$")


class ValidationError(ValueError):
    """A value the journal cannot accept; ``field`` names it, ``message`` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def new_id() -> str:
    """A stable record id, unique across journals so they can be merged."""
    return uuid.uuid4().hex


def now_utc() -> datetime:
    """The current time, timezone-aware, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0)


# --------------------------------------------------------------------- helpers


def _text(value: Any, name: str, *, limit: int = MAX_TEXT, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(name, "must be text")
    # Control characters are refused, invisible formatting characters removed (see domain/text.py).
    value = drop_invisible(unify_line_breaks(value)).strip()
    if required and not value:
        raise ValidationError(name, "is required")
    if len(value) > limit:
        raise ValidationError(name, f"is too long ({len(value)} characters, at most {limit})")
    _refuse_controls(value, name, CONTROL)
    return value


def _refuse_controls(value: str, name: str, pattern: re.Pattern[str]) -> None:
    found = pattern.search(value)
    if found:
        raise ValidationError(name, f"contains control characters (U+{ord(found.group()):04X})")
    if has_surrogates(value):
        raise ValidationError(name, "is not valid text (it holds bytes that are not UTF-8)")


def normalise_platform(value: Any, name: str = "platform") -> str:
    """Lower-case a platform name, map common aliases; empty stays empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(name, "must be text")
    word = " ".join(drop_invisible(value).strip().lower().split())
    word = PLATFORM_ALIASES.get(word, word)
    if len(word) > 40:
        raise ValidationError(name, "is too long (at most 40 characters)")
    _refuse_controls(word, name, CONTROL_ONE_LINE)
    return word


def normalise_tag(value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationError("tags", "each tag must be text")
    tag = value.strip().lstrip("#").lower().replace(" ", "-")
    if not tag:
        raise ValidationError("tags", "a tag cannot be empty")
    if len(tag) > 60:
        raise ValidationError("tags", f"tag '{tag[:20]}…' is too long (at most 60 characters)")
    if not _TAG_OK.match(tag):
        raise ValidationError("tags", f"tag '{tag}' may hold only letters, digits and - . / + _")
    return tag


def _tags(values: Any) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [v for v in re.split(r"[,\s]+", values) if v]
    out: list[str] = []
    for v in values:
        t = normalise_tag(v)
        if t not in out:
            out.append(t)
    return out


def _date(value: Any, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError(name, "must be a date (YYYY-MM-DD)")


def _opt_date(value: Any, name: str) -> date | None:
    if value in (None, ""):
        return None
    return _date(value, name)


def _opt_time(value: Any, name: str) -> time | None:
    if value in (None, ""):
        return None
    if isinstance(value, time):
        return value.replace(microsecond=0)
    if isinstance(value, str):
        try:
            return time.fromisoformat(value).replace(microsecond=0)
        except ValueError:
            pass
    raise ValidationError(name, "must be a time (HH:MM)")


def _stamp(value: Any) -> datetime:
    if value in (None, ""):
        return now_utc()
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError as exc:
            raise ValidationError("timestamp", "must be an ISO date and time") from exc
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    raise ValidationError("timestamp", "must be an ISO date and time")


def _choice(value: Any, name: str, choices: tuple[str, ...], labels: dict[str, str] | None = None) -> str:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in choices:
            return word
        for key, label in (labels or {}).items():
            if word == label or word == label.split("/")[0] or word in label.split("/"):
                return key
        matches = [c for c in choices if c.startswith(word)] if word else []
        if len(matches) == 1:
            return matches[0]
    raise ValidationError(name, f"must be one of: {', '.join(choices)}")


def _contact_ids(values: Any) -> list[str]:
    if not values:
        raise ValidationError("contacts", "choose at least one person")
    out: list[str] = []
    for v in values:
        if not isinstance(v, str) or not v:
            raise ValidationError("contacts", "each person must be a contact id")
        if v not in out:
            out.append(v)
    return out


def _bool(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    raise ValidationError(name, "must be true or false")


# --------------------------------------------------------------------- records


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
        object.__setattr__(self, "handle", _text(self.handle, "platforms", limit=MAX_SHORT))

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


_PLAIN = frozenset({str, int, bool, float})


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """A record type's field names (cached: imports convert tens of thousands of records)."""
    return tuple(f.name for f in fields(cls))


class _Record:
    """Shared conversion between dataclass records and store documents."""

    TABLE: ClassVar[str]
    _DATES: ClassVar[tuple[str, ...]] = ()
    _TIMES: ClassVar[tuple[str, ...]] = ("created", "updated")

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            if value is None or type(value) in _PLAIN:  # most fields: nothing to convert
                pass
            elif isinstance(value, (datetime, date, time)):
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
    def from_doc(cls, doc: dict[str, Any]):
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in doc.items() if k in names})

    def touched(self):
        """A copy with ``updated`` set to now."""
        return replace(self, updated=now_utc())  # type: ignore[type-var]


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
    birthday: date | None = None
    archived: bool = False
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now_utc)
    updated: datetime = field(default_factory=now_utc)

    def __post_init__(self) -> None:
        name = _text(self.name, "name", limit=MAX_NAME, required=True)
        _refuse_controls(name, "name", CONTROL_ONE_LINE)  # a name is one line
        self.name = " ".join(name.split())
        plats: list[PlatformHandle] = []
        for p in self.platforms or []:
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
        self.platforms = plats
        self.tags = _tags(self.tags)
        self.how_met = _text(self.how_met, "how_met", limit=MAX_SHORT * 4)
        self.notes = _text(self.notes, "notes")
        if self.cadence_days in ("", 0):
            self.cadence_days = None
        if self.cadence_days is not None:
            if isinstance(self.cadence_days, bool) or not isinstance(self.cadence_days, int):
                raise ValidationError("cadence_days", "must be a whole number of days")
            if not 1 <= self.cadence_days <= 3660:
                raise ValidationError("cadence_days", "must be between 1 and 3660 days")
        self.birthday = _opt_date(self.birthday, "birthday")
        self.archived = _bool(self.archived, "archived")
        self.created = _stamp(self.created)
        self.updated = _stamp(self.updated)

    @property
    def platform_names(self) -> list[str]:
        seen: list[str] = []
        for p in self.platforms:
            if p.platform not in seen:
                seen.append(p.platform)
        return seen


def _normalise_entry(entry: Interaction | HelpfulAct) -> None:
    """What interactions and helpful acts share: people, date, platform, timestamps."""
    entry.contact_ids = _contact_ids(entry.contact_ids)
    entry.on = _date(entry.on, "date")
    entry.platform = normalise_platform(entry.platform)
    entry.created = _stamp(entry.created)
    entry.updated = _stamp(entry.updated)


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
        self.at = _opt_time(self.at, "time")
        self.kind = _choice(self.kind, "kind", INTERACTION_KINDS)
        self.real = _bool(self.real, "real")
        self.note = _text(self.note, "note")


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
        self.note = _text(self.note, "note", required=True)
        self.kind = _choice(self.kind, "kind", ACT_KINDS, ACT_KIND_LABELS)
        self.impact = _choice(self.impact, "impact", IMPACTS)
        self.asked = _bool(self.asked, "asked")
        if self.minutes in ("",):
            self.minutes = None
        if self.minutes is not None:
            if isinstance(self.minutes, bool) or not isinstance(self.minutes, int):
                raise ValidationError("minutes", "must be a whole number of minutes")
            if not 0 <= self.minutes <= 100_000:
                raise ValidationError("minutes", "must be between 0 and 100000")
        self.outcome = _text(self.outcome, "outcome")


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
        if not isinstance(self.week, str) or not _WEEK_KEY.match(self.week):
            raise ValidationError("week", "must be an ISO week like 2026-W48")
        year, num = (int(x) for x in _WEEK_KEY.match(self.week).groups())  # type: ignore[union-attr]
        try:
            date.fromisocalendar(year, num, 1)
        except ValueError as exc:
            raise ValidationError("week", f"{self.week} does not exist") from exc
        if not isinstance(self.answers, dict):
            raise ValidationError("answers", "must be a mapping of question ids to answers")
        self.intention = _text(self.intention, "intention", limit=MAX_SHORT * 4)
        if self.completed in ("",):
            self.completed = None
        if self.completed is not None:
            self.completed = _stamp(self.completed)
        self.created = _stamp(self.created)
        self.updated = _stamp(self.updated)

    @property
    def is_complete(self) -> bool:
        return self.completed is not None


RECORD_TYPES: dict[str, type] = {
    "contacts": Contact,
    "interactions": Interaction,
    "acts": HelpfulAct,
    "audits": WeeklyAudit,
}


def act_kind_label(kind: str) -> str:
    return ACT_KIND_LABELS.get(kind, kind)


def platform_mark(platform: str) -> str:
    return PLATFORM_MARKS.get(platform, platform[:2].title())
