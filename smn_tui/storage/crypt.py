"""Turning a journal encrypted, back to the clear, or over to a new identity, in one atomic switch.

The journal is read whole with the codec it has, its backups are rewritten
with the new one (each atomically), then the journal is written as a new
snapshot generation with the new codec and its head switched in one
``os.replace``, as a compaction does: a kill at any moment leaves the journal
complete, either as it was or as it is wanted. Files of the old codec left
behind by such a kill (a generation, the names index) are removed by running
the command again; ``smn doctor`` points them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .backups import list_backups
from .disk.atomic import atomic_write_bytes, read_regular
from .disk.codec import PLAIN, Codec, is_sealed
from .errors import StorageError
from .journal_file import JournalFile

__all__ = ["Switched", "plain_copy", "plaintext_leftovers", "switch_codec"]


@dataclass(frozen=True)
class Switched:
    """What a switch did."""

    backups: int  # backups rewritten
    leftovers: int  # files of the old codec removed


def switch_codec(jf: JournalFile, codec: Codec) -> Switched:
    """Rewrite the journal at ``jf`` and its backups with ``codec`` (the caller holds the app lock)."""
    with jf.acquire_write():
        result = jf.load(entries=True)
        old = jf.codec
        n = _reseal_backups(jf, old, codec)
        jf.use_codec(codec)
        jf.write_snapshot(result.tables, result.meta)
        removed = _remove_other_generations(jf)
    return Switched(n, removed)


def _reseal_backups(jf: JournalFile, old: Codec, new: Codec) -> int:
    done = 0
    for b in list_backups(jf):
        on_disk, _ = read_regular(b.path)
        plain = (old if old.encrypted else jf.keys()).open(on_disk, b.path) if is_sealed(on_disk) else on_disk
        if new.encrypted or plain != on_disk:
            atomic_write_bytes(b.path, new.seal(plain))
            done += 1
    for folder in jf.backup_dir.glob(f"{jf.path.name}-*-before-restore-damaged"):
        for p in folder.iterdir():
            raw, _ = read_regular(p)
            if new.encrypted and not is_sealed(raw):
                atomic_write_bytes(p, new.seal(raw))
            elif not new.encrypted and is_sealed(raw) and old.encrypted:
                try:
                    atomic_write_bytes(p, old.open(raw, p))
                except StorageError:
                    pass  # a copy of a damaged file stays as it is
    return done


def _remove_other_generations(jf: JournalFile) -> int:
    """After a switch, no generation of the old codec stays behind (readers of it start again)."""
    current = jf.meta.get("entries_file")
    removed = 0
    for p in jf.folder.entries_files():
        if p.name != current:
            try:
                p.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def plaintext_leftovers(jf: JournalFile) -> list[str]:
    """Files of an encrypted journal that lie in the clear (left by an interrupted 'smn encrypt')."""
    if not jf.codec.encrypted:
        return []
    out = []
    for p in [*jf.folder.entries_files(), jf.names_path]:
        try:
            with open(p, "rb") as fh:
                start = fh.read(64)
        except OSError:
            continue
        if start and not is_sealed(start):
            out.append(p.name)
    return out


def plain_copy(jf: JournalFile, out_dir: Path) -> Path:
    """Write the journal, in the clear and compacted, into ``out_dir`` (which holds no journal)."""
    result = jf.load(entries=True)
    copy = JournalFile(out_dir / jf.path.name)
    if copy.exists:
        raise StorageError(f"{copy.path} already exists; give an empty folder. Nothing was written.")
    copy.ensure_folder()
    copy.use_codec(PLAIN)
    copy.history_base = jf.history()
    copy.install_entries(result.tables, None, copy.history_base)
    with copy.acquire_write():
        copy.write_snapshot(result.tables, result.meta, seq=result.seq)
    return copy.path
