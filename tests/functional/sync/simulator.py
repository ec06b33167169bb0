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
  its file again, so a local change made since the scan (by an app running in another thread
  while the simulator steps) becomes a conflict rather than being overwritten. What an app
  writes through a file handle it keeps open across a step goes wherever the inode goes:
  into the conflict copy when its file was renamed aside, nowhere anyone will read when its
  file was replaced by an arriving version.

Only regular files are synced (directories are made as needed and never removed); symbolic
links, the tool's own temporary files and names matching ``ignore`` are not. Virtual time
starts at ``start`` and moves ``step_seconds`` per step; it is the time in conflict copy names.
``history`` lists every change seen, offer received, file written, deleted or set aside,
partition and heal, each with its step.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .folder import SyncedFolder
from .naming import Tool, dropbox_conflict_name, is_syncthing_conflict, parse_conflict_name, syncthing_conflict_name
from .versions import Version, next_version, short_device_id, undominated_live

SERVER = -1
"""Index of the Dropbox model's server replica (it has no folder), and the device of partition events."""


class SimulatorError(AssertionError):
    """The simulator could not keep its promise (``sync_all`` did not converge, a run did not settle)."""


@dataclass(frozen=True)
class SimConfig:
    """How the simulated tool behaves; ``SyncSimulator(**overrides)`` changes single fields."""

    tool: Tool = Tool.SYNCTHING
    min_delay: int = 1  # steps an offer takes at least ...
    max_delay: int = 4  # ... and at most
    partition_chance: float = 0.0  # chance per step that a random partition starts
    partition_steps: tuple[int, int] = (2, 8)  # how long a random partition lasts
    temp_chance: float = 0.0  # chance that a transfer first leaves a half-written temporary file
    max_conflicts: int = 10  # Syncthing's maxConflicts: copies kept per file (-1 all, 0 none)
    step_seconds: int = 1
    start: datetime = datetime(2024, 3, 1, 9, 0, 0)
    ignore: tuple[str, ...] = ()  # names never synced, e.g. ("*.lock",); see SyncedFolder.ignored

    def __post_init__(self) -> None:
        object.__setattr__(self, "tool", Tool(self.tool))
        if not 1 <= self.min_delay <= self.max_delay:
            raise ValueError("delays need 1 <= min_delay <= max_delay")
        if not 1 <= self.partition_steps[0] <= self.partition_steps[1]:
            raise ValueError("partition_steps needs 1 <= shortest <= longest")
        if self.step_seconds < 1:
            raise ValueError("step_seconds must be at least 1")


@dataclass(frozen=True)
class SyncEvent:
    """One thing that happened at a step, on a device (``SERVER`` for the server and partitions).

    ``kind``: change (a scan found one), receive (news from a peer), write, delete, conflict
    (set aside; ``detail`` is the copy's name), drop (a losing conflict copy removed), prune
    (an old copy removed), resurrect, partial (a half-written temporary file), partition, heal.
    """

    step: int
    kind: str
    device: int
    path: str = ""
    detail: str = ""


@dataclass
class _Offer:
    """``src``'s version of ``path`` on its way to ``dst``; ``number`` orders offers of one path."""

    due: int
    seq: int
    src: int
    dst: int
    path: str
    number: int
    version: Version


@dataclass
class _Known:
    """The last version of a path a replica heard of from one peer."""

    number: int
    version: Version
    arrival: int


@dataclass
class _Replica:
    """A device (with a folder) or the Dropbox server (without): what it holds and knows."""

    index: int
    name: str
    short_id: str
    folder: SyncedFolder | None
    db: dict[str, Version] = field(default_factory=dict)
    known: dict[str, dict[int, _Known]] = field(default_factory=dict)
    sent: dict[tuple[int, str], int] = field(default_factory=dict)
    counter: int = 0
    pending: dict[str, tuple[int, Path]] = field(default_factory=dict)

    @property
    def disk(self) -> SyncedFolder:
        assert self.folder is not None, "the server has no folder"
        return self.folder


