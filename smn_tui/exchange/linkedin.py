"""LinkedIn's ``Connections.csv`` (Settings > Data privacy > Get a copy of your data).

The file starts with a few ``Notes:`` lines about missing email addresses,
then a blank line, then the header::

    First Name,Last Name,URL,Email Address,Company,Position,Connected On

``Connected On`` reads like ``24 Nov 2026``. Email is empty for most people
(they choose whether connections may download it). Older exports lack the URL
column, write dates like ``1/8/18, 6:14 PM`` (month first), and may hold a
member id (``urn:li:member:…``) where the e-mail address goes, which is no
address and is left out; columns are found by name, so every layout works.

Each row becomes a person with the profile URL as their LinkedIn handle,
their email, "Position at Company" as a note, how-met "LinkedIn", and a
passive new-connection journal entry on the day they connected.
"""

from __future__ import annotations

from collections.abc import Iterator

from .plan import Incoming, ParsedFile, Skipped, WrongFormatError
from .sources import NO_NAME, clean_line, csv_records, decode_text, header_key, parse_export_date, person_name

WHAT = "a LinkedIn Connections.csv"
REQUIRED = ("first name", "last name", "connected on")
#: The header is within the first few records; the preamble is short.
HEADER_SEARCH = 20


def looks_like(text: str) -> bool:
    head = text[:4000].casefold()
    return "first name" in head and "connected on" in head


def _columns(records: Iterator[tuple[int, list[str]]]) -> dict[str, int]:
    """The header's columns by name, from the first few records (after the Notes preamble)."""
    for n, (_line, row) in enumerate(records):
        keys = [header_key(c) for c in row]
        if all(k in keys for k in REQUIRED):
            return {k: i for i, k in enumerate(keys) if k}
        if n >= HEADER_SEARCH:
            break
    raise WrongFormatError(
        "This is not a LinkedIn Connections.csv: no header row with "
        "'First Name', 'Last Name' and 'Connected On' near the top. Nothing was imported."
    )


def _person(row: list[str], line: int, columns: dict[str, int], parsed: ParsedFile) -> Incoming | None:
    def cell(key: str) -> str:
        i = columns.get(key, -1)
        return row[i] if 0 <= i < len(row) else ""

    email = cell("email address").strip()
    if "@" not in email:  # empty, or a member id ('urn:li:member:123') in older exports
        email = ""
    name = person_name(f"{cell('first name')} {cell('last name')}", emails=[email])
    if not name:
        parsed.skipped.append(Skipped(line, NO_NAME))
        return None
    person = Incoming(name, line, how_met="LinkedIn")
    url = cell("url").strip()
    if url:
        person.platforms.append(("linkedin", url))
    if email:
        person.platforms.append(("email", email))
    if not url and not email:
        person.platforms.append(("linkedin", ""))
    position, company = clean_line(cell("position")), clean_line(cell("company"))
    person.notes = f"{position} at {company}" if position and company else position or company
    raw_date = cell("connected on").strip()
    if raw_date:
        person.connected_on = parse_export_date(raw_date)
        if person.connected_on is None:
            parsed.warnings.append(Skipped(line, f"'Connected On' {raw_date!r} is not a date; "
                                                 "imported without the connection entry"))
    return person


def parse(data: bytes, region: str | None = None) -> ParsedFile:
    """Read a LinkedIn connections export; raises :class:`WrongFormatError` if it is not one."""
    text = decode_text(data, WHAT)
    parsed = ParsedFile("linkedin")
    records = csv_records(text)
    columns = _columns(records)
    width = max(columns.values()) + 1
    for line, row in records:
        if not any(c.strip() for c in row):
            continue
        parsed.rows += 1
        if len(row) < width:
            parsed.skipped.append(Skipped(line, f"{len(row)} field(s), expected {width}"))
            continue
        person = _person(row, line, columns, parsed)
        if person is not None:
            parsed.people.append(person)
    return parsed
