"""How Syncthing and Dropbox name the copies they set aside when a file changed on two devices.

Syncthing (``lib/model/folder_sendrecv.go``, ``conflictName``): the extension is Go's
``filepath.Ext`` of the name, the suffix from the last dot of the last path element, so

- ``notes.txt`` -> ``notes.sync-conflict-20240301-090000-ABCDEF2.txt``
- ``journal.json.log`` -> ``journal.json.sync-conflict-20240301-090000-ABCDEF2.log``
- ``README`` -> ``README.sync-conflict-20240301-090000-ABCDEF2``
- ``.hidden`` -> ``.sync-conflict-20240301-090000-ABCDEF2.hidden`` (the whole name is the "extension")

The time is the local clock when the copy was made; the 7 characters are the start of the id of
the device whose change won (checked against Syncthing 1.19 in ``test_syncthing.py``). Syncthing
treats any name containing ``.sync-conflict-`` as a conflict copy.

Dropbox: ``NAME (DEVICE's conflicted copy YYYY-MM-DD).EXT``, named after the device whose
change was set aside, with the date the copy was made. A second copy of the same file by the
same device on the same day is numbered, ``NAME (DEVICE's conflicted copy YYYY-MM-DD (1)).EXT``.
The extension is split off by the same last-dot rule as Syncthing's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import PurePosixPath


class Tool(StrEnum):
    """The sync tool whose conflict-copy names are made or read."""

    SYNCTHING = "syncthing"
    DROPBOX = "dropbox"


SYNCTHING_MARK = ".sync-conflict-"

_SYNCTHING = re.compile(
    r"^(?P<stem>.*)\.sync-conflict-(?P<day>\d{8})-(?P<time>\d{6})-(?P<by>[A-Z2-7]{7})(?P<ext>\.[^.]*)?$"
)
_DROPBOX = re.compile(
    r"^(?P<stem>.*) \((?P<by>.+)'s conflicted copy (?P<day>\d{4}-\d{2}-\d{2})(?: \((?P<n>\d+)\))?\)(?P<ext>\.[^.]*)?$"
)


@dataclass(frozen=True)
class ConflictCopy:
    """What a conflict copy's name tells: the file it copies, the tool, when and by whom."""

    original: str
    tool: Tool
    when: str  # "20240301-090000" (Syncthing) or "2024-03-01" (Dropbox)
    by: str  # Syncthing: the winning device's 7-character id; Dropbox: the device set aside
    number: int = 0  # Dropbox's "(1)", "(2)" for further copies on the same day


def go_ext(path: str) -> str:
    """Go's ``filepath.Ext``: the suffix from the last dot of the last element, or ``""``."""
    name = PurePosixPath(path).name
    dot = name.rfind(".")
    return name[dot:] if dot >= 0 else ""


def syncthing_conflict_name(path: str, when: datetime, winner_short_id: str) -> str:
    """The name Syncthing gives the copy of ``path`` it sets aside at ``when``."""
    ext = go_ext(path)
    stem = path[: len(path) - len(ext)]
    return f"{stem}{when:.sync-conflict-%Y%m%d-%H%M%S-}{winner_short_id}{ext}"


def dropbox_conflict_name(path: str, when: date, device_name: str, number: int = 0) -> str:
    """The name Dropbox gives ``device_name``'s copy of ``path`` set aside on ``when``."""
    ext = go_ext(path)
    stem = path[: len(path) - len(ext)]
    counter = f" ({number})" if number else ""
    return f"{stem} ({device_name}'s conflicted copy {when:%Y-%m-%d}{counter}){ext}"


def parse_conflict_name(path: str) -> ConflictCopy | None:
    """Read a conflict copy's name; None when ``path`` is not named like one."""
    parent = PurePosixPath(path).parent
    name = PurePosixPath(path).name
    if found := _SYNCTHING.match(name):
        original = found["stem"] + (found["ext"] or "")
        when, by, tool, number = f"{found['day']}-{found['time']}", found["by"], Tool.SYNCTHING, 0
    elif found := _DROPBOX.match(name):
        original = found["stem"] + (found["ext"] or "")
        when, by, tool, number = found["day"], found["by"], Tool.DROPBOX, int(found["n"] or 0)
    else:
        return None
    if str(parent) != ".":
        original = f"{parent.as_posix()}/{original}"
    return ConflictCopy(original, tool, when, by, number)


def is_syncthing_conflict(path: str) -> bool:
    """Syncthing's own test: the last element contains ``.sync-conflict-``."""
    return SYNCTHING_MARK in PurePosixPath(path).name
