"""This device's id: a short random name kept in the local config folder, never in the synced one.

``device.json`` beside ``settings.json`` (see :func:`smn_tui.settings.settings_path`)
holds the id and the machine it was made on. A config folder copied to another
machine (a new laptop set up from the old one's files) would make two devices
write the same files, so on a machine other than its own the id is replaced by
a new one. ``SMN_DEVICE`` names the id outright (for tests and for people who
keep several devices' worth of config by hand).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import socket
from pathlib import Path

import orjson

from ..disk.atomic import atomic_write_bytes, ensure_folder, fsync_dir, read_regular
from ..errors import StorageError

__all__ = ["DEVICE_ID", "device_path", "this_device", "valid_device"]

#: What a device id looks like: eight letters and digits of base 32.
DEVICE_ID = re.compile(r"[A-Z2-7]{8}")


def valid_device(text: object) -> bool:
    return isinstance(text, str) and DEVICE_ID.fullmatch(text) is not None


def device_path() -> Path:
    from ...settings import settings_path

    return settings_path().with_name("device.json")


def _machine() -> str:
    """A fingerprint of this machine (not the id itself: nothing of the machine is written out)."""
    for source in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            raw = Path(source).read_bytes().strip()
        except OSError:
            continue
        if raw:
            return hashlib.sha256(b"smn-machine:" + raw).hexdigest()[:16]
    return hashlib.sha256(b"smn-host:" + socket.gethostname().encode("utf-8", "replace")).hexdigest()[:16]


def _new_id() -> str:
    return base64.b32encode(os.urandom(5)).decode("ascii")


def this_device(path: Path | None = None) -> str:
    """The id of the device smn runs on, made (and saved) the first time it is asked for."""
    env = os.environ.get("SMN_DEVICE")
    if env:
        if not valid_device(env):
            raise StorageError(f"SMN_DEVICE={env[:40]!r} is not a device id (eight of A-Z and 2-7).")
        return env
    path = path or device_path()
    machine = _machine()
    missing = False
    try:
        raw, _ = read_regular(path)
        saved = orjson.loads(raw)
    except FileNotFoundError:
        missing, saved = True, None
    except (OSError, StorageError, orjson.JSONDecodeError):
        saved = None
    if isinstance(saved, dict) and valid_device(saved.get("device")) and saved.get("machine") == machine:
        return str(saved["device"])
    device = _new_id()
    data = orjson.dumps({"device": device, "machine": machine}, option=orjson.OPT_INDENT_2)
    ensure_folder(path.parent)
    if not missing:  # decided by this read alone: another process may link the file in meanwhile
        atomic_write_bytes(path, data)  # made on another machine, or damaged: this machine's own now
        return device
    # The first time: two processes starting at once must agree on one id, so the file is
    # linked into place only if it is still missing, and the one that lost reads the winner's.
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-new")
    atomic_write_bytes(tmp, data)
    try:
        os.link(tmp, path)
        fsync_dir(path.parent)
    except FileExistsError:
        return this_device(path)
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    return device
