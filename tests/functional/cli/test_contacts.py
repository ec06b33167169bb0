"""``smn contact list|show|edit|archive|unarchive|delete|merge`` through ``main(argv)``."""

from __future__ import annotations

import json

import pytest

from smn_tui.domain.models import Contact
from smn_tui.storage.store import JournalStore

from .helpers import Terminal, hexid, smn


def contact(db, name):
    with JournalStore(db) as store:
        return store.resolve_name(name)


# ------------------------------------------------------------------ list


def test_list_text(small_db):
    r = smn("contact", "list", db=small_db)
    assert r.code == 0
    assert r.out.splitlines() == [
        "Ada Lovelace  today    linkedin, email  #mentor #math",
        "Grace Hopper  2 d ago  github           #mentor",
        "Marie Curie   never",
    ]


def test_list_json_and_archived(small_db):
    smn("contact", "archive", "marie", db=small_db)
    assert [c["name"] for c in json.loads(smn("contact", "list", "--format", "json", db=small_db).out)] == [
        "Ada Lovelace", "Grace Hopper"]
    data = json.loads(smn("contact", "list", "--all", "--format", "json", db=small_db).out)
    assert [(c["name"], c["archived"], c["last_contact"]) for c in data] == [
        ("Ada Lovelace", False, "2026-11-25"), ("Grace Hopper", False, "2026-11-23"), ("Marie Curie", True, None)]
    assert data[0]["id"] == hexid("ad")
    assert data[0]["platforms"] == [["linkedin", "in/ada"], ["email", "ada@example.org"]]
    last = smn("contact", "list", "--all", db=small_db).out.splitlines()[-1]
    assert last == "Marie Curie   never                      (archived)"


def test_list_when_empty_or_all_archived(db):
    assert smn("contact", "list", db=db).out == "No contacts yet. Add one with 'smn contact add NAME'.\n"
    smn("contact", "add", "Ada", db=db)
    smn("contact", "archive", "Ada", db=db)
    assert "No contacts but 1 archived" in smn("contact", "list", db=db).out


def test_list_escapes_what_a_terminal_would_obey(db):
    with JournalStore(db) as store:
        eve = Contact("Eve")
        eve.name = "Eve\x9b2J\u202e"  # written before the character rules
        store.add_contact(eve)
    out = smn("contact", "list", db=db).out
    assert "\x9b" not in out and "\u202e" not in out and "Eve\\x9b2J\\u202e" in out


# ------------------------------------------------------------------ show


def test_show_details_then_the_timeline_with_short_ids(small_db):
    r = smn("contact", "show", "ada", db=small_db)
    assert r.code == 0
    assert r.out.splitlines() == [
        "Ada Lovelace",
        f"  id             {hexid('ad')}",
        "  platforms      linkedin in/ada, email ada@example.org",
        "  tags           mentor, math",
        "  stay in touch  every 30 days",
        "  last contact   2026-11-25 (today)",
        "  birthday       none",
        "  how you met    A conference",
        "  notes          Poet",
        "                 of numbers",
        "",
        "Timeline, newest first (3 entries):",
        "  1111aaaa   Wed 25 Nov 2026 · conversation via linkedin — Talked about the lab",
        "  2222bbbb2  Tue 24 Nov 2026 · helped: feedback, made their month, 45 min via email — Reviewed her grant",
        "  2222bbbb1  Fri 20 Nov 2026 · meeting with Grace Hopper — Lunch",
    ]


def test_show_json(small_db):
    data = json.loads(smn("contact", "show", "grace", "--format", "json", db=small_db).out)
    assert data["contact"]["name"] == "Grace Hopper" and data["contact"]["last_contact"] == "2026-11-23"
    assert [(e["type"], e["short_id"]) for e in data["timeline"]] == [("act", "3333cccc"), ("interaction", "2222bbbb1")]
    assert [p["name"] for p in data["timeline"][1]["contacts"]] == ["Ada Lovelace", "Grace Hopper"]


