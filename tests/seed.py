"""A small, deterministic journal for tests and snapshots (pinned to TODAY)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from smn_tui.domain.models import Contact, HelpfulAct, Interaction, WeeklyAudit

#: The pinned "today" of every test: a Wednesday in ISO week 2026-W48.
TODAY = date(2026, 11, 25)
STAMP = datetime(2026, 8, 1, 9, 0, tzinfo=UTC)


def _id(prefix: str, n: int) -> str:
    return f"{prefix}{n:030d}"


def seed_journal(store, today: date = TODAY) -> dict[str, Contact]:
    """Add a dozen people with twelve weeks of history. Returns contacts by first name."""
    people = [
        ("Ada Lovelace", [("linkedin", "in/ada"), ("email", "ada@example.org")], ["mentor", "math"], 30,
         "Met at a conference"),
        ("Grace Hopper", [("github", "grace"), ("mastodon", "@grace@hachyderm.io")], ["mentor"], 14,
         "Open-source project"),
        ("Linus Pauling", [("x", "linus")], ["science"], None, ""),
        ("Marie Curie", [("linkedin", "in/marie"), ("x", "mcurie"), ("email", "marie@example.org")],
         ["science", "friend"], 7, "University"),
        ("Alan Turing", [("bluesky", "alan.bsky.social")], ["math"], 21, "Meetup"),
        ("Katherine Johnson", [("phone", "+1 555 0100")], ["friend"], 30, "Neighbour"),
        ("Tim Berners-Lee", [("linkedin", "in/timbl"), ("in person", "")], ["web"], None, "Workshop"),
        ("Hedy Lamarr", [("instagram", "hedy")], ["friend"], 60, ""),
        ("Rosalind Franklin", [("email", "rosalind@example.org")], ["science"], 14, ""),
        ("Claude Shannon", [("github", "cshannon"), ("linkedin", "in/shannon")], ["math", "web"], None,
         "Former colleague"),
        ("Barbara Liskov", [("mastodon", "@barbara@fosstodon.org")], ["mentor"], 90, ""),
        ("Edsger Dijkstra", [("email", "ewd@example.org")], [], None, "", ),
    ]
    contacts: dict[str, Contact] = {}
    for n, (name, plats, tags, cadence, met) in enumerate(people, 1):
        c = Contact(name, platforms=plats, tags=tags, cadence_days=cadence, how_met=met,
                    id=_id("c", n), created=STAMP, updated=STAMP)
        store.add_contact(c)
        contacts[name.split()[0]] = c
    C = contacts
    records = []
    k = 0

    def inter(days_ago, who, kind, platform, note, real=True):
        nonlocal k
        k += 1
        records.append(Interaction([C[w].id for w in who], today - timedelta(days=days_ago), kind=kind,
                                   platform=platform, real=real, note=note, id=_id("i", k),
                                   created=STAMP, updated=STAMP))

    def act(days_ago, who, note, kind, impact, minutes=None, platform="", asked=False):
        nonlocal k
        k += 1
        records.append(HelpfulAct([C[w].id for w in who], today - timedelta(days=days_ago), note, kind=kind,
                                  impact=impact, minutes=minutes, platform=platform, asked=asked,
                                  id=_id("a", k), created=STAMP, updated=STAMP))

    # This week (Mon 23 Nov .. Sun 29 Nov 2026; today is Wed 25 Nov).
    inter(0, ["Ada"], "conversation", "linkedin", "Talked about her new research group")
    inter(1, ["Marie", "Rosalind"], "meeting", "in person", "Lunch, compared lab notes")
    inter(1, ["Claude"], "new connection", "linkedin", "Connected after the talk")
    inter(2, ["Alan"], "message", "bluesky", "Liked his post about machines", real=False)
    act(0, ["Ada"], "Reviewed her grant proposal", "feedback", "month", 45, "email", asked=True)
    act(1, ["Marie", "Rosalind"], "Introduced Marie to Rosalind", "introduction", "year", 15, "in person")
    act(2, ["Grace"], "Shared her compiler talk", "amplify", "day", 5, "mastodon")
    # Earlier weeks: a steady rhythm with Grace and Alan, then silence from Alan.
    for w in range(1, 12):
        inter(7 * w, ["Grace"], "conversation", "github", f"Code review chat, week -{w}")
        if w >= 4:
            inter(7 * w + 1, ["Alan"], "conversation", "bluesky", f"Weekly chat, week -{w}")
        if w % 2 == 0:
            act(7 * w + 2, ["Katherine"], f"Listened through a tough week (-{w})", "time", "week", 60, "phone")
    inter(40, ["Katherine"], "conversation", "phone", "Long call")
    inter(100, ["Hedy"], "message", "instagram", "Birthday wishes")
    act(20, ["Tim"], "Endorsed him for web standards", "endorsement", "day", 2, "linkedin")
    store.add_many(records)
    store.save_audit(WeeklyAudit("2026-W47", answers={"hours": 6, "support": 12}, intention="Call Hedy",
                                 completed=datetime(2026, 11, 22, 20, 0, tzinfo=UTC),
                                 id=_id("w", 47), created=STAMP, updated=STAMP))
    store.save_audit(WeeklyAudit("2026-W46", answers={"hours": 8, "support": 10}, intention="",
                                 completed=datetime(2026, 11, 15, 20, 0, tzinfo=UTC),
                                 id=_id("w", 46), created=STAMP, updated=STAMP))
    return contacts
