"""Open the Textual app (the only CLI path that imports Textual)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from . import Context, journal_path


def demo_copy(folder: Path) -> Path:
    """A fresh, writable copy of the shipped demo journal, dates shifted to this week."""
    from ..exchange.demo import write_demo_journal

    target = folder / "journal.json"
    write_demo_journal(target)
    return target


def run_app(ctx: Context) -> int:
    from ..settings import load_settings, settings_path
    from ..storage.store import JournalStore

    settings = load_settings()
    tmp: tempfile.TemporaryDirectory[str] | None = None
    if ctx.args.demo:
        tmp = tempfile.TemporaryDirectory(prefix="smn-demo-")
        path = demo_copy(Path(tmp.name))
    else:
        path = journal_path(ctx.args)
    try:
        store = JournalStore(path, app=True)
        try:
            from ..app import SmnApp

            app = SmnApp(store, settings=settings, save_settings_to=settings_path())
            app.run()
        finally:
            store.close()
    finally:
        if tmp is not None:
            shutil.rmtree(tmp.name, ignore_errors=True)
    return app.return_code or 0
