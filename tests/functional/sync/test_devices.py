"""Several devices writing one journal, each to files of its own, in one folder (as a sync tool
leaves it once every file has arrived): who writes what, how versions of a record merge, deletes,
people kept for entries, undo, live reading, quick captures, the first and later opens, conversion."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from smn_tui.domain.models import Contact, HelpfulAct, Interaction
from smn_tui.storage import writing
from smn_tui.storage.history import UndoRefused
from smn_tui.storage.quick import QuickCapture, open_capture
from smn_tui.storage.store import JournalStore
from smn_tui.storage.sync.peers import PeerDevice

from ...seed import TODAY
from .journal_world import on_device

LAPTOP, DESKTOP, PHONE = "LAPTOP22", "DESKTOP2", "PHONE222"
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


class Clock:
    """The time the store stamps changes with, moved by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def tick(self, seconds: int = 1) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(writing, "now_utc", c)
    return c


@pytest.fixture
def on(tmp_path: Path):  # type: ignore[no-untyped-def]
    @contextmanager
    def device(name: str) -> Iterator[None]:
        with on_device(name, tmp_path / "config" / name):
            yield

    return device


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return tmp_path / "sync" / "journal.json"


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def begun(journal: Path, on) -> Contact:  # type: ignore[no-untyped-def]
    """A journal the laptop began, with Ada in it."""
    with on(LAPTOP), JournalStore(journal) as s:
        return s.add_contact(Contact("Ada Lovelace", id="c-ada", created=T0, updated=T0))


def test_each_device_writes_only_files_of_its_own(journal: Path, on) -> None:  # type: ignore[no-untyped-def]
    ada = begun(journal, on)
    laptop_files = {n: b for n, b in files(journal.parent).items() if ".d-" not in n}
    with on(DESKTOP), JournalStore(journal) as s:
        assert s.get_contact(ada.id).name == "Ada Lovelace"
        s.add_act(HelpfulAct([ada.id], TODAY, "Read her notes"))
        s.compact()
    after = files(journal.parent)
    assert {n: b for n, b in after.items() if ".d-" not in n} == laptop_files, "the laptop's files are untouched"
    assert {n for n in after if ".d-" in n} >= {"journal.json.d-DESKTOP2", "journal.json.d-DESKTOP2.log",
                                                 "journal.json.d-DESKTOP2.names"}
    first = orjson.loads(journal.with_name("journal.json.d-DESKTOP2.log").read_bytes().splitlines()[0])
    assert first["device"] == DESKTOP
    with on(LAPTOP), JournalStore(journal, read_only=True) as s:
        assert [a.note for a in s.acts_for(ada.id)] == ["Read her notes"]


