"""Several devices using one journal in a folder a sync tool keeps in step, for tests and a soak.

``JournalWorld(root, seed=..., tool=...)`` runs smn on each device of a :class:`SyncSimulator`
(each with its own device id), makes random captures, edits, deletes, undos and compactions
through the store and the quick capture as the command line does (and, on the first device,
through one long-lived store that refreshes as the app does), and remembers every write that
was acknowledged: the version of each record it wrote. ``settle()`` syncs everything, lets each
device open the journal once more (folding in whatever copies a sync tool set aside) until no
file changes, and ``check()`` then says what is wrong, if anything: devices that disagree, an
acknowledged write that is neither there nor replaced by a later version of the same record,
an entry that appears twice, a conflict copy left in place.

Soak (many more steps and seeds than the test suite runs)::

    python -m tests.functional.sync.journal_world --soak 20 --steps 600
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from smn_tui.domain.models import Contact, HelpfulAct, Interaction, ValidationError
from smn_tui.storage.history import UndoRefused
from smn_tui.storage.quick import open_capture
from smn_tui.storage.store import JournalStore
from smn_tui.storage.sync.layout import JournalLayout
from smn_tui.storage.sync.merge import DEL, PUT, Version, newer, op_stamps, stamp_of, version_of

from .naming import dropbox_conflict_name, parse_conflict_name, syncthing_conflict_name
from .simulator import SyncSimulator

DEVICES = ("LAPTOP22", "DESKTOP2", "PHONE222")
NAMES = ("laptop", "desktop", "phone")
DAY0 = date(2024, 3, 1)


@contextmanager
def on_device(device: str, config: Path) -> Iterator[None]:
    """Run as ``device`` (its id and its own config folder) inside the block."""
    saved = {k: os.environ.get(k) for k in ("SMN_DEVICE", "SMN_CONFIG")}
    os.environ["SMN_DEVICE"] = device
    os.environ["SMN_CONFIG"] = str(config / "settings.json")
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class JournalWorld:
    """Three devices, one journal, a simulated sync tool, and what each device was told it saved."""

    def __init__(self, root: Path, *, seed: int, tool: str = "syncthing", copy_chance: float = 0.05,
                 **sim: Any) -> None:
        self.rng = random.Random(seed)
        self.tool = tool
        self.copy_chance = copy_chance
        self.past: list[tuple[str, bytes]] = []  # versions journal files had, for the copies a tool sets aside
        self.copies_made = 0
        self.root = root
        self.sim = SyncSimulator(root / "folders", list(NAMES), seed=seed, tool=tool, **sim)
        self.acked: list[tuple[str, str, Version, str]] = []  # table, id, version written, by which device
        self.notes: list[str] = []  # every entry's note as written (each is unique)
        self.counter = 0
        self.refused = 0
        self.app: JournalStore | None = None  # the first device's long-lived store, as the app keeps one

    def path(self, i: int) -> Path:
        return self.sim.folder(i) / "journal.json"

    @contextmanager
    def device(self, i: int) -> Iterator[None]:
        with on_device(DEVICES[i], self.root / "config" / NAMES[i]):
            yield

    # ------------------------------------------------------------------ writing

    def _ack(self, jf: Any, i: int, commits_before: int) -> None:
        """Remember what the commits a store just made wrote (as their log lines have them)."""
        for _seq, ops, extra in jf.history_log[commits_before:]:
            for (kind, table, rid, doc), when in zip(ops, op_stamps(ops, extra), strict=True):
                v: Version = (when or stamp_of(doc["updated"]), PUT, doc) if kind == "put" else (when, DEL, None)
                self.acked.append((table, rid, v, DEVICES[i]))

    def _note(self, i: int) -> str:
        self.counter += 1
        note = f"{NAMES[i]} note {self.counter}"
        self.notes.append(note)
        return note

    def act(self, i: int) -> None:
        """One random thing done on device ``i``."""
        with self.device(i):
            roll = self.rng.random()
            try:
                if roll < 0.35:
                    self._capture(i)
                elif self.app is not None and i == 0:
                    self._with(self.app, i, refresh=True)
                else:
                    with JournalStore(self.path(i)) as store:
                        self._with(store, i)
            except (ValidationError, UndoRefused):
                self.refused += 1

    def _capture(self, i: int) -> None:
        if self.app is not None and i == 0:
            self.app.refresh()
        people = self._people(i)
        if not people:
            with JournalStore(self.path(i)) as store:
                before = len(store.file.history_log)
                store.add_contact(Contact(f"Person {self.counter} of {NAMES[i]}"))
                self._ack(store.file, i, before)
            return
        who = self.rng.sample(people, min(len(people), self.rng.choice((1, 1, 2))))
        on = DAY0 + timedelta(days=self.rng.randrange(60))
        entry: Interaction | HelpfulAct = (HelpfulAct(who, on, self._note(i)) if self.rng.random() < 0.6
                                           else Interaction(who, on, note=self._note(i)))
        with open_capture(self.path(i)) as capture:
            before = len(capture.file.history_log)
            capture.add_many([entry])
            self._ack(capture.file, i, before)

    def _people(self, i: int) -> list[str]:
        with JournalStore(self.path(i), read_only=True) as store:
            return sorted(c.id for c in store.contacts())

    def _with(self, store: JournalStore, i: int, *, refresh: bool = False) -> None:
        if refresh:
            store.refresh()
        before = len(store.file.history_log)
        roll = self.rng.random()
        contacts = sorted(c.id for c in store.contacts())
        acts = sorted(store.entry_ids()["acts"])
        if roll < 0.25 or not contacts:
            store.add_contact(Contact(f"Person {self.counter} of {NAMES[i]}", cadence_days=self.rng.choice((None, 7))))
            self.counter += 1
        elif roll < 0.45:
            c = store.get_contact(self.rng.choice(contacts))
            store.update_contact(replace(c, notes=f"edited on {NAMES[i]} {self.counter}"))
            self.counter += 1
        elif roll < 0.6 and acts:
            a = store.get_act(self.rng.choice(acts))
            store.update_act(replace(a, outcome=f"outcome on {NAMES[i]} {self.counter}"))
            self.counter += 1
        elif roll < 0.72 and acts:
            store.delete_act(self.rng.choice(acts))
        elif roll < 0.77:
            store.delete_contact(self.rng.choice(contacts))
        elif roll < 0.85:
            store.undo()
        elif roll < 0.92:
            store.compact()
        else:
            store.add_act(HelpfulAct([self.rng.choice(contacts)], DAY0, self._note(i)))
        self._ack(store.file, i, before)

    # ------------------------------------------------------------------ running

    def begin(self) -> None:
        """The journal begun on the first device, and synced to the others before they write."""
        with self.device(0), JournalStore(self.path(0)) as store:
            before = len(store.file.history_log)
            store.add_contact(Contact("First person"))
            self._ack(store.file, 0, before)
        self.sim.sync_all()

    def run(self, steps: int, *, app: bool = True) -> None:
        """``steps`` ticks of the sync tool, each with a few devices doing something."""
        if app:
            with self.device(0):
                self.app = JournalStore(self.path(0))
        try:
            for _ in range(steps):
                for i in range(3):
                    if self.rng.random() < 0.5:
                        self.act(i)
                self._remember_or_set_aside()
                self.sim.step()
        finally:
            if self.app is not None:
                with self.device(0):
                    self.app.close()
                self.app = None

    def _remember_or_set_aside(self) -> None:
        """Keep a version of a journal file now and then; now and then put an older one beside the
        file under a conflict copy's name, as a sync tool does when it sets a version aside."""
        i = self.rng.randrange(3)
        files = [p for p in self.sim.files(i) if "/" not in p and p.startswith("journal.json")
                 and parse_conflict_name(p) is None]
        if files and self.rng.random() < 0.3:
            name = self.rng.choice(files)
            data = self.sim.read(i, name)
            if data is not None:
                self.past.append((name, data))
        if self.past and self.rng.random() < self.copy_chance:
            name, data = self.rng.choice(self.past)
            copy = (syncthing_conflict_name(name, self.sim.now, self.sim.short_id(i)) if self.tool == "syncthing"
                    else dropbox_conflict_name(name, self.sim.now.date(), NAMES[i], self.copies_made))
            self.sim.write(i, copy, data)
            self.copies_made += 1

    def settle(self, rounds: int = 8) -> None:
        """Sync everything, then open the journal on each device (folding in copies) until nothing changes."""
        for _ in range(rounds):
            self.sim.sync_all()
            before = [self.sim.files(i) for i in range(3)]
            for i in range(3):
                with self.device(i), JournalStore(self.path(i)):
                    pass
            self.sim.sync_all()
            if [self.sim.files(i) for i in range(3)] == before and not self.copies():
                return

    def copies(self) -> list[str]:
        return [p for i in range(3) for p in self.sim.files(i) if "/" not in p and parse_conflict_name(p)]

    # ------------------------------------------------------------------ checking

    def final(self, i: int) -> tuple[dict[str, Any], Any]:
        """Device ``i``'s journal as it reads it: the tables, and the tombstones it keeps."""
        with self.device(i), JournalStore(self.path(i), read_only=True) as store:
            return store.export_tables(), store.file.marks

    def check(self) -> list[str]:
        """Everything wrong with the journal after :meth:`settle` (nothing, if all is well)."""
        problems: list[str] = []
        finals = [self.final(i) for i in range(3)]
        for i in (1, 2):
            if finals[i][0] != finals[0][0]:
                differ = [t for t in finals[0][0] if finals[i][0][t] != finals[0][0][t]]
                a, b = finals[0][0][differ[0]], finals[i][0][differ[0]]
                rid = next(r for r in sorted(set(a) | set(b)) if a.get(r) != b.get(r))
                problems.append(f"{NAMES[0]} and {NAMES[i]} hold different journals ({', '.join(differ)}; "
                                f"{rid}: {a.get(rid)} / {b.get(rid)})")
        tables, tombs = finals[0]
        latest: dict[tuple[str, str], tuple[Version, str]] = {}
        for table, rid, written, device in self.acked:
            best = latest.get((table, rid))
            if best is None or newer(written, best[0]):
                latest[(table, rid)] = (written, device)
        for (table, rid), (written, device) in sorted(latest.items()):
            now = version_of(tables, tombs, table, rid)
            if (now is None and written[1] == PUT) or (now is not None and newer(written, now)):
                problems.append(f"{table} {rid} as written on {device} ({written[0]}) is gone: now {now and now[:2]}")
        notes = [d.get("note", "") for t in ("acts", "interactions") for d in tables[t].values()]
        twice = sorted({n for n in notes if notes.count(n) > 1})
        if twice:
            problems.append(f"entries twice: {twice[:5]}")
        contacts = tables["contacts"]
        for t in ("acts", "interactions"):
            for rid, d in tables[t].items():
                if any(c not in contacts for c in d["contact_ids"]):
                    problems.append(f"{t} {rid} names someone who is not in the journal")
        if self.copies():
            problems.append(f"conflict copies left in place: {self.copies()[:5]}")
        for i in range(3):
            layout = JournalLayout(self.path(i))
            problems.extend(f"{NAMES[i]}: unreadable {c.path.name}" for c in layout.conflict_copies())
        return problems


def soak(runs: int, steps: int) -> int:
    failed = 0
    for seed in range(runs):
        for tool in ("syncthing", "dropbox"):
            with tempfile.TemporaryDirectory(prefix="smn-sync-soak-") as tmp:
                world = JournalWorld(Path(tmp), seed=seed, tool=tool, partition_chance=0.05, temp_chance=0.1,
                                     max_delay=6)
                world.run(steps)
                world.settle()
                problems = world.check()
                print(f"seed {seed} {tool}: {len(world.acked)} writes acknowledged, {world.refused} refused, "
                      f"{problems or 'OK'}", flush=True)
                failed += bool(problems)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--soak", type=int, default=5, metavar="RUNS", help="seeds to run (each with both tools)")
    parser.add_argument("--steps", type=int, default=400, help="sync steps per run")
    args = parser.parse_args(argv)
    return soak(args.soak, args.steps)


if __name__ == "__main__":
    sys.exit(main())
