"""The names index ``journal.json.names``: who is in the journal, without reading the head.

Three JSON lines, rewritten at every snapshot: a header (the head it was made
from, by inode, mtime and size; the app's first page of contacts), every
contact's id, name and archived flag, and the platforms of those who have any
(read only when a name alone does not find the person). Quick captures and the
app's first screen read it; it is used only while that very head is in place,
so anything that replaces the head without writing a new index makes it stale,
and readers then read the head. Writing it is best effort: a failure costs only speed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import orjson

from ..errors import JournalCorruptError, StorageError
from ..heap import Tables, no_gc
from .atomic import FileId, atomic_write_bytes, file_id
from .checksum import file_hasher, sum_of


def _sum(*parts: bytes) -> str:
    hasher = file_hasher()
    for part in parts:
        hasher.update(part)
    return sum_of(hasher)

__all__ = ["FIRST_PAGE_LOG_BYTES", "FIRST_PAGE_ROWS", "FirstPage", "NamesIndex", "QuickContacts"]

#: Contacts on the app's first screen, kept in the names index (more than any terminal shows).
FIRST_PAGE_ROWS = 200
#: The first page is used only while the change log is smaller than this (and has no contact in it).
FIRST_PAGE_LOG_BYTES = 1024 * 1024
#: A names index bigger than this is not one smn wrote (it is ignored).
MAX_INDEX_BYTES = 256 * 1024 * 1024


@dataclass
class FirstPage:
    """The contacts list's first screen: the first contacts by name, archived left out."""

    shown: int  # how many contacts the list holds in all
    rows: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]  # id, name, platforms, tags


#: What the index copies of the head's header, so a quick capture need not read the head.
HEADER_KEYS = ("schema", "seq", "log", "after_log", "gen", "entries_file", "entries_size", "entries_sum", "device",
               "frontier")


@dataclass
class QuickContacts:
    """What a quick capture reads from the index: the head it belongs to and every contact's name."""

    head: FileId
    seq: int
    header: dict[str, Any]  # HEADER_KEYS of the head's header
    contacts: dict[str, dict[str, Any]]  # id -> {"id", "name", "archived"} (platforms read on demand)


