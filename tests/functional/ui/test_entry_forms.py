"""Logging helpful acts and interactions through the forms, from every screen."""

from __future__ import annotations

from datetime import timedelta

from textual import events
from textual.widgets import Input, Static

from smn_tui.dialogs.act_form import ActForm
from smn_tui.dialogs.interaction_form import InteractionForm

SIZE = (100, 30)


class Keys:
    """Presses keys, counting every press except the characters of typed text."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.count = 0

    async def press(self, *keys: str) -> None:
        self.count += len(keys)
        await self.pilot.press(*keys)

    async def type(self, text: str) -> None:
        await self.pilot.press(*text)


async def start_without_selection(app, pilot) -> None:
    """Forms opened from the contacts screen start with its selection; start from the acts screen."""
    app.switch_mode("acts")
    await pilot.pause()


def only_act_for(store, contact_id, note):
    acts = [a for a in store.acts_for(contact_id) if a.note == note]
    assert len(acts) == 1, acts
    return acts[0]


async def test_log_an_act_from_every_screen_within_twelve_presses(seeded, app_factory, today):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        for mode in ("contacts", "acts", "audit", "review"):
            app.switch_mode(mode)
            await pilot.pause()
            keys = Keys(pilot)
            if mode == "contacts":
                app.screen.select_contact(people["Ada"].id)
                await pilot.pause()
            if mode == "audit":  # the cursor starts in the first unanswered box; Esc leaves it
                await keys.press("escape")
            await keys.press("h")
            assert isinstance(app.screen, ActForm), mode
            if mode in ("contacts", "review"):
                # The selected contact (on the review: Ada, first of the people helped) is
                # filled in; the note has the focus.
                assert [p.name for p in app.screen.query_one("#who").chosen] == ["Ada Lovelace"]
            else:
                await keys.type("ada")
                await keys.press("enter")
                await keys.press("tab")
            await keys.type(f"Read {mode}")
            await keys.press("ctrl+s")
            assert not isinstance(app.screen, ActForm), mode
            assert keys.count <= 12
            act = only_act_for(store, people["Ada"].id, f"Read {mode}")
            assert act.contact_ids == [people["Ada"].id]
            assert act.on == today and act.impact == "day" and act.asked is False and act.minutes is None


async def test_log_an_act_for_two_people_with_every_field(seeded, app_factory, today):
    store, people = seeded
    before = store.acts_for(people["Marie"].id)
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await start_without_selection(app, pilot)
        keys = Keys(pilot)
        await keys.press("h")
        await keys.type("mar")
        await keys.press("enter")
        await keys.type("ros")
        await keys.press("enter")
        form = app.screen
        assert [p.name for p in form.query_one("#who").chosen] == ["Marie Curie", "Rosalind Franklin"]
        await keys.press("tab")
        form.query_one("#note", Input).value = "Shared [link=https://x]a dataset[/link]"
        form.query_one("#kind").value = "resource"
        form.query_one("#impact").value = "week"
        form.query_one("#asked").value = True
        form.query_one("#minutes", Input).value = "20"
        form.query_one("#platform").value = "email"
        form.query_one("#date", Input).value = "yesterday"
        form.query_one("#outcome", Input).value = "They published"
        form.query_one("#outcome", Input).focus()
        await pilot.pause()
        await keys.press("enter")  # Enter on the last field stays there, and saves nothing
        assert isinstance(app.screen, ActForm) and app.screen.focused.id == "outcome"
        assert store.acts_for(people["Marie"].id) == before
        await keys.press("tab", "enter")  # on the Save button
        assert not isinstance(app.screen, ActForm)
    act = only_act_for(store, people["Marie"].id, "Shared [link=https://x]a dataset[/link]")
    assert act.contact_ids == [people["Marie"].id, people["Rosalind"].id]
    assert (act.kind, act.impact, act.asked, act.minutes, act.platform, act.outcome) == (
        "resource", "week", True, 20, "email", "They published")
    assert act.on == today - timedelta(days=1)


async def test_new_contact_created_in_the_form_with_the_act(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    before = len(store.contacts())
    async with app.run_test(size=SIZE) as pilot:
        await start_without_selection(app, pilot)
        keys = Keys(pilot)
        await keys.press("h")
        await keys.type("[bold red]Eve[/]")
        options = app.screen.query_one(".suggestions")
        assert options.option_count == 1  # nobody matches: only "+ Add ..."
        await keys.press("enter")
        chip = app.screen.query_one(".chip")
        assert "[bold red]Eve[/]" in str(chip.label)
        await keys.press("tab")
        await keys.type("Hi")
        await keys.press("ctrl+s")
        assert not isinstance(app.screen, ActForm)
        await pilot.press("2")
        await pilot.pause()
        ledger = app.screen.query_one("#ledger")
        line = "".join(seg.text for seg in ledger.render_line(1))
        assert "[bold red]Eve[/]" in line  # shown as typed, never read as markup
    contacts = {c.name: c for c in store.contacts()}
    assert len(contacts) == before + 1
    eve = contacts["[bold red]Eve[/]"]
    assert only_act_for(store, eve.id, "Hi").contact_ids == [eve.id]


async def test_removing_a_chosen_person_and_cancel_saves_nothing(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    count = store.count("acts")
    async with app.run_test(size=SIZE) as pilot:
        await start_without_selection(app, pilot)
        await pilot.press("h", *"ada", "enter", *"gra", "enter")
        await pilot.pause()
        picker = app.screen.query_one("#who")
        await pilot.click(picker.query(".chip").first())
        await pilot.pause()
        assert [p.name for p in picker.chosen] == ["Grace Hopper"]
        await pilot.press("escape")
        assert not isinstance(app.screen, ActForm)
    assert store.count("acts") == count


async def test_errors_show_inline_keep_the_input_then_save_when_fixed(seeded, app_factory, today):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await start_without_selection(app, pilot)
        await pilot.press("h", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActForm)
        assert form.query_one("#who-error", Static).display
        assert form.query_one("#note-error", Static).display
        assert not form.query_one("#date-error", Static).display
        await pilot.press(*"gra", "enter", "tab", *"Boost")
        form.query_one("#date", Input).value = "2026-12-24"
        form.query_one("#minutes", Input).value = "ten"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        date_error = form.query_one("#date-error", Static)
        assert date_error.display and "future" in str(date_error.render())
        assert form.query_one("#minutes-error", Static).display
        assert form.query_one("#note", Input).value == "Boost"
        assert form.query_one("#date", Input).value == "2026-12-24"
        form.query_one("#date", Input).value = "last friday"
        form.query_one("#minutes", Input).value = "10"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    act = only_act_for(store, people["Grace"].id, "Boost")
    assert act.on == today - timedelta(days=5) and act.minutes == 10


async def test_act_form_opens_prefilled_from_a_screen_selection(seeded, app_factory):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.selected_contact_ids = lambda: [people["Hedy"].id]
        await pilot.press("h")
        await pilot.pause()
        assert [p.name for p in app.screen.query_one("#who").chosen] == ["Hedy Lamarr"]
        assert app.focused is app.screen.query_one("#note")
        await pilot.press(*"Card", "ctrl+s")
        await pilot.pause()
    only_act_for(store, people["Hedy"].id, "Card")


async def test_log_an_interaction_through_the_form(seeded, app_factory, today):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await start_without_selection(app, pilot)
        app.action_log_interaction()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, InteractionForm)
        await pilot.press(*"lin", "enter")
        form.query_one("#platform").value = "x"
        form.query_one("#kind").value = "message"
        form.query_one("#real").value = False
        form.query_one("#date", Input).value = "2 days ago"
        form.query_one("#note", Input).focus()
        await pilot.press(*"Re", "ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    found = [i for i in store.interactions_for(people["Linus"].id) if i.note == "Re"]
    assert len(found) == 1
    it = found[0]
    assert (it.platform, it.kind, it.real, it.on) == ("x", "message", False, today - timedelta(days=2))


async def test_palette_offers_logging_commands(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
    assert "Log a helpful act" in titles and "Log an interaction" in titles


def test_people_search_ranks_name_start_then_word_start_then_handles(seeded):
    from smn_tui.dialogs.people_search import PeopleIndex
    from smn_tui.domain.models import Contact

    store, people = seeded
    store.add_contact(Contact("Ada Archived", archived=True))
    store.add_contact(Contact("Tim Adams"))
    index = PeopleIndex.of(store)
    assert [p.name for p in index.search("ada", set())] == ["Ada Lovelace", "Tim Adams", "Ada Archived"]
    assert [p.name for p in index.search("ada", {people["Ada"].id})] == ["Tim Adams", "Ada Archived"]
    assert [p.name for p in index.search("turing al", set())] == ["Alan Turing"]
    assert [p.name for p in index.search("ewd", set())] == ["Edsger Dijkstra"]  # a handle
    assert [p.name for p in index.search("mentor", set())] == ["Ada Lovelace", "Barbara Liskov", "Grace Hopper"]
    assert index.search("zzz", set()) == []
    assert PeopleIndex.of(store) is index  # reused until the journal changes


def _burst(app, text: str) -> None:
    """Keys arriving in one instant, as a terminal sends a paste."""
    names = {"/": "slash", " ": "space"}
    for char in text:
        app.post_message(events.Key(names.get(char, char), char))


async def test_letters_typed_with_the_key_that_opens_a_form_go_into_the_form(seeded, app_factory):
    from smn_tui.dialogs.confirm import ConfirmDialog
    from smn_tui.dialogs.contact_form import ContactForm

    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        for keys, form, box, text in (("h", ActForm, "#note", "Sent the slides"),
                                      ("n", ContactForm, "#name", "Grace Kelly")):
            _burst(app, keys + text)
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, form)
            assert app.screen.query_one(box, Input).value == text
            await pilot.press("escape")  # the typing would be lost: asks first
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await pilot.pause()
        assert not [c for c in store.contacts(include_archived=True) if c.archived]  # no letter ran a binding
        # A form's own letter keys still work: "n" keeps the contact in the delete confirmation.
        app.screen.select_contact(people["Ada"].id)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert store.get_contact(people["Ada"].id).name == "Ada Lovelace"
