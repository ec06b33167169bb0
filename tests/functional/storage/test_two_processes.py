"""The app and the command line on one journal at the same time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from smn_tui.domain.models import Contact, HelpfulAct
from smn_tui.storage.journal_file import JournalLockedError
from smn_tui.storage.store import JournalStore

from ...seed import TODAY
from ...storage.encrypted import journal_kind  # noqa: F401  (a fixture)

#: Each test runs on a plain journal and on an encrypted one.
pytestmark = pytest.mark.usefixtures("journal_kind")

ROOT = Path(__file__).resolve().parents[3]


def smn(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "smn_tui", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=60)


def test_cli_writes_while_the_app_is_open_and_the_app_sees_it(journal_path):
    app = JournalStore(journal_path, app=True)
    app.add_contact(Contact("Ada Lovelace", id="c-ada"))
    assert app.acts_for("c-ada") == []
    version = app.version
    done = smn("helped", "Ada", "sent the paper", "--db", str(journal_path))
    assert done.returncode == 0, done.stderr
    assert app.refresh() is True and app.version > version
    assert [a.note for a in app.acts_for("c-ada")] == ["sent the paper"]
    done = smn("contact", "add", "Grace Hopper", "--db", str(journal_path))
    assert done.returncode == 0, done.stderr
    app.refresh()
    assert [c.name for c in app.find_contacts("grace")] == ["Grace Hopper"]  # search index refreshed too
    assert app.refresh() is False
    app.close()


def test_alternating_writers_lose_nothing_across_compactions(journal_path):
    a = JournalStore(journal_path, app=True)
    b = JournalStore(journal_path)
    a.add_contact(Contact("Ada", id="c1"))
    expected = []
    for i in range(12):
        writer = a if i % 2 == 0 else b
        act = HelpfulAct(["c1"], TODAY, f"act {i}", id=f"a{i:02d}")
        writer.add_act(act)
        expected.append(act.id)
        if i == 5:
            b.compact()  # the other process folds the log into a new snapshot
        if i == 8:
            a.compact()
    b.add_contact(Contact("Grace", id="c2"))
    a.add_act(HelpfulAct(["c2"], TODAY, "for grace", id="a-grace"))  # needs b's contact: catches up first
    for s in (a, b):
        s.refresh()
        assert sorted(x.id for x in s.acts_for("c1")) == expected
        assert s.get_act("a-grace").contact_ids == ["c2"]
    b.close()
    a.close()
    with JournalStore(journal_path) as fresh:
        assert sorted(x.id for x in fresh.acts_for("c1")) == expected
        assert fresh.stats()["acts"] == 13


def test_compaction_elsewhere_is_noticed_even_without_a_log(journal_path):
    """A store that saw no log must still notice a new snapshot written by another process."""
    with JournalStore(journal_path) as s:
        s.add_contact(Contact("Ada", id="c1"))
        s.compact()
    journal_path.with_name("journal.json.log").unlink()
    a = JournalStore(journal_path, app=True)
    b = JournalStore(journal_path)
    b.add_act(HelpfulAct(["c1"], TODAY, "from b", id="a-b"))
    b.compact()
    b.close()
    assert a.refresh() is True
    assert [x.id for x in a.acts_for("c1")] == ["a-b"]
    a.add_act(HelpfulAct(["c1"], TODAY, "from a", id="a-a"))
    a.close()
    with JournalStore(journal_path) as fresh:
        assert sorted(x.id for x in fresh.acts_for("c1")) == ["a-a", "a-b"]


def test_entries_file_replaced_twice_under_a_lazy_reader(journal_path):
    with JournalStore(journal_path) as s:
        s.add_contact(Contact("Ada", id="c1"))
        s.add_act(HelpfulAct(["c1"], TODAY, "first", id="a1"))
        s.compact()
    lazy = JournalStore(journal_path)  # has read the head only
    other = JournalStore(journal_path)
    for i in range(3):
        other.add_act(HelpfulAct(["c1"], TODAY, f"more {i}", id=f"m{i}"))
        other.compact()
    other.close()
    assert sorted(x.id for x in lazy.acts_for("c1")) == ["a1", "m0", "m1", "m2"]
    lazy.close()


def test_second_app_window_gets_a_clear_message(journal_path):
    first = JournalStore(journal_path, app=True)
    with pytest.raises(JournalLockedError, match="already open"):
        JournalStore(journal_path, app=True)
    done = smn("--db", str(journal_path))  # the app itself, refused before any screen opens
    assert done.returncode == 1 and "already open" in done.stderr
    first.close()
    again = JournalStore(journal_path, app=True)  # free once the first one closed
    again.close()
