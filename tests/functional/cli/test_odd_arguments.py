"""Odd command-line arguments get one clear line and exit 1 (or work), never a traceback."""

from __future__ import annotations

import io
import os

import pytest

from smn_tui.cli import main
from smn_tui.storage.store import JournalStore

from ...seed import TODAY
from .helpers import hexid, smn

# ------------------------------------------------------------------ bytes that are not UTF-8
# Python hands such bytes over as lone surrogates ('\udcff'), which can be neither stored nor printed.


@pytest.mark.parametrize("argv,label", [
    (["contact", "add", "Ada\udcff"], "the name"),
    (["log", "Ada", "coffee \udce9"], "the note"),
    (["helped", "Ada", "x", "--outcome", "\udcff"], "--outcome"),
    (["week", "--week", "\udcff"], "--week"),
    (["contact", "edit", "Ada", "--tag", "t\udcff"], "--tag"),
    (["entry", "delete", "\udcffabcd"], "the id"),
])
def test_invalid_utf8_in_an_argument_is_refused(db, argv, label):
    smn("contact", "add", "Ada", db=db)
    r = smn(*argv, db=db)
    assert r.code == 1 and r.err == f"smn: {label} is not valid UTF-8 text (it holds other bytes); " \
                                     "check the terminal's character encoding.\n"
    with JournalStore(db) as store:
        assert [c.name for c in store.contacts()] == ["Ada"] and store.stats()["acts"] == 0


def test_invalid_utf8_in_the_journal_path_is_refused(tmp_path):
    r = smn("contact", "add", "Ada", db=tmp_path / "j\udcff.json")
    assert r.code == 1 and "--db is not valid UTF-8 text" in r.err
    assert os.listdir(tmp_path) == []


def test_a_file_name_of_other_bytes_works_and_prints_escaped_on_a_strict_stdout(small_db, tmp_path):
    target = tmp_path / "out-\udcff.json"
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")  # what a real stdout does
    err = io.StringIO()
    code = main(["export", "json", "--out", str(target), "--db", str(small_db)], today=TODAY, out=out, err=err)
    out.flush()
    assert code == 0, err.getvalue()
    assert os.path.exists(os.fsencode(target))
    assert b"out-\\udcff.json" in raw.getvalue()
    missing = smn("import", "json", str(tmp_path / "gone-\udcff.json"), db=small_db)
    assert missing.code == 1 and "gone-\\udcff.json" in missing.err


def test_a_nul_in_an_argument_is_refused(db):
    r = smn("contact", "add", "Ada", "--db", str(db) + "\0x")
    assert r.code == 1 and r.err == "smn: --db contains a NUL character.\n"


# ------------------------------------------------------------------ the ends of the calendar


@pytest.mark.parametrize("week", ["0001-W01", "9999-W52", "9999-12-31", "1899-12-31", "31 Dec 9999"])
@pytest.mark.parametrize("command", [["week"], ["export", "md"]])
def test_weeks_at_the_ends_of_the_calendar(small_db, command, week):
    r = smn(*command, "--week", week, db=small_db)
    assert r.code == 1 and r.out == ""
    assert any(words in r.err for words in ("out of range", "too far ahead", "too long ago"))


@pytest.mark.parametrize("week", ["1900-W01", "9998-W52", "9998-12-31"])
def test_the_first_and_last_weeks_work(small_db, week):
    for fmt in ("text", "md", "json"):
        assert smn("week", "--week", week, "--format", fmt, db=small_db).code == 0
    assert smn("export", "md", "--week", week, db=small_db).code == 0


# ------------------------------------------------------------------ where the journal is


@pytest.mark.parametrize("command", [["due"], ["week"], ["contact", "add", "Ada"], ["contact", "list"],
                                     ["export", "json"], ["doctor"], ["restore", "--list"], ["log", "a", "b", "--new"]])
@pytest.mark.parametrize("path,words", [
    ("/", "--db / is a folder; give the journal's file, like /journal.json."),
    (".", "--db . is a folder"),
    ("..", "--db .. is a folder"),
    ("~nosuchuser/x", "--db ~nosuchuser/x: there is no home folder for '~nosuchuser'."),
])
def test_db_paths_that_cannot_be_a_journal(command, path, words):
    r = smn(*command, "--db", path)
    assert r.code == 1 and words in r.err


def test_smn_db_with_an_unknown_user(monkeypatch):
    monkeypatch.setenv("SMN_DB", "~nosuchuser/journal.json")
    r = smn("due")
    assert r.code == 1 and r.err == "smn: SMN_DB: there is no home folder for the '~' it starts with.\n"


