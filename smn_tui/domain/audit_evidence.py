"""The journal's side of the weekly audit: what it shows for a week, and where an answer and it disagree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from .audit_kinds import fmt, parse_number, section
from .audit_questions import Question, QuestionSet
from .dates import Week
from .models import IMPACTS, HelpfulAct

if TYPE_CHECKING:
    from .ports import JournalReader

#: Windows for the support evidence.
REAL_CONTACT_DAYS = 90
HELPED_MONTHS = 6


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
        return {k: counts[k] for k in IMPACTS if counts[k]}

    def who(self, ids: list[str]) -> str:
        return ", ".join(self.names.get(i, "(deleted)") for i in ids)


def evidence_anchor(week: Week, today: date) -> date:
    """The day the look-back windows end: the week's last day, or today for the current week."""
    return min(week.end, today)


def build_evidence(store: JournalReader, week: Week, today: date) -> WeekEvidence:
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
    people = {cid for i in interactions for cid in i.contact_ids} | {cid for a in acts for cid in a.contact_ids}
    rows = sorted(activity.values(), key=lambda r: (r.platform == "", -r.total, r.platform))
    return WeekEvidence(
        week=week, anchor=anchor, new_connections=new, real=real, passive=passive, acts=acts,
        people_helped=len(helped), minutes_given=sum(a.minutes or 0 for a in acts), by_platform=rows,
        real_people_90d=len(recent_real), helped_people_6m=len(recent_helped), multi_platform=multi,
        contacts_total=total, names={cid: known[cid] for cid in people if cid in known},
    )


# --------------------------------------------------------------------- gentle flags


def _num(q: Question | None, value: Any) -> float | None:
    if q is None:
        return None
    parsed, error = parse_number(q, value)
    return None if error else parsed


def _part(q: Question, answers: dict[str, Any], role: str) -> float | None:
    part = q.part(role)
    return _num(q, section(answers, q.id).get(part.id)) if part is not None else None


def _time_split(q: Question, qs: QuestionSet, answers: dict[str, Any], ev: WeekEvidence) -> list[str]:
    flags: list[str] = []
    hours_q = qs.by_role("hours")
    hours = _num(hours_q, answers.get(hours_q.id)) if hours_q is not None else None
    helping = _part(q, answers, "helping")
    if hours is not None and helping is not None:
        claimed = hours * helping / 100 * 60
        if claimed >= 30 and ev.minutes_given < claimed / 2:
            flags.append(f"{fmt(helping)}% of {fmt(hours)} h on helping is about {claimed:.0f} min; "
                         f"the journal shows {ev.minutes_given} min given.")
    new_share = _part(q, answers, "new_connections")
    if new_share is not None and new_share >= 20 and ev.new_connections == 0:
        flags.append(f"{fmt(new_share)}% on new connections, but none is logged this week.")
    real_share = _part(q, answers, "real_interactions")
    if real_share is not None and real_share >= 20 and ev.real == 0:
        flags.append(f"{fmt(real_share)}% on real interactions, but none is logged this week.")
    return flags


def _self_rating(q: Question, qs: QuestionSet, answers: dict[str, Any], ev: WeekEvidence) -> list[str]:
    helpful = _part(q, answers, "helpful")
    part = q.part("helpful")
    if helpful is not None and part is not None and helpful >= 4 and not ev.acts:
        return [f"You rate yourself {fmt(helpful)} for {part.label.lower()}; no helpful act is logged this week."]
    return []


def _support(q: Question, qs: QuestionSet, answers: dict[str, Any], ev: WeekEvidence) -> list[str]:
    support = _num(q, answers.get(q.id))
    if support is not None and support >= 5 and support > 2 * ev.helped_people_6m:
        people = "person" if ev.helped_people_6m == 1 else "people"
        return [f"You expect {fmt(support)}; you helped {ev.helped_people_6m} {people} "
                f"in the last {HELPED_MONTHS} months."]
    return []


#: The journal checks of an answer, by the role of its question.
FLAG_CHECKS: dict[str, Callable[[Question, QuestionSet, dict[str, Any], WeekEvidence], list[str]]] = {
    "time_split": _time_split,
    "self_rating": _self_rating,
    "support": _support,
}


def disagreements(questions: QuestionSet, answers: dict[str, Any], ev: WeekEvidence) -> dict[str, list[str]]:
    """Gentle notes where an answer and the journal do not match, by question id.

    Only answers that pass their bounds are compared; a note is a prompt to
    look again, never an error.
    """
    flags: dict[str, list[str]] = {}
    for q in questions:
        check = FLAG_CHECKS.get(q.role)
        found = check(q, questions, answers, ev) if check is not None else []
        if found:
            flags[q.id] = found
    return flags
