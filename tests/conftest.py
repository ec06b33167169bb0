"""Fixtures shared by every test: an isolated home, a pinned clock, journals on tmp paths."""

from __future__ import annotations

from datetime import date

import pytest

from smn_tui.settings import Settings
from smn_tui.storage.store import JournalStore

from .seed import TODAY, seed_journal

#: The device every test runs on unless it says otherwise (see smn_tui/storage/sync/device.py).
TEST_DEVICE = "TESTDEV2"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never read or write the developer's real journal or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("SMN_CONFIG", str(home / "config" / "smn" / "settings.json"))
    monkeypatch.delenv("SMN_DB", raising=False)


@pytest.fixture(autouse=True, scope="session")
def _one_device():
    """Every test runs on one device (journals made by a module's fixture are then this device's
    too, and no device id is ever made in a real config folder); tests of several devices name theirs."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SMN_DEVICE", TEST_DEVICE)
        yield


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def journal_path(tmp_path):
    return tmp_path / "journal" / "journal.json"


@pytest.fixture
def store(journal_path):
    s = JournalStore(journal_path)
    yield s
    s.close()


@pytest.fixture
def seeded(store):
    """(store, contacts by first name) with the seed journal in it."""
    contacts = seed_journal(store)
    return store, contacts


def make_app(store, *, today: date = TODAY, **kwargs):
    """The app on ``store`` with a pinned clock and no background polling."""
    from smn_tui.app import SmnApp

    return SmnApp(store, settings=Settings(), clock=lambda: today, poll=False, **kwargs)


@pytest.fixture
def app_factory():
    return make_app
