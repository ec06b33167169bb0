"""A seeded, in-process model of a folder-sync tool, for tests of an app whose folder is synced.

``SyncSimulator(root, devices, seed=..., tool=...)`` gives each device a real folder
(``root/NAME``). The app under test reads and writes those folders with ordinary file calls;
``step()`` moves time on by one tick, and ``sync_all()`` ends every partition and runs the
tool until every device holds the same files. Nothing but the seed decides what happens: the
same seed and the same file writes give the same history, event by event.

The model, and what in it can bite an app:

- **Scans.** At each step every device's folder is read in full. A file whose bytes differ
  from what the device last recorded is a local change (a missing file, a deletion). Two
  writes to one file between two steps are one change: the first was never seen.
- **Versions.** Each change gets a version vector, as in Syncthing. A device offers its
  current version of a file to each peer it is linked to; each offer arrives after a random
  delay of ``min_delay``..``max_delay`` steps, independently for each file, so files arrive in
  any order (a head file may arrive before or after the log it names). A later offer of the
  same file from the same peer supersedes an earlier one still on its way.
- **Partitions.** ``partition(*groups, steps=...)`` (or, at random, ``partition_chance`` per
  step) stops offers between groups; they wait and are delivered once the partition heals,
  so a partition delays changes but never loses them.
- **Which version wins.** A device takes a version that descends from its own. When two
  versions are concurrent (changed on two devices since they last agreed), a change beats a
  deletion, and otherwise
  - Syncthing (``tool="syncthing"``, a mesh of peers): the newer change wins (its step, then
    the larger device id); every device decides from what it knows of its peers' current
    versions, as Syncthing picks the global version.
  - Dropbox (``tool="dropbox"``, every device linked to a server replica only): the change
    that reached the server first keeps the name; the later one becomes the conflict copy.
    A partition under Dropbox cuts devices off the server, which stays with the first group.
- **Conflict copies.** A device whose own current version loses to a concurrent one renames
  its file to a conflict copy (see ``naming``) and then puts the winner in place; the copy
  is a new file of that device (dated like the change it holds, as a rename keeps the
  modification time) and syncs like any other. Under Dropbox it is named after the device
  and the day. Under Syncthing it is named with the winner's 7-character id and the second
  it was made, and any device holding a losing version makes one, so the same content can
  be set aside twice under two names; at most ``max_conflicts`` copies of a file are kept
  (the newest; Syncthing's default 10, -1 keeps all, 0 none); and a conflict on a conflict
  copy removes the loser instead of copying it again. So when two devices set their
  changes aside against the same winner in the same second, their copies get one name and
  one of them is lost, as with real Syncthing.
- **Deletions.** A deletion propagates like a change. A deletion concurrent with a change
  loses, and the file comes back where it was deleted; a device that would delete a change
  it has not seen superseded keeps it instead (Syncthing's "resurrecting").
- **Rename into place.** An arriving version is written to a temporary file and renamed
  over the old one (Syncthing: ``.syncthing.NAME.tmp`` next to it; Dropbox:
  ``.dropbox.cache/`` in the folder), so a reader sees the old bytes or the new, never half.
  With ``temp_chance`` a transfer first leaves a half-written temporary file for a few steps.
- **Replaced while being written.** Just before putting a version in place the device reads
  its file again, so a local change made since the last scan is found and becomes a
  conflict rather than being overwritten. What an app writes through a file handle it keeps
  open across a step goes wherever the inode goes: into the conflict copy when the file was
  renamed aside, nowhere visible when it was replaced (bytes the scan had not seen yet).

Only regular files are synced (directories are made as needed and never removed);
symbolic links and the tool's own temporary files are ignored. Virtual time starts at
``start`` and moves ``step_seconds`` per step; it is the time in conflict copy names.
``history`` lists every change seen, offer received, file written, deleted or set aside,
partition and heal, each with its step.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import os
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from .naming import Tool, dropbox_conflict_name, is_syncthing_conflict, parse_conflict_name, syncthing_conflict_name

SERVER = -1
"""Index of the Dropbox model's server replica (it has no folder)."""

DROPBOX_CACHE = ".dropbox.cache"


class SimulatorError(AssertionError):
    """The simulator broke its own promise (``sync_all`` did not converge)."""


