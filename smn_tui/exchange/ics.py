"""Calendars in (RFC 5545 ``.ics``, read with ``icalendar``): the meetings a user already keeps become journal entries.

Each event that has happened (up to today) and whose organizer or attendees
include contacts, matched by e-mail address, becomes one interaction with
those people on the event's day, at its start time in the local time zone:
kind ``meeting``, or ``event`` for an all-day event or one of more than
:data:`MEETING_MOST` people; the platform is the video service of a link in
the location, URL, conference or description (``zoom``, ``google meet``,
``teams``...), else ``in person`` when there is a location, else none; the
note is the event's title. A repeating event gives one entry per occurrence
(at most :data:`MOST_OCCURRENCES`), without its exceptions and with its moved
occurrences where they were moved to.

An entry's id is derived from the event's UID and the occurrence's start
(:func:`entry_id`), so importing a calendar again adds nothing. Attendees who
are not contacts are listed; with ``create_new`` they become contacts, except
the calendar's owner (``me``, the address in ``X-WR-CALNAME``, or an address
present at every event). Declined attendees and rooms are not counted;
cancelled events are skipped.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from ..domain.models import Contact, Interaction, PlatformHandle, ValidationError, now_utc
from ..domain.platforms import same_handle_key
from .merge import JournalSnapshot, Progress, fresh_ids
from .plan import ImportOptions, ImportPlan, Skipped, WrongFormatError
from .sources import check_bytes, clean_line, decode_text, person_name

if TYPE_CHECKING:
    from icalendar import Component

WHAT = "an iCalendar file"
#: An event of more people than this is an event, not a meeting.
MEETING_MOST = 10
#: Occurrences of one repeating event imported at most.
MOST_OCCURRENCES = 1000
#: The namespace of the entry ids derived from event UIDs.
NAMESPACE = uuid.UUID("6f1c2b8e-4d0a-5e7b-9c3f-1a2b3c4d5e6f")

_VIDEO_HOSTS = {
    "zoom.us": "zoom", "zoom.com": "zoom", "meet.google.com": "google meet", "teams.microsoft.com": "teams",
    "teams.live.com": "teams", "meet.jit.si": "jitsi", "webex.com": "webex", "whereby.com": "whereby",
    "facetime.apple.com": "facetime", "join.skype.com": "skype", "discord.gg": "discord",
}
_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE"})
#: What an event must have readable to be imported.
_NEEDED = ("DTSTART", "RRULE", "EXDATE", "RECURRENCE-ID")
ENTRY_LABEL = ("meeting or event in the journal", "meetings and events in the journal")


def looks_like(text: str) -> bool:
    return text.lstrip("\ufeff \r\n\t")[:15].upper() == "BEGIN:VCALENDAR"


def entry_id(uid: str, start: date | datetime) -> str:
    """The id of the entry for one occurrence of an event: the same every time the calendar is read."""
    return uuid.uuid5(NAMESPACE, f"{uid}\x00{start.isoformat()}").hex


def video_platform(text: str) -> str | None:
    """The video service a link in ``text`` points to (``https://x.zoom.us/j/1`` -> 'zoom'), if any."""
    for word in text.replace("<", " ").replace(">", " ").split():
        if "://" not in word:
            continue
        host = word.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
        for known, name in _VIDEO_HOSTS.items():
            if host == known or host.endswith("." + known):
                return name
    return None


@dataclass
class _Attendee:
    address: str
    name: str = ""
    events: int = 0
    first: str = ""  # the first event they were at, as how-met for a new contact


@dataclass
class _Occurrence:
    line: int
    uid: str
    start: date | datetime
    event: Component
    slot: date | datetime  # where the occurrence was first put (a moved one keeps its id)


def _addresses(event: Component) -> list[tuple[str, str]]:
    """(e-mail, name) of the organizer and the attendees who came (not rooms, not those who declined)."""
    people: list[tuple[str, str]] = []
    values = event.get("ATTENDEE") or []
    if not isinstance(values, list):
        values = [values]
    organizer = event.get("ORGANIZER")
    for value in ([organizer] if organizer is not None else []) + values:
        params = getattr(value, "params", {})
        declined = str(params.get("PARTSTAT", "")).upper() == "DECLINED"
        if declined or str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
            continue
        address = same_handle_key("email", str(value))
        if address and all(address != a for a, _ in people):
            people.append((address, clean_line(str(params.get("CN", "")).strip('"'))))
    return people


def _local(start: date | datetime) -> tuple[date, time | None]:
    if isinstance(start, datetime):
        moment = start.astimezone() if start.tzinfo else start
        return moment.date(), moment.time().replace(second=0, microsecond=0)
    return start, None


def _event_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.split("\n"), 1) if line.strip().upper() == "BEGIN:VEVENT"]


