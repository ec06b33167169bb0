"""Taking everything out: the whole journal as JSON, spreadsheets as CSV, contacts as vCard 3.0 or 4.0.

These functions return bytes; the caller decides where they go (see
``smn export``), so nothing here touches the file system.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import orjson

from .. import __version__
from ..domain.models import SCHEMA_VERSION
from .ports import JournalTables
from .vcard_write import contacts_vcf

#: The header key that marks an smn JSON export (and the format's name inside it).
EXPORT_KEY = "smn_export"
EXPORT_FORMAT = "smn-journal"
TABLE_NAMES = ("contacts", "interactions", "acts", "audits")

#: A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_header(now: datetime | None = None) -> dict[str, Any]:
    stamp = (now or datetime.now(UTC)).replace(microsecond=0)
    return {"format": EXPORT_FORMAT, "schema": SCHEMA_VERSION, "app": f"smn {__version__}",
            "exported": stamp.isoformat()}


def journal_json(store: JournalTables, *, now: datetime | None = None) -> bytes:
    """Every table, record for record, under a header naming the schema: lossless."""
    tables = store.export_tables()
    body: dict[str, Any] = {EXPORT_KEY: export_header(now)}
    for name in TABLE_NAMES:
        body[name] = tables.get(name, {})
    return orjson.dumps(body, option=orjson.OPT_INDENT_2) + b"\n"


def neutralise(value: object) -> str:
    """A cell a spreadsheet shows as text: formula starters get a leading apostrophe."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _csv(header: list[str], rows: Iterable[list[object]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    # The BOM makes spreadsheets read the file as UTF-8 (names with accents stay intact).
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _yes(v: object) -> str:
    return "yes" if v else "no"


def journal_csv(store: JournalTables) -> dict[str, bytes]:
    """One CSV per kind of record: file name -> bytes."""
    tables = store.export_tables()
    names = {cid: d["name"] for cid, d in tables["contacts"].items()}

    def who(ids: list[str]) -> str:
        return "; ".join(names.get(i, i) for i in ids)

    contacts = sorted(tables["contacts"].values(), key=lambda d: (d["name"].casefold(), d["id"]))
    interactions = sorted(tables["interactions"].values(), key=lambda d: (d["on"], d.get("at") or "", d["id"]))
    acts = sorted(tables["acts"].values(), key=lambda d: (d["on"], d["id"]))
    audits = sorted(tables["audits"].values(), key=lambda d: d["week"])
    return {
        "contacts.csv": _csv(
            ["id", "name", "platforms", "tags", "how_met", "notes", "cadence_days", "birthday", "archived",
             "created", "updated"],
            [[d["id"], d["name"], "; ".join(f"{p}:{h}" if h else p for p, h in d.get("platforms", ())),
              " ".join(d.get("tags", ())), d.get("how_met", ""), d.get("notes", ""), d.get("cadence_days") or "",
              d.get("birthday") or "", _yes(d.get("archived")), d["created"], d["updated"]] for d in contacts]),
        "interactions.csv": _csv(
            ["id", "date", "time", "kind", "people", "platform", "real", "note", "contact_ids", "created", "updated"],
            [[d["id"], d["on"], d.get("at") or "", d["kind"], who(d["contact_ids"]), d.get("platform", ""),
              _yes(d.get("real", True)), d.get("note", ""), " ".join(d["contact_ids"]), d["created"], d["updated"]]
             for d in interactions]),
        "acts.csv": _csv(
            ["id", "date", "kind", "people", "note", "impact", "asked", "minutes", "platform", "outcome",
             "contact_ids", "created", "updated"],
            [[d["id"], d["on"], d["kind"], who(d["contact_ids"]), d["note"], d["impact"], _yes(d.get("asked")),
              "" if d.get("minutes") is None else d["minutes"], d.get("platform", ""), d.get("outcome", ""),
              " ".join(d["contact_ids"]), d["created"], d["updated"]] for d in acts]),
        "audits.csv": _csv(
            ["id", "week", "completed", "intention", "answers", "created", "updated"],
            [[d["id"], d["week"], d.get("completed") or "", d.get("intention", ""),
              orjson.dumps(d.get("answers", {}), option=orjson.OPT_SORT_KEYS).decode(), d["created"], d["updated"]]
             for d in audits]),
    }


def contacts_vcard(store: JournalTables, *, include_archived: bool = True, version: str = "3.0") -> bytes:
    """Every contact as a vCard (3.0, what phones read best, or 4.0), sorted by name."""
    contacts = store.contacts(include_archived=include_archived)
    contacts.sort(key=lambda c: (c.name.casefold(), c.id))
    return contacts_vcf(contacts, version)
