"""Quick capture reads the small contact index instead of the whole journal, and falls back safely."""

from __future__ import annotations

import io

import pytest

from smn_tui.cli import main
from smn_tui.domain.models import Contact, HelpfulAct, ValidationError
from smn_tui.storage import journal_file
from smn_tui.storage.disk import names as names_index
from smn_tui.storage.quick import QuickCapture, open_capture
from smn_tui.storage.store import JournalStore

from ...seed import TODAY


@pytest.fixture
def journal(journal_path):
    with JournalStore(journal_path) as s:
        ada = s.add_contact(Contact("Ada Lovelace", platforms=["github:ada"]))
        s.add_act(HelpfulAct([ada.id], TODAY, "Reviewed a draft"))
        s.compact()
    return journal_path


def helped(journal, *args):
    out, err = io.StringIO(), io.StringIO()
    code = main(["helped", *args, "--db", str(journal)], today=TODAY, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_helped_reads_neither_the_head_nor_the_entries(journal, monkeypatch):
    assert journal.with_name("journal.json.names").exists()

    def no_full_read(*a, **k):
        raise AssertionError("the whole journal was read")

    monkeypatch.setattr(journal_file, "decode_part", no_full_read)
    monkeypatch.setattr(journal_file.JournalFile, "load_entries", no_full_read)
    code, out, err = helped(journal, "ada", "Sent the paper", "--kind", "resource")
    assert (code, err) == (0, "")
    assert "Ada Lovelace" in out
    monkeypatch.undo()
    with JournalStore(journal) as s:
        notes = sorted(a.note for a in s.acts_for(s.resolve_name("Ada Lovelace").id))
    assert notes == ["Reviewed a draft", "Sent the paper"]


def test_contacts_added_after_the_index_are_found_through_the_log(journal):
    with JournalStore(journal) as s:  # a quick add: the change stays in the log
        s.add_contact(Contact("Grace Hopper"))
    quick = QuickCapture.open(journal)
    assert quick is not None
    assert quick.resolve_name("grace").name == "Grace Hopper"
    assert helped(journal, "grace, @ada", "Introduced them")[0] == 0
    with JournalStore(journal) as s:
        [act] = s.acts_for(s.resolve_name("Grace Hopper").id)
        assert len(act.contact_ids) == 2


def test_a_stale_or_damaged_index_falls_back_to_the_whole_journal(journal):
    names = journal.with_name("journal.json.names")
    # The head replaced behind the index's back (as a restore does): the index no longer matches it.
    journal.write_bytes(journal.read_bytes() + b" ")
    assert QuickCapture.open(journal) is None
    assert isinstance(open_capture(journal), JournalStore)
    assert helped(journal, "ada", "Still works")[0] == 0
    names.write_bytes(b"\x00garbage")
    assert QuickCapture.open(journal) is None
    assert helped(journal, "ada", "And again")[0] == 0
    with JournalStore(journal) as s:
        assert len(s.acts_for(s.resolve_name("Ada").id)) == 3


def test_someone_deleted_meanwhile_is_refused_and_nothing_is_written(journal):
    quick = QuickCapture.open(journal)
    ada = quick.resolve_name("Ada Lovelace")
    with JournalStore(journal) as s:
        s.delete_contact(ada.id)
    log = journal.with_name("journal.json.log")
    before = log.read_bytes()
    with pytest.raises(ValidationError):
        quick.add_act(HelpfulAct([ada.id], TODAY, "Too late"))
    assert log.read_bytes() == before


def test_the_open_app_sees_a_quick_capture(journal):
    app_store = JournalStore(journal, app=True)
    try:
        assert helped(journal, "ada", "From the shell")[0] == 0
        assert app_store.refresh()
        notes = [a.note for a in app_store.acts_for(app_store.resolve_name("Ada").id)]
        assert "From the shell" in notes
    finally:
        app_store.close()
    # The app compacted on close; the next quick capture reads the new index.
    assert QuickCapture.open(journal) is not None


def test_doctor_reports_the_index_and_whether_it_is_current(journal):
    out, err = io.StringIO(), io.StringIO()
    assert main(["doctor", "--db", str(journal)], out=out, err=err) == 0
    assert "journal.json.names" in out.getvalue() and "out of date" not in out.getvalue()
    journal.write_bytes(journal.read_bytes() + b" ")  # the head replaced behind the index's back
    out = io.StringIO()
    assert main(["doctor", "--db", str(journal)], out=out, err=err) == 0
    assert "out of date" in out.getvalue()


def _no_big_parse(loads):
    def checked(raw):
        assert len(raw) < 200, "the whole platforms part was parsed"
        return loads(raw)

    return checked


def test_platforms_are_read_only_when_a_name_alone_does_not_do(journal, monkeypatch):
    with JournalStore(journal) as s:
        s.add_many([Contact("Sam Lee", platforms=["github:samlee"]), Contact("Sam Lee", platforms=["x:sam_l"])])
        s.compact()
    quick = QuickCapture.open(journal)
    monkeypatch.setattr(names_index.orjson, "loads", _no_big_parse(names_index.orjson.loads))
    # Found by name: only this person's platforms are read.
    assert [(p.platform, p.handle) for p in quick.resolve_name("Ada Lovelace").platforms] == [("github", "ada")]
    assert quick.resolve_name("ada").name == "Ada Lovelace"
    assert quick.file.names.platforms_unread
    monkeypatch.undo()
    # A handle, or namesakes to tell apart: the platforms are read, then the answer is the full one.
    assert quick.resolve_name("@samlee").platforms[0].handle == "samlee"
    assert not quick.file.names.platforms_unread
    quick = QuickCapture.open(journal)
    with pytest.raises(Exception) as err:
        quick.resolve_name("Sam Lee")
    assert "samlee" in str(err.value) and "sam_l" in str(err.value)
    code, out, _ = helped(journal, "@sam_l", "Fixed the typo")
    assert code == 0 and "Sam Lee" in out
