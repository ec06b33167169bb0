"""Many kinds of damage × every command: each refuses cleanly or works; never a traceback, never a silent loss.

Run with ``-s`` to see the figures (kinds × commands, refusals, tracebacks, losses).
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from smn_tui.cli import main
from smn_tui.domain.models import HelpfulAct, Interaction
from smn_tui.storage.store import JournalStore

from ...seed import TODAY
from ...storage.util import folder_state, small_journal

Damage = Callable[[Path], None]


def _log(j: Path) -> Path:
    return j.with_name("journal.json.log")


def _entries(j: Path) -> Path:
    return next(j.parent.glob("journal.json.entries-*"))


def _edit(path: Path, fn: Callable[[bytes], bytes]) -> None:
    path.write_bytes(fn(path.read_bytes()))


def _lines(path: Path, fn: Callable[[list[bytes]], list[bytes]]) -> None:
    path.write_bytes(b"".join(fn(path.read_bytes().splitlines(keepends=True))))


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


#: Damage that must be refused: no command that reads the journal may work on it.
DAMAGED: dict[str, Damage] = {
    "head empty": lambda j: j.write_bytes(b""),
    "head truncated": lambda j: _edit(j, lambda b: b[: len(b) // 2]),
    "head trailing garbage": lambda j: _edit(j, lambda b: b + b"}x"),
    "head NUL bytes": lambda j: _edit(j, lambda b: b[:20] + b"\0" * 8 + b[20:]),
    "head a list": lambda j: j.write_bytes(b"[1, 2]"),
    "head an empty object": lambda j: j.write_bytes(b"{}"),
    "head a name changed": lambda j: _edit(j, lambda b: b.replace(b"Person 3", b"Person 9")),
    "head header seq changed": lambda j: _edit(j, lambda b: b.replace(b'"seq":', b'"seq":1', 1)),
    "head missing": lambda j: j.unlink(),
    "head a FIFO": _fifo,
    "head a folder": lambda j: (j.unlink(), j.mkdir()),
    "entries missing": lambda j: _entries(j).unlink(),
    "entries truncated": lambda j: _edit(_entries(j), lambda b: b[:-10]),
    "entries byte changed": lambda j: _edit(_entries(j), lambda b: b.replace(b"helped 1", b"helped 7")),
    "entries a FIFO": lambda j: _fifo(_entries(j)),
    "log last line changed": lambda j: _edit(_log(j), lambda b: b.replace(b"in the log", b"in the lug")),
    "log middle line garbage": lambda j: _lines(_log(j), lambda ls: [ls[0], b"#garbage\n", *ls[1:]]),
    "log lines swapped": lambda j: _lines(_log(j), lambda ls: [ls[0], ls[2], ls[1], *ls[3:]]),
    "log line dropped": lambda j: _lines(_log(j), lambda ls: [ls[0], *ls[2:]]),
    "log seq digit": lambda j: _edit(_log(j), lambda b: b.replace(b'"seq":', b'"seq":9', 1)),
    "log from another journal": lambda j: _lines(_log(j), lambda ls: [b'{"log":"0123456789abcdef","base":0}\n',
                                                                      *ls[1:]]),
    "log a FIFO": lambda j: _fifo(_log(j)),
}

#: Damage that costs nothing: every command works, and doctor names it without calling the journal healthy.
BENIGN: dict[str, Damage] = {
    "log torn last line": lambda j: _edit(_log(j), lambda b: b + b'{"seq": 99, "ops": [["put"'),
    "names index garbage": lambda j: j.with_name("journal.json.names").write_bytes(b"\0garbage"),
    "names index a name changed": lambda j: _edit(j.with_name("journal.json.names"),
                                                  lambda b: b.replace(b"Person 2", b"Person 8")),
    "backup changed": lambda j: _edit(next((j.parent / "backups").iterdir()),
                                      lambda b: b.replace(b"Person 1", b"Person 6")),
    "stale temp file": lambda j: j.with_name(".journal.json.tmp-999999-1").write_bytes(b"half"),
}

COMMANDS: dict[str, list[str]] = {
    "due": ["due"],
    "week": ["week"],
    "week json": ["week", "--format", "json"],
    "export json": ["export", "json"],
    "export csv": ["export", "csv", "--out", "{out}/csv"],
    "export vcard": ["export", "vcard"],
    "export md": ["export", "md"],
    "doctor": ["doctor"],
    "restore list": ["restore", "--list"],
    "migrate": ["migrate"],
    "helped": ["helped", "Person 1", "matrix act"],
    "log": ["log", "Person 1", "matrix talk"],
    "contact add": ["contact", "add", "Matrix Person"],
    "import dry run": ["import", "json", "{out}/import.json", "--dry-run"],
    "import": ["import", "json", "{out}/import.json"],
}
#: Commands that never read the journal's records.
NOT_READING = {"restore list"}
#: Commands that need only the contacts: they may work while the entries file is damaged in place
#: (same size; its checksum is checked whenever entries are read), as long as nothing is lost.
ENTRIES_BLIND = {"export vcard", "migrate", "log", "helped", "contact add"}
SAME_SIZE_ENTRIES_DAMAGE = {"entries byte changed"}
#: What each write command adds, to find it afterwards.
WRITES = {"helped": ("acts", "matrix act"), "log": ("interactions", "matrix talk"),
          "contact add": ("contacts", "Matrix Person"), "import": ("contacts", "Imported Person")}

FIGURES = {"cells": 0, "refusals": 0, "tracebacks": 0, "losses": 0}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("matrix") / "journal"
    journal = folder / "journal.json"
    with JournalStore(journal) as s:
        small_journal(s)
        s.add_interaction(Interaction(["c0001"], TODAY, note="second in the log", id="i-log"))
        s.add_act(HelpfulAct(["c0002"], TODAY, "third in the log", id="a-log-2"))
        s.backup_if_due()
    export = folder.parent / "import.json"
    export.write_bytes(orjson.dumps({
        "smn_export": {"format": "smn-journal", "schema": 2},
        "contacts": {"c-imp": {"id": "c-imp", "name": "Imported Person", "created": "2026-01-01T00:00:00+00:00",
                               "updated": "2026-01-01T00:00:00+00:00"}},
        "interactions": {}, "acts": {}, "audits": {}}))
    return folder


def records(journal: Path) -> set[tuple[str, str]]:
    with JournalStore(journal, read_only=True) as s:
        tables = s.export_tables()
    return {(name, rid) for name, t in tables.items() for rid in t}


def run(cmd: list[str], journal: Path, out_dir: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    args = [w.replace("{out}", str(out_dir)) for w in cmd]
    code = main([*args, "--db", str(journal)], today=TODAY, out=out, err=err)
    return code, out.getvalue() + err.getvalue()


def state(folder: Path) -> dict[str, object]:
    return {k: v for k, v in folder_state(folder).items() if not k.endswith(".lock") and not k.startswith("backups/")}


def _fresh(base: Path, tmp_path: Path, damage: Damage) -> Path:
    folder = tmp_path / "journal"
    shutil.copytree(base, folder)
    shutil.copy(base.parent / "import.json", tmp_path / "import.json")
    damage(folder / "journal.json")
    return folder / "journal.json"


@pytest.mark.parametrize("kind", list(DAMAGED))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_damage_is_refused_by_every_command(base, tmp_path, kind, command):
    journal = _fresh(base, tmp_path, DAMAGED[kind])
    before = state(journal.parent)
    code, text = run(COMMANDS[command], journal, tmp_path)
    FIGURES["cells"] += 1
    FIGURES["tracebacks"] += "Traceback" in text
    assert "Traceback" not in text and code in (0, 1), text
    if command in NOT_READING:
        return
    if code == 0 and command in ENTRIES_BLIND and kind in SAME_SIZE_ENTRIES_DAMAGE:
        after = state(journal.parent)
        log = "journal.json.log"
        kept = all(after.get(k) == v for k, v in before.items() if k != log and not k.endswith(".names"))
        old_log, new_log = before.get(log, b""), after.get(log, b"")
        appended = isinstance(new_log, bytes) and isinstance(old_log, bytes) and new_log.startswith(old_log)
        FIGURES["losses"] += not (kept and appended)
        assert kept and appended, "a command that worked beside damaged entries changed what was there"
        return
    assert code == 1, f"{command} worked on a damaged journal ({kind}): {text}"
    FIGURES["refusals"] += 1
    if command == "doctor":
        assert "healthy" not in text and "usable" not in text
    changed = state(journal.parent) != before
    FIGURES["losses"] += changed
    assert not changed, "a refused command changed the journal's files"


@pytest.mark.parametrize("kind", list(BENIGN))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_harmless_damage_costs_nothing(base, tmp_path, kind, command):
    journal = _fresh(base, tmp_path, BENIGN[kind])
    had = records(base / "journal.json")
    code, text = run(COMMANDS[command], journal, tmp_path)
    FIGURES["cells"] += 1
    FIGURES["tracebacks"] += "Traceback" in text
    assert "Traceback" not in text and code == 0, text
    if command == "doctor":
        assert "healthy" not in text, text
    now = records(journal)
    lost = had - now
    FIGURES["losses"] += bool(lost)
    assert not lost, f"{command} on a journal with '{kind}' lost {sorted(lost)}"
    if command in WRITES:
        table, text_of = WRITES[command]
        with JournalStore(journal, read_only=True) as s:
            docs = s.export_tables()[table].values()
        assert any(text_of in (d.get("name") or d.get("note") or "") for d in docs)


def test_zz_report_the_figures(capsys):
    """Prints the matrix's figures (with -s); the cells above fail on their own."""
    cells = len(COMMANDS) * (len(DAMAGED) + len(BENIGN))
    with capsys.disabled():
        print(f"\ncorrupt-file matrix: {len(DAMAGED) + len(BENIGN)} kinds x {len(COMMANDS)} commands = {cells} "
              f"cells; this run: {FIGURES}")
    assert FIGURES["tracebacks"] == 0 and FIGURES["losses"] == 0
