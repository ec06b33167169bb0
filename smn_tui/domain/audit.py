"""The weekly self-audit: its questions, checking answers, and the journal's evidence.

The questions live in ``data/audit_questions.json`` so their wording can change
without touching code. Answers are kept in :class:`WeeklyAudit.answers` under
each question's id; the intention for next week is the audit's ``intention``.

Answers are addressed by *field keys*, one per thing a person types or picks:

=========================  =============================================
``hours``                  the week's hours (question type ``number``)
``hours@linkedin``         hours on one platform (``split_by_platform``)
``time_split.help``        one share (``shares``)
``positioning.smart``      one rating (``ratings``)
``positioning_note``       the note beside the ratings
``support``                a whole number (``integer``)
``good_turn.text``         the written good turn (``acts``)
``platforms@linkedin``     yes / partly / no for one platform
``intention``              next week's intention (``text``)
=========================  =============================================

A draft may hold text that is not a valid answer yet (``"200"`` hours): it is
kept exactly as typed so nothing is lost, and :func:`validate` names it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from ..resources import data_file
from .dates import Week
from .models import HelpfulAct, WeeklyAudit

if TYPE_CHECKING:
    from .ports import JournalReader as JournalStore

QUESTIONS_FILE = "audit_questions.json"
QUESTION_TYPES = ("number", "integer", "shares", "ratings", "acts", "per_platform", "text")

#: Windows for the support evidence.
REAL_CONTACT_DAYS = 90
HELPED_MONTHS = 6

#: The answer key that records whether last week's intention was carried out.
LAST_INTENTION_DONE = "last_intention_done"


class QuestionFileError(ValueError):
    """The question file is missing or malformed; the message says where."""


# --------------------------------------------------------------------- questions


@dataclass(frozen=True)
class Part:
    """One labelled sub-answer: a share or a rating."""

    id: str
    label: str


@dataclass(frozen=True)
class Question:
    """One audit question as the data file defines it."""

    id: str
    number: int
    type: str
    text: str
    help: str = ""
    min: float | None = None
    max: float | None = None
    decimals: bool = False
    unit: str = ""
    required: bool = False
    total: float | None = None
    parts: tuple[Part, ...] = ()
    note: str = ""
    choices: tuple[str, ...] = ()
    max_length: int = 2000
    split_by_platform: bool = False


@dataclass(frozen=True)
class QuestionSet:
    """The audit's questions in order."""

    title: str
    intro: str
    questions: tuple[Question, ...]

    def __iter__(self):
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    def get(self, qid: str) -> Question | None:
        for q in self.questions:
            if q.id == qid:
                return q
        return None

    def of_type(self, kind: str) -> Question | None:
        for q in self.questions:
            if q.type == kind:
                return q
        return None


def load_questions(path: Path | str | None = None) -> QuestionSet:
    """Read the question set (by default the shipped ``audit_questions.json``)."""
    source = Path(path) if path is not None else data_file(QUESTIONS_FILE)
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise QuestionFileError(f"Cannot read the audit questions in {source}: {exc}") from exc
    return parse_questions(raw, str(source))


def parse_questions(raw: Any, where: str = "the question file") -> QuestionSet:
    """Build a :class:`QuestionSet` from the decoded JSON, refusing anything malformed."""
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
        raise QuestionFileError(f"{where}: expected an object with a 'questions' list")
    questions: list[Question] = []
    seen: set[str] = set()
    for n, q in enumerate(raw["questions"], 1):
        if not isinstance(q, dict):
            raise QuestionFileError(f"{where}: question {n} is not an object")
        qid, kind, text = q.get("id"), q.get("type"), q.get("text")
        if not isinstance(qid, str) or not qid.isidentifier():
            raise QuestionFileError(f"{where}: question {n} needs an id made of letters, digits and _")
        if qid in seen:
            raise QuestionFileError(f"{where}: question id '{qid}' is used twice")
        seen.add(qid)
        if kind not in QUESTION_TYPES:
            raise QuestionFileError(f"{where}: question '{qid}' has unknown type {kind!r}")
        if not isinstance(text, str) or not text.strip():
            raise QuestionFileError(f"{where}: question '{qid}' has no text")
        parts = tuple(Part(str(p["id"]), str(p.get("label", p["id"]))) for p in q.get("parts", q.get("items", ())))
        lo, hi = q.get("min"), q.get("max")
        if kind in ("number", "integer", "ratings"):
            if not isinstance(lo, (int, float)) or not isinstance(hi, (int, float)) or lo > hi:
                raise QuestionFileError(f"{where}: question '{qid}' needs numeric min <= max")
        if kind in ("shares", "ratings") and not parts:
            raise QuestionFileError(f"{where}: question '{qid}' needs parts")
        questions.append(Question(
            id=qid,
            number=int(q.get("number", n)),
            type=kind,
            text=text.strip(),
            help=str(q.get("help", "")),
            min=lo if kind != "shares" else 0,
            max=hi if kind != "shares" else float(q.get("total", 100)),
            decimals=bool(q.get("decimals", kind == "shares")),
            unit=str(q.get("unit", "")),
            required=bool(q.get("required", False)),
            total=float(q.get("total", 100)) if kind == "shares" else None,
            parts=parts,
            note=str(q.get("note", "")),
            choices=tuple(q.get("choices", ())),
            max_length=int(q.get("max_length", 2000)),
            split_by_platform=bool(q.get("split_by_platform", False)),
        ))
    return QuestionSet(str(raw.get("title", "Weekly self-audit")), str(raw.get("intro", "")), tuple(questions))


