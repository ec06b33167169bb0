"""Contacts out as vCard 3.0 (what phones read best, the default) or 4.0.

Lines are folded at 75 octets, never inside a UTF-8 character. The structured
name (N) comes from ``nameparser``, so ``Abayomi Sule (MBBS, MBA)`` is given
name Abayomi and family name Sule, not a guess that the last word is the
surname; a name in a script without Latin letters, or an e-mail address used
as a name, is kept whole as the given name. E-mail addresses are EMAIL, phone
numbers TEL, websites (platform ``other``) URL, profiles X-SOCIALPROFILE with
their platform as TYPE, a platform without a handle (``in person``)
X-SMN-PLATFORM; how-met is X-SMN-HOW-MET and the contact's id the UID, so
reading the file back into smn gives the same contacts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nameparser import HumanName

from ..domain.birthdays import MonthDay
from ..domain.models import Contact
from ..domain.platforms import phone_e164

#: The vCard versions smn writes.
VCARD_VERSIONS = ("3.0", "4.0")

#: The UID smn writes: ``urn:smn:`` and the contact's id.
SMN_UID = re.compile(r"urn:smn:([0-9A-Za-z_-]{1,64})")

#: The PRODID smn writes: a card from smn holds no quoted-printable, so none is guessed in it.
PRODID = "-//smn//smn journal//EN"

#: The most octets on one line, the line break not counted (RFC 2425, 6350).
FOLD_AT = 75

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def escape_text(value: str) -> str:
    """A text value with backslash, newline, comma and semicolon escaped."""
    return (value.replace("\\", "\\\\").replace("\r\n", "\n").replace("\n", "\\n")
            .replace(",", "\\,").replace(";", "\\;"))


def _uri(value: str) -> str:
    """A URI value as it is (no text escaping, which would change it); never more than one line."""
    return " ".join(value.split())


def _param(value: str) -> str:
    return f'"{value}"' if re.search(r'[\s:;,]', value) else value


def fold(line: str) -> str:
    """``line`` folded so no physical line is longer than :data:`FOLD_AT` octets, with CRLF endings."""
    if len(line) <= FOLD_AT and line.isascii():
        return line + "\r\n"
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, FOLD_AT
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, FOLD_AT
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n".join(out) + "\r\n"


def structured_name(name: str) -> str:
    """The N value: family;given;additional;prefix;suffix."""
    if "@" in name or not _LATIN.search(name):
        parts = ["", name, "", "", ""]
    else:
        human = HumanName(name)
        parts = [human.last, human.first, human.middle, human.title, human.suffix]
        if not any(parts):
            parts = ["", name, "", "", ""]
    return ";".join(escape_text(p) for p in parts)


def _platform_lines(contact: Contact, version: str) -> list[str]:
    lines: list[str] = []
    for p in contact.platforms:
        handle = p.handle.strip()
        if p.platform == "email" and handle:
            lines.append(f"EMAIL;TYPE=INTERNET:{_uri(handle)}" if version == "3.0" else f"EMAIL:{_uri(handle)}")
        elif p.platform == "phone" and handle:
            number = phone_e164(handle)
            if version == "4.0" and number:
                lines.append(f"TEL;VALUE=uri:tel:{number}")
            else:
                lines.append(f"TEL:{escape_text(handle)}")
        elif not handle:
            lines.append(f"X-SMN-PLATFORM;TYPE={_param(p.platform)}:")
        elif p.platform == "other" and re.match(r"https?://", handle, re.IGNORECASE):
            lines.append(f"URL:{_uri(handle)}")
        else:
            lines.append(f"X-SOCIALPROFILE;TYPE={_param(p.platform)}:{_uri(handle)}")
    return lines


def contact_card(contact: Contact, version: str = "3.0") -> str:
    """One contact as a vCard (CRLF lines, folded at 75 octets)."""
    if version not in VCARD_VERSIONS:
        raise ValueError(f"smn writes vCard {' or '.join(VCARD_VERSIONS)}, not {version}")
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"PRODID:{PRODID}", f"FN:{escape_text(contact.name)}",
             f"N:{structured_name(contact.name)}"]
    lines += _platform_lines(contact, version)
    if contact.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(t) for t in contact.tags))
    if contact.notes:
        lines.append(f"NOTE:{escape_text(contact.notes)}")
    if contact.birthday:
        b = contact.birthday
        if isinstance(b, MonthDay):  # no year: vCard 4.0's --MMDD, which phones read in 3.0 cards too
            lines.append(f"BDAY:--{b.month:02d}{b.day:02d}")
        else:
            lines.append(f"BDAY:{b.isoformat()}" if version == "3.0" else f"BDAY:{b.year:04d}{b.month:02d}{b.day:02d}")
    if contact.how_met:
        lines.append(f"X-SMN-HOW-MET:{escape_text(contact.how_met)}")
    lines.append(f"UID:urn:smn:{contact.id}")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def contacts_vcf(contacts: Iterable[Contact], version: str = "3.0") -> bytes:
    return "".join(contact_card(c, version) for c in contacts).encode("utf-8")
