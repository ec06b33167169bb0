"""Crash points: stop an operation at its n-th change to the disk, as a kill at that moment would.

:func:`crash_at` makes the n-th file-system change under a folder (an
``os.open`` that creates or writes, a write, fsync, rename, link, unlink,
truncate or mkdir) raise :class:`Crash` instead of happening; a write can also
be torn (half of it written first). :class:`Crash` is a ``BaseException``, so
the code under test cannot catch it as an ``OSError`` and tidy up: what is on
disk afterwards is exactly what a SIGKILL at that point leaves.
:func:`every_crash_point` runs an operation once per point until it completes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .util import fd_path

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class Crash(BaseException):
    """The process 'died' here."""


@contextmanager
def crash_at(n: int, folder: Path, *, torn: bool = False) -> Iterator[list[str]]:
    """Within the block, the ``n``-th change to a file under ``folder`` crashes; yields the changes seen."""
    root = os.path.join(str(folder), "")
    seen: list[str] = []
    mp = pytest.MonkeyPatch()

    def hit(kind: str, path: str) -> bool:
        if not str(path).startswith(root) and str(path) != root.rstrip("/"):
            return False
        seen.append(f"{kind} {os.path.basename(str(path))}")
        return len(seen) == n

    def wrap(name: str, path_of: Callable[..., str]) -> None:
        real = getattr(os, name)

        def fake(*a, **k):
            if hit(name, path_of(*a)):
                raise Crash(seen[-1])
            return real(*a, **k)

        mp.setattr(os, name, fake)

    real_write, real_open = os.write, os.open

    def fake_write(fd, data):
        if hit("write", fd_path(fd)):
            if torn and len(data) > 1:
                real_write(fd, bytes(memoryview(data)[: len(data) // 2]))
            raise Crash(seen[-1])
        return real_write(fd, data)

    def fake_open(path, flags, *a, **k):
        if flags & WRITE_FLAGS and not str(path).endswith(".lock") and hit("open", str(path)):
            raise Crash(seen[-1])
        return real_open(path, flags, *a, **k)

    mp.setattr(os, "write", fake_write)
    mp.setattr(os, "open", fake_open)
    wrap("fsync", lambda fd: fd_path(fd))
    wrap("ftruncate", lambda fd, *_: fd_path(fd))
    for name in ("replace", "rename", "link"):
        wrap(name, lambda src, dst, *_: str(dst))
    for name in ("unlink", "remove", "mkdir", "rmdir"):
        wrap(name, lambda p, *_: str(p))
    try:
        yield seen
    finally:
        mp.undo()


def _dead_pid() -> int:
    """A process id that no process has now (as the killed writer's would be)."""
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except OSError:
            pass
        pid += 1


def _bury(folder: Path) -> None:
    """The 'killed' writer was this very process: temp files it left get a dead process's id, as a
    real kill would leave them, so later writers know they are stale."""
    mine = f".tmp-{os.getpid()}-"
    dead = f".tmp-{_dead_pid()}-"
    for p in folder.rglob(f"*{mine}*"):
        p.rename(p.with_name(p.name.replace(mine, dead)))
    for p in folder.rglob(f"*.tmp-old-{os.getpid()}-*"):
        p.rename(p.with_name(p.name.replace(f".tmp-old-{os.getpid()}-", f".tmp-old-{_dead_pid()}-")))


def every_crash_point(base: Path, action: Callable[[Path], object], check: Callable[[Path, bool], None],
                      *, work: Path, torn: bool = False, limit: int = 400) -> int:
    """Run ``action`` on a fresh copy of the folder ``base`` once for every crash point, then once whole.

    ``check(folder, completed)`` judges each copy afterwards. Returns the number of crash points.
    """
    for n in range(1, limit):
        folder = work / f"point-{n}"
        shutil.copytree(base, folder, symlinks=True)
        completed = True
        with crash_at(n, folder, torn=torn):
            try:
                action(folder)
            except Crash:
                completed = False
        if not completed:
            _bury(folder)
        check(folder, completed)
        if completed:
            return n - 1
    raise AssertionError(f"the operation did not complete within {limit} crash points")
