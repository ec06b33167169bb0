"""What a week of the journal adds up to: who was helped, who was met, who is slipping away.

``build_review`` is the one function behind the review screen, ``smn week`` and
the Markdown export. It reads the store through its indexed queries only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .dates import Week
from .models import Contact, HelpfulAct, Interaction, WeeklyAudit

if TYPE_CHECKING:
    from ..storage.store import DueContact, JournalStore


@dataclass
class PersonHelped:
    """One person helped in the week and the acts for them, newest first."""

    contact: Contact
    acts: list[HelpfulAct]


@dataclass
class WeekReview:
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
    due: list[DueContact] = field(default_factory=list)

    @property
    def people_helped(self) -> int:
        return len(self.helped)

    @property
    def real_interactions(self) -> int:
        return sum(self.real_by_platform.values())

    @property
    def passive_interactions(self) -> int:
        return sum(self.passive_by_platform.values())

    def who(self, ids: list[str]) -> str:
        return ", ".join(self.names.get(i, "(deleted)") for i in ids)


def build_review(store: JournalStore, week: Week, today: date) -> WeekReview:
    """Compute the review of ``week`` as of ``today``."""
    interactions = store.interactions_in(week)
    acts = store.acts_in(week)
    people = {cid for r in (*interactions, *acts) for cid in r.contact_ids}
    names = {cid: store.get_contact(cid).name for cid in people if _exists(store, cid)}

    by_person: dict[str, list[HelpfulAct]] = defaultdict(list)
    for act in acts:
        for cid in act.contact_ids:
            by_person[cid].append(act)
    helped = [PersonHelped(store.get_contact(cid), items) for cid, items in by_person.items() if cid in names]
    helped.sort(key=lambda p: (-len(p.acts), p.contact.name.casefold()))

    real: Counter[str] = Counter()
    passive: Counter[str] = Counter()
    new_by: Counter[str] = Counter()
    new_connections = []
    for i in interactions:
        platform = i.platform or "unspecified"
        if i.kind == "new connection":
            new_connections.append(i)
            new_by[platform] += 1
        if i.real:
            real[platform] += 1
        else:
            passive[platform] += 1

    impact = Counter(a.impact for a in acts)
    return WeekReview(
        week=week,
        today=today,
        interactions=interactions,
        acts=acts,
        names=names,
        helped=helped,
        new_connections=new_connections,
        real_by_platform=dict(real.most_common()),
        passive_by_platform=dict(passive.most_common()),
        new_by_platform=dict(new_by.most_common()),
        minutes_given=sum(a.minutes or 0 for a in acts),
        impact_counts={k: impact.get(k, 0) for k in ("day", "week", "month", "year")},
        audit=store.audit_for(week.key),
        due=store.due_contacts(today),
    )


def _exists(store: JournalStore, cid: str) -> bool:
    try:
        store.get_contact(cid)
    except Exception:
        return False
    return True