# --------------------------------------------------------------------- answers


def _fmt(x: float) -> str:
    return f"{x:g}"


def bounds_message(q: Question, *, integer: bool = False) -> str:
    """What a valid answer to ``q`` looks like, e.g. ``a number from 0 to 168``."""
    whole = integer or not q.decimals
    what = "a whole number" if whole else "a number"
    unit = f" {q.unit}" if q.unit and q.unit != "h" else (" hours" if q.unit == "h" else "")
    return f"{what} from {_fmt(q.min or 0)} to {_fmt(q.max or 0)}{unit}"


def parse_number(q: Question, text: Any, *, integer: bool | None = None) -> tuple[float | int | None, str | None]:
    """Read ``text`` as an answer to numeric question ``q``.

    Returns ``(value, None)`` for a valid answer (``None`` for an empty one) or
    ``(None, message)`` saying what is wrong.
    """
    whole = (q.type in ("integer", "ratings") or not q.decimals) if integer is None else integer
    if text is None:
        return None, None
    if isinstance(text, bool):
        return None, f"Enter {bounds_message(q, integer=whole)}."
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        s = str(text).strip().replace(",", ".").rstrip("%").strip()
        if q.unit == "h" and s.lower().endswith("h"):
            s = s[:-1].strip()
        if not s:
            return None, None
        try:
            value = float(s)
        except ValueError:
            return None, f"'{str(text).strip()[:20]}' is not a number; enter {bounds_message(q, integer=whole)}."
    if not math.isfinite(value):
        return None, f"Enter {bounds_message(q, integer=whole)}."
    if whole and value != int(value):
        return None, f"Use {bounds_message(q, integer=True)}."
    if value < (q.min or 0) or value > (q.max if q.max is not None else math.inf):
        return None, f"Must be {bounds_message(q, integer=whole)}."
    if whole or value == int(value):
        return int(value), None
    return round(value, 2), None


def display(value: Any) -> str:
    """An answer as it goes back into an input box."""
    if value is None:
        return ""
    if isinstance(value, float):
        return _fmt(value)
    return str(value)


def _section(answers: dict[str, Any], key: str) -> dict[str, Any]:
    value = answers.get(key)
    return value if isinstance(value, dict) else {}


def field_value(answers: dict[str, Any], key: str, intention: str = "") -> Any:
    """The stored answer for a field key (see the module docstring), or None."""
    if key == "intention":
        return intention or None
    if "@" in key:
        qid, platform = key.split("@", 1)
        section = "hours_by_platform" if qid != "platforms" else "platforms"
        return _section(answers, section).get(platform)
    if "." in key:
        qid, part = key.split(".", 1)
        return _section(answers, qid).get(part)
    return answers.get(key)


def set_field(answers: dict[str, Any], key: str, value: Any) -> None:
    """Store (or with an empty value, remove) the answer for a field key, in place."""
    empty = value is None or (isinstance(value, str) and not value.strip())
    if "@" in key or "." in key:
        if "@" in key:
            qid, sub = key.split("@", 1)
            section = "hours_by_platform" if qid != "platforms" else "platforms"
        else:
            section, sub = key.split(".", 1)
        inner = dict(_section(answers, section))
        if empty:
            inner.pop(sub, None)
        else:
            inner[sub] = value
        if inner:
            answers[section] = inner
        else:
            answers.pop(section, None)
        return
    if empty:
        answers.pop(key, None)
    else:
        answers[key] = value


