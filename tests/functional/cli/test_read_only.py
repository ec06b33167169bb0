"""Commands that only read never write: no compaction, no backup, no journal created."""

from __future__ import annotations

import shutil

import pytest

from smn_tui.storage.store import JournalStore

from .helpers import smn

READERS = [["contact", "list"], ["contact", "list", "--all", "--format", "json"], ["contact", "show", "ada"],
           ["contact", "show", "ada", "--format", "json"], ["due"], ["week"], ["week", "--format", "md"],
           ["week", "--format", "json"], ["export", "json"], ["export", "vcard"], ["export", "md"], ["doctor"],
           ["settings"]]


def snapshot(folder):
    return {p.relative_to(folder): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("argv", READERS, ids=" ".join)
def test_a_reading_command_changes_no_file(small_db, argv):
    with JournalStore(small_db) as store:  # a change log to fold in, and a daily backup due
        store.update_contact(store.resolve_name("Ada"))
    shutil.rmtree(small_db.parent / "backups", ignore_errors=True)
    before = snapshot(small_db.parent)
    assert any(str(p).endswith(".log") for p in before)
    r = smn(*argv, db=small_db)
    assert r.code == 0, r.err
    assert snapshot(small_db.parent) == before


@pytest.mark.parametrize("argv", [a for a in READERS if a[:2] != ["contact", "show"]], ids=" ".join)
def test_a_reading_command_creates_no_journal(db, argv):
    r = smn(*argv, db=db)
    assert r.code in (0, 1)
    assert not db.parent.exists()


def test_show_on_a_missing_journal_says_there_is_nobody(db):
    r = smn("contact", "show", "ada", db=db)
    assert r.code == 1 and "No contact called 'ada'" in r.err
    assert not db.parent.exists()
