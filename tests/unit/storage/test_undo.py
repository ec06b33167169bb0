"""Undo and redo are commits like any other: durable, across restarts and compactions, from the app or the shell."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest

from smn_tui.cli import main
from smn_tui.domain.models import Contact, HelpfulAct, Interaction, WeeklyAudit
from smn_tui.storage.history import UndoRefused, doc_hash, entry_of, inverse_ops
from smn_tui.storage.store import JournalStore

from ...seed import TODAY, seed_journal
from ...storage.crash import every_crash_point


def everything(store) -> dict:
    return store.export_tables()


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), today=TODAY, out=out, err=err), out.getvalue(), err.getvalue()


@pytest.fixture
def store(journal_path):
    with JournalStore(journal_path) as s:
        seed_journal(s)
        yield s


CHANGES = {
    "add a contact": lambda s: s.add_contact(Contact("New Person")),
    "edit a contact": lambda s: s.update_contact(replace(s.resolve_name("Ada Lovelace"), notes="changed")),
    "archive a contact": lambda s: s.archive_contact(s.resolve_name("Grace Hopper").id),
    "delete a contact with entries": lambda s: s.delete_contact(s.resolve_name("Grace Hopper").id),
    "log an interaction": lambda s: s.add_interaction(Interaction([s.resolve_name("Ada").id], TODAY, note="hi")),
    "edit an interaction": lambda s: s.update_interaction(
        replace(s.interactions_for(s.resolve_name("Grace Hopper").id)[-1], note="edited")),
    "edit an act": lambda s: s.update_act(replace(s.acts_for(s.resolve_name("Grace Hopper").id)[-1], note="edited")),
    "delete an act": lambda s: s.delete_act(s.acts_for(s.resolve_name("Katherine").id)[0].id),
    "log an act": lambda s: s.add_act(HelpfulAct([s.resolve_name("Marie").id], TODAY, "Sent the notes")),
    "import": lambda s: s.add_many([Contact(f"Imported {i}") for i in range(30)], what="Imported 30 contacts"),
    "merge": lambda s: s.commit_changes(
        [replace(s.resolve_name("Ada Lovelace"), notes="merged"),
         *[replace(e, contact_ids=[s.resolve_name("Ada Lovelace").id]) for e in s.timeline(s.resolve_name("Hedy").id)]],
        [("contacts", s.resolve_name("Hedy").id)], what="Merged Hedy Lamarr into Ada Lovelace"),
    "complete an audit": lambda s: s.save_audit(WeeklyAudit("2026-W48", answers={"hours": 3},
                                                            completed=TODAY.isoformat() + "T20:00:00+00:00")),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_kind_of_change_is_undone_and_redone_whole(store, journal_path, change):
    before = everything(store)
    CHANGES[change](store)
    after = everything(store)
    assert after != before
    undone = store.undo()
    assert everything(store) == before
    assert undone.kind == "undo"
    store.redo()
    assert everything(store) == after
    store.close()
    with JournalStore(journal_path) as again:  # durable: a new process sees the same
        assert everything(again) == after
        again.undo()
        assert everything(again) == before


def test_deleting_a_contact_and_undoing_it_brings_back_every_entry(store):
    grace = store.resolve_name("Grace Hopper")
    entries = store.timeline(grace.id)
    assert len(entries) >= 3
    store.delete_contact(grace.id)
    assert store.timeline(grace.id) == []
    change = store.undo()
    assert "Grace Hopper" in change.what
    assert store.get_contact(grace.id) == grace
    assert [e.id for e in store.timeline(grace.id)] == [e.id for e in entries]


def test_sixty_changes_back_and_forth_across_a_compaction_and_a_restart(journal_path):
    with JournalStore(journal_path) as s:
        empty = everything(s)
        ids = [s.add_contact(Contact(f"Person {i}")).id for i in range(60)]
        full = everything(s)
        s.compact()
    with JournalStore(journal_path) as s:
        for i in range(60):
            s.undo()
            if i == 30:
                s.compact()
        assert everything(s) == empty
        with pytest.raises(UndoRefused, match="nothing to undo"):
            s.undo()
    with JournalStore(journal_path) as s:
        for _ in range(60):
            s.redo()
        assert everything(s) == full and s.count("contacts") == len(ids)
        with pytest.raises(UndoRefused, match="nothing to redo"):
            s.redo()


def test_a_new_change_after_an_undo_leaves_nothing_to_redo(store):
    store.add_contact(Contact("First"))
    store.undo()
    store.add_contact(Contact("Second"))
    with pytest.raises(UndoRefused, match="nothing to redo"):
        store.redo()


def test_the_shell_undoes_what_the_app_did_and_the_app_sees_it(journal_path):
    app = JournalStore(journal_path, app=True)
    seed_journal(app)
    ada = app.resolve_name("Ada Lovelace")
    app.add_act(HelpfulAct([ada.id], TODAY, "from the app", id="a-app"))
    code, out, err = run("undo", "--db", str(journal_path))
    assert code == 0 and "Undid: Logged a helpful act for Ada Lovelace" in out, err
    assert app.refresh()
    with pytest.raises(Exception):
        app.get_act("a-app")
    assert app.history(1)[0].source == "shell" and app.history(2)[1].source == "app"
    app.close()


def test_history_from_the_shell(store, journal_path):
    store.add_act(HelpfulAct([store.resolve_name("Ada").id], TODAY, "Sent the notes"))
    store.undo()
    store.close()
    code, out, _ = run("history", "-n", "3", "--db", str(journal_path))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4
    assert lines[0].split()[0] > lines[1].split()[0]  # newest first, with its number
    assert "Undid: Logged a helpful act for Ada Lovelace" in lines[0]
    assert "(undone)" in lines[1]
    code, out, _ = run("history", "--format", "json", "-n", "2", "--db", str(journal_path))
    import json

    rows = json.loads(out)
    assert [r["kind"] for r in rows] == ["undo", "change"] and rows[1]["undone"] is True
    assert set(rows[0]) == {"seq", "at", "from", "what", "kind", "undone", "records"}


def test_undo_and_redo_from_the_shell_say_what_they_did_and_refuse_cleanly(journal_path):
    code, _, err = run("undo", "--db", str(journal_path))
    assert code == 1 and "There is no journal" in err
    assert run("contact", "add", "Ada Lovelace", "--db", str(journal_path))[0] == 0
    code, out, _ = run("undo", "--db", str(journal_path))
    assert code == 0 and out.startswith("Undid: Added Ada Lovelace.")
    code, _, err = run("undo", "--db", str(journal_path))
    assert code == 1 and err.strip() == "smn: There is nothing to undo."
    code, out, _ = run("redo", "--db", str(journal_path))
    assert code == 0 and out.startswith("Redid: Added Ada Lovelace.")
    code, _, err = run("redo", "--db", str(journal_path))
    assert code == 1 and err.strip() == "smn: There is nothing to redo."
    assert run("history", "-n", "-1", "--db", str(journal_path))[0] == 1


def test_an_undo_refuses_when_a_record_it_wrote_changed_since():
    tables = {"contacts": {"c1": {"id": "c1", "name": "Ada v2"}}, "interactions": {}, "acts": {}}
    first = entry_of(1, [["put", "contacts", "c1", {"id": "c1", "name": "Ada v1"}]], {"what": "Added Ada",
                                                                                        "before": [None]})
    second = entry_of(2, [["put", "contacts", "c1", {"id": "c1", "name": "Ada v2"}]],
                      {"what": "Edited Ada", "before": [{"id": "c1", "name": "Ada v1"}]})
    with pytest.raises(UndoRefused) as info:
        inverse_ops(first, tables, [first, second])
    assert "change 2 (Edited Ada)" in str(info.value) and "Undoing change 2 first" in str(info.value)
    assert inverse_ops(second, tables, [first, second]) == [["put", "contacts", "c1", {"id": "c1", "name": "Ada v1"}]]
    assert doc_hash(tables["contacts"]["c1"]) == second["changes"][0][3]


def test_taking_back_a_person_that_a_later_entry_names_is_refused():
    tables = {"contacts": {"c1": {"id": "c1", "name": "Ada"}},
              "interactions": {}, "acts": {"a1": {"id": "a1", "contact_ids": ["c1"]}}}
    added = entry_of(1, [["put", "contacts", "c1", {"id": "c1", "name": "Ada"}]],
                     {"what": "Added Ada", "before": [None]})
    act = entry_of(2, [["put", "acts", "a1", {"id": "a1", "contact_ids": ["c1"]}]],
                   {"what": "Logged a helpful act for Ada", "before": [None]})
    with pytest.raises(UndoRefused, match=re.escape("change 2 (Logged a helpful act for Ada) names a person it added")):
        inverse_ops(added, tables, [added, act])


def test_a_kill_during_an_undo_leaves_the_change_or_its_undo(tmp_path):
    base = tmp_path / "base"
    with JournalStore(base / "journal.json") as s:
        seed_journal(s)
        s.compact()
        before = everything(s)
        s.delete_contact(s.resolve_name("Grace Hopper").id)
        after = everything(s)

    def action(folder):
        with JournalStore(folder / "journal.json") as s:
            s.undo()

    def check(folder, completed):
        with JournalStore(folder / "journal.json") as s:
            state = everything(s)
            assert state in (before, after)
            if completed:
                assert state == before
            if state == after:  # the undo never happened: it can be made now
                s.undo()
                assert everything(s) == before

    assert every_crash_point(base, action, check, work=tmp_path / "runs", torn=True) >= 3
