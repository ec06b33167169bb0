"""The in-memory indexes stay true through writes, whichever of them was built first."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pytest

from smn_tui.domain.dates import week_of
from smn_tui.domain.models import Contact, HelpfulAct, Interaction
from smn_tui.storage.store import JournalStore

from ...seed import TODAY


def _answers(s, people, weeks):
    # Order among records of the same day and second is not defined: compare as sorted lists.
    return (
        [sorted(a.id for a in s.acts_in(w)) for w in weeks],
        [sorted(i.id for i in s.interactions_in(w)) for w in weeks],
        [sorted(r.id for r in s.timeline(c)) for c in people],
        s.act_counts(), s.interaction_counts(), s.last_contact_dates(),
        s.all_act_ids_newest_first(),
        _same_totals(s),
    )


def _same_totals(s):
    kept = s.all_act_totals()
    assert kept == s.scan_acts(s.all_act_ids_newest_first())[1]
    return kept


@pytest.mark.parametrize("first", ["week", "contact", "both", "none"])
def test_indexes_follow_every_write(journal_path, first):
    rng = random.Random(first)
    s = JournalStore(journal_path)
    people = [f"c{i}" for i in range(6)]
    s.add_many([Contact(f"P {i}", id=c) for i, c in enumerate(people)])
    weeks = [week_of(TODAY - timedelta(days=7 * k), "monday") for k in range(5)]
    if first in ("week", "both"):
        s.acts_in(weeks[0])
    if first in ("contact", "both"):
        s.timeline(people[0])
        s.last_contact_dates()
    acts: list[HelpfulAct] = []
    inters: list[Interaction] = []
    for n in range(120):
        roll = rng.random()
        on = TODAY - timedelta(days=rng.randint(0, 34))
        who = rng.sample(people, rng.randint(1, 3))
        if roll < 0.4 or not acts:
            acts.append(s.add_act(HelpfulAct(who, on, f"act {n}", id=f"a{n}")))
        elif roll < 0.6 or not inters:
            inters.append(s.add_interaction(Interaction(who, on, note=f"i {n}", id=f"i{n}")))
        elif roll < 0.75:
            k = rng.randrange(len(acts))
            acts[k] = s.update_act(replace(acts[k], on=on, contact_ids=who))
        elif roll < 0.85:
            s.delete_act(acts.pop(rng.randrange(len(acts))).id)
        elif roll < 0.9:
            s.delete_interaction(inters.pop(rng.randrange(len(inters))).id)
        else:
            rng.choice([lambda: s.acts_in(rng.choice(weeks)), lambda: s.timeline(rng.choice(people)),
                        s.last_contact_dates, s.all_act_totals])()
    s.delete_contact(people[5])
    got = _answers(s, people, weeks)
    s.close()
    with JournalStore(journal_path) as fresh:
        assert _answers(fresh, people, weeks) == got
    assert got[0] != [[] for _ in weeks] and any(got[2])


def test_due_order_follows_every_write(journal_path):
    """The kept due order (moved per write, not rebuilt) always equals a fresh reckoning."""
    rng = random.Random(3)
    s = JournalStore(journal_path)
    people = [f"c{i}" for i in range(8)]
    s.add_many([Contact(f"P {i}", id=c, cadence_days=rng.choice((7, 14, 30))) for i, c in enumerate(people)])

    def check():
        shown, ids = s.due_ranked(TODAY, 100)
        want = s.due_contacts(TODAY)
        assert [(d.contact.id, d.last, d.due) for d in shown] == [(d.contact.id, d.last, d.due) for d in want]
        assert ids == {d.contact.id for d in want}

    check()
    acts: list[HelpfulAct] = []
    for n in range(80):
        roll = rng.random()
        on = TODAY - timedelta(days=rng.randint(0, 40))
        who = rng.sample(people, rng.randint(1, 3))
        if roll < 0.45 or not acts:
            acts.append(s.add_act(HelpfulAct(who, on, f"act {n}", id=f"a{n}")))
        elif roll < 0.65:
            k = rng.randrange(len(acts))
            acts[k] = s.update_act(replace(acts[k], on=on, contact_ids=who))
        elif roll < 0.85:
            s.delete_act(acts.pop(rng.randrange(len(acts))).id)
        else:
            c = s.get_contact(rng.choice(people))
            s.update_contact(replace(c, cadence_days=rng.choice((None, 7, 30)), archived=rng.random() < 0.2))
        check()
    s.close()


@pytest.mark.parametrize("write_at", [None, 0, 2, 5, 9])
def test_prepare_in_steps_with_writes_between_gives_the_same_answers(journal_path, write_at):
    people = [f"c{i}" for i in range(5)]
    weeks = [week_of(TODAY - timedelta(days=7 * k), "monday") for k in range(4)]
    with JournalStore(journal_path) as s:
        s.add_many([Contact(f"P {i}", id=c) for i, c in enumerate(people)])
        s.add_many([HelpfulAct([people[n % 5], people[(n * 3) % 5]] if n % 4 else [people[n % 5]],
                               TODAY - timedelta(days=n % 25), f"act {n}", id=f"a{n}") for n in range(60)])
        s.add_many([Interaction([people[n % 3]], TODAY - timedelta(days=n % 20), note=f"i {n}", id=f"i{n}")
                    for n in range(30)])
        s.compact()
    s = JournalStore(journal_path)
    assert not s.entries_ready()
    for n, _ in enumerate(s.prepare_steps(step=7)):
        if n == write_at:
            s.add_act(HelpfulAct([people[1]], TODAY, "between steps", id="mid"))
            s.delete_act("a3")
    assert s.entries_ready()
    got = _answers(s, people, weeks)
    s.close()
    with JournalStore(journal_path) as fresh:
        assert _answers(fresh, people, weeks) == got
    assert ("mid" in got[-2]) == (write_at is not None)


def _tagged_journal(journal_path, n=60):
    with JournalStore(journal_path) as s:
        s.add_many([Contact(f"Person {i}", tags=["mentor", f"t{i % 3}"]) for i in range(n)])
        s.add_many([Interaction([c.id], TODAY - timedelta(days=1), "meeting") for c in s.contacts()])
        s.compact()


def test_the_app_keeps_the_loaded_journal_out_of_garbage_collection(journal_path):
    import gc

    _tagged_journal(journal_path)
    gc.unfreeze()
    with JournalStore(journal_path):
        assert gc.get_freeze_count() == 0  # a command-line store leaves the collector alone
    app = JournalStore(journal_path, app=True)
    try:
        after_open = gc.get_freeze_count()
        assert after_open >= 60  # at least every contact document
        list(app.prepare_steps())
        assert gc.get_freeze_count() >= after_open + 60  # and the entries and indexes read later
        # Frozen objects are still freed when nothing refers to them: a reload drops the old tables.
        app._load()
        assert app.contact_names()
    finally:
        app.close()
        gc.unfreeze()


def test_the_app_shares_repeated_strings_after_its_first_screen(journal_path):
    _tagged_journal(journal_path)
    app = JournalStore(journal_path, app=True)
    try:
        docs = [d for _, d in app.contact_docs()]
        before = [list(d["tags"]) for d in docs]
        assert docs[0]["tags"][0] is not docs[1]["tags"][0]  # as parsed: one string each
        list(app.prepare_steps())
        docs = [d for _, d in app.contact_docs()]
        assert [d["tags"] for d in docs] == before
        assert docs[0]["tags"][0] is docs[1]["tags"][0]
        assert all(d["id"] is cid for cid, d in app.contact_docs())
    finally:
        app.close()


def test_the_network_is_kept_across_a_helpful_act_and_worked_out_again_after_a_contact_or_interaction(
        journal_path, monkeypatch):
    from smn_tui.domain import graph
    from smn_tui.storage import contact_reads

    s = JournalStore(journal_path)
    ada = s.add_contact(Contact("Ada Lovelace", platforms=[("github", "ada")]))
    made = []
    real = graph.platform_graph
    monkeypatch.setattr(contact_reads, "platform_graph", lambda *a: made.append(1) or real(*a))
    first = s.network()
    assert (first.people, first.per_platform, first.one_tool_ties) == (1, {"github": 1}, [])
    s.add_act(HelpfulAct([ada.id], TODAY, "Reviewed her talk"))
    assert s.network() is first and len(made) == 1  # an act changes nothing of the network
    s.add_interaction(Interaction([ada.id], TODAY, kind="conversation", platform="github"))
    tie = s.network().one_tool_ties
    assert [(t.name, t.interactions) for t in tie] == [("Ada Lovelace", 1)] and len(made) == 2
    s.update_contact(replace(s.get_contact(ada.id), platforms=[("github", "ada"), ("email", "ada@example.org")]))
    now = s.network()
    assert (now.on_two_or_more, now.one_tool_ties, len(made)) == (1, [], 3)
    assert [b for b in s.birthdays()] == []
    s.update_contact(replace(s.get_contact(ada.id), birthday=TODAY.replace(year=1990)))
    assert [name for _, name, _ in s.birthdays()] == ["Ada Lovelace"]  # kept lists follow contacts too
    s.close()
    with JournalStore(journal_path) as again:  # and a store opened afresh works it out from the disk
        assert again.network().on_two_or_more == 1