class _Links:
    """Who can reach whom: everyone, or only within the groups of the current partition."""

    def __init__(self, tool: Tool) -> None:
        self.tool = tool
        self.groups: list[frozenset[int]] | None = None
        self.until: int | None = None

    def linked(self, a: int, b: int) -> bool:
        if self.groups is None:
            return True
        if self.tool is Tool.DROPBOX:  # every link has the server at one end
            return (b if a == SERVER else a) in self.groups[0]
        return any(a in g and b in g for g in self.groups)


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
        tool = self.config.tool
        self._devices = [
            _Replica(i, n, short_device_id(n), SyncedFolder(self.root / n, tool, self.config.ignore))
            for i, n in enumerate(names)
        ]
        self._server = _Replica(SERVER, "server", "SERVER0", None)
        self._ids = {r.index: r.short_id for r in [*self._devices, self._server]}
        self._links = _Links(tool)
        self._rng = random.Random(seed)
        self._blobs: dict[str, bytes] = {}
        self._offers: list[_Offer] = []
        self._step = 0
        self._seq = 0
        self._changes = 0
        self._full_sync = False

    # -- the devices -----------------------------------------------------------------------

    @property
    def count(self) -> int:
        return len(self._devices)

    def folder(self, i: int) -> Path:
        """Device ``i``'s synced folder."""
        return self._devices[i].disk.path

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
        return self._devices[i].disk.read(path)

    def files(self, i: int) -> dict[str, bytes]:
        """Device ``i``'s synced files by relative POSIX path (not temporary, not ignored)."""
        return self._devices[i].disk.files()

    def conflict_copies(self, i: int) -> list[str]:
        """The files in device ``i``'s folder named like a conflict copy (either tool's naming)."""
        return [p for p in self._devices[i].disk.listing() if parse_conflict_name(p) is not None]

    def in_flight(self) -> int:
        """Offers on their way (also those a partition holds back) plus transfers left half-done."""
        return len(self._offers) + sum(len(d.pending) for d in self._devices)

    # -- partitions ------------------------------------------------------------------------

    def partition(self, *groups: Iterable[int], steps: int | None = None) -> None:
        """Devices in different groups stop exchanging until ``heal()``, or for ``steps`` steps.

        Devices not named form one more group. Under Dropbox only the first group (which may
        be empty) reaches the server.
        """
        sets = [frozenset(g) for g in groups]
        named = [i for g in sets for i in g]
        if len(named) != len(set(named)) or not set(named) <= set(range(self.count)):
            raise ValueError(f"groups must name distinct devices 0..{self.count - 1}")
        rest = frozenset(range(self.count)) - set(named)
        self._links.groups = [*sets, rest] if rest else sets
        self._links.until = None if steps is None else self._step + steps
        self._event("partition", SERVER, detail=" | ".join(str(sorted(g)) for g in self._links.groups))

    def offline(self, *devices: int, steps: int | None = None) -> None:
        """Each of ``devices`` alone, cut off from every other device (and the server)."""
        others = [i for i in range(self.count) if i not in devices]
        self.partition(others, *([i] for i in devices), steps=steps)

    def heal(self) -> None:
        """End the partition; the offers it held back go out."""
        if self._links.groups is not None:
            self._links.groups = self._links.until = None
            self._event("heal", SERVER)

    @property
    def partitioned(self) -> bool:
        return self._links.groups is not None

    # -- running ---------------------------------------------------------------------------

    def step(self, count: int = 1) -> None:
        """Move time on by ``count`` ticks: scan, finish transfers, deliver the offers due."""
        for _ in range(count):
            self._step += 1
            self._update_partition()
            for dev in self._devices:
                self._scan(dev)
            self._finish_transfers(due_only=True)
            due = [o for o in self._offers if o.due <= self._step and self._links.linked(o.src, o.dst)]
            taken = {id(o) for o in due}
            self._offers = [o for o in self._offers if id(o) not in taken]
            for offer in sorted(due, key=lambda o: (o.due, o.seq)):
                self._deliver(offer)

    def run_until_quiet(self, limit: int = 1000) -> int:
        """Step until nothing is under way but what a partition holds back; return the steps taken."""
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
            for _ in range(max_rounds):
                if not self._sync_round():
                    self._check_converged()
                    return
        finally:
            self._full_sync = False
        raise SimulatorError(f"devices still differ after {max_rounds} rounds of sync_all")

    def _sync_round(self) -> bool:
        """One step of a full sync; True if anything changed."""
        self._step += 1
        before = self._changes
        for dev in self._devices:
            self._scan(dev)
        self._finish_transfers(due_only=False)
        queued, self._offers = sorted(self._offers, key=lambda o: (o.due, o.seq)), []
        for offer in queued:
            self._deliver(offer)
        # A full exchange, as when devices reconnect: each tells each neighbour all it holds.
        replicas = self._replicas()
        for replica in replicas:
            for path in sorted(replica.db):
                for peer in self._neighbours(replica):
                    self._deliver(self._offer(replica, peer, path, due=self._step))
        for replica in replicas:
            for path in sorted(set(replica.db) | set(replica.known)):
                self._evaluate(replica, path)
        self._offers.clear()  # the next round's full exchange tells what this one changed
        return self._changes != before

    # -- scanning --------------------------------------------------------------------------

    @property
    def _seconds(self) -> int:
        return self._step * self.config.step_seconds

    def _scan(self, dev: _Replica) -> None:
        live = {p for p, v in dev.db.items() if v.live}
        for path in sorted(live | set(dev.disk.listing())):
            if self._scan_path(dev, path):
                self._evaluate(dev, path)

    def _scan_path(self, dev: _Replica, path: str, *, seconds: int | None = None) -> bool:
        """Record a local change of ``path`` if its bytes differ from the device's record.

        The change is dated now, or ``seconds`` (a renamed file keeps its modification time).
        """
        current = dev.db.get(path)
        data = dev.disk.read(path)
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
        when = self._seconds if seconds is None else seconds
        version = next_version(current, dev.index, dev.counter, digest, when)
        self._set(dev, path, version)
        self._event("change", dev.index, path, version.describe())
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

    def _moving(self) -> int:
        """Offers that can arrive without a heal, plus transfers left half-done."""
        linked = sum(1 for o in self._offers if self._links.linked(o.src, o.dst))
        return linked + sum(len(d.pending) for d in self._devices)

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
            self._event("receive", dst.index, offer.path, f"from {offer.src}: {offer.version.describe()}")
            self._evaluate(dst, offer.path)

    # -- deciding and applying -------------------------------------------------------------

    def _choose(self, replica: _Replica, path: str) -> Version | None:
        """The version ``replica`` should hold, from its own and what it knows of its peers'."""
        current = replica.db.get(path)
        known = replica.known.get(path, {})
        heard = [k.version for k in known.values()]
        if current is None and not heard:
            return None
        live = undominated_live([*([current] if current else []), *heard])
        if self.config.tool is Tool.SYNCTHING:  # the newer change, then the larger device id
            return max(live, key=lambda v: (v.seconds, self._ids[v.by], v.vector))
        if replica is self._server:  # keep what it has; else what reached it first
            if current in live:
                return current
            arrival = {k.version.vector: k.arrival for k in known.values()}
            return min(live, key=lambda v: arrival[v.vector])
        server = known.get(SERVER)  # a device takes the server's, unless it has a newer one
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
        elif partial_allowed and not self._full_sync and target.live and self._rng.random() < self.config.temp_chance:
            self._start_partial(replica, path, target)
        else:
            self._apply(replica, path, target)

    def _apply(self, dev: _Replica, path: str, target: Version) -> None:
        """Put ``target`` in place in ``dev``'s folder, setting the local version aside if it loses."""
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
        if target.digest is None:
            dev.disk.remove(path)
            self._event("delete", dev.index, path)
        else:
            dev.disk.put(path, self._blobs[target.digest])
            self._event("write", dev.index, path, target.describe())
        self._set(dev, path, target)

    def _set_aside(self, dev: _Replica, path: str, winner: Version) -> None:
        """Rename ``dev``'s losing file to a conflict copy (or remove it, as Syncthing may)."""
        syncthing = self.config.tool is Tool.SYNCTHING
        if syncthing and (is_syncthing_conflict(path) or self.config.max_conflicts == 0):
            dev.disk.remove(path)  # Syncthing neither copies a conflict copy again nor keeps any with 0
            self._event("drop", dev.index, path)
            return
        copy = self._conflict_name(dev, path, winner)
        loser = dev.db[path]
        dev.disk.rename(path, copy)
        self._event("conflict", dev.index, path, copy)
        self._scan_path(dev, copy, seconds=loser.seconds)
        if syncthing and self.config.max_conflicts > 0:
            for old in sorted(dev.disk.syncthing_copies_of(path), reverse=True)[self.config.max_conflicts :]:
                dev.disk.remove(old)
                self._event("prune", dev.index, old)
                self._scan_path(dev, old)

    def _conflict_name(self, dev: _Replica, path: str, winner: Version) -> str:
        """A free conflict-copy name: a later second (Syncthing) or a number (Dropbox) if taken."""
        for extra in range(10_000):
            if self.config.tool is Tool.SYNCTHING:
                name = syncthing_conflict_name(path, self.now + timedelta(seconds=extra), self._ids[winner.by])
            else:
                name = dropbox_conflict_name(path, self.now.date(), dev.name, extra)
            taken = dev.db.get(name)
            if not dev.disk.exists(name) and (taken is None or not taken.live):
                return name
        raise SimulatorError(f"no free conflict copy name for {path}")

    # -- half-done transfers ---------------------------------------------------------------

    def _start_partial(self, dev: _Replica, path: str, target: Version) -> None:
        assert target.digest is not None
        temp = dev.disk.put_partial(path, self._blobs[target.digest])
        dev.pending[path] = (self._step + self._rng.randint(1, self.config.max_delay), temp)
        self._event("partial", dev.index, path, target.describe())

    def _finish_transfers(self, *, due_only: bool) -> None:
        """End the transfers due: the half-written file goes, the decision is made again."""
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
        if self._links.until is not None and self._step > self._links.until:
            self.heal()
        chance = self.config.partition_chance
        if self._links.groups is None and chance and self._rng.random() < chance:
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
