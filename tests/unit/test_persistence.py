"""The journal file's basic guarantees: atomic replace, refusing corrupt files, one app, private files."""

from __future__ import annotations

import os
import stat
from datetime import date

import pytest

from smn_tui.domain.models import Contact, Interaction
from smn_tui.storage import journal_file
from smn_tui.storage.journal_file import (
    JournalCorruptError,
    JournalLockedError,
    StorageError,
    atomic_write_bytes,
)
from smn_tui.storage.store import JournalStore


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_atomic_write_keeps_the_old_file_when_replace_fails(tmp_path, monkeypatch):
    target = tmp_path / "journal.json"
    atomic_write_bytes(target, b'{"old": true}')

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal_file.os, "replace", broken_replace)
    with pytest.raises(StorageError) as info:
        atomic_write_bytes(target, b'{"new": true}')
    assert str(target) in str(info.value) and "unchanged" in str(info.value)
    assert target.read_bytes() == b'{"old": true}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.json"]  # no temp file left


def test_failed_snapshot_keeps_the_journal_readable(journal_path, monkeypatch):
    with JournalStore(journal_path) as store:
        store.add_contact(Contact("Ada"))
        store.compact()  # quick captures leave changes in the log; fold them into the snapshot
    before = journal_path.read_bytes()
    store = JournalStore(journal_path)
    store.add_contact(Contact("Bob"))
    monkeypatch.setattr(journal_file.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(StorageError):
        store.compact()
    monkeypatch.undo()
    assert journal_path.read_bytes() == before
    store.close()
    with JournalStore(journal_path) as again:
        assert sorted(c.name for c in again.contacts()) == ["Ada", "Bob"]


@pytest.mark.parametrize("content", [b"not json at all", b"", b'["a", "list"]', b'{"contacts": [1, 2]}',
                                     b'{"_smn": {"schema": 2}, "contacts": {}, "au'])
def test_corrupt_file_is_refused_by_name_and_left_alone(journal_path, content):
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(content)
    with pytest.raises(JournalCorruptError) as info:
        JournalStore(journal_path)
    assert str(journal_path) in str(info.value)
    assert journal_path.read_bytes() == content
    assert sorted(p.name for p in journal_path.parent.iterdir()) == [journal_path.name]


def test_newer_journal_is_refused(journal_path):
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(b'{"_smn": {"schema": 99}, "contacts": {}}')
    with pytest.raises(JournalCorruptError, match="newer smn"):
        JournalStore(journal_path)


def test_second_app_gets_a_clear_message(journal_path):
    first = JournalStore(journal_path, app=True)
    try:
        with pytest.raises(JournalLockedError) as info:
            JournalStore(journal_path, app=True)
        assert "already open" in str(info.value) and str(journal_path) in str(info.value)
        # The command line can still write while the app is open.
        with JournalStore(journal_path) as shell:
            shell.add_contact(Contact("Ada"))
    finally:
        first.close()
    second = JournalStore(journal_path, app=True)
    second.close()


def test_files_are_private(tmp_path):
    folder = tmp_path / "new" / "smn"
    path = folder / "journal.json"
    with JournalStore(path) as store:
        ada = store.add_contact(Contact("Ada"))
        store.add_interaction(Interaction([ada.id], date(2026, 11, 25)))
        store.compact()  # the snapshot files as well as the change log
    assert mode(folder) == 0o700
    files = [p for p in folder.iterdir() if p.is_file()]
    assert path in files and len(files) >= 2
    for p in files:
        assert mode(p) == 0o600, p.name
