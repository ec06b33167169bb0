"""The sync simulator itself: files travel and converge, conflicts are kept and named, history repeats."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from .naming import Tool, parse_conflict_name
from .simulator import SyncSimulator

TOOLS = [Tool.SYNCTHING, Tool.DROPBOX]


def _originals(sim: SyncSimulator, i: int, path: str) -> dict[str, bytes]:
    """``path`` and its conflict copies on device ``i``."""
    return {
        p: data
        for p, data in sim.files(i).items()
        if p == path or ((c := parse_conflict_name(p)) is not None and c.original == path)
    }


@pytest.mark.parametrize("tool", TOOLS)
def test_a_file_written_on_one_device_reaches_every_other_after_its_delay(tmp_path: Path, tool: Tool) -> None:
    sim = SyncSimulator(tmp_path, 3, tool=tool, min_delay=2, max_delay=2)
    sim.write(0, "journal.json", b"one")
    sim.step(2)
    assert sim.read(1, "journal.json") is None and sim.read(2, "journal.json") is None
    sim.run_until_quiet()
    assert [sim.files(i) for i in range(3)] == [{"journal.json": b"one"}] * 3


@pytest.mark.parametrize("tool", TOOLS)
def test_a_deletion_reaches_every_device(tmp_path: Path, tool: Tool) -> None:
    sim = SyncSimulator(tmp_path, 3, tool=tool)
    sim.write(0, "a.log", b"a")
    sim.write(0, "b.log", b"b")
    sim.run_until_quiet()
    sim.delete(2, "a.log")
    sim.run_until_quiet()
    assert [sim.files(i) for i in range(3)] == [{"b.log": b"b"}] * 3


def test_ignored_names_are_not_synced(tmp_path: Path) -> None:
    sim = SyncSimulator(tmp_path, 2, ignore=("*.lock", "cache/*"))
    sim.write(0, "journal.json.lock", b"")
    sim.write(0, "cache/x", b"x")
    sim.write(0, "sub/cache/y", b"y")
    sim.run_until_quiet()
    assert sim.files(1) == {"sub/cache/y": b"y"}
    assert sim.files(0) == {"sub/cache/y": b"y"}, "files() lists the synced files only"


@pytest.mark.parametrize("tool", TOOLS)
def test_a_change_beats_a_concurrent_deletion(tmp_path: Path, tool: Tool) -> None:
    sim = SyncSimulator(tmp_path, 2, tool=tool)
    sim.write(0, "head.json", b"base")
    sim.run_until_quiet()
    sim.offline(0, 1)
    sim.delete(0, "head.json")
    sim.write(1, "head.json", b"edited")
    sim.step()
    sim.sync_all()
    assert [sim.files(i) for i in range(2)] == [{"head.json": b"edited"}] * 2


@pytest.mark.parametrize("tool", TOOLS)
def test_changes_made_on_every_device_while_apart_are_all_kept(tmp_path: Path, tool: Tool) -> None:
    sim = SyncSimulator(tmp_path, ["laptop", "desktop", "phone"], tool=tool)
    sim.write(0, "journal.json", b"base")
    sim.run_until_quiet()
    sim.offline(0, 1, 2)
    for i in range(3):  # one step apart: the phone's change is the newest
        sim.write(i, "journal.json", f"from {sim.name(i)}".encode())
        sim.step()
    sim.offline(2)  # the laptop and the desktop meet first, then the phone joins
    sim.run_until_quiet()
    sim.heal()
    sim.run_until_quiet()

    kept = _originals(sim, 0, "journal.json")
    assert all(sim.files(i) == sim.files(0) for i in range(3))
    # Syncthing keeps the newest change under the name; Dropbox the one that reached the server first.
    winner = "phone" if tool is Tool.SYNCTHING else "laptop"
    assert kept["journal.json"] == f"from {winner}".encode()
    assert set(kept.values()) == {b"from laptop", b"from desktop", b"from phone"}


def test_syncthing_names_a_conflict_copy_after_the_winner_and_the_time(tmp_path: Path) -> None:
    sim = SyncSimulator(tmp_path, ["laptop", "desktop"], tool="syncthing", min_delay=1, max_delay=1)
    sim.write(0, "journal.json.log", b"base")
    sim.step(3)  # seen at step 1, on the desktop at step 2, the desktop's echo back at step 3
    sim.offline(0, 1)
    sim.write(0, "journal.json.log", b"from laptop")
    sim.step()  # seen at 09:00:04
    sim.write(1, "journal.json.log", b"from desktop")
    sim.step()  # seen at 09:00:05: newer, so it wins
    sim.heal()
    sim.run_until_quiet()  # the laptop sets its change aside at step 6
    copy = f"journal.json.sync-conflict-20240301-090006-{sim.short_id(1)}.log"
    expected = {"journal.json.log": b"from desktop", copy: b"from laptop"}
    assert sim.files(0) == expected and sim.files(1) == expected


def test_dropbox_names_a_conflict_copy_after_the_device_set_aside_and_the_day(tmp_path: Path) -> None:
    sim = SyncSimulator(tmp_path, ["laptop", "desktop"], tool="dropbox", min_delay=1, max_delay=1)
    sim.write(0, "journal.json.log", b"base")
    sim.step(3)
    sim.offline(0, 1)
    sim.write(0, "journal.json.log", b"from laptop")
    sim.step()
    sim.write(1, "journal.json.log", b"from desktop")
    sim.step()
    sim.heal()
    sim.run_until_quiet()
    copy = "journal.json (desktop's conflicted copy 2024-03-01).log"
    expected = {"journal.json.log": b"from laptop", copy: b"from desktop"}
    assert sim.files(0) == expected and sim.files(1) == expected


def test_dropbox_numbers_a_second_copy_made_the_same_day(tmp_path: Path) -> None:
    sim = SyncSimulator(tmp_path, ["laptop", "desktop"], tool="dropbox", min_delay=1, max_delay=1)
    sim.write(0, "notes.txt", b"base")
    sim.run_until_quiet()
    for round_ in (1, 2):
        sim.offline(0, 1)
        sim.write(0, "notes.txt", f"laptop {round_}".encode())
        sim.write(1, "notes.txt", f"desktop {round_}".encode())
        sim.step()
        sim.sync_all()
    # Equal delays: both times the laptop's change, seen first, reached the server first.
    assert set(sim.conflict_copies(0)) == {
        "notes (desktop's conflicted copy 2024-03-01).txt",
        "notes (desktop's conflicted copy 2024-03-01 (1)).txt",
    }
    assert sim.files(0)["notes.txt"] == b"laptop 2"


def test_syncthing_keeps_only_the_newest_max_conflicts_copies(tmp_path: Path) -> None:
    sim = SyncSimulator(tmp_path, 2, tool="syncthing", max_conflicts=2)
    sim.write(0, "notes.txt", b"base")
    sim.run_until_quiet()
    for round_ in range(4):
        sim.offline(0, 1)
        sim.write(0, "notes.txt", f"older {round_}".encode())
        sim.step()
        sim.write(1, "notes.txt", f"newer {round_}".encode())
        sim.step()
        sim.sync_all()
    copies = sorted(sim.conflict_copies(0))
    assert [sim.files(0)[c] for c in copies] == [b"older 2", b"older 3"]
    assert sim.files(0)["notes.txt"] == b"newer 3"


def test_syncthing_removes_the_loser_of_a_conflict_between_two_conflict_copies(tmp_path: Path) -> None:
    # Two devices that set aside a file against the same winner in the same second make copies
    # of the same name; Syncthing does not copy a conflict copy again, so one of them is lost.
    sim = SyncSimulator(tmp_path, 2, tool="syncthing")
    name = "journal.sync-conflict-20240301-090000-AAAAAAA.json"
    sim.offline(0, 1)
    sim.write(0, name, b"set aside on device 0")
    sim.write(1, name, b"set aside on device 1")
    sim.step()
    sim.sync_all()
    survivors = {sim.files(i)[name] for i in range(2)}
    assert len(survivors) == 1 and sim.conflict_copies(0) == [name]
    assert [e.kind for e in sim.history].count("drop") == 1


@pytest.mark.parametrize("tool", TOOLS)
def test_a_partition_delays_changes_but_loses_none(tmp_path: Path, tool: Tool) -> None:
    sim = SyncSimulator(tmp_path, 3, tool=tool)
    sim.offline(0)
    sim.write(0, "device0.log", b"from 0")
    sim.write(1, "device1.log", b"from 1")
    sim.step(10)
    assert sim.read(1, "device0.log") is None and sim.read(0, "device1.log") is None
    assert sim.read(2, "device1.log") == b"from 1"
    sim.heal()
    sim.run_until_quiet()
    assert [sim.files(i) for i in range(3)] == [{"device0.log": b"from 0", "device1.log": b"from 1"}] * 3


@pytest.mark.parametrize("tool", TOOLS)
def test_random_partitions_end_and_every_file_arrives(tmp_path: Path, tool: Tool) -> None:
    sim = SyncSimulator(tmp_path, 3, seed=5, tool=tool, partition_chance=0.3, partition_steps=(3, 6))
    written: dict[str, bytes] = {}
    for n in range(40):
        path = f"d{n % 3}/{n}.log"
        written[path] = f"entry {n}".encode()
        sim.write(n % 3, path, written[path])
        sim.step()
    kinds = [e.kind for e in sim.history]
    assert kinds.count("partition") >= 3 and kinds.count("heal") >= 2
    sim.sync_all()
    assert [sim.files(i) for i in range(3)] == [written] * 3


@pytest.mark.parametrize("tool", TOOLS)
def test_an_arriving_file_is_renamed_into_place_never_written_in_place(tmp_path: Path, tool: Tool) -> None:
    sim = SyncSimulator(tmp_path, 2, tool=tool, temp_chance=1.0, max_delay=1)
    sim.write(0, "journal.json", b"old version")
    sim.sync_all()
    with open(sim.folder(1) / "journal.json", "rb") as reader:
        sim.write(0, "journal.json", b"new version, longer than the old")
        seen = len(sim.history)
        while not any(e.kind == "partial" and e.device == 1 for e in sim.history[seen:]):
            sim.step()
        temps = [p for p in sim.folder(1).rglob("*.tmp")]
        assert [t.read_bytes() for t in temps] == [b"new version, lon"]
        assert sim.read(1, "journal.json") == b"old version"
        assert sim.files(1) == {"journal.json": b"old version"}, "a temporary file is not a synced file"
        sim.run_until_quiet()
        assert sim.read(1, "journal.json") == b"new version, longer than the old"
        assert reader.read() == b"old version", "the old file was replaced, not overwritten"
    assert not list(sim.folder(1).rglob("*.tmp"))


def test_files_arrive_in_any_order(tmp_path: Path) -> None:
    orders = set()
    for seed in range(8):
        sim = SyncSimulator(tmp_path / str(seed), 2, seed=seed, max_delay=3)
        sim.write(0, "journal.json.log", b"entries")
        sim.write(0, "journal.json", b"head naming the entries")
        sim.run_until_quiet()
        orders.add(tuple(e.path for e in sim.history if e.kind == "write" and e.device == 1))
    assert orders == {("journal.json", "journal.json.log"), ("journal.json.log", "journal.json")}


def test_writes_through_a_handle_kept_open_follow_the_file_into_its_conflict_copy(tmp_path: Path) -> None:
    sim = SyncSimulator(tmp_path, 2, tool="syncthing", min_delay=1, max_delay=1)
    sim.write(0, "journal.json.log", b"")
    sim.sync_all()
    with open(sim.folder(1) / "journal.json.log", "ab", buffering=0) as log:
        log.write(b"mine 1\n")
        sim.step()  # device 1's change is seen first, so it is the older one
        sim.write(0, "journal.json.log", b"theirs\n")
        sim.step(2)  # device 0's newer change arrives: device 1's file is renamed aside
        log.write(b"mine 2\n")
    sim.sync_all()
    for i in range(2):
        (copy,) = sim.conflict_copies(i)
        assert sim.files(i) == {"journal.json.log": b"theirs\n", copy: b"mine 1\nmine 2\n"}


def test_writes_through_a_handle_kept_open_across_a_replacement_are_lost(tmp_path: Path) -> None:
    sim = SyncSimulator(tmp_path, 2, tool="syncthing")
    sim.write(0, "journal.json.log", b"line 1\n")
    sim.sync_all()
    with open(sim.folder(1) / "journal.json.log", "ab", buffering=0) as log:
        sim.write(0, "journal.json.log", b"line 1\nline 2\n")
        sim.run_until_quiet()  # replaced on device 1 under the open handle
        log.write(b"written into the replaced file\n")
        assert os.fstat(log.fileno()).st_nlink == 0
    sim.sync_all()
    assert [sim.files(i) for i in range(2)] == [{"journal.json.log": b"line 1\nline 2\n"}] * 2


def _random_work(sim: SyncSimulator, seed: int, steps: int) -> None:
    """Random writes, appends and deletes of shared files, and appends to each device's own log."""
    rng = random.Random(seed)
    shared = ["journal.json", "journal.json.log", "sub/notes.txt", "README"]
    for n in range(steps):
        for _ in range(rng.randint(0, 2)):
            device, path = rng.randrange(sim.count), rng.choice(shared)
            roll = rng.random()
            if roll < 0.15 and sim.read(device, path) is not None:
                sim.delete(device, path)
            elif roll < 0.6 and sim.read(device, path) is not None:
                with open(sim.folder(device) / path, "ab") as file:
                    file.write(f"{device}-{n}\n".encode())
            else:
                sim.write(device, path, f"{device}-{n}\n".encode())
        own = rng.randrange(sim.count)
        with open(sim.folder(own) / f"device{own}.log", "ab") as log:
            log.write(f"{n}\n".encode())
        sim.step()


