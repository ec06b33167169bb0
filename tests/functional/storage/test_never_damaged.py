"""Nothing smn is pointed at is ever damaged: foreign files, half journals, odd contents, wrong paths."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from smn_tui.cli import main
from smn_tui.domain.models import Contact, HelpfulAct

from ...seed import TODAY
from ...storage.util import FIXTURES, append_commit, folder_state, small_journal

READ_ONLY = (["due"], ["week"], ["week", "--format", "json"], ["export", "json"], ["export", "vcard"],
             ["export", "md"], ["doctor"], ["restore", "--list"])


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), today=TODAY, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def state(folder: Path) -> dict:
    """Every file under ``folder`` with its bytes, mode and mtime: any change shows (lock files hold nothing)."""
    return {k: (v, os.stat(folder / k).st_mode) for k, v in folder_state(folder, mtimes=True).items()
            if not k.endswith(".lock")}


def make_journal(journal: Path, acts: int = 20) -> None:
    from smn_tui.storage.store import JournalStore

    with JournalStore(journal) as s:
        people = small_journal(s)
        s.add_many([HelpfulAct([people[i % 5].id], TODAY, f"act {i}", id=f"x{i:04d}") for i in range(acts - 6)])


# ------------------------------------------------------------------ 1. a file that is not an smn journal


@pytest.mark.parametrize("body", [b'{"name": "my-package", "version": "1.0.0", "dependencies": {}}\n', b"{}",
                                  b'{"contacts": {}, "audits": {}}'], ids=["package.json", "empty object", "no header"])
@pytest.mark.parametrize("cmd", [*READ_ONLY[:-1], ["helped", "Ada", "note", "--new"], ["contact", "add", "Ada"],
                                 ["import", "json", "ignored.json"]], ids=" ".join)
def test_a_json_file_that_is_not_a_journal_is_refused_and_left_as_it_is(tmp_path, body, cmd):
    path = tmp_path / "package.json"
    path.write_bytes(body)
    os.chmod(path, 0o644)
    (tmp_path / "ignored.json").write_bytes(b'{"smn_export": {"format": "smn-journal", "schema": 2}}')
    before = state(tmp_path)
    cmd = [str(tmp_path / "ignored.json") if word == "ignored.json" else word for word in cmd]
    code, out, err = run(*cmd, "--db", str(path))
    assert code == 1, (out, err)
    assert "Traceback" not in err + out
    assert "not an smn journal" in (err + out)
    assert state(tmp_path) == before  # not one byte, not the mode, no backups folder


def test_read_only_commands_never_migrate_an_older_journal(tmp_path):
    journal = tmp_path / "journal.json"
    shutil.copy(FIXTURES / "journal_v1.json", journal)
    before = state(tmp_path)
    for cmd in READ_ONLY:
        code, out, err = run(*cmd, "--db", str(journal))
        assert code == 0, (cmd, out, err)
        assert state(tmp_path) == before, cmd
        if cmd[0] != "restore":
            assert "smn migrate" in err + out, cmd
    code, out, err = run("week", "--db", str(journal))
    assert "Ada Lovelace" in out or "Grace Hopper" in out
    code, out, err = run("migrate", "--db", str(journal))
    assert code == 0 and "version 1" in out and "before-migration" in out
    code, out, err = run("doctor", "--db", str(journal))
    assert code == 0 and "healthy" in out
    assert run("migrate", "--db", str(journal))[1].startswith(f"{journal} is up to date")


# ------------------------------------------------------------------ 2. parts of a journal without its head


@pytest.mark.parametrize("how", ["missing", "empty object"])
def test_entries_and_log_without_their_head_are_damage_never_compacted_over(journal_path, how):
    make_journal(journal_path)
    run("doctor", "--db", str(journal_path))  # a daily backup exists from the writes above
    if how == "missing":
        journal_path.unlink()
    else:
        journal_path.write_bytes(b"{}")
    before = state(journal_path.parent)
    for cmd in (["helped", "Person 1", "again"], ["contact", "add", "Someone"], ["due"], ["export", "json"]):
        code, out, err = run(*cmd, "--db", str(journal_path))
        assert code == 1 and "Traceback" not in err, (cmd, err)
        assert state(journal_path.parent) == before, cmd
    code, out, _ = run("doctor", "--db", str(journal_path))
    assert code == 1 and "healthy" not in out and "usable" not in out
    assert "smn restore 1" in out  # which backup would be used
    from smn_tui.storage.store import JournalStore

    with pytest.raises(Exception):
        JournalStore(journal_path, app=True).close()
    assert state(journal_path.parent) == before
    code, out, err = run("restore", "1", "--db", str(journal_path))
    assert code == 0, err
    with JournalStore(journal_path, read_only=True) as s:
        assert s.count("acts") >= 6


# ------------------------------------------------------------------ 7, 8. backups belong to one journal


def test_two_journals_in_one_folder_never_share_backups(tmp_path):
    work_json, work_db = tmp_path / "work.json", tmp_path / "work.db"
    assert run("contact", "add", "Only In Json", "--db", str(work_json))[0] == 0
    assert run("contact", "add", "Only In Db", "--db", str(work_db))[0] == 0
    json_list = run("restore", "--list", "--db", str(work_json))[1]
    db_list = run("restore", "--list", "--db", str(work_db))[1]
    assert "work.json-" in json_list and "work.json-" not in db_list
    assert "work.db-" in db_list and "work.db-" not in json_list
    for _ in range(2):
        code, _, err = run("restore", "1", "--db", str(work_db))
        assert code == 0, err
        assert run("week", "--format", "json", "--db", str(work_db))[0] == 0
        from smn_tui.storage.store import JournalStore

        with JournalStore(work_db, read_only=True) as s:
            assert [c.name for c in s.contacts()] == ["Only In Db"]


@pytest.mark.parametrize("body", [b"{}", b'{"a": 1}', b'{"contacts": {}}', b"[]"])
def test_restore_refuses_a_file_that_is_not_an_smn_backup(journal_path, tmp_path, body):
    make_journal(journal_path)
    bogus = tmp_path / "bogus.json"
    bogus.write_bytes(body)
    before = state(journal_path.parent)
    code, _, err = run("restore", str(bogus), "--db", str(journal_path))
    assert code == 1 and "not an smn backup" in err and "Traceback" not in err
    assert state(journal_path.parent) == before


def test_restore_of_an_export_says_to_import_it(journal_path, tmp_path):
    make_journal(journal_path)
    export = tmp_path / "export.json"
    assert run("export", "json", "--out", str(export), "--db", str(journal_path))[0] == 0
    code, _, err = run("restore", str(export), "--db", str(journal_path))
    assert code == 1 and "smn import json" in err


# ------------------------------------------------------------------ 10. not a regular file


def _run_bounded(args: list[str], timeout: float = 20) -> subprocess.CompletedProcess:
    code = ("import sys; from smn_tui.cli import main; sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("part", ["journal.json", "journal.json.log"])
def test_a_fifo_in_the_journal_never_hangs_a_command(journal_path, part):
    make_journal(journal_path)
    target = journal_path.with_name(part)
    target.unlink()
    os.mkfifo(target)
    for cmd in (["due"], ["doctor"], ["helped", "Person 1", "note"], ["export", "json"]):
        result = _run_bounded([*cmd, "--db", str(journal_path)])
        assert result.returncode == 1, (cmd, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        assert "FIFO" in result.stderr + result.stdout
    assert stat.S_ISFIFO(os.stat(target).st_mode)


def test_a_folder_given_as_the_journal_is_refused(tmp_path):
    (tmp_path / "journal.json").mkdir()
    for cmd in (["due"], ["doctor"], ["helped", "Ada", "note", "--new"]):
        code, _, err = run(*cmd, "--db", str(tmp_path / "journal.json"))
        assert code == 1 and "Traceback" not in err, (cmd, err)


# ------------------------------------------------------------------ 13. odd contents


def _head_edit(journal: Path, edit) -> None:
    """Change the head's JSON and write it back with a valid checksum, as a careless editor would not."""
    import hashlib
    import json

    from smn_tui.storage.disk.snapshot import META

    body = orjson.loads(journal.read_bytes())
    edit(body)
    meta = body.pop(META)
    tables = json.dumps(body, separators=(",", ":")).encode()[:-1]
    if isinstance(meta, dict):  # a checksum that fits, so the contents themselves are judged
        rest = json.dumps({k: v for k, v in meta.items() if k != "sum"}, sort_keys=True,
                          separators=(",", ":")).encode()
        meta["sum"] = hashlib.sha256(tables + rest).hexdigest()[:32]
    journal.write_bytes(tables + b',"_smn":' + json.dumps(meta).encode() + b"}")


