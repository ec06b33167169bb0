"""Google Contacts CSV exports (contacts.google.com > Export > Google CSV).

The current format has columns like ``First Name, Middle Name, Last Name, …,
Nickname, File As, Organization Name, Organization Title, Birthday, Notes,
Labels, E-mail 1 - Value, Phone 1 - Value, Website 1 - Value``; the older one
``Name, Given Name, Additional Name, Family Name, …, Group Membership,
Organization 1 - Name``. Several values in one cell are separated by
`` ::: ``. Labels become tags (Google's own ``* myContacts``/``* starred``
are dropped), organisation and title a note, websites platforms by host.
"""

from __future__ import annotations

import re

from ..domain.platforms import platform_for_url
from .plan import Incoming, ParsedFile, Skipped, WrongFormatError
from .sources import (
    NO_NAME,
    clean_line,
    clean_text,
    csv_records,
    decode_text,
    header_key,
    person_name,
    read_birthday,
    read_phones,
    tag_from_label,
)

WHAT = "a Google Contacts CSV"
_MULTI = " ::: "
_EMAIL = re.compile(r"^e-mail \d+ - value$")
_PHONE = re.compile(r"^phone \d+ - value$")
_WEBSITE = re.compile(r"^website \d+ - value$")
_NEW_MARKERS = ("labels", "e-mail 1 - value", "phone 1 - value", "file as")
_OLD_MARKERS = ("group membership", "given name", "family name")


def looks_like(text: str) -> bool:
    first = text[:4000].splitlines()[0].casefold() if text.strip() else ""
    return ("first name" in first or "given name" in first) and "connected on" not in first


class _Columns:
    """Where each field is in this file's rows."""

    def __init__(self, header: list[str]) -> None:
        keys = [header_key(c) for c in header]
        self.width = len(keys)
        self.col = {k: i for i, k in reversed(list(enumerate(keys))) if k}
        self.new_format = "first name" in self.col and any(m in self.col for m in _NEW_MARKERS)
        old_format = "name" in self.col and any(m in self.col for m in _OLD_MARKERS)
        if not (self.new_format or old_format):
            raise WrongFormatError(
                "This is not a Google Contacts CSV: the first row has no 'First Name' and 'Labels' or "
                "'E-mail 1 - Value' columns (nor the older 'Name, Given Name, … Group Membership'). "
                "Nothing was imported."
            )
        self.emails = [i for i, k in enumerate(keys) if _EMAIL.match(k)]
        self.phones = [i for i, k in enumerate(keys) if _PHONE.match(k)]
        self.sites = [i for i, k in enumerate(keys) if _WEBSITE.match(k)]

    def cell(self, row: list[str], key: str) -> str:
        i = self.col.get(key)
        return row[i] if i is not None and i < len(row) else ""

    def values(self, row: list[str], indexes: list[int]) -> list[str]:
        out: list[str] = []
        for i in indexes:
            if i < len(row):
                out.extend(v.strip() for v in row[i].split(_MULTI) if v.strip())
        return out

    def name(self, row: list[str]) -> str:
        if self.new_format:
            return " ".join(self.cell(row, k) for k in ("first name", "middle name", "last name"))
        return clean_line(self.cell(row, "name")) or " ".join(
            self.cell(row, k) for k in ("given name", "additional name", "family name"))

    def person(self, row: list[str], line: int, region: str | None, parsed: ParsedFile) -> Incoming | None:
        cell = self.cell
        org = clean_line(cell(row, "organization name") or cell(row, "organization 1 - name"))
        title = clean_line(cell(row, "organization title") or cell(row, "organization 1 - title"))
        mails = self.values(row, self.emails)
        numbers = read_phones(self.values(row, self.phones), region, line, parsed.warnings)
        name = person_name(self.name(row), cell(row, "nickname"), cell(row, "file as"), org, emails=mails,
                           phones=numbers)
        if not name:
            parsed.skipped.append(Skipped(line, NO_NAME))
            return None
        person = Incoming(name, line)
        person.platforms += [("email", m) for m in mails] + [("phone", p) for p in numbers]
        for url in self.values(row, self.sites):
            person.platforms.append((platform_for_url(url) or "other", url))
        for label in (cell(row, "labels") or cell(row, "group membership")).split(_MULTI):
            tag = tag_from_label(label) if not label.strip().startswith("*") else ""
            if tag and tag not in person.tags:
                person.tags.append(tag)
        person.birthday, birthday_note = read_birthday(cell(row, "birthday"), line, parsed.warnings)
        notes = [f"{title} at {org}" if title and org else title or org, clean_text(cell(row, "notes")),
                 birthday_note]
        person.notes = "\n".join(n for n in notes if n)
        return person


def parse(data: bytes, region: str | None = None) -> ParsedFile:
    """Read a Google Contacts export; raises :class:`WrongFormatError` if it is not one."""
    text = decode_text(data, WHAT)
    records = csv_records(text)
    try:
        _, header = next(records)
    except StopIteration:
        raise WrongFormatError(f"The file is empty; it is not {WHAT}.") from None
    columns = _Columns(header)
    parsed = ParsedFile("google")
    for line, row in records:
        if not any(c.strip() for c in row):
            continue
        parsed.rows += 1
        if len(row) > columns.width and any(c.strip() for c in row[columns.width:]):
            parsed.skipped.append(Skipped(line, f"{len(row)} fields, but the header has {columns.width}"))
            continue
        person = columns.person(row, line, region, parsed)
        if person is not None:
            parsed.people.append(person)
    return parsed
