"""Conflict copy names, written out in full: the forms the sync tools use."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from .naming import (
    ConflictCopy,
    Tool,
    dropbox_conflict_name,
    go_ext,
    is_syncthing_conflict,
    parse_conflict_name,
    syncthing_conflict_name,
)

WHEN = datetime(2024, 3, 1, 9, 5, 7)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("notes.txt", "notes.sync-conflict-20240301-090507-ABCDEF2.txt"),
        ("journal.json.log", "journal.json.sync-conflict-20240301-090507-ABCDEF2.log"),
        ("README", "README.sync-conflict-20240301-090507-ABCDEF2"),
        (".hidden", ".sync-conflict-20240301-090507-ABCDEF2.hidden"),
        ("sub.d/journal", "sub.d/journal.sync-conflict-20240301-090507-ABCDEF2"),
        ("sub/archive.tar.gz", "sub/archive.tar.sync-conflict-20240301-090507-ABCDEF2.gz"),
    ],
)
def test_syncthing_splits_off_the_last_suffix_of_the_last_element(path: str, expected: str) -> None:
    assert syncthing_conflict_name(path, WHEN, "ABCDEF2") == expected
    assert parse_conflict_name(expected) == ConflictCopy(path, Tool.SYNCTHING, "20240301-090507", "ABCDEF2")
    assert is_syncthing_conflict(expected) and not is_syncthing_conflict(path)


@pytest.mark.parametrize(
    ("path", "number", "expected"),
    [
        ("notes.txt", 0, "notes (laptop's conflicted copy 2024-03-01).txt"),
        ("journal.json.log", 0, "journal.json (laptop's conflicted copy 2024-03-01).log"),
        ("README", 0, "README (laptop's conflicted copy 2024-03-01)"),
        ("sub/journal.json", 2, "sub/journal (laptop's conflicted copy 2024-03-01 (2)).json"),
    ],
)
def test_dropbox_names_the_copy_after_the_device_and_the_day(path: str, number: int, expected: str) -> None:
    assert dropbox_conflict_name(path, date(2024, 3, 1), "laptop", number) == expected
    assert parse_conflict_name(expected) == ConflictCopy(path, Tool.DROPBOX, "2024-03-01", "laptop", number)


def test_ordinary_names_are_not_conflict_copies() -> None:
    for name in ["journal.json", "journal.json.log", "sync-conflict.txt", "a (b).txt", "x.sync-conflict-1-2-3.txt"]:
        assert parse_conflict_name(name) is None


def test_go_ext_is_empty_without_a_dot_in_the_last_element() -> None:
    assert [go_ext(p) for p in ["a.b/c", "a/b.c", "a.", "a"]] == ["", ".c", ".", ""]
