"""Write ``data/demo_journal.json``: the made-up journal behind ``smn --demo``.

Deterministic (seeded): running it twice gives the same file. The people and
notes are invented. Dates are anchored to the week starting
``ANCHOR_MONDAY``; ``smn --demo`` shifts them by whole weeks so the latest
demo week is the current one.

    python tools/make_demo.py            # rewrite data/demo_journal.json
    python tools/make_demo.py --check    # exit 1 if the shipped file is stale
"""

from __future__ import annotations

import json
import random
import sys
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from smn_tui.domain.models import Contact, HelpfulAct, Interaction, WeeklyAudit  # noqa: E402

OUT = ROOT / "data" / "demo_journal.json"
ANCHOR_MONDAY = date(2026, 11, 23)
WEEKS = 12
SEED = 48_2026
#: The demo's own "today": Sunday of the anchor week. Nothing is dated after it.
LAST_DAY = ANCHOR_MONDAY + timedelta(days=6)

# name, platforms, tags, how met, notes, cadence days, birthday, circle
# circle: close (talk most weeks), work (every few weeks), community (now and then),
# quiet (used to talk, silent for the last weeks), new (met during the twelve weeks),
# far (rare, no cadence).
PEOPLE = [
    ("Amara Okafor", [("linkedin", "in/amara-okafor"), ("email", "amara@okafor.dev"), ("phone", "+44 7700 900112")],
     ["mentor", "product"], "She ran the product track at a conference in Lisbon.",
     "Leads product at a health start-up. Likes direct feedback and long walks.", 14, "1986-04-17", "close"),
    ("Mateo García", [("github", "mateogarcia"), ("mastodon", "@mateo@hachyderm.io")], ["open-source", "rust"],
     "Reviewed my first pull request to a parser library.", "Maintains two crates; always short of reviewers.", 14,
     None, "close"),
    ("Priya Raman", [("linkedin", "in/priyaraman"), ("x", "priya_builds"), ("email", "priya.raman@example.com")],
     ["former-colleague", "data"], "Same team at my previous job.", "Moved to a climate data non-profit in March.",
     30, "1990-09-02", "close"),
    ("Wei Chen", [("in person", ""), ("phone", "+1 415 555 0134"), ("instagram", "wei.cooks")], ["friend", "climbing"],
     "Climbing gym, Tuesday nights.", "Training for a marathon; vegetarian.", 7, "1988-11-28", "close"),
    ("Fatima Al-Sayed", [("linkedin", "in/fatima-alsayed"), ("email", "fatima@alsayed.io")], ["mentee", "design"],
     "Asked me for a portfolio review after a meetup talk.", "Junior designer looking for her second role.", 14,
     None, "close"),
    ("Jonas Becker", [("github", "jbecker"), ("bluesky", "jonas.bsky.social")], ["open-source", "python"],
     "Sprint at a Python conference.", "Works on packaging tools; based in Leipzig.", 30, None, "work"),
    ("Aisha Bello", [("linkedin", "in/aishabello"), ("x", "aishabello")], ["founder", "fintech"],
     "Introduced by Amara.", "Raising a seed round; hiring a first engineer.", 30, None, "work"),
    ("Lucas Moreau", [("linkedin", "in/lucasmoreau"), ("email", "lucas@moreau.fr")], ["former-colleague"],
     "Shared an office in Paris for two years.", "Now an engineering manager; two kids.", 60, "1984-02-11", "work"),
    ("Sofia Rossi", [("instagram", "sofia.draws"), ("bluesky", "sofiarossi.bsky.social")], ["friend", "design"],
     "Friend of a friend from university.", "Illustrator; sells prints online.", 30, "1992-06-30", "work"),
    ("Kenji Tanaka", [("github", "ktanaka"), ("x", "kenji_t"), ("mastodon", "@kenji@fosstodon.org")],
     ["open-source", "rust"], "Co-maintainer on the parser library.", "Nine hours ahead; best reached async.", 30,
     None, "work"),
    ("Olivia Bennett", [("linkedin", "in/olivia-bennett"), ("email", "olivia@bennett.co")], ["recruiter"],
     "Reached out about a role last year.", "Honest recruiter; good read on the market.", 90, None, "community"),
    ("Diego Hernández", [("linkedin", "in/diegohdz"), ("github", "diegohdz")], ["data", "meetup"],
     "Co-organises the local data meetup.", "Runs the meetup's sponsor list.", 30, None, "work"),
    ("Hannah Schmidt", [("email", "hannah.schmidt@example.de"), ("phone", "+49 151 5550 1234")], ["family-friend"],
     "Our parents were neighbours.", "Teacher; starting a school garden project.", 60, "1987-12-03", "community"),
    ("Kwame Mensah", [("linkedin", "in/kwamemensah"), ("x", "kwame_writes")], ["writer", "product"],
     "Wrote a newsletter issue I replied to.", "Writes about product strategy every Sunday.", None, None, "community"),
    ("Isabella Costa", [("instagram", "bella.costa"), ("phone", "+351 912 555 010")], ["friend"],
     "Flatmate in Lisbon.", "Moved back to Porto; opening a café.", 30, "1991-03-21", "quiet"),
    ("Arjun Mehta", [("linkedin", "in/arjunmehta"), ("github", "arjunm")], ["former-colleague", "python"],
     "Pair-programmed on the billing rewrite.", "Thinking about going freelance.", 30, None, "quiet"),
    ("Chloé Dubois", [("mastodon", "@chloe@mastodon.social"), ("email", "chloe@dubois.net")], ["open-source", "docs"],
     "Docs sprint, online.", "Writes the best docs I know.", 45, None, "quiet"),
    ("Samuel Adeyemi", [("linkedin", "in/samadeyemi")], ["mentee"],
     "Career fair at the university.", "Final-year student, interested in data engineering.", 21, None, "quiet"),
    ("Yuki Nakamura", [("x", "yukinaka"), ("bluesky", "yuki.bsky.social")], ["design", "meetup"],
     "Design systems meetup.", "Runs a design-systems newsletter.", None, None, "far"),
    ("Nadia Petrova", [("linkedin", "in/nadiapetrova"), ("email", "nadia@petrova.me")], ["data", "mentor"],
     "Panel at a data conference.", "VP of data; generous with introductions.", 60, None, "community"),
    ("Tomás Silva", [("github", "tomass"), ("email", "tomas@silva.pt")], ["open-source"],
     "Filed an issue on my project with a perfect reproduction.", "Student in Coimbra.", None, None, "far"),
    ("Grace Kim", [("linkedin", "in/gracekim"), ("phone", "+1 646 555 0199")], ["founder", "mentor"],
     "Accelerator demo day.", "Second-time founder; blunt, kind.", 45, "1983-08-08", "community"),
    ("Ahmed Hassan", [("in person", ""), ("phone", "+20 100 555 0147")], ["friend", "climbing"],
     "Climbing gym.", "Belay partner on Thursdays.", 14, None, "close"),
    ("Emily Johnson", [("linkedin", "in/emilyjohnson"), ("x", "emjohnson")], ["journalist"],
     "Interviewed me for a piece on remote work.", "Covers the future of work.", None, None, "far"),
    ("Ravi Patel", [("linkedin", "in/ravipatel"), ("email", "ravi@patel.dev")], ["former-colleague", "data"],
     "Onboarded me at my first job.", "Now at a logistics company.", 90, None, "community"),
    ("Maria Lopez", [("facebook", "maria.lopez.72"), ("phone", "+34 612 555 330")], ["family-friend"],
     "Cousin's best friend.", "Nurse; night shifts.", 60, None, "community"),
    ("Oluwaseun Adebayo", [("x", "seun_codes"), ("github", "seunadebayo")], ["python", "meetup"],
     "Spoke after my lightning talk.", "Building a tool for small shops' stock.", None, None, "far"),
    ("Elena Popescu", [("linkedin", "in/elenapopescu"), ("mastodon", "@elena@hci.social")], ["research", "design"],
     "Workshop on research methods.", "UX researcher; writing a book on interviews.", 45, None, "work"),
    ("Noah Williams", [("email", "noah@williams.cc")], ["neighbour"],
     "Lives two doors down.", "Retired engineer; fixes bikes.", 30, None, "community"),
    ("Leila Karimi", [("linkedin", "in/leilakarimi"), ("instagram", "leila.k")], ["mentee", "product"],
     "Mentoring programme.", "Product manager, first year.", 14, None, "close"),
    ("Ben Carter", [("x", "bencarter"), ("bluesky", "ben.bsky.social"), ("github", "bcarter")], ["open-source"],
     "Argued politely about type hints online.", "Now we agree about most things.", None, None, "far"),
    ("Ingrid Larsen", [("linkedin", "in/ingridlarsen")], ["recruiter", "data"],
     "Recruiter for a data role I turned down.", "", None, None, "far"),
    ("Mohammed Rahman", [("linkedin", "in/mrahman"), ("email", "m.rahman@example.org")], ["founder"],
     "Introduced by Grace Kim.", "Building accessibility tooling.", None, None, "new"),
    ("Zoe Martin", [("instagram", "zoe.runs"), ("in person", "")], ["friend", "running"],
     "Saturday park run.", "", None, None, "new"),
    ("Daniel Cohen", [("linkedin", "in/danielcohen"), ("github", "dcohen")], ["python"],
     "Met at the data meetup.", "Looking for open-source projects to contribute to.", None, None, "new"),
    ("Ana Souza", [("linkedin", "in/anasouza"), ("x", "ana_souza")], ["design"],
     "Replied to her thread on accessible colour palettes.", "", None, None, "new"),
    ("Liam O'Brien", [("email", "liam@obrien.ie"), ("phone", "+353 85 555 0172")], ["friend"],
     "School friend.", "Lives in Dublin; visits twice a year.", 60, "1989-05-14", "quiet"),
    ("Mei Ling Wong", [("linkedin", "in/meilingwong"), ("mastodon", "@meiling@sigmoid.social")], ["research", "data"],
     "Co-authored a blog post.", "Machine-learning researcher.", 45, None, "work"),
    ("Tariq Aziz", [("github", "tariqaziz")], ["open-source", "rust"],
     "Contributor to the parser library.", "", None, None, "far"),
    ("Camille Laurent", [("linkedin", "in/camillelaurent"), ("email", "camille@laurent.studio")], ["design", "founder"],
     "Met at a design conference after-party.", "Runs a small studio; overloaded.", 60, None, "quiet"),
]

