"""The weekly self-audit: its questions, checking answers, and the journal's evidence.

The questions live in ``data/audit_questions.json`` (:mod:`.audit_questions`) so
their wording can change without touching code; what each kind of question
does is in :mod:`.audit_kinds`, one entry per kind; the journal's side of the
audit is in :mod:`.audit_evidence`. Answers are kept in
:class:`WeeklyAudit.answers` under field keys; the question whose role is
``intention`` is the audit's ``intention`` instead. This module is the face:
everything the screens and the review need, by field key.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from .audit_evidence import (
    HELPED_MONTHS,
    REAL_CONTACT_DAYS,
    PlatformActivity,
    WeekEvidence,
    build_evidence,
    disagreements,
    evidence_anchor,
)
from .audit_kinds import KINDS, Checked, SharesKind, bounds_message, fmt, parse_number, put, section
from .audit_questions import (
    NOTE_SUFFIX,
    Part,
    Question,
    QuestionFileError,
    QuestionSet,
    load_questions,
    parse_questions,
    shipped_questions,
)
from .dates import Week
from .models import HelpfulAct, WeeklyAudit

if TYPE_CHECKING:
    from .ports import JournalReader

__all__ = [
    "HELPED_MONTHS", "LAST_INTENTION_DONE", "NOTE_SUFFIX", "QUESTION_TYPES", "REAL_CONTACT_DAYS",
    "Part", "PlatformActivity", "Question", "QuestionFileError", "QuestionSet", "WeekEvidence",
    "answered_platforms", "bounds_message", "build_evidence", "check_field", "choose_acts", "chosen_acts",
    "completed_weeks", "disagreements", "display", "draft_audit", "evidence_anchor", "field_keys",
    "field_value", "first_problem", "good_turn_logged_as", "good_turn_text", "group_of", "last_intention",
    "load_questions", "mark_good_turn_logged",
    "parse_number", "parse_questions", "set_field",
    "shares_message", "shares_total", "shipped_questions", "streak", "summary", "validate",
]

#: The kinds of question the data file may use.
QUESTION_TYPES = tuple(KINDS)

#: The answer key that records whether last week's intention was carried out.
LAST_INTENTION_DONE = "last_intention_done"

#: Where the good turn's answers keep the act it was logged as: ``{"act": id, "text": the words logged}``.
GOOD_TURN_LOGGED = "logged"


def display(value: Any) -> str:
    """An answer as it goes back into an input box."""
    if value is None:
        return ""
    if isinstance(value, float):
        return fmt(value)
    return str(value)


# --------------------------------------------------------------------- answers by field key


def field_value(answers: dict[str, Any], key: str, intention: str = "",
                questions: QuestionSet | None = None) -> Any:
    """The stored answer for a field key, or None (``questions``: the shipped set unless given)."""
    qs = questions or shipped_questions()
    if qs.is_intention(key):
        return intention or None
    found = qs.for_key(key)
    if found is None:
        return answers.get(key)
    q, rest = found
    return KINDS[q.type].value(q, answers, rest)


def set_field(answers: dict[str, Any], key: str, value: Any, questions: QuestionSet | None = None) -> None:
    """Store (or with an empty value, remove) the answer for a field key, in place."""
    found = (questions or shipped_questions()).for_key(key)
    if found is None:
        put(answers, key, value)
        return
    q, rest = found
    KINDS[q.type].store(q, answers, rest, value)


def check_field(questions: QuestionSet, key: str, text: Any) -> Checked:
    """Check one typed value against its question's bounds.

    Returns ``(value_to_store, error)``. On an error the value to store is the
    text exactly as typed, so a draft never loses it.
    """
    found = questions.for_key(key)
    if found is None:
        return text, None
    q, rest = found
    return KINDS[q.type].check(q, rest, text)


def field_keys(questions: QuestionSet, platforms: list[str]) -> list[str]:
    """Every field key the audit shows for a week with these platforms, in screen order."""
    return [key for q in questions for key in KINDS[q.type].field_keys(q, platforms)]


def group_of(questions: QuestionSet, key: str) -> str:
    """The key of the problem with a group of answers that a change of field ``key`` settles ("" none)."""
    found = questions.for_key(key)
    if found is None:
        return ""
    q, rest = found
    return KINDS[q.type].group(q, rest)


def answered_platforms(answers: dict[str, Any], questions: QuestionSet | None = None) -> list[str]:
    """Platforms named in the answers (so a draft's split survives if the journal changes)."""
    out: list[str] = []
    for q in questions or shipped_questions():
        for group in KINDS[q.type].platform_groups(q):
            for p in section(answers, group):
                if p not in out:
                    out.append(p)
    return out


def shares_total(q: Question, answers: dict[str, Any]) -> tuple[float, int]:
    """(sum of the valid shares, how many parts have an answer)."""
    return SharesKind().totals(q, answers)


def shares_message(q: Question, answers: dict[str, Any]) -> str | None:
    """The problem with a set of shares as a whole (not adding up to the total), or None."""
    return SharesKind().total_problem(q, answers)


def validate(questions: QuestionSet, answers: dict[str, Any], intention: str = "",
             *, platforms: list[str] | None = None, complete: bool = True) -> dict[str, str]:
    """Every problem with a set of answers, by field key (empty: all good).

    Bounds are always checked. With ``complete`` the required questions must
    be answered too, and group rules apply (shares make 100, platform hours
    fit inside the week's hours). A group problem is keyed by the question id.
    """
    plats = list(dict.fromkeys([*(platforms or []), *answered_platforms(answers, questions)]))
    errors: dict[str, str] = {}
    for key in field_keys(questions, plats):
        _, error = check_field(questions, key, field_value(answers, key, intention, questions))
        if error:
            errors[key] = error
    if not complete:
        return errors
    for q in questions:
        kind = KINDS[q.type]
        if q.required:
            for key, message in kind.required_problems(q, answers).items():
                errors.setdefault(key, message)
        errors.update(kind.group_problems(q, answers, errors))
    return errors


def first_problem(questions: QuestionSet, platforms: list[str], errors: dict[str, str]) -> str | None:
    """The first field on screen with a problem (for a group's problem, the group's first field)."""
    keys = field_keys(questions, platforms)
    first = next((k for k in keys if k in errors), None)
    if first is None and errors:
        base = next(iter(errors)).rstrip("@")
        first = next((k for k in keys if k.startswith(base)), None)
    return first


def summary(questions: QuestionSet, answers: dict[str, Any]) -> tuple[int, int]:
    """(required questions validly answered, required questions) for a progress line."""
    required = [q for q in questions if q.required]
    return sum(KINDS[q.type].answered(q, answers) for q in required), len(required)


# --------------------------------------------------------------------- the good turn's acts


def chosen_acts(answers: dict[str, Any], week_acts: list[HelpfulAct], questions: QuestionSet | None = None) -> set[str]:
    """The week's acts ticked for the good turn: those chosen, plus any not offered before."""
    q = (questions or shipped_questions()).by_role("good_turn")
    turn = section(answers, q.id) if q is not None else {}
    chosen = set(turn.get("acts", ()))
    offered = set(turn.get("offered", ()))
    return {a.id for a in week_acts if a.id in chosen or a.id not in offered}


def choose_acts(questions: QuestionSet, answers: dict[str, Any], chosen: list[str],
                week_acts: list[HelpfulAct]) -> bool:
    """Keep the acts ticked for the good turn, in place; False when nothing changed.

    The week's acts start ticked: a list still showing only that is no choice yet.
    """
    q = questions.by_role("good_turn")
    if q is None:
        return False
    turn = dict(section(answers, q.id))
    offered = sorted({a.id for a in week_acts} | set(turn.get("offered", ())))
    chosen = sorted(chosen)
    if turn.get("acts") == chosen and turn.get("offered") == offered:
        return False
    if "acts" not in turn and set(chosen) == {a.id for a in week_acts}:
        return False
    turn.update(acts=chosen, offered=offered)
    answers[q.id] = turn
    return True


def good_turn_text(questions: QuestionSet, answers: dict[str, Any]) -> str:
    """The good turn as written ('' when none)."""
    q = questions.by_role("good_turn")
    text = KINDS[q.type].value(q, answers, ".text") if q is not None else None
    return str(text) if text else ""


def mark_good_turn_logged(questions: QuestionSet, answers: dict[str, Any], act_id: str) -> bool:
    """Keep, in place, that the good turn as written now was logged as the act ``act_id``.

    The link names the act rather than matching notes: the act's note may be reworded in its form,
    its date moved out of the week, and another act may share the words.
    """
    q = questions.by_role("good_turn")
    text = good_turn_text(questions, answers)
    if q is None or not text:
        return False
    turn = dict(section(answers, q.id))
    turn[GOOD_TURN_LOGGED] = {"act": act_id, "text": text}
    answers[q.id] = turn
    return True


def good_turn_logged_as(questions: QuestionSet, answers: dict[str, Any]) -> str | None:
    """The id of the act the good turn was logged as, while its words are still those logged (else None)."""
    q = questions.by_role("good_turn")
    logged = section(answers, q.id).get(GOOD_TURN_LOGGED) if q is not None else None
    text = good_turn_text(questions, answers)
    if isinstance(logged, dict) and text and logged.get("text") == text and isinstance(logged.get("act"), str):
        return str(logged["act"])
    return None


# --------------------------------------------------------------------- across weeks


def streak(completed_weeks: set[str], this_week: Week) -> int:
    """Consecutive completed weeks ending this week, or last week if this one is still open."""
    week = this_week if this_week.key in completed_weeks else this_week.previous()
    count = 0
    while week.key in completed_weeks:
        count += 1
        week = week.previous()
    return count


def completed_weeks(store: JournalReader) -> set[str]:
    return {a.week for a in store.audits() if a.is_complete}


def last_intention(store: JournalReader, week: Week) -> str:
    """The intention written on the previous week's audit ('' when none)."""
    previous = store.audit_for(week.previous().key)
    return previous.intention if previous else ""


def draft_audit(week: Week, answers: dict[str, Any], intention: str,
                existing: WeeklyAudit | None, *, complete_at: datetime | None = None) -> WeeklyAudit:
    """The audit to save: a draft, or kept complete when it already was (never downgraded)."""
    completed = complete_at or (existing.completed if existing is not None else None)
    if existing is not None:
        return WeeklyAudit(week.key, answers=dict(answers), intention=intention, completed=completed,
                           id=existing.id, created=existing.created)
    return WeeklyAudit(week.key, answers=dict(answers), intention=intention, completed=completed)
