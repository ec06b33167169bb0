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
    parse_export_date,
    person_name,
    phone_handle,
    tag_from_label,
    yearless_birthday,
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


def parse(data: bytes, region: str | None = None) -> ParsedFile:
    """Read a Google Contacts export; raises :class:`ImportFormatError` if it is not one."""
    text = decode_text(data, WHAT)
    records = csv_records(text)
    try:
        _, header = next(records)
    except StopIteration:
        raise WrongFormatError(f"The file is empty; it is not {WHAT}.") from None
    keys = [header_key(c) for c in header]
    col = {k: i for i, k in reversed(list(enumerate(keys))) if k}
    new_format = "first name" in col and any(m in col for m in _NEW_MARKERS)
    old_format = "name" in col and any(m in col for m in _OLD_MARKERS)
    if not (new_format or old_format):
        raise WrongFormatError(
            "This is not a Google Contacts CSV: the first row has no 'First Name' and 'Labels' or "
            "'E-mail 1 - Value' columns (nor the older 'Name, Given Name, … Group Membership'). "
            "Nothing was imported."
        )
    emails = [i for i, k in enumerate(keys) if _EMAIL.match(k)]
    phones = [i for i, k in enumerate(keys) if _PHONE.match(k)]
    sites = [i for i, k in enumerate(keys) if _WEBSITE.match(k)]
    parsed = ParsedFile("google")

    def cell(row: list[str], key: str) -> str:
        i = col.get(key)
        return row[i] if i is not None and i < len(row) else ""

    def values(row: list[str], indexes: list[int]) -> list[str]:
        out: list[str] = []
        for i in indexes:
            if i < len(row):
                out.extend(v.strip() for v in row[i].split(_MULTI) if v.strip())
        return out

    for line, row in records:
        if not any(c.strip() for c in row):
            continue
        parsed.rows += 1
        if len(row) > len(keys) and any(c.strip() for c in row[len(keys):]):
            parsed.skipped.append(Skipped(line, f"{len(row)} fields, but the header has {len(keys)}"))
            continue
        if new_format:
            name = clean_line(" ".join(cell(row, k) for k in ("first name", "middle name", "last name")))
        else:
            name = clean_line(cell(row, "name")) or clean_line(
                " ".join(cell(row, k) for k in ("given name", "additional name", "family name")))
        org = clean_line(cell(row, "organization name") or cell(row, "organization 1 - name"))
        title = clean_line(cell(row, "organization title") or cell(row, "organization 1 - title"))
        mails = values(row, emails)
        numbers = []
        for raw in values(row, phones):
            number = phone_handle(raw, region)
            if number is None:
                parsed.warnings.append(Skipped(line, f"phone {raw[:40]!r} is not a phone number; left out"))
            elif number not in numbers:
                numbers.append(number)
        name = person_name(name, cell(row, "nickname"), cell(row, "file as"), org, emails=mails, phones=numbers)
        if not name:
            parsed.skipped.append(Skipped(line, NO_NAME))
            continue
        person = Incoming(name, line)
        person.platforms.extend(("email", m) for m in mails)
        person.platforms.extend(("phone", p) for p in numbers)
        for url in values(row, sites):
            person.platforms.append((platform_for_url(url) or "other", url))
        labels = cell(row, "labels") or cell(row, "group membership")
        for label in labels.split(_MULTI):
            label = label.strip()
            if label and not label.startswith("*"):
                tag = tag_from_label(label)
                if tag and tag not in person.tags:
                    person.tags.append(tag)
        notes = [clean_text(cell(row, "notes"))]
        if title or org:
            notes.insert(0, f"{title} at {org}" if title and org else title or org)
        birthday = cell(row, "birthday").strip()
        if birthday:
            day = yearless_birthday(birthday)
            if day:
                notes.append(f"Birthday: {day} (year unknown)")
            else:
                person.birthday = parse_export_date(birthday)
                if person.birthday is None:
                    parsed.warnings.append(Skipped(line, f"birthday {birthday!r} is not a date; left out"))
        person.notes = "\n".join(n for n in notes if n)
        parsed.people.append(person)
    return parsed
