"""vCard 2.1, 3.0 and 4.0 in, as phones and mail apps export them.

The content lines are read by :mod:`vcard_lines` (folding, quoted-printable,
charsets, damaged lines); this module says what each property means for the
journal, card by card, so one unreadable property is left out with a warning
and the card imports, and a card that cannot be a person is skipped with its
line number and the reason.

Mapping: FN (else N, NICKNAME, ORG, the first e-mail or phone number) is the
name; EMAIL -> email; TEL -> phone (in E.164 when valid); URL -> the platform
its host or label names, else a website (``other``); X-SOCIALPROFILE, IMPP and
the older X-TWITTER/X-LINKEDIN/... -> the platform their TYPE or service
names (Apple's ``x-user`` is the handle); NOTE -> notes; ORG/TITLE -> a
"Title at Org" note; CATEGORIES -> tags; BDAY -> birthday (a birthday without
a year becomes a line of the notes); a UID written by smn keeps the contact's
id. Only N, ADR, ORG and CATEGORIES are structured: commas in FN, TITLE and
NOTE are text. Groups (``KIND:group``, Apple's ``X-ADDRESSBOOKSERVER-KIND``)
are not people and are skipped.
"""

from __future__ import annotations

import binascii
import re

from ..domain.birthdays import Birthday
from ..domain.platforms import platform_for_url
from .plan import ImportFormatError, Incoming, ParsedFile, Skipped, WrongFormatError
from .sources import (
    MAX_PLATFORMS,
    NO_NAME,
    PROFILE_SERVICES,
    check_bytes,
    clean_line,
    clean_text,
    person_name,
    phone_handle,
    read_birthday,
    service_platform,
    tag_from_label,
)
from .vcard_lines import Card, Property, clean_value, decode_file, read_cards, split_unescaped, unescape
from .vcard_write import PRODID, SMN_UID, contact_card, contacts_vcf

__all__ = ["WHAT", "contact_card", "contacts_vcf", "looks_like", "parse"]

WHAT = "a vCard file"
_LEGACY = {f"X-{name.upper()}": platform for name in PROFILE_SERVICES if (platform := service_platform(name))}
_PROFILES = frozenset(_LEGACY.values())
_PLAIN_TYPES = frozenset({"pref", "home", "work", "other", "internet", "cell", "voice", "x-mobile", "main"})
_NOT_PEOPLE = {"group": "a contact group, not a person", "location": "a place, not a person"}
_RAW_QP = re.compile(r"=[89A-Fa-f][0-9A-Fa-f]")
_QP_SHAPED = re.compile(r"(?:[^=]|=[0-9A-Fa-f]{2})*")
_TEXT_PROPS = frozenset({"FN", "N", "NICKNAME", "ORG", "TITLE", "NOTE", "CATEGORIES"})


def looks_like(text: str) -> bool:
    return text.lstrip("\ufeff \r\n\t")[:11].upper() == "BEGIN:VCARD"


def _undeclared_qp(value: str) -> str | None:
    """A value quoted-printable without saying so (``=D0=A8=D1=83``), decoded; None when it is not that."""
    if not _RAW_QP.search(value) or not _QP_SHAPED.fullmatch(value) or not value.isascii():
        return None
    try:
        return binascii.a2b_qp(value.encode("ascii")).decode("utf-8")
    except (UnicodeDecodeError, binascii.Error):
        return None


