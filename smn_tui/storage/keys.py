"""The age identity an encrypted journal is opened with: where it is, how it is read, how one is made.

``SMN_IDENTITY`` names the identity file, or else the settings' ``identity``;
``smn encrypt`` without one makes an X25519 identity in the config folder,
readable only by the user. An identity file may itself be protected by a
passphrase (an age file encrypted with age's scrypt recipient, as ``age -p``
makes one); the passphrase comes from ``SMN_PASSPHRASE``, or is asked for on a
terminal (the app asks in a modal before it opens the journal).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

from .disk.atomic import atomic_write_bytes, ensure_folder, read_regular
from .disk.codec import AgeCodec, is_sealed
from .errors import StorageError, describe

__all__ = ["KeyError_", "PassphraseNeeded", "default_identity_path", "identity_path", "load_codec", "make_identity"]

#: How the passphrase of a protected identity is asked for: given the identity's path, returns it.
Asker = Callable[[Path], str]


class KeyError_(StorageError):
    """No identity, an unreadable one, or a wrong passphrase; the message says what to do."""


class PassphraseNeeded(KeyError_):
    """The identity is protected by a passphrase and none was given (the app then asks for one)."""


def default_identity_path() -> Path:
    """Where ``smn encrypt`` puts a new identity: beside the settings, in the config folder."""
    from ..settings import settings_path

    return settings_path().with_name("identity.txt")


def identity_path() -> Path | None:
    """``$SMN_IDENTITY``, else the path in the settings, else None."""
    env = os.environ.get("SMN_IDENTITY")
    if env:
        return Path(env).expanduser()
    from ..settings import load_settings

    saved = load_settings().identity
    return Path(saved).expanduser() if saved else None


def _terminal_asker(path: Path) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise PassphraseNeeded(f"The identity {path} is protected by a passphrase: set SMN_PASSPHRASE, or run "
                               "smn on a terminal to be asked for it. Nothing was written.")
    import getpass

    return getpass.getpass(f"Passphrase for {path}: ")


def load_codec(path: Path | None = None, *, ask: Asker | None = None) -> AgeCodec:
    """The codec of an encrypted journal, from the identity at ``path`` (default: :func:`identity_path`)."""
    import pyrage

    path = path or identity_path()
    if path is None:
        raise KeyError_("This journal is encrypted: set SMN_IDENTITY to the identity file that opens it "
                        "(or save its path with 'smn encrypt --identity FILE'). Nothing was written.")
    try:
        raw, _ = read_regular(path)
    except FileNotFoundError as exc:
        raise KeyError_(f"There is no identity file at {path}. Nothing was written.") from exc
    except OSError as exc:
        raise KeyError_(f"Could not read the identity {path}: {describe(exc)}. Nothing was written.") from exc
    if is_sealed(raw):
        raw = _unlock(raw, path, ask)
    keys = [ln.strip() for ln in raw.decode("utf-8", "replace").splitlines()
            if ln.strip().startswith("AGE-SECRET-KEY-")]
    if not keys:
        raise KeyError_(f"{path} holds no age identity (a line starting AGE-SECRET-KEY-). Nothing was written.")
    try:
        identity = pyrage.x25519.Identity.from_str(keys[0])
    except pyrage.IdentityError as exc:
        raise KeyError_(f"The identity in {path} cannot be read ({exc}). Nothing was written.") from exc
    return AgeCodec(identity, str(path))


def _unlock(raw: bytes, path: Path, ask: Asker | None) -> bytes:
    import pyrage

    passphrase = os.environ.get("SMN_PASSPHRASE")
    if passphrase is None:
        passphrase = (ask or _terminal_asker)(path)
    try:
        return bytes(pyrage.passphrase.decrypt(raw, passphrase))
    except pyrage.DecryptError as exc:
        raise KeyError_(f"The passphrase does not open the identity {path}. Nothing was written.") from exc


def make_identity(path: Path) -> AgeCodec:
    """A new X25519 identity saved at ``path`` (readable only by the user); refuses to replace a file."""
    from datetime import datetime

    import pyrage

    if path.exists():
        raise KeyError_(f"{path} already exists; give it with --identity, or move it away first.")
    identity = pyrage.x25519.Identity.generate()
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    text = (f"# created: {stamp}\n# public key: {identity.to_public()}\n"
            f"# smn journal identity: losing this file means losing the journal.\n{identity}\n")
    ensure_folder(path.parent)
    atomic_write_bytes(path, text.encode("ascii"), 0o600)
    return AgeCodec(identity, str(path))
