"""Outlook CSV exports (Outlook's File > Export, and Google Contacts' "Outlook CSV").

The header names the columns, in an order that differs between Outlook
versions and Google's imitation, so columns are found by name::

    First Name, Middle Name, Last Name, Title, Suffix, Nickname, E-mail Address,
    E-mail 2 Address, E-mail 3 Address, Home Phone, Business Phone, Mobile Phone,
    Company Main Phone, Job Title, Company, Web Page, Birthday, Notes, Categories

``Title`` is the honorific (Mr., Dr.), not the position (``Job Title``).
Outlook writes ``0/0/00`` for no birthday and an Exchange path (``/o=…``)
where a colleague's address would be; neither is data. The company's main
number, an assistant's number and fax numbers belong to someone else or to
no one, so they are not the person's phones. Categories are separated by
``;`` and become tags.
"""

from __future__ import annotations

from collections.abc import Iterator

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

WHAT = "an Outlook CSV"
_EMAILS = ("e-mail address", "e-mail 2 address", "e-mail 3 address")
_PHONES = ("mobile phone", "primary phone", "home phone", "home phone 2", "business phone", "business phone 2",
           "other phone", "car phone", "radio phone", "pager", "callback", "tty/tdd phone", "isdn")
_WEB = ("web page", "personal web page")
_NO_BIRTHDAY = ("0/0/00", "0/0/0000", "00/00/0000")


def looks_like(text: str) -> bool:
    first = text.lstrip("\ufeff")[:4000].splitlines()[0].casefold() if text.strip() else ""
    return "first name" in first and "e-mail address" in first and "e-mail 1 - value" not in first


def _header(records: Iterator[tuple[int, list[str]]]) -> tuple[dict[str, int], int]:
    try:
        _, header = next(records)
    except StopIteration:
        raise WrongFormatError(f"The file is empty; it is not {WHAT}.") from None
    col: dict[str, int] = {}
    for i, cell in enumerate(header):
        col.setdefault(header_key(cell), i)
    if "first name" not in col or "e-mail address" not in col:
        raise WrongFormatError(
            "This is not an Outlook CSV: the first row has no 'First Name' and 'E-mail Address' columns. "
            "Nothing was imported.")
    return col, len(header)


def _person(row: list[str], line: int, col: dict[str, int], region: str | None, parsed: ParsedFile) -> Incoming | None:
    def cell(key: str) -> str:
        i = col.get(key)
        return row[i].strip() if i is not None and i < len(row) else ""

    emails = [e for e in (cell(k) for k in _EMAILS) if "@" in e]
    phones = read_phones((cell(k) for k in _PHONES if cell(k)), region, line, parsed.warnings)
    full = " ".join(cell(k) for k in ("first name", "middle name", "last name", "suffix"))
    company, job = clean_line(cell("company")), clean_line(cell("job title"))
    name = person_name(full, cell("nickname"), company, emails=emails, phones=phones)
    if not name:
        parsed.skipped.append(Skipped(line, NO_NAME))
        return None
    person = Incoming(name, line)
    person.platforms += [("email", e) for e in emails] + [("phone", p) for p in phones]
    for url in (cell(k) for k in _WEB):
        if url:
            person.platforms.append((platform_for_url(url) or "other", url))
    raw_tags = cell("categories").replace(" ::: ", ";")
    for label in raw_tags.split(";"):
        tag = tag_from_label(label) if not label.strip().startswith("*") else ""
        if tag and tag not in person.tags:
            person.tags.append(tag)
    birthday = cell("birthday")
    person.birthday, birthday_note = read_birthday("" if birthday in _NO_BIRTHDAY else birthday, line,
                                                   parsed.warnings)
    notes = [f"{job} at {company}" if job and company else job or company, clean_text(cell("notes")), birthday_note]
    person.notes = "\n".join(n for n in notes if n)
    return person


def parse(data: bytes, region: str | None = None) -> ParsedFile:
    """Read an Outlook CSV; raises :class:`WrongFormatError` if it is not one."""
    text = decode_text(data, WHAT)
    records = csv_records(text)
    col, width = _header(records)
    parsed = ParsedFile("outlook")
    for line, row in records:
        if not any(c.strip() for c in row):
            continue
        parsed.rows += 1
        if len(row) > width and any(c.strip() for c in row[width:]):
            parsed.skipped.append(Skipped(line, f"{len(row)} fields, but the header has {width}"))
            continue
        person = _person(row, line, col, region, parsed)
        if person is not None:
            parsed.people.append(person)
    return parsed