TALK_NOTES = [
    "Talked about {topic}",
    "Long chat about {topic}",
    "Caught up; mostly {topic}",
    "Compared notes on {topic}",
    "Quick check-in about {topic}",
]
MESSAGE_NOTES = [
    "Sent a note about {topic}",
    "Replied to their post on {topic}",
    "Asked how {project} is going",
    "Sent congratulations on {news}",
]
PROJECTS = ["the job search", "the new role", "the book", "marathon training", "the move", "the launch",
            "the grant proposal", "the café", "the course", "the redesign"]
NEWS = ["the new job", "the promotion", "the launch", "the talk", "the funding round", "the award"]
MEETING_NOTES = [
    "Coffee, talked about {topic}",
    "Lunch; {topic}",
    "Walk and talk: {topic}",
]
CALL_NOTES = [
    "Video call about {topic}",
    "Half-hour call on {topic}",
]
EVENT_NOTES = [
    "Both at the data meetup; chatted about {topic}",
    "Saw them at the conference; {topic}",
    "Same table at the community dinner",
    "Met at the open-source sprint",
]
PASSIVE_NOTES = [
    "Liked their post about {topic}",
    "Followed their new account",
    "Reacted to their update on {topic}",
    "Reposted their thread on {topic}",
]
NEW_NOTES = [
    "Connected after {event}",
    "Met at {event}; swapped handles",
    "Introduced by a friend; connected on {platform}",
]
EVENTS = ["the data meetup", "a design talk", "park run", "the product conference", "a friend's birthday"]
TOPICS = [
    "their new role", "the job search", "hiring", "burnout", "side projects", "the conference",
    "a tricky migration", "pricing", "public speaking", "moving cities", "parenting and work",
    "the book they're writing", "open-source funding", "the climbing trip", "marathon training",
    "a product launch", "team changes", "learning Rust", "a grant proposal", "the meetup schedule",
]

