"""The shipped demo journal and the fresh copy ``smn --demo`` opens."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta

import pytest

from smn_tui.domain.dates import week_of
from smn_tui.domain.models import Contact, HelpfulAct, Interaction, WeeklyAudit
from smn_tui.exchange.demo import DemoError, demo_records, load_demo, write_demo_journal
from smn_tui.resources import data_file
from smn_tui.storage.store import JournalStore

from ..seed import TODAY

SHIPPED = data_file("demo_journal.json")


@pytest.fixture(scope="module")
def demo():
    return load_demo()


GENERATOR = SHIPPED.parent.parent / "tools" / "make_demo.py"


@pytest.mark.skipif(not GENERATOR.exists(), reason="the generator ships only in the source repository")
def test_shipped_demo_is_what_the_generator_writes():
    result = subprocess.run([sys.executable, str(GENERATOR), "--check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_shipped_demo_is_a_rich_made_up_journal(demo):
    records = demo_records(demo, date.fromisoformat(demo["anchor_week_monday"]) + timedelta(days=6))
    contacts = [r for r in records if isinstance(r, Contact)]
    interactions = [r for r in records if isinstance(r, Interaction)]
    acts = [r for r in records if isinstance(r, HelpfulAct)]
    audits = [r for r in records if isinstance(r, WeeklyAudit)]
    assert 35 <= len(contacts) <= 45
    assert len({c.name for c in contacts}) == len(contacts)
    platforms = Counter(p for c in contacts for p in c.platform_names)
    assert len(platforms) >= 8
    assert sum(1 for c in contacts if c.birthday) >= 3
    assert sum(1 for c in contacts if c.cadence_days) >= 15
    weeks = {week_of(r.on).key for r in (*interactions, *acts)}
    assert len(weeks) == 12
    assert len({i.kind for i in interactions}) >= 5 and any(not i.real for i in interactions)
    assert len({a.kind for a in acts}) >= 7 and {a.impact for a in acts} == {"day", "week", "month", "year"}
    assert any(len(a.contact_ids) > 1 for a in acts)
    assert 3 <= len(audits) <= 6
    for audit in audits:
        assert {"hours", "shares", "ratings", "support", "good_turn", "platforms"} <= audit.answers.keys()
        assert sum(audit.answers["shares"].values()) == 100
        assert audit.intention and audit.is_complete


def test_demo_is_shifted_so_its_last_week_is_this_week(tmp_path, demo):
    before = hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    target = tmp_path / "demo" / "journal.json"
    n = write_demo_journal(target, TODAY)
    assert hashlib.sha256(SHIPPED.read_bytes()).hexdigest() == before
    with JournalStore(target) as store:
        stats = store.stats()
        assert sum(stats.values()) == n
        assert stats["contacts"] == len(demo["contacts"])
        this = week_of(TODAY)
        assert store.interactions_in(this) and store.acts_in(this)
        everything = [*store.interactions_between(date(1900, 1, 1), date(2100, 1, 1)),
                      *store.acts_between(date(1900, 1, 1), date(2100, 1, 1))]
        assert max(r.on for r in everything) <= TODAY
        assert min(r.on for r in everything) >= this.shift(-11).start
        assert all(r.created.date() <= TODAY for r in everything)
        assert all(c.created.date() <= TODAY for c in store.contacts(include_archived=True))
        assert store.due_contacts(TODAY)  # some people are overdue
        quiet = [c for c in store.contacts() if store.last_contact(c.id) is not None
                 and store.last_contact(c.id) < TODAY - timedelta(weeks=6)]
        assert quiet  # and some have gone quiet
        assert all(a.week < this.key for a in store.audits())
        assert this.previous().key in {a.week for a in store.audits()}


def test_weekdays_stay_the_same_whatever_today_is(tmp_path, demo):
    anchor = date.fromisoformat(demo["anchor_week_monday"])
    original = sorted(d["on"] for d in demo["acts"])
    later = date(2027, 6, 16)  # a Wednesday, 29 weeks on
    shifted = sorted(r.on for r in demo_records(demo, later) if isinstance(r, HelpfulAct))
    kept = [d for d in original if date.fromisoformat(d) <= anchor + timedelta(days=2)]
    assert len(shifted) == len(kept)
    assert [(date.fromisoformat(d) + timedelta(weeks=29)) for d in kept] == shifted
    assert {d.weekday() for d in shifted} <= {date.fromisoformat(d).weekday() for d in original}


def test_on_a_monday_nothing_lies_in_the_future(demo):
    monday = date(2027, 1, 4)
    records = demo_records(demo, monday)
    assert max(r.on for r in records if isinstance(r, (Interaction, HelpfulAct))) <= monday


def test_demo_never_overwrites_a_journal_or_the_shipped_folder(tmp_path):
    target = tmp_path / "journal.json"
    write_demo_journal(target, TODAY)
    with pytest.raises(DemoError, match="already exists"):
        write_demo_journal(target, TODAY)
    with pytest.raises(DemoError, match="shipped data folder"):
        write_demo_journal(SHIPPED.parent / "journal.json", TODAY)
    assert not (SHIPPED.parent / "journal.json").exists()


def test_unreadable_demo_source_is_a_clear_error(tmp_path):
    bad = tmp_path / "demo.json"
    bad.write_text('{"format": "something else"}')
    with pytest.raises(DemoError, match="not an smn demo"):
        write_demo_journal(tmp_path / "out" / "journal.json", TODAY, source=bad)


def test_demo_copy_for_the_app_is_this_week(tmp_path):
    from smn_tui.cli.run_app import demo_copy

    path = demo_copy(tmp_path)
    with JournalStore(path) as store:
        assert store.stats()["contacts"] == 40
        assert store.interactions_in(week_of(date.today()))
