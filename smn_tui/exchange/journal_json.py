"""Reading an smn JSON export back in.

Into an empty journal it reproduces the exported one exactly (same ids, same
timestamps). Into a journal that already has people, contacts are matched
like any import (same id first, then email, phone, handle or name) and merged
without overwriting; entries whose id is already there, and audits for a week
that already has one, are left as they are.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..domain.models import SCHEMA_VERSION, Contact, HelpfulAct, Interaction, ValidationError, WeeklyAudit
from .export import EXPORT_FORMAT, EXPORT_KEY, TABLE_NAMES
from .merge import JournalSnapshot, Progress, merged_contact
from .plan import ImportFormatError, ImportPlan, Matched, Skipped, WrongFormatError

WHAT = "an smn JSON export"

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
    if not isinstance(header, dict) or header.get("format") != EXPORT_FORMAT:
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


def _depth_over(body: Any, limit: int) -> bool:
    """Whether ``body`` nests lists or objects more than ``limit`` deep (walked without recursion)."""
    stack = [(body, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        stack.extend((v, depth + 1) for v in value if isinstance(v, (dict, list)))
    return False


def _why(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return f"{exc.field.replace('_', ' ')} {exc.message}"
    return str(exc) or type(exc).__name__


def plan_json(body: dict[str, Any], snapshot: JournalSnapshot, *, source: str,
              progress: Progress | None = None, region: str | None = None) -> ImportPlan:
    """What importing an export's ``body`` (from :func:`load`) would do."""
    plan = ImportPlan(kind="json", source=source, journal_version=snapshot.version)
    index = snapshot.index(region)
    remap: dict[str, str] = {}  # contact id in the file -> id in the journal
    total = sum(len(body.get(n, {})) for n in TABLE_NAMES)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and done % 1000 == 0:
            progress(done, total)

    for rid, doc in body.get("contacts", {}).items():
        tick()
        plan.rows += 1
        try:
            if not isinstance(doc, dict) or doc.get("id") != rid:
                raise ValueError("its id does not match its key")
            contact = Contact.from_doc(doc)
        except (ValidationError, ValueError, TypeError) as exc:
            plan.skipped.append(Skipped(None, f"contact {rid}: {_why(exc)}"))
            continue
        pairs = [(p.platform, p.handle) for p in contact.platforms]
        found = index.find(contact.name, pairs, record_id=rid)
        if found is None:
            plan.added.append(contact)
            remap[rid] = rid
            continue
        cid = remap[rid] = found.cid
        current = plan.merged.get(cid) or Contact.from_doc(snapshot.contacts[cid])
        try:
            updated = merged_contact(current, platforms=pairs, tags=contact.tags, notes=contact.notes,
                                     how_met=contact.how_met, birthday=contact.birthday, region=region)
        except ValidationError as exc:
            plan.skipped.append(Skipped(None, f"contact {rid}: {_why(exc)}"))
            continue
        outcome = "unchanged" if updated is None else "merge"
        plan.matches.append(Matched(None, contact.name, current.name, found.key, found.how, outcome))
        if updated is None:
            plan.unchanged += 1
        else:
            plan.merged[cid] = updated
    known = set(snapshot.contacts) | set(remap.values())
    for table, cls, existing in (("interactions", Interaction, snapshot.interaction_ids),
                                 ("acts", HelpfulAct, snapshot.act_ids)):
        for rid, doc in body.get(table, {}).items():
            tick()
            plan.rows += 1
            if rid in existing:
                plan.unchanged += 1
                continue
            try:
                if not isinstance(doc, dict) or doc.get("id") != rid:
                    raise ValueError("its id does not match its key")
                ids = [remap.get(c, c) for c in doc.get("contact_ids") or ()]
                missing = [c for c in ids if c not in known]
                if missing:
                    raise ValueError(f"it names a contact that is not in the file ({missing[0]})")
                record = cls.from_doc({**doc, "contact_ids": ids})
            except (ValidationError, ValueError, TypeError) as exc:
                plan.skipped.append(Skipped(None, f"{table[:-1]} {rid}: {_why(exc)}"))
                continue
            if table == "interactions":
                plan.interactions.append(record)
            else:
                plan.entries.append(record)
    for rid, doc in body.get("audits", {}).items():
        tick()
        plan.rows += 1
        try:
            if not isinstance(doc, dict) or doc.get("id") != rid:
                raise ValueError("its id does not match its key")
            audit = WeeklyAudit.from_doc(doc)
        except (ValidationError, ValueError, TypeError) as exc:
            plan.skipped.append(Skipped(None, f"audit {rid}: {_why(exc)}"))
            continue
        if audit.week in snapshot.audit_weeks:
            plan.unchanged += 1
        else:
            plan.entries.append(audit)
    if progress is not None:
        progress(total, total)
    return plan
