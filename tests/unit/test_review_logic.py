"""The weekly review's sections against the seed journal (expected values worked out from tests/seed.py)."""

from __future__ import annotations

import io
import os
import stat
from datetime import UTC, date, datetime, timedelta

import orjson
import pytest

from smn_tui.cli import main
from smn_tui.domain.dates import SUNDAY, week_from_key, week_of
from smn_tui.domain.models import Contact, HelpfulAct, Interaction, WeeklyAudit
from smn_tui.domain.review import answer_number, audit_streak, build_review
from smn_tui.exchange.report import md, render_review, sparkline, write_new_file

from ..seed import TODAY

W48 = week_of(TODAY)  # Mon 23 .. Sun 29 Nov 2026
DONE = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)


def names(items) -> list[str]:
    return [x.contact.name for x in items]


# ---------------------------------------------------------------- who you helped


def test_who_you_helped_this_week(seeded):
    store, _ = seeded
    r = build_review(store, W48, TODAY)
    # One act each; ties in name order. The introduction is listed under both people.
    assert names(r.helped) == ["Ada Lovelace", "Grace Hopper", "Marie Curie", "Rosalind Franklin"]
    assert [[a.note for a in p.acts] for p in r.helped] == [
        ["Reviewed her grant proposal"], ["Shared her compiler talk"],
        ["Introduced Marie to Rosalind"], ["Introduced Marie to Rosalind"],
    ]
    assert len(r.acts) == 3 and r.people_helped == 4
    assert r.minutes_given == 45 + 15 + 5
    assert r.impact_counts == {"day": 1, "week": 0, "month": 1, "year": 1}


def test_most_acts_first_and_acts_newest_first(seeded):
    store, c = seeded
    store.add_act(HelpfulAct([c["Rosalind"].id], TODAY - timedelta(days=2), "Proofread a paper", kind="feedback"))
    store.add_act(HelpfulAct([c["Rosalind"].id], TODAY, "Sent a dataset", kind="resource"))
    store.add_act(HelpfulAct([c["Grace"].id], TODAY, "Reviewed a patch", kind="feedback"))
    r = build_review(store, W48, TODAY)
    assert [(p.contact.name, len(p.acts)) for p in r.helped] == [
        ("Rosalind Franklin", 3), ("Grace Hopper", 2), ("Ada Lovelace", 1), ("Marie Curie", 1)]
    assert [a.note for a in r.helped[0].acts] == [
        "Sent a dataset", "Introduced Marie to Rosalind", "Proofread a paper"]


def test_acts_outside_the_week_are_not_in_it(seeded):
    store, _ = seeded
    r = build_review(store, W48.previous(), TODAY)  # W47: 16..22 Nov, no acts in the seed
    assert r.helped == [] and r.acts == []
    r = build_review(store, W48.shift(-3), TODAY)  # W45: Tim's endorsement, 20 days ago
    assert [(p.contact.name, p.acts[0].on) for p in r.helped] == [("Tim Berners-Lee", TODAY - timedelta(days=20))]


# ---------------------------------------------------------------- new connections, interactions


def test_connections_and_real_interactions_by_platform(seeded):
    store, c = seeded
    r = build_review(store, W48, TODAY)
    assert r.real_by_platform == {"linkedin": 2, "in person": 1}
    assert r.passive_by_platform == {"bluesky": 1}  # Alan: a like is not a real interaction
    assert r.new_by_platform == {"linkedin": 1}
    assert [i.contact_ids for i in r.new_connections] == [[c["Claude"].id]]
    assert (r.real_interactions, r.passive_interactions) == (3, 1)
    assert r.platforms == ["linkedin", "bluesky", "in person"]


# ---------------------------------------------------------------- losing touch


def test_overdue_for_their_cadence(seeded):
    store, c = seeded
    r = build_review(store, W48, TODAY)
    # Hedy: every 60 d, last a message 100 days ago -> due 40 days ago.
    # Barbara: every 90 d, never contacted, added 1 Aug -> due 30 Oct, 26 days ago.
    # Everyone else with a cadence was in touch recently enough (Alan's like counts for the cadence).
    assert [(d.contact.name, d.days_overdue, d.last) for d in r.due] == [
        ("Hedy Lamarr", 40, TODAY - timedelta(days=100)), ("Barbara Liskov", 26, None)]
    assert r.due_total == 2
    # Getting in touch takes Hedy off the list at once (nothing stale is kept between reviews).
    store.add_interaction(Interaction([c["Hedy"].id], TODAY, kind="message", platform="instagram"))
    assert names(build_review(store, W48, TODAY).due) == ["Barbara Liskov"]
    store.update_contact(Contact(**{**c["Ada"].__dict__, "cadence_days": 1}))  # last seen today: due tomorrow
    assert names(build_review(store, W48, TODAY).due) == ["Barbara Liskov", "Ada Lovelace"]


