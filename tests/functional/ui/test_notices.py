"""Notices show text exactly as written, and the journal poll says each error once."""

from __future__ import annotations

from smn_tui.domain.models import Contact
from smn_tui.storage.journal_file import StorageError

SIZE = (100, 30)


def toasts(app) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def test_a_toast_shows_a_name_as_written(store, app_factory):
    eve = store.add_contact(Contact("[b]Eve[/b]"))
    app = app_factory(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.screen.select_contact(eve.id)
        await pilot.pause()
        await pilot.press("h", *"Sent the notes", "ctrl+s")
        await pilot.pause()
        assert "Logged a helpful act for [b]Eve[/b]. Ctrl+Z undoes it." in toasts(app)


async def test_a_journal_error_with_brackets_is_shown_once_until_it_changes(store, app_factory, monkeypatch):
    error = "The change log of /tmp/[/]journal.json is damaged at line 3."
    app = app_factory(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        def damaged() -> bool:
            raise StorageError(error)

        monkeypatch.setattr(store, "refresh", damaged)
        for _ in range(3):  # three seconds of polling
            app.poll_journal()
            await pilot.pause()
        assert [t for t in toasts(app) if "damaged" in t] == [f"Journal\n{error}"]
        monkeypatch.setattr(store, "refresh", lambda: False)  # mended
        app.poll_journal()
        monkeypatch.setattr(store, "refresh", damaged)  # and damaged again: said again
        app.poll_journal()
        await pilot.pause()
        assert len([t for t in toasts(app) if "damaged" in t]) == 2
