"""Restore switches journals in one atomic step: a kill anywhere leaves the old one or the restored one, whole."""

from __future__ import annotations

import errno
import io

import pytest

from smn_tui.cli import main
from smn_tui.domain.models import Contact, HelpfulAct, Interaction
from smn_tui.storage.backups import list_backups, restore_backup
from smn_tui.storage.checkup import diagnose
from smn_tui.storage.errors import StorageError
from smn_tui.storage.journal_file import JournalFile
from smn_tui.storage.store import JournalStore

from ...seed import TODAY
from ...storage.crash import every_crash_point
from ...storage.util import folder_state
from ...unit.storage.test_faults import inject


def fingerprint(journal) -> tuple:
    with JournalStore(journal, read_only=True) as s:
        t = s.export_tables()
    return tuple(sorted((name, rid, doc.get("name") or doc.get("note") or "")
                        for name in t for rid, doc in t[name].items()))


def two_states(journal):
    """A backup of 6 contacts and 10 entries, then a journal of 16 contacts and 40 entries (some in the log)."""
    with JournalStore(journal) as s:
        people = [Contact(f"Person {i}", id=f"c{i:04d}") for i in range(6)]
        s.add_many(people)
        s.add_many([HelpfulAct([people[i % 6].id], TODAY, f"act {i}", id=f"a{i:04d}") for i in range(5)]
                   + [Interaction([people[i % 6].id], TODAY, note=f"talk {i}", id=f"i{i:04d}") for i in range(5)])
        s.compact()
        backup = s.take_backup(reason="daily")
    old = fingerprint(journal)
    with JournalStore(journal) as s:
        more = [Contact(f"Later {i}", id=f"d{i:04d}") for i in range(10)]
        s.add_many(more)
        s.add_many([HelpfulAct([more[i % 10].id], TODAY, f"later act {i}", id=f"b{i:04d}") for i in range(20)])
        s.compact()
        for i in range(10):
            s.add_interaction(Interaction([more[i].id], TODAY, note=f"later talk {i}", id=f"j{i:04d}"))
    return backup, old, fingerprint(journal)


@pytest.mark.parametrize("torn", [False, True], ids=["before", "torn-write"])
def test_a_kill_at_any_point_of_a_restore_leaves_one_whole_journal(tmp_path, torn):
    base = tmp_path / "base"
    journal = base / "journal.json"
    backup, restored_state, current_state = two_states(journal)
    assert len(restored_state) == 16 and len(current_state) == 56
    outcomes = {"old": 0, "restored": 0}

    def action(folder):
        jf = JournalFile(folder / "journal.json")
        restore_backup(jf, folder / "backups" / backup.name)

    def check(folder, completed):
        state = fingerprint(folder / "journal.json")
        assert state in (current_state, restored_state), "a kill left a journal that is neither"
        if completed:
            assert state == restored_state
        outcomes["restored" if state == restored_state else "old"] += 1
        report = diagnose(folder / "journal.json")
        assert not report.problems, report.problems
        if state == restored_state:
            # The journal as it was stays within reach: a backup of it, complete.
            kept = [b for b in list_backups(JournalFile(folder / "journal.json")) if b.reason == "before-restore"]
            assert kept
        # Whatever was left, the next write lands and reads back.
        with JournalStore(folder / "journal.json") as s:
            s.add_act(HelpfulAct(["c0001"], TODAY, "after", id="a-after"))
        with JournalStore(folder / "journal.json", read_only=True) as s:
            assert s.get_act("a-after").note == "after"

    points = every_crash_point(base, action, check, work=tmp_path / "runs", torn=torn)
    print(f"{points} crash points: {outcomes}")
    assert points >= 12 and outcomes["old"] > 0 and outcomes["restored"] > 1


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO], ids=errno.errorcode.get)
@pytest.mark.parametrize("op", ["write", "fsync", "replace"])
def test_a_restore_that_cannot_write_changes_nothing_and_says_so(journal_path, monkeypatch, code, op):
    backup, _, current_state = two_states(journal_path)
    before = {k: v for k, v in folder_state(journal_path.parent).items() if not k.startswith("backups/")}
    inject(monkeypatch, op, code, journal_path.parent)
    with pytest.raises(StorageError) as info:
        restore_backup(JournalFile(journal_path), backup)
    monkeypatch.undo()
    assert "unchanged" in str(info.value) or "as it was" in str(info.value)
    after = {k: v for k, v in folder_state(journal_path.parent).items() if not k.startswith("backups/")}
    assert after == before
    assert fingerprint(journal_path) == current_state


def test_restore_on_a_full_disk_from_the_shell(journal_path, monkeypatch):
    two_states(journal_path)
    state = fingerprint(journal_path)
    inject(monkeypatch, "write", errno.ENOSPC, journal_path.parent)
    out, err = io.StringIO(), io.StringIO()
    code = main(["restore", "1", "--db", str(journal_path)], today=TODAY, out=out, err=err)
    monkeypatch.undo()
    assert code == 1 and "disk is full" in err.getvalue() and "Traceback" not in err.getvalue()
    assert "Restored" not in out.getvalue()
    assert fingerprint(journal_path) == state


def test_restoring_a_damaged_journal_keeps_its_files_byte_for_byte(journal_path):
    backup, restored_state, _ = two_states(journal_path)
    log = journal_path.with_name("journal.json.log")
    log.write_bytes(log.read_bytes().replace(b"later talk 3", b"later talk X"))  # breaks its checksum
    damaged = {k: v for k, v in folder_state(journal_path.parent).items() if "/" not in k}
    out, err = io.StringIO(), io.StringIO()
    assert main(["doctor", "--db", str(journal_path)], today=TODAY, out=out, err=err) == 1
    assert backup.name in out.getvalue()  # doctor names the backup restore would use
    code = main(["restore", "1", "--db", str(journal_path)], today=TODAY, out=out, err=err)
    assert code == 0, err.getvalue()
    assert fingerprint(journal_path) == restored_state
    kept_dir = next(p for p in (journal_path.parent / "backups").iterdir() if p.is_dir())
    assert str(kept_dir) in out.getvalue()
    kept = {p.name: p.read_bytes() for p in kept_dir.iterdir()}
    for name, data in damaged.items():
        if not name.endswith(".lock"):
            assert kept[name] == data