@dataclass(frozen=True)
class SimConfig:
    """How the simulated tool behaves; ``SyncSimulator(**overrides)`` changes single fields."""

    tool: Tool = Tool.SYNCTHING
    min_delay: int = 1
    max_delay: int = 4
    partition_chance: float = 0.0
    partition_steps: tuple[int, int] = (2, 8)
    temp_chance: float = 0.0
    max_conflicts: int = 10
    step_seconds: int = 1
    start: datetime = datetime(2024, 3, 1, 9, 0, 0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tool", Tool(self.tool))
        if not 1 <= self.min_delay <= self.max_delay:
            raise ValueError("delays need 1 <= min_delay <= max_delay")
        if not 1 <= self.partition_steps[0] <= self.partition_steps[1]:
            raise ValueError("partition_steps needs 1 <= shortest <= longest")
        if self.step_seconds < 1:
            raise ValueError("step_seconds must be at least 1")


@dataclass(frozen=True)
class Version:
    """One version of a file: its version vector, its bytes' digest (None: deleted), who made it when."""

    vector: tuple[tuple[int, int], ...]
    digest: str | None
    by: int
    seconds: int

    @property
    def live(self) -> bool:
        return self.digest is not None

    def counter(self, device: int) -> int:
        return dict(self.vector).get(device, 0)

    def dominates(self, other: Version) -> bool:
        """True when this version descends from ``other`` (and is not the same)."""
        mine = dict(self.vector)
        return self.vector != other.vector and all(mine.get(k, 0) >= n for k, n in other.vector)

    def concurrent(self, other: Version) -> bool:
        return self.vector != other.vector and not self.dominates(other) and not other.dominates(self)

    def merged_with(self, other: Version) -> tuple[tuple[int, int], ...]:
        both = dict(self.vector)
        for k, n in other.vector:
            both[k] = max(both.get(k, 0), n)
        return tuple(sorted(both.items()))


@dataclass(frozen=True)
class SyncEvent:
    """One thing that happened. ``kind``: change, receive, write, delete, conflict, drop, prune,
    resurrect, partial, partition, heal."""

    step: int
    kind: str
    device: int
    path: str = ""
    detail: str = ""


@dataclass
class _Offer:
    due: int
    seq: int
    src: int
    dst: int
    path: str
    number: int
    version: Version


@dataclass
class _Known:
    number: int
    version: Version
    arrival: int


@dataclass
class _Replica:
    index: int
    name: str
    short_id: str
    folder: Path | None
    db: dict[str, Version] = field(default_factory=dict)
    known: dict[str, dict[int, _Known]] = field(default_factory=dict)
    sent: dict[tuple[int, str], int] = field(default_factory=dict)
    counter: int = 0
    pending: dict[str, tuple[int, Path]] = field(default_factory=dict)


class SyncSimulator:
    """N device folders kept in sync by a seeded model of Syncthing or Dropbox (see the module)."""

    def __init__(
        self,
        root: Path,
        devices: int | Sequence[str] = 3,
        *,
        seed: int = 0,
        config: SimConfig | None = None,
        **overrides: Any,
    ) -> None:
        names = [f"device{i}" for i in range(devices)] if isinstance(devices, int) else list(devices)
        if len(names) < 2 or len(set(names)) != len(names):
            raise ValueError("need at least two devices with distinct names")
        self.config = dataclasses.replace(config or SimConfig(), **overrides)
        self.root = Path(root)
        self.history: list[SyncEvent] = []
        self._rng = random.Random(seed)
        self._step = 0
        self._seq = 0
        self._changes = 0
        self._full_sync = False
        self._blobs: dict[str, bytes] = {}
        self._offers: list[_Offer] = []
        self._groups: list[frozenset[int]] | None = None
        self._partition_until: int | None = None
        self._devices = [_Replica(i, n, short_device_id(n), self.root / n) for i, n in enumerate(names)]
        for dev in self._devices:
            assert dev.folder is not None
            dev.folder.mkdir(parents=True, exist_ok=True)
        self._server = _Replica(SERVER, "server", "SERVER0", None)
        self._ids = {r.index: r.short_id for r in [*self._devices, self._server]}

    # -- the devices -----------------------------------------------------------------------

    @property
    def count(self) -> int:
        return len(self._devices)

    def folder(self, i: int) -> Path:
        """Device ``i``'s synced folder."""
        folder = self._devices[i].folder
        assert folder is not None
        return folder

    def name(self, i: int) -> str:
        return self._devices[i].name

    def short_id(self, i: int) -> str:
        """Device ``i``'s id as Syncthing puts it in conflict copy names."""
        return self._devices[i].short_id

    @property
    def now(self) -> datetime:
        """The virtual clock: ``start`` plus ``step_seconds`` per step taken."""
        return self.config.start + timedelta(seconds=self._seconds)

    @property
    def steps_taken(self) -> int:
        return self._step

    def write(self, i: int, path: str, data: bytes) -> None:
        """Write ``data`` to ``path`` in device ``i``'s folder, as an app would (in place)."""
        target = self.folder(i) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def delete(self, i: int, path: str) -> None:
        (self.folder(i) / path).unlink()

    def read(self, i: int, path: str) -> bytes | None:
        try:
            return (self.folder(i) / path).read_bytes()
        except FileNotFoundError:
            return None

    def files(self, i: int) -> dict[str, bytes]:
        """Device ``i``'s files by relative POSIX path, without the tool's temporary files."""
        return {path: (self.folder(i) / path).read_bytes() for path in self._listing(self._devices[i])}

    def conflict_copies(self, i: int) -> list[str]:
        """The files in device ``i``'s folder named like a conflict copy (either tool's naming)."""
        return [p for p in self.files(i) if parse_conflict_name(p) is not None]

    def in_flight(self) -> int:
        """Offers on their way (also those a partition holds back) plus transfers left half-done."""
        return len(self._offers) + sum(len(d.pending) for d in self._devices)

    def _moving(self) -> int:
        """Offers that can arrive without a heal, plus transfers left half-done."""
        linked = sum(1 for o in self._offers if self._linked(o.src, o.dst))
        return linked + sum(len(d.pending) for d in self._devices)

    # -- partitions ------------------------------------------------------------------------

    def partition(self, *groups: Iterable[int], steps: int | None = None) -> None:
        """Devices in different groups stop exchanging until ``heal()`` or ``steps`` steps pass.

        Devices not named form one more group. Under Dropbox only the first group (which may
        be empty) reaches the server.
        """
        sets = [frozenset(g) for g in groups]
        named = [i for g in sets for i in g]
        if len(named) != len(set(named)) or not set(named) <= set(range(self.count)):
            raise ValueError(f"groups must name distinct devices 0..{self.count - 1}")
        rest = frozenset(range(self.count)) - set(named)
        self._groups = [*sets, rest] if rest else sets
        self._partition_until = None if steps is None else self._step + steps
        self._event("partition", SERVER, detail=" | ".join(str(sorted(g)) for g in self._groups))

    def offline(self, *devices: int, steps: int | None = None) -> None:
        """Each of ``devices`` alone, cut off from every other device (and the server)."""
        others = [i for i in range(self.count) if i not in devices]
        self.partition(others, *([i] for i in devices), steps=steps)

    def heal(self) -> None:
        """End the partition; the offers held back by it go out."""
        if self._groups is not None:
            self._groups = None
            self._partition_until = None
            self._event("heal", SERVER)

    @property
    def partitioned(self) -> bool:
        return self._groups is not None

    # -- running ---------------------------------------------------------------------------

    def step(self, count: int = 1) -> None:
        """Move time on by ``count`` ticks: scan, finish transfers, deliver the offers due."""
        for _ in range(count):
            self._step += 1
            self._update_partition()
            for dev in self._devices:
                self._scan(dev)
            self._finish_transfers(due_only=True)
            due = sorted(
                (o for o in self._offers if o.due <= self._step and self._linked(o.src, o.dst)),
                key=lambda o: (o.due, o.seq),
            )
            taken = {id(o) for o in due}
            self._offers = [o for o in self._offers if id(o) not in taken]
            for offer in due:
                self._deliver(offer)

    def run_until_quiet(self, limit: int = 1000) -> int:
        """Step until nothing is on its way but what a partition holds back; return the steps taken."""
        for taken in range(1, limit + 1):
            self.step()
            if not self._moving():
                return taken
        raise SimulatorError(f"still {self._moving()} offers or transfers under way after {limit} steps")

    def sync_all(self, max_rounds: int = 50) -> None:
        """End every partition and sync with no delays until every device holds the same files."""
        self.heal()
        self._full_sync = True
        try:
            self._sync_rounds(max_rounds)
        finally:
            self._full_sync = False

    def _sync_rounds(self, max_rounds: int) -> None:
        for _ in range(max_rounds):
            self._step += 1
            before = self._changes
            for dev in self._devices:
                self._scan(dev)
            self._finish_transfers(due_only=False)
            queued, self._offers = sorted(self._offers, key=lambda o: (o.due, o.seq)), []
            for offer in queued:
                self._deliver(offer)
            # A full exchange, as when devices reconnect: each tells each neighbour all it holds.
            for replica in self._replicas():
                for path in sorted(replica.db):
                    for peer in self._neighbours(replica):
                        self._deliver(self._offer(replica, peer, path, due=self._step))
            for replica in self._replicas():
                for path in sorted(set(replica.db) | set(replica.known)):
                    self._evaluate(replica, path, partial_allowed=False)
            self._offers.clear()  # what this round set is already known everywhere
            if self._changes == before:
                self._check_converged()
                return
        raise SimulatorError(f"devices still differ after {max_rounds} rounds of sync_all")

    # -- scanning --------------------------------------------------------------------------

    @property
    def _seconds(self) -> int:
        return self._step * self.config.step_seconds

    def _listing(self, dev: _Replica) -> list[str]:
        """The device's synced files: regular files, not the tool's temporary ones."""
        assert dev.folder is not None
        found: list[str] = []
        pending = [("", str(dev.folder))]
        while pending:
            rel, full = pending.pop()
            with os.scandir(full) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        if not (rel == "" and entry.name == DROPBOX_CACHE):
                            pending.append((f"{rel}{entry.name}/", entry.path))
                    elif entry.is_file(follow_symlinks=False) and not _is_temp(entry.name):
                        found.append(rel + entry.name)
        return sorted(found)

    def _scan(self, dev: _Replica) -> None:
        live = {p for p, v in dev.db.items() if v.live}
        for path in sorted(live | set(self._listing(dev))):
            if self._scan_path(dev, path):
                self._evaluate(dev, path)

    def _scan_path(self, dev: _Replica, path: str, *, seconds: int | None = None) -> bool:
        """Record a local change of ``path`` if its bytes differ from the device's record.

        The change is dated now, or ``seconds`` (a renamed file keeps its modification time).
        """
        assert dev.folder is not None
        current = dev.db.get(path)
        data = _read(os.path.join(dev.folder, path))
        if data is None:
            if current is None or not current.live:
                return False
            digest = None
        else:
            digest = hashlib.sha256(data).hexdigest()
            if current is not None and current.digest == digest:
                return False
            self._blobs[digest] = data
        dev.counter = max(dev.counter, current.counter(dev.index) if current else 0) + 1
        others = [(k, n) for k, n in (current.vector if current else ()) if k != dev.index]
        when = self._seconds if seconds is None else seconds
        version = Version(tuple(sorted([*others, (dev.index, dev.counter)])), digest, dev.index, when)
        self._set(dev, path, version)
        self._event("change", dev.index, path, _describe(version))
        return True

    # -- offers ----------------------------------------------------------------------------

    def _replicas(self) -> list[_Replica]:
        return [*self._devices, self._server] if self.config.tool is Tool.DROPBOX else list(self._devices)

    def _replica(self, index: int) -> _Replica:
        return self._server if index == SERVER else self._devices[index]

    def _neighbours(self, replica: _Replica) -> list[_Replica]:
        if self.config.tool is Tool.SYNCTHING:
            return [d for d in self._devices if d is not replica]
        return list(self._devices) if replica is self._server else [self._server]

    def _linked(self, a: int, b: int) -> bool:
        if self._groups is None:
            return True
        if self.config.tool is Tool.DROPBOX:
            device = b if a == SERVER else a
            return device in self._groups[0]
        return any(a in g and b in g for g in self._groups)

    def _set(self, replica: _Replica, path: str, version: Version) -> None:
        """Make ``version`` the replica's current one and offer it to every neighbour."""
        replica.db[path] = version
        self._changes += 1
        for peer in self._neighbours(replica):
            delay = self._rng.randint(self.config.min_delay, self.config.max_delay)
            self._offers.append(self._offer(replica, peer, path, due=self._step + delay))

    def _offer(self, src: _Replica, dst: _Replica, path: str, *, due: int) -> _Offer:
        number = src.sent.get((dst.index, path), 0) + 1
        src.sent[(dst.index, path)] = number
        self._seq += 1
        return _Offer(due, self._seq, src.index, dst.index, path, number, src.db[path])

    def _deliver(self, offer: _Offer) -> None:
        dst = self._replica(offer.dst)
        known = dst.known.setdefault(offer.path, {})
        if offer.src in known and known[offer.src].number >= offer.number:
            return  # an older offer overtaken by a newer one
        is_news = offer.src not in known or known[offer.src].version != offer.version
        known[offer.src] = _Known(offer.number, offer.version, offer.seq)
        if is_news:
            self._event("receive", dst.index, offer.path, f"from {offer.src}: {_describe(offer.version)}")
            self._evaluate(dst, offer.path)

    # -- deciding and applying -------------------------------------------------------------

    def _choose(self, replica: _Replica, path: str) -> Version | None:
        """The version ``replica`` should hold, from its own and what it knows of its peers'."""
        current = replica.db.get(path)
        known = replica.known.get(path, {})
        candidates: dict[tuple[tuple[int, int], ...], Version] = {}
        for version in [*([current] if current else []), *(k.version for k in known.values())]:
            candidates.setdefault(version.vector, version)
        if not candidates:
            return None
        versions = list(candidates.values())
        newest = [v for v in versions if not any(o.dominates(v) for o in versions)]
        live = [v for v in newest if v.live] or newest
        if self.config.tool is Tool.SYNCTHING:
            return max(live, key=lambda v: (v.seconds, self._ids[v.by], v.vector))
        if replica is self._server:
            if current in live:
                return current
            arrival = {k.version.vector: k.arrival for k in known.values()}
            return min(live, key=lambda v: arrival[v.vector])
        server = known.get(SERVER)
        if server is not None and server.version in live:
            return server.version
        return current if current in live else live[0]

    def _evaluate(self, replica: _Replica, path: str, *, partial_allowed: bool = True) -> None:
        if path in replica.pending:
            return  # decided again when the transfer finishes
        target = self._choose(replica, path)
        current = replica.db.get(path)
        if target is None or (current is not None and target.vector == current.vector):
            return
        if replica.folder is None:
            self._set(replica, path, target)
            return
        if partial_allowed and not self._full_sync and target.live and self._rng.random() < self.config.temp_chance:
            self._start_partial(replica, path, target)
            return
        self._apply(replica, path, target)

    def _apply(self, dev: _Replica, path: str, target: Version) -> None:
        """Put ``target`` in place in ``dev``'s folder, setting the local version aside if it loses."""
        assert dev.folder is not None
        if self._scan_path(dev, path):  # written since the last scan: decide again with it
            self._evaluate(dev, path, partial_allowed=False)
            return
        current = dev.db.get(path)
        if current is not None and current.live and current.concurrent(target):
            if not target.live:
                resurrected = Version(current.merged_with(target), current.digest, current.by, current.seconds)
                self._set(dev, path, resurrected)
                self._event("resurrect", dev.index, path)
                return
            self._set_aside(dev, path, target)
        file = dev.folder / path
        if target.digest is None:
            file.unlink(missing_ok=True)
            self._event("delete", dev.index, path)
        else:
            _replace(file, self._temp_path(dev, path), self._blobs[target.digest])
            self._event("write", dev.index, path, _describe(target))
        self._set(dev, path, target)

    def _set_aside(self, dev: _Replica, path: str, winner: Version) -> None:
        """Rename ``dev``'s losing file to a conflict copy (or remove it, as Syncthing may)."""
        assert dev.folder is not None
        file = dev.folder / path
        syncthing = self.config.tool is Tool.SYNCTHING
        if syncthing and (is_syncthing_conflict(path) or self.config.max_conflicts == 0):
            file.unlink()  # Syncthing neither copies a conflict copy again nor keeps any with 0
            self._event("drop", dev.index, path)
            return
        copy = self._conflict_name(dev, path, winner)
        loser = dev.db[path]
        os.replace(file, dev.folder / copy)  # a rename keeps the inode: open handles follow it
        self._event("conflict", dev.index, path, copy)
        self._scan_path(dev, copy, seconds=loser.seconds)
        if syncthing:
            self._prune_conflicts(dev, path)

    def _conflict_name(self, dev: _Replica, path: str, winner: Version) -> str:
        """A free conflict-copy name: a later second (Syncthing) or a number (Dropbox) if taken."""
        assert dev.folder is not None
        for extra in range(10_000):
            if self.config.tool is Tool.SYNCTHING:
                name = syncthing_conflict_name(path, self.now + timedelta(seconds=extra), self._ids[winner.by])
            else:
                name = dropbox_conflict_name(path, self.now.date(), dev.name, extra)
            taken = dev.db.get(name)
            if not (dev.folder / name).exists() and (taken is None or not taken.live):
                return name
        raise SimulatorError(f"no free conflict copy name for {path}")

    def _prune_conflicts(self, dev: _Replica, path: str) -> None:
        """Syncthing's maxConflicts: keep the newest ``max_conflicts`` copies of ``path``, remove the rest."""
        limit = self.config.max_conflicts
        if limit < 0:
            return
        mine = []
        for name in self._listing(dev):
            parsed = parse_conflict_name(name)
            if parsed is not None and parsed.tool is Tool.SYNCTHING and parsed.original == path:
                mine.append(name)
        if len(mine) > limit:
            for old in sorted(mine, reverse=True)[limit:]:
                assert dev.folder is not None
                (dev.folder / old).unlink()
                self._event("prune", dev.index, old)
                self._scan_path(dev, old)

    # -- half-done transfers ---------------------------------------------------------------

    def _temp_path(self, dev: _Replica, path: str) -> Path:
        assert dev.folder is not None
        if self.config.tool is Tool.SYNCTHING:
            pure = PurePosixPath(path)
            return dev.folder / pure.parent / f".syncthing.{pure.name}.tmp"
        return dev.folder / DROPBOX_CACHE / f"{hashlib.sha256(path.encode()).hexdigest()[:16]}.tmp"

    def _start_partial(self, dev: _Replica, path: str, target: Version) -> None:
        assert target.digest is not None
        temp = self._temp_path(dev, path)
        temp.parent.mkdir(parents=True, exist_ok=True)
        data = self._blobs[target.digest]
        temp.write_bytes(data[: len(data) // 2])
        dev.pending[path] = (self._step + self._rng.randint(1, self.config.max_delay), temp)
        self._event("partial", dev.index, path, _describe(target))

    def _finish_transfers(self, *, due_only: bool) -> None:
        for dev in self._devices:
            for path in sorted(dev.pending):
                due, temp = dev.pending[path]
                if due_only and due > self._step:
                    continue
                del dev.pending[path]
                temp.unlink(missing_ok=True)
                self._evaluate(dev, path, partial_allowed=False)

    # -- bookkeeping -----------------------------------------------------------------------

    def _update_partition(self) -> None:
        if self._partition_until is not None and self._step > self._partition_until:
            self.heal()
        if self._groups is None and self.config.partition_chance and self._rng.random() < self.config.partition_chance:
            order = list(range(self.count))
            self._rng.shuffle(order)
            cut = self._rng.randint(1, self.count - 1)
            self.partition(order[:cut], order[cut:], steps=self._rng.randint(*self.config.partition_steps))

    def _check_converged(self) -> None:
        trees = [self.files(i) for i in range(self.count)]
        for i, tree in enumerate(trees[1:], start=1):
            if tree != trees[0]:
                differ = sorted(p for p in set(tree) | set(trees[0]) if tree.get(p) != trees[0].get(p))
                raise SimulatorError(f"after sync_all {self.name(0)} and {self.name(i)} differ in {differ}")

    def _event(self, kind: str, device: int, path: str = "", detail: str = "") -> None:
        self.history.append(SyncEvent(self._step, kind, device, path, detail))


def short_device_id(name: str) -> str:
    """A stable 7-character Syncthing-style id (base32) for a device name."""
    return base64.b32encode(hashlib.sha256(name.encode()).digest()).decode()[:7]


def _read(path: str) -> bytes | None:
    """A regular file's bytes; None when there is none (missing, a directory, a link)."""
    try:
        if os.path.islink(path):
            return None
        with open(path, "rb") as file:
            return file.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def _is_temp(name: str) -> bool:
    return name.startswith(".syncthing.") and name.endswith(".tmp")


def _describe(version: Version) -> str:
    vector = ",".join(f"{k}:{n}" for k, n in version.vector)
    return f"[{vector}] {'deleted' if version.digest is None else version.digest[:10]}"


def _replace(file: Path, temp: Path, data: bytes) -> None:
    """Write ``data`` to ``temp`` and rename it over ``file``: readers see old or new, never half."""
    file.parent.mkdir(parents=True, exist_ok=True)
    temp.parent.mkdir(parents=True, exist_ok=True)
    temp.write_bytes(data)
    os.replace(temp, file)
