"""The records and the rules of the journal: pure Python, no storage, no UI (see docs/ARCHITECTURE.md)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .birthdays import Birthday, MonthDay, parse_birthday
    from .dates import DateInputError, Week, parse_date, parse_week, week_of
    from .due import DUE_SOON_DAYS, due_status
    from .fields import ValidationError
    from .graph import platform_graph
    from .models import SCHEMA_VERSION, Contact, HelpfulAct, Interaction, PlatformHandle, WeeklyAudit
    from .platforms import parse_platform_text, same_handle
    from .ports import JournalReader
    from .resolve import AmbiguousContactError, NameLookupError, UnknownContactError, resolve_contact
    from .results import ActTotals, DeleteSummary, DueContact, JournalChange
    from .review import WeekReview, build_review

__all__ = [
    "DUE_SOON_DAYS",
    "SCHEMA_VERSION",
    "ActTotals",
    "AmbiguousContactError",
    "Birthday",
    "Contact",
    "DateInputError",
    "DeleteSummary",
    "DueContact",
    "HelpfulAct",
    "Interaction",
    "JournalChange",
    "JournalReader",
    "MonthDay",
    "NameLookupError",
    "PlatformHandle",
    "UnknownContactError",
    "ValidationError",
    "Week",
    "WeekReview",
    "WeeklyAudit",
    "build_review",
    "due_status",
    "parse_birthday",
    "parse_date",
    "parse_platform_text",
    "parse_week",
    "platform_graph",
    "resolve_contact",
    "same_handle",
    "week_of",
]

#: Which module each name lives in: a name loads its module when first asked for, so importing one
#: part of the package never imports the rest.
_MODULES = {
    "ActTotals": "results", "AmbiguousContactError": "resolve", "Birthday": "birthdays", "Contact": "models",
    "DUE_SOON_DAYS": "due", "DateInputError": "dates", "DeleteSummary": "results", "DueContact": "results",
    "HelpfulAct": "models", "Interaction": "models", "JournalChange": "results", "JournalReader": "ports",
    "MonthDay": "birthdays", "NameLookupError": "resolve", "PlatformHandle": "models", "SCHEMA_VERSION":
    "models", "UnknownContactError": "resolve", "ValidationError": "fields", "Week": "dates", "WeekReview":
    "review", "WeeklyAudit": "models", "build_review": "review", "due_status": "due", "parse_birthday":
    "birthdays", "parse_date": "dates", "parse_platform_text": "platforms", "parse_week": "dates",
    "platform_graph": "graph", "resolve_contact": "resolve", "same_handle": "platforms", "week_of": "dates",
}


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)

