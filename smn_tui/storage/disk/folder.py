"""Which files in a folder make up one journal, and whether they fit together.

A journal at ``journal.json`` owns ``journal.json`` (the head),
``journal.json.entries-G`` (snapshot generations), ``journal.json.log`` and
``journal.json.names``. Everything here reads only names and a log's first
line: what a folder holds, never what the records say.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Any

import orjson

from ..errors import HeadReplacedError, JournalCorruptError, StorageError, describe
from .atomic import file_id, read_regular
from .snapshot import entries_name_ok

__all__ = ["JournalFolder"]


class JournalFolder:
    """The files of the journal whose head is ``path``."""

    def __init__(self, path: Path, log_path: Path) -> None:
        self.path = path
        self.log_path = log_path

    def entries_files(self) -> list[Path]:
        """Every snapshot generation of this journal on disk (never another journal's file)."""
        return sorted(p for p in self.path.parent.glob(f"{glob.escape(self.path.name)}.entries-*")
                      if entries_name_ok(self.path, p.name))

    def entries_path(self, meta: dict[str, Any]) -> Path | None:
        """The entries file the header names; when that name holds a file of another size, a copy a
        sync tool set aside under another name that has the size written (two devices wrote the
        same generation before they saw each other: the one this head names is the copy)."""
        name = meta.get("entries_file")
        if not name:
            return None
        path = self.path.with_name(name)
        want = meta.get("entries_size")
        try:
            if not isinstance(want, int) or os.stat(path).st_size == want:
                return path
        except OSError:
            pass
        from ..sync.layout import conflict_original

        for other in sorted(self.path.parent.glob(glob.escape(self.path.name.rsplit(".", 1)[0]) + "*")):
            found = conflict_original(other.name)
            if found is not None and found[0] == name and other.is_file() and other.stat().st_size == want:
                return other
        return path

    @property
    def exists(self) -> bool:
        """Whether any part of a journal is at this path (a damaged one too)."""
        return os.path.lexists(self.path) or self.log_path.exists() or bool(self.entries_files())

    def newest_generation(self) -> int:
        return max((int(p.name.rsplit("-", 1)[-1]) for p in self.entries_files()), default=0)

    def read_head(self) -> tuple[bytes, os.stat_result] | None:
        """The head's bytes and stat, or None when there is no head."""
        if not os.path.lexists(self.path):
            return None
        try:
            return read_regular(self.path)
        except FileNotFoundError:
            if os.path.islink(self.path):
                raise StorageError(f"{self.path} is a link to a file that does not exist; nothing was "
                                   "read or written.") from None
            raise HeadReplacedError(f"{self.path} was replaced while it was read.") from None
        except OSError as exc:
            raise StorageError(f"Could not read {self.path}: {describe(exc)}.") from exc

    def check_header(self, meta: dict[str, Any]) -> None:
        """What the header names must stay inside the journal's folder and fit together."""
        name = meta.get("entries_file")
        if name is not None and not entries_name_ok(self.path, name):
            raise JournalCorruptError(
                f"{self.path} is damaged: its header names {str(name)[:80]!r} as its entries file, which is "
                "not a file of this journal. Nothing was read or written. Run 'smn doctor' or 'smn restore'."
            )
        if meta.get("schema", 1) >= 3 and not isinstance(meta.get("log"), str):
            raise JournalCorruptError(f"{self.path} is damaged: its header does not name its change log. "
                                      "Nothing was written. Run 'smn doctor' or 'smn restore'.")

    def parts_without_head(self) -> str:
        """The journal's files besides the head, as a list for a message ('' when there are none)."""
        log = [self.log_path.name] if self.log_path.exists() and self.log_path.stat().st_size else []
        return ", ".join([*(p.name for p in self.entries_files()), *log])

    def check_no_head(self) -> bool:
        """Without a head, the folder must hold no part of a journal (but a first, never compacted
        log an older smn began: then True)."""
        entries = [p.name for p in self.entries_files()]
        fresh_log = self._legacy_fresh_log()
        if not entries and fresh_log is not False:
            return bool(fresh_log)
        parts = ", ".join([*entries, *([self.log_path.name] if fresh_log is False else [])])
        raise JournalCorruptError(
            f"{self.path} is missing, but parts of the journal are still there ({parts}): the journal is "
            "damaged. Nothing was written. 'smn restore' puts a backup back ('smn doctor' says which)."
        )

    def _legacy_fresh_log(self) -> bool | None:
        """None: no log; True: a log an older smn began before ever writing a head; False: another log."""
        try:
            with open(self.log_path, "rb") as fh:
                first = fh.readline(1 << 20)
        except FileNotFoundError:
            return None
        except OSError:
            return False
        if not first.strip():
            return None
        try:
            entry = orjson.loads(first)
            return bool(entry.get("seq") == 1 and "h" not in entry and "log" not in entry)
        except (orjson.JSONDecodeError, AttributeError):
            return False

    def check_entries_file(self, meta: dict[str, Any], head_id: Any) -> None:
        """The cheap check made on every open: the entries file is there and has the size the head says.

        Reading it whole is left for when entries are needed (then every byte is checked).
        """
        epath = self.entries_path(meta)
        if epath is None:
            return
        try:
            size = os.stat(epath).st_size
        except FileNotFoundError as exc:
            raise self.entries_missing(epath, head_id) from exc
        except OSError as exc:
            raise StorageError(f"Could not read {epath}: {describe(exc)}.") from exc
        want = meta.get("entries_size")
        if isinstance(want, int) and size != want:
            raise JournalCorruptError(
                f"{epath} has {size} bytes where {want} were written, so it is damaged (truncated or "
                "with something appended); nothing was written. Run 'smn doctor' or 'smn restore'."
            )

    def entries_missing(self, epath: Path, head_id: Any) -> StorageError:
        """Why the entries file the head names is not there: compacted meanwhile, or lost."""
        if file_id(self.path) != head_id:
            return HeadReplacedError(
                f"{self.path} was compacted by another smn while it was being read; read it again."
            )
        return JournalCorruptError(
            f"{epath} is missing, but {self.path} refers to it; nothing was written. "
            "Run 'smn restore' to recover from a backup."
        )

    def remove_old_generations(self, meta: dict[str, Any]) -> None:
        """Delete entries files older than the current and previous generation.

        The previous one is kept so that a process that read the old head a
        moment ago can still load it.
        """
        current = meta.get("entries_file")
        gen = int(meta.get("gen", 0))
        for p in self.entries_files():
            n = int(p.name.rsplit("-", 1)[-1])
            if p.name != current and (n < gen - 1 or n > gen):
                try:
                    p.unlink()
                except OSError:
                    pass
