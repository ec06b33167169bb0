"""What a week of the journal adds up to: who was helped, who was met, who is slipping away.

``build_review`` is the one function behind the review screen, ``smn week`` and
the Markdown export. It reads the store through its indexed queries only: the
week's records, and for the trends and quiet ties one range query per table
(from the day index, without building records), bucketed by week.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from .audit import streak
from .birthdays import UpcomingBirthday, upcoming_birthdays
from .dates import Week
from .graph import PlatformGraph
from .models import Contact, HelpfulAct, Interaction, ValidationError, WeeklyAudit
from .results import DueContact
from .review_people import MetGroup, people_met

if TYPE_CHECKING:
    from .ports import JournalReader

#: How many weeks the trends cover (the reviewed week is the last one).
TREND_WEEKS = 12

#: A strong tie gone quiet: at least STRONG_TIE_MIN real interactions in the
#: STRONG_TIE_WEEKS weeks before the last QUIET_WEEKS weeks, and no real
#: interaction or helpful act in those last QUIET_WEEKS weeks (a like or a
#: follow does not count as keeping in touch). Counted back from today.
QUIET_WEEKS = 3
STRONG_TIE_WEEKS = 12
STRONG_TIE_MIN = 4

#: How many of the due and overdue contacts a review lists (the rest are counted).
DUE_LIMIT = 50

#: The audit answers the review compares with the journal.
HOURS_ANSWER = "hours"
SUPPORT_ANSWER = "support"


@dataclass
class PersonHelped:
    """One person helped in the week and the acts for them, newest first."""

    contact: Contact
    acts: list[HelpfulAct]


@dataclass
class QuietTie:
    """Someone you used to talk with often, and have not lately."""

    contact: Contact
    before: int  # real interactions in the STRONG_TIE_WEEKS weeks before the quiet spell
    last: date  # the latest real interaction with them
    days: int  # days from ``last`` to today


@dataclass
class WeekTrend:
    """One week's figures in the trends."""

    week: Week
    acts: int
    people: int  # distinct people helped
    real: int  # real interactions
    hours: float | None  # audit answer: hours on social platforms
    support: float | None  # audit answer: how many would come if you asked
    audit_complete: bool


@dataclass
class WeekReview:
    """Everything the review shows for one week; losing touch is always as of ``today``."""

    week: Week
    today: date
    interactions: list[Interaction]
    acts: list[HelpfulAct]
    names: dict[str, str]
    helped: list[PersonHelped]
    new_connections: list[Interaction]
    real_by_platform: dict[str, int]
    passive_by_platform: dict[str, int]
    new_by_platform: dict[str, int]
    minutes_given: int
    impact_counts: dict[str, int]
    audit: WeeklyAudit | None
    due: list[DueContact] = field(default_factory=list)  # the DUE_LIMIT most overdue
    due_total: int = 0  # how many are due or overdue in all
    quiet: list[QuietTie] = field(default_factory=list)
    trends: list[WeekTrend] = field(default_factory=list)
    streak: int = 0
    graph: PlatformGraph = field(default_factory=lambda: PlatformGraph(0))  # the network across tools
    birthdays: list[UpcomingBirthday] = field(default_factory=list)  # in the next UPCOMING_DAYS days

    @property
    def people_helped(self) -> int:
        return len(self.helped)

    @property
    def real_interactions(self) -> int:
        return sum(self.real_by_platform.values())

    @property
    def passive_interactions(self) -> int:
        return sum(self.passive_by_platform.values())

    @property
    def audit_hours(self) -> float | None:
        return answer_number(self.audit, HOURS_ANSWER)

    @property
    def audit_support(self) -> float | None:
        return answer_number(self.audit, SUPPORT_ANSWER)

    @property
    def platforms(self) -> list[str]:
        """Every platform with a new connection or an interaction this week, busiest first."""
        total: Counter[str] = Counter()
        for counts in (self.new_by_platform, self.real_by_platform, self.passive_by_platform):
            total.update(counts)
        return sorted(total, key=lambda p: (-total[p], p))

    def series(self, name: str) -> list[float | None]:
        """One trend (``acts``, ``people``, ``real``, ``hours``, ``support``), oldest week first."""
        return [getattr(t, name) for t in self.trends]

    def who(self, ids: list[str]) -> str:
        return ", ".join(self.names.get(i, "(deleted)") for i in ids)

    @property
    def met(self) -> list[MetGroup]:
        """Whom you met, by name: the new connections, the real and the passive interactions."""
        return people_met(self.interactions, self.names)


