"""Migrating a v1 journal, daily rotating backups, file modes and the atomic replace."""

from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path

import orjson
import pytest

from smn_tui.domain.models import SCHEMA_VERSION, Contact, HelpfulAct, Interaction, WeeklyAudit
from smn_tui.storage import journal_file
from smn_tui.storage.backups import backup_due, list_backups
from smn_tui.storage.journal_file import StorageError, atomic_write_bytes
from smn_tui.storage.migrations import MIGRATIONS, migrate_tables
from smn_tui.storage.store import JournalStore

from ...seed import TODAY
from ...storage.util import FIXTURES

FIXTURE = FIXTURES / "journal_v1.json"
TYPES = {"contacts": Contact, "interactions": Interaction, "acts": HelpfulAct, "audits": WeeklyAudit}


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_migrations_are_ordered_and_complete():
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_v1_journal_is_migrated_with_a_backup_first(journal_path):
    journal_path.parent.mkdir(mode=0o700)
    shutil.copy(FIXTURE, journal_path)
    original = orjson.loads(FIXTURE.read_bytes())
    with JournalStore(journal_path) as s:
        assert s.meta["schema"] == SCHEMA_VERSION
        for name, cls in TYPES.items():
            assert s.count(name) == len(original[name])
            for doc in original[name].values():
                # Every record is kept, under its own id, and is valid for the models of today.
                get = {"contacts": s.get_contact, "interactions": s.get_interaction, "acts": s.get_act}.get(name)
                got = get(doc["id"]) if get else s.audit_for(doc["week"])
                assert got.id == doc["id"]
                stored = s.export_tables()[name][doc["id"]]
                cls.from_doc(stored)
        ada = s.get_contact("0a1b2c3d4e5f60718293a4b5c6d7e8f9")
        assert [(p.platform, p.handle) for p in ada.platforms] == [("linkedin", "in/ada"), ("email", "ada@example.org")]
        assert [a.note for a in s.acts_for(ada.id)] == ["Introduced her to a publisher"]
        assert s.audit_for("2026-W47").intention == "Call Grace"
        assert s.resolve_name("grace").name == "Grace Hopper"
    head = orjson.loads(journal_path.read_bytes())
    assert head["_smn"]["schema"] == SCHEMA_VERSION
    taken = list_backups(journal_file.JournalFile(journal_path))
    pre = [b for b in taken if b.reason == "before-migration-v1"]
    assert len(pre) == 1 and _mode(pre[0].path) == 0o600
    kept = orjson.loads(pre[0].path.read_bytes())
    for name in TYPES:
        assert sorted(d["id"] for d in kept[name].values()) == sorted(d["id"] for d in original[name].values())
    # Opening again changes nothing more.
    with JournalStore(journal_path) as s:
        assert s.stats() == {name: len(original[name]) for name in TYPES}
    assert [b.reason for b in list_backups(journal_file.JournalFile(journal_path))].count("before-migration-v1") == 1


def test_migrate_tables_is_pure():
    v1 = orjson.loads(FIXTURE.read_bytes())
    tables = {k: v for k, v in v1.items() if k != "_smn"}
    frozen = orjson.dumps(tables)
    out = migrate_tables(tables, 1)
    assert orjson.dumps(tables) == frozen
    assert set(out["contacts"]) == {d["id"] for d in v1["contacts"].values()}


def _store_with_data(journal_path):
    s = JournalStore(journal_path)
    c = Contact("Ada", id="c1")
    s.add_contact(c)
    s.add_act(HelpfulAct(["c1"], TODAY, "helped", id="a1"))
    return s


def test_daily_backups_rotate_keeping_seven(journal_path):
    s = _store_with_data(journal_path)
    for _ in range(10):
        s.take_backup()
    s.take_backup(reason="before-migration-v1")
    found = list_backups(s.file)
    assert [b.reason for b in found].count("daily") == 7
    assert [b.reason for b in found].count("before-migration-v1") == 1  # not rotated away
    names = [b.path.name for b in found]
    assert names == sorted(names, reverse=True)
    assert found[0].reason == "before-migration-v1"  # newest first
    s.close()


def test_backup_is_due_daily_and_taken_on_close(journal_path):
    s = _store_with_data(journal_path)
    assert backup_due(s.file)
    s.close()
    s = JournalStore(journal_path)
    found = list_backups(s.file)
    assert len(found) == 1 and found[0].reason == "daily"
    assert not backup_due(s.file)
    assert not backup_due(s.file, now=time.time() + 23 * 3600)
    assert backup_due(s.file, now=time.time() + 24 * 3600 + 1)
    s.close()
    assert len(list_backups(s.file)) == 1  # not due again the same day
    body = orjson.loads(found[0].path.read_bytes())
    assert set(body["acts"]) == {"a1"} and set(body["contacts"]) == {"c1"}


def test_backup_files_and_folder_are_private(journal_path):
    s = _store_with_data(journal_path)
    s.close()
    folder = s.file.backup_dir
    assert _mode(folder) == 0o700
    for b in list_backups(s.file):
        assert _mode(b.path) == 0o600


def test_journal_files_are_private_in_a_new_private_folder(journal_path):
    assert not journal_path.parent.exists()
    s = _store_with_data(journal_path)
    s.compact()
    s.add_act(HelpfulAct(["c1"], TODAY, "again", id="a2"))
    s.close()
    assert _mode(journal_path.parent) == 0o700
    files = [p for p in journal_path.parent.iterdir() if p.is_file()]
    assert {p.name for p in files} >= {"journal.json", "journal.json.log", "journal.json.entries-1"}
    for p in files:
        assert _mode(p) == 0o600, p.name


def test_atomic_replace_swaps_whole_files(tmp_path, monkeypatch):
    target = tmp_path / "f.json"
    atomic_write_bytes(target, b"old")
    ino = target.stat().st_ino
    atomic_write_bytes(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert target.stat().st_ino != ino  # a new file swapped in, never rewritten in place
    assert _mode(target) == 0o600

    def fail(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(StorageError, match="disk is full"):
        atomic_write_bytes(target, b"never")
    monkeypatch.undo()
    assert target.read_bytes() == b"new contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]



def test_two_processes_migrating_at_once_lose_nothing(journal_path, monkeypatch):
    """Another smn migrates and writes while this one is migrating: this one reads that instead."""
    from smn_tui.storage import backups

    journal_path.parent.mkdir(mode=0o700)
    shutil.copy(FIXTURE, journal_path)
    ada = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    real = backups.take_backup
    raced = []

    def racing(jf, tables, meta, reason="daily"):
        path = real(jf, tables, meta, reason=reason)
        if not raced:
            raced.append(True)
            with JournalStore(journal_path) as other:
                other.add_act(HelpfulAct([ada], TODAY, "written by the other", id="a-other"))
        return path

    monkeypatch.setattr(backups, "take_backup", racing)
    with JournalStore(journal_path) as s:
        assert s.get_act("a-other").note == "written by the other"
        assert s.count("acts") == 3
    with JournalStore(journal_path) as s:
        assert s.get_act("a-other").note == "written by the other" and s.count("contacts") == 3