def _close_cut_file(text: str) -> tuple[str, list[int]]:
    """A file cut short made whole: a component left open at the end is dropped (an event: its line is
    returned), and the calendar around it closed, so the events before it are read."""
    lines = text.split("\n")
    stack: list[tuple[str, int]] = []  # (component, index of its BEGIN line)
    for i, line in enumerate(lines):
        word = line.strip().upper()
        if word.startswith("BEGIN:"):
            stack.append((word[6:], i))
        elif word.startswith("END:") and stack and stack[-1][0] == word[4:]:
            stack.pop()
    if not stack:
        return text, []
    cut: list[int] = []
    while stack and stack[-1][0] != "VCALENDAR":
        name, start = stack.pop()
        if name == "VEVENT":
            cut.append(start + 1)
        del lines[start:]
    lines += ["END:VCALENDAR\r"] * len(stack)
    return "\n".join(lines) + "\n", cut


@dataclass
class Calendar:
    """The occurrences of a calendar's events up to today, and what could not be read."""

    today: date
    occurrences: list[_Occurrence] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    owners: set[str] = field(default_factory=set)
    events: int = 0

    def read(self, text: str) -> None:
        import icalendar

        text, cut = _close_cut_file(text)
        for line in cut:
            self.events += 1
            self.skipped.append(Skipped(line, "event has no END:VEVENT (the file may be cut short)"))
        try:
            calendars = icalendar.Calendar.from_ical(text, multiple=True)
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise WrongFormatError(f"This is not {WHAT} that can be read ({str(exc)[:120]}). "
                                   "Nothing was imported.") from exc
        lines = iter(_event_lines(text))
        events = [(next(lines, 0), ev) for cal in calendars for ev in cal.walk("VEVENT")]
        for cal in calendars:
            owner = same_handle_key("email", str(cal.get("X-WR-CALNAME", "")))
            if owner:
                self.owners.add(owner)
        moved = _moved_occurrences(ev for _, ev in events)
        for line, event in events:
            self.events += 1
            try:
                self._event(line, event, moved)
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                self.skipped.append(Skipped(line, f"event cannot be read ({str(exc)[:120]})"))

    def _event(self, line: int, event: Component, moved: set[tuple[str, date | datetime]]) -> None:
        title = clean_line(str(event.get("SUMMARY", ""))) or "an event"
        broken = dict(getattr(event, "errors", None) or [])
        for key in _NEEDED:
            if key in broken:
                self.skipped.append(Skipped(line, f"{title!r}: {key} cannot be read ({str(broken[key])[:80]})"))
                return
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            self.skipped.append(Skipped(line, f"{title!r} was cancelled"))
            return
        start = _start(event, "DTSTART")
        if start is None:
            self.skipped.append(Skipped(line, f"{title!r} has no start"))
            return
        uid = str(event.get("UID", "")) or f"smn-no-uid:{start.isoformat()}:{title}"
        slot = _start(event, "RECURRENCE-ID")
        if event.get("RRULE") is not None and slot is None:
            try:
                starts = [s for s in self._repeats(line, title, event, start) if (uid, s) not in moved]
            except ValueError as exc:
                self.warnings.append(Skipped(line, f"{title!r}: the repeat rule cannot be read ({exc}); "
                                                   "only its first time is imported"))
                starts = [start]
        else:
            starts = [start]
        if starts and all(_local(s)[0] > self.today for s in starts):
            self.skipped.append(Skipped(line, f"{title!r} on {_local(start)[0]:%d %b %Y} has not happened yet"))
        for s in starts:
            if _local(s)[0] <= self.today:
                self.occurrences.append(_Occurrence(line, uid, s, event, slot or s))

    def _repeats(self, line: int, title: str, event: Component,
                 start: date | datetime) -> Iterator[date | datetime]:
        from dateutil.rrule import rrulestr

        first = start if isinstance(start, datetime) else datetime.combine(start, time())
        rrule = event.get("RRULE")
        rule = rrulestr((rrule[0] if isinstance(rrule, list) else rrule).to_ical().decode(), dtstart=first)
        skip = _exdates(event)
        end = datetime.combine(self.today + timedelta(days=1), time())
        for n, occurrence in enumerate(rule):
            if (occurrence.replace(tzinfo=None) if occurrence.tzinfo else occurrence) >= end:
                return
            if n >= MOST_OCCURRENCES:
                self.warnings.append(Skipped(line, f"{title!r} repeats more than {MOST_OCCURRENCES} times; "
                                                   "the later ones are left out"))
                return
            value = occurrence if isinstance(start, datetime) else occurrence.date()
            if value not in skip:
                yield value