def test_due_ranked_is_the_head_of_due_contacts(seeded):
    store, _ = seeded
    extra = [Contact(f"Person {n:02d}", cadence_days=7 + n % 5, created=datetime(2026, 10, n % 28 + 1, tzinfo=UTC))
             for n in range(40)]
    store.add_many(extra)
    store.add_interaction(Interaction([extra[3].id], TODAY - timedelta(days=2)))
    store.archive_contact(extra[5].id)
    for today in (TODAY, TODAY + timedelta(days=10), date(2026, 10, 20)):
        full = store.due_contacts(today)
        for limit in (1, 7, 100):
            head, ids = store.due_ranked(today, limit)
            assert [(d.contact.id, d.days_overdue, d.due, d.last) for d in head] == \
                   [(d.contact.id, d.days_overdue, d.due, d.last) for d in full[:limit]]
            assert ids == {d.contact.id for d in full}


def test_strong_tie_gone_quiet_is_alan(seeded):
    store, _ = seeded
    r = build_review(store, W48, TODAY)
    # Alan: weekly chats 29, 36, ... 78 days ago (8 of them, all in the 12 weeks before the
    # last 3), then only a passive like 2 days ago. Grace talks every week (not quiet);
    # Katherine has one real interaction in the window (not a strong tie by this measure).
    assert [(q.contact.name, q.before, q.last, q.days) for q in r.quiet] == [
        ("Alan Turing", 8, TODAY - timedelta(days=29), 29)]
    # The same as of any reviewed week: losing touch is always as of today.
    assert names(build_review(store, W48.shift(-5), TODAY).quiet) == ["Alan Turing"]


def _talks(store, cid, days_ago, *, real=True):
    store.add_many([Interaction([cid], TODAY - timedelta(days=d), real=real) for d in days_ago])


def test_quiet_tie_boundaries(store):
    people = {n: Contact(n) for n in ("Four", "Three", "Recent", "Helped", "Passive", "Edge", "Old", "Archived", "Due")}
    people["Due"] = Contact("Due", cadence_days=30)
    store.add_many(people.values())
    ids = {n: p.id for n, p in people.items()}
    _talks(store, ids["Four"], [21, 40, 60, 104])        # 4 in days 21..104, none since: quiet
    _talks(store, ids["Three"], [30, 40, 50])            # only 3: not a strong tie
    _talks(store, ids["Recent"], [30, 40, 50, 60])
    _talks(store, ids["Recent"], [20])                   # a real interaction in the last 3 weeks
    _talks(store, ids["Helped"], [30, 40, 50, 60])
    store.add_act(HelpfulAct([ids["Helped"]], TODAY - timedelta(days=5), "Sent notes"))  # an act counts as in touch
    _talks(store, ids["Passive"], [30, 40, 50, 60])
    _talks(store, ids["Passive"], [1, 2, 3], real=False)  # likes do not
    _talks(store, ids["Edge"], [30, 40, 50, 105])        # the 4th is outside the 12 weeks
    _talks(store, ids["Old"], [30, 40, 50, 60])
    _talks(store, ids["Archived"], [30, 40, 50, 60])
    store.archive_contact(ids["Archived"])
    _talks(store, ids["Due"], [40, 50, 60, 70])          # overdue by cadence: listed there, not twice
    r = build_review(store, W48, TODAY)
    assert {(q.contact.name, q.before, q.days) for q in r.quiet} == {
        ("Four", 4, 21), ("Passive", 4, 30), ("Old", 4, 30)}
    assert names(r.quiet) == ["Old", "Passive", "Four"]  # same count: longest quiet first, then name
    assert names(r.due) == ["Due"]


# ---------------------------------------------------------------- audit vs journal, trends, streak


def test_audit_vs_journal(seeded):
    store, _ = seeded
    r = build_review(store, W48, TODAY)
    assert r.audit is None and r.audit_hours is None and r.audit_support is None
    r = build_review(store, W48.previous(), TODAY)
    assert (r.audit_hours, r.audit_support) == (6, 12)
    assert r.audit.intention == "Call Hedy"
    assert (len(r.acts), r.people_helped, r.minutes_given) == (0, 0, 0)


