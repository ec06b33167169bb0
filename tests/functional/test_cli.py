"""Every ``smn`` command through ``main(argv)``: exit codes, output and one-line errors."""

from __future__ import annotations

import io
import json

import pytest

from smn_tui import __version__
from smn_tui.cli import main
from smn_tui.storage.store import JournalStore

from ..seed import TODAY
from .cli.helpers import smn


def journal(db) -> JournalStore:
    return JournalStore(db)


# ------------------------------------------------------------------ contact add


def test_contact_add_with_everything(db):
    r = smn("contact", "add", "Ada Lovelace", "--platform", "linkedin:in/ada", "--platform", "twitter:ada",
            "--tag", "mentor", "--tag", "#Math", "--every", "30", "--met", "A conference", "--note", "Poet",
            db=db)
    assert (r.code, r.out, r.err) == (0, "Added Ada Lovelace.\n", "")
    with journal(db) as store:
        [ada] = store.contacts()
        assert [str(p) for p in ada.platforms] == ["linkedin:in/ada", "x:ada"]
        assert (ada.tags, ada.cadence_days, ada.how_met, ada.notes) == (["mentor", "math"], 30, "A conference", "Poet")


def test_contact_add_refuses_a_duplicate_name(db):
    assert smn("contact", "add", "Ada", db=db).code == 0
    r = smn("contact", "add", "  ADA ", db=db)
    assert r.code == 1 and "already a contact called 'Ada'" in r.err


@pytest.mark.parametrize("args,words", [
    (["", ], "name is required"),
    (["A\x1bB"], "control characters"),
    (["A", "--every", "0"], "--every must be at least 1"),
    (["A", "--every", "5000"], "--every must be between 1 and 3660"),
    (["A", "--platform", ":handle"], "--platform"),
    (["A", "--tag", "bad!"], "--tag"),
])
def test_contact_add_user_errors(db, args, words):
    r = smn("contact", "add", *args, db=db)
    assert r.code == 1 and words in r.err and r.out == ""
    assert not db.exists() or JournalStore(db).stats()["contacts"] == 0


# ------------------------------------------------------------------ log


def test_log_interaction(seeded_db):
    r = smn("log", "ada", "Coffee about her lab", "--on", "yesterday", "--via", "in person", "--kind", "meet",
            db=seeded_db)
    assert r.code == 0
    assert r.out == "Logged meeting with Ada Lovelace on 2026-11-24 via in person.\n"
    with journal(seeded_db) as store:
        latest = store.interactions_for(store.resolve_name("Ada Lovelace").id)
        assert [(i.note, i.on.isoformat(), i.kind, i.platform, i.real) for i in latest][1] == (
            "Coffee about her lab", "2026-11-24", "meeting", "in person", True)


def test_log_passive_with_several_names(seeded_db):
    r = smn("log", "grace, alan turing", "Liked their posts", "--passive", "--via", "twitter", db=seeded_db)
    assert r.code == 0
    assert r.out == "Logged conversation (passive) with Grace Hopper, Alan Turing on 2026-11-25 via x.\n"


def test_log_bad_kind(seeded_db):
    r = smn("log", "ada", "x", "--kind", "telepathy", db=seeded_db)
    assert r.code == 1 and "--kind must be one of: new connection" in r.err


# ------------------------------------------------------------------ helped


def test_helped_with_every_option(seeded_db):
    r = smn("helped", "Ada", "Reviewed her grant", "--on", "2026-11-20", "--kind", "feedback", "--impact", "month",
            "--minutes", "45", "--via", "email", "--asked", "--outcome", "Funded", db=seeded_db)
    assert r.code == 0
    assert r.out == "Logged: you helped Ada Lovelace on 2026-11-20 via email (feedback, made their month).\n"
    with journal(seeded_db) as store:
        [act] = [a for a in store.acts_for(store.resolve_name("Ada Lovelace").id) if a.outcome]
        assert (act.note, act.on.isoformat(), act.kind, act.impact, act.minutes, act.platform, act.asked,
                act.outcome) == ("Reviewed her grant", "2026-11-20", "feedback", "month", 45, "email", True, "Funded")


