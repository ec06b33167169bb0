"""The Syncthing harness itself: files travel, conflicts are named as measured, nothing is left running."""

from __future__ import annotations

import os
import signal
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from .conftest import syncthing_missing
from .naming import parse_conflict_name, syncthing_conflict_name
from .syncthing import SyncthingCluster, SyncthingPair, SyncthingTimeout

pytestmark = [pytest.mark.slow, pytest.mark.syncthing]

#: Names whose conflict copies show how Syncthing splits off the extension.
CONFLICTING = ("journal.json.log", "README", ".hidden", "notes.txt", "sub/archive.tar.gz")


def test_a_file_written_on_one_device_arrives_on_the_other(syncthing_pair: SyncthingPair) -> None:
    pair = syncthing_pair
    (pair.folder(0) / "sub").mkdir()
    (pair.folder(0) / "journal.json").write_bytes(b'{"head": 1}')
    (pair.folder(0) / "sub" / "log.txt").write_bytes(b"line 1\n")
    pair.scan(0)
    pair.wait_in_sync(files=["journal.json", "sub/log.txt"])
    assert pair.tree(1) == {"journal.json": b'{"head": 1}', "sub/log.txt": b"line 1\n"}

    (pair.folder(1) / "sub" / "log.txt").unlink()
    (pair.folder(1) / "journal.json").write_bytes(b'{"head": 2}')
    pair.scan(1)
    pair.wait_in_sync(files=["journal.json"], same_tree=True)
    assert pair.tree(0) == {"journal.json": b'{"head": 2}'}


def test_a_file_changed_on_both_sides_while_paused_ends_as_the_newer_one_and_one_conflict_copy(
    syncthing_pair: SyncthingPair,
) -> None:
    pair = syncthing_pair
    for name in CONFLICTING:
        path = pair.folder(0) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"base")
    pair.scan(0)
    pair.wait_in_sync(files=CONFLICTING)

    pair.pause()
    with pytest.raises(SyncthingTimeout, match=r"folder in sync.*not connected") as timed_out:
        pair.wait_in_sync(timeout=0.3)
    assert "--- device0 log" in str(timed_out.value) and "--- device1 log" in str(timed_out.value)
    now = time.time()
    for name in CONFLICTING:
        _write(pair.folder(0) / name, b"older, from device 0", now - 60)
        _write(pair.folder(1) / name, b"newer, from device 1", now)
    pair.scan(0)
    pair.scan(1)
    pair.resume()
    pair.scan(0)
    pair.scan(1)
    pair.wait_in_sync(same_tree=True)

    tree = pair.tree(0)
    assert tree == pair.tree(1)
    for name in CONFLICTING:
        assert tree[name] == b"newer, from device 1"
        copies = [p for p in tree if (c := parse_conflict_name(p)) is not None and c.original == name]
        assert len(copies) == 1, f"{name}: {sorted(tree)}"
        copy = parse_conflict_name(copies[0])
        assert copy is not None
        assert copy.by == pair.short_id(1), "the id in the name is the winner's"
        when = datetime.strptime(copy.when, "%Y%m%d-%H%M%S")
        assert abs(when - datetime.now()) < timedelta(minutes=5)
        assert copies[0] == syncthing_conflict_name(name, when, pair.short_id(1))
        assert tree[copies[0]] == b"older, from device 0"
    assert len(tree) == 2 * len(CONFLICTING)


def test_three_devices_and_one_of_them_cut_off(tmp_path: Path) -> None:
    if syncthing_missing():
        pytest.skip("syncthing is not installed (Debian/Ubuntu: apt-get install syncthing)")
    with SyncthingCluster(tmp_path / "syncthing", 3, ignore=["*.lock"]) as cluster:
        (cluster.folder(2) / "from2.txt").write_bytes(b"2")
        (cluster.folder(2) / "journal.lock").write_bytes(b"")
        cluster.sync(files=["from2.txt"])
        assert not (cluster.folder(0) / "journal.lock").exists(), "an ignored name stays where it is"
        cluster.pause(2)
        (cluster.folder(0) / "from0.txt").write_bytes(b"0")
        cluster.scan(0)
        arrived = cluster.folder(1) / "from0.txt"
        cluster.wait_until(lambda: (arrived.exists(), "waiting for from0.txt"), 10, "from0.txt on device 1")
        assert arrived.read_bytes() == b"0", "devices 0 and 1 stay connected"
        assert not (cluster.folder(2) / "from0.txt").exists()
        cluster.resume(2)
        cluster.wait_in_sync(same_tree=True)
        assert cluster.tree(2) == {"from0.txt": b"0", "from2.txt": b"2"}


def test_leaving_the_block_stops_every_process_even_when_the_test_fails(tmp_path: Path) -> None:
    if syncthing_missing():
        pytest.skip("syncthing is not installed (Debian/Ubuntu: apt-get install syncthing)")
    pair = SyncthingPair(tmp_path / "syncthing")
    with pytest.raises(RuntimeError, match="the test failed"), pair:
        running = pair.pids()
        raise RuntimeError("the test failed")
    # A monitor and the instance it forked, for each device.
    assert len(running) == 4
    assert pair.pids() == set()
    assert not [pid for pid in running if _alive(pid)]


def test_an_instance_that_does_not_stop_on_sigterm_is_killed(tmp_path: Path) -> None:
    if syncthing_missing():
        pytest.skip("syncthing is not installed (Debian/Ubuntu: apt-get install syncthing)")
    with SyncthingPair(tmp_path / "syncthing") as pair:
        running = pair.pids()
        for pid in running:
            os.kill(pid, signal.SIGSTOP)  # a stopped process leaves SIGTERM pending
        begun = time.monotonic()
        pair.stop(timeout=0.5)
        assert time.monotonic() - begun < 3
    assert running and pair.pids() == set()
    assert not [pid for pid in running if _alive(pid)]


def _write(path: Path, data: bytes, mtime: float) -> None:
    path.write_bytes(data)
    os.utime(path, (mtime, mtime))


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"
