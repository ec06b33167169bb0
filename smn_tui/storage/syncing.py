"""The store's side of one journal on several devices: catching up with what other processes and
other devices wrote, folding in the copies a sync tool set aside, and keeping every person an entry names.

Mixed into :class:`~.store.JournalStore`. This device's own files are read
first, as for a journal on one device; then every other device's log from
where this device's snapshot says it has folded it in (its snapshot whole only
when the log does not reach back so far), each change by the last-writer rule
(:mod:`.sync.merge`). Conflict copies are folded in the same way, their
winning changes committed as a change of this device, and only then moved to
the backups folder: a copy is never the only place something is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..domain.models import Contact
from .disk.snapshot import ENTRY_TABLES, TABLES, Op, apply_ops
from .errors import StorageError
from .file_writing import Retention
from .journal_file import JournalFile
from .store_parts import StoreParts
from .sync.device import this_device
from .sync.layout import ConflictCopy, JournalLayout
from .sync.merge import join_tables
from .sync.peers import PeerDevice, Peers

__all__ = ["FOLDED_COMPACT", "JournalSyncing"]

#: A store that has folded in more of other devices' changes than this since its snapshot writes a
#: new one when it closes, so others may forget them sooner and its next opening reads less.
FOLDED_COMPACT = 2000

#: The name an entry's person gets back when another device deleted them and kept no record of them.
_NOBODY = "Someone deleted on another device"


class JournalSyncing(StoreParts):
    """Other devices' changes and sync tools' copies (mixed into :class:`~.store.JournalStore`)."""

    def _init_sync(self, path: Path) -> None:
        """Find this device's files of the journal at ``path``, and the other devices'."""
        self.device = this_device()
        self.layout = JournalLayout(path)
        self.peers = Peers(self.layout, self.device, self._keys, lambda: self.file.path)
        self._own_file(self.layout.own_head(self.device))
        #: Other devices' commits folded in since this device's snapshot (for when to compact).
        self.folded_since_snapshot = 0
        self._copies_due = False
        self._folding_copies = False
        #: Contacts brought back for an entry (see _repair_people), to be written as a change of this device.
        self._repairs_due: list[Op] = []

    def _warn(self, text: str) -> None:
        """A notice for the user, once (reading other devices again finds the same things)."""
        if text not in self.warnings:
            self.warnings.append(text)

    def _keys(self) -> Any:
        return self.file.keys()

    def _own_file(self, head: Path) -> None:
        self.file = JournalFile(head, device=self.device, keys=self.key_source)
        self.file.retention = self._retention

    def _retention(self) -> Retention:
        keep_after: int | None = None
        folded: dict[str, dict[str, int]] = {}
        stream = self.file.stream
        for peer, theirs in self.peers.active():
            folded[peer.stream] = theirs
            mine = theirs.get(stream, 0)
            keep_after = mine if keep_after is None else min(keep_after, mine)
        return Retention(keep_after, folded)

    def _leave_shared_files(self) -> None:
        """The journal's own names turned out to be another device's (its head or log says so: two
        devices began or converted the journal before they saw each other): write files of this
        device's own from now on; what this device wrote there is read as another stream."""
        if self.file.path != self.layout.path:
            raise StorageError(f"The files {self.file.path.name}* of this device ({self.device}) are written "
                               "by another device with the same id; give one of them a new id (remove "
                               "device.json from its config folder). Nothing was written.")
        self.file.retired = True
        self._own_file(self.layout.device_head(self.device))

    # ------------------------------------------------------------------ catching up

    def refresh(self) -> bool:
        """Pick up what other processes wrote. Returns True when anything changed."""
        if self._first_page is not None:
            return False  # reading the head will read all of it
        # A write running on another thread (an import) holds the lock: its changes are
        # ours, and anything else written meanwhile is picked up by the next refresh.
        if not self._lock.acquire(blocking=False):
            return False
        try:
            state = self.file.changed_on_disk()
            others = self.peers.changed()
            if state == "none" and not others:
                return False
            before = self.version
            self._catch_up(state, others=others)
            self._chores()
            return state != "none" or self.version != before
        finally:
            self._lock.release()

    def _catch_up(self, state: str, *, others: bool | None = None) -> None:
        """Read what other processes of this device wrote (``state``) and what other devices did
        (``others``: whether their files changed, if already asked)."""
        if state == "reload":
            had_entries = self.file.entries_loaded
            self._load()
            if had_entries:
                self._ensure_entries()
            return
        if state == "tail":
            _, warnings = self.file.read_tail(self._tables, apply_now=self._apply_to_memory)
            self.warnings.extend(warnings)
        if self.peers.changed() if others is None else others:
            self._fold_peers()
            self._copies_due = self._copies_due or bool(self.layout.conflict_copies(self.peers.names()))

    # ------------------------------------------------------------------ other devices

    def _fold_peers(self) -> bool:
        """Fold in what the other devices wrote since this device last read them; True if anything won."""
        frontier = self.file.frontier
        won: list[Op] = []

        def apply(ops: list[Op]) -> None:
            won.extend(ops)
            self._apply_to_memory(ops)

        before = self.version
        folded = 0
        for peer in self.peers.devices():
            if peer.head == self.layout.path:
                self._fold_torn_head(peer)
            for _attempt in range(3):
                read = peer.read(frontier.get(peer.stream, 0), known=peer.stream in frontier)
                if read.warning:
                    self._warn(read.warning)
                if read.gap and not peer.unreachable:
                    if self._fold_snapshot(peer):
                        continue  # its log again, from where its snapshot left off
                    if peer.damage:
                        break
                for seq, ops, extra in read.commits:
                    self.file.fold(self._tables, (peer.stream, seq), ops, extra, apply)
                    if seq == frontier.get(peer.stream, 0) + 1 and not read.gap:
                        frontier[peer.stream] = seq
                    folded += 1
                break
        self.folded_since_snapshot += folded
        if won:
            self._repair_people(won)
        if folded and self.version == before:
            self.version += 1  # changes to entries not read yet: they are, when next needed
        return self.version != before

    def _fold_torn_head(self, peer: PeerDevice) -> None:
        """The journal's own head, when its log is another device's (two devices wrote those names
        before they saw each other): the head is read whole, once, as a stream of its own."""
        from .disk.snapshot import head_header
        from .sync.layout import stream_of

        header = head_header(peer.head)
        if header is None or not isinstance(header.get("device"), str):
            return  # encrypted or older: read with its log, when a gap needs it
        stream = stream_of(peer.head, header["device"])
        if stream != peer.stream and header.get("seq", 0) > self.file.frontier.get(stream, 0):
            self._fold_snapshot(peer)

    def _fold_snapshot(self, peer: PeerDevice) -> bool:
        """Fold in another device's snapshot whole (its log no longer reaches back far enough).

        True when its log can be read on from there; False when its snapshot is another stream's
        (two devices wrote the journal's own names: its head is one's, its log the other's), whose
        lines are then folded in without ever counting as read, or when it cannot be read.
        """
        try:
            theirs = peer.snapshot()
        except StorageError as exc:
            self._warn(f"The files of the device {peer.device} cannot be read yet ({exc}); its "
                                 "changes are left out until they can.")
            peer.damage = str(exc)
            return False
        frontier = self.file.frontier
        if theirs.seq > frontier.get(theirs.stream, 0) or (theirs.stream == peer.stream and not theirs.partial):
            self._ensure_entries()
            ops = join_tables(self._tables, self.file.marks, theirs.tables, theirs.marks, TABLES)
            self._apply_bulk(ops)
            for stream, seq in [] if theirs.partial else [*theirs.frontier.items(), (theirs.stream, theirs.seq)]:
                if stream != self.file.stream and seq >= frontier.get(stream, 0):
                    frontier[stream] = seq
            self.folded_since_snapshot += FOLDED_COMPACT  # worth a snapshot of this device's own
            self._repair_people(None)
        if theirs.stream != peer.stream or theirs.partial:
            peer.unreachable = True
            return False
        peer.forget()
        return True

    def _check_codecs(self) -> None:
        """Each device encrypts its own files. A device new to an encrypted journal encrypts its own
        from the first write (with the same identity, which it needs to read the others' anyway);
        one that wrote in the clear before the others were encrypted is told so."""
        sealed = [p.device for p in self.peers.devices() if p.encrypted()]
        if not sealed or self.file.codec.encrypted:
            clear = [p.device for p in self.peers.devices() if not p.encrypted() and p.head.exists()]
            if self.file.codec.encrypted and clear:
                self._warn(f"The files of {_devices(clear)} are not encrypted, while this device's "
                                     "are: run 'smn encrypt --identity FILE' there with this device's identity.")
            return
        if self.file.head_missing:
            self.file.use_codec(self.file.keys())
            return
        self._warn(f"The files of {_devices(sealed)} are encrypted, but this device's are not: run "
                             "'smn encrypt --identity FILE' here with the identity that opens them.")

    def _apply_bulk(self, ops: list[Op]) -> None:
        """Many operations at once (a whole snapshot folded in): straight into the tables, then every
        index and cache starts afresh."""
        if len(ops) <= 500:
            self._apply_to_memory(ops)
            return
        with self._lock:
            apply_ops(self._tables, ops)
            self._db.clear_caches()
            self._indexes.reset()
            self.version += 1

    # ------------------------------------------------------------------ everyone an entry names

    def _repair_people(self, ops: list[Op] | None) -> None:
        """Bring back, from its tombstone, a contact another device deleted while an entry for them was
        logged elsewhere: the entry keeps its person, who stays deleted on disk (see
        ``JournalFile._head_tables``) so every device decides alike. ``ops``: the changes just folded
        in (None: look at every entry)."""
        if not self.file.entries_loaded:
            return  # done when the entries are read (see _entries_read)
        tombs = self.file.marks.data.get("contacts") or {}
        contacts = self._tables["contacts"]
        named: Iterable[dict[str, Any]]
        if ops is None:
            named = (doc for table in ENTRY_TABLES for doc in self._tables[table].values())
        else:
            gone = [rid for op, table, rid, _ in ops if op == "del" and table == "contacts"]
            put = [doc for op, table, _, doc in ops if op == "put" and table in ENTRY_TABLES]
            named = put + [self._tables[t][rid] for cid in gone for t in ENTRY_TABLES
                           for rid in self._ids_for_contact(t, cid)]
        missing = sorted({cid for doc in named for cid in doc["contact_ids"] if cid not in contacts})
        if not missing:
            return
        back: list[Op] = []
        for cid in missing:
            tomb = tombs.get(cid)
            doc = tomb[3] if tomb is not None and isinstance(tomb[3], dict) else _nobody(cid)
            back.append(["put", "contacts", cid, doc])
        self._apply_to_memory(back)
        if not self.read_only:
            self._repairs_due.extend(back)
        names = ", ".join(d["name"] for _, _, _, d in back[:3]) + (" and others" if len(back) > 3 else "")
        self._warn(f"{names} {'was' if len(back) == 1 else 'were'} deleted on one device while another "
                             "logged something with them; they are kept for that entry.")

    def _chores(self) -> None:
        """What reading the other devices left to write, done where a write may start: conflict copies
        folded in, contacts brought back for an entry written as a change (so every device keeps them)."""
        if self._folding_copies or self.read_only:
            return
        if self._copies_due:
            self._fold_copies()
        if self._repairs_due:
            back, self._repairs_due = self._repairs_due, []
            contacts = self._tables["contacts"]
            back = [op for op in back if op[2] in contacts]
            if back:
                self._folding_copies = True  # no chores inside this commit
                try:
                    self._commit(back, "Kept " + ", ".join(d["name"] for _, _, _, d in back[:3])
                                 + " for an entry logged on another device")
                finally:
                    self._folding_copies = False

    # ------------------------------------------------------------------ copies set aside by a sync tool

    def _fold_copies(self) -> None:
        """Fold in every conflict copy of the journal's files, then move each to the backups folder."""
        self._copies_due = False
        copies = self.layout.conflict_copies(self.peers.names())
        if not copies or self._folding_copies:
            return
        self._folding_copies = True
        try:
            self._ensure_entries()
            if self.file.entries_from_copy and not self.read_only:
                self.compact()  # the entries came from a copy: a generation of their own before it goes
            for copy in copies:
                self._fold_copy(copy)
        finally:
            self._folding_copies = False

    def _fold_copy(self, copy: ConflictCopy) -> None:
        from .sync.conflicts import read_copy, set_aside

        said = f"{copy.path.name} (a copy {copy.tool} set aside)"
        try:
            content = read_copy(copy, self.file.keys)
        except (OSError, StorageError) as exc:
            content = None
            problem = str(exc)
        ops: list[Op] = []
        stamps: list[str] = []
        if content is not None:
            scratch = self.file.marks.copy()
            ops = join_tables(self._tables, scratch, content.tables, content.marks, TABLES)
            stamps = [(scratch.get(t, rid) or [""])[0] if op == "del" else scratch.stamp(t, rid) or ""
                      for op, t, rid, _ in ops]
        if self.read_only:
            if ops:
                self._apply_to_memory(ops)
            self._warn(f"{said} holds {len(ops)} change(s), shown here; the next smn that writes to "
                                 "the journal folds them in for good.")
            return
        if ops:
            self._commit(ops, f"Folded in {len(ops)} change(s) from {copy.path.name}", stamps=stamps)
        kept = set_aside(copy, self.file.backup_dir)
        if content is None:
            self._warn(f"{said} could not be read ({problem}); it is kept as {kept.parent.name}/{kept.name}.")
        else:
            self._warn(f"Folded in {len(ops)} change(s) from {said}; the copy is kept as "
                                 f"{kept.parent.name}/{kept.name}.")


def _devices(ids: list[str]) -> str:
    return ("the device " if len(ids) == 1 else "the devices ") + ", ".join(ids)


def _nobody(cid: str) -> dict[str, Any]:
    doc = Contact(_NOBODY, id=cid).to_doc()
    doc["created"] = doc["updated"] = "1970-01-01T00:00:00+00:00"
    return doc
