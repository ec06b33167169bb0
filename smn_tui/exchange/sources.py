"""Reading the files people export: text decoding, CSV records with line numbers, dates, tags.

Shared by the LinkedIn, Google and vCard readers. Everything here is about
the *file*; matching people against the journal lives in :mod:`merge`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import lru_cache

from ..domain.birthdays import Birthday, MonthDay
from ..domain.models import ValidationError, normalise_platform
from ..domain.platforms import phone_e164
from .plan import ImportFormatError, Skipped, WrongFormatError

#: Refuse files bigger than this: no address book export comes near it.
MAX_BYTES = 200 * 1024 * 1024

_PHONE_CHARS = re.compile(r"\+?[\d ()./,;*#-]+(?:\s*(?:ext\.?|x)\s*\d+)?", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TAG_BAD = re.compile(r"[^\w\-./+]+", re.UNICODE)


def check_bytes(data: bytes, what: str) -> None:
    """Refuse, with :class:`ImportFormatError`, a file too big, binary or empty to be ``what``."""
    if len(data) > MAX_BYTES:
        raise ImportFormatError(f"The file is too big for {what} ({len(data) // (1024 * 1024)} MB).")
    if not data.strip():
        raise WrongFormatError(f"The file is empty; it is not {what}.")
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" in data[:65536]:
        raise WrongFormatError(f"The file is binary, not {what}.")


def decode_text(data: bytes, what: str) -> str:
    """The text of an exported file (UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252).

    Raises :class:`ImportFormatError` for an empty or binary file.
    """
    check_bytes(data, what)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFormatError(f"The file is not readable text ({exc.reason}); it is not {what}.") from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if not text.strip():
        raise ImportFormatError(f"The file is empty; it is not {what}.")
    return text


#: Why a row or card with nothing to call the person by is skipped (one rule for every format).
NO_NAME = "no name, organisation, e-mail address or phone number"

#: The most addresses, numbers and profiles an import keeps for one person; more is a list, not a person.
MAX_PLATFORMS = 100


def person_name(*names: str | None, emails: Iterable[str] = (), phones: Iterable[str] = ()) -> str:
    """What a person is called, the same in every format: the first of ``names`` (name, nickname,
    organisation) that is not empty, else their first e-mail address, else their first phone number."""
    for name in names:
        text = clean_line(name)
        if text:
            return text
    for value in (*emails, *phones):
        text = clean_line(value)
        if text:
            return text
    return ""


def phone_handle(text: str, region: str | None) -> str | None:
    """A phone number as the journal keeps it: E.164 when it is valid, else as written when it
    could be a number (digits and separators); None when it is no number at all (``IBERDROLA``)."""
    raw = clean_line(text).removeprefix("tel:")
    number = phone_e164(raw, region)
    if number:
        return number
    if sum(ch.isdigit() for ch in raw) >= 3 and _PHONE_CHARS.fullmatch(raw):
        return raw
    return None


def read_phones(raws: Iterable[str], region: str | None, line: int, warnings: list[Skipped],
                what: str = "phone") -> list[str]:
    """The phone numbers among ``raws`` (see :func:`phone_handle`), once each; a warning for each that is none."""
    numbers: list[str] = []
    for raw in raws:
        number = phone_handle(raw, region)
        if number is None:
            warnings.append(Skipped(line, f"{what} {raw[:40]!r} is not a phone number; left out"))
        elif number not in numbers:
            numbers.append(number)
    return numbers


def read_birthday(text: str, line: int, warnings: list[Skipped]) -> tuple[Birthday | None, str]:
    """(birthday, note line): a date, or month and day for a birthday without a year (the journal
    never invents a year); a warning when ``text`` is no date at all. The note line is always empty
    now that the journal keeps year-less birthdays; it stays for the readers that add it."""
    text = text.strip()
    if not text:
        return None, ""
    day = yearless_birthday(text)
    if day:
        return day, ""
    if re.match(r"\d{4}-\d\d-\d\dT|\d{8}T", text):  # a date and time: the date is the birthday
        text = text.split("T", 1)[0]
    birthday = parse_export_date(text)
    if birthday is None:
        warnings.append(Skipped(line, f"birthday {text[:40]!r} is not a date; left out"))
    return birthday, ""


def csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) for every CSV record; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFormatError(f"line {start}: the CSV cannot be read ({exc}).") from exc


def header_key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().casefold().split())


def clean_text(value: str | None) -> str:
    """Field text as the journal accepts it: newlines kept, other control characters dropped."""
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value).strip()


def clean_line(value: str | None) -> str:
    """One-line text: every run of whitespace (newlines too) becomes a single space."""
    if not value:
        return ""
    if value.isprintable():  # the common case: no control characters to drop
        return " ".join(value.split())
    return " ".join(_CONTROL.sub(" ", value).split())


def tag_from_label(label: str) -> str:
    """A journal tag for a group, label or category name ('Work Stuff' -> 'work-stuff'); '' if none."""
    tag = label.strip().lstrip("#*").strip().lower()
    tag = "-".join(tag.split())
    tag = _TAG_BAD.sub("-", tag).strip("-./+")
    tag = re.sub(r"-{2,}", "-", tag)
    return tag[:60]


#: The platforms whose profiles address books name (``X-SOCIALPROFILE;TYPE=twitter``, ``X-TWITTER``).
PROFILE_SERVICES = ("linkedin", "x", "twitter", "github", "instagram", "facebook", "mastodon", "bluesky", "bsky")


def service_platform(word: str) -> str | None:
    """The journal platform a service name stands for, by the models' one alias table ('Twitter' -> 'x');
    None for a word that cannot be a platform."""
    try:
        platform = normalise_platform(word)
    except ValidationError:
        return None
    return platform or None


_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?")


@lru_cache(maxsize=1 << 14)
def parse_export_date(text: str) -> date | None:
    """Dates as exports write them: '24 Nov 2026', '2026-11-24', '20261124', '11/24/2026',
    '1/8/18, 6:14 PM' (month first, as LinkedIn and Outlook write them). None if unreadable."""
    t = text.strip()
    if not t:
        return None
    m = _US_DATE.fullmatch(t)
    if m:
        month, day, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if year < 100:
            year += 2000 if year < 70 else 1900
        try:
            return date(year, month, day)
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*[ -,]*(\d{4})", t)
    if m:
        named = _MONTHS.get(m.group(2).lower())
        if named:
            try:
                return date(int(m.group(3)), named, int(m.group(1)))
            except ValueError:
                return None
        return None
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%m/%d/%Y", "%m/%d/%y", "%b %d, %Y", "%B %d, %Y"):
        try:
            return datetime.strptime(t[:10] if fmt in ("%Y-%m-%d",) else t, fmt).date()
        except ValueError:
            continue
    return None


def yearless_birthday(text: str) -> MonthDay | None:
    """'--12-10' or '--1210' (a birthday without a year); None otherwise."""
    m = re.fullmatch(r"\s*--(\d{2})-?(\d{2})\s*", text)
    if not m:
        return None
    try:
        return MonthDay(int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None


def fold_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