def test_the_later_edit_of_a_record_wins_on_every_device(journal: Path, on, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    begun(journal, on)
    with on(LAPTOP), JournalStore(journal) as s:
        laptop_view = s.get_contact("c-ada")
    with on(DESKTOP), JournalStore(journal) as s:
        desktop_view = s.get_contact("c-ada")
    # Both edit Ada without having seen the other's edit; the desktop's is a second later.
    clock.tick()
    with on(LAPTOP), JournalStore(journal) as s:
        s.update_contact(replace(laptop_view, notes="from the laptop"))
    clock.tick()
    with on(DESKTOP), JournalStore(journal) as s:
        s.update_contact(replace(desktop_view, notes="from the desktop"))
    for device in (LAPTOP, DESKTOP, PHONE):
        with on(device), JournalStore(journal, read_only=True) as s:
            assert s.get_contact("c-ada").notes == "from the desktop", device


def test_an_edit_made_after_seeing_another_wins_even_on_a_slow_clock(journal: Path, on, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    begun(journal, on)
    clock.tick(3600)  # the desktop's clock runs an hour ahead
    with on(DESKTOP), JournalStore(journal) as s:
        s.update_contact(replace(s.get_contact("c-ada"), notes="desktop, an hour ahead"))
    clock.tick(-3600)
    with on(LAPTOP), JournalStore(journal) as s:
        assert s.get_contact("c-ada").notes == "desktop, an hour ahead"
        s.update_contact(replace(s.get_contact("c-ada"), notes="laptop, after reading it"))
    with on(PHONE), JournalStore(journal, read_only=True) as s:
        assert s.get_contact("c-ada").notes == "laptop, after reading it"


def test_a_delete_wins_over_an_older_edit_and_loses_to_a_newer_one(journal: Path, on, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    ada = begun(journal, on)
    with on(LAPTOP), JournalStore(journal) as s:
        first = s.add_act(HelpfulAct([ada.id], TODAY, "first", id="a-1", created=T0, updated=T0))
        second = s.add_act(HelpfulAct([ada.id], TODAY, "second", id="a-2", created=T0, updated=T0))
    clock.tick()
    with on(DESKTOP), JournalStore(journal) as s:  # an edit of each, before the deletes
        s.update_act(replace(s.get_act(first.id), note="first, edited"))
        s.update_act(replace(s.get_act(second.id), note="second, edited"))
    clock.tick()
    with on(PHONE), JournalStore(journal) as s:
        s.delete_act(first.id)
    clock.tick()
    with on(DESKTOP), JournalStore(journal) as s:  # a newer edit of the second after the phone's delete
        s.update_act(replace(s.get_act(second.id), note="second, edited again"))
    clock.tick()
    with on(LAPTOP), JournalStore(journal) as s:
        s.delete_act(second.id)
        s.add_act(HelpfulAct([ada.id], TODAY, "third", id="a-3"))
    with on(PHONE), JournalStore(journal, read_only=True) as s:
        assert [a.note for a in s.acts_for(ada.id)] == ["third"]
    # Deletes another device made go with every snapshot, so a device that reads a snapshot
    # later cannot bring the records back.
    for device in (DESKTOP, PHONE, LAPTOP):
        with on(device), JournalStore(journal) as s:
            s.compact()
    with on("TABLET22"), JournalStore(journal, read_only=True) as s:
        assert [a.note for a in s.acts_for(ada.id)] == ["third"]


def test_an_entry_logged_for_someone_deleted_elsewhere_keeps_its_person(journal: Path, on, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    begun(journal, on)
    with on(DESKTOP), JournalStore(journal) as s:
        s.add_contact(Contact("Grace Hopper", id="c-grace", created=T0, updated=T0))
    with on(PHONE):
        capture = open_capture(journal)  # the phone finds Grace ...
        grace = capture.resolve_name("Grace")
    clock.tick()
    with on(LAPTOP), JournalStore(journal) as s:
        s.delete_contact("c-grace")  # ... while the laptop deletes her ...
    with on(PHONE), capture:
        capture.add_act(HelpfulAct([grace.id], TODAY, "Sent the slides"))  # ... and logs an act for her
    for device in (LAPTOP, DESKTOP, PHONE, "TABLET22"):
        with on(device), JournalStore(journal, read_only=True) as s:
            assert [a.note for a in s.acts_for("c-grace")] == ["Sent the slides"], device
            assert s.get_contact("c-grace").name == "Grace Hopper"
            assert any("Grace Hopper was deleted on one device" in w for w in s.warnings)
    with on(DESKTOP), JournalStore(journal) as s:  # the first to write keeps her for good, as a change
        s.acts_for("c-grace")
    with on(LAPTOP), JournalStore(journal, read_only=True) as s:
        assert s.get_contact("c-grace").name == "Grace Hopper"  # without reading the entries first
        assert s.history(1)[0].what.startswith("Deleted Grace Hopper")  # history is each device's own


def test_undo_on_one_device_puts_records_back_on_every_device(journal: Path, on, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    ada = begun(journal, on)
    clock.tick()
    with on(DESKTOP), JournalStore(journal) as s:
        s.update_contact(replace(s.get_contact(ada.id), notes="changed on the desktop"))
        s.undo()  # the same second: its put still has to win over the edit, everywhere
        assert s.get_contact(ada.id) == ada, "the record put back is the one that was there, exactly"
    with on(LAPTOP), JournalStore(journal) as s:
        assert s.get_contact(ada.id) == ada
    with on(DESKTOP), JournalStore(journal) as s:
        s.redo()
    with on(LAPTOP), JournalStore(journal) as s:
        assert s.get_contact(ada.id).notes == "changed on the desktop"
        clock.tick()
        s.update_contact(replace(s.get_contact(ada.id), notes="changed on the laptop"))
    with on(DESKTOP), JournalStore(journal) as s:
        with pytest.raises(UndoRefused, match=r"changed since.*another device"):
            s.undo()  # the laptop's edit came after: taking the desktop's back would lose it
        assert s.get_contact(ada.id).notes == "changed on the laptop"


def test_another_devices_changes_show_in_an_open_store(journal: Path, on) -> None:  # type: ignore[no-untyped-def]
    ada = begun(journal, on)
    with on(LAPTOP):
        app = JournalStore(journal, app=True)
    try:
        assert app.refresh() is False
        with on(DESKTOP), JournalStore(journal) as s:
            s.add_act(HelpfulAct([ada.id], TODAY, "from the desktop"))
        with on(LAPTOP):
            assert app.refresh() is True
            assert [a.note for a in app.acts_for(ada.id)] == ["from the desktop"]
            assert app.refresh() is False
            # Writing after another device wrote: its change was read first (what it replaced is its).
            act = app.acts_for(ada.id)[0]
            app.update_act(replace(act, note="edited on the laptop"))
            assert app.history(1)[0].what.startswith("Edited")
    finally:
        with on(LAPTOP):
            app.close()
    with on(DESKTOP), JournalStore(journal, read_only=True) as s:
        assert [a.note for a in s.acts_for(ada.id)] == ["edited on the laptop"]


def test_a_quick_capture_reads_other_devices_logs_not_their_snapshots(journal: Path, on, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    begun(journal, on)
    with on(LAPTOP), JournalStore(journal) as s:
        s.compact()  # the laptop's names index
    with on(DESKTOP), JournalStore(journal) as s:
        s.add_contact(Contact("Grace Hopper", id="c-grace"))
    monkeypatch.setattr(PeerDevice, "snapshot", lambda self: pytest.fail("read a snapshot"))
    with on(LAPTOP):
        capture = open_capture(journal)
        assert isinstance(capture, QuickCapture), "the laptop's own names index and the desktop's log"
        with capture:
            capture.add_interaction(Interaction([capture.resolve_name("Grace").id], TODAY, note="Coffee"))
    with on(DESKTOP), JournalStore(journal, read_only=True) as s:
        assert [i.note for i in s.interactions_for("c-grace")] == ["Coffee"]


def test_a_device_reads_another_snapshot_only_when_a_log_no_longer_reaches_back(journal: Path, on,  # type: ignore[no-untyped-def]
                                                                                monkeypatch) -> None:
    ada = begun(journal, on)
    with on(DESKTOP), JournalStore(journal) as s:
        s.add_act(HelpfulAct([ada.id], TODAY, "desktop 1"))
        s.compact()  # the desktop's own snapshot, of everything it read
    with on(LAPTOP), JournalStore(journal) as s:  # the laptop has read the desktop up to here
        s.add_act(HelpfulAct([ada.id], TODAY, "laptop 1"))
        s.compact()
    with on(DESKTOP), JournalStore(journal) as s:
        s.add_act(HelpfulAct([ada.id], TODAY, "desktop 2"))
        s.compact()  # keeps "desktop 2" in its log: the laptop has not read it yet
    first = orjson.loads(journal.with_name("journal.json.d-DESKTOP2.log").read_bytes().splitlines()[0])
    assert first["from"] < first["base"], first
    read: list[str] = []
    real = PeerDevice.snapshot
    monkeypatch.setattr(PeerDevice, "snapshot", lambda self: (read.append(self.stream), real(self))[1])
    with on(LAPTOP), JournalStore(journal) as s:
        assert sorted(a.note for a in s.acts_for(ada.id)) == ["desktop 1", "desktop 2", "laptop 1"]
    assert read == [], "the laptop read the desktop's log only"
    with on(PHONE), JournalStore(journal) as s:  # a new device reads snapshots once ...
        assert sorted(a.note for a in s.acts_for(ada.id)) == ["desktop 1", "desktop 2", "laptop 1"]
        s.add_act(HelpfulAct([ada.id], TODAY, "phone 1"))  # ... and its first write is a snapshot of its own
    assert read and journal.with_name("journal.json.d-PHONE222").exists()
    read.clear()
    with on(PHONE), JournalStore(journal, read_only=True) as s:
        assert len(s.acts_for(ada.id)) == 4
    assert read == []


def test_a_device_new_to_an_encrypted_journal_encrypts_its_own_files(journal: Path, on, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                     monkeypatch) -> None:
    from smn_tui.storage.disk.codec import AGE_MAGIC

    from ...storage.encrypted import encrypt

    ada = begun(journal, on)
    with on(LAPTOP):
        encrypt(journal, tmp_path / "identity.txt", monkeypatch)
    with on(DESKTOP), JournalStore(journal) as s:
        assert s.get_contact(ada.id).name == "Ada Lovelace"
        s.add_act(HelpfulAct([ada.id], TODAY, "Read her notes"))
        assert s.warnings == []
    own = journal.with_name("journal.json.d-DESKTOP2")
    assert own.read_bytes().startswith(AGE_MAGIC)
    assert all(line.startswith(b"age:") for line in own.with_name(own.name + ".log").read_bytes().splitlines()[1:])
    assert b"Read her notes" not in b"".join(p.read_bytes() for p in journal.parent.iterdir() if p.is_file())
    with on(LAPTOP), JournalStore(journal, read_only=True) as s:
        assert [a.note for a in s.acts_for(ada.id)] == ["Read her notes"]


def test_a_device_in_the_clear_beside_encrypted_ones_is_told(journal: Path, on, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch) -> None:
    from ...storage.encrypted import encrypt

    ada = begun(journal, on)
    with on(DESKTOP), JournalStore(journal) as s:
        s.add_act(HelpfulAct([ada.id], TODAY, "Read her notes"))  # the desktop writes in the clear ...
    with on(LAPTOP):
        encrypt(journal, tmp_path / "identity.txt", monkeypatch)  # ... then the laptop encrypts its files
    with on(DESKTOP), JournalStore(journal) as s:
        assert [a.note for a in s.acts_for(ada.id)] == ["Read her notes"]
        assert any("are encrypted, but this device's are not" in w for w in s.warnings)
    with on(LAPTOP), JournalStore(journal) as s:
        assert any("DESKTOP2 are not encrypted" in w for w in s.warnings)
