from textual.widgets import Button, Static

from smn_tui.dialogs.import_dialog import ImportDialog

from ...exchange.helpers import by_name, fixture


async def _open_from_palette(pilot):
    await pilot.press("ctrl+p")
    await pilot.pause()
    for ch in "Import contacts":
        await pilot.press("space" if ch == " " else ch)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ImportDialog)
    return pilot.app.screen


async def _preview(pilot, dialog, path):
    dialog.query_one("#import-path").value = str(path)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return str(dialog.query_one("#import-summary", Static).render())


async def test_palette_entry_previews_then_imports(store, app_factory):
    app = app_factory(store)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open_from_palette(pilot)
        summary = await _preview(pilot, dialog, fixture("contacts.vcf"))
        assert "Dry run, nothing written: vCard file contacts.vcf" in summary
        assert "to add:     4 new contact(s)" in summary
        assert "line 28: 'this line is not a property' is not a vCard property; left out" in summary
        assert store.count("contacts") == 0  # the preview wrote nothing
        confirm = dialog.query_one("#import-confirm", Button)
        assert not confirm.disabled and app.focused is confirm
        await pilot.press("enter")
        await app.workers.wait_for_complete()  # the commit runs on a thread
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
        assert sorted(by_name(store)) == ["Ada Lovelace", "Broken Card", "Jürgen Müller", "Zoë Ångström"]


async def test_a_bad_file_shows_an_error_not_a_traceback(store, app_factory):
    app = app_factory(store)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open_from_palette(pilot)
        summary = await _preview(pilot, dialog, fixture("binary.bin"))
        assert "Cannot tell what kind of export this is" in summary
        assert dialog.query_one("#import-summary").has_class("-error")
        assert dialog.query_one("#import-confirm", Button).disabled
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
        assert store.count("contacts") == 0


async def test_a_journal_changed_after_the_preview_is_previewed_again(store, app_factory):
    from smn_tui.domain.models import Contact

    app = app_factory(store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open_from_palette(pilot)
        await _preview(pilot, dialog, fixture("Connections.csv"))
        store.add_contact(Contact("Ada Lovelace", platforms=[("email", "ada@example.org")]))
        await pilot.press("enter")  # Import has the focus
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        assert "The journal changed since the preview" in str(dialog.query_one("#import-summary").render())
        assert store.count("contacts") == 1


async def test_a_failed_commit_keeps_the_dialog_and_says_why(store, app_factory, monkeypatch):
    from smn_tui.storage.journal_file import StorageError

    def refuse(records):
        raise StorageError("The disk is full.")

    app = app_factory(store)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open_from_palette(pilot)
        await _preview(pilot, dialog, fixture("contacts.vcf"))
        monkeypatch.setattr(store, "add_many", refuse)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is dialog
        assert any("The disk is full." in str(n.message) for n in app._notifications)
        assert not dialog.query_one("#import-confirm", Button).disabled  # free to try again
        assert store.count("contacts") == 0


def test_the_dialog_offers_every_format_of_the_registry():
    from smn_tui.dialogs.import_dialog import KIND_CHOICES
    from smn_tui.exchange.formats import IMPORT_FORMATS

    assert [value for _, value in KIND_CHOICES] == ["auto", *IMPORT_FORMATS]
    assert "outlook" in IMPORT_FORMATS and "ics" in IMPORT_FORMATS


async def test_a_calendar_previews_and_imports_from_the_dialog(store, app_factory, tmp_path):
    from smn_tui.domain.models import Contact

    ada = Contact("Ada Lovelace", platforms=[("email", "ada@example.org")])
    store.add_contact(ada)
    path = tmp_path / "work.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:review-1@example.org\r\n"
                    "DTSTART:20200302T100000\r\nSUMMARY:Design review\r\nLOCATION:https://meet.google.com/x\r\n"
                    "ATTENDEE;CN=Ada:mailto:ada@example.org\r\nATTENDEE;CN=Bo:mailto:bo@example.org\r\n"
                    "END:VEVENT\r\nEND:VCALENDAR\r\n")
    app = app_factory(store)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open_from_palette(pilot)
        summary = await _preview(pilot, dialog, path)
        assert "Dry run, nothing written: iCalendar file work.ics" in summary
        assert "1 meeting or event in the journal" in summary
        assert "bo@example.org (Bo): 1 event(s)" in summary
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
    (meeting,) = store.interactions_for(ada.id)
    assert (meeting.kind, meeting.platform, meeting.note) == ("meeting", "google meet", "Design review")
