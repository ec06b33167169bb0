"""Every log line and snapshot file carries a checksum: a changed, dropped or swapped byte is found, never skipped."""

from __future__ import annotations

import io
import shutil

import orjson
import pytest

from smn_tui.cli import main
from smn_tui.domain.models import HelpfulAct
from smn_tui.storage.errors import JournalCorruptError
from smn_tui.storage.store import JournalStore

from ...seed import TODAY
from ...storage.util import folder_state, log_commits, small_journal


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), today=TODAY, out=out, err=err), out.getvalue(), err.getvalue()


@pytest.fixture
def journal(journal_path):
    """Five contacts compacted, then four acts in the change log."""
    with JournalStore(journal_path) as s:
        small_journal(s)
        for i in range(3):
            s.add_act(HelpfulAct(["c0002"], TODAY, f"log act {i}", id=f"a-log-{i}"))
    return journal_path


def log_lines(journal):
    return journal.with_name("journal.json.log").read_bytes().splitlines(keepends=True)


def write_log(journal, lines):
    journal.with_name("journal.json.log").write_bytes(b"".join(lines))


def refused_everywhere(journal) -> str:
    """Every command refuses with one line and changes nothing; doctor says the journal is damaged."""
    before = {k: v for k, v in folder_state(journal.parent).items() if not k.endswith(".lock")}
    with pytest.raises(JournalCorruptError) as info:
        JournalStore(journal)
    for cmd in (["due"], ["helped", "Person 1", "more"], ["log", "Person 1", "hi"], ["export", "json"]):
        code, _, err = run(*cmd, "--db", str(journal))
        assert code == 1 and err.startswith("smn: ") and "Traceback" not in err, (cmd, err)
    code, out, _ = run("doctor", "--db", str(journal))
    assert code == 1 and "damaged" in out and "healthy" not in out
    after = {k: v for k, v in folder_state(journal.parent).items() if not k.endswith(".lock")}
    assert after == before
    return str(info.value)


def test_one_bad_byte_in_a_complete_last_line_is_damage_not_an_interrupted_write(journal):
    lines = log_lines(journal)
    lines[-1] = lines[-1].replace(b"log act 2", b"log act X")
    write_log(journal, lines)
    refused_everywhere(journal)
    assert log_lines(journal)[-1] == lines[-1]  # never cut off


def test_a_line_without_its_newline_is_an_interrupted_write_and_is_cut_by_the_next_write(journal):
    lines = log_lines(journal)
    write_log(journal, [*lines, lines[-1][: len(lines[-1]) // 2]])
    with JournalStore(journal) as s:
        assert any("incomplete" in w for w in s.warnings)
        assert s.get_act("a-log-2").note == "log act 2"
        s.add_act(HelpfulAct(["c0001"], TODAY, "next", id="a-next"))
    with JournalStore(journal) as s:
        assert not s.warnings and s.get_act("a-next").note == "next" and s.get_act("a-log-2")


@pytest.mark.parametrize("how", ["seq digit", "swap", "drop middle", "duplicate", "insert foreign"])
def test_a_changed_dropped_or_swapped_log_line_is_found(journal, how):
    lines = log_lines(journal)
    assert len(lines) == 5  # the line naming the log, then four commits
    if how == "seq digit":
        seq = orjson.loads(lines[2])["seq"]
        lines[2] = lines[2].replace(f'"seq":{seq}'.encode(), f'"seq":{seq + 10}'.encode())
    elif how == "swap":
        lines[2], lines[3] = lines[3], lines[2]
    elif how == "drop middle":
        del lines[2]
    elif how == "duplicate":
        lines.insert(3, lines[2])
    else:
        body = orjson.loads(lines[2])
        body["seq"] = orjson.loads(lines[-1])["seq"] + 1
        lines.append(orjson.dumps(body) + b"\n")
    write_log(journal, lines)
    refused_everywhere(journal)


def test_a_changed_name_in_the_head_is_found_although_the_json_is_valid(journal):
    with JournalStore(journal) as s:
        s.compact()
    journal.write_bytes(journal.read_bytes().replace(b"Person 3", b"Person 8"))
    assert "checksum" in refused_everywhere(journal)


def test_a_changed_header_is_found(journal):
    with JournalStore(journal) as s:
        s.compact()
    raw = journal.read_bytes()
    seq = orjson.loads(raw)["_smn"]["seq"]
    journal.write_bytes(raw.replace(f'"seq":{seq}'.encode(), f'"seq":{seq - 2}'.encode()))
    refused_everywhere(journal)


def test_a_log_from_another_copy_of_the_journal_is_refused(journal, tmp_path):
    other = tmp_path / "other" / "journal.json"
    with JournalStore(other) as s:
        small_journal(s)
    shutil.copy(other.with_name("journal.json.log"), journal.with_name("journal.json.log"))
    assert "another copy" in refused_everywhere(journal)


def test_an_older_head_put_back_by_hand_under_a_newer_log_is_refused(journal, tmp_path):
    old_head = tmp_path / "old-head.json"
    shutil.copy(journal, old_head)
    with JournalStore(journal) as s:
        s.compact()
        s.add_act(HelpfulAct(["c0001"], TODAY, "after", id="a-after"))
    shutil.copy(old_head, journal)
    refused_everywhere(journal)


def test_a_changed_backup_is_never_restored_and_doctor_says_so(journal):
    run("doctor", "--db", str(journal))
    backup = next((journal.parent / "backups").iterdir())
    backup.write_bytes(backup.read_bytes().replace(b"Person 2", b"Person 7"))
    code, out, _ = run("doctor", "--db", str(journal))
    assert code == 0 and "cannot be used" in out and "healthy" not in out
    before = {k: v for k, v in folder_state(journal.parent).items() if not k.endswith(".lock")}
    code, _, err = run("restore", "1", "--db", str(journal))
    assert code == 1 and "checksum" in err
    assert {k: v for k, v in folder_state(journal.parent).items() if not k.endswith(".lock")} == before


def test_the_names_index_damaged_is_ignored_and_doctor_warns(journal):
    with JournalStore(journal) as s:
        s.compact()
    names = journal.with_name("journal.json.names")
    names.write_bytes(names.read_bytes().replace(b"Person 4", b"Person 9"))
    code, out, err = run("helped", "Person 9", "nobody", "--db", str(journal))
    assert code == 1 and "No contact" in err
    code, out, err = run("helped", "Person 4", "somebody", "--db", str(journal))
    assert code == 0, err
    code, out, _ = run("doctor", "--db", str(journal))
    assert code == 0 and "out of date or damaged" in out
    assert len(log_commits(journal.with_name("journal.json.log"))) == 1
