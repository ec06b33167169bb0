"""Forms never lose what was typed: Esc asks before discarding changes, Enter never saves."""

from __future__ import annotations

from textual.widgets import Footer, Input, TextArea

from smn_tui.dialogs.act_form import ActForm
from smn_tui.dialogs.confirm import ConfirmDialog
from smn_tui.dialogs.contact_form import ContactForm
from smn_tui.dialogs.interaction_form import InteractionForm
from smn_tui.screens.contacts import ContactsScreen

from .test_contacts import type_text

SIZE = (100, 30)


async def test_esc_on_a_changed_form_asks_and_keeps_the_text_by_default(seeded, app_factory):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_contact(people["Ada"].id)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        form.query_one("#notes", TextArea).text = "A long note about how we met at the conference"
        for _ in range(3):
            await form.action_add_platform()
        rows = list(form.query(".platform-handle"))
        for n, row in enumerate(rows[-3:]):
            row.value = f"https://github.com/ada{n}"
        await pilot.press("escape")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.title_text == "Discard your changes?"
        assert question.focused.id == "confirm-no"  # keeping them is the default
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#notes", TextArea).text == "A long note about how we met at the conference"
        assert [r.value for r in form.query(".platform-handle")][-3:] == [f"https://github.com/ada{n}"
                                                                         for n in range(3)]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        assert store.get_contact(people["Ada"].id).notes == ""


async def test_esc_on_an_unchanged_form_closes_at_once(seeded, app_factory):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_contact(people["Ada"].id)
        for key, form_class in (("e", ContactForm), ("n", ContactForm), ("i", InteractionForm), ("h", ActForm)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, form_class)
            if key == "n":
                await pilot.press("ctrl+n")  # an empty platform row is no change
                await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ContactsScreen), key


async def test_typing_then_rubbing_it_out_is_no_change(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Eve")
        await pilot.press("backspace", "backspace", "backspace", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)


async def test_enter_in_the_people_field_moves_on_and_never_saves(seeded, app_factory):
    store, people = seeded
    ada = people["Ada"]
    before = store.interactions_for(ada.id)
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_contact(ada.id)
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, InteractionForm)
        form.picker.input.focus()
        await pilot.pause()
        assert form.picker.input.placeholder == "Another name, or Enter to go on"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert form.focused is form.query_one("#date", Input)  # moved on to the next field
        for _ in range(3):
            await pilot.press("enter")  # on through the fields
            await pilot.pause()
            assert app.screen is form
        form.query_one("#note", Input).focus()
        await pilot.press("enter", "enter")  # the last field: it stays there, and nothing is saved
        await pilot.pause()
        assert app.screen is form and form.focused.id == "note"
        assert store.interactions_for(ada.id) == before
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, InteractionForm)
        assert len(store.interactions_for(ada.id)) == len(before) + 1


async def test_the_form_footer_says_how_to_save(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        form = app.screen
        assert form.query_one(Footer)
        shown = {b.binding.key: b.binding.description for b in form.active_bindings.values() if b.binding.show}
        assert shown.get("ctrl+s") == "Save"
        assert "h" not in shown and "ctrl+z" not in shown  # no app keys that do nothing here
        hint = str(form.query_one("#form-hint").render())
        assert hint == "Enter: next field · Ctrl+S saves"