def test_show_someone_with_no_entries_and_archived(small_db):
    smn("contact", "archive", "marie", db=small_db)
    out = smn("contact", "show", "marie", db=small_db).out
    assert "  archived       yes ('smn contact unarchive' brings them back)" in out
    assert out.endswith("Nothing logged with Marie Curie yet.\n")


@pytest.mark.parametrize("name,words", [("zelda", "No contact called 'zelda'"), ("", "No contact called ''")])
def test_show_unknown(small_db, name, words):
    r = smn("contact", "show", name, db=small_db)
    assert r.code == 1 and words in r.err


def test_show_ambiguous(small_db):
    smn("contact", "add", "Ada Byron", db=small_db)
    r = smn("contact", "show", "ada", db=small_db)
    assert r.code == 1 and "matches several contacts: Ada Byron, Ada Lovelace" in r.err


# ------------------------------------------------------------------ edit


def test_edit_every_field(small_db):
    r = smn("contact", "edit", "ada", "--name", "Ada King", "--platform", "x:ada", "--unplatform", "email",
            "--tag", "poet", "--untag", "#Math", "--every", "none", "--met", "Through Babbage", "--note", "Countess",
            "--birthday", "1990-12-10", db=small_db)
    assert (r.code, r.err) == (0, "")
    assert r.out == "Updated Ada King: name, platforms, tags, cadence, how you met, notes, birthday.\n"
    ada = contact(small_db, "Ada King")
    assert [str(p) for p in ada.platforms] == ["linkedin:in/ada", "x:ada"]
    assert (ada.tags, ada.cadence_days, ada.how_met, ada.notes, ada.birthday.isoformat()) == (
        ["mentor", "poet"], None, "Through Babbage", "Countess", "1990-12-10")
    assert ada.id == hexid("ad")


def test_edit_cadence_birthday_none_and_one_handle(small_db):
    assert smn("contact", "edit", "ada", "--every", "14", "--birthday", "10 Dec 1990", db=small_db).code == 0
    assert smn("contact", "edit", "ada", "--birthday", "none", "--unplatform", "email:ada@example.org",
               db=small_db).code == 0
    ada = contact(small_db, "Ada")
    assert (ada.cadence_days, ada.birthday, [str(p) for p in ada.platforms]) == (14, None, ["linkedin:in/ada"])


def test_edit_that_changes_nothing(small_db):
    r = smn("contact", "edit", "ada", "--tag", "math", db=small_db)
    assert (r.code, r.out) == (0, "Ada Lovelace already has that; nothing changed.\n")


@pytest.mark.parametrize("args,words", [
    ([], "Nothing to change: give --name"),
    (["--name", "Grace Hopper"], "There is already a contact called 'Grace Hopper'."),
    (["--name", " "], "the name is required"),
    (["--name", "A\x9bB"], "the name contains control characters (U+009B)"),
    (["--unplatform", "x:nobody"], "Ada Lovelace has no platform x:nobody (they have: linkedin:in/ada, email:ada"),
    (["--untag", "poet"], "Ada Lovelace has no tag 'poet' (they have: mentor, math)."),
    (["--tag", "bad!"], "--tag"),
    (["--platform", ":x"], "--platform"),
    (["--every", "often"], "--every takes a number of days or 'none', not 'often'."),
    (["--every", "0"], "--every must be at least 1 day"),
    (["--every", "5000"], "--every must be between 1 and 3660"),
    (["--birthday", "32 Dec"], "'32 Dec' is not a day of the year"),
    (["--note", "x" * 20_001], "--note is too long"),
])
def test_edit_user_errors_change_nothing(small_db, args, words):
    before = contact(small_db, "Ada").to_doc()
    r = smn("contact", "edit", "ada", *args, db=small_db)
    assert r.code == 1 and words in r.err, r.err
    assert contact(small_db, "Ada").to_doc() == before