def test_answer_numbers_are_read_leniently():
    a = WeeklyAudit("2026-W48", answers={"hours": "7,5", "support": True,
                                         "split": {"x": 2, "linkedin": "1.5", "n": None}})
    assert answer_number(a, "hours") == 7.5
    assert answer_number(a, "support") is None
    assert answer_number(a, "split") == 3.5
    assert answer_number(a, "missing") is None
    assert answer_number(None, "hours") is None


def test_trends_for_twelve_weeks(seeded):
    store, _ = seeded
    r = build_review(store, W48, TODAY)
    assert [t.week.key for t in r.trends] == [f"2026-W{n}" for n in range(37, 49)]
    # Katherine is helped every other week (W38, W40, W42, W44, W46), Tim in W45, 3 acts this week.
    assert r.series("acts") == [0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 3]
    assert r.series("people") == [0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 4]
    # Grace every week W37-W47, Alan weekly W37-W44, Katherine's call in W42; this week 3.
    assert r.series("real") == [2, 2, 2, 2, 2, 3, 2, 2, 1, 1, 1, 3]
    assert r.series("hours") == [None] * 9 + [8, 6, None]
    assert r.series("support") == [None] * 9 + [10, 12, None]
    assert [t.audit_complete for t in r.trends] == [False] * 9 + [True, True, False]
    # Ending on an earlier week moves the window with it.
    earlier = build_review(store, W48.shift(-2), TODAY)
    assert [t.week.key for t in earlier.trends][-1] == "2026-W46"
    assert earlier.series("real") == [0, 0, *r.series("real")[:10]]


def test_trends_read_each_table_once(seeded, monkeypatch):
    store, _ = seeded
    calls = []
    real = store.entry_facts_between
    monkeypatch.setattr(store, "entry_facts_between", lambda t, s, e: calls.append((t, s, e)) or real(t, s, e))
    build_review(store, W48, TODAY)
    assert sorted(t for t, _, _ in calls) == ["acts", "interactions"]
    (_, start, end), _ = calls
    assert start <= W48.shift(-11).start and end >= W48.end


def test_audit_streak(seeded):
    store, _ = seeded
    audits = {a.week: a for a in store.audits()}
    assert audit_streak(audits, W48) == 2  # this week not done yet does not break it
    assert audit_streak(audits, W48.previous()) == 2
    assert audit_streak(audits, W48.shift(-2)) == 1
    assert audit_streak(audits, W48.shift(-3)) == 0
    store.save_audit(WeeklyAudit("2026-W48", answers={"hours": 5}, completed=DONE))
    assert build_review(store, W48, TODAY).streak == 3
    store.save_audit(WeeklyAudit("2026-W47", answers={"hours": 6}))  # back to a draft
    assert build_review(store, W48, TODAY).streak == 1


def test_sunday_weeks_use_the_same_keys(seeded):
    store, _ = seeded
    week = week_of(TODAY, SUNDAY)  # Sun 22 .. Sat 28 Nov, still 2026-W48
    r = build_review(store, week, TODAY)
    assert r.week.key == "2026-W48" and r.trends[-1].week == week
    assert r.streak == 2


# ---------------------------------------------------------------- reports


def test_markdown_sections_for_the_seed_week(seeded):
    store, _ = seeded
    text = render_review(build_review(store, W48, TODAY), "md")
    for line in [
        "# Week 2026-W48 · 23–29 Nov 2026",
        "- **Ada Lovelace** (1)",
        "  - Wed 25 Nov · feedback · made their month, 45 min — Reviewed her grant proposal",
        "3 acts for 4 people, 65 min given.",
        "| linkedin | 1 | 2 | 0 |",
        "- **Hedy Lamarr**: overdue by 40 d (every 60 d, last 3 mo ago)",
        "- **Barbara Liskov**: overdue by 26 d (every 90 d, never contacted)",
        "- **Alan Turing**: quiet for 29 d (8 real interactions in the 12 weeks before, last Tue 27 Oct)",
        "Audit: not done yet.",
        "| Helpful acts | ▁▃▁▃▁▃▁▃▃▃▁█ | 3 | 0.8 |",
        "| Hours on social | ·········█▆· | — | 7.0 |",
        "Audit streak: 2 weeks in a row.",
    ]:
        assert line in text.splitlines(), line
    order = [text.index(h) for h in ("## Who you helped", "## New connections", "## Losing touch",
                                      "## Audit vs journal", "## Trends")]
    assert order == sorted(order)


