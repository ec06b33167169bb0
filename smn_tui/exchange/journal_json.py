"""Reading an smn JSON export back in.

Into an empty journal it reproduces the exported one exactly (same ids, same
timestamps). Into a journal that already has people, contacts are matched
like any import (same id first, then email, phone, handle or name) and merged
without overwriting; entries whose id is already there, and audits for a week
that already has one, are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

import orjson

from ..domain.models import SCHEMA_VERSION, Contact, HelpfulAct, Interaction, ValidationError, WeeklyAudit
from .export import EXPORT_FORMAT, EXPORT_KEY, TABLE_NAMES
from .merge import JournalSnapshot, Progress, merged_contact
from .plan import ImportFormatError, ImportPlan, Matched, Skipped, WrongFormatError

WHAT = "an smn JSON export"

_R = TypeVar("_R", Contact, Interaction, HelpfulAct, WeeklyAudit)

#: No record smn writes nests deeper than this (an audit's answers are the deepest, at five).
MAX_DEPTH = 64


def looks_like(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{" and EXPORT_KEY.encode() in data[:4096]


def load(data: bytes) -> dict[str, Any]:
    """The export's tables; raises :class:`ImportFormatError` if it is not an smn export."""
    if not data.strip():
        raise ImportFormatError(f"The file is empty; it is not {WHAT}.")
    try:
        body = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise WrongFormatError(f"This is not {WHAT}: it is not valid JSON ({exc}). Nothing was imported.") from exc
    if _depth_over(body, MAX_DEPTH):
        raise ImportFormatError(f"This is not {WHAT}: it nests values more than {MAX_DEPTH} levels deep, "
                                "which no smn record does. Nothing was imported.")
    header = body.get(EXPORT_KEY) if isinstance(body, dict) else None
    if not isinstance(body, dict) or not isinstance(header, dict) or header.get("format") != EXPORT_FORMAT:
        raise WrongFormatError(f"This is not {WHAT}: the '{EXPORT_KEY}' header is missing. "
                                "Nothing was imported.")
    schema = header.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise ImportFormatError(f"The export was written by a newer smn (journal version {schema}); "
                                "upgrade smn to import it. Nothing was imported.")
    for name in TABLE_NAMES:
        if not isinstance(body.get(name, {}), dict):
            raise ImportFormatError(f"This is not {WHAT}: '{name}' is not a table of records. Nothing was imported.")
    return body


def _depth_over(body: object, limit: int) -> bool:
    """Whether ``body`` nests lists or objects more than ``limit`` deep (walked without recursion)."""
    stack: list[tuple[object, int]] = [(body, 1)]
    while stack:
        value, depth = stack.pop()
        children: Iterable[object]
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((v, depth + 1) for v in children if isinstance(v, (dict, list)))
    return False


def _why(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return f"{exc.field.replace('_', ' ')} {exc.message}"
    return str(exc) or type(exc).__name__


def _record(cls: type[_R], rid: str, doc: object, **changes: Any) -> _R:
    if not isinstance(doc, dict) or doc.get("id") != rid:
        raise ValueError("its id does not match its key")
    return cls.from_doc({**doc, **changes})


class _JsonPlanner:
    """The records of an export against the journal: contacts matched, entries re-pointed at them."""

    def __init__(self, plan: ImportPlan, snapshot: JournalSnapshot, region: str | None) -> None:
        self.plan, self.snapshot, self.region = plan, snapshot, region
        self.index = snapshot.index(region)
        self.remap: dict[str, str] = {}  # contact id in the file -> id in the journal

    def contact(self, rid: str, doc: object) -> None:
        plan = self.plan
        contact = _record(Contact, rid, doc)
        pairs = [(p.platform, p.handle) for p in contact.platforms]
        found = self.index.find(contact.name, pairs, record_id=rid)
        if found is None:
            plan.added.append(contact)
            self.remap[rid] = rid
            return
        cid = self.remap[rid] = found.cid
        current = plan.merged.get(cid) or Contact.from_doc(self.snapshot.contacts[cid])
        updated = merged_contact(current, platforms=pairs, tags=contact.tags, notes=contact.notes,
                                 how_met=contact.how_met, birthday=contact.birthday, region=self.region)
        outcome = "unchanged" if updated is None else "merge"
        plan.matches.append(Matched(None, contact.name, current.name, found.key, found.how, outcome))
        if updated is None:
            plan.unchanged += 1
        else:
            plan.merged[cid] = updated

    def entry(self, table: str, rid: str, doc: object, known: set[str]) -> None:
        existing = self.snapshot.interaction_ids if table == "interactions" else self.snapshot.act_ids
        if rid in existing:
            self.plan.unchanged += 1
            return
        ids = [self.remap.get(c, c) for c in (doc.get("contact_ids") if isinstance(doc, dict) else None) or ()]
        missing = [c for c in ids if c not in known]
        if missing:
            raise ValueError(f"it names a contact that is not in the file ({missing[0]})")
        if table == "interactions":
            self.plan.interactions.append(_record(Interaction, rid, doc, contact_ids=ids))
        else:
            self.plan.entries.append(_record(HelpfulAct, rid, doc, contact_ids=ids))

    def audit(self, rid: str, doc: object) -> None:
        audit = _record(WeeklyAudit, rid, doc)
        if audit.week in self.snapshot.audit_weeks:
            self.plan.unchanged += 1
        else:
            self.plan.entries.append(audit)


def plan_json(body: dict[str, Any], snapshot: JournalSnapshot, *, source: str,
              progress: Progress | None = None, region: str | None = None) -> ImportPlan:
    """What importing an export's ``body`` (from :func:`load`) would do: contacts first, then what refers to them."""
    plan = ImportPlan(kind="json", source=source, journal_version=snapshot.version)
    planner = _JsonPlanner(plan, snapshot, region)
    total = sum(len(body.get(n, {})) for n in TABLE_NAMES)
    known: set[str] = set()
    for table in TABLE_NAMES:
        if table == "interactions":  # every contact is planned by now
            known = set(snapshot.contacts) | set(planner.remap.values())
        records: dict[str, object] = body.get(table, {})  # a table of records: load() checked it
        for rid, doc in records.items():
            plan.rows += 1
            if progress is not None and plan.rows % 1000 == 0:
                progress(plan.rows, total)
            try:
                if table == "contacts":
                    planner.contact(rid, doc)
                elif table == "audits":
                    planner.audit(rid, doc)
                else:
                    planner.entry(table, rid, doc, known)
            except (ValidationError, ValueError, TypeError) as exc:
                plan.skipped.append(Skipped(None, f"{table[:-1]} {rid}: {_why(exc)}"))
    if progress is not None:
        progress(total, total)
    return plan
