"""Benchmark figures beyond the main run: the encrypted journal, and how the figures grow with size.

Used by ``tests/bench.py`` (which runs the encryption figures in its main run, and ``--scale``).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from smn_tui.domain.dates import week_of
from smn_tui.storage.crypt import switch_codec
from smn_tui.storage.journal_file import JournalFile
from smn_tui.storage.keys import make_identity
from smn_tui.storage.store import JournalStore


def encryption_figures(path: Path, workdir: Path, *, today, helped: Callable[[Path, dict[str, str]], float],
                       act: Callable[[str, int], object], runs: int = 5) -> dict[str, float]:
    """``enc_open_ratio``, ``enc_cli_ratio`` and ``enc_commit_ms``: the encrypted copy of the journal at
    ``path`` against the plain one, measured interleaved so a noisy moment hits both."""
    enc = workdir / "encrypted" / path.name
    shutil.copytree(path.parent, enc.parent, ignore=shutil.ignore_patterns("backups", "*.lock"))
    identity = workdir / "identity.txt"
    codec = make_identity(identity)
    switch_codec(JournalFile(enc, keys=lambda: codec), codec)
    env = {"SMN_IDENTITY": str(identity)}
    old = os.environ.get("SMN_IDENTITY")
    os.environ["SMN_IDENTITY"] = str(identity)
    try:
        wk = week_of(today, "monday")

        def open_ms(p: Path) -> float:
            t0 = time.perf_counter()
            s = JournalStore(p)
            s.acts_in(wk)
            ms = (time.perf_counter() - t0) * 1000
            s.close()
            return ms

        plain_open, enc_open, plain_cli, enc_cli = [], [], [], []
        for _ in range(runs):
            plain_open.append(open_ms(path))
            enc_open.append(open_ms(enc))
            plain_cli.append(helped(path, {}))
            enc_cli.append(helped(enc, env))
        with JournalStore(enc) as s:
            cid = next(iter(s.contact_names()))
            commits = []
            for n in range(30):
                t0 = time.perf_counter()
                s.add_act(act(cid, 50_000 + n))
                commits.append((time.perf_counter() - t0) * 1000)
    finally:
        if old is None:
            os.environ.pop("SMN_IDENTITY", None)
        else:
            os.environ["SMN_IDENTITY"] = old
    out = {
        "enc_open_ms": statistics.median(enc_open),
        "enc_open_plain_ms": statistics.median(plain_open),
        "enc_cli_helped_ms": statistics.median(enc_cli),
        "enc_cli_helped_plain_ms": statistics.median(plain_cli),
        "enc_commit_ms": statistics.median(commits),
    }
    out["enc_open_ratio"] = out["enc_open_ms"] / out["enc_open_plain_ms"]
    out["enc_cli_ratio"] = out["enc_cli_helped_ms"] / out["enc_cli_helped_plain_ms"]
    return out


SCALE_ENTRIES = (10_000, 100_000, 300_000)
SCALE_KEYS = ("open_ms", "week_query_ms", "commit_act_ms", "store_peak_rss_mb", "cli_helped_ms",
              "app_ready_ms", "app_settle_ms", "peak_rss_mb")


def scale(run: Callable[[int, int], dict[str, float | int]], contacts: int = 30_000) -> str:
    """The storage, shell and app figures at 10,000, 100,000 and 300,000 entries, side by side,
    with how each grows from one size to the next."""
    results = [run(contacts, n) for n in SCALE_ENTRIES]
    lines = [f"{'figure':<22}" + "".join(f"{n:>14,}" for n in SCALE_ENTRIES) + "   growth per step"]
    for key in SCALE_KEYS:
        values = [float(r.get(key, 0) or 0) for r in results]
        growth = " ".join(f"x{b / a:.2f}" if a else "-" for a, b in pairwise(values))
        lines.append(f"{key:<22}" + "".join(f"{v:>14.1f}" for v in values) + f"   {growth}")
    return "\n".join(lines)


def helped_process(env_base: dict[str, str] | None, root: Path, name: str) -> Callable[[Path, dict[str, str]], float]:
    """A timer of one ``smn helped`` process on a journal, with extra environment variables."""
    counter = iter(range(10**9))

    def helped(path: Path, extra: dict[str, str]) -> float:
        env = {**(env_base or os.environ), **extra}
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "smn_tui", "helped", name, f"Sent the notes ({next(counter)})",
                        "--db", str(path)], cwd=root, check=True, capture_output=True, env=env)
        return (time.perf_counter() - t0) * 1000

    return helped