def test_edit_neutralises_invisible_characters(small_db):
    assert smn("contact", "edit", "ada", "--name", "\u202eAda\u200b Lovelace", db=small_db).code == 0
    assert contact(small_db, "Ada").name == "Ada Lovelace"


def test_edit_on_a_missing_journal(db):
    r = smn("contact", "edit", "ada", "--tag", "x", db=db)
    assert r.code == 1 and "There is no journal" in r.err and not db.exists()


# ------------------------------------------------------------------ archive


def test_archive_and_unarchive(small_db):
    r = smn("contact", "archive", "grace", db=small_db)
    assert r.out == ("Archived Grace Hopper: hidden from lists, kept in the journal "
                     "('smn contact unarchive \"Grace Hopper\"' brings them back).\n")
    assert contact(small_db, "Grace Hopper").archived
    assert smn("contact", "archive", "grace", db=small_db).out == "Grace Hopper is already archived; nothing changed.\n"
    assert smn("contact", "unarchive", "grace hopper", db=small_db).out == "Grace Hopper is back in the lists.\n"
    assert not contact(small_db, "Grace Hopper").archived
    assert smn("contact", "unarchive", "grace", db=small_db).out == "Grace Hopper is not archived; nothing changed.\n"
    assert smn("contact", "archive", "zelda", db=small_db).code == 1


# ------------------------------------------------------------------ delete


def test_delete_without_a_terminal_refuses_without_yes(small_db):
    r = smn("contact", "delete", "ada", db=small_db)
    assert r.code == 1
    assert r.err == ("smn: Deleting Ada Lovelace also deletes 2 entries that involve nobody else and takes them "
                     "off 1 entry. Add --yes to delete; nothing was deleted.\n")
    assert contact(small_db, "Ada").id == hexid("ad")


def test_delete_on_a_terminal_shows_what_goes_and_asks(small_db):
    out = Terminal()
    r = smn("contact", "delete", "ada", db=small_db, stdin=Terminal("n\n"), out=out)
    assert r.code == 1 and r.err == "smn: Nothing was deleted; Ada Lovelace is still in the journal.\n"
    assert r.out.splitlines() == [
        "Deleting Ada Lovelace removes them from the journal for good:",
        "  2 entries with nobody else go too:",
        "    1111aaaa   Wed 25 Nov 2026 · conversation with Ada Lovelace via linkedin — Talked about the lab",
        "    2222bbbb2  Tue 24 Nov 2026 · helped Ada Lovelace: feedback, made their month, 45 min via email — "
        "Reviewed her grant",
        "  they are taken off 1 entry shared with others:",
        "    2222bbbb1  Fri 20 Nov 2026 · meeting with Ada Lovelace, Grace Hopper — Lunch",
        "Delete Ada Lovelace? [y/N] ",
    ]
    assert contact(small_db, "Ada").id == hexid("ad")
    r = smn("contact", "delete", "ada", db=small_db, stdin=Terminal("yes\n"), out=Terminal())
    assert r.code == 0 and r.out.endswith(
        "Deleted Ada Lovelace, 2 entries with nobody else, and took them off 1 entry.\n")
    with JournalStore(small_db) as store:
        assert sorted(c.name for c in store.contacts()) == ["Grace Hopper", "Marie Curie"]
        [lunch] = store.interactions_for(hexid("9c"))
        assert lunch.contact_ids == [hexid("9c")] and store.stats()["acts"] == 1


def test_delete_with_yes(small_db):
    r = smn("contact", "delete", "marie", "--yes", db=small_db)
    assert r.code == 0 and r.out == "Deleted Marie Curie, 0 entries with nobody else, and took them off 0 entries.\n"
    assert smn("contact", "show", "marie", db=small_db).code == 1


