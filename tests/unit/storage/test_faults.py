"""Disk errors on write, fsync, rename or folder sync: the journal on disk and in memory stay as they were."""

from __future__ import annotations

import errno
import os

import pytest

from smn_tui.domain.dates import week_of
from smn_tui.domain.models import HelpfulAct, ValidationError
from smn_tui.storage.backups import list_backups
from smn_tui.storage.disk import atomic, changelog
from smn_tui.storage.journal_file import StorageError
from smn_tui.storage.store import JournalStore

from ...seed import TODAY
from ...storage.encrypted import journal_kind  # noqa: F401  (a fixture)
from ...storage.util import fd_path, folder_state, log_commits, small_journal, temp_files

#: Each test runs on a plain journal and on an encrypted one.
pytestmark = pytest.mark.usefixtures("journal_kind")

ERRNOS = [errno.ENOSPC, errno.EIO, errno.EACCES]
WORDS = {errno.ENOSPC: "disk is full", errno.EIO: "input/output error", errno.EACCES: "permission denied"}


def inject(monkeypatch, op: str, code: int, folder, match=lambda name: True) -> None:
    """Make ``op`` fail with ``code`` for files in ``folder`` whose name passes ``match``.

    For the folder sync, the file just swapped in is the one judged.
    """
    root = str(folder)
    last = [os.path.join(root, "")]  # until something is swapped in, a sync is judged by ""

    def hit(path: str) -> bool:
        return path.startswith(root) and match(os.path.basename(path))

    def boom(*_a):
        raise OSError(code, os.strerror(code))

    if op in ("write", "fsync"):
        real = getattr(os, op)

        def fake(fd, *a):
            if hit(fd_path(fd)):
                boom()
            return real(fd, *a)

        monkeypatch.setattr(os, op, fake)
    elif op == "open":
        real_open = os.open

        def fake_open(path, flags, *a, **k):
            if hit(str(path)) and flags & (os.O_WRONLY | os.O_RDWR) and not str(path).endswith(".lock"):
                boom()
            return real_open(path, flags, *a, **k)

        monkeypatch.setattr(os, "open", fake_open)
    elif op in ("replace", "fsync_dir"):
        real_replace = os.replace
        real_sync = atomic.fsync_dir

        def fake_replace(src, dst, *a, **k):
            if op == "replace" and hit(str(dst)):
                boom()
            result = real_replace(src, dst, *a, **k)
            last[0] = str(dst)
            return result

        def fake_sync(folder):
            if op == "fsync_dir" and hit(last[0]):
                boom()
            return real_sync(folder)

        monkeypatch.setattr(os, "replace", fake_replace)
        monkeypatch.setattr(atomic, "fsync_dir", fake_sync)
        monkeypatch.setattr(changelog, "fsync_dir", fake_sync)
    else:  # pragma: no cover
        raise AssertionError(op)


STEPS = {
    "entries": lambda n: ".entries-" in n,
    "head": lambda n: n == "journal.json" or n.startswith(".journal.json.tmp-"),
}


def _memory(store):
    wk = week_of(TODAY, "monday")
    return ([a.id for a in store.acts_in(wk)], sorted(store.contact_names()),
            [i.id for i in store.interactions_in(wk)], store.stats())


@pytest.mark.parametrize("code", ERRNOS, ids=errno.errorcode.get)
@pytest.mark.parametrize("op", ["open", "write", "fsync"])
def test_failed_commit_changes_nothing(journal_path, monkeypatch, code, op):
    store = JournalStore(journal_path)
    people = small_journal(store)
    folder = journal_path.parent
    before_disk = folder_state(folder)
    before_mem = _memory(store)
    version = store.version
    inject(monkeypatch, op, code, folder)
    with pytest.raises(StorageError) as info:
        store.add_act(HelpfulAct([people[1].id], TODAY, "never saved", id="a-lost"))
    monkeypatch.undo()
    assert WORDS[code] in str(info.value)
    assert folder_state(folder) == before_disk
    assert not temp_files(folder)
    assert _memory(store) == before_mem and store.version == version
    with pytest.raises(ValidationError):
        store.get_act("a-lost")
    # The store keeps working, and the next write lands.
    store.add_act(HelpfulAct([people[1].id], TODAY, "saved", id="a-next"))
    store.close()
    with JournalStore(journal_path) as again:
        ids = {a.id for a in again.acts_for(people[1].id)}
        assert "a-next" in ids and "a-lost" not in ids
        assert again.get_act("a-log").note == "in the log"


