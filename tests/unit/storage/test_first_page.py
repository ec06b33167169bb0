"""The app's first screen comes from the names index; the head is read after it, on demand or in steps."""

from __future__ import annotations

import os

import pytest

from smn_tui.domain.models import Contact, HelpfulAct
from smn_tui.storage.journal_file import FIRST_PAGE_ROWS, JournalCorruptError, JournalFile
from smn_tui.storage.store import JournalStore

from ...seed import TODAY

NAMES = ["zoë Young", "Ada Lovelace", "ada Byron", "Émile Zola", "Grace Hopper", "Alan Turing"]


@pytest.fixture
def journal(journal_path):
    with JournalStore(journal_path) as s:
        people = s.add_many([Contact(n, platforms=["github:x", "email:x@example.org", "github:y"], tags=["t"])
                             for n in NAMES])
        s.add_many([Contact(f"Person {i:03}") for i in range(FIRST_PAGE_ROWS)])
        s.add_contact(Contact("Aaron Archived", archived=True))
        s.add_act(HelpfulAct([s.resolve_name("Grace Hopper").id], TODAY, "Reviewed a draft"))
        assert people
        s.compact()
    return journal_path


@pytest.fixture
def deferred(monkeypatch):
    """Every head counts as big (the real threshold is 1 MB)."""
    monkeypatch.setattr(JournalStore, "FIRST_PAGE_HEAD_BYTES", 0)


def test_the_page_holds_the_first_contacts_by_name_without_the_archived(journal):
    page = JournalFile(journal).read_first_page()
    with JournalStore(journal) as s:
        everyone = sorted((d for _, d in s.contact_docs() if not d.get("archived")),
                          key=lambda d: d["name"].casefold())
    assert page.shown == len(everyone) == len(NAMES) + FIRST_PAGE_ROWS
    assert [r[1] for r in page.rows] == [d["name"] for d in everyone[:FIRST_PAGE_ROWS]]
    assert page.rows[0][1] == "ada Byron" and "Aaron Archived" not in [r[1] for r in page.rows]
    grace = next(r for r in page.rows if r[1] == "Grace Hopper")
    assert grace[2] == ("github", "email") and grace[3] == ("t",)


def test_no_page_when_the_index_does_not_describe_the_journal_as_it_is(journal):
    jf = JournalFile(journal)
    assert jf.read_first_page() is not None
    # A contact added from the shell since: the page would miss them.
    with JournalStore(journal) as s:
        s.add_contact(Contact("Added Later"))
    assert jf.read_first_page() is None
    with JournalStore(journal) as s:
        s.compact()
    assert jf.read_first_page() is not None
    # An act logged from the shell changes no contact: the page still holds.
    with JournalStore(journal) as s:
        s.add_act(HelpfulAct([s.resolve_name("Ada Lovelace").id], TODAY, "Sent the notes"))
    assert jf.log_path.stat().st_size > 0 and jf.read_first_page() is not None
    # The head replaced behind the index's back, or the index damaged or missing.
    journal.write_bytes(journal.read_bytes() + b" ")
    assert jf.read_first_page() is None
    with JournalStore(journal) as s:
        s.compact()
    jf.names_path.write_bytes(b"\x00garbage")
    assert jf.read_first_page() is None
    jf.names_path.unlink()
    assert jf.read_first_page() is None


def test_a_small_journal_is_read_whole_at_once(journal):
    store = JournalStore(journal, app=True)
    try:
        assert store.head_loaded and store.first_page() is None
    finally:
        store.close()


def test_the_app_store_reads_the_head_when_anything_needs_it(journal, deferred):
    store = JournalStore(journal, app=True)
    try:
        assert not store.head_loaded and store.first_page().shown == len(NAMES) + FIRST_PAGE_ROWS
        assert not store.refresh()  # nothing to catch up with: the head is read whole later
        assert not store.entries_quick() and not store.entries_ready()
        grace = store.resolve_name("Grace Hopper")  # any query reads it
        assert store.head_loaded and store.first_page() is None
        assert [a.note for a in store.acts_for(grace.id)] == ["Reviewed a draft"]
    finally:
        store.close()


def test_the_reading_steps_start_with_the_head(journal, deferred):
    store = JournalStore(journal, app=True)
    try:
        steps = store.prepare_steps()
        next(steps)
        assert store.head_loaded and not store.file.entries_loaded
        list(steps)
        assert store.entries_ready()
        with JournalStore(journal) as other:
            assert store.contact_names() == other.contact_names()
            assert store.last_contact_dates() == other.last_contact_dates()
    finally:
        store.close()


def test_writes_before_the_head_is_read_are_kept(journal, deferred):
    store = JournalStore(journal, app=True)
    try:
        store.add_contact(Contact("New Person"))
        assert store.head_loaded
    finally:
        store.close()
    with JournalStore(journal) as s:
        assert s.resolve_name("New Person").name == "New Person"
        assert len(s.contact_names()) == len(NAMES) + FIRST_PAGE_ROWS + 2


def test_a_head_damaged_behind_a_matching_index_is_refused_on_reading(journal, deferred):
    st = os.stat(journal)
    raw = journal.read_bytes()
    with open(journal, "r+b") as fh:  # same inode, size and time: only reading it finds the damage
        fh.write(b"\x00" + raw[1:20])
    os.utime(journal, ns=(st.st_atime_ns, st.st_mtime_ns))
    store = JournalStore(journal, app=True)
    try:
        assert not store.head_loaded
        with pytest.raises(JournalCorruptError):
            store.resolve_name("Ada")
        with pytest.raises(JournalCorruptError):  # every later use too, never a half-read journal
            store.contact_names()
        assert not store.head_loaded
    finally:
        store.file.release_app()
    assert journal.read_bytes()[20:] == raw[20:]


def test_what_others_write_before_the_head_is_read_is_seen(journal, deferred):
    store = JournalStore(journal, app=True)
    try:
        with JournalStore(journal) as shell:
            shell.add_contact(Contact("From The Shell"))
        with JournalStore(journal) as shell:
            shell.add_contact(Contact("After A Compaction"))
            shell.compact()  # the head the page came from is gone
        assert not store.head_loaded
        list(store.prepare_steps())
        names = set(store.contact_names().values())
        assert {"From The Shell", "After A Compaction", "Grace Hopper"} <= names
        store.add_act(HelpfulAct([store.resolve_name("From The Shell").id], TODAY, "Welcomed them"))
    finally:
        store.close()
    with JournalStore(journal) as s:
        assert [a.note for a in s.acts_for(s.resolve_name("From The Shell").id)] == ["Welcomed them"]
