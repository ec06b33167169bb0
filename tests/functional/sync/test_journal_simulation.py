"""Three devices, one journal, a simulated Syncthing or Dropbox: nothing lost, nothing doubled.

Each run begins the journal on one device, syncs it, then makes a few hundred random captures,
edits, deletes, undos and compactions on all three (one of them through a long-lived store that
refreshes as the app does) while the simulated tool moves files with random delays, partitions
and half-written transfers, and now and then sets an older version of a journal file aside as a
conflict copy. After a full sync, and each device opening the journal once more, every device
must hold the same journal, with every acknowledged write in it or replaced by a later version of
the same record, no entry twice and no conflict copy left. A longer soak:
``python -m tests.functional.sync.journal_world --soak 20 --steps 600``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .journal_world import JournalWorld

pytestmark = pytest.mark.slow

#: Steps of the simulated tool per run: with each device acting every other step, about a hundred
#: writes on each device.
STEPS = 200


@pytest.fixture
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """What is tested here is how changes merge, not durability (the storage tests kill writers for
    that): waiting for the disk would only make the run slower."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


@pytest.mark.parametrize("tool, seed", [("syncthing", 7), ("dropbox", 11)])
def test_three_devices_end_with_one_journal_and_every_write(tmp_path: Path, tool: str, seed: int,
                                                            no_fsync: None) -> None:
    world = JournalWorld(tmp_path, seed=seed, tool=tool, partition_chance=0.05, temp_chance=0.1, max_delay=6)
    world.begin()
    world.run(STEPS)
    world.settle()
    assert world.check() == []
    assert len(world.acked) > 250, "the run should have made a few hundred writes"
    assert world.copies_made > 0, "the tool should have set some copies aside"
    kinds = {e.kind for e in world.sim.history}
    assert {"partition", "partial"} <= kinds, kinds