@pytest.mark.parametrize("code", ERRNOS, ids=errno.errorcode.get)
def test_failed_folder_sync_of_a_new_log_takes_it_back(journal_path, monkeypatch, code):
    store = JournalStore(journal_path)
    people = small_journal(store)
    store.compact()
    journal_path.with_name("journal.json.log").unlink()  # as after a restore: no log yet
    folder = journal_path.parent
    before = folder_state(folder)
    inject(monkeypatch, "fsync_dir", code, folder)
    with pytest.raises(StorageError):
        store.add_act(HelpfulAct([people[0].id], TODAY, "never saved", id="a-lost"))
    monkeypatch.undo()
    assert folder_state(folder) == before and not temp_files(folder)
    with pytest.raises(ValidationError):
        store.get_act("a-lost")
    store.add_act(HelpfulAct([people[0].id], TODAY, "saved", id="a-next"))
    store.close()
    with JournalStore(journal_path) as again:
        assert {a.id for a in again.acts_for(people[0].id)} >= {"a-next", "a0000"}


@pytest.mark.parametrize("code", ERRNOS, ids=errno.errorcode.get)
@pytest.mark.parametrize("op", ["open", "write", "fsync", "replace", "fsync_dir"])
@pytest.mark.parametrize("step", ["entries", "head"])
def test_failed_compaction_changes_nothing(journal_path, monkeypatch, code, op, step):
    """The entries part is written first, then the head that names it; either may fail."""
    store = JournalStore(journal_path)
    small_journal(store)
    folder = journal_path.parent
    before_disk = folder_state(folder)
    before_mem = _memory(store)
    inject(monkeypatch, op, code, folder, STEPS[step])
    with pytest.raises(StorageError) as info:
        store.compact()
    monkeypatch.undo()
    assert WORDS[code] in str(info.value)
    assert folder_state(folder) == before_disk
    assert not temp_files(folder)
    assert _memory(store) == before_mem
    store.compact()
    assert log_commits(journal_path.with_name("journal.json.log")) == []
    store.close()
    with JournalStore(journal_path) as again:
        assert _memory(again) == before_mem


@pytest.mark.parametrize("code", ERRNOS, ids=errno.errorcode.get)
@pytest.mark.parametrize("op", ["write", "fsync", "replace", "fsync_dir"])
def test_failed_backup_leaves_no_trace(journal_path, monkeypatch, code, op):
    store = JournalStore(journal_path)
    small_journal(store)
    store.take_backup()
    folder = journal_path.parent
    before = folder_state(folder)
    inject(monkeypatch, op, code, folder)
    with pytest.raises(StorageError):
        store.take_backup()
    monkeypatch.undo()
    assert folder_state(folder) == before and not temp_files(folder)
    assert len(list_backups(store.file)) == 1
    store.close()


def test_close_survives_a_full_disk(journal_path, monkeypatch):
    """Closing cannot lose anything: the log is already durable, compaction waits for next time."""
    store = JournalStore(journal_path, app=True)
    people = small_journal(store)
    inject(monkeypatch, "write", errno.ENOSPC, journal_path.parent)
    store.close()
    monkeypatch.undo()
    with JournalStore(journal_path) as again:
        assert again.get_act("a-log").contact_ids == [people[0].id]


@pytest.mark.parametrize("op", ["fsync", "replace", "fsync_dir"])
def test_failed_log_reset_after_compaction_loses_nothing(journal_path, monkeypatch, op):
    """The new snapshot is in place but the old log could not be emptied: its lines are skipped."""
    store = JournalStore(journal_path)
    small_journal(store)
    before_mem = _memory(store)
    inject(monkeypatch, op, errno.EIO, journal_path.parent,
           lambda n: n == "journal.json.log" or n.startswith(".journal.json.log.tmp-"))
    with pytest.raises(StorageError):
        store.compact()
    monkeypatch.undo()
    assert not temp_files(journal_path.parent)
    assert journal_path.with_name("journal.json.log").stat().st_size > 0
    assert _memory(store) == before_mem
    store.add_act(HelpfulAct(["c0001"], TODAY, "after", id="a-after"))
    store.close()
    with JournalStore(journal_path) as again:
        assert not again.warnings
        wk = week_of(TODAY, "monday")
        assert sorted(a.id for a in again.acts_in(wk)) == sorted([*before_mem[0], "a-after"])
