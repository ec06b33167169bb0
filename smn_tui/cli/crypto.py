"""``smn encrypt`` and ``smn decrypt``: a journal only the user's age identity opens.

The journal's files become age messages (see storage/disk/codec.py): the stock
``age -d -i IDENTITY FILE`` turns the head, an entries file or a backup back
into the same JSON a plain journal holds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from . import Context, DbOption, Subcommands, UserError, journal_path, user_path

if TYPE_CHECKING:
    from ..storage.journal_file import JournalFile

_T = TypeVar("_T")


def register(sub: Subcommands, db_option: DbOption) -> None:
    enc = sub.add_parser("encrypt", help="encrypt the journal and its backups with an age identity")
    enc.add_argument("--identity", metavar="FILE",
                     help="the age identity to use (default: a new one, saved in the config folder)")
    enc.add_argument("--rotate", action="store_true",
                     help="re-encrypt an encrypted journal to a new identity (a new one unless --identity)")
    db_option(enc)
    enc.set_defaults(handler=encrypt_cmd)

    dec = sub.add_parser("decrypt", help="turn an encrypted journal back into plain JSON")
    dec.add_argument("--out", metavar="DIR", help="write a plain copy into DIR instead, leaving the journal as it is")
    db_option(dec)
    dec.set_defaults(handler=decrypt_cmd)


def _journal(ctx: Context, *, new_ok: bool = False) -> JournalFile:
    """This device's files of the journal (each device encrypts its own: see 'smn devices')."""
    from ..storage.sync.devices import own_file
    from ..storage.sync.layout import JournalLayout

    path = journal_path(ctx.args)
    jf = own_file(path)
    if not new_ok and not JournalLayout(jf.path.parent / path.name).exists:
        raise UserError(f"There is no journal at {jf.path}.")
    return jf


def _locked(jf: JournalFile, run: Callable[[], _T]) -> _T:
    from ..storage.errors import JournalLockedError

    try:
        jf.claim_app()  # nobody may have the journal open in the app while its files are rewritten
    except JournalLockedError as exc:
        raise UserError(f"Close smn first: it has {jf.path} open in another window.") from exc
    try:
        return run()
    finally:
        jf.release_app()


def encrypt_cmd(ctx: Context) -> int:
    from ..settings import load_settings, save_settings
    from ..storage.crypt import plaintext_leftovers, switch_codec
    from ..storage.disk.codec import AgeCodec
    from ..storage.keys import default_identity_path, load_codec, make_identity

    jf = _journal(ctx, new_ok=True)  # a journal that is not there yet starts encrypted
    jf.load(entries=False)  # finds out whether it is encrypted (and opens it if so)
    current = jf.codec if isinstance(jf.codec, AgeCodec) else None  # the one encrypted codec
    if current is not None and not ctx.args.rotate and not plaintext_leftovers(jf):
        ctx.print(f"{jf.path} is encrypted already (to {current.recipient}); --rotate moves it to a new identity.")
        return 0
    made = None
    if ctx.args.identity:
        codec = load_codec(user_path(ctx.args.identity, "--identity"))
    elif current is not None and not ctx.args.rotate:
        codec = current  # finishing an interrupted encrypt
    else:
        made = _new_identity_path(default_identity_path())
        codec = make_identity(made)
    settings = load_settings()
    settings.identity = codec.where
    save_settings(settings)  # first: whatever happens next, smn knows which identity opens the journal
    done = _locked(jf, lambda: switch_codec(jf, codec))
    ctx.print(f"Encrypted {jf.path} to {codec.recipient}"
              + (f", and its {done.backups} backup{'s' if done.backups != 1 else ''}." if done.backups else "."))
    if made is not None:
        ctx.print(f"A new identity was saved in {made} (readable only by you). Keep a copy somewhere safe: "
                  "losing it means losing the journal.")
    else:
        ctx.print(f"It opens with the identity {codec.where}.")
    return 0


def _new_identity_path(path: Path) -> Path:
    if not path.exists():
        return path
    n = 2
    while path.with_name(f"{path.stem}-{n}{path.suffix}").exists():
        n += 1
    return path.with_name(f"{path.stem}-{n}{path.suffix}")


def decrypt_cmd(ctx: Context) -> int:
    from ..storage.crypt import plain_copy, switch_codec
    from ..storage.disk.codec import PLAIN

    jf = _journal(ctx)
    jf.load(entries=False)
    if ctx.args.out:
        out = user_path(ctx.args.out, "--out")
        written = plain_copy(jf, out)
        ctx.print(f"Wrote a plain copy of {jf.path} to {written}; the journal itself is unchanged.")
        return 0
    if not jf.codec.encrypted:
        ctx.print(f"{jf.path} is not encrypted; nothing was changed.")
        return 0
    done = _locked(jf, lambda: switch_codec(jf, PLAIN))
    ctx.print(f"Decrypted {jf.path}" + (f" and its {done.backups} backups" if done.backups else "")
              + ": its files are plain JSON again.")
    return 0