def _start(event: Component, key: str) -> date | datetime | None:
    """The event's date, or date and time, under ``key`` (None: it has none). Any other value (a time
    of day, a duration, a period, the property twice) raises ValueError: the event cannot be read."""
    value = event.get(key)
    if value is None:
        return None
    moment = getattr(value, "dt", None)
    if not isinstance(moment, date):
        raise ValueError(f"its {key} is not a date or a date and time")
    return moment


def _moved_occurrences(events: Iterable[Component]) -> set[tuple[str, date | datetime]]:
    """(UID, where it was first) of each moved occurrence; one that cannot be read moves nothing (it is
    skipped as an event of its own)."""
    moved: set[tuple[str, date | datetime]] = set()
    for event in events:
        if event.get("RECURRENCE-ID") is None or "RECURRENCE-ID" in dict(getattr(event, "errors", [])):
            continue
        try:
            slot = _start(event, "RECURRENCE-ID")
        except ValueError:
            continue
        if slot is not None:
            moved.add((str(event.get("UID", "")), slot))
    return moved


def _exdates(event: Component) -> set[date | datetime]:
    values = event.get("EXDATE") or []
    if not isinstance(values, list):
        values = [values]
    return {d.dt for v in values for d in getattr(v, "dts", [])}


class _CalendarPlanner:
    """The entries and (with ``create_new``) the contacts a calendar brings in."""

    def __init__(self, snapshot: JournalSnapshot, plan: ImportPlan, options: ImportOptions) -> None:
        self.snapshot, self.plan, self.options = snapshot, plan, options
        self.by_email: dict[str, str] = {}
        for cid, doc in snapshot.contacts.items():
            for platform, handle in doc.get("platforms", ()):
                if platform == "email" and same_handle_key("email", handle):
                    self.by_email.setdefault(same_handle_key("email", handle), cid)
        self.strangers: dict[str, _Attendee] = {}
        self.stamp = now_utc()
        self.ids = fresh_ids()
        self.planned: set[str] = set()

    def owners(self, calendar: Calendar) -> set[str]:
        me = {same_handle_key("email", a) for a in self.options.me} | calendar.owners
        seen: dict[str, int] = {}
        with_people = 0
        for occ in calendar.occurrences:
            people = _addresses(occ.event)
            if len(people) > 1:
                with_people += 1
                for address, _ in people:
                    seen[address] = seen.get(address, 0) + 1
        always = [a for a, n in seen.items() if n == with_people]
        if with_people >= 3 and len(always) == 1:  # the one address at every meeting is the calendar's own
            me.add(always[0])
        return me - {""}

    def gather(self, occ: _Occurrence, me: set[str]) -> None:
        """Note the attendees of ``occ`` who are not contacts (their name may come from a later event)."""
        on = _local(occ.start)[0]
        for address, name in _addresses(occ.event):
            if address in me or address in self.by_email:
                continue
            title = clean_line(str(occ.event.get("SUMMARY", ""))) or "Calendar event"
            who = self.strangers.setdefault(address, _Attendee(address, name, 0, f"{title}, {on:%d %b %Y}"))
            who.name = who.name or name
            who.events += 1

    def occurrence(self, occ: _Occurrence, me: set[str]) -> None:
        event = occ.event
        title = clean_line(str(event.get("SUMMARY", ""))) or "Calendar event"
        on, at = _local(occ.start)
        people = [a for a, _ in _addresses(event) if a not in me]
        ids = list(dict.fromkeys(self.by_email[a] for a in people if a in self.by_email))
        rid = entry_id(occ.uid, occ.slot)
        if not ids or rid in self.planned:
            return
        self.planned.add(rid)
        if rid in self.snapshot.interaction_ids:
            self.plan.unchanged += 1
            return
        kind = "event" if at is None or len(people) > MEETING_MOST else "meeting"
        place = " ".join(str(event.get(k, "")) for k in ("LOCATION", "URL", "CONFERENCE", "X-GOOGLE-CONFERENCE",
                                                        "DESCRIPTION"))
        platform = video_platform(place) or ("in person" if clean_line(str(event.get("LOCATION", ""))) else "")
        self.plan.interactions.append(Interaction(ids, on, kind=kind, platform=platform, note=title, at=at, id=rid,
                                                  created=self.stamp, updated=self.stamp))

    def new_contact(self, who: _Attendee) -> str:
        contact = Contact(person_name(who.name, emails=[who.address]), platforms=[PlatformHandle("email", who.address)],
                          how_met=who.first, id=next(self.ids), created=self.stamp, updated=self.stamp)
        self.plan.added.append(contact)
        self.by_email[who.address] = contact.id
        return contact.id


