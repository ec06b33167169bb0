"""How a record's fields are read: the one home of every field rule the records share.

Each function takes a value as it came (typed in a form or the shell, or read
from a document of the journal, so of any type), and returns it normalised, or
raises :class:`ValidationError` naming the field and saying why it cannot be
accepted. The records in :mod:`.models` call them from ``__post_init__``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, time

from .birthdays import Birthday, BirthdayError, MonthDay, birthday_from_iso
from .text import CONTROL, drop_invisible, has_surrogates, unify_line_breaks

__all__ = [
    "MAX_NAME",
    "MAX_SHORT",
    "MAX_TEXT",
    "ValidationError",
    "birthday_field",
    "bool_field",
    "cadence_field",
    "choice_field",
    "contact_id_list",
    "date_field",
    "minutes_field",
    "new_id",
    "normalise_tag",
    "now_utc",
    "optional_date",
    "optional_time",
    "refuse_controls",
    "tag_list",
    "text_field",
    "timestamp",
]

MAX_NAME = 200
MAX_TEXT = 20_000
MAX_SHORT = 500

_TAG_OK = re.compile(r"^[\w][\w\-./+]*$", re.UNICODE)


class ValidationError(ValueError):
    """A value the journal cannot accept; ``field`` names it, ``message`` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def new_id() -> str:
    """A stable record id, unique across journals so they can be merged."""
    return uuid.uuid4().hex


def now_utc() -> datetime:
    """The current time, timezone-aware, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def text_field(value: object, name: str, *, limit: int = MAX_TEXT, required: bool = False) -> str:
    """Text, trimmed, with one kind of line break; control characters refused (see domain/text.py)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(name, "must be text")
    # Control characters are refused, invisible formatting characters removed (see domain/text.py).
    text = drop_invisible(unify_line_breaks(value)).strip()
    if required and not text:
        raise ValidationError(name, "is required")
    if len(text) > limit:
        raise ValidationError(name, f"is too long ({len(text)} characters, at most {limit})")
    refuse_controls(text, name, CONTROL)
    return text


def refuse_controls(value: str, name: str, pattern: re.Pattern[str]) -> None:
    """Refuse a character ``pattern`` finds, or bytes that are not UTF-8."""
    found = pattern.search(value)
    if found:
        raise ValidationError(name, f"contains control characters (U+{ord(found.group()):04X})")
    if has_surrogates(value):
        raise ValidationError(name, "is not valid text (it holds bytes that are not UTF-8)")


def normalise_tag(value: object) -> str:
    """A tag as the journal keeps it: lower case, no ``#``, spaces as dashes."""
    if not isinstance(value, str):
        raise ValidationError("tags", "each tag must be text")
    tag = value.strip().lstrip("#").lower().replace(" ", "-")
    if not tag:
        raise ValidationError("tags", "a tag cannot be empty")
    if len(tag) > 60:
        raise ValidationError("tags", f"tag '{tag[:20]}…' is too long (at most 60 characters)")
    if not _TAG_OK.match(tag):
        raise ValidationError("tags", f"tag '{tag}' may hold only letters, digits and - . / + _")
    return tag


def tag_list(values: object) -> list[str]:
    """Tags from a list, or from one text separated by commas or spaces; each once."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [v for v in re.split(r"[,\s]+", values) if v]
    if not isinstance(values, Iterable):
        raise ValidationError("tags", "each tag must be text")
    out: list[str] = []
    for v in values:
        t = normalise_tag(v)
        if t not in out:
            out.append(t)
    return out


def date_field(value: object, name: str) -> date:
    """A date, from a date, a datetime (its day) or ISO text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError(name, "must be a date (YYYY-MM-DD)")


def birthday_field(value: object) -> Birthday | None:
    """A birthday: a date, or month and day when the year is not known (never a guessed year)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, (date, MonthDay)):
        return value
    if isinstance(value, str):
        try:
            return birthday_from_iso(value)
        except (ValueError, BirthdayError):
            pass
    raise ValidationError("birthday", "must be a date (YYYY-MM-DD) or a day of the year (--MM-DD)")


def optional_date(value: object, name: str) -> date | None:
    if value is None or value == "":
        return None
    return date_field(value, name)


def optional_time(value: object, name: str) -> time | None:
    """A time of day to the second, from a time or ISO text; none when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, time):
        return value.replace(microsecond=0)
    if isinstance(value, str):
        try:
            return time.fromisoformat(value).replace(microsecond=0)
        except ValueError:
            pass
    raise ValidationError(name, "must be a time (HH:MM)")


def timestamp(value: object) -> datetime:
    """A moment, timezone-aware (UTC when none is given); now when empty."""
    if value is None or value == "":
        return now_utc()
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError as exc:
            raise ValidationError("timestamp", "must be an ISO date and time") from exc
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    raise ValidationError("timestamp", "must be an ISO date and time")


def choice_field(value: object, name: str, choices: tuple[str, ...], labels: dict[str, str] | None = None) -> str:
    """One of ``choices``: the word, its label (or a part of it), or a start only one choice has."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in choices:
            return word
        for key, label in (labels or {}).items():
            if word == label or word == label.split("/")[0] or word in label.split("/"):
                return key
        matches = [c for c in choices if c.startswith(word)] if word else []
        if len(matches) == 1:
            return matches[0]
    raise ValidationError(name, f"must be one of: {', '.join(choices)}")


def contact_id_list(values: object) -> list[str]:
    """The people of an entry: at least one contact id, each once."""
    if not values:
        raise ValidationError("contacts", "choose at least one person")
    if not isinstance(values, Iterable):
        raise ValidationError("contacts", "each person must be a contact id")
    out: list[str] = []
    for v in values:
        if not isinstance(v, str) or not v:
            raise ValidationError("contacts", "each person must be a contact id")
        if v not in out:
            out.append(v)
    return out


def bool_field(value: object, name: str) -> bool:
    if isinstance(value, bool):
        return value
    raise ValidationError(name, "must be true or false")


def cadence_field(value: object) -> int | None:
    """How often to be in touch with a contact, in days; none for an empty value or 0."""
    if value is None or value == "" or value == 0:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("cadence_days", "must be a whole number of days")
    if not 1 <= value <= 3660:
        raise ValidationError("cadence_days", "must be between 1 and 3660 days")
    return value


def minutes_field(value: object) -> int | None:
    """The minutes an act took; none for an empty value."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("minutes", "must be a whole number of minutes")
    if not 0 <= value <= 100_000:
        raise ValidationError("minutes", "must be between 0 and 100000")
    return value