def check_field(questions: QuestionSet, key: str, text: Any) -> tuple[Any, str | None]:
    """Check one typed value against its question's bounds.

    Returns ``(value_to_store, error)``. On an error the value to store is the
    text exactly as typed, so a draft never loses it.
    """
    base = key.split("@", 1)[0].split(".", 1)[0]
    if base == "positioning_note":
        q = questions.of_type("ratings")
        return _check_text(text, q.max_length if q else 2000)
    if base == "hours":
        q = questions.get("hours") or questions.of_type("number")
    elif base == "platforms":
        q = questions.of_type("per_platform")
        if text in (None, ""):
            return None, None
        if q and q.choices and text not in q.choices:
            return None, f"Choose one of: {', '.join(q.choices)}."
        return text, None
    else:
        q = questions.get(base)
    if q is None:
        return text, None
    if q.type in ("number", "integer", "shares", "ratings"):
        value, error = parse_number(q, text)
        if error:
            return (str(text) if not isinstance(text, str) else text), error
        return value, None
    return _check_text(text, q.max_length)


def _check_text(text: Any, limit: int) -> tuple[Any, str | None]:
    s = "" if text is None else str(text)
    if len(s.strip()) > limit:
        return s, f"Too long: {len(s.strip())} characters, at most {limit}."
    return (s.strip() or None), None


def field_keys(questions: QuestionSet, platforms: list[str]) -> list[str]:
    """Every field key the audit shows for a week with these platforms, in screen order."""
    keys: list[str] = []
    for q in questions:
        if q.type in ("number", "integer", "text"):
            keys.append(q.id)
            if q.split_by_platform:
                keys.extend(f"{q.id}@{p}" for p in platforms)
        elif q.type in ("shares", "ratings"):
            keys.extend(f"{q.id}.{p.id}" for p in q.parts)
            if q.type == "ratings" and q.note:
                keys.append("positioning_note")
        elif q.type == "acts":
            keys.append(f"{q.id}.text")
        elif q.type == "per_platform":
            keys.extend(f"platforms@{p}" for p in platforms)
    return keys


def answered_platforms(answers: dict[str, Any]) -> list[str]:
    """Platforms named in the answers (so a draft's split survives if the journal changes)."""
    out: list[str] = []
    for section in ("hours_by_platform", "platforms"):
        for p in _section(answers, section):
            if p not in out:
                out.append(p)
    return out


def shares_total(q: Question, answers: dict[str, Any]) -> tuple[float, int]:
    """(sum of the valid shares, how many parts have an answer)."""
    total, filled = 0.0, 0
    for part in q.parts:
        value, error = parse_number(q, _section(answers, q.id).get(part.id))
        if value is not None and error is None:
            total += value
            filled += 1
    return total, filled


def shares_message(q: Question, answers: dict[str, Any]) -> str | None:
    """The problem with a set of shares as a whole (not adding up to the total), or None."""
    total, filled = shares_total(q, answers)
    target = q.total or 100
    if filled and abs(total - target) > 0.01:
        return f"The shares add up to {_fmt(round(total, 2))}%; together they must make {_fmt(target)}%."
    return None


def validate(questions: QuestionSet, answers: dict[str, Any], intention: str = "",
             *, platforms: list[str] | None = None, complete: bool = True) -> dict[str, str]:
    """Every problem with a set of answers, by field key (empty: all good).

    Bounds are always checked. With ``complete`` the required questions must
    be answered too, and group rules apply (shares make 100, platform hours
    fit inside the week's hours). A group problem is keyed by the question id.
    """
    plats = list(dict.fromkeys([*(platforms or []), *answered_platforms(answers)]))
    errors: dict[str, str] = {}
    for key in field_keys(questions, plats):
        _, error = check_field(questions, key, field_value(answers, key, intention))
        if error:
            errors[key] = error
    if not complete:
        return errors
    for q in questions:
        if q.type in ("number", "integer") and q.required and field_value(answers, q.id) in (None, ""):
            errors.setdefault(q.id, "Needs an answer.")
        elif q.type in ("shares", "ratings") and q.required:
            for part in q.parts:
                if field_value(answers, f"{q.id}.{part.id}") in (None, ""):
                    errors.setdefault(f"{q.id}.{part.id}", "Needs an answer.")
        if q.type == "shares" and not any(k.startswith(f"{q.id}.") for k in errors):
            message = shares_message(q, answers)
            if message:
                errors[q.id] = message
        if q.split_by_platform and q.id not in errors:
            total, _ = parse_number(q, answers.get(q.id))
            split = [parse_number(q, v)[0] for v in _section(answers, "hours_by_platform").values()]
            parts = sum(v for v in split if v is not None)
            if total is not None and parts > total + 0.001:
                errors[f"{q.id}@"] = (f"The platforms add up to {_fmt(round(parts, 2))} h, "
                                      f"more than the {_fmt(total)} h in total.")
    return errors