def test_delete_unknown(small_db):
    r = smn("contact", "delete", "zelda", "--yes", db=small_db)
    assert r.code == 1 and "No contact called 'zelda'" in r.err


# ------------------------------------------------------------------ merge


def test_merge_moves_everything_to_the_survivor(small_db):
    smn("contact", "add", "A. Lovelace", "--platform", "x:ada", "--tag", "poet", "--met", "Via Babbage",
        "--note", "Likes engines", db=small_db)
    smn("log", "a. lovelace", "Coffee", "--on", "2026-11-22", db=small_db)
    smn("log", "a. lovelace, ada lovelace, grace", "Dinner", "--on", "2026-11-21", db=small_db)
    r = smn("contact", "merge", "A. Lovelace", "--into", "Ada Lovelace", db=small_db)
    assert (r.code, r.err) == (0, "")
    assert r.out == ("Merged A. Lovelace into Ada Lovelace: 2 entries moved (1 had both of them); "
                     "gained 1 platform, 1 tag, the notes, how you met.\n")
    with JournalStore(small_db) as store:
        assert sorted(c.name for c in store.contacts()) == ["Ada Lovelace", "Grace Hopper", "Marie Curie"]
        ada = store.resolve_name("Ada")
        assert [str(p) for p in ada.platforms] == ["linkedin:in/ada", "email:ada@example.org", "x:ada"]
        assert ada.tags == ["mentor", "math", "poet"] and ada.cadence_days == 30
        assert ada.notes == "Poet\nof numbers\n\nLikes engines" and ada.how_met == "A conference; Via Babbage"
        notes = {e.note: e.contact_ids for e in store.timeline(ada.id)}
        assert notes["Coffee"] == [ada.id]
        assert notes["Dinner"] == [ada.id, hexid("9c")]
        assert len(store.timeline(ada.id)) == 5


def test_a_merge_is_one_change_that_undo_takes_back_whole(small_db):
    smn("contact", "add", "A. Lovelace", "--platform", "x:ada", db=small_db)
    smn("log", "a. lovelace", "Coffee", "--on", "2026-11-22", db=small_db)
    with JournalStore(small_db, read_only=True) as store:
        before = store.export_tables()
    assert smn("contact", "merge", "A. Lovelace", "--into", "Ada Lovelace", db=small_db).code == 0
    r = smn("undo", db=small_db)
    assert r.code == 0 and r.out.startswith("Undid: Merged A. Lovelace into Ada Lovelace.")
    with JournalStore(small_db, read_only=True) as store:
        assert store.export_tables() == before


@pytest.mark.parametrize("args,words", [
    (["ada", "--into", "ada lovelace"], "'Ada Lovelace' and 'Ada Lovelace' are the same contact."),
    (["zelda", "--into", "ada"], "No contact called 'zelda'"),
    (["ada", "--into", "zelda"], "No contact called 'zelda'"),
])
def test_merge_user_errors_change_nothing(small_db, args, words):
    r = smn("contact", "merge", *args, db=small_db)
    assert r.code == 1 and words in r.err
    with JournalStore(small_db) as store:
        assert store.stats()["contacts"] == 3


def test_merge_needs_into(small_db):
    assert smn("contact", "merge", "ada", db=small_db).code == 2


def test_contact_list_narrows_by_tag_platform_and_words(small_db):
    assert smn("contact", "list", "--tag", "mentor", db=small_db).out.splitlines()[0].startswith("Ada Lovelace")
    by_platform = smn("contact", "list", "--platform", "LinkedIn", db=small_db).out
    assert "Ada Lovelace" in by_platform and "Grace Hopper" not in by_platform
    assert smn("contact", "list", "--match", "nobody-at-all", db=small_db).out == "Nobody fits.\n"
    import json

    rows = json.loads(smn("contact", "list", "--tag", "mentor", "--platform", "linkedin", "--format", "json",
                          db=small_db).out)
    assert [r["name"] for r in rows] == ["Ada Lovelace"]
