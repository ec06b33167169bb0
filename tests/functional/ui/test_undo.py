"""Ctrl+Z undoes the journal's last change, whatever it was and wherever it was made; Ctrl+Y redoes."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import TextArea

from smn_tui.dialogs.confirm import ConfirmDialog
from smn_tui.dialogs.contact_form import ContactForm
from smn_tui.domain.models import Contact, HelpfulAct, Interaction
from smn_tui.storage.store import JournalStore

from .test_contacts import names, type_text
from .test_notices import toasts

SIZE = (100, 30)


def last_toast(app) -> str:
    return toasts(app)[-1]


async def test_undo_an_add_an_edit_and_a_delete_then_redo(seeded, app_factory):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Grace Kelly")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Grace Kelly" in names(app)
        assert last_toast(app) == "Saved Grace Kelly. Ctrl+Z undoes it."

        app.screen.select_contact(people["Ada"].id)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#name").value = "Ada King"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.get_contact(people["Ada"].id).name == "Ada King"

        app.screen.select_contact(people["Linus"].id)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Linus Pauling" not in names(app)

        await pilot.press("ctrl+z")  # the delete
        await pilot.pause()
        assert "Linus Pauling" in names(app)
        assert last_toast(app) == "Undone · Ctrl+Y redoes it.\nDeleted Linus Pauling"
        await pilot.press("ctrl+z")  # the edit
        await pilot.pause()
        assert store.get_contact(people["Ada"].id).name == "Ada Lovelace"
        assert "Ada Lovelace" in names(app)
        await pilot.press("ctrl+z")  # the add
        await pilot.pause()
        assert "Grace Kelly" not in names(app)

        await pilot.press("ctrl+y")  # the add, back
        await pilot.pause()
        assert "Grace Kelly" in names(app)
        assert last_toast(app) == "Redone · Ctrl+Z undoes it.\nAdded Grace Kelly"
        await pilot.press("ctrl+shift+z")  # the edit, back
        await pilot.pause()
        assert store.get_contact(people["Ada"].id).name == "Ada King"


async def test_delete_a_contact_with_three_entries_and_undo_brings_all_of_it_back(store, app_factory, today):
    eve, bob = store.add_contact(Contact("Eve Example")), store.add_contact(Contact("Bob Other"))
    alone = store.add_interaction(Interaction([eve.id], today, kind="conversation", note="Long call"))
    act = store.add_act(HelpfulAct([eve.id], today - timedelta(days=1), "Sent the notes"))
    shared = store.add_interaction(Interaction([eve.id, bob.id], today - timedelta(days=2), kind="meeting"))
    before = store.export_tables()
    app = app_factory(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.screen.select_contact(eve.id)
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        message = str(dialog.query_one("#confirm-message").render())
        assert "Goes too, as nobody else was there: 1 interaction and 1 helpful act." in message
        assert "Long call" in message and "Sent the notes" in message
        assert "Taken off, and kept for the others there: 1 interaction." in message and "Bob Other" in message
        assert str(dialog.query_one("#confirm-note").render()) == "Ctrl+Z brings it all back."
        await pilot.press("y")
        await pilot.pause()
        assert store.interactions_for(eve.id) == [] and store.get_interaction(shared.id).contact_ids == [bob.id]

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.get_contact(eve.id).name == "Eve Example"
        assert store.get_interaction(alone.id) == alone
        assert store.get_act(act.id) == act
        assert store.get_interaction(shared.id).contact_ids == [eve.id, bob.id]
        assert store.export_tables() == before
        assert "Eve Example" in names(app)


async def test_undo_reaches_a_change_made_in_the_shell(seeded, app_factory, journal_path, today):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        shell = JournalStore(journal_path)  # 'smn helped' in another terminal
        try:
            shell.add_act(HelpfulAct([people["Hedy"].id], today, "Sent [b]the patent[/b]"))
        finally:
            shell.close()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not [a for a in store.acts_for(people["Hedy"].id) if a.note.startswith("Sent")]
        assert last_toast(app) == f"Undone · Ctrl+Y redoes it.\nLogged a helpful act for Hedy Lamarr on {today}"
        reopened = JournalStore(journal_path)  # the undo is in the journal, for the shell too
        try:
            assert not [a for a in reopened.acts_for(people["Hedy"].id) if a.note.startswith("Sent")]
        finally:
            reopened.close()


async def test_undo_goes_fifty_changes_back(store, app_factory):
    added = [store.add_contact(Contact(f"Person {n:02d}")) for n in range(55)]
    app = app_factory(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for _ in range(50):
            await pilot.press("ctrl+z")
        await pilot.pause()
        assert [c.name for c in store.contacts()] == [c.name for c in added[:5]]
        assert names(app) == [c.name for c in added[:5]]


async def test_a_refused_undo_says_why(store, app_factory):
    app = app_factory(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert last_toast(app) == "Not undone\nThere is nothing to undo."
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert last_toast(app) == "Not redone\nThere is nothing to redo."
        [toast] = [t for t in app.screen.query("Toast") if "nothing to redo" in str(t.render())]
        assert toast.has_class("-error")


async def test_undo_names_a_contact_exactly_as_written(store, app_factory):
    eve = store.add_contact(Contact("[b]Eve[/b]"))
    store.archive_contact(eve.id)
    app = app_factory(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert last_toast(app) == "Undone · Ctrl+Y redoes it.\nArchived [b]Eve[/b]"
        assert not store.get_contact(eve.id).archived


async def test_in_a_form_ctrl_z_undoes_typing_not_the_journal(seeded, app_factory):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.screen.select_contact(people["Ada"].id)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        notes = form.query_one("#notes", TextArea)
        notes.focus()
        await type_text(pilot, "Likes tea")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert notes.text == ""  # the text area undid the typing
        form.query_one("#name").focus()
        await pilot.press("ctrl+z")  # a one-line box: nothing, and the journal is untouched
        await pilot.pause()
        assert app.screen is form
        assert len(store.contacts()) == 12
        assert not [t for t in toasts(app) if t.startswith("Undone")]
