"""Copies of journal files that a sync tool set aside are found, folded in and moved to the backups.

A copy holds another version of a head, an entries file or a change log; what in it wins by the
last-writer rule is committed as a change of this device first, and only then is the copy moved,
with a notice (a warning line from the command line, a notification in the app).
"""

from __future__ import annotations

import io
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from smn_tui.cli import main
from smn_tui.domain.models import Contact, HelpfulAct
from smn_tui.storage.store import JournalStore
from smn_tui.storage.sync.layout import JournalLayout, conflict_original

from ...seed import TODAY
from ...storage.crash import every_crash_point
from .naming import dropbox_conflict_name, syncthing_conflict_name

WHEN = datetime(2026, 11, 24, 18, 30, 5)


def annex_name(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.variant-c696.{ext}" if dot else f"{name}.variant-c696"


NAMING = {
    "syncthing": lambda name: syncthing_conflict_name(name, WHEN, "ABCDEF2"),
    "dropbox": lambda name: dropbox_conflict_name(name, WHEN.date(), "laptop"),
    "git-annex": annex_name,
}


@pytest.mark.parametrize("name", ["journal.json", "journal.json.log", "journal.json.entries-3",
                                  "journal.json.d-DESKTOP2.log", "journal.json.names"])
@pytest.mark.parametrize("tool", list(NAMING))
def test_every_tools_names_are_read_back(name: str, tool: str, tmp_path: Path) -> None:
    copy = NAMING[tool](name)
    assert conflict_original(copy) is not None and conflict_original(copy)[0] == name
    (tmp_path / copy).write_bytes(b"x")
    (tmp_path / "journal.json").write_bytes(b"x")
    found = JournalLayout(tmp_path / "journal.json").conflict_copies()
    assert [(c.original, c.kind) for c in found] == [
        (name, {"": "head", ".log": "log", ".names": "other"}.get(name.removeprefix("journal.json")
                                                               .removeprefix(".d-DESKTOP2"), "entries"))]


def _journal_with(journal: Path, *, notes: list[str]) -> None:
    with JournalStore(journal) as s:
        ada = s.add_contact(Contact("Ada Lovelace", id="c-ada"))
        for i, note in enumerate(notes):
            s.add_act(HelpfulAct([ada.id], TODAY, note, id=f"a-{i}"))


def _set_aside_version(journal: Path, tmp_path: Path, part: str, change) -> bytes:  # type: ignore[no-untyped-def]
    """Another version of one of the journal's files: the journal as it is, changed by ``change``
    elsewhere (a copy of the folder), then ``part`` of it."""
    other = tmp_path / "elsewhere"
    shutil.copytree(journal.parent, other)
    with JournalStore(other / journal.name) as s:
        change(s)
        if part != "journal.json.log":
            s.compact()
    if part.startswith("journal.json.entries-"):
        part = max((p.name for p in other.glob("journal.json.entries-*")), key=lambda n: int(n.rsplit("-", 1)[1]))
    return (other / part).read_bytes()


@pytest.mark.parametrize("tool", list(NAMING))
@pytest.mark.parametrize("part", ["journal.json.log", "journal.json", "journal.json.entries-"])
def test_a_copy_holding_changes_found_nowhere_else_is_folded_in_and_moved(journal_path: Path, tmp_path: Path,
                                                                         tool: str, part: str) -> None:
    _journal_with(journal_path, notes=["kept"])
    record = (lambda s: s.add_act(HelpfulAct(["c-ada"], TODAY, "only in the copy", id="a-copy"))) \
        if part != "journal.json" else (lambda s: s.add_contact(Contact("Grace Hopper", id="c-grace")))
    data = _set_aside_version(journal_path, tmp_path, part, record)
    name = NAMING[tool](part if not part.endswith("-") else "journal.json.entries-9")
    (journal_path.parent / name).write_bytes(data)

    out, err = io.StringIO(), io.StringIO()
    assert main(["due", "--db", str(journal_path)], today=TODAY, out=out, err=err) == 0  # reads: folds nothing for good
    assert (journal_path.parent / name).exists()
    assert main(["log", "Ada", "Coffee", "--db", str(journal_path)], today=TODAY, out=out, err=err) == 0
    assert f"smn: warning: Folded in 1 change(s) from {name}" in err.getvalue()
    assert not (journal_path.parent / name).exists()
    assert (journal_path.parent / "backups" / name).read_bytes() == data
    with JournalStore(journal_path, read_only=True) as s:
        if part == "journal.json":
            assert s.get_contact("c-grace").name == "Grace Hopper"
        else:
            assert sorted(a.note for a in s.acts_for("c-ada")) == ["kept", "only in the copy"]
        assert [i.note for i in s.interactions_for("c-ada")] == ["Coffee"]
        assert s.warnings == []


def test_a_copy_of_an_older_version_brings_nothing_back(journal_path: Path, tmp_path: Path) -> None:
    _journal_with(journal_path, notes=["first", "second"])
    old = journal_path.with_name("journal.json.log").read_bytes()
    with JournalStore(journal_path) as s:
        s.delete_act("a-0")
        s.update_act(HelpfulAct(["c-ada"], TODAY, "second, edited", id="a-1", created=s.get_act("a-1").created))
    name = NAMING["syncthing"]("journal.json.log")
    journal_path.with_name(name).write_bytes(old)
    with JournalStore(journal_path) as s:
        assert [a.note for a in s.acts_for("c-ada")] == ["second, edited"]
        assert any(f"Folded in 0 change(s) from {name}" in w for w in s.warnings)
    assert not journal_path.with_name(name).exists()


def test_a_copy_that_cannot_be_read_is_moved_aside_with_a_warning(journal_path: Path) -> None:
    _journal_with(journal_path, notes=["kept"])
    name = NAMING["dropbox"]("journal.json")
    journal_path.with_name(name).write_bytes(b'{"contacts": {"broken')
    with JournalStore(journal_path) as s:
        assert [a.note for a in s.acts_for("c-ada")] == ["kept"]
        assert any(name in w and "could not be read" in w for w in s.warnings)
    assert (journal_path.parent / "backups" / name).exists()


def test_folding_a_copy_in_survives_a_crash_at_any_point(journal_path: Path, tmp_path: Path) -> None:
    _journal_with(journal_path, notes=["kept"])
    data = _set_aside_version(journal_path, tmp_path, "journal.json.log",
                              lambda s: s.add_act(HelpfulAct(["c-ada"], TODAY, "only in the copy", id="a-copy")))
    name = NAMING["syncthing"]("journal.json.log")
    journal_path.with_name(name).write_bytes(data)

    def fold(folder: Path) -> None:
        JournalStore(folder / journal_path.name).close()

    def check(folder: Path, completed: bool) -> None:
        with JournalStore(folder / journal_path.name) as s:  # opening again finishes the job
            assert sorted(a.note for a in s.acts_for("c-ada")) == ["kept", "only in the copy"]
        assert not (folder / name).exists() and (folder / "backups" / name).read_bytes() == data

    points = every_crash_point(journal_path.parent, fold, check, work=tmp_path / "crash")
    assert points > 5