def test_helped_several_names_one_act(seeded_db):
    r = smn("helped", "marie,  rosalind ,marie curie", "Introduced them", "--kind", "intro", db=seeded_db)
    assert r.code == 0 and "Marie Curie, Rosalind Franklin" in r.out
    with journal(seeded_db) as store:
        act = store.acts_for(store.resolve_name("Rosalind Franklin").id)[0]
        assert act.note == "Introduced them"
        assert [store.get_contact(c).name for c in act.contact_ids] == ["Marie Curie", "Rosalind Franklin"]


def test_helped_new_people_are_created_in_the_same_commit(db):
    smn("contact", "add", "Ada Lovelace", db=db)
    r = smn("helped", "Ada, Bob Builder, bob builder", "Fixed the shed", "--new", db=db)
    assert r.code == 0
    assert r.out == ("Logged: you helped Ada Lovelace, Bob Builder on 2026-11-25 (other, made their day) "
                     "(new: Bob Builder).\n")
    with journal(db) as store:
        assert sorted(c.name for c in store.contacts()) == ["Ada Lovelace", "Bob Builder"]
        assert store.stats()["acts"] == 1


def test_helped_unknown_name_suggests_new(seeded_db):
    r = smn("helped", "Ada, Zelda", "x", db=seeded_db)
    assert r.code == 1 and "No contact called 'Zelda'" in r.err and "--new" in r.err
    with journal(seeded_db) as store:
        assert store.stats()["acts"] == 9  # nothing written, not even for Ada


def test_helped_ambiguous_name_lists_candidates(seeded_db):
    smn("contact", "add", "Ada Byron", db=seeded_db)
    r = smn("helped", "ada", "x", "--new", db=seeded_db)
    assert r.code == 1 and "Ada Byron, Ada Lovelace" in r.err


@pytest.mark.parametrize("args,words", [
    (["--on", "the other day"], "is not a date. Use a date like 2026-11-24"),
    (["--on", "2026-11-26"], "in the future"),
    (["--on", "tomorrow"], "2026-11-26 is in the future: future dates are refused"),
    (["--kind", "bribe"], "--kind must be one of: advice"),
    (["--impact", "decade"], "--impact must be one of: day, week, month, year"),
    (["--minutes", "-5"], "minutes cannot be negative"),
    (["--via", "p" * 41], "--via is too long"),
])
def test_helped_user_errors(seeded_db, args, words):
    r = smn("helped", "ada", "did a thing", *args, db=seeded_db)
    assert r.code == 1 and words in r.err and r.out == ""


def test_helped_empty_note_and_names(seeded_db):
    assert "the note is required" in smn("helped", "ada", "  ", db=seeded_db).err
    assert "Give at least one name" in smn("helped", " , ", "x", db=seeded_db).err


# ------------------------------------------------------------------ due


def test_due_lists_overdue_people(seeded_db):
    r = smn("due", db=seeded_db)
    assert r.code == 0
    assert r.out.splitlines() == [
        "Hedy Lamarr     overdue by 40 d  every 60 d, last contact 3 mo ago (2026-08-17)",
        "Barbara Liskov  overdue by 26 d  every 90 d, never contacted",
    ]


def test_due_when_nobody_is_due(db):
    smn("contact", "add", "Ada", "--every", "30", db=db)
    smn("log", "ada", "coffee", db=db)
    assert smn("due", db=db).out == "Nobody is due: you are in touch with everyone you gave a cadence.\n"


def test_due_on_a_missing_journal_creates_nothing(db):
    r = smn("due", db=db)
    assert r.code == 0 and r.out.startswith("Nobody is due. Give contacts a cadence")
    assert not db.exists() and not db.parent.exists()


# ------------------------------------------------------------------ week


def test_week_text(seeded_db):
    r = smn("week", db=seeded_db)
    assert r.code == 0
    assert r.out.startswith("Week 2026-W48 · 23–29 Nov 2026")
    assert "Reviewed her grant proposal" in r.out and "Lunch, compared lab notes" in r.out


def test_week_markdown_for_a_past_week(seeded_db):
    r = smn("week", "--week", "2026-W47", "--format", "md", db=seeded_db)
    assert r.code == 0 and r.out.startswith("# Week 2026-W47")
    assert "Code review chat, week -1" in r.out
    by_date = smn("week", "--week", "2026-11-18", "--format", "md", db=seeded_db)
    assert by_date.out == r.out