def summary(questions: QuestionSet, answers: dict[str, Any]) -> tuple[int, int]:
    """(required questions validly answered, required questions) for a progress line."""
    done = need = 0
    for q in questions:
        if not q.required:
            continue
        need += 1
        keys = [f"{q.id}.{p.id}" for p in q.parts] if q.type in ("shares", "ratings") else [q.id]
        ok = True
        for key in keys:
            value = field_value(answers, key)
            if value in (None, "") or check_field(questions, key, value)[1]:
                ok = False
        if q.type == "shares" and ok and shares_message(q, answers):
            ok = False
        done += ok
    return done, need


# --------------------------------------------------------------------- evidence


@dataclass
class PlatformActivity:
    """What the journal shows for one platform in a week."""

    platform: str
    real: int = 0
    passive: int = 0
    new: int = 0
    acts: int = 0
    minutes: int = 0

    @property
    def total(self) -> int:
        return self.real + self.passive + self.acts


@dataclass
class WeekEvidence:
    """The journal's side of the audit for one week."""

    week: Week
    anchor: date
    new_connections: int
    real: int
    passive: int
    acts: list[HelpfulAct]
    people_helped: int
    minutes_given: int
    by_platform: list[PlatformActivity]
    real_people_90d: int
    helped_people_6m: int
    multi_platform: int
    contacts_total: int
    names: dict[str, str] = field(default_factory=dict)

    @property
    def platforms(self) -> list[str]:
        """Platforms used this week, busiest first."""
        return [p.platform for p in self.by_platform if p.platform]

    @property
    def multi_platform_percent(self) -> int:
        return round(100 * self.multi_platform / self.contacts_total) if self.contacts_total else 0

    @property
    def impact_counts(self) -> dict[str, int]:
        counts = Counter(a.impact for a in self.acts)
        return {k: counts[k] for k in ("day", "week", "month", "year") if counts[k]}

    def who(self, ids: list[str]) -> str:
        return ", ".join(self.names.get(i, "(deleted)") for i in ids)


def evidence_anchor(week: Week, today: date) -> date:
    """The day the look-back windows end: the week's last day, or today for the current week."""
    return min(week.end, today)


def build_evidence(store: JournalStore, week: Week, today: date) -> WeekEvidence:
    """What the journal shows for ``week`` (look-back windows end at :func:`evidence_anchor`)."""
    interactions = store.interactions_in(week)
    acts = store.acts_in(week)
    activity: dict[str, PlatformActivity] = {}

    def on(platform: str) -> PlatformActivity:
        return activity.setdefault(platform, PlatformActivity(platform))

    new = real = passive = 0
    for i in interactions:
        row = on(i.platform)
        if i.kind == "new connection":
            new += 1
            row.new += 1
        if i.real:
            real += 1
            row.real += 1
        else:
            passive += 1
            row.passive += 1
    helped: set[str] = set()
    for a in acts:
        row = on(a.platform)
        row.acts += 1
        row.minutes += a.minutes or 0
        helped.update(a.contact_ids)

    anchor = evidence_anchor(week, today)
    recent_real = {cid for i in store.interactions_between(anchor - relativedelta(days=REAL_CONTACT_DAYS - 1), anchor)
                   if i.real for cid in i.contact_ids}
    recent_helped = {cid for a in store.acts_between(anchor - relativedelta(months=HELPED_MONTHS), anchor)
                     for cid in a.contact_ids}
    multi, total = store.multi_platform_share()
    known = store.contact_names()
    people = {cid for r in (*interactions, *acts) for cid in r.contact_ids}
    rows = sorted(activity.values(), key=lambda r: (r.platform == "", -r.total, r.platform))
    return WeekEvidence(
        week=week,
        anchor=anchor,
        new_connections=new,
        real=real,
        passive=passive,
        acts=acts,
        people_helped=len(helped),
        minutes_given=sum(a.minutes or 0 for a in acts),
        by_platform=rows,
        real_people_90d=len(recent_real),
        helped_people_6m=len(recent_helped),
        multi_platform=multi,
        contacts_total=total,
        names={cid: known[cid] for cid in people if cid in known},
    )


