"""SIGKILL a writer at random moments; every acknowledged record must survive, nothing half-present.

Soak mode (many more kills): ``python -m tests.functional.storage.test_kill --soak 200``.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from smn_tui.domain.models import Contact, HelpfulAct
from smn_tui.storage.store import JournalStore

from ...storage import kill_writer
from ...storage.kill_writer import DAY0, note_for

WRITER = Path(kill_writer.__file__)


def seed_base(path: Path, n_contacts: int = 200, n_acts: int = 3000) -> None:
    """Enough data that a compaction or backup takes a while, so kills land inside them."""
    rng = random.Random(0)
    with JournalStore(path) as s:
        contacts = [Contact(f"Base {i}", notes="n" * rng.randint(20, 200), id=f"b{i:08d}") for i in range(n_contacts)]
        acts = [HelpfulAct([rng.choice(contacts).id], DAY0, "base act " + "y" * rng.randint(20, 200),
                           id=f"ba{i:08d}") for i in range(n_acts)]
        s.add_many([*contacts, *acts])
        s.compact()


def one_kill(path: Path, seed: int, rng: random.Random) -> tuple[list[list[str]], list[list[str]]]:
    """Start the writer, kill it after a random delay; return (acknowledged, attempted-not-acknowledged)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen([sys.executable, str(WRITER), str(path), str(seed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    time.sleep(rng.uniform(0.25, 0.9))
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate()
    assert proc.returncode == -signal.SIGKILL, f"writer ended by itself ({proc.returncode}): {err.decode()[-2000:]}"
    acked, tried = [], []
    for line in out.decode().splitlines():
        words = line.split()
        if len(words) < 3:
            continue  # a line cut by the kill
        if words[0] == "ok":
            acked.append(words[1:])
        elif words[0] == "try":
            tried.append(words[1:])
    acked_keys = {tuple(a) for a in acked}
    pending = [t for t in tried if tuple(t) not in acked_keys]
    return acked, pending


def check(path: Path, acked: list[list[str]], pending: list[list[str]]) -> None:
    s = JournalStore(path)
    try:
        contacts = dict(s.contact_docs())

        def has_act(rid: str) -> bool:
            try:
                a = s.get_act(rid)
            except Exception:
                return False
            assert a.note == note_for(rid), f"act {rid} is damaged: {a.note!r}"
            return True

        def has_contact(cid: str) -> bool:
            return cid in contacts

        for kind, *ids in acked:
            if kind == "contact":
                assert has_contact(ids[0]), f"acknowledged contact {ids[0]} lost"
            elif kind == "act":
                assert has_act(ids[0]), f"acknowledged act {ids[0]} lost"
            else:
                assert has_contact(ids[0]) and has_act(ids[1]), f"acknowledged pair {ids} lost"
        for kind, *ids in pending:
            if kind == "pair":
                assert has_contact(ids[0]) == has_act(ids[1]), f"pair {ids} is half-present"
            elif kind == "act":
                has_act(ids[0])  # may or may not be there, but never damaged
        for doc in s.acts_by_ids(s.all_act_ids_newest_first()):
            assert all(c in contacts for c in doc.contact_ids), f"act {doc.id} refers to a missing contact"
    finally:
        s.close()


def run_kills(folder: Path, kills: int, seed: int, *, budget_s: float | None = None,
              stats: dict[str, int] | None = None, encrypted: bool = False) -> int:
    path = folder / "journal" / "journal.json"
    if encrypted:  # the writers find the identity in SMN_IDENTITY, as a user's shell would
        from ...storage.encrypted import encrypt

        encrypt(path, folder / "identity.txt")
        os.environ["SMN_IDENTITY"] = str(folder / "identity.txt")
    seed_base(path)
    rng = random.Random(seed)
    all_acked: list[list[str]] = []
    started = time.monotonic()
    done = 0
    for i in range(kills):
        if budget_s is not None and time.monotonic() - started > budget_s:
            break
        temps = set(path.parent.rglob("*.tmp-*"))
        acked, pending = one_kill(path, seed * 1000 + i, rng)
        if stats is not None:
            stats["acknowledged"] = stats.get("acknowledged", 0) + len(acked)
            # A new temp file left behind means the kill landed inside a compaction or a backup.
            if set(path.parent.rglob("*.tmp-*")) - temps:
                stats["mid_write"] = stats.get("mid_write", 0) + 1
        all_acked.extend(acked)
        check(path, all_acked, pending)
        done += 1
    # One last clean compaction: no temp files of dead writers survive it.
    with JournalStore(path) as s:
        s.add_contact(Contact("Last one"))
        s.compact()
    leftovers = [p.name for p in path.parent.rglob("*.tmp-*")]
    assert not leftovers, leftovers
    check(path, all_acked, [])
    return done


@pytest.mark.parametrize("kind", ["plain", "encrypted"])
def test_kill_writer_at_random_moments(tmp_path, monkeypatch, kind):
    monkeypatch.setenv("SMN_IDENTITY", "")  # run_kills sets it for an encrypted journal; undone after
    done = run_kills(tmp_path, kills=30 if kind == "plain" else 15, seed=20261125,
                     budget_s=30 if kind == "plain" else 15, encrypted=kind == "encrypted")
    assert done >= (20 if kind == "plain" else 10)
    if kind == "encrypted":
        assert (tmp_path / "journal" / "journal.json").read_bytes().startswith(b"age-encryption.org/v1")


def main() -> int:
    p = argparse.ArgumentParser(description="Kill a journal writer many times and check nothing was lost.")
    p.add_argument("--soak", type=int, default=200, metavar="KILLS")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--encrypted", action="store_true", help="soak an encrypted journal")
    args = p.parse_args()
    t0 = time.monotonic()
    stats: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="smn-soak-") as d:
        done = run_kills(Path(d), args.soak, args.seed, stats=stats, encrypted=args.encrypted)
    print(f"{done} kills ({stats.get('mid_write', 0)} inside a compaction or backup), "
          f"{stats.get('acknowledged', 0)} acknowledged writes all kept, nothing half-present "
          f"({time.monotonic() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
