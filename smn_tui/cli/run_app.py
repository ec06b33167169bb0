"""Open the Textual app (the only CLI path that imports Textual)."""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import Context, journal_path

if TYPE_CHECKING:
    from ..app import SmnApp
    from ..settings import Settings


def demo_copy(folder: Path) -> Path:
    """A fresh, writable copy of the shipped demo journal, dates shifted to this week."""
    from ..exchange.demo import write_demo_journal

    target = folder / "journal.json"
    write_demo_journal(target)
    return target


def app_for(path: Path, settings: Settings, settings_file: Path | None, **options: Any) -> SmnApp:
    """The app on the journal at ``path`` (``options`` go to the app). An encrypted journal whose identity
    is protected by a passphrase (and no SMN_PASSPHRASE) gets the app that asks for it in a dialog, never
    on the terminal."""
    from ..app import SmnApp
    from ..storage.keys import PassphraseNeeded, identity_path, load_codec
    from ..storage.store import JournalStore

    def refuse(identity: Path) -> str:
        raise PassphraseNeeded(f"The identity {identity} is protected by a passphrase.")

    try:
        store = JournalStore(path, app=True, keys=cache(lambda: load_codec(ask=refuse)))
    except PassphraseNeeded:
        from ..locked_app import LockedApp

        def unlock(passphrase: str) -> JournalStore:
            codec = load_codec(ask=lambda _identity: passphrase)  # a wrong one: KeyError_, said in the dialog
            return JournalStore(path, app=True, keys=lambda: codec)

        return LockedApp(unlock, str(identity_path() or ""), settings=settings, save_settings_to=settings_file,
                         **options)
    return SmnApp(store, settings=settings, save_settings_to=settings_file, **options)


def run_app(ctx: Context) -> int:
    from ..settings import load_settings, settings_path

    settings = load_settings()
    tmp: tempfile.TemporaryDirectory[str] | None = None
    if ctx.args.demo:
        tmp = tempfile.TemporaryDirectory(prefix="smn-demo-")
        path = demo_copy(Path(tmp.name))
    else:
        path = journal_path(ctx.args)
    try:
        app = app_for(path, settings, settings_path())
        try:
            app.run()
        finally:
            app.close_journal()
    finally:
        if tmp is not None:
            shutil.rmtree(tmp.name, ignore_errors=True)
    return app.return_code or 0
