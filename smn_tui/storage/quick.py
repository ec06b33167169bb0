"""Quick capture: log an interaction or a helpful act without reading the whole journal.

``smn log`` and ``smn helped`` need only the contacts' names and ids to find
people, and then append one line to the change log. :class:`QuickCapture`
reads the small contact index written at each compaction (see
:meth:`JournalFile.write_names`) plus the change log, so capturing costs about
the same on a journal of 30,000 people and 100,000 entries as on an empty one.
When there is no index for the current snapshot, :func:`open_capture` falls
back to a full :class:`JournalStore`; both offer the same few methods. On a
journal several devices write, the other devices' contacts come from their
change logs; when one would have to be read from its snapshot, or a sync tool
left a copy to fold in, the full store does it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..domain.changes import describe_many
from ..domain.models import Contact, HelpfulAct, Interaction, ValidationError, now_utc
from ..domain.resolve import NameLookupError, resolve_contact
from .errors import StorageError, WrittenElsewhereError
from .journal_file import JournalFile, Op
from .memory.records import record_of
from .store import JournalStore
from .sync.device import this_device
from .sync.layout import JournalLayout
from .sync.peers import Peers


class QuickCapture:
    """Find people and add entries (and new contacts); nothing else."""

    peers: Peers

    def __init__(self, jf: JournalFile, tables: dict[str, dict[str, Any]], warnings: list[str]) -> None:
        self.file = jf
        self.path = jf.path
        self._tables = tables
        self.warnings = warnings

    @classmethod
    def open(cls, path: Path | str) -> QuickCapture | None:
        device = this_device()
        layout = JournalLayout(Path(path).expanduser().absolute())
        own = layout.own_head(device)
        jf = JournalFile(own, device=device)
        peers = Peers(layout, device, jf.keys, lambda: own)
        if layout.conflict_copies(peers.names()):
            return None
        try:
            result = jf.load_quick()
        except WrittenElsewhereError:
            return None
        if result is None:
            return None
        quick = cls(jf, result.tables, result.warnings)
        quick.peers = peers
        return quick if quick._fold_peers() else None

    def _fold_peers(self) -> bool:
        """The other devices' contacts changed since this device's snapshot (False: one's log does not
        reach back so far; the full store reads its snapshot)."""
        contacts = self._tables["contacts"]
        for peer in self.peers.devices():
            read = peer.read(self.file.frontier.get(peer.stream, 0), known=peer.stream in self.file.frontier)
            if read.gap or read.warning:
                return False
            for _seq, ops, _extra in read.commits:
                for op, table, rid, doc in ops:
                    if table != "contacts":
                        continue
                    if op == "put":
                        contacts[rid] = doc
                    else:
                        contacts.pop(rid, None)
        return True

    # -------------------------------------------------------------- reads

    def resolve_name(self, name: str) -> Contact:
        docs = self._tables["contacts"]
        try:
            # Names first: platforms are only read for a handle, or to tell namesakes apart.
            cid = resolve_contact(docs, name)
        except NameLookupError:
            if not self.file.fill_quick_platforms(docs):
                raise
            cid = resolve_contact(docs, name)
        doc = docs[cid]
        if "platforms" not in doc:
            platforms = self.file.quick_platforms_of(cid)
            if platforms is None:
                self.file.fill_quick_platforms(docs)
            else:
                doc["platforms"] = platforms
        return record_of(Contact, doc)

    def names_for(self, ids: Iterable[str]) -> dict[str, str]:
        docs = self._tables["contacts"]
        return {cid: docs[cid]["name"] for cid in ids if cid in docs}

    # -------------------------------------------------------------- writes

    def add_interaction(self, interaction: Interaction) -> Interaction:
        self.add_many([interaction])
        return interaction

    def add_act(self, act: HelpfulAct) -> HelpfulAct:
        self.add_many([act])
        return act

    def add_many(self, records: Iterable[Contact | Interaction | HelpfulAct], what: str = "") -> int:
        """New contacts and entries in one durable commit."""
        records = list(records)
        ops: list[Op] = []
        for r in records:
            if isinstance(r, Contact):
                if r.id in self._tables["contacts"]:
                    raise ValidationError("id", f"a contact with id {r.id} already exists")
            elif not isinstance(r, (Interaction, HelpfulAct)):
                raise TypeError(f"quick capture adds contacts and entries, not {type(r).__name__}")
            ops.append(["put", r.TABLE, r.id, r.to_doc()])
        if not ops:
            return 0
        self._check_people(records)

        def catch_up(state: str) -> None:
            self._catch_up(state)
            # Again, under the write lock: another process may have deleted someone meanwhile.
            self._check_people(records)

        def extra() -> dict[str, Any]:
            # Only new records: each replaced nothing.
            names = {cid: d["name"] for cid, d in self._tables["contacts"].items()}
            names.update({r.id: r.name for r in records if isinstance(r, Contact)})
            said = what or describe_many(records, {r.id for r in records}, names)
            return {"at": now_utc().isoformat(), "from": "shell", "what": said, "before": [None] * len(ops)}

        self.file.commit(ops, catch_up=catch_up, extra=extra)
        return len(ops)

    def _check_people(self, records: list[Any]) -> None:
        known = self._tables["contacts"].keys() | {r.id for r in records if isinstance(r, Contact)}
        for r in records:
            for cid in getattr(r, "contact_ids", ()):
                if cid not in known:
                    raise ValidationError("contacts", f"unknown contact id {cid}")

    def _catch_up(self, state: str) -> None:
        if state == "reload":
            result = self.file.load_quick()
            if result is None:
                result = self.file.load(entries=False)
            self._tables = result.tables
            self.peers.forget()
        else:
            _, warnings = self.file.read_tail(self._tables)
            self.warnings.extend(warnings)
        if not self._fold_peers():
            raise StorageError(f"{self.path} changed on another device meanwhile; nothing was saved. Try again.")

    def close(self) -> None:
        """Nothing to fold in: the app (or the next full open) compacts the log."""

    def __enter__(self) -> QuickCapture:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_capture(path: Path | str) -> QuickCapture | JournalStore:
    """The cheapest store that can find people and add entries to the journal at ``path``."""
    quick = QuickCapture.open(path)
    return quick if quick is not None else JournalStore(path)
