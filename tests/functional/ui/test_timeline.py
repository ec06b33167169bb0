"""The contact's timeline takes the keyboard: move through the entries, Enter edits one, d deletes it."""

from __future__ import annotations

from textual.widgets import Input

from smn_tui.dialogs.act_form import ActForm
from smn_tui.dialogs.confirm import ConfirmDialog
from smn_tui.dialogs.interaction_form import InteractionForm
from smn_tui.screens.contacts import ContactsScreen
from smn_tui.widgets.timeline import Timeline

from .test_contacts import detail_text
from .test_notices import toasts

SIZE = (100, 30)


async def open_timeline(app, pilot, contact_id: str) -> Timeline:
    app.screen.select_contact(contact_id)
    await pilot.pause()
    await pilot.press("tab")  # from the list to the timeline
    await pilot.pause()
    timeline = app.screen.query_one(Timeline)
    assert app.screen.focused is timeline
    return timeline


async def test_edit_an_interaction_from_the_timeline(seeded, app_factory):
    store, people = seeded
    grace = people["Grace"]
    app = app_factory(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        timeline = await open_timeline(app, pilot, grace.id)
        assert timeline.current.note == "Shared her compiler talk"  # newest first: the act
        await pilot.press("down")
        entry = timeline.current
        assert entry.note == "Code review chat, week -1"
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, InteractionForm) and form.interaction == entry
        assert form.query_one("#note", Input).value == "Code review chat, week -1"
        assert [p.name for p in form.picker.chosen] == ["Grace Hopper"]
        form.query_one("#note", Input).value = "Code review chat about the compiler"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        assert store.get_interaction(entry.id).note == "Code review chat about the compiler"
        assert "Code review chat about the compiler" in detail_text(app)
        assert app.screen.focused is timeline and timeline.current.id == entry.id  # still on it
        assert any(t.endswith("Ctrl+Z undoes it.") for t in toasts(app))


async def test_enter_on_an_act_opens_the_act_form(seeded, app_factory):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        timeline = await open_timeline(app, pilot, people["Grace"].id)
        act = timeline.current
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActForm) and app.screen.act == act
        assert app.screen.query_one("#note", Input).value == "Shared her compiler talk"


async def test_delete_an_interaction_from_the_timeline_then_undo(seeded, app_factory):
    store, people = seeded
    grace = people["Grace"]
    app = app_factory(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        timeline = await open_timeline(app, pilot, grace.id)
        await pilot.press("down", "down")
        entry = timeline.current
        assert entry.note == "Code review chat, week -2"
        await pilot.press("d")  # the entry's, not the contact's delete
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.title_text == "Delete this interaction?"
        message = str(dialog.query_one("#confirm-message").render())
        assert "conversation · github" in message and "Code review chat, week -2" in message
        assert str(dialog.query_one("#confirm-note").render()) == "Ctrl+Z brings it back."
        await pilot.press("y")
        await pilot.pause()
        assert entry.id not in {i.id for i in store.interactions_for(grace.id)}
        assert store.get_contact(grace.id).name == "Grace Hopper"
        assert "Code review chat, week -2" not in detail_text(app)
        assert timeline.current.note == "Code review chat, week -3"  # the cursor stays on the line
        assert toasts(app)[-1] == "Deleted the conversation with Grace Hopper on 11 Nov. Ctrl+Z undoes it."

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.get_interaction(entry.id) == entry
        assert "Code review chat, week -2" in detail_text(app)


async def test_the_timeline_keys_are_in_the_footer_and_the_help(seeded, app_factory):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(app, pilot, people["Grace"].id)
        shown = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"Edit entry", "Delete entry"} <= shown
        assert "Delete" not in shown  # d deletes the entry here, not the contact
    helps = {b.description for _, bindings in app.help_sections() for b in bindings}
    assert {"Edit entry", "Delete entry"} <= helps


async def test_a_contact_with_nothing_journaled_has_nothing_to_edit(store, app_factory):
    from smn_tui.domain.models import Contact

    eve = store.add_contact(Contact("Eve"))
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(app, pilot, eve.id)
        await pilot.press("d", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)  # neither the contact's delete nor a form
        assert store.get_contact(eve.id).name == "Eve"