# --------------------------------------------------------------------- flags


def _num(q: Question | None, value: Any) -> float | None:
    if q is None:
        return None
    parsed, error = parse_number(q, value)
    return None if error else parsed


def disagreements(questions: QuestionSet, answers: dict[str, Any], ev: WeekEvidence) -> dict[str, list[str]]:
    """Gentle notes where an answer and the journal do not match, by question id.

    Only answers that pass their bounds are compared; a note is a prompt to
    look again, never an error.
    """
    flags: dict[str, list[str]] = {}
    hours_q = questions.get("hours")
    split_q = questions.get("time_split")
    rate_q = questions.get("positioning")
    support_q = questions.get("support")
    hours = _num(hours_q, answers.get("hours"))
    split = _section(answers, "time_split")
    if split_q is not None:
        helping = _num(split_q, split.get("help"))
        if hours is not None and helping is not None:
            claimed = hours * helping / 100 * 60
            if claimed >= 30 and ev.minutes_given < claimed / 2:
                flags.setdefault("time_split", []).append(
                    f"{_fmt(helping)}% of {_fmt(hours)} h on helping is about {claimed:.0f} min; "
                    f"the journal shows {ev.minutes_given} min given.")
        new_share = _num(split_q, split.get("new"))
        if new_share is not None and new_share >= 20 and ev.new_connections == 0:
            flags.setdefault("time_split", []).append(
                f"{_fmt(new_share)}% on new connections, but none is logged this week.")
        real_share = _num(split_q, split.get("real"))
        if real_share is not None and real_share >= 20 and ev.real == 0:
            flags.setdefault("time_split", []).append(
                f"{_fmt(real_share)}% on real interactions, but none is logged this week.")
    if rate_q is not None:
        helpful = _num(rate_q, _section(answers, "positioning").get("helpful"))
        if helpful is not None and helpful >= 4 and not ev.acts:
            flags.setdefault("positioning", []).append(
                f"You rate yourself {_fmt(helpful)} for helpful; no helpful act is logged this week.")
    support = _num(support_q, answers.get("support"))
    if support is not None and support >= 5 and support > 2 * ev.helped_people_6m:
        flags.setdefault("support", []).append(
            f"You expect {_fmt(support)}; you helped {ev.helped_people_6m} "
            f"{'person' if ev.helped_people_6m == 1 else 'people'} in the last {HELPED_MONTHS} months.")
    return flags


# --------------------------------------------------------------------- across weeks


def streak(completed_weeks: set[str], this_week: Week) -> int:
    """Consecutive completed weeks ending this week, or last week if this one is still open."""
    week = this_week if this_week.key in completed_weeks else this_week.previous()
    count = 0
    while week.key in completed_weeks:
        count += 1
        week = week.previous()
    return count


def completed_weeks(store: JournalStore) -> set[str]:
    return {a.week for a in store.audits() if a.is_complete}


def last_intention(store: JournalStore, week: Week) -> str:
    """The intention written on the previous week's audit ('' when none)."""
    previous = store.audit_for(week.previous().key)
    return previous.intention if previous else ""


def offered_acts(answers: dict[str, Any]) -> set[str]:
    """Acts the good-turn list has already shown (their ticks are the user's choice)."""
    turn = _section(answers, "good_turn")
    return set(turn.get("offered", ()))


def chosen_acts(answers: dict[str, Any], week_acts: list[HelpfulAct]) -> set[str]:
    """The week's acts ticked for the good turn: those chosen, plus any not offered before."""
    turn = _section(answers, "good_turn")
    chosen = set(turn.get("acts", ()))
    offered = set(turn.get("offered", ()))
    return {a.id for a in week_acts if a.id in chosen or a.id not in offered}


def draft_audit(week: Week, answers: dict[str, Any], intention: str,
                existing: WeeklyAudit | None, *, complete_at=None) -> WeeklyAudit:
    """The audit to save: a draft, or kept complete when it already was (never downgraded)."""
    completed = complete_at or (existing.completed if existing is not None else None)
    if existing is not None:
        return WeeklyAudit(week.key, answers=dict(answers), intention=intention, completed=completed,
                           id=existing.id, created=existing.created)
    return WeeklyAudit(week.key, answers=dict(answers), intention=intention, completed=completed)