def answer_number(audit: WeeklyAudit | None, key: str) -> float | None:
    """A numeric audit answer, or None when missing or not a number.

    A mapping (hours split by platform) counts as the sum of its numbers.
    """
    if audit is None:
        return None
    value: object = audit.answers.get(key)
    if isinstance(value, dict):
        parts = [answer_number_value(v) for v in value.values()]
        nums = [p for p in parts if p is not None]
        return sum(nums) if nums else None
    return answer_number_value(value)


def answer_number_value(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            return None
    return None


Fact = tuple[date, tuple[str, ...], bool]  # (date, contact ids, real) of one entry


def build_review(store: JournalReader, week: Week, today: date) -> WeekReview:
    """Compute the review of ``week`` as of ``today``."""
    trend_weeks = [week.shift(n - TREND_WEEKS + 1) for n in range(TREND_WEEKS)]
    quiet_from = today - timedelta(days=7 * QUIET_WEEKS - 1)
    strong_from = quiet_from - timedelta(days=7 * STRONG_TIE_WEEKS)

    # Newest first; the id settles ties so every run (and every report) lists them alike.
    interactions = sorted(store.interactions_in(week), reverse=True,
                          key=lambda r: (r.on, r.at or time.min, r.created, r.id))
    acts = sorted(store.acts_in(week), key=lambda r: (r.on, r.created, r.id), reverse=True)
    inter_facts, act_facts = _facts(store, (trend_weeks[0].start, week.end), (strong_from, today))
    entries: list[Interaction | HelpfulAct] = [*interactions, *acts]
    names = store.names_for({cid for r in entries for cid in r.contact_ids})
    by_platform = _PlatformCounts.of(interactions)
    audits = {a.week: a for a in store.audits()}
    due, due_ids = store.due_ranked(today, DUE_LIMIT)
    impact = Counter(a.impact for a in acts)
    return WeekReview(
        week=week,
        today=today,
        interactions=interactions,
        acts=acts,
        names=names,
        helped=_helped(store, acts, names),
        new_connections=by_platform.new_connections,
        real_by_platform=dict(by_platform.real.most_common()),
        passive_by_platform=dict(by_platform.passive.most_common()),
        new_by_platform=dict(by_platform.new.most_common()),
        minutes_given=sum(a.minutes or 0 for a in acts),
        impact_counts={k: impact.get(k, 0) for k in ("day", "week", "month", "year")},
        audit=audits.get(week.key),
        due=due,
        due_total=len(due_ids),
        quiet=_quiet_ties(store, inter_facts, act_facts, today, quiet_from, strong_from, skip=due_ids),
        trends=_trends(trend_weeks, inter_facts, act_facts, audits),
        streak=audit_streak(audits, week),
        graph=store.network(),
        birthdays=upcoming_birthdays(store.birthdays(), today),
    )


def _facts(store: JournalReader, trends: tuple[date, date],
           ties: tuple[date, date]) -> tuple[list[Fact], list[Fact]]:
    """The (date, people, real) facts of the interactions and the acts in the trends' span and the
    quiet ties' span.

    The trends and the quiet ties only count, so they read facts from the day index: one range
    query per table when the two spans overlap (the usual case: this week or a recent one), else two.
    """
    (trend_start, week_end), (strong_from, today) = trends, ties
    spans = [trends, ties]
    if strong_from <= week_end + timedelta(days=1) and trend_start <= today + timedelta(days=1):
        spans = [(min(trend_start, strong_from), max(week_end, today))]
    inter_facts: list[Fact] = []
    act_facts: list[Fact] = []
    for first, last in spans:
        inter_facts.extend(store.entry_facts_between("interactions", first, last))
        act_facts.extend(store.entry_facts_between("acts", first, last))
    return inter_facts, act_facts


def _helped(store: JournalReader, acts: list[HelpfulAct], names: dict[str, str]) -> list[PersonHelped]:
    """Everyone the acts helped (who is still in the journal), the most helped first."""
    by_person: dict[str, list[HelpfulAct]] = defaultdict(list)
    for act in acts:
        for cid in act.contact_ids:
            if cid in names:
                by_person[cid].append(act)
    helped = [PersonHelped(store.get_contact(cid), items) for cid, items in by_person.items()]
    helped.sort(key=lambda p: (-len(p.acts), p.contact.name.casefold(), p.contact.id))
    return helped


@dataclass
class _PlatformCounts:
    """The week's interactions by platform: real, passive, and the new connections."""

    real: Counter[str] = field(default_factory=Counter)
    passive: Counter[str] = field(default_factory=Counter)
    new: Counter[str] = field(default_factory=Counter)
    new_connections: list[Interaction] = field(default_factory=list)

    @classmethod
    def of(cls, interactions: list[Interaction]) -> _PlatformCounts:
        counts = cls()
        for i in interactions:
            platform = i.platform or "unspecified"
            if i.kind == "new connection":
                counts.new_connections.append(i)
                counts.new[platform] += 1
            if i.real:
                counts.real[platform] += 1
            else:
                counts.passive[platform] += 1
        return counts


def _quiet_ties(store: JournalReader, interactions: list[Fact], acts: list[Fact],
                today: date, quiet_from: date, strong_from: date, skip: set[str]) -> list[QuietTie]:
    before: Counter[str] = Counter()
    last: dict[str, date] = {}
    recent: set[str] = set()
    for on, ids, is_real in interactions:
        if not is_real or on < strong_from or on > today:
            continue
        if on >= quiet_from:
            recent.update(ids)
            continue
        for cid in ids:
            before[cid] += 1
            if on > last.get(cid, date.min):
                last[cid] = on
    for on, ids, _ in acts:
        if quiet_from <= on <= today:
            recent.update(ids)
    out: list[QuietTie] = []
    for cid, n in before.items():
        if n < STRONG_TIE_MIN or cid in recent or cid in skip:
            continue
        try:
            contact = store.get_contact(cid)
        except ValidationError:  # deleted since; nothing to show
            continue
        if contact.archived:
            continue
        out.append(QuietTie(contact, n, last[cid], (today - last[cid]).days))
    out.sort(key=lambda q: (-q.before, q.last, q.contact.name.casefold()))
    return out


def _trends(weeks: list[Week], interactions: list[Fact], acts: list[Fact],
            audits: dict[str, WeeklyAudit]) -> list[WeekTrend]:
    start, end = weeks[0].start, weeks[-1].end
    n = len(weeks)
    act_count = [0] * n
    people: list[set[str]] = [set() for _ in range(n)]
    real = [0] * n
    for on, ids, _ in acts:
        if start <= on <= end:
            k = (on - start).days // 7
            act_count[k] += 1
            people[k].update(ids)
    for on, _, is_real in interactions:
        if is_real and start <= on <= end:
            real[(on - start).days // 7] += 1
    out = []
    for k, w in enumerate(weeks):
        audit = audits.get(w.key)
        out.append(WeekTrend(w, act_count[k], len(people[k]), real[k],
                             answer_number(audit, HOURS_ANSWER), answer_number(audit, SUPPORT_ANSWER),
                             bool(audit and audit.is_complete)))
    return out


def audit_streak(audits: dict[str, WeeklyAudit], week: Week) -> int:
    """Consecutive completed audits up to ``week``.

    An unfinished audit for ``week`` itself does not break the streak (the
    week may not be over); the count then starts from the week before.
    """
    return streak({key for key, a in audits.items() if a.is_complete}, week)