def read_calendar(data: bytes, options: ImportOptions | None = None) -> Calendar:
    """The occurrences a calendar file holds up to today; raises :class:`WrongFormatError` if it is none."""
    options = options or ImportOptions()
    check_bytes(data, WHAT)
    text = decode_text(data, WHAT)
    if not looks_like(text):
        raise WrongFormatError("This is not an iCalendar file: it does not start with BEGIN:VCALENDAR. "
                               "Nothing was imported.")
    calendar = Calendar(options.today or date.today())
    calendar.read(text)
    calendar.occurrences.sort(key=lambda occ: (_local(occ.start)[0], _local(occ.start)[1] or time.min))
    return calendar


def plan_calendar(calendar: Calendar, snapshot: JournalSnapshot, *, source: str, progress: Progress | None = None,
                  options: ImportOptions | None = None) -> ImportPlan:
    """What importing a calendar would add: entries for meetings with contacts, and (``create_new``) people."""
    options = options or ImportOptions()
    plan = ImportPlan(kind="ics", source=source, rows=calendar.events, skipped=list(calendar.skipped),
                      warnings=list(calendar.warnings), journal_version=snapshot.version, entry_label=ENTRY_LABEL)
    planner = _CalendarPlanner(snapshot, plan, options)
    me = planner.owners(calendar)
    for occ in calendar.occurrences:
        planner.gather(occ, me)
    if options.create_new:
        for who in planner.strangers.values():
            try:
                planner.new_contact(who)
            except ValidationError as exc:
                plan.skipped.append(Skipped(None, f"{who.address}: {exc.field.replace('_', ' ')} {exc.message}"))
    total = len(calendar.occurrences)
    for n, occ in enumerate(calendar.occurrences, 1):
        if progress is not None and n % 1000 == 0:
            progress(n, total)
        try:
            planner.occurrence(occ, me)
        except ValidationError as exc:
            plan.skipped.append(Skipped(occ.line, f"{exc.field.replace('_', ' ')} {exc.message}"))
    if progress is not None:
        progress(total, total)
    if not options.create_new:
        strangers = sorted(planner.strangers.values(), key=lambda a: (-a.events, a.address))
        plan.not_in_journal = [f"{a.address}{f' ({a.name})' if a.name else ''}: {a.events} event(s)"
                               for a in strangers]
    plan.skipped.sort(key=lambda s: s.line or 0)
    return plan
