"""vCard 2.1, 3.0 and 4.0 in (as phones and mail apps export them), vCard 4.0 out.

Parsing is vobject's (folded lines, quoted-printable with CHARSET, escapes);
this module splits the file into cards itself so that one unreadable card is
skipped and reported with its line number while the others import.

Mapping: FN (else N, else ORG) is the name; EMAIL -> email, TEL -> phone;
URL, X-SOCIALPROFILE, IMPP and the older X-TWITTER/X-LINKEDIN/... -> the
platform named by their TYPE or service, else by the URL's host; NOTE ->
notes; ORG/TITLE -> a "Title at Org" note; CATEGORIES -> tags; BDAY ->
birthday. A birthday without a year (``--1210``) cannot be a date in the
journal, so it is kept as a line in the notes instead of inventing a year.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

import vobject

from ..domain.models import Contact
from ..domain.platforms import platform_for_url
from .plan import ImportFormatError, Incoming, ParsedFile, Skipped
from .sources import (
    SERVICE_NAMES,
    clean_line,
    clean_text,
    decode_text,
    parse_export_date,
    tag_from_label,
    yearless_birthday,
)

WHAT = "a vCard file"
_LEGACY = {f"X-{name.upper()}": platform for name, platform in SERVICE_NAMES.items()}


def looks_like(text: str) -> bool:
    return text.lstrip("\ufeff \r\n\t")[:11].upper() == "BEGIN:VCARD"


def _cards(text: str) -> Iterable[tuple[int, list[str] | None]]:
    """(line of BEGIN:VCARD, the card's lines) for each card; None for an unterminated card."""
    start = 0
    lines: list[str] | None = None
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        word = line.strip().upper()
        if lines is None:
            if word == "BEGIN:VCARD":
                start, lines = n, [line]
            continue
        lines.append(line)
        if word == "END:VCARD":
            yield start, lines
            lines = None
    if lines is not None:
        yield start, None


class _RawCard:
    """A card as vobject content lines, without vCard 3.0 value decoding (for vCard 2.1)."""

    def __init__(self, text: str) -> None:
        self.children = []
        self.contents: dict[str, list] = {}
        for logical, n in vobject.base.getLogicalLines(io.StringIO(text), True):
            prop = vobject.base.textLineToContentLine(logical, n)
            if prop.name.upper() in ("BEGIN", "END"):
                continue
            self.children.append(prop)
            self.contents.setdefault(prop.name.lower(), []).append(prop)

    def getChildren(self):  # noqa: N802 - vobject's name
        return self.children


def _value(prop) -> str:
    v = prop.value
    if isinstance(v, (list, tuple)):
        v = ",".join(str(x) for x in v)
    return str(v or "")


def _types(prop) -> list[str]:
    out: list[str] = []
    for key in ("TYPE", "X-SERVICE-TYPE"):
        for t in prop.params.get(key, ()):
            out.extend(x.strip().lower() for x in str(t).split(",") if x.strip())
    out.extend(s.lower() for s in getattr(prop, "singletonparams", ()) or ())
    return out


def _social(prop, value: str) -> tuple[str, str] | None:
    """The platform and handle of an X-SOCIALPROFILE or IMPP property."""
    value = value.strip()
    types = _types(prop)
    if prop.name == "IMPP":
        scheme, _, rest = value.partition(":")
        service = next((t for t in types if t not in ("home", "work", "pref", "other")), scheme.lower())
        platform = SERVICE_NAMES.get(service, service or "other")
        return (platform, value if platform == "other" else rest or value)
    for t in types:
        if t in ("pref", "home", "work", "other", "internet") or t.isdigit():
            continue
        return (SERVICE_NAMES.get(t, t), value)
    if not value:
        return None
    return (platform_for_url(value) or "other", value)


def _name(card) -> str:
    fn = card.contents.get("fn")
    if fn:
        name = clean_line(_value(fn[0]))
        if name:
            return name
    n = card.contents.get("n")
    if n:
        v = n[0].value
        if isinstance(v, vobject.vcard.Name):
            parts = [v.prefix, v.given, v.additional, v.family, v.suffix]
            name = clean_line(" ".join(" ".join(p) if isinstance(p, list) else str(p or "") for p in parts))
        else:  # unparsed 'Family;Given;Additional;Prefix;Suffix'
            family, given, additional, prefix, suffix = (str(v).split(";") + [""] * 5)[:5]
            name = clean_line(" ".join((prefix, given, additional, family, suffix)))
        if name:
            return name
    org = card.contents.get("org")
    if org:
        return clean_line(_value(org[0]).replace(";", " "))
    return ""


def _person(card, line: int, parsed: ParsedFile) -> Incoming | None:
    name = _name(card)
    if not name:
        parsed.skipped.append(Skipped(line, "card has no name (FN, N or ORG)"))
        return None
    person = Incoming(name, line)
    notes: list[str] = []
    title = org = ""
    for prop in card.getChildren():
        key = prop.name.upper()
        value = _value(prop)
        if key == "EMAIL" and value.strip():
            person.platforms.append(("email", value.strip()))
        elif key == "TEL" and value.strip():
            person.platforms.append(("phone", value.strip().removeprefix("tel:")))
        elif key == "URL" and value.strip():
            types = [t for t in _types(prop) if t not in ("pref", "home", "work", "internet")]
            platform = SERVICE_NAMES.get(types[0]) if types else None
            person.platforms.append((platform or platform_for_url(value) or "other", value.strip()))
        elif key in ("X-SOCIALPROFILE", "IMPP"):
            social = _social(prop, value)
            if social:
                person.platforms.append(social)
        elif key in _LEGACY and value.strip():
            person.platforms.append((_LEGACY[key], value.strip()))
        elif key == "NOTE":
            text = clean_text(value)
            if text:
                notes.append(text)
        elif key == "CATEGORIES":
            labels = prop.value if isinstance(prop.value, list) else str(prop.value).split(",")
            for label in labels:
                tag = tag_from_label(str(label))
                if tag and tag not in person.tags:
                    person.tags.append(tag)
        elif key == "ORG":
            org = clean_line(value.replace(";", " "))
        elif key == "TITLE":
            title = clean_line(value)
        elif key == "X-SMN-HOW-MET":
            person.how_met = clean_line(value)
        elif key == "BDAY" and value.strip():
            day = yearless_birthday(value)
            if day:
                notes.append(f"Birthday: {day} (year unknown)")
            else:
                person.birthday = parse_export_date(value.strip()[:10]) if re.match(r"\d{4}", value.strip()) \
                    else None
                if person.birthday is None:
                    parsed.warnings.append(Skipped(line, f"birthday {value.strip()!r} is not a date; left out"))
    if title or org:
        notes.insert(0, f"{title} at {org}" if title and org else title or org)
    person.notes = "\n\n".join(notes)
    return person


def parse(data: bytes) -> ParsedFile:
    """Read a .vcf file with one or many cards; raises :class:`ImportFormatError` if it is not one."""
    text = decode_text(data, WHAT)
    if not looks_like(text):
        raise ImportFormatError("This is not a vCard file: it does not start with BEGIN:VCARD. Nothing was imported.")
    parsed = ParsedFile("vcard")
    for line, lines in _cards(text):
        parsed.rows += 1
        if lines is None:
            parsed.skipped.append(Skipped(line, "card has no END:VCARD (the file may be cut short)"))
            continue
        # vCard 2.1 does not escape commas in text, so vobject's 3.0 text rules would cut a
        # note at its first comma: read 2.1 cards as plain content lines (quoted-printable
        # and CHARSET are still decoded by vobject).
        v21 = any(ln.strip().upper() == "VERSION:2.1" for ln in lines)
        text_card = "\r\n".join(lines) + "\r\n"
        try:
            card = _RawCard(text_card) if v21 else vobject.readOne(text_card, allowQP=True)
        except vobject.base.ParseError as exc:
            where = line + exc.lineNumber - 1 if isinstance(exc.lineNumber, int) else line
            parsed.skipped.append(Skipped(where, f"card cannot be read ({str(exc.msg)[:120]})"))
            continue
        except Exception as exc:  # vobject raises several kinds for a damaged card
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            parsed.skipped.append(Skipped(line, f"card cannot be read ({reason[:120]})"))
            continue
        try:
            person = _person(card, line, parsed)
        except (ValueError, TypeError, UnicodeError, LookupError) as exc:
            parsed.skipped.append(Skipped(line, f"card cannot be read ({exc})"))
            continue
        if person is not None:
            parsed.people.append(person)
    if parsed.rows == 0:
        raise ImportFormatError("The file holds no vCard. Nothing was imported.")
    return parsed


# ---------------------------------------------------------------------- writing


def _structured_name(name: str) -> vobject.vcard.Name:
    parts = name.split()
    if len(parts) < 2:
        return vobject.vcard.Name(given=name)
    return vobject.vcard.Name(family=parts[-1], given=" ".join(parts[:-1]))


def contact_card(contact: Contact) -> str:
    """One contact as a vCard 4.0 card (CRLF lines, folded at 75 octets)."""
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("fn").value = contact.name
    card.add("n").value = _structured_name(contact.name)
    for p in contact.platforms:
        if p.platform == "email" and p.handle:
            card.add("email").value = p.handle
        elif p.platform == "phone" and p.handle:
            card.add("tel").value = p.handle
        else:
            prop = card.add("x-socialprofile")
            prop.value = p.handle
            prop.params["TYPE"] = [p.platform]
    if contact.tags:
        card.add("categories").value = list(contact.tags)
    if contact.notes:
        card.add("note").value = contact.notes
    if contact.birthday:
        b = contact.birthday  # RFC 6350 dates are in the basic format: 19901231
        card.add("bday").value = f"{b.year:04d}{b.month:02d}{b.day:02d}"
    if contact.how_met:
        card.add("x-smn-how-met").value = contact.how_met
    card.add("uid").value = f"urn:smn:{contact.id}"
    return card.serialize()


def contacts_vcf(contacts: Iterable[Contact]) -> bytes:
    return "".join(contact_card(c) for c in contacts).encode("utf-8")


