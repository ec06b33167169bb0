"""Control, bidirectional and zero-width characters from the shell: refused or removed on the
way in, escaped on the way out (see domain/text.py)."""

from __future__ import annotations

import pytest

from smn_tui.domain.models import Contact
from smn_tui.storage.store import JournalStore

from .helpers import STAMP, smn


@pytest.mark.parametrize("char", ["\x9b", "\x9d", "\x85", "\x1b"])
def test_control_characters_in_a_name_are_refused(db, char):
    r = smn("contact", "add", f"Ev{char}e", db=db)
    assert r.code == 1 and "the name contains control characters (U+00" in r.err
    assert not db.exists() or JournalStore(db).stats()["contacts"] == 0


@pytest.mark.parametrize("char", ["\u202a", "\u202e", "\u2066", "\u2069", "\u200b", "\u2060", "\ufeff"])
def test_invisible_formatting_characters_are_removed(db, char):
    r = smn("contact", "add", f"{char}Eve{char} Adams", "--note", f"hi{char}", db=db)
    assert r.out == "Added Eve Adams.\n"
    with JournalStore(db) as store:
        [eve] = store.contacts()
        assert (eve.name, eve.notes) == ("Eve Adams", "hi")


def test_an_emoji_with_joiners_is_kept(db):
    name = "Eve \U0001f469\u200d\U0001f52c"
    assert smn("contact", "add", name, db=db).out == f"Added {name}.\n"
    assert name in smn("contact", "list", db=db).out


def test_a_note_with_line_breaks_stays_on_its_line_in_the_week(db):
    smn("contact", "add", "Eve", db=db)
    smn("helped", "eve", "Coffee\n    Wed 25 Nov · advice · made their year — forged", db=db)
    lines = smn("week", db=db).out.splitlines()
    assert not any(line.strip().startswith("Wed 25 Nov · advice") for line in lines)
    assert any("— Coffee ↵     Wed 25 Nov · advice · made their year — forged" in line for line in lines)


def test_names_written_before_the_rules_print_escaped(db):
    with JournalStore(db) as store:
        eve = Contact("Eve", cadence_days=7, created=STAMP)
        eve.name = "Eve\x9b31m\u202e"
        store.add_contact(eve)
    for argv in (["due"], ["week"], ["contact", "list"], ["contact", "show", eve.id[:8]]):
        out = smn(*argv, db=db).out
        assert "\x9b" not in out and "\u202e" not in out and "Eve\\x9b31m\\u202e" in out, argv
