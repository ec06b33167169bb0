"""``smn devices``: the devices writing to the journal (through Syncthing, Dropbox or any folder-sync
tool), each with its files and when it last wrote."""

from __future__ import annotations

from typing import Any

from ..domain.wording import count_of
from . import EXIT_OK, Context, journal_path


def register(sub: Any, db_option: Any) -> None:
    devices = sub.add_parser("devices", help="list the devices that write to the journal, and when each last wrote")
    db_option(devices)
    devices.set_defaults(handler=devices_cmd)


def devices_cmd(ctx: Context) -> int:
    from ..storage.sync.devices import devices_of

    path = journal_path(ctx.args)
    rows = devices_of(path)
    ctx.print(f"Devices writing to {path}:")
    for r in rows:
        when = f"{r.last_write.astimezone():%Y-%m-%d %H:%M}" if r.last_write else "never yet"
        who = r.device or "(before devices)"
        note = ["this device"] if r.this else []
        if r.encrypted:
            note.append("encrypted")
        ctx.print(f"  {who:<16} last wrote {when:<16}  {count_of(r.changes, 'change'):>13}  {r.names}"
                  + (f"  ({', '.join(note)})" if note else ""))
    if len(rows) == 1:
        ctx.print("Only this device writes to the journal. Another device that opens it (the folder synced "
                  "by Syncthing, Dropbox or the like) writes files of its own beside these.")
    return EXIT_OK
