"""Every new way of writing a journal shared by devices, stopped at each change to the disk.

The crash-point harness (tests/storage/crash.py) runs each operation once per file-system change,
as a kill at that moment would leave it, and then checks what is on disk: the journal opens, on
every device, with every change acknowledged before the operation in it, and the operation's own
change either whole or not at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from smn_tui.domain.models import Contact, HelpfulAct
from smn_tui.storage.store import JournalStore
from smn_tui.storage.sync.device import this_device

from ...seed import TODAY
from ...storage.crash import every_crash_point
from ...storage.util import FIXTURES
from .journal_world import on_device

LAPTOP, DESKTOP = "LAPTOP22", "DESKTOP2"
FIXTURE = FIXTURES / "journal_v3"


def _notes(folder: Path, device: str, config: Path) -> list[str]:
    with on_device(device, config), JournalStore(folder / "journal.json", read_only=True) as s:
        return sorted(a["note"] for a in s.export_tables()["acts"].values())


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """A journal the laptop began and the desktop wrote to, each with a snapshot of its own."""
    folder = tmp_path / "base"
    with on_device(LAPTOP, tmp_path / "c-laptop"), JournalStore(folder / "journal.json") as s:
        s.add_contact(Contact("Ada Lovelace", id="c-ada"))
        s.add_act(HelpfulAct(["c-ada"], TODAY, "laptop 1"))
        s.compact()
    with on_device(DESKTOP, tmp_path / "c-desktop"), JournalStore(folder / "journal.json") as s:
        s.add_act(HelpfulAct(["c-ada"], TODAY, "desktop 1"))
        s.compact()
    with on_device(LAPTOP, tmp_path / "c-laptop"), JournalStore(folder / "journal.json") as s:
        s.add_act(HelpfulAct(["c-ada"], TODAY, "laptop 2"))  # not read by the desktop yet
    return folder


def test_a_compaction_that_keeps_lines_for_a_device_behind_survives_a_crash_anywhere(shared: Path,
                                                                                     tmp_path: Path) -> None:
    def compact(folder: Path) -> None:
        with on_device(LAPTOP, tmp_path / "c-laptop"):
            with JournalStore(folder / "journal.json") as s:
                s.compact()

    def check(folder: Path, completed: bool) -> None:
        for device, config in ((LAPTOP, "c-laptop"), (DESKTOP, "c-desktop")):
            assert _notes(folder, device, tmp_path / config) == ["desktop 1", "laptop 1", "laptop 2"], device
        if completed:
            first = orjson.loads((folder / "journal.json.log").read_bytes().splitlines()[0])
            assert first["from"] < first["base"], "the desktop has not read 'laptop 2': it stays in the log"

    assert every_crash_point(shared, compact, check, work=tmp_path / "crash") > 5


def test_a_new_devices_first_write_survives_a_crash_anywhere(shared: Path, tmp_path: Path) -> None:
    def first_write(folder: Path) -> None:
        with on_device("PHONE222", tmp_path / "c-phone"), JournalStore(folder / "journal.json") as s:
            s.add_act(HelpfulAct(["c-ada"], TODAY, "phone 1"))

    def check(folder: Path, completed: bool) -> None:
        notes = _notes(folder, "PHONE222", tmp_path / "c-phone")
        assert notes == sorted(["desktop 1", "laptop 1", "laptop 2", *(["phone 1"] if completed else [])]) or (
            not completed and notes == sorted(["desktop 1", "laptop 1", "laptop 2", "phone 1"]))
        assert _notes(folder, LAPTOP, tmp_path / "c-laptop") == notes

    assert every_crash_point(shared, first_write, check, work=tmp_path / "crash") > 5


def test_converting_a_journal_from_before_devices_survives_a_crash_anywhere(tmp_path: Path) -> None:
    base = tmp_path / "base"
    shutil.copytree(FIXTURE, base)
    with JournalStore(base / "journal.json", read_only=True) as s:
        wanted = s.export_tables()

    def convert(folder: Path) -> None:
        JournalStore(folder / "journal.json").close()

    def check(folder: Path, completed: bool) -> None:
        with JournalStore(folder / "journal.json") as s:  # converts if the crash came first
            assert s.export_tables() == wanted
            assert s.meta["schema"] == 4 and s.meta["device"] == this_device()

    assert every_crash_point(base, convert, check, work=tmp_path / "crash") > 5


def test_making_the_device_id_survives_a_crash_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMN_DEVICE")
    (tmp_path / "base" / "config").mkdir(parents=True)
    seen: set[str] = set()

    def make(folder: Path) -> None:
        this_device(folder / "config" / "device.json")

    def check(folder: Path, completed: bool) -> None:
        path = folder / "config" / "device.json"
        first = this_device(path)  # a crash leaves no id, or a whole one: either way one id from now on
        assert this_device(path) == first
        if completed:
            seen.add(first)

    assert every_crash_point(tmp_path / "base", make, check, work=tmp_path / "crash") > 2
    assert len(seen) == 1
