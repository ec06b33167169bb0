"""One device's synced folder as a sync tool sees it: its files, its temporary files, renames.

Paths are relative POSIX paths inside the folder. The tool's own files (Syncthing:
``.syncthing.NAME.tmp`` next to the file, ``.stfolder``, ``.stignore`` and ``.stversions`` at
the top; Dropbox: ``.dropbox.cache/`` at the top)
are never listed as synced files, nor files matching the ignore patterns; symbolic links are
ignored.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from .naming import Tool, parse_conflict_name

DROPBOX_CACHE = ".dropbox.cache"
SYNCTHING_OWN = (".stfolder", ".stversions", ".stignore")
"""Top-level names in a Syncthing folder that are Syncthing's own and never synced."""


class SyncedFolder:
    """A device's folder on disk, read and written the way ``tool`` does."""

    def __init__(self, path: Path, tool: Tool, ignore: Sequence[str] = ()) -> None:
        self.path = path
        self.tool = tool
        self.ignore = tuple(ignore)
        self._top = str(path)
        self._own = SYNCTHING_OWN if tool is Tool.SYNCTHING else (DROPBOX_CACHE,)
        path.mkdir(parents=True, exist_ok=True)

    def ignored(self, rel: str) -> bool:
        """Matched by an ignore pattern: one without ``/`` matches the name in any folder (as in
        ``.stignore``), one with ``/`` the whole relative path."""
        name = rel.rsplit("/", 1)[-1]
        return any(fnmatchcase(rel if "/" in p else name, p) for p in self.ignore)

    def listing(self) -> list[str]:
        """The synced files, sorted: regular files, neither the tool's temporary ones nor ignored."""
        found: list[str] = []
        pending = [("", self._top)]
        while pending:
            rel, full = pending.pop()
            with os.scandir(full) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        if not (rel == "" and entry.name in self._own):
                            pending.append((f"{rel}{entry.name}/", entry.path))
                    elif entry.is_file(follow_symlinks=False) and self._synced(rel + entry.name):
                        found.append(rel + entry.name)
        return sorted(found)

    def _synced(self, rel: str) -> bool:
        if rel in self._own or is_temp(rel.rsplit("/", 1)[-1]):
            return False
        return not (self.ignore and self.ignored(rel))

    def files(self) -> dict[str, bytes]:
        return {rel: data for rel in self.listing() if (data := self.read(rel)) is not None}

    def read(self, rel: str) -> bytes | None:
        """A regular file's bytes; None when there is none (missing, a directory, a link)."""
        full = os.path.join(self._top, rel)
        try:
            if os.path.islink(full):
                return None
            with open(full, "rb") as file:
                return file.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def exists(self, rel: str) -> bool:
        return os.path.lexists(os.path.join(self._top, rel))

    def put(self, rel: str, data: bytes) -> None:
        """Write ``data`` to a temporary file and rename it over ``rel``: readers see old or new."""
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = self.temp_path(rel)
        temp.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data)
        os.replace(temp, target)

    def put_partial(self, rel: str, data: bytes) -> Path:
        """Leave the first half of ``data`` in ``rel``'s temporary file, as a transfer under way."""
        temp = self.temp_path(rel)
        temp.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data[: len(data) // 2])
        return temp

    def remove(self, rel: str) -> None:
        (self.path / rel).unlink(missing_ok=True)

    def rename(self, rel: str, new_rel: str) -> None:
        """Rename within the folder. The inode moves along, so open handles follow the file."""
        os.replace(self.path / rel, self.path / new_rel)

    def temp_path(self, rel: str) -> Path:
        if self.tool is Tool.SYNCTHING:
            pure = PurePosixPath(rel)
            return self.path / pure.parent / f".syncthing.{pure.name}.tmp"
        return self.path / DROPBOX_CACHE / f"{hashlib.sha256(rel.encode()).hexdigest()[:16]}.tmp"

    def syncthing_copies_of(self, rel: str) -> list[str]:
        """The Syncthing conflict copies of ``rel`` in the folder, sorted by name."""
        copies = []
        for name in self.listing():
            parsed = parse_conflict_name(name)
            if parsed is not None and parsed.tool is Tool.SYNCTHING and parsed.original == rel:
                copies.append(name)
        return copies


def is_temp(name: str) -> bool:
    """A Syncthing temporary file's name (Dropbox keeps its own out of sight)."""
    return name.startswith(".syncthing.") and name.endswith(".tmp")
