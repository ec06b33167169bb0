"""The cheap check every record read from disk passes, so nothing later trips over a damaged one.

It looks only at what the store relies on (types, ids, dates); :mod:`smn doctor`
goes further and validates every field against the domain model.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import JournalCorruptError

__all__ = ["check_table"]

#: Valid ISO dates seen so far: a journal has far fewer distinct days than entries.
_DAYS: set[str] = set()


def _day_ok(value: Any) -> bool:
    if type(value) is not str:
        return False
    if value in _DAYS:
        return True
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    if len(value) != 10:
        return False
    if len(_DAYS) < 100_000:
        _DAYS.add(value)
    return True


def _stamp_ok(value: Any) -> bool:
    if type(value) is not str:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _contact_problem(d: dict[str, Any]) -> str | None:
    name = d.get("name")
    if type(name) is not str or not name.strip():
        return "has no name"
    plats = d.get("platforms", [])
    if type(plats) is not list or any(
            type(p) is not list or len(p) != 2 or type(p[0]) is not str or type(p[1]) is not str for p in plats):
        return "has unreadable platforms"
    tags = d.get("tags", [])
    if type(tags) is not list or any(type(t) is not str for t in tags):
        return "has unreadable tags"
    cadence = d.get("cadence_days")
    if cadence is not None and (type(cadence) is not int or cadence < 1):
        return "has an unreadable cadence"
    birthday = d.get("birthday")
    if birthday is not None and not _day_ok(birthday):
        return "has an unreadable birthday"
    return None


def _entry_problem(d: dict[str, Any]) -> str | None:
    if not _day_ok(d.get("on")):
        return "has no readable date"
    ids = d.get("contact_ids")
    if type(ids) is not list or not ids or any(type(i) is not str for i in ids):
        return "names no people"
    return None


def _audit_problem(d: dict[str, Any]) -> str | None:
    if type(d.get("week")) is not str:
        return "has no week"
    if type(d.get("answers", {})) is not dict:
        return "has unreadable answers"
    return None


_PROBLEMS = {
    "contacts": _contact_problem,
    "interactions": _entry_problem,
    "acts": _entry_problem,
    "audits": _audit_problem,
}


def check_table(name: str, table: dict[str, Any], source: Path) -> None:
    """Refuse a table holding a record the store could not use (a damaged file)."""
    problem_of = _PROBLEMS.get(name)
    if problem_of is None:
        return
    for rid, d in table.items():
        if type(d) is not dict:
            why = f"is a JSON {type(d).__name__}, not a record"
        elif d.get("id") != rid:
            why = f"is stored under the key '{rid}' but has the id {d.get('id')!r}"
        elif not (_stamp_ok(d.get("created")) and _stamp_ok(d.get("updated"))):
            why = "has unreadable timestamps"
        else:
            why = problem_of(d) or ""
        if why:
            raise JournalCorruptError(
                f"{source} is damaged: a record in {name} ({str(rid)[:40]!r}) {why}. Nothing was written. "
                "Run 'smn doctor' to see the damage, or 'smn restore' to go back to a backup."
            )
