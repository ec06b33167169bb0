"""Fixtures for the sync harnesses: real Syncthing pairs (skipped where it is not installed)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .syncthing import BINARY, SyncthingPair


def syncthing_missing() -> bool:
    return shutil.which(BINARY) is None


@pytest.fixture
def syncthing_pair(tmp_path: Path) -> Iterator[SyncthingPair]:
    """Two connected Syncthing instances sharing one folder; stopped after the test, pass or fail."""
    if syncthing_missing():
        pytest.skip("syncthing is not installed (Debian/Ubuntu: apt-get install syncthing)")
    with SyncthingPair(tmp_path / "syncthing") as pair:
        yield pair
