"""The kinds of audit question, one registry entry each: how a question of that kind is defined, which
answers it has, where they are kept and how they are checked.

Answers are addressed by *field keys* (see :meth:`.audit_questions.QuestionSet.for_key`):
``hours`` the whole answer, ``hours@linkedin`` one platform's part of it (kept under
``hours_by_platform``), ``time_split.help`` one share or rating, ``positioning_note`` the
note beside ratings, ``good_turn.text`` the written good turn, ``platforms@linkedin`` one
platform's answer. A draft may hold text that is not a valid answer yet (``"200"`` hours):
it is kept exactly as typed, and the checks name it.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

from .audit_questions import NOTE_SUFFIX, Question

NEEDS_ANSWER = "Needs an answer."

#: (value to keep, problem or None): what checking one typed answer gives.
Checked = tuple[Any, "str | None"]


def fmt(x: float) -> str:
    """A number as people write it: ``2.5``, ``10``."""
    return f"{x:g}"


def section(answers: dict[str, Any], key: str) -> dict[str, Any]:
    """The answers kept under ``key`` as a group (empty when there are none)."""
    value = answers.get(key)
    return value if isinstance(value, dict) else {}


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def put(answers: dict[str, Any], key: str, value: Any, sub: str | None = None) -> None:
    """Keep ``value`` under ``key`` (in its group under ``sub``), in place; an empty value removes it."""
    if sub is None:
        if _empty(value):
            answers.pop(key, None)
        else:
            answers[key] = value
        return
    inner = dict(section(answers, key))
    if _empty(value):
        inner.pop(sub, None)
    else:
        inner[sub] = value
    if inner:
        answers[key] = inner
    else:
        answers.pop(key, None)


def bounds_message(q: Question, *, integer: bool = False) -> str:
    """What a valid answer to ``q`` looks like, e.g. ``a number from 0 to 168``."""
    whole = integer or not q.decimals
    what = "a whole number" if whole else "a number"
    unit = f" {q.unit}" if q.unit and q.unit != "h" else (" hours" if q.unit == "h" else "")
    return f"{what} from {fmt(q.min or 0)} to {fmt(q.max or 0)}{unit}"


def parse_number(q: Question, text: Any, *, integer: bool | None = None) -> Checked:
    """Read ``text`` as an answer to numeric question ``q``: ``(value, None)`` for a valid answer
    (``None`` for an empty one) or ``(None, message)`` saying what is wrong."""
    whole = KINDS[q.type].whole(q) if integer is None else integer
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


def check_number(q: Question, text: Any) -> Checked:
    """A numeric answer checked; on a problem the text is kept exactly as typed."""
    value, error = parse_number(q, text)
    if error:
        return (text if isinstance(text, str) else str(text)), error
    return value, None


def check_text(text: Any, limit: int) -> Checked:
    s = "" if text is None else str(text)
    if len(s.strip()) > limit:
        return s, f"Too long: {len(s.strip())} characters, at most {limit}."
    return (s.strip() or None), None


class QuestionKind:
    """What the audit does with questions of one ``type``. The base: one whole answer, kept under the id."""

    type: ClassVar[str] = ""

    def check_definition(self, raw: dict[str, Any]) -> str | None:
        """What is wrong with a question of this kind in the data file (None: nothing)."""
        return None

    def defaults(self, raw: dict[str, Any]) -> dict[str, Any]:
        """Question fields this kind fixes or defaults differently."""
        return {}

    def whole(self, q: Question) -> bool:
        """True when numeric answers must be whole numbers."""
        return not q.decimals

    def field_keys(self, q: Question, platforms: list[str]) -> list[str]:
        """Every answer field of ``q`` for a week with these platforms, in screen order."""
        return [q.id]

    def check(self, q: Question, rest: str, text: Any) -> Checked:
        """Check the answer typed in field ``q.id + rest``."""
        return check_text(text, q.max_length)

    def value(self, q: Question, answers: dict[str, Any], rest: str) -> Any:
        return answers.get(q.id)

    def store(self, q: Question, answers: dict[str, Any], rest: str, value: Any) -> None:
        put(answers, q.id, value)

    def platform_groups(self, q: Question) -> tuple[str, ...]:
        """The answer groups keyed by platform (their platforms survive a change in the journal)."""
        return ()

    def group(self, q: Question, rest: str) -> str:
        """The key of the problem with the answers as a whole that a change of this field settles."""
        return ""

    def required_problems(self, q: Question, answers: dict[str, Any]) -> dict[str, str]:
        """The fields of a required question still to answer."""
        return {q.id: NEEDS_ANSWER} if _empty(self.value(q, answers, "")) else {}

    def group_problems(self, q: Question, answers: dict[str, Any], errors: dict[str, str]) -> dict[str, str]:
        """Problems with the answers as a whole (checked for a complete audit, after ``errors``)."""
        return {}

    def answered(self, q: Question, answers: dict[str, Any]) -> bool:
        """True when ``q`` has a valid answer (for the count of required questions done)."""
        value = self.value(q, answers, "")
        return not _empty(value) and self.check(q, "", value)[1] is None


class NumberKind(QuestionKind):
    """A number (hours), optionally split by platform: ``hours@linkedin`` kept under ``hours_by_platform``."""

    type = "number"

    def check_definition(self, raw: dict[str, Any]) -> str | None:
        lo, hi = raw.get("min"), raw.get("max")
        if not isinstance(lo, (int, float)) or not isinstance(hi, (int, float)) or lo > hi:
            return "needs numeric min <= max"
        return None

    def split_group(self, q: Question) -> str:
        return q.id + "_by_platform"

    def field_keys(self, q: Question, platforms: list[str]) -> list[str]:
        return [q.id, *(f"{q.id}@{p}" for p in platforms)] if q.split_by_platform else [q.id]

    def check(self, q: Question, rest: str, text: Any) -> Checked:
        return check_number(q, text)

    def value(self, q: Question, answers: dict[str, Any], rest: str) -> Any:
        if rest.startswith("@"):
            return section(answers, self.split_group(q)).get(rest[1:])
        return answers.get(q.id)

    def store(self, q: Question, answers: dict[str, Any], rest: str, value: Any) -> None:
        if rest.startswith("@"):
            put(answers, self.split_group(q), value, rest[1:])
        else:
            put(answers, q.id, value)

    def platform_groups(self, q: Question) -> tuple[str, ...]:
        return (self.split_group(q),) if q.split_by_platform else ()

    def group(self, q: Question, rest: str) -> str:
        return q.id + "@" if q.split_by_platform else ""

    def group_problems(self, q: Question, answers: dict[str, Any], errors: dict[str, str]) -> dict[str, str]:
        if not q.split_by_platform or q.id in errors:
            return {}
        total, _ = parse_number(q, answers.get(q.id))
        split = [parse_number(q, v)[0] for v in section(answers, self.split_group(q)).values()]
        parts = sum(v for v in split if v is not None)
        if total is not None and parts > total + 0.001:
            return {f"{q.id}@": f"The platforms add up to {fmt(round(parts, 2))} h, "
                                f"more than the {fmt(total)} h in total."}
        return {}


class IntegerKind(NumberKind):
    """A whole number (how many people would come)."""

    type = "integer"

    def whole(self, q: Question) -> bool:
        return True


class PartsKind(QuestionKind):
    """Several labelled numbers (``time_split.help``), kept together under the question's id."""

    def check_definition(self, raw: dict[str, Any]) -> str | None:
        if not raw.get("parts", raw.get("items")):
            return "needs parts"
        return None

    def field_keys(self, q: Question, platforms: list[str]) -> list[str]:
        return [f"{q.id}.{p.id}" for p in q.parts]

    def check(self, q: Question, rest: str, text: Any) -> Checked:
        return check_number(q, text)

    def value(self, q: Question, answers: dict[str, Any], rest: str) -> Any:
        return section(answers, q.id).get(rest[1:]) if rest.startswith(".") else None

    def store(self, q: Question, answers: dict[str, Any], rest: str, value: Any) -> None:
        put(answers, q.id, value, rest[1:])

    def group(self, q: Question, rest: str) -> str:
        return q.id

    def required_problems(self, q: Question, answers: dict[str, Any]) -> dict[str, str]:
        return {f"{q.id}.{p.id}": NEEDS_ANSWER for p in q.parts if _empty(self.value(q, answers, "." + p.id))}

    def answered(self, q: Question, answers: dict[str, Any]) -> bool:
        for p in q.parts:
            value = self.value(q, answers, "." + p.id)
            if _empty(value) or self.check(q, "." + p.id, value)[1]:
                return False
        return True


class SharesKind(PartsKind):
    """Shares in percent that must make their total (100)."""

    type = "shares"

    def defaults(self, raw: dict[str, Any]) -> dict[str, Any]:
        total = float(raw.get("total", 100))
        return {"min": 0, "max": total, "total": total, "decimals": bool(raw.get("decimals", True))}

    def totals(self, q: Question, answers: dict[str, Any]) -> tuple[float, int]:
        """(sum of the valid shares, how many parts have an answer)."""
        total, filled = 0.0, 0
        for part in q.parts:
            value, error = parse_number(q, section(answers, q.id).get(part.id))
            if value is not None and error is None:
                total += value
                filled += 1
        return total, filled

    def total_problem(self, q: Question, answers: dict[str, Any]) -> str | None:
        """The problem with the shares as a whole (not making the total), or None."""
        total, filled = self.totals(q, answers)
        target = q.total or 100
        if filled and abs(total - target) > 0.01:
            return f"The shares add up to {fmt(round(total, 2))}%; together they must make {fmt(target)}%."
        return None

    def group_problems(self, q: Question, answers: dict[str, Any], errors: dict[str, str]) -> dict[str, str]:
        if any(k.startswith(f"{q.id}.") for k in errors):
            return {}
        problem = self.total_problem(q, answers)
        return {q.id: problem} if problem else {}

    def answered(self, q: Question, answers: dict[str, Any]) -> bool:
        return super().answered(q, answers) and self.total_problem(q, answers) is None


class RatingsKind(PartsKind):
    """Whole-number ratings, with an optional note beside them (``positioning_note``)."""

    type = "ratings"

    def check_definition(self, raw: dict[str, Any]) -> str | None:
        return NumberKind().check_definition(raw) or super().check_definition(raw)

    def whole(self, q: Question) -> bool:
        return True

    def field_keys(self, q: Question, platforms: list[str]) -> list[str]:
        return [*super().field_keys(q, platforms), *([q.note_key] if q.note else [])]

    def check(self, q: Question, rest: str, text: Any) -> Checked:
        return check_text(text, q.max_length) if rest == NOTE_SUFFIX else check_number(q, text)

    def value(self, q: Question, answers: dict[str, Any], rest: str) -> Any:
        return answers.get(q.note_key) if rest == NOTE_SUFFIX else super().value(q, answers, rest)

    def store(self, q: Question, answers: dict[str, Any], rest: str, value: Any) -> None:
        if rest == NOTE_SUFFIX:
            put(answers, q.note_key, value)
        else:
            super().store(q, answers, rest, value)


class ActsKind(QuestionKind):
    """The week's helpful acts to tick, and words for anything else (``good_turn.text``)."""

    type = "acts"

    def field_keys(self, q: Question, platforms: list[str]) -> list[str]:
        return [f"{q.id}.text"]

    def value(self, q: Question, answers: dict[str, Any], rest: str) -> Any:
        return section(answers, q.id).get("text")

    def store(self, q: Question, answers: dict[str, Any], rest: str, value: Any) -> None:
        put(answers, q.id, value, "text")


class PerPlatformKind(QuestionKind):
    """One choice per platform of the week (``platforms@linkedin``), kept together under the id.

    The platforms differ from week to week, so none of them is ever required.
    """

    type = "per_platform"

    def required_problems(self, q: Question, answers: dict[str, Any]) -> dict[str, str]:
        return {}

    def field_keys(self, q: Question, platforms: list[str]) -> list[str]:
        return [f"{q.id}@{p}" for p in platforms]

    def check(self, q: Question, rest: str, text: Any) -> Checked:
        if text in (None, ""):
            return None, None
        if q.choices and text not in q.choices:
            return None, f"Choose one of: {', '.join(q.choices)}."
        return text, None

    def value(self, q: Question, answers: dict[str, Any], rest: str) -> Any:
        return section(answers, q.id).get(rest[1:]) if rest.startswith("@") else None

    def store(self, q: Question, answers: dict[str, Any], rest: str, value: Any) -> None:
        put(answers, q.id, value, rest[1:])

    def platform_groups(self, q: Question) -> tuple[str, ...]:
        return (q.id,)


class TextKind(QuestionKind):
    """Words (next week's intention)."""

    type = "text"


#: Every kind of question, by its ``type`` in the data file.
KINDS: dict[str, QuestionKind] = {kind.type: kind for kind in (
    NumberKind(), IntegerKind(), SharesKind(), RatingsKind(), ActsKind(), PerPlatformKind(), TextKind())}
