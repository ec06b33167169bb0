"""One journal on two devices through real Syncthing instances on loopback, end to end.

The harness (``syncthing.py``) writes each instance's config before its first start so that it
talks to nothing but its peer on 127.0.0.1, and waits on Syncthing's REST API with bounded
timeouts. Here smn runs on each device as the command line and the app do: captures with
``smn helped``, reads with a fresh store, and a long-lived store that refreshes as the app polls.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest

from smn_tui.cli import main
from smn_tui.storage.store import JournalStore

from ...seed import TODAY
from .journal_world import DEVICES, on_device
from .naming import parse_conflict_name
from .syncthing import SyncthingPair

pytestmark = [pytest.mark.slow, pytest.mark.syncthing]


class Device:
    """smn on one device of the pair: its journal in its synced folder, its own id and config."""

    def __init__(self, pair: SyncthingPair, i: int, root: Path) -> None:
        self.journal = pair.folder(i) / "journal.json"
        self.id = DEVICES[i]
        self.config = root / f"config{i}"

    def smn(self, *args: str) -> str:
        out, err = io.StringIO(), io.StringIO()
        with on_device(self.id, self.config):
            code = main([*args, "--db", str(self.journal)], today=TODAY, out=out, err=err)
        assert code == 0, err.getvalue()
        return out.getvalue()

    def store(self, **kwargs: bool) -> JournalStore:
        with on_device(self.id, self.config):
            return JournalStore(self.journal, **kwargs)

    def acts(self) -> list[str]:
        with on_device(self.id, self.config), JournalStore(self.journal, read_only=True) as s:
            return sorted(a["note"] for a in s.export_tables()["acts"].values())


def _copies(pair: SyncthingPair) -> list[str]:
    return [p for i in (0, 1) for p in pair.tree(i) if parse_conflict_name(p)]


def test_an_act_logged_on_one_device_shows_on_the_other(syncthing_pair: SyncthingPair, tmp_path: Path) -> None:
    pair = syncthing_pair
    laptop, desktop = Device(pair, 0, tmp_path), Device(pair, 1, tmp_path)
    laptop.smn("helped", "Ada Lovelace", "Introduced her to a publisher", "--new")
    pair.sync(same_tree=True)
    assert desktop.acts() == ["Introduced her to a publisher"]

    with on_device(laptop.id, laptop.config):
        app = JournalStore(laptop.journal, app=True)  # as the app keeps it open, polling refresh()
    try:
        desktop.smn("helped", "Ada", "Read her notes on the engine")
        pair.sync(same_tree=True)
        with on_device(laptop.id, laptop.config):
            assert app.refresh(), "another device's change shows without reopening"
            assert sorted(a.note for a in app.acts_for(app.resolve_name("Ada").id)) == [
                "Introduced her to a publisher", "Read her notes on the engine"]
    finally:
        with on_device(laptop.id, laptop.config):
            app.close()
    pair.sync(same_tree=True)
    assert _copies(pair) == [], "no file has two writers, so Syncthing never sets one aside"


def test_edits_made_on_both_devices_while_apart_both_survive(syncthing_pair: SyncthingPair,
                                                             tmp_path: Path) -> None:
    pair = syncthing_pair
    laptop, desktop = Device(pair, 0, tmp_path), Device(pair, 1, tmp_path)
    laptop.smn("helped", "Ada Lovelace, Grace Hopper", "Shared the reading list", "--new")
    pair.sync(same_tree=True)
    desktop.smn("log", "Grace", "Coffee before the talk")  # the desktop writes files of its own too
    pair.sync(same_tree=True)

    pair.pause(0)
    for round_ in range(3):  # as in the issue: rounds of captures on both devices while apart
        laptop.smn("helped", "Ada", f"Laptop act {round_}")
        desktop.smn("helped", "Grace", f"Desktop act {round_}")
        pair.scan(0)
        pair.scan(1)
    with on_device(laptop.id, laptop.config), JournalStore(laptop.journal) as s:
        s.update_contact(replace(s.resolve_name("Ada"), notes="edited on the laptop"))
    with on_device(desktop.id, desktop.config), JournalStore(desktop.journal) as s:
        s.update_contact(replace(s.resolve_name("Grace"), notes="edited on the desktop"))
        s.compact()  # a snapshot written while apart folds nothing away that the laptop needs
    pair.resume(0)
    pair.sync(same_tree=True)

    wanted = sorted(["Shared the reading list", *(f"Laptop act {i}" for i in range(3)),
                     *(f"Desktop act {i}" for i in range(3))])
    for device in (laptop, desktop):
        assert device.acts() == wanted
        with on_device(device.id, device.config), JournalStore(device.journal, read_only=True) as s:
            assert s.resolve_name("Ada").notes == "edited on the laptop"
            assert s.resolve_name("Grace").notes == "edited on the desktop"
            assert [i.note for i in s.interactions_for(s.resolve_name("Grace").id)] == ["Coffee before the talk"]
    assert _copies(pair) == []