ODD = {
    "schema -1": lambda b: b["_smn"].__setitem__("schema", -1),
    "schema text": lambda b: b["_smn"].__setitem__("schema", "3"),
    "huge seq": lambda b: b["_smn"].__setitem__("seq", 10 ** 30),
    "negative seq": lambda b: b["_smn"].__setitem__("seq", -5),
    "null name": lambda b: b["contacts"]["c0001"].__setitem__("name", None),
    "record is a string": lambda b: b["contacts"].__setitem__("c0001", "Person 1"),
    "id differs from key": lambda b: b["contacts"]["c0001"].__setitem__("id", "c9999"),
    "entries file outside": lambda b: b["_smn"].__setitem__("entries_file", "../../etc/passwd"),
    "entries file absolute": lambda b: b["_smn"].__setitem__("entries_file", "/etc/passwd"),
    "bad date": lambda b: b["contacts"]["c0001"].__setitem__("created", "yesterday"),
    "platforms not a list": lambda b: b["contacts"]["c0001"].__setitem__("platforms", "github"),
    "header not a mapping": lambda b: b.__setitem__("_smn", [3]),
    "contacts not a mapping": lambda b: b.__setitem__("contacts", ["Ada"]),
}


@pytest.mark.parametrize("kind", list(ODD))
def test_odd_contents_are_refused_cleanly_and_doctor_agrees(journal_path, kind):
    make_journal(journal_path)
    _head_edit(journal_path, ODD[kind])
    before = state(journal_path.parent)
    for cmd in (["due"], ["week"], ["export", "json"], ["helped", "Person 2", "note"], ["contact", "add", "New"]):
        code, out, err = run(*cmd, "--db", str(journal_path))
        assert code == 1 and "Traceback" not in err and err.startswith("smn: "), (cmd, err)
        assert "/etc/passwd" not in out
    code, out, err = run("doctor", "--db", str(journal_path))
    assert code == 1 and "Traceback" not in err and "healthy" not in out
    assert state(journal_path.parent) == before


