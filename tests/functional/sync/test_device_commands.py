"""The device id in the local config folder, and the commands about devices: ``smn devices``,
``smn doctor`` naming the device of any damage, ``smn restore`` on a shared journal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smn_tui.domain.models import Contact, HelpfulAct
from smn_tui.storage.backups import list_backups
from smn_tui.storage.errors import StorageError
from smn_tui.storage.store import JournalStore
from smn_tui.storage.sync.device import device_path, this_device, valid_device

from ...conftest import TEST_DEVICE
from ...seed import TODAY
from ..cli.helpers import smn
from .journal_world import on_device

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def own_id(monkeypatch: pytest.MonkeyPatch) -> Path:
    """No SMN_DEVICE: the id comes from the config folder (of the test's own home)."""
    monkeypatch.delenv("SMN_DEVICE")
    return device_path()


def test_a_device_id_is_made_once_in_the_config_folder(own_id: Path) -> None:
    assert not own_id.exists()
    first = this_device()
    assert valid_device(first) and own_id.parent.name == "smn"
    assert own_id.with_name("settings.json").parent == own_id.parent
    assert oct(own_id.stat().st_mode & 0o777) == "0o600"
    assert this_device() == first == json.loads(own_id.read_bytes())["device"]


def test_a_config_folder_copied_to_another_machine_gets_a_new_id_there(own_id: Path) -> None:
    first = this_device()
    saved = json.loads(own_id.read_bytes())
    own_id.write_text(json.dumps({**saved, "machine": "another machine"}))
    second = this_device()
    assert second != first and this_device() == second


def test_two_processes_starting_at_once_agree_on_one_id(own_id: Path) -> None:
    code = "from smn_tui.storage.sync.device import this_device; print(this_device())"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
             for _ in range(8)]
    ids = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert len(ids) == 1 and ids == {this_device()}


def test_an_id_another_process_saves_just_after_this_one_looked_is_the_one_kept(
        own_id: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race the test above can only sometimes hit: this process finds no file, and another
    saves its id before this one saves: both must end with the other's id."""
    from smn_tui.storage.sync import device as device_module

    real = device_module.read_regular
    calls = []

    def late(path: Path):  # type: ignore[no-untyped-def]
        calls.append(path)
        if len(calls) == 1:  # nothing there yet when this process looks...
            own_id.parent.mkdir(parents=True, exist_ok=True)
            own_id.write_text(json.dumps({"device": "WINNER22", "machine": device_module._machine()}))
            raise FileNotFoundError(path)  # ...and the other's file is in place just after
        return real(path)

    monkeypatch.setattr(device_module, "read_regular", late)
    assert this_device() == "WINNER22"
    assert json.loads(own_id.read_bytes())["device"] == "WINNER22"


def test_a_device_id_given_by_hand_must_look_like_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMN_DEVICE", "laptop")
    with pytest.raises(StorageError, match="not a device id"):
        this_device()


def _shared(journal: Path, tmp_path: Path) -> None:
    with JournalStore(journal) as s:
        s.add_contact(Contact("Ada Lovelace", id="c-ada"))
        s.add_act(HelpfulAct(["c-ada"], TODAY, "from this device"))
    with on_device("DESKTOP2", tmp_path / "desktop"), JournalStore(journal) as s:
        s.add_act(HelpfulAct(["c-ada"], TODAY, "from the desktop"))


def test_devices_lists_every_device_and_when_it_last_wrote(journal_path: Path, tmp_path: Path) -> None:
    r = smn("devices", db=journal_path)
    assert r.code == 0 and "Only this device writes to the journal" in r.out and "never yet" in r.out
    _shared(journal_path, tmp_path)
    r = smn("devices", db=journal_path)
    lines = r.out.splitlines()
    assert lines[1].split()[0] == TEST_DEVICE and "(this device)" in lines[1] and "journal.json*" in lines[1]
    assert lines[2].split()[0] == "DESKTOP2" and "journal.json.d-DESKTOP2*" in lines[2] and "last wrote 20" in lines[2]
    assert "Only this device" not in r.out


def test_doctor_checks_every_device_and_names_the_one_damaged(journal_path: Path, tmp_path: Path) -> None:
    _shared(journal_path, tmp_path)
    r = smn("doctor", db=journal_path)
    assert r.code == 0 and "journal.json.d-DESKTOP2.log" in r.out
    assert "Records: 1 contact, 0 interactions, 2 acts" in r.out
    log = journal_path.with_name("journal.json.d-DESKTOP2.log")
    log.write_bytes(log.read_bytes().replace(b"from the desktop", b"from the desktoq"))
    r = smn("doctor", db=journal_path)
    assert r.code == 1
    assert "Problem: The files of the device DESKTOP2 (journal.json.d-DESKTOP2*) are damaged" in r.out
    # The damage is another device's: this one still opens the journal, and says what it left out.
    with JournalStore(journal_path) as s:
        assert [a.note for a in s.acts_for("c-ada")] == ["from this device"]
        assert any("DESKTOP2 cannot be read" in w for w in s.warnings)


def test_restore_on_a_shared_journal_is_one_change_every_device_sees(journal_path: Path, tmp_path: Path) -> None:
    with JournalStore(journal_path) as s:
        s.add_contact(Contact("Ada Lovelace", id="c-ada"))
        s.take_backup(reason="by-hand")
    _shared_later = HelpfulAct(["c-ada"], TODAY, "after the backup")
    with on_device("DESKTOP2", tmp_path / "desktop"), JournalStore(journal_path) as s:
        s.add_act(_shared_later)
    backup = list_backups(JournalStore(journal_path, read_only=True).file)[0]
    r = smn("restore", backup.path.name, db=journal_path)
    assert r.code == 0, r.err
    for device in ("DESKTOP2", TEST_DEVICE):
        with on_device(device, tmp_path / device), JournalStore(journal_path, read_only=True) as s:
            assert s.acts_for("c-ada") == [], device
    assert smn("undo", db=journal_path).code == 0
    with on_device("DESKTOP2", tmp_path / "desktop"), JournalStore(journal_path, read_only=True) as s:
        assert [a.note for a in s.acts_for("c-ada")] == ["after the backup"]
