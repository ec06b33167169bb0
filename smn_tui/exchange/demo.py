"""The demo journal: a made-up journal shipped in ``data/``, copied fresh for ``smn --demo``.

The shipped file (``data/demo_journal.json``, written by ``tools/make_demo.py``)
holds record documents anchored to one week. :func:`write_demo_journal` shifts
every date by whole weeks so the demo's latest week is the current one (weekdays
stay the same), drops what would then lie after today, builds the records
through the models (so they are validated) and writes them to a new journal in
one commit. The shipped file is only ever read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import orjson

from ..domain.dates import week_of
from ..domain.models import Contact, HelpfulAct, Interaction, WeeklyAudit
from ..resources import data_file
from ..storage.journal_file import StorageError

DEMO_FILE = "demo_journal.json"
DEMO_FORMAT = "smn-demo"


class DemoError(StorageError):
    """The shipped demo cannot be read or the target cannot take it."""


def load_demo(path: Path | None = None) -> dict[str, Any]:
    """The shipped demo document (read only)."""
    path = path or data_file(DEMO_FILE)
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise DemoError(f"Could not read the demo journal {path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != DEMO_FORMAT:
        raise DemoError(f"{path} is not an smn demo journal.")
    return data


def demo_records(data: dict[str, Any], today: date) -> list[Contact | Interaction | HelpfulAct | WeeklyAudit]:
    """The demo's records with dates moved so its anchor week is the week of ``today``."""
    anchor = date.fromisoformat(data["anchor_week_monday"])
    weeks = (week_of(today).start - anchor).days // 7
    delta = timedelta(weeks=weeks)
    now = datetime.combine(today, time(0, 0), tzinfo=UTC)

    def day(value: str) -> date:
        return date.fromisoformat(value) + delta

    def moment(value: str | None) -> str | None:
        if not value:
            return value
        shifted = datetime.fromisoformat(value) + delta
        return min(shifted, now).isoformat()

    def stamps(doc: dict[str, Any]) -> dict[str, Any]:
        doc = dict(doc)
        for key in ("created", "updated", "completed"):
            if key in doc:
                doc[key] = moment(doc[key])
        return doc

    records: list[Contact | Interaction | HelpfulAct | WeeklyAudit] = []
    for doc in data.get("contacts", []):
        records.append(Contact.from_doc(stamps(doc)))  # birthdays stay where they are
    for key, cls in (("interactions", Interaction), ("acts", HelpfulAct)):
        for doc in data.get(key, []):
            on = day(doc["on"])
            if on > today:
                continue  # later this week: it has not happened yet
            records.append(cls.from_doc({**stamps(doc), "on": on.isoformat()}))
    for doc in data.get("audits", []):
        year, num = doc["week"].split("-W")
        monday = date.fromisocalendar(int(year), int(num), 1) + delta
        if monday > today:
            continue
        iso = monday.isocalendar()
        records.append(WeeklyAudit.from_doc({**stamps(doc), "week": f"{iso[0]}-W{iso[1]:02d}"}))
    return records


def write_demo_journal(target: Path, today: date | None = None, *, source: Path | None = None) -> int:
    """Write a fresh demo journal at ``target``; returns how many records it holds.

    ``target`` must not be a journal already, and is never the shipped file.
    """
    from ..storage.journal_file import JournalFile
    from ..storage.store import JournalStore

    today = today or date.today()
    target = Path(target).expanduser().absolute()
    shipped = (source or data_file(DEMO_FILE)).resolve()
    if target.resolve() == shipped or target.resolve().parent == shipped.parent:
        raise DemoError(f"Refusing to write a journal into the shipped data folder ({shipped.parent}).")
    if JournalFile(target).exists:
        raise DemoError(f"{target} already exists; the demo is written only to a new journal.")
    records = demo_records(load_demo(source), today)
    store = JournalStore(target)
    try:
        store.add_many(records)
    finally:
        store.close()
    return len(records)
