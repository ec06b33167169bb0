"""Damaged or foreign files get a clear answer and not a single byte written."""

from __future__ import annotations

import io

import orjson
import pytest

from smn_tui.cli import main
from smn_tui.domain.models import SCHEMA_VERSION, HelpfulAct
from smn_tui.storage.journal_file import JournalCorruptError, JournalTooNewError
from smn_tui.storage.store import JournalStore

from ...seed import TODAY
from ...storage.util import folder_state, small_journal


@pytest.fixture
def journal(journal_path):
    with JournalStore(journal_path) as s:
        small_journal(s)
    return journal_path


def _entries(path):
    return next(path.parent.glob("journal.json.entries-*"))


def _break(path, how: str):
    raw = path.read_bytes()
    if how == "empty":
        path.write_bytes(b"")
    elif how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "trailing garbage":
        path.write_bytes(raw + b"}\x07garbage")
    elif how == "NUL bytes":
        path.write_bytes(raw[:10] + b"\x00" * 64 + raw[10:])
    elif how == "wrong type":
        path.write_bytes(b"[1, 2, 3]")
    elif how == "table not a mapping":
        first, nl, rest = raw.partition(b"\n")  # the entries file has a chunk of records a line
        body = orjson.loads(first)
        body["contacts" if "contacts" in body else next(iter(body))] = ["Ada"]
        path.write_bytes(orjson.dumps(body) + nl + rest)


def _refuses(journal, exc_type=JournalCorruptError):
    folder = journal.parent
    before = folder_state(folder, mtimes=True)
    with pytest.raises(exc_type) as info:
        JournalStore(journal)
    out, err = io.StringIO(), io.StringIO()
    code = main(["helped", "Person 1", "more", "--db", str(journal)], today=TODAY, out=out, err=err)
    assert code == 1 and "smn:" in err.getvalue() and "Traceback" not in err.getvalue()
    assert folder_state(folder, mtimes=True) == before  # nothing written, not even touched
    return str(info.value)


HOW = ["empty", "truncated", "trailing garbage", "NUL bytes", "wrong type", "table not a mapping"]


@pytest.mark.parametrize("how", HOW)
def test_damaged_head_is_refused(journal, how):
    _break(journal, how)
    message = _refuses(journal)
    assert str(journal) in message and "nothing was written" in message.lower()


@pytest.mark.parametrize("how", HOW)
def test_damaged_entries_file_is_refused(journal, how):
    _break(_entries(journal), how)
    message = _refuses(journal)
    assert "nothing was written" in message.lower()


def test_missing_entries_file_is_refused(journal):
    _entries(journal).unlink()
    assert "missing" in _refuses(journal)


def test_newer_schema_is_refused(journal):
    body = orjson.loads(journal.read_bytes())
    body["_smn"]["schema"] = SCHEMA_VERSION + 1
    journal.write_bytes(orjson.dumps(body))
    message = _refuses(journal, JournalTooNewError)
    assert "newer smn" in message and "Upgrade" in message


@pytest.mark.parametrize("tail", [b'{"seq": 99, "ops": [["put", "acts", "x", {"no', b'{"seq": 9', b"\x00\x00"])
def test_torn_last_log_line_is_dropped_with_a_warning(journal, tail):
    log = journal.with_name("journal.json.log")
    good = log.read_bytes()
    log.write_bytes(good + tail)
    folder = journal.parent
    before = folder_state(folder, mtimes=True)
    s = JournalStore(journal)
    assert any("incomplete entry" in w for w in s.warnings)
    assert s.get_act("a-log").note == "in the log"  # everything before the torn line is kept
    assert s.stats()["acts"] == 6
    assert folder_state(folder, mtimes=True) == before  # opening wrote nothing
    s.add_act(HelpfulAct(["c0002"], TODAY, "after the tear", id="a-after"))
    s.close()
    assert log.read_bytes().startswith(good) and tail not in log.read_bytes()
    with JournalStore(journal) as again:
        assert not again.warnings
        assert again.get_act("a-after").note == "after the tear"
        assert again.get_act("a-log").note == "in the log"


@pytest.mark.parametrize("line", [b'{"seq": 99, "ops": [[\n', b"[]\n", b'{"seq": "x"}\n'])
def test_a_damaged_complete_last_log_line_is_refused_and_never_cut(journal, line):
    """Only a line without its newline is an interrupted write; a complete one that does not read is damage."""
    log = journal.with_name("journal.json.log")
    log.write_bytes(log.read_bytes() + line)
    before = log.read_bytes()
    message = _refuses(journal)
    assert "damaged" in message and "smn doctor" in message
    assert log.read_bytes() == before


def test_damaged_log_line_in_the_middle_is_refused(journal):
    with JournalStore(journal) as s:
        s.add_act(HelpfulAct(["c0002"], TODAY, "second in log", id="a-2"))
    log = journal.with_name("journal.json.log")
    lines = log.read_bytes().splitlines(keepends=True)
    assert len(lines) == 3  # the line naming the log, then two commits
    log.write_bytes(lines[0] + lines[1][:20] + b"#\n" + lines[2])
    message = _refuses(journal)
    assert "is damaged" in message


def test_same_size_damage_in_entries_is_caught_when_they_are_read(journal):
    """Opening checks only the entries file's size; reading it checks every byte."""
    epath = _entries(journal)
    raw = bytearray(epath.read_bytes())
    raw[len(raw) // 2] = 0
    epath.write_bytes(bytes(raw))
    folder = journal.parent
    before = folder_state(folder, mtimes=True)
    s = JournalStore(journal)
    with pytest.raises(JournalCorruptError, match="NUL"):
        s.acts_for("c0001")
    s.close()
    assert folder_state(folder, mtimes=True) == before