#: act kind -> (note, platforms it happens on (None: any of theirs), possible outcomes)
ACT_NOTES = {
    "advice": [("Talked through {topic} and the options", ("in person", "phone"), ["They made a plan", ""]),
               ("Gave advice on {topic}", None, [""]),
               ("Helped think through {topic}", ("in person", "phone", "email"), ["They took the offer", ""])],
    "introduction": [("Introduced them to {other}", ("email", "linkedin"), ["They're meeting next week", ""]),
                     ("Connected them with {other} about {topic}", ("email", "linkedin"), ["Two new clients from it"])],
    "referral": [("Referred them for a role on a friend's team", ("email",), ["They got the interview"]),
                 ("Passed their name to a hiring manager", ("email", "linkedin"), ["They got the interview", ""])],
    "feedback": [("Reviewed their CV", ("email",), ["They got the interview", ""]),
                 ("Gave notes on their talk draft", ("email", "in person"), ["Talk accepted", ""]),
                 ("Reviewed their pull request", ("github",), ["Merged", ""]),
                 ("Commented on their portfolio", ("email", "in person"), ["They said it made the difference", ""]),
                 ("Read the draft chapter and sent comments", ("email",), [""])],
    "amplify": [("Shared their launch post", ("linkedin", "x", "bluesky"), ["Hundreds of sign-ups that day", ""]),
                ("Reposted their job ad", ("linkedin", "mastodon"), ["Three applicants mentioned my post"]),
                ("Recommended their newsletter", ("x", "mastodon", "bluesky"), [""]),
                ("Shared their talk recording", ("linkedin", "mastodon"), [""])],
    "endorsement": [("Endorsed them for {skill}", ("linkedin",), [""]),
                    ("Wrote a recommendation on LinkedIn", ("linkedin",), ["They said it made the difference"])],
    "resource": [("Sent a good article on {topic}", None, [""]),
                 ("Lent them a book on {topic}", ("in person",), [""]),
                 ("Sent my notes on {topic}", ("email",), ["They used them in their talk", ""])],
    "time": [("Listened through a hard week", ("phone", "in person"), ["They said it made the difference", ""]),
             ("Helped them move flat", ("in person",), [""]),
             ("Spent the evening debugging with them", ("in person", "github"), ["Bug fixed, release shipped"]),
             ("Called after their bad news", ("phone",), [""])],
    "other": [("Dropped off soup when they were ill", ("in person",), [""]),
              ("Covered their meetup slot", ("in person",), [""]),
              ("Watered their plants while they travelled", ("in person",), [""])],
}
SKILLS = ["product strategy", "Python", "data engineering", "user research", "facilitation"]

CIRCLE_RATE = {"close": 0.8, "work": 0.3, "community": 0.15, "quiet": 0.35, "new": 0.25, "far": 0.06}


def make_id(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def stamp(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(7, 22), rng.choice((0, 15, 30, 45))), tzinfo=UTC)


def build(rng: random.Random) -> dict:
    first = ANCHOR_MONDAY - timedelta(weeks=WEEKS - 1)
    contacts: list[Contact] = []
    circle: dict[str, str] = {}
    platforms: dict[str, list[str]] = {}
    joined: dict[str, date] = {}
    for name, plats, tags, met, notes, cadence, birthday, kind in PEOPLE:
        if kind == "new":
            day = first + timedelta(days=rng.randint(35, 80))
        else:
            day = first - timedelta(days=rng.randint(60, 900))
        c = Contact(name, platforms=plats, tags=tags, how_met=met, notes=notes, cadence_days=cadence,
                    birthday=birthday, id=make_id(rng), created=stamp(day, rng), updated=stamp(day, rng))
        if c.updated < c.created:
            c.updated = c.created
        contacts.append(c)
        circle[c.id] = kind
        platforms[c.id] = [p.platform for p in c.platforms]
        joined[c.id] = day

    interactions: list[Interaction] = []
    acts: list[HelpfulAct] = []
    names = {c.id: c.name for c in contacts}

    def topic() -> str:
        return rng.choice(TOPICS)

    def fill(template: str) -> str:
        return template.format(topic=topic(), project=rng.choice(PROJECTS), news=rng.choice(NEWS))

    def add_interaction(cids, day, kind, platform, note, real=True) -> None:
        interactions.append(Interaction(cids, day, kind=kind, platform=platform, real=real, note=note,
                                        id=make_id(rng), created=stamp(day, rng), updated=stamp(day, rng)))

    for c in contacts:
        kind = circle[c.id]
        if kind == "new":
            day = joined[c.id]
            plat = platforms[c.id][0]
            note = rng.choice(NEW_NOTES).format(event=rng.choice(EVENTS), platform=plat)
            add_interaction([c.id], day, "new connection", plat, note)

    for w in range(WEEKS):
        monday = first + timedelta(weeks=w)
        for c in contacts:
            kind = circle[c.id]
            if kind == "quiet" and w >= 4:
                continue  # they have gone quiet: nothing in the last two months
            if kind == "new" and monday < joined[c.id]:
                continue
            if rng.random() > CIRCLE_RATE[kind]:
                continue
            day = monday + timedelta(days=rng.randint(0, 6))
            plat = rng.choice(platforms[c.id])
            roll = rng.random()
            social = [p for p in platforms[c.id]
                      if p in ("linkedin", "x", "mastodon", "bluesky", "instagram", "github")]
            if roll < 0.2 and social:
                plat = rng.choice(social)
                add_interaction([c.id], day, rng.choice(("message", "other")),
                                plat, fill(rng.choice(PASSIVE_NOTES)), real=False)
            elif plat == "in person":
                ik = rng.choice(("meeting", "conversation", "event"))
                notes = MEETING_NOTES if ik == "meeting" else EVENT_NOTES if ik == "event" else TALK_NOTES
                add_interaction([c.id], day, ik, plat, fill(rng.choice(notes)))
            elif plat in ("email", "x", "bluesky", "mastodon", "instagram", "facebook"):
                add_interaction([c.id], day, "message", plat, fill(rng.choice(MESSAGE_NOTES)))
            elif plat == "phone":
                add_interaction([c.id], day, "conversation", plat, fill(rng.choice(TALK_NOTES)))
            else:
                ik = rng.choice(("conversation", "message", "meeting"))
                notes = {"conversation": TALK_NOTES, "message": MESSAGE_NOTES, "meeting": CALL_NOTES}[ik]
                add_interaction([c.id], day, ik, plat, fill(rng.choice(notes)))
        # A group moment now and then.
        if w % 3 == 1:
            group = rng.sample([c for c in contacts if circle[c.id] in ("work", "close")], 3)
            day = monday + timedelta(days=3)
            add_interaction([c.id for c in group], day, "event", "in person",
                            f"Data meetup: {topic()} talk, drinks after")

        # Helpful acts: four to seven a week.
        helpable = [c for c in contacts
                    if not (circle[c.id] == "quiet" and w >= 4)
                    and not (circle[c.id] == "new" and monday < joined[c.id])]
        weights = [{"close": 6, "work": 3, "community": 2, "quiet": 3, "new": 2, "far": 1}[circle[c.id]]
                   for c in helpable]
        for _ in range(rng.randint(4, 7)):
            who = rng.choices(helpable, weights=weights)[0]
            ak = rng.choices(list(ACT_NOTES), weights=[5, 3, 1, 5, 4, 2, 3, 3, 1])[0]
            cids = [who.id]
            other = rng.choice([c for c in helpable if c.id != who.id])
            if ak == "introduction":
                cids.append(other.id)
            # Only what fits where they can be reached (anyone can be met in person).
            reachable = {*platforms[who.id], "in person"}
            options = [o for o in ACT_NOTES[ak] if o[1] is None or reachable & set(o[1])]
            if not options:
                ak = "advice"
                options = ACT_NOTES[ak]
            text, where, outcomes = rng.choice(options)
            note = text.format(topic=topic(), other=other.name.split()[0], skill=rng.choice(SKILLS))
            plat = rng.choice(sorted(reachable & set(where)) if where else platforms[who.id])
            day = monday + timedelta(days=rng.randint(0, 6))
            impact = rng.choices(("day", "week", "month", "year"), weights=[5, 4, 2, 1])[0]
            minutes = {"amplify": 2, "endorsement": 5, "resource": 10, "introduction": 15, "referral": 20,
                       "advice": 40, "feedback": 60, "time": 120, "other": 30}[ak]
            minutes = max(1, int(minutes * rng.uniform(0.5, 1.6)))
            outcome = rng.choice(outcomes) if impact in ("week", "month", "year") else ""
            acts.append(HelpfulAct(cids, day, note, kind=ak, impact=impact, asked=rng.random() < 0.4,
                                   minutes=None if rng.random() < 0.15 else minutes, platform=plat,
                                   outcome=outcome, id=make_id(rng), created=stamp(day, rng),
                                   updated=stamp(day, rng)))

    # A birthday wish in the week of a birthday.
    for c in contacts:
        if c.birthday is None:
            continue
        for w in range(WEEKS):
            monday = first + timedelta(weeks=w)
            for d in range(7):
                day = monday + timedelta(days=d)
                if (day.month, day.day) == (c.birthday.month, c.birthday.day):
                    add_interaction([c.id], day, "message", rng.choice(platforms[c.id]), "Birthday wishes")

    audits: list[WeeklyAudit] = []
    for back, hours, intention in ((1, 7.5, "Call Isabella before the café opens"),
                                   (2, 9.0, "Less scrolling on X; two real conversations a day"),
                                   (3, 6.0, "Introduce Fatima to Sofia"),
                                   (5, 11.5, "Reply to the mentees within a day")):
        monday = ANCHOR_MONDAY - timedelta(weeks=back)
        key = "{}-W{:02d}".format(*monday.isocalendar()[:2])
        real = rng.randint(35, 55)
        help_ = rng.randint(15, 30)
        new = rng.randint(5, 15)
        answers = {
            "hours": hours,
            "shares": {"new": new, "real": real, "help": help_, "other": 100 - new - real - help_},
            "ratings": {k: rng.randint(2, 5) for k in ("smart", "useful", "helpful", "worth_knowing")},
            "support": rng.randint(8, 14),
            "good_turn": rng.choice(("yes", "yes", "no")),
            "platforms": {"linkedin": "yes", "x": rng.choice(("no", "unsure")), "mastodon": "yes",
                          "bluesky": rng.choice(("yes", "unsure")), "instagram": "unsure"},
        }
        done = datetime.combine(monday + timedelta(days=6), time(19, 30), tzinfo=UTC)
        audits.append(WeeklyAudit(key, answers=answers, intention=intention, completed=done, id=make_id(rng),
                                  created=done, updated=done))

    interactions = [i for i in interactions if i.on <= LAST_DAY]
    acts = [a for a in acts if a.on <= LAST_DAY]
    interactions.sort(key=lambda r: (r.on, r.created, r.id))
    acts.sort(key=lambda r: (r.on, r.created, r.id))
    assert len(names) == len(contacts)
    return {
        "format": "smn-demo",
        "version": 1,
        "anchor_week_monday": ANCHOR_MONDAY.isoformat(),
        "contacts": [c.to_doc() for c in contacts],
        "interactions": [i.to_doc() for i in interactions],
        "acts": [a.to_doc() for a in acts],
        "audits": [a.to_doc() for a in audits],
    }


def render() -> str:
    return json.dumps(build(random.Random(SEED)), indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date; run python tools/make_demo.py", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    data = json.loads(text)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data['contacts'])} contacts, "
          f"{len(data['interactions'])} interactions, {len(data['acts'])} acts, {len(data['audits'])} audits")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
