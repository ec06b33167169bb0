"""Every JournalStore query, on the seed journal (today is 2026-11-25) or small hand-made data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from smn_tui.domain.dates import week_of
from smn_tui.domain.models import Contact, HelpfulAct, Interaction, ValidationError, WeeklyAudit
from smn_tui.domain.resolve import AmbiguousContactError, UnknownContactError
from smn_tui.storage.store import JournalStore

from ..seed import TODAY
from ..storage.util import log_commits

W48 = week_of(TODAY)


def names(contacts) -> list[str]:
    return sorted(c.name for c in contacts)


def no_dangling(store) -> bool:
    ids = {c.id for c in store.contacts(include_archived=True)}
    tables = store.export_tables()
    return all(set(doc["contact_ids"]) <= ids and doc["contact_ids"]
               for table in ("interactions", "acts") for doc in tables[table].values())


# ------------------------------------------------------------------ CRUD


def test_contact_crud_and_reopen(store, journal_path):
    ada = store.add_contact(Contact("Ada Lovelace", platforms=["linkedin:in/ada"], cadence_days=30))
    assert store.get_contact(ada.id) == ada
    updated = store.update_contact(replace(ada, notes="Wrote the first program"))
    assert updated.updated >= ada.updated
    store.close()
    with JournalStore(journal_path) as again:
        got = again.get_contact(ada.id)
        assert got.notes == "Wrote the first program" and got.platforms == ada.platforms
        assert again.stats() == {"contacts": 1, "interactions": 0, "acts": 0, "audits": 0}


def test_update_or_get_unknown_ids_are_refused(store):
    with pytest.raises(ValidationError):
        store.update_contact(Contact("Nobody"))
    with pytest.raises(ValidationError):
        store.get_contact("nope")
    with pytest.raises(ValidationError):
        store.get_act("nope")
    with pytest.raises(ValidationError):
        store.delete_interaction("nope")


def test_entries_must_name_known_contacts(store):
    with pytest.raises(ValidationError) as info:
        store.add_act(HelpfulAct(["ghost"], TODAY, "n"))
    assert info.value.field == "contacts"
    assert store.stats()["acts"] == 0


def test_interaction_and_act_crud(store):
    ada = store.add_contact(Contact("Ada"))
    i = store.add_interaction(Interaction([ada.id], TODAY, kind="meeting", note="coffee"))
    a = store.add_act(HelpfulAct([ada.id], TODAY, "reviewed her draft", kind="feedback", minutes=30))
    assert store.get_interaction(i.id).note == "coffee"
    store.update_interaction(replace(i, note="long coffee"))
    store.update_act(replace(a, impact="month"))
    assert store.get_interaction(i.id).note == "long coffee"
    assert store.get_act(a.id).impact == "month"
    store.delete_interaction(i.id)
    store.delete_act(a.id)
    assert store.stats()["interactions"] == store.stats()["acts"] == 0


def test_save_audit_keeps_one_per_week(store):
    first = store.save_audit(WeeklyAudit("2026-W48", answers={"hours": 5}))
    second = store.save_audit(WeeklyAudit("2026-W48", answers={"hours": 7.5}, intention="call Ada"))
    assert second.id == first.id
    assert [a.week for a in store.audits()] == ["2026-W48"]
    assert store.audit_for("2026-W48").answers == {"hours": 7.5}
    assert store.audit_for("2026-W47") is None


def test_add_many_is_one_commit(store):
    ada, bob = Contact("Ada"), Contact("Bob")
    before = store.file.seq
    n = store.add_many([ada, bob, Interaction([ada.id, bob.id], TODAY), HelpfulAct([bob.id], TODAY, "n"),
                        WeeklyAudit("2026-W48")])
    assert n == 5
    assert store.file.seq == before + 1
    assert len(log_commits(store.file.log_path)) == 1
    assert store.stats() == {"contacts": 2, "interactions": 1, "acts": 1, "audits": 1}


def test_add_many_refuses_unknown_contacts_and_writes_nothing(store):
    with pytest.raises(ValidationError):
        store.add_many([Contact("Ada"), HelpfulAct(["ghost"], TODAY, "n")])
    assert store.stats()["contacts"] == 0


# ------------------------------------------------------------------ contacts by name, tag, platform, handle


def test_contacts_by_tag_platform_and_handle(seeded):
    store, _ = seeded
    assert names(store.contacts_by_tag("mentor")) == ["Ada Lovelace", "Barbara Liskov", "Grace Hopper"]
    assert names(store.contacts_by_tag("#Science")) == ["Linus Pauling", "Marie Curie", "Rosalind Franklin"]
    assert store.contacts_by_tag("nobody") == []
    assert names(store.contacts_by_platform("LinkedIn")) == [
        "Ada Lovelace", "Claude Shannon", "Marie Curie", "Tim Berners-Lee"]
    assert names(store.contacts_by_platform("twitter")) == ["Linus Pauling", "Marie Curie"]
    assert store.resolve_name("in/ada").name == "Ada Lovelace"
    assert store.resolve_name("grace@hachyderm.io").name == "Grace Hopper"
    assert store.resolve_name("HTTPS://in/ada/").name == "Ada Lovelace"
    assert store.tags() == {"friend": 3, "math": 3, "mentor": 3, "science": 3, "web": 2}


def test_find_contacts_matches_name_handle_tag_and_platform(seeded):
    store, C = seeded
    assert names(store.find_contacts("LOVE")) == ["Ada Lovelace"]
    assert names(store.find_contacts("mcurie")) == ["Marie Curie"]
    assert names(store.find_contacts("web")) == ["Claude Shannon", "Tim Berners-Lee"]
    assert "Marie Curie" in names(store.find_contacts("linkedin"))
    store.archive_contact(C["Ada"].id)
    assert store.find_contacts("lovelace") == []
    assert names(store.find_contacts("lovelace", include_archived=True)) == ["Ada Lovelace"]


def test_search_index_follows_changes(seeded):
    store, C = seeded
    store.contact_search_index()
    store.update_contact(replace(C["Ada"], tags=["poet"]))
    assert names(store.find_contacts("poet")) == ["Ada Lovelace"]
    new = store.add_contact(Contact("Zora Neale", platforms=["bluesky:zora.bsky.social"]))
    assert store.find_contacts("zora.bsky")[0].id == new.id


# ------------------------------------------------------------------ resolve_name


def test_resolve_name_rules(seeded):
    store, C = seeded
    assert store.resolve_name("Ada Lovelace").id == C["Ada"].id          # exact
    assert store.resolve_name("  ada   LOVELACE ").id == C["Ada"].id     # any case, spaces
    assert store.resolve_name("Gra").id == C["Grace"].id                 # unique prefix
    assert store.resolve_name("hopper").id == C["Grace"].id              # start of a later word
    assert store.resolve_name("ovela").id == C["Ada"].id                 # unique substring


def test_exact_name_beats_prefix(store):
    ada = store.add_contact(Contact("Ada"))
    store.add_contact(Contact("Ada Lovelace"))
    assert store.resolve_name("Ada").id == ada.id
    assert store.resolve_name("ADA").id == ada.id


def test_ambiguous_name_lists_the_candidates(seeded):
    store, _ = seeded
    store.add_contact(Contact("Ada Byron"))
    with pytest.raises(AmbiguousContactError) as info:
        store.resolve_name("ada")
    assert [c.name for c in info.value.candidates] == ["Ada Byron", "Ada Lovelace"]
    assert "Ada Byron, Ada Lovelace" in str(info.value)


def test_unknown_name_suggests_new_and_close_names(seeded):
    store, _ = seeded
    with pytest.raises(UnknownContactError) as info:
        store.resolve_name("Zelda")
    assert "--new" in str(info.value)
    with pytest.raises(UnknownContactError) as info:
        store.resolve_name("Grase Hopper")
    assert info.value.suggestions == ["Grace Hopper"]
    with pytest.raises(UnknownContactError):
        store.resolve_name("   ")


def test_resolve_prefers_active_contacts_but_finds_archived_ones(store):
    old = store.add_contact(Contact("Sam Old", archived=True))
    new = store.add_contact(Contact("Sam New"))
    assert store.resolve_name("sam").id == new.id
    assert store.resolve_name("sam old").id == old.id


# ------------------------------------------------------------------ one contact, one week


def test_everything_for_one_contact(seeded):
    store, C = seeded
    marie = C["Marie"].id
    assert [i.note for i in store.interactions_for(marie)] == ["Lunch, compared lab notes"]
    assert [a.note for a in store.acts_for(marie)] == ["Introduced Marie to Rosalind"]
    grace = store.timeline(C["Grace"].id)
    assert len(grace) == 12
    assert grace[0].on == TODAY - timedelta(days=2) and isinstance(grace[0], HelpfulAct)
    assert [r.on for r in grace] == sorted((r.on for r in grace), reverse=True)
    assert store.timeline(C["Edsger"].id) == []


def test_everything_in_one_week(seeded):
    store, _ = seeded
    inter = store.interactions_in(W48)
    acts = store.acts_in(W48)
    assert len(inter) == 4 and len(acts) == 3
    assert all(r.on in W48 for r in (*inter, *acts))
    assert [r.on for r in inter] == sorted((r.on for r in inter), reverse=True)
    assert len(store.acts_between(W48.start, W48.end)) == 3
    last = W48.previous()
    assert {i.note for i in store.interactions_in(last)} == {"Code review chat, week -1"}
    assert store.acts_between(date(2000, 1, 1), date(2000, 12, 31)) == []
    assert len(store.interactions_between(TODAY - timedelta(days=200), TODAY)) == store.stats()["interactions"]


def test_counts_and_act_ids(seeded):
    store, C = seeded
    assert store.act_counts()[C["Katherine"].id] == 5
    assert store.interaction_counts()[C["Grace"].id] == 11
    ids = store.all_act_ids_newest_first()
    acts = store.acts_by_ids(ids)
    assert len(acts) == store.stats()["acts"]
    assert [a.on for a in acts] == sorted((a.on for a in acts), reverse=True)


def test_last_contact_dates(seeded):
    store, C = seeded
    last = store.last_contact_dates()
    assert last[C["Ada"].id] == TODAY
    assert last[C["Katherine"].id] == date(2026, 11, 9)
    assert last[C["Hedy"].id] == TODAY - timedelta(days=100)
    assert C["Edsger"].id not in last
    assert store.last_contact(C["Edsger"].id) is None
    store.add_interaction(Interaction([C["Hedy"].id], TODAY, note="called"))
    assert store.last_contact(C["Hedy"].id) == TODAY


def test_last_contact_falls_back_when_the_latest_entry_goes(seeded):
    store, C = seeded
    latest = store.interactions_for(C["Claude"].id)[0]
    assert store.last_contact(C["Claude"].id) == latest.on
    store.delete_interaction(latest.id)
    assert store.last_contact(C["Claude"].id) is None


def test_due_and_overdue_by_cadence(seeded):
    store, C = seeded
    due = store.due_contacts(TODAY)
    assert [(d.contact.name, d.days_overdue, d.status) for d in due] == [
        ("Hedy Lamarr", 40, "overdue"),
        ("Barbara Liskov", 26, "overdue"),  # never contacted: due from when she was added
    ]
    assert due[1].last is None and due[1].due == date(2026, 10, 30)
    everyone = store.due_contacts(TODAY, include_ok=True)
    assert len(everyone) == 8 and everyone[-1].contact.name == "Ada Lovelace"
    # Due within three days counts as due; archived contacts never are.
    assert [d.status for d in store.due_contacts(TODAY + timedelta(days=4), include_ok=True)
            if d.contact.name == "Marie Curie"] == ["due"]
    store.archive_contact(C["Hedy"].id)
    assert [d.contact.name for d in store.due_contacts(TODAY)] == ["Barbara Liskov"]


def test_multi_platform_share(seeded):
    store, C = seeded
    assert store.multi_platform_share() == (5, 12)
    store.archive_contact(C["Marie"].id)
    assert store.multi_platform_share() == (4, 11)


# ------------------------------------------------------------------ archive and delete


def test_archive_is_reversible_and_keeps_history(seeded):
    store, C = seeded
    store.archive_contact(C["Grace"].id)
    assert "Grace Hopper" not in names(store.contacts())
    assert "Grace Hopper" in names(store.contacts(include_archived=True))
    assert len(store.timeline(C["Grace"].id)) == 12
    store.archive_contact(C["Grace"].id, archived=False)
    assert "Grace Hopper" in names(store.contacts())


def test_delete_contact_removes_lonely_entries_and_says_how_many(seeded):
    store, C = seeded
    before = store.stats()
    preview = store.delete_preview(C["Katherine"].id)
    summary = store.delete_contact(C["Katherine"].id)
    assert summary == preview
    assert (summary.interactions_removed, summary.acts_removed) == (1, 5)
    assert (summary.interactions_kept, summary.acts_kept) == (0, 0)
    assert "1 interaction and 5 helpful acts" in summary.describe()
    after = store.stats()
    assert after["contacts"] == before["contacts"] - 1
    assert after["acts"] == before["acts"] - 5 and after["interactions"] == before["interactions"] - 1
    assert no_dangling(store)


def test_delete_contact_keeps_shared_entries_for_the_others(seeded, journal_path):
    store, C = seeded
    summary = store.delete_contact(C["Marie"].id)
    assert (summary.interactions_removed, summary.acts_removed, summary.interactions_kept,
            summary.acts_kept) == (0, 0, 1, 1)
    assert "1 interaction and 1 act" in summary.describe()
    rosalind = C["Rosalind"].id
    assert [i.contact_ids for i in store.interactions_for(rosalind)] == [[rosalind]]
    assert [a.contact_ids for a in store.acts_for(rosalind)] == [[rosalind]]
    assert store.interactions_for(C["Marie"].id) == []
    assert no_dangling(store)
    store.close()
    with JournalStore(journal_path) as again:
        assert no_dangling(again) and again.stats()["contacts"] == 11


# ------------------------------------------------------------------ whole journal, other processes


def test_names_docs_counts_and_export(seeded):
    store, C = seeded
    assert store.contact_names()[C["Ada"].id] == "Ada Lovelace"
    docs = dict(store.contact_docs())
    assert docs[C["Ada"].id]["platforms"] == [["linkedin", "in/ada"], ["email", "ada@example.org"]]
    assert store.count("acts") == store.stats()["acts"] == 9
    exported = store.export_tables()
    assert set(exported) == {"contacts", "interactions", "acts", "audits"}
    exported["contacts"][C["Ada"].id]["name"] = "changed"
    assert store.get_contact(C["Ada"].id).name == "Ada Lovelace"  # the export is a copy


def test_refresh_picks_up_another_writer_and_bumps_version(seeded, journal_path):
    store, C = seeded
    version = store.version
    assert store.refresh() is False and store.version == version
    with JournalStore(journal_path) as other:
        other.add_interaction(Interaction([C["Hedy"].id], TODAY, note="from the shell"))
    assert store.refresh() is True
    assert store.version > version
    assert store.last_contact(C["Hedy"].id) == TODAY
    assert next(i.note for i in store.interactions_for(C["Hedy"].id)) == "from the shell"


def test_namesakes_are_told_apart_by_id_or_handle(store):
    first = store.add_contact(Contact("Sam Lee", platforms=["linkedin:in/sam-lee"]))
    second = store.add_contact(Contact("Sam Lee", platforms=["github:samlee"]))
    with pytest.raises(AmbiguousContactError) as info:
        store.resolve_name("Sam Lee")
    message = str(info.value)
    assert f"id {first.id[:8]}" in message and f"id {second.id[:8]}" in message
    assert "linkedin in/sam-lee" in message and "handle" in message
    assert store.resolve_name(second.id).id == second.id
    assert store.resolve_name(first.id[:8]).id == first.id
    assert store.resolve_name("@samlee").id == second.id
    assert store.resolve_name("in/sam-lee").id == first.id