def test_an_entry_in_the_log_for_a_missing_contact_is_a_problem_for_doctor(journal_path):
    make_journal(journal_path)
    doc = HelpfulAct(["c-gone"], TODAY, "for nobody", id="a-dangling").to_doc()
    append_commit(journal_path, [["put", "acts", "a-dangling", doc]])
    code, out, _ = run("doctor", "--db", str(journal_path))
    assert code == 1 and "1 act refers to contacts that are not in the journal" in out


# ------------------------------------------------------------------ 16. small ways to a wrong write


def test_a_bare_at_sign_names_nobody(journal_path):
    from smn_tui.storage.store import JournalStore

    with JournalStore(journal_path) as s:
        s.add_contact(Contact("Web Person", platforms=[("other", "https://")]))
    for who in ("@", "https://", "@ ", "/"):
        code, out, err = run("helped", who, "Something", "--db", str(journal_path))
        assert code == 1 and "No contact" in err, (who, out, err)
    with JournalStore(journal_path, read_only=True) as s:
        assert s.count("acts") == 0


def test_a_damaged_names_index_never_lets_an_act_name_someone_who_is_not_there(journal_path):
    from smn_tui.storage.store import JournalStore

    make_journal(journal_path)
    with JournalStore(journal_path) as s:
        s.compact()
    names = journal_path.with_name("journal.json.names")
    header, rows, platforms = names.read_bytes().split(b"\n")
    rows = orjson.loads(rows)
    rows.append(["c-ghost", "Ghost Person", False])  # well-formed, but no such contact in the journal
    names.write_bytes(b"\n".join([header, orjson.dumps(rows), platforms]))
    code, _, err = run("helped", "Ghost Person", "Never", "--db", str(journal_path))
    assert code == 1 and "No contact" in err
    with JournalStore(journal_path, read_only=True) as s:
        assert all(a.contact_ids != ["c-ghost"] for a in s.acts_between(TODAY, TODAY))


def test_folders_made_for_a_journal_are_private_whatever_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        journal = tmp_path / "a" / "b" / "journal.json"
        assert run("contact", "add", "Ada", "--db", str(journal))[0] == 0
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "backups"):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder
