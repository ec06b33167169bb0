"""The weekly audit's questions, read from ``data/audit_questions.json``.

Each question has an id (the key of its answer), a ``type`` (its kind, see
:mod:`.audit_kinds`) and, where the app does something particular with it, a
``role``: ``hours`` (time on social platforms), ``time_split`` (where it went),
``self_rating``, ``support``, ``good_turn`` (can be logged as an act),
``consistency`` and ``intention`` (kept as the audit's intention and shown the
next week). Parts of a question may have roles too (``helping``). The code asks
for roles, never for ids, so the file may rename and reword freely.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..resources import data_file

QUESTIONS_FILE = "audit_questions.json"
#: The answer key of a ratings question's note: ``<question id>_note``.
NOTE_SUFFIX = "_note"


class QuestionFileError(ValueError):
    """The question file is missing or malformed; the message says where."""


@dataclass(frozen=True)
class Part:
    """One labelled sub-answer: a share or a rating."""

    id: str
    label: str
    role: str = ""


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
    role: str = ""

    def part(self, role: str) -> Part | None:
        """The part with ``role``, if any."""
        return next((p for p in self.parts if p.role == role), None)

    @property
    def note_key(self) -> str:
        """The answer key of the note beside the parts (``positioning_note``)."""
        return self.id + NOTE_SUFFIX


@dataclass(frozen=True)
class QuestionSet:
    """The audit's questions in order."""

    title: str
    intro: str
    questions: tuple[Question, ...]

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    def get(self, qid: str) -> Question | None:
        """The question with id ``qid``, if any."""
        return next((q for q in self.questions if q.id == qid), None)

    def by_role(self, role: str) -> Question | None:
        """The question with ``role``, if any."""
        return next((q for q in self.questions if q.role == role), None)

    def for_key(self, key: str) -> tuple[Question, str] | None:
        """The question a field key belongs to, and the rest of the key.

        The rest is ``""`` for the whole answer, ``"@<platform>"``, ``".<part>"``
        or :data:`NOTE_SUFFIX`; None for a key of no question.
        """
        for sep in ("@", "."):
            if sep in key:
                qid, rest = key.split(sep, 1)
                q = self.get(qid)
                return (q, sep + rest) if q is not None else None
        q = self.get(key)
        if q is not None:
            return q, ""
        if key.endswith(NOTE_SUFFIX):
            q = self.get(key.removesuffix(NOTE_SUFFIX))
            if q is not None and q.note:
                return q, NOTE_SUFFIX
        return None

    def is_intention(self, key: str) -> bool:
        """True for the key of the question whose answer is the audit's intention."""
        q = self.by_role("intention")
        return q is not None and key == q.id


def load_questions(path: Path | str | None = None) -> QuestionSet:
    """Read the question set (by default the shipped ``audit_questions.json``)."""
    source = Path(path) if path is not None else data_file(QUESTIONS_FILE)
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise QuestionFileError(f"Cannot read the audit questions in {source}: {exc}") from exc
    return parse_questions(raw, str(source))


@cache
def shipped_questions() -> QuestionSet:
    """The shipped question set, read once."""
    return load_questions()


def parse_questions(raw: Any, where: str = "the question file") -> QuestionSet:
    """Build a :class:`QuestionSet` from the decoded JSON, refusing anything malformed."""
    from .audit_kinds import KINDS

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
        if kind not in KINDS:
            raise QuestionFileError(f"{where}: question '{qid}' has unknown type {kind!r}")
        if not isinstance(text, str) or not text.strip():
            raise QuestionFileError(f"{where}: question '{qid}' has no text")
        problem = KINDS[kind].check_definition(q)
        if problem:
            raise QuestionFileError(f"{where}: question '{qid}' {problem}")
        question = _question(q, n, KINDS[kind].defaults(q))
        if question.role and any(other.role == question.role for other in questions):
            raise QuestionFileError(f"{where}: role '{question.role}' is given to two questions")
        questions.append(question)
    return QuestionSet(str(raw.get("title", "Weekly self-audit")), str(raw.get("intro", "")), tuple(questions))


def _question(q: dict[str, Any], n: int, defaults: dict[str, Any]) -> Question:
    parts = tuple(Part(str(p["id"]), str(p.get("label", p["id"])), str(p.get("role", "")))
                  for p in q.get("parts", q.get("items", ())))
    values: dict[str, Any] = dict(
        id=q["id"], number=int(q.get("number", n)), type=q["type"], text=q["text"].strip(),
        help=str(q.get("help", "")), min=q.get("min"), max=q.get("max"), decimals=bool(q.get("decimals", False)),
        unit=str(q.get("unit", "")), required=bool(q.get("required", False)), total=None, parts=parts,
        note=str(q.get("note", "")), choices=tuple(q.get("choices", ())),
        max_length=int(q.get("max_length", 2000)), split_by_platform=bool(q.get("split_by_platform", False)),
        role=str(q.get("role", "")),
    )
    values.update(defaults)
    return Question(**values)
