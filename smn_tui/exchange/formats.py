"""The formats smn imports: one registry that the command line, the app's import dialog and the messages read.

Each format has the name typed on the command line (``smn import vcard``),
the label people know it by, and what file it is. The readers themselves are
wired to these names in :mod:`importer`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImportFormat:
    """One kind of file smn imports."""

    name: str
    label: str
    description: str
    suffixes: tuple[str, ...] = ()


IMPORT_FORMATS: dict[str, ImportFormat] = {f.name: f for f in (
    ImportFormat("linkedin", "LinkedIn", "LinkedIn's Connections.csv (old and new layouts)"),
    ImportFormat("google", "Google Contacts", "a Google Contacts CSV (Google CSV)"),
    ImportFormat("outlook", "Outlook", "an Outlook CSV (from Outlook, or Google's Outlook CSV export)"),
    ImportFormat("vcard", "vCard", "a .vcf file (vCard 2.1, 3.0 or 4.0)", (".vcf", ".vcard")),
    ImportFormat("ics", "iCalendar", "a calendar (.ics): meetings with your contacts", (".ics", ".ical")),
    ImportFormat("json", "smn JSON", "an smn JSON export (smn export json)", (".json",)),
)}


def formats_sentence() -> str:
    """'LinkedIn, Google Contacts, … or smn JSON' for messages that name what smn reads."""
    labels = [f.label for f in IMPORT_FORMATS.values()]
    return ", ".join(labels[:-1]) + " or " + labels[-1]
