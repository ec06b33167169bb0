"""smn doctor and smn restore, through main() with exit codes."""

from __future__ import annotations

import io
import re

from smn_tui.cli import main
from smn_tui.domain.models import Contact, HelpfulAct
from smn_tui.storage.backups import list_backups
from smn_tui.storage.journal_file import JournalFile
from smn_tui.storage.store import JournalStore

from ...seed import TODAY
from ...storage.util import FIXTURES, append_commit, folder_state, small_journal


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), today=TODAY, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def make(journal_path):
    with JournalStore(journal_path) as s:
        small_journal(s)
    return journal_path


def test_doctor_on_a_healthy_journal(journal_path):
    make(journal_path)
    before = folder_state(journal_path.parent, mtimes=True)
    code, out, err = run("doctor", "--db", str(journal_path))
    assert code == 0, out + err
    assert "5 contacts, 5 interactions, 6 acts, 0 audits" in out
    assert "Change log: 1 entry not yet folded" in out
    assert "journal.json.entries-1" in out and "journal.json.log" in out
    assert "Backups: 1, newest" in out and "(daily)" in out
    assert "healthy" in out
    assert folder_state(journal_path.parent, mtimes=True) == before  # the doctor only reads


def test_doctor_reports_a_torn_tail_as_a_warning(journal_path):
    make(journal_path)
    log = journal_path.with_name("journal.json.log")
    log.write_bytes(log.read_bytes() + b'{"seq": 9')
    code, out, _ = run("doctor", "--db", str(journal_path))
    assert code == 0
    assert "Warning: The change log ended in an incomplete entry" in out


def test_doctor_reports_corruption(journal_path):
    make(journal_path)
    journal_path.write_bytes(journal_path.read_bytes()[:-5])
    code, out, _ = run("doctor", "--db", str(journal_path))
    assert code == 1
    assert "Problem:" in out and "not valid JSON" in out and "smn restore --list" in out


def test_doctor_reports_a_missing_entries_file(journal_path):
    make(journal_path)
    next(journal_path.parent.glob("journal.json.entries-*")).unlink()
    code, out, _ = run("doctor", "--db", str(journal_path))
    assert code == 1 and "is missing" in out


def test_doctor_reports_dangling_contact_references(journal_path):
    make(journal_path)
    doc = HelpfulAct(["c-gone"], TODAY, "for nobody", id="a-dangling").to_doc()
    append_commit(journal_path, [["put", "acts", "a-dangling", doc]])
    code, out, _ = run("doctor", "--db", str(journal_path))
    assert code == 1
    assert "1 act refers to contacts that are not in the journal (e.g. a-dangling -> c-gone)" in out


def test_doctor_without_a_journal(tmp_path):
    code, out, _ = run("doctor", "--db", str(tmp_path / "nothing.json"))
    assert code == 1 and "There is no journal" in out
    assert not (tmp_path / "nothing.json").exists()


def test_restore_lists_backups_newest_first(journal_path):
    make(journal_path)
    jf = JournalFile(journal_path)
    with JournalStore(journal_path) as s:
        s.take_backup(reason="before-migration-v1")
    code, out, _ = run("restore", "--list", "--db", str(journal_path))
    assert code == 0
    lines = [ln for ln in out.splitlines() if ln.strip()[:1].isdigit()]
    assert len(lines) == 2
    assert "before-migration-v1" in lines[0] and "daily" in lines[1]
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC .* \d+(\.\d)? (B|KB|MB) ", lines[0])
    assert run("restore", "--db", str(journal_path))[1] == out  # listing is the default
    assert [b.reason for b in list_backups(jf)] == ["before-migration-v1", "daily"]


def test_restore_puts_a_backup_back_and_keeps_the_journal_as_it_was_as_a_backup(journal_path):
    make(journal_path)  # the daily backup holds five contacts and six acts
    with JournalStore(journal_path) as s:
        s.add_contact(Contact("Added later", id="c-later"))
        s.add_act(HelpfulAct(["c-later"], TODAY, "later", id="a-later"))
    code, out, err = run("restore", "1", "--db", str(journal_path))
    assert code == 0, err
    assert "Restored" in out and "kept as the backup" in out
    with JournalStore(journal_path) as s:
        assert s.stats()["contacts"] == 5 and s.stats()["acts"] == 6
        s.add_act(HelpfulAct(["c0001"], TODAY, "after the restore", id="a-new"))
    with JournalStore(journal_path) as s:
        assert s.get_act("a-new").note == "after the restore"
    assert run("doctor", "--db", str(journal_path))[0] == 0
    # The journal as it was is the newest backup but one (the restore listed it): put it back.
    backups = list_backups(JournalFile(journal_path))
    assert backups[0].reason == "before-restore" and backups[0].path.name in out
    code, out, err = run("restore", backups[0].path.name, "--db", str(journal_path))
    assert code == 0, err
    with JournalStore(journal_path) as s:
        assert s.get_act("a-later").note == "later" and s.stats()["contacts"] == 6


def test_restore_refuses_while_the_app_is_open(journal_path):
    make(journal_path)
    app = JournalStore(journal_path, app=True)
    before = folder_state(journal_path.parent)
    code, _, err = run("restore", "1", "--db", str(journal_path))
    assert code == 1 and "Close smn first" in err
    assert folder_state(journal_path.parent) == before
    app.close()


def test_restore_rejects_an_unknown_backup(journal_path):
    make(journal_path)
    code, _, err = run("restore", "7", "--db", str(journal_path))
    assert code == 1 and "no backup number 7" in err
    code, _, err = run("restore", "nope.json", "--db", str(journal_path))
    assert code == 1 and "No backup called" in err


def test_doctor_on_an_old_journal_says_it_will_be_migrated(journal_path):
    import shutil

    journal_path.parent.mkdir()
    shutil.copy(FIXTURES / "journal_v1.json", journal_path)
    before = folder_state(journal_path.parent, mtimes=True)
    code, out, _ = run("doctor", "--db", str(journal_path))
    assert code == 0, out
    assert "3 contacts, 2 interactions, 2 acts, 1 audit" in out
    assert "Warning: The journal is version 1" in out and "Problem" not in out
    assert folder_state(journal_path.parent, mtimes=True) == before