def test_week_json_for_scripts(seeded_db):
    r = smn("week", "--week", "last week", "--format", "json", db=seeded_db)
    assert r.code == 0
    data = json.loads(r.out)
    assert data["week"] == "2026-W47"
    assert {"interactions", "acts", "audit"} <= data.keys()
    assert data["audit"]["answers"] == {"hours": 6, "support": 12}
    assert data["audit"]["intention"] == "Call Hedy"
    this = json.loads(smn("week", "--format", "json", db=seeded_db).out)
    assert len(this["interactions"]) == 4 and len(this["acts"]) == 3
    intro = next(a for a in this["acts"] if a["kind"] == "introduction")
    assert [p["name"] for p in intro["contacts"]] == ["Marie Curie", "Rosalind Franklin"]
    assert [p["id"] for p in intro["contacts"]] == intro["contact_ids"]
    assert this["audit"] is None


def test_week_bad_week(seeded_db):
    r = smn("week", "--week", "someday", db=seeded_db)
    assert r.code == 1 and "'someday' is not a week" in r.err and "2026-W48" in r.err
    assert "has no week 60" in smn("week", "--week", "2026-W60", db=seeded_db).err


def test_week_bad_format_is_usage(seeded_db):
    assert smn("week", "--format", "pdf", db=seeded_db).code == 2


# ------------------------------------------------------------------ usage, version, where the journal is


def test_version():
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        code = main(["--version"], today=TODAY, out=out, err=io.StringIO())
    assert code == 0 and out.getvalue().strip() == f"smn {__version__}"


@pytest.mark.parametrize("argv", [
    ["bogus"],
    ["contact"],
    ["contact", "remove", "x"],
    ["log", "ada"],
    ["helped"],
    ["helped", "ada", "x", "--minutes", "lots"],
    ["due", "--frobnicate"],
    ["--demo", "due"],
])
def test_bad_usage_exits_2(argv, db):
    r = smn(*argv, db=db)
    assert r.code == 2 and r.out == ""
    assert "usage: smn" in r.err
    assert not db.exists()


def test_db_before_or_after_the_command(tmp_path):
    before, after = tmp_path / "a.json", tmp_path / "b.json"
    out, err = io.StringIO(), io.StringIO()
    assert main(["--db", str(before), "contact", "add", "Ada"], today=TODAY, out=out, err=err) == 0
    assert main(["contact", "add", "Bob", "--db", str(after)], today=TODAY, out=out, err=err) == 0
    with JournalStore(before) as a, JournalStore(after) as b:
        assert [c.name for c in a.contacts()] == ["Ada"]
        assert [c.name for c in b.contacts()] == ["Bob"]


def test_smn_db_variable_and_default_folder(tmp_path, monkeypatch):
    target = tmp_path / "env" / "journal.json"
    monkeypatch.setenv("SMN_DB", str(target))
    assert smn("contact", "add", "Ada").code == 0
    with JournalStore(target) as store:
        assert [c.name for c in store.contacts()] == ["Ada"]
    monkeypatch.delenv("SMN_DB")
    assert smn("contact", "add", "Bob").code == 0
    import os
    from pathlib import Path

    default = Path(os.environ["XDG_DATA_HOME"]) / "smn" / "journal.json"  # the isolated user data folder
    with JournalStore(default, create=False) as store:
        assert [c.name for c in store.contacts()] == ["Bob"]


def test_unreadable_journal_is_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    for argv in (["due"], ["week"], ["log", "ada", "x", "--new"], ["contact", "add", "Ada"]):
        r = smn(*argv, db=bad)
        assert r.code == 1 and str(bad) in r.err
    assert bad.read_text() == "not json"


def test_empty_db_path_is_refused(tmp_path):
    r = smn("contact", "add", "Ada", db="")
    assert r.code == 1 and "--db needs a file path" in r.err


def test_journal_path_is_a_folder(tmp_path):
    r = smn("contact", "add", "Ada", db=tmp_path)
    assert r.code == 1 and str(tmp_path) in r.err
