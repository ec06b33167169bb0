"""``smn entry edit|delete ID`` and the short ids ``smn week`` prints, through ``main(argv)``."""

from __future__ import annotations

import pytest

from smn_tui.domain.models import ValidationError
from smn_tui.storage.store import JournalStore

from .helpers import hexid, smn

TALK, LUNCH, GRANT, TALK_SHARED = hexid("1111aaaa"), hexid("2222bbbb1"), hexid("2222bbbb2"), hexid("3333cccc")


def get(db, rid):
    with JournalStore(db) as store:
        try:
            return store.get_interaction(rid)
        except ValidationError:  # not an interaction: an act
            return store.get_act(rid)


def stats(db):
    with JournalStore(db) as store:
        return store.stats()


def test_week_text_prints_each_entrys_short_id(small_db):
    lines = smn("week", db=small_db).out.splitlines()
    assert "    2222bbbb2  Tue 24 Nov · feedback · made their month, 45 min — Reviewed her grant" in lines
    assert "    3333cccc  Mon 23 Nov · amplify/share · made their day — Shared her talk" in lines
    at = lines.index("    Ada Lovelace (1)")  # the people met, each person then their entries
    assert lines[at + 1] == "      1111aaaa  Wed 25 Nov · conversation via linkedin — Talked about the lab"
    assert "1111aaaa" not in smn("week", "--format", "md", db=small_db).out


def test_edit_an_interaction(small_db):
    r = smn("entry", "edit", "1111aaaa", "--note", "Talked about engines", "--on", "2026-11-22", "--kind", "meet",
            "--via", "in person", "--with", "ada, grace", db=small_db)
    assert (r.code, r.err) == (0, "")
    assert r.out == ("Updated interaction 1111aaaa (note, date, kind, via, people): Sun 22 Nov 2026 · meeting with "
                     "Ada Lovelace, Grace Hopper via in person — Talked about engines\n")
    i = get(small_db, TALK)
    assert (i.note, i.on.isoformat(), i.kind, i.platform, i.contact_ids) == (
        "Talked about engines", "2026-11-22", "meeting", "in person", [hexid("ad"), hexid("9c")])


def test_edit_an_act(small_db):
    r = smn("entry", "edit", "2222BBBB2", "--impact", "year", "--minutes", "60", "--outcome", "Funded",
            "--kind", "advice", "--via", "", db=small_db)
    assert r.code == 0 and r.out.startswith("Updated helpful act 2222bbbb2 (kind, via, impact, minutes, outcome): ")
    a = get(small_db, GRANT)
    assert (a.impact, a.minutes, a.outcome, a.kind, a.platform, a.note) == (
        "year", 60, "Funded", "advice", "", "Reviewed her grant")


def test_a_whole_id_or_a_unique_start_of_four(small_db):
    assert smn("entry", "edit", TALK_SHARED, "--note", "a", db=small_db).code == 0
    assert smn("entry", "edit", "3333", "--note", "b", db=small_db).code == 0
    assert get(small_db, TALK_SHARED).note == "b"


@pytest.mark.parametrize("args,words", [
    (["2222bbbb", "--note", "x"], "'2222bbbb' starts the ids of 2 entries: 2222bbbb1 (Fri 20 Nov 2026 · meeting "
                                  "with Ada Lovelace, Grace Hopper — Lunch); 2222bbbb2 (Tue 24 Nov 2026 · helped Ada "
                                  "Lovelace: feedback, made their month, 45 min via email — Reviewed her grant). "
                                  "Type more of the id."),
    (["ffff", "--note", "x"], "No entry with an id starting 'ffff'. 'smn contact show NAME' and 'smn week' print"),
    (["111", "--note", "x"], "Give at least 4 characters of the entry's id"),
    (["1111aaaa"], "Nothing to change: give --note, --on, --kind, --via, --with"),
    (["1111aaaa", "--impact", "week"], "--impact is for helpful acts; this entry is an interaction."),
    (["1111aaaa", "--minutes", "5"], "--minutes is for helpful acts"),
    (["1111aaaa", "--kind", "advice"], "--kind must be one of: new connection, conversation"),
    (["3333cccc", "--kind", "meeting"], "--kind must be one of: advice, introduction"),
    (["3333cccc", "--impact", "decade"], "--impact must be one of: day, week, month, year"),
    (["3333cccc", "--minutes", "-5"], "minutes must be between 0 and 100000"),
    (["3333cccc", "--note", "  "], "the note is required"),
    (["1111aaaa", "--note", "a\x9bb"], "the note contains control characters (U+009B)"),
    (["1111aaaa", "--on", "tomorrow"], "2026-11-26 is in the future: future dates are refused"),
    (["1111aaaa", "--on", "32 Dec"], "December 2026 has 31 days"),
    (["1111aaaa", "--on", "3/4"], "'3/4' could be 3 Apr or 4 Mar"),
    (["1111aaaa", "--with", "zelda"], "No contact called 'zelda'"),
    (["1111aaaa", "--with", " , "], "Give at least one name."),
    (["1111aaaa", "--via", "p" * 41], "--via is too long"),
])
def test_edit_user_errors_change_nothing(small_db, args, words):
    before = {rid: get(small_db, rid).to_doc() for rid in (TALK, LUNCH, GRANT, TALK_SHARED)}
    r = smn("entry", "edit", *args, db=small_db)
    assert r.code == 1 and words in r.err, r.err
    assert {rid: get(small_db, rid).to_doc() for rid in before} == before
    assert stats(small_db)["contacts"] == 3


def test_delete_an_interaction_and_an_act(small_db):
    r = smn("entry", "delete", "2222bbbb1", db=small_db)
    assert r.out == "Deleted interaction 2222bbbb1: Fri 20 Nov 2026 · meeting with Ada Lovelace, Grace Hopper — Lunch\n"
    r = smn("entry", "delete", "3333", db=small_db)
    assert r.out == ("Deleted helpful act 3333cccc: Mon 23 Nov 2026 · helped Grace Hopper: amplify/share, "
                     "made their day — Shared her talk\n")
    assert (stats(small_db)["interactions"], stats(small_db)["acts"]) == (1, 1)
    # With 2222bbbb1 gone, 2222bbbb2 is unique at 8 characters.
    assert "  2222bbbb  Tue 24 Nov 2026" in smn("contact", "show", "ada", db=small_db).out


@pytest.mark.parametrize("entry_id,words", [("ffff", "No entry with an id starting 'ffff'"),
                                            ("2222bbbb", "starts the ids of 2 entries"),
                                            ("ab", "Give at least 4 characters")])
def test_delete_user_errors(small_db, entry_id, words):
    r = smn("entry", "delete", entry_id, db=small_db)
    assert r.code == 1 and words in r.err
    assert (stats(small_db)["interactions"], stats(small_db)["acts"]) == (2, 2)


def test_entry_commands_on_a_missing_journal(db):
    for argv in (["entry", "delete", "abcd"], ["entry", "edit", "abcd", "--note", "x"]):
        r = smn(*argv, db=db)
        assert r.code == 1 and "There is no journal" in r.err
    assert not db.exists()


def test_ids_logged_from_the_shell_work_as_printed(db):
    smn("contact", "add", "Ada", db=db)
    smn("helped", "ada", "Sent the paper", db=db)
    [line] = [x for x in smn("contact", "show", "ada", db=db).out.splitlines() if "Sent the paper" in x]
    sid = line.split()[0]
    assert len(sid) == 8
    assert smn("entry", "edit", sid, "--impact", "week", db=db).code == 0
    assert smn("entry", "delete", sid, db=db).code == 0
    assert stats(db)["acts"] == 0
