"""Merging two contacts: the survivor keeps its fields and gains the other's (domain/merging.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from smn_tui.domain.merging import MergeError, plan_merge
from smn_tui.domain.models import MAX_TEXT, Contact, HelpfulAct, Interaction

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def people():
    ada = Contact("Ada Lovelace", platforms=[("linkedin", "in/ada")], tags=["math"], notes="Poet",
                  how_met="Conference", cadence_days=30)
    other = Contact("A. Lovelace", platforms=[("linkedin", "in/ada"), ("email", "ada@example.org")],
                    tags=["math", "mentor"], notes="Likes engines", how_met="Via Babbage", cadence_days=7,
                    birthday=date(1915, 12, 10))
    return ada, other


def test_the_survivor_keeps_its_fields_and_gains_the_others():
    ada, other = people()
    plan = plan_merge(ada, other, [], now=NOW)
    c = plan.contact
    assert (c.id, c.name, c.cadence_days) == (ada.id, "Ada Lovelace", 30)
    assert [str(p) for p in c.platforms] == ["linkedin:in/ada", "email:ada@example.org"]
    assert c.tags == ["math", "mentor"]
    assert c.notes == "Poet\n\nLikes engines" and c.how_met == "Conference; Via Babbage"
    assert c.birthday == date(1915, 12, 10)  # the survivor had none: nothing is overwritten
    assert (plan.platforms_added, plan.tags_added, plan.notes_added, plan.how_met_added) == (
        ["email:ada@example.org"], ["mentor"], True, True)
    assert c.updated == NOW


def test_text_the_survivor_already_has_is_not_repeated():
    ada, other = people()
    other.notes, other.how_met = "Poet", ""
    plan = plan_merge(ada, other, [], now=NOW)
    assert plan.contact.notes == "Poet" and plan.contact.how_met == "Conference"
    assert not plan.notes_added and not plan.how_met_added


def test_entries_move_and_one_with_both_keeps_the_survivor_once():
    ada, other = people()
    grace = Contact("Grace")
    alone = Interaction([other.id], date(2026, 11, 1), note="Coffee")
    both = Interaction([ada.id, other.id, grace.id], date(2026, 11, 2), note="Dinner")
    first = HelpfulAct([other.id, ada.id], date(2026, 11, 3), "Intro")
    plan = plan_merge(ada, other, [alone, both, first], now=NOW)
    assert [e.contact_ids for e in plan.entries] == [[ada.id], [ada.id, grace.id], [ada.id]]
    assert [e.id for e in plan.entries] == [alone.id, both.id, first.id]
    assert plan.shared == 2 and all(e.updated == NOW for e in plan.entries)


def test_a_contact_cannot_merge_into_itself():
    ada, _ = people()
    with pytest.raises(MergeError, match="same contact"):
        plan_merge(ada, ada, [])


def test_notes_too_long_together_are_refused():
    ada, other = people()
    ada.notes, other.notes = "a" * (MAX_TEXT - 5), "b" * 10
    with pytest.raises(MergeError, match="the merged notes field is too long"):
        plan_merge(ada, other, [])
