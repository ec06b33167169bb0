"""File versions with version vectors, as sync tools track them, and which of several is newest."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

Vector = tuple[tuple[int, int], ...]
"""(device index, counter) pairs, sorted by device."""


@dataclass(frozen=True)
class Version:
    """One version of a file: its vector, its bytes' digest (None: deleted), who made it and when."""

    vector: Vector
    digest: str | None
    by: int
    seconds: int

    @property
    def live(self) -> bool:
        return self.digest is not None

    def counter(self, device: int) -> int:
        return dict(self.vector).get(device, 0)

    def dominates(self, other: Version) -> bool:
        """True when this version descends from ``other`` (and is not the same)."""
        mine = dict(self.vector)
        return self.vector != other.vector and all(mine.get(k, 0) >= n for k, n in other.vector)

    def concurrent(self, other: Version) -> bool:
        """Neither descends from the other: the file changed on two devices since they agreed."""
        return self.vector != other.vector and not self.dominates(other) and not other.dominates(self)

    def merged_with(self, other: Version) -> Vector:
        """The vector that descends from both."""
        both = dict(self.vector)
        for k, n in other.vector:
            both[k] = max(both.get(k, 0), n)
        return tuple(sorted(both.items()))

    def describe(self) -> str:
        vector = ",".join(f"{k}:{n}" for k, n in self.vector)
        return f"[{vector}] {'deleted' if self.digest is None else self.digest[:10]}"


def next_version(current: Version | None, device: int, counter: int, digest: str | None, seconds: int) -> Version:
    """The version a local change on ``device`` makes of ``current``, with the device's ``counter``."""
    others = [(k, n) for k, n in (current.vector if current else ()) if k != device]
    return Version(tuple(sorted([*others, (device, counter)])), digest, device, seconds)


def undominated_live(versions: Iterable[Version]) -> list[Version]:
    """The versions no other descends from, changes before deletions (all deletions if only those)."""
    distinct = list({v.vector: v for v in versions}.values())
    newest = [v for v in distinct if not any(o.dominates(v) for o in distinct)]
    return [v for v in newest if v.live] or newest


def short_device_id(name: str) -> str:
    """A stable 7-character Syncthing-style id (base32) for a device name."""
    return base64.b32encode(hashlib.sha256(name.encode()).digest()).decode()[:7]
