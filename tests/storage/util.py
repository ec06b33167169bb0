"""Helpers for the storage tests: what a journal folder holds, byte for byte."""

from __future__ import annotations

import os
from pathlib import Path

from smn_tui.domain.models import Contact, HelpfulAct, Interaction

from ..seed import TODAY

#: Journals as older versions of smn wrote them.
FIXTURES = Path(__file__).with_name("fixtures")


def folder_state(folder: Path, *, mtimes: bool = False) -> dict[str, object]:
    """Every file under ``folder``: name -> bytes (and mtime), so any write shows up."""
    out: dict[str, object] = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            out[str(p.relative_to(folder))] = (data, p.stat().st_mtime_ns) if mtimes else data
    return out


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if ".tmp-" in p.name]


def small_journal(store, n: int = 5) -> list[Contact]:
    """A few contacts with acts and interactions, compacted, then one more act in the log."""
    people = [Contact(f"Person {i}", id=f"c{i:04d}") for i in range(n)]
    store.add_many(people)
    for i, c in enumerate(people):
        store.add_act(HelpfulAct([c.id], TODAY, f"helped {i}", id=f"a{i:04d}"))
        store.add_interaction(Interaction([c.id], TODAY, note=f"talked {i}", id=f"i{i:04d}"))
    store.compact()
    store.add_act(HelpfulAct([people[0].id], TODAY, "in the log", id="a-log"))
    return people


def fd_path(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


def log_commits(log_path: Path) -> list[dict]:
    """The commit lines of a change log (its first line names the log and is left out)."""
    import orjson

    if not log_path.exists():
        return []
    return [entry for entry in map(orjson.loads, log_path.read_bytes().splitlines()) if "seq" in entry]


def append_commit(journal: Path, ops: list) -> int:
    """Append a commit of raw ``ops`` as another smn would, without the store's checks; returns its seq."""
    from smn_tui.storage.journal_file import JournalFile

    jf = JournalFile(journal)
    jf.load(entries=False)

    def catch_up(_state: str) -> None:
        jf.load(entries=False)

    return jf.commit(ops, catch_up=catch_up)
