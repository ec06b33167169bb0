"""A journal written before devices (version 3, made by the smn before this one) is converted once, with
a backup first; commands that only read never convert it; then a second device can join it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import orjson
import pytest

from smn_tui.cli import main
from smn_tui.domain.models import SCHEMA_VERSION, HelpfulAct
from smn_tui.storage.backups import list_backups
from smn_tui.storage.history import UndoRefused
from smn_tui.storage.journal_file import JournalFile
from smn_tui.storage.store import JournalStore

from ...conftest import TEST_DEVICE
from ...seed import TODAY
from ...storage.util import FIXTURES, folder_state
from .journal_world import on_device

FIXTURE = FIXTURES / "journal_v3"


def _v3(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    shutil.copytree(FIXTURE, folder)
    return folder / "journal.json"


def _records(store: JournalStore) -> dict[str, list[str]]:
    return {name: sorted(t) for name, t in store.export_tables().items()}


WANTED = {"contacts": ["c-ada", "c-grace", "c-hedy"], "interactions": ["i-1"], "acts": ["a-1", "a-3"],
          "audits": ["w-47"]}


def test_reading_commands_read_it_as_it_is_and_change_nothing(tmp_path: Path) -> None:
    journal = _v3(tmp_path)
    before = folder_state(journal.parent)
    with JournalStore(journal, read_only=True) as s:
        assert _records(s) == WANTED
        assert s.audit_for("2026-W47").intention == "Call Grace"
    out, err = io.StringIO(), io.StringIO()
    assert main(["due", "--db", str(journal)], today=TODAY, out=out, err=err) == 0
    assert "version 3 journal" in err.getvalue()
    assert folder_state(journal.parent) == before


def test_the_first_write_converts_it_once_after_a_backup(tmp_path: Path) -> None:
    journal = _v3(tmp_path)
    with JournalStore(journal) as s:
        assert _records(s) == WANTED
        assert [c.what for c in s.history(2)] == ["Deleted the helpful act for Hedy Lamarr on 2026-11-19",
                                                  "Logged a helpful act for Grace Hopper on 2026-11-20"]
        s.add_act(HelpfulAct(["c-ada"], TODAY, "After the conversion"))
    head = orjson.loads(journal.read_bytes())["_smn"]
    assert head["schema"] == SCHEMA_VERSION == 4 and head["device"] == TEST_DEVICE
    first = orjson.loads(journal.with_name("journal.json.log").read_bytes().splitlines()[0])
    assert first["device"] == TEST_DEVICE
    backups = list_backups(JournalFile(journal))
    assert [b.reason for b in backups].count("before-migration-v3") == 1
    with JournalStore(journal) as s:  # converted once: opening again takes no second backup
        assert len(s.acts_for("c-ada")) == 2
    assert [b.reason for b in list_backups(JournalFile(journal))].count("before-migration-v3") == 1


def test_a_second_device_joins_a_converted_journal(tmp_path: Path) -> None:
    journal = _v3(tmp_path)
    JournalStore(journal).close()
    with on_device("DESKTOP2", tmp_path / "desktop"), JournalStore(journal) as s:
        assert _records(s) == WANTED
        with pytest.raises(UndoRefused, match="nothing to undo"):
            s.undo()  # each device undoes its own changes: the desktop has made none yet
    with on_device("DESKTOP2", tmp_path / "desktop"), JournalStore(journal) as s:
        s.add_act(HelpfulAct(["c-hedy"], TODAY, "From the desktop", id="a-desk"))
    with JournalStore(journal) as s:
        assert _records(s)["acts"] == ["a-1", "a-3", "a-desk"]