@pytest.mark.parametrize("argv,words", [
    (["import", "json", "~nosuchuser/f.json"], "FILE ~nosuchuser/f.json: there is no home folder"),
    (["export", "json", "--out", "~nosuchuser/f.json"], "--out ~nosuchuser/f.json: there is no home folder"),
])
def test_other_paths_with_an_unknown_user(small_db, argv, words):
    r = smn(*argv, db=small_db)
    assert r.code == 1 and words in r.err


# ------------------------------------------------------------------ every command, odd arguments

ODD = ["", " ", "\udcff", "a\x00b", "\x1b[31m", "\u202e", "\x9b", "x" * 5000, "-1", "0", "99999999999999999999",
       "[/]", "..", "~nosuchuser/x", "9999-12-31", "0001-W01", "3/4", "32 Dec", "\n", "@", "https://", ":", "none",
       "--", "-x"]
ID = hexid("1111aaaa")[:8]

#: Each command with X where an odd value goes.
COMMANDS = [
    ["contact", "add", "X"], ["contact", "add", "New", "--platform", "X"], ["contact", "add", "New", "--tag", "X"],
    ["contact", "add", "New", "--every", "X"], ["contact", "add", "New", "--met", "X", "--note", "X"],
    ["contact", "list", "--format", "X"], ["contact", "show", "X"], ["contact", "show", "ada", "--format", "X"],
    ["contact", "edit", "X", "--note", "n"], ["contact", "edit", "ada", "--name", "X"],
    ["contact", "edit", "ada", "--platform", "X"], ["contact", "edit", "ada", "--unplatform", "X"],
    ["contact", "edit", "ada", "--tag", "X"], ["contact", "edit", "ada", "--untag", "X"],
    ["contact", "edit", "ada", "--every", "X"], ["contact", "edit", "ada", "--met", "X", "--note", "X"],
    ["contact", "edit", "ada", "--birthday", "X"], ["contact", "archive", "X"], ["contact", "unarchive", "X"],
    ["contact", "delete", "X"], ["contact", "delete", "X", "--yes"], ["contact", "merge", "X", "--into", "ada"],
    ["contact", "merge", "grace", "--into", "X"],
    ["log", "X", "n"], ["log", "ada", "X"], ["log", "ada", "n", "--on", "X"], ["log", "ada", "n", "--via", "X"],
    ["log", "ada", "n", "--kind", "X"], ["log", "X", "n", "--new"],
    ["helped", "X", "n"], ["helped", "ada", "X"], ["helped", "ada", "n", "--on", "X"],
    ["helped", "ada", "n", "--kind", "X"], ["helped", "ada", "n", "--impact", "X"],
    ["helped", "ada", "n", "--minutes", "X"], ["helped", "ada", "n", "--via", "X", "--outcome", "X"],
    ["week", "--week", "X"], ["week", "--format", "X"],
    ["import", "json", "X"], ["import", "vcard", "X", "--dry-run"], ["import", "X", "f"],
    ["export", "json", "--out", "X"], ["export", "md", "--week", "X"], ["export", "csv", "--out", "X"],
    ["export", "vcard", "--out", "X", "--force"],
    ["restore", "X"], ["settings", "date-order", "X"], ["settings", "X"],
    ["entry", "edit", "X", "--note", "n"], ["entry", "edit", ID, "--note", "X"], ["entry", "edit", ID, "--on", "X"],
    ["entry", "edit", ID, "--kind", "X"], ["entry", "edit", ID, "--impact", "X"],
    ["entry", "edit", ID, "--minutes", "X"], ["entry", "edit", ID, "--via", "X"],
    ["entry", "edit", ID, "--with", "X"], ["entry", "delete", "X"],
    ["due", "--db", "X"], ["doctor", "--db", "X"], ["contact", "list", "--db", "X"], ["week", "--db", "X"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_takes_odd_arguments_without_a_traceback(command, small_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative paths among the odd values land here
    for value in ODD:
        argv = [value if part == "X" else part for part in command]
        db = None if "--db" in command else small_db
        r = smn(*argv, db=db)  # raises on a traceback; checks that exit 1 is one line
        assert r.code in (0, 1, 2), (argv, r)
        if r.code == 2:
            assert "usage: smn" in r.err
    with JournalStore(small_db) as store:  # whatever the commands did, the journal still opens
        assert store.stats()["contacts"] >= 1