def test_markdown_escapes_user_text(store):
    eve = Contact("[bold red]Eve[/] *star* _u_ `tick` <b>|#")
    store.add_contact(eve)
    store.add_act(HelpfulAct([eve.id], TODAY, "**loud** [link](http://x)\nsecond line ~~gone~~ & <i>"))
    text = render_review(build_review(store, W48, TODAY), "md")
    assert r"- **\[bold red\]Eve\[/\] \*star\* \_u\_ \`tick\` \<b\>\|\#** (1)" in text
    assert r"\*\*loud\*\* \[link\](http://x) second line \~\~gone\~\~ \& \<i\>" in text
    assert "[bold red]" not in text and "**loud**" not in text
    plain = render_review(build_review(store, W48, TODAY), "text")
    assert "[bold red]Eve[/] *star*" in plain  # plain text stays as typed
    assert md("a\r\nb\tc") == "a  b c"


def test_sparkline():
    assert sparkline([0, 1, 2, 4]) == "▁▃▅█"
    assert sparkline([None, 0, 0]) == "·▁▁"
    assert sparkline([]) == ""
    assert sparkline([0.1, 10]) == "▂█"  # anything above zero shows above the floor


def test_json_keeps_interactions_acts_people_and_answers(seeded):
    store, c = seeded
    data = orjson.loads(render_review(build_review(store, W48.previous(), TODAY), "json"))
    assert data["audit"]["answers"] == {"hours": 6, "support": 12}
    data = orjson.loads(render_review(build_review(store, W48, TODAY), "json"))
    intro = next(a for a in data["acts"] if a["kind"] == "introduction")
    assert intro["contacts"] == [{"id": c["Marie"].id, "name": "Marie Curie"},
                                 {"id": c["Rosalind"].id, "name": "Rosalind Franklin"}]
    assert len(data["interactions"]) == 4 and data["interactions"][0]["contacts"][0]["name"] == "Ada Lovelace"
    assert [q["name"] for q in data["losing_touch"]["quiet"]] == ["Alan Turing"]
    assert [t["acts"] for t in data["trends"]][-1] == 3 and data["audit_streak"] == 2


def test_smn_week_md_is_the_shared_report(seeded, journal_path):
    store, _ = seeded
    out, err = io.StringIO(), io.StringIO()
    assert main(["week", "--db", str(journal_path), "--format", "md", "--week", "2026-W48"],
                today=TODAY, out=out, err=err) == 0, err.getvalue()
    assert out.getvalue() == render_review(build_review(store, week_from_key("2026-W48"), TODAY), "md")


def test_empty_week(store):
    r = build_review(store, W48, TODAY)
    assert (r.helped, r.due, r.quiet, r.streak) == ([], [], [], 0)
    assert r.series("acts") == [0] * 12 and r.series("hours") == [None] * 12
    text = render_review(r, "md")
    assert "No helpful acts logged this week." in text
    assert "Nobody: everyone with a cadence is in touch" in text


# ---------------------------------------------------------------- export files


def test_write_new_file_never_overwrites(tmp_path):
    first = write_new_file(tmp_path, "smn-review-2026-W48.md", "one\n")
    second = write_new_file(tmp_path, "smn-review-2026-W48.md", "two\n")
    third = write_new_file(tmp_path, "smn-review-2026-W48.md", "three\n")
    assert [p.name for p in (first, second, third)] == [
        "smn-review-2026-W48.md", "smn-review-2026-W48-2.md", "smn-review-2026-W48-3.md"]
    assert [p.read_text() for p in (first, second, third)] == ["one\n", "two\n", "three\n"]
    if os.name == "posix":
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (first, second, third))


def test_write_new_file_reports_a_missing_folder(tmp_path):
    with pytest.raises(OSError):
        write_new_file(tmp_path / "nope", "x.md", "x")


def test_span_stays_short():
    from smn_tui.exchange.report import span

    assert [span(n) for n in (0, 40, 59, 60, 400, 729, 3617)] == [
        "0 d", "40 d", "59 d", "2 mo", "13 mo", "24 mo", "9 y"]


def test_the_people_met_follow_the_counts_and_skip_the_deleted(seeded):
    store, c = seeded
    r = build_review(store, W48, TODAY)
    groups = {g.key: g for g in r.met}
    assert [g.key for g in r.met] == ["new", "real", "passive"]
    # A real new connection counts as both, as in the totals: 1 new, 3 real, 1 passive.
    assert (groups["new"].count, groups["real"].count, groups["passive"].count) == (
        len(r.new_connections), r.real_interactions, r.passive_interactions)
    assert [p.name for p in groups["real"].people] == ["Ada Lovelace", "Claude Shannon", "Marie Curie",
                                                        "Rosalind Franklin"]
    store.delete_contact(c["Alan"].id)
    assert [g.key for g in build_review(store, W48, TODAY).met] == ["new", "real"]