class _CardReader:
    """What one card says about one person."""

    def __init__(self, card: Card, stray: bool, region: str | None) -> None:
        self.card, self.stray, self.region = card, stray, region
        self.warnings: list[Skipped] = [Skipped(line, why) for line, why in card.warnings]
        self.platforms: list[tuple[str, str]] = []
        self.notes: list[str] = []
        self.tags: list[str] = []
        self.title = self.org = self.fn = self.n = self.nickname = self.how_met = self.record_id = ""
        self.birthday: Birthday | None = None
        prodid = card.first("PRODID")
        self.ours = prodid is not None and prodid.value.strip() == PRODID
        self.labels = {p.group: unescape(p.value).strip() for p in card.props
                       if p.name == "X-ABLABEL" and p.group}

    def text(self, prop: Property) -> str | None:
        """The property's value as text, or None (with a warning) when its bytes cannot be read."""
        value = clean_value(prop, self.stray)
        if value is None:
            self.warnings.append(Skipped(prop.line, f"{prop.name} holds bytes that are not text in its "
                                                    "character set; left out"))
            return None
        if prop.name in _TEXT_PROPS and not prop.param("ENCODING") and "=" in value and not self.ours:
            decoded = _undeclared_qp(value)
            if decoded is not None:
                return decoded
            if _RAW_QP.search(value):
                self.warnings.append(Skipped(prop.line, f"{prop.name} looks quoted-printable but does not "
                                                        "decode as UTF-8; kept as written"))
        return value

    def read(self) -> Incoming | str:
        """The person, or why the card is not one."""
        for prop in self.card.props:
            name = prop.name
            if name in ("KIND", "X-ADDRESSBOOKSERVER-KIND"):
                kind = prop.value.strip().lower()
                if kind in _NOT_PEOPLE:
                    return _NOT_PEOPLE[kind]
                continue
            handler = _HANDLERS.get(name)
            if handler is None and name not in _LEGACY:
                continue  # PHOTO, ADR, PROFILE, REV, ...: nothing the journal keeps
            value = self.text(prop)
            if value is None:
                continue
            if handler is not None:
                handler(self, prop, value)
            elif value.strip():
                self.add(_LEGACY[name], unescape(value).strip())
        return self.person()

    def add(self, platform: str, handle: str) -> None:
        if (platform, handle) not in self.platforms:
            self.platforms.append((platform, handle))

    def person(self) -> Incoming | str:
        emails = [h for p, h in self.platforms if p == "email"]
        phones = [h for p, h in self.platforms if p == "phone"]
        name = person_name(self.fn, self.n, self.nickname, self.org, emails=emails, phones=phones)
        if not name:
            return NO_NAME
        if len(self.platforms) > MAX_PLATFORMS:
            self.warnings.append(Skipped(self.card.line, f"more than {MAX_PLATFORMS} addresses, numbers and "
                                                         "profiles; the rest left out"))
            del self.platforms[MAX_PLATFORMS:]
        person = Incoming(name, self.card.line, platforms=self.platforms, tags=self.tags,
                          how_met=self.how_met, birthday=self.birthday, record_id=self.record_id)
        if self.title or self.org:
            self.notes.insert(0, f"{self.title} at {self.org}" if self.title and self.org
                              else self.title or self.org)
        person.notes = "\n\n".join(self.notes)
        return person

    # ------------------------------------------------------------------ properties

    def on_fn(self, prop: Property, value: str) -> None:
        self.fn = self.fn or clean_line(unescape(value))

    def on_n(self, prop: Property, value: str) -> None:
        parts = [" ".join(unescape(x) for x in split_unescaped(c, ",")) for c in split_unescaped(value, ";")]
        family, given, additional, prefix, suffix = (parts + [""] * 5)[:5]
        self.n = self.n or clean_line(" ".join((prefix, given, additional, family, suffix)))

    def on_nickname(self, prop: Property, value: str) -> None:
        self.nickname = self.nickname or clean_line(unescape(split_unescaped(value, ",")[0]))

    def on_org(self, prop: Property, value: str) -> None:
        units = [clean_line(unescape(c)) for c in split_unescaped(value, ";")]
        self.org = self.org or ", ".join(u for u in units if u)

    def on_title(self, prop: Property, value: str) -> None:
        self.title = self.title or clean_line(unescape(value))

    def on_note(self, prop: Property, value: str) -> None:
        text = clean_text(unescape(value))
        if text:
            self.notes.append(text)

    def on_categories(self, prop: Property, value: str) -> None:
        for label in split_unescaped(value, ","):
            tag = tag_from_label(unescape(label))
            if tag and tag not in self.tags:
                self.tags.append(tag)

    def on_email(self, prop: Property, value: str) -> None:
        addr = unescape(value).strip().removeprefix("mailto:")
        if "@" in addr:
            self.add("email", addr)
        elif addr:
            self.warnings.append(Skipped(prop.line, f"EMAIL {addr[:40]!r} is not an e-mail address; left out"))

    def on_tel(self, prop: Property, value: str) -> None:
        raw = unescape(value).strip()
        if not raw:
            return
        number = phone_handle(raw, self.region)
        if number is None:
            self.warnings.append(Skipped(prop.line, f"TEL {raw[:40]!r} is not a phone number; left out"))
        else:
            self.add("phone", number)

    def service(self, prop: Property) -> str | None:
        """The platform a property's TYPE, X-SERVICE-TYPE or Apple label names, if any."""
        words = [*prop.types, *(v.lower() for v in prop.param("X-SERVICE-TYPE"))]
        label = self.labels.get(prop.group, "")
        if label:
            words.append(label.strip("_$!<>").lower())
        for word in words:
            if word in _PLAIN_TYPES or word.isdigit() or word.startswith("x-"):
                continue
            return service_platform(word) if " " not in word else None
        return None

    def on_url(self, prop: Property, value: str) -> None:
        url = unescape(value).strip()
        if url:
            service = self.service(prop)
            platform = platform_for_url(url) or (service if service in _PROFILES else None)
            self.add(platform or "other", url)

    def on_social(self, prop: Property, value: str) -> None:
        """X-SOCIALPROFILE (Apple writes ``x-apple:alex`` with the handle in ``x-user``) and IMPP."""
        raw = unescape(value).strip()
        user = (prop.param("X-USER") or [""])[0].strip()
        scheme, colon, rest = raw.partition(":")
        service = self.service(prop)
        if prop.name == "IMPP" and colon and "//" not in rest:
            service = service or service_platform(scheme)
            raw = rest
        elif scheme.lower() == "x-apple":
            raw = user or rest
        handle = user if user and not raw else raw
        if not handle and not service:
            return
        self.add(service or platform_for_url(handle) or "other", handle)

    def on_bday(self, prop: Property, value: str) -> None:
        birthday, note = read_birthday(unescape(value), prop.line, self.warnings)
        self.birthday = self.birthday or birthday
        if note:
            self.notes.append(note)

    def on_how_met(self, prop: Property, value: str) -> None:
        self.how_met = clean_line(unescape(value))

    def on_platform(self, prop: Property, value: str) -> None:
        """smn's own X-SMN-PLATFORM: a platform without a handle (``in person``)."""
        for platform in prop.types:
            self.add(platform, unescape(value).strip())

    def on_uid(self, prop: Property, value: str) -> None:
        m = SMN_UID.fullmatch(value.strip())
        if m:
            self.record_id = m.group(1)


