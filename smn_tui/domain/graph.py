"""Your network across tools: how many people you know on each platform, how much the platforms
overlap, and the ties that live on one platform only (the ones a single tool's end would cut)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

__all__ = ["OneToolTie", "PlatformGraph", "platform_graph"]

#: How many overlapping pairs and one-tool ties a graph keeps.
GRAPH_TOP = 5
#: Platforms that are ways of reaching someone rather than tools people meet on.
NOT_TOOLS = frozenset({"email", "phone", "in person", "other"})


@dataclass(frozen=True)
class OneToolTie:
    """Someone you know on one platform only, and how often you have talked."""

    contact_id: str
    name: str
    platform: str
    interactions: int


@dataclass(frozen=True)
class PlatformGraph:
    """How the people you know spread over the platforms."""

    people: int  # active contacts with at least one platform
    per_platform: dict[str, int] = field(default_factory=dict)  # busiest first
    on_two_or_more: int = 0
    pairs: list[tuple[str, str, int]] = field(default_factory=list)  # the platform pairs sharing most people
    one_tool_ties: list[OneToolTie] = field(default_factory=list)  # most talked-with first

    @property
    def share_on_two_or_more(self) -> float:
        return self.on_two_or_more / self.people if self.people else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "people": self.people,
            "per_platform": self.per_platform,
            "on_two_or_more": self.on_two_or_more,
            "pairs": [{"platforms": [a, b], "people": n} for a, b, n in self.pairs],
            "one_tool_ties": [{"id": t.contact_id, "name": t.name, "platform": t.platform,
                               "interactions": t.interactions} for t in self.one_tool_ties],
        }


def platform_graph(people: Iterable[tuple[str, str, Iterable[str]]], interactions: Mapping[str, int],
                   top: int = GRAPH_TOP) -> PlatformGraph:
    """The graph of ``people`` ((id, name, platforms) of active contacts), with ``interactions``
    (contact id -> real interactions) ranking the one-tool ties."""
    per: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    total = multi = 0
    ties: list[OneToolTie] = []
    for cid, name, platforms in people:
        mine = sorted(set(platforms))
        if not mine:
            continue
        total += 1
        per.update(mine)
        if len(mine) >= 2:
            multi += 1
            pairs.update(combinations(mine, 2))
        tools = [p for p in mine if p not in NOT_TOOLS]
        if len(tools) == 1 and len(mine) == 1 and interactions.get(cid, 0) > 0:
            ties.append(OneToolTie(cid, name, tools[0], interactions[cid]))
    ties.sort(key=lambda t: (-t.interactions, t.name.casefold()))
    return PlatformGraph(
        people=total,
        per_platform=dict(sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))),
        on_two_or_more=multi,
        pairs=[(a, b, n) for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:top]],
        one_tool_ties=ties[:top],
    )