@pytest.mark.parametrize("tool", TOOLS)
def test_every_device_holds_the_same_files_after_sync_all(tmp_path: Path, tool: Tool) -> None:
    sim = SyncSimulator(tmp_path, 3, seed=3, tool=tool, partition_chance=0.1, temp_chance=0.2, max_delay=5)
    _random_work(sim, seed=3, steps=150)
    before = [sim.read(i, f"device{i}.log") for i in range(3)]
    assert len({repr(sim.files(i)) for i in range(3)}) > 1, "the devices should differ before the full sync"
    sim.sync_all()
    files = sim.files(0)
    assert all(sim.files(i) == files for i in range(3))
    assert [files.get(f"device{i}.log") for i in range(3)] == before, "a file with one writer loses nothing"
    assert sim.conflict_copies(0), "the shared files were changed concurrently"
    assert not [p for i in range(3) for p in sim.folder(i).rglob("*.tmp")]
    assert sim.in_flight() == 0


@pytest.mark.parametrize("tool", TOOLS)
def test_the_same_seed_gives_the_same_history(tmp_path: Path, tool: Tool) -> None:
    def run(name: str, seed: int) -> SyncSimulator:
        sim = SyncSimulator(tmp_path / name, 3, seed=seed, tool=tool, partition_chance=0.1, temp_chance=0.2)
        _random_work(sim, seed=1, steps=60)
        sim.sync_all()
        return sim

    first, again, other = run("first", 11), run("again", 11), run("other", 12)
    assert first.history == again.history
    assert first.files(0) == again.files(0)
    assert other.history != first.history