_HANDLERS = {
    "FN": _CardReader.on_fn, "N": _CardReader.on_n, "NICKNAME": _CardReader.on_nickname,
    "ORG": _CardReader.on_org, "TITLE": _CardReader.on_title, "NOTE": _CardReader.on_note,
    "CATEGORIES": _CardReader.on_categories, "EMAIL": _CardReader.on_email, "TEL": _CardReader.on_tel,
    "URL": _CardReader.on_url, "X-SOCIALPROFILE": _CardReader.on_social, "IMPP": _CardReader.on_social,
    "BDAY": _CardReader.on_bday, "X-SMN-HOW-MET": _CardReader.on_how_met,
    "X-SMN-PLATFORM": _CardReader.on_platform, "UID": _CardReader.on_uid,
}


def parse(data: bytes, region: str | None = None) -> ParsedFile:
    """Read a .vcf file with one or many cards; raises :class:`ImportFormatError` if it is not one."""
    check_bytes(data, WHAT)
    text, stray = decode_file(data)
    if not looks_like(text):
        raise WrongFormatError("This is not a vCard file: it does not start with BEGIN:VCARD. Nothing was imported.")
    parsed = ParsedFile("vcard")
    for card in read_cards(text):
        parsed.rows += 1
        if not card.complete:
            parsed.skipped.append(Skipped(card.line, "card has no END:VCARD (the file may be cut short)"))
            continue
        reader = _CardReader(card, stray, region)
        result = reader.read()
        parsed.warnings.extend(reader.warnings)
        if isinstance(result, str):
            parsed.skipped.append(Skipped(card.line, f"card skipped: {result}"))
        else:
            parsed.people.append(result)
    if parsed.rows == 0:
        raise ImportFormatError("The file holds no vCard. Nothing was imported.")
    return parsed