class NamesIndex:
    """Reads and writes the names index of the journal at ``head_path``."""

    def __init__(self, head_path: Path, unseal: Callable[[bytes, Path], bytes | None] | None = None,
                 seal: Callable[[bytes], bytes] | None = None) -> None:
        self.head_path = head_path
        self.path = head_path.with_name(head_path.name + ".names")
        #: The journal's codec, as the journal file has it (plain or encrypted): see :mod:`.codec`.
        self._unseal = unseal or (lambda data, _path: data)
        self._seal = seal or (lambda data: data)
        # The platforms part, read by read_quick and parsed when needed.
        self._platforms: bytes | None = None

    def write(self, tables: Tables, head: FileId | None, meta: dict[str, Any]) -> None:
        """Write the index for the head just written, whose header is ``meta`` (best effort)."""
        contacts = tables.get("contacts", {})
        # The contacts list's first screen: by name (as the list sorts), archived left out.
        shown = sorted((cid for cid, d in contacts.items() if not d.get("archived")),
                       key=lambda cid: contacts[cid]["name"].casefold())
        rows = orjson.dumps([[cid, d["name"], bool(d.get("archived"))] for cid, d in contacts.items()])
        platforms = orjson.dumps({cid: d["platforms"] for cid, d in contacts.items() if d.get("platforms")})
        header: dict[str, Any] = {
            "head": list(head or ()),
            "meta": {k: meta[k] for k in HEADER_KEYS if k in meta},
            "shown": len(shown),
            "page": [[cid, contacts[cid]["name"], [p for p, _ in contacts[cid].get("platforms", ())],
                      contacts[cid].get("tags", [])] for cid in shown[:FIRST_PAGE_ROWS]],
            "body_sum": _sum(rows, b"\n", platforms),
        }
        header["sum"] = _sum(orjson.dumps(header, option=orjson.OPT_SORT_KEYS))
        try:
            atomic_write_bytes(self.path, self._seal(b"\n".join((orjson.dumps(header), rows, platforms))))
        except StorageError:
            self.remove()

    def _read(self) -> bytes | None:
        """The index's plain bytes (None when it cannot be used with this journal's codec)."""
        if self.path.stat().st_size > MAX_INDEX_BYTES:
            return None
        return self._unseal(self.path.read_bytes(), self.path)

    def remove(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass

    def _header(self, raw_header: bytes) -> dict[str, Any] | None:
        """The index's header, if it is intact and belongs to the head in place now."""
        try:
            header = orjson.loads(raw_header)
            head = tuple(header["head"])
            want = header.pop("sum")
            if not isinstance(header["meta"], dict):
                return None
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
            return None
        if _sum(orjson.dumps(header, option=orjson.OPT_SORT_KEYS)) != want:
            return None
        if not head or file_id(self.head_path) != head:
            return None
        return cast(dict[str, Any], header)

    def first_page(self, log_path: Path) -> FirstPage | None:
        """The contacts list's first screen, without reading the head.

        None unless the index belongs to the head in place and the change log
        holds no change to a contact since (the page would miss it).
        """
        try:
            raw = self._read()
            header = self._header(raw.partition(b"\n")[0]) if raw is not None else None
            if header is None:
                return None
            page = [(str(cid), str(name), tuple(dict.fromkeys(plats)), tuple(tags))
                    for cid, name, plats, tags in header["page"]]
            shown = int(header["shown"])
            log_size = os.stat(log_path).st_size if log_path.exists() else 0
            log = log_path.read_bytes() if log_size and log_size <= FIRST_PAGE_LOG_BYTES else b""
            # A contact changed in the log since (or changes that are encrypted, so cannot be told).
            if log_size > FIRST_PAGE_LOG_BYTES or b'"contacts"' in log or b"\nage:" in log:
                return None
        except (OSError, KeyError, TypeError, ValueError):
            return None
        return FirstPage(shown, page)

    def read_quick(self) -> QuickContacts | None:
        """Every contact's id, name and archived flag; None when the index does not fit the head."""
        try:
            raw = self._read()
            if raw is None:
                return None
            raw_header, _, rest = raw.partition(b"\n")
            header = self._header(raw_header)
            if header is None:
                return None
            raw_rows, _, raw_platforms = rest.partition(b"\n")
            if _sum(raw_rows, b"\n", raw_platforms) != header["body_sum"]:
                return None  # damaged: the full open reads the head instead
            head = tuple(header["head"])
            meta = dict(header["meta"])
            seq = int(meta["seq"])
            with no_gc():
                contacts = {cid: {"id": cid, "name": name, "archived": archived}
                            for cid, name, archived in orjson.loads(raw_rows)}
            if not raw_platforms:
                return None
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return None
        self._platforms = raw_platforms
        return QuickContacts((head[0], head[1], head[2]), seq, meta, contacts)

    @property
    def platforms_unread(self) -> bool:
        """Whether :meth:`read_quick` left the platforms part unparsed."""
        return self._platforms is not None

    def platforms_of(self, cid: str) -> list[Any] | None:
        """One contact's platforms from the part :meth:`read_quick` left unread (None: all read)."""
        raw = self._platforms
        if raw is None:
            return None
        key = orjson.dumps(cid) + b":"
        at = raw.find(key)
        if at < 0:
            return []
        start = at + len(key)
        end = raw.find(b"]]", start)
        while end >= 0:  # the value ends at one of these; a handle may hold "]]" too
            try:
                value = orjson.loads(raw[start:end + 2])
            except orjson.JSONDecodeError:
                end = raw.find(b"]]", end + 1)
                continue
            if isinstance(value, list):
                return value
            break
        return None

    def fill_platforms(self, contacts: dict[str, Any]) -> bool:
        """Give the contacts :meth:`read_quick` read their platforms; False if they have them."""
        raw, self._platforms = self._platforms, None
        if raw is None:
            return False
        try:
            platforms = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise JournalCorruptError(f"{self.path} is damaged; run 'smn doctor'.") from exc
        for cid, doc in contacts.items():
            if "platforms" not in doc:  # contacts changed since in the log came with theirs
                doc["platforms"] = platforms.get(cid, [])
        return True
