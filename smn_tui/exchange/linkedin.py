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

from .plan import Incoming, ParsedFile, Skipped, WrongFormatError
from .sources import NO_NAME, clean_line, csv_records, decode_text, header_key, parse_export_date, person_name

WHAT = "a LinkedIn Connections.csv"
REQUIRED = ("first name", "last name", "connected on")
#: The header is within the first few records; the preamble is short.
HEADER_SEARCH = 20


def looks_like(text: str) -> bool:
    head = text[:4000].casefold()
    return "first name" in head and "connected on" in head


def parse(data: bytes, region: str | None = None) -> ParsedFile:
    """Read a LinkedIn connections export; raises :class:`ImportFormatError` if it is not one."""
    text = decode_text(data, WHAT)
    parsed = ParsedFile("linkedin")
    records = csv_records(text)
    columns: dict[str, int] | None = None
    for n, (line, row) in enumerate(records):
        keys = [header_key(c) for c in row]
        if all(k in keys for k in REQUIRED):
            columns = {k: i for i, k in enumerate(keys) if k}
            break
        if n >= HEADER_SEARCH:
            break
    if columns is None:
        raise WrongFormatError(
            "This is not a LinkedIn Connections.csv: no header row with "
            "'First Name', 'Last Name' and 'Connected On' near the top. Nothing was imported."
        )
    width = max(columns.values()) + 1
    first, last, url_at, email_at, company_at, position_at, date_at = (
        columns.get(k, -1) for k in ("first name", "last name", "url", "email address", "company", "position",
                                      "connected on"))

    def cell(row: list[str], i: int) -> str:
        return row[i] if 0 <= i < len(row) else ""

    for line, row in records:
        if not any(row):
            continue
        parsed.rows += 1
        if len(row) < width:
            if not any(c.strip() for c in row):
                parsed.rows -= 1
                continue
            parsed.skipped.append(Skipped(line, f"{len(row)} field(s), expected {width}"))
            continue
        email = cell(row, email_at).strip()
        if "@" not in email:  # empty, or a member id ('urn:li:member:123') in older exports
            email = ""
        name = person_name(f"{row[first]} {row[last]}", emails=[email])
        if not name:
            parsed.skipped.append(Skipped(line, NO_NAME))
            continue
        person = Incoming(name, line, how_met="LinkedIn")
        url = cell(row, url_at).strip()
        if url:
            person.platforms.append(("linkedin", url))
        if email:
            person.platforms.append(("email", email))
        if not url and not email:
            person.platforms.append(("linkedin", ""))
        position = clean_line(cell(row, position_at))
        company = clean_line(cell(row, company_at))
        if position and company:
            person.notes = f"{position} at {company}"
        else:
            person.notes = position or company
        raw_date = cell(row, date_at).strip()
        if raw_date:
            person.connected_on = parse_export_date(raw_date)
            if person.connected_on is None:
                parsed.warnings.append(Skipped(line, f"'Connected On' {raw_date!r} is not a date; "
                                                     "imported without the connection entry"))
        parsed.people.append(person)
    return parsed
