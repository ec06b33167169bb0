"""The contacts filter finds birthdays soon and what you wrote (notes, how you met), marking where; the
contact form reads platforms and birthdays as the command line does, dates in the order the palette set."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.command import CommandPalette
from textual.widgets import Input, Static

from smn_tui.dialogs.act_form import ActForm
from smn_tui.dialogs.contact_form import ContactForm
from smn_tui.dialogs.people_search import PeopleIndex
from smn_tui.domain.birthdays import MonthDay
from smn_tui.screens.contacts import ContactsScreen
from smn_tui.settings import load_settings, settings_path
from smn_tui.widgets.contact_detail import ContactDetail

from .test_contacts import names, type_text

SIZE = (100, 30)


def marked_words(app) -> list[str]:
    """The pieces of text the detail pane draws in its match style."""
    detail = app.screen.query_one(ContactDetail)
    style = detail.get_component_rich_style("contact-detail--match")
    texts: list[Text] = []
    head = detail._head
    assert isinstance(head, Group)
    for part in head.renderables:
        if isinstance(part, Text):
            texts.append(part)
        elif isinstance(part, Table):
            texts.extend(cell for column in part.columns for cell in column.cells if isinstance(cell, Text))
    return [t.plain[s.start:s.end] for t in texts for s in t.spans if s.style == style]


async def set_filter(app, pilot, text: str) -> None:
    app.screen.query_one("#contacts-filter", Input).value = text
    await pilot.pause()
    await pilot.pause()


async def test_birthday_finds_who_has_one_in_the_next_two_weeks(seeded, app_factory, today):
    store, people = seeded
    assert today == date(2026, 11, 25)
    for name, birthday in (("Ada", MonthDay(12, 1)), ("Grace", date(1906, 12, 9)),  # in 6 and 14 days
                           ("Linus", date(1901, 12, 12)), ("Marie", MonthDay(11, 24))):  # in 17 days, a year
        store.update_contact(replace(people[name], birthday=birthday))
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await set_filter(app, pilot, "birthday")
        assert names(app) == ["Ada Lovelace", "Grace Hopper"]
        await set_filter(app, pilot, "birthday #math")
        assert names(app) == ["Ada Lovelace"]
        await set_filter(app, pilot, "birthd")  # a word like any other until it is the whole word
        assert names(app) == []
        store.update_contact(replace(store.get_contact(people["Linus"].id), birthday=MonthDay(11, 30)))
        app.journal_changed()
        await set_filter(app, pilot, "birthday")
        assert names(app) == ["Ada Lovelace", "Grace Hopper", "Linus Pauling"]


async def test_the_filter_searches_notes_and_how_you_met_and_marks_them(seeded, app_factory):
    store, people = seeded
    store.update_contact(replace(people["Ada"], notes="Loves compilers and the Analytical Engine."))
    store.update_contact(replace(people["Hedy"], notes="Frequency hopping, torpedoes"))
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "compilers")
        await pilot.pause()
        await pilot.pause()
        assert names(app) == ["Ada Lovelace"]
        assert marked_words(app) == ["compilers"]
        await set_filter(app, pilot, "conference")  # how Ada and nobody else met
        assert names(app) == ["Ada Lovelace"]
        assert marked_words(app) == ["conference"]
        await set_filter(app, pilot, "hopp")  # Grace Hopper by name, Hedy by her notes
        assert sorted(names(app)) == ["Grace Hopper", "Hedy Lamarr"]
        app.screen.select_contact(people["Hedy"].id)
        await pilot.pause()
        assert marked_words(app) == ["hopp"]
        await set_filter(app, pilot, "")
        assert marked_words(app) == []


def test_the_people_picker_finds_names_and_handles_not_notes(seeded):
    store, people = seeded
    store.update_contact(replace(people["Ada"], notes="Loves compilers"))
    index = PeopleIndex.of(store)
    assert index.search("compilers", set()) == []
    assert [p.name for p in index.search("ewd", set())] == ["Edsger Dijkstra"]


async def test_a_url_an_email_or_a_phone_in_a_platform_box_names_the_platform(store, app_factory):
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        form.query_one("#name", Input).value = "Grace Hopper"
        form.query_one(".platform-handle", Input).focus()
        await type_text(pilot, "https://github.com/ghopper")
        for handle in ("grace@example.org", "+44 20 7946 0958"):
            await form.action_add_platform()
            form.query(".platform-handle").last(Input).value = handle
        await form.action_add_platform()
        form.query(".platform-name").last(Input).value = "https://www.linkedin.com/in/grace/"
        await pilot.pause()
        # Leaving a handle box named its platform on screen.
        assert form.query(".platform-name").first(Input).value == "github"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
    [grace] = store.contacts()
    assert [(p.platform, p.handle) for p in grace.platforms] == [
        ("github", "https://github.com/ghopper"), ("email", "grace@example.org"), ("phone", "+44 20 7946 0958"),
        ("linkedin", "https://www.linkedin.com/in/grace/")]


async def test_a_handle_that_names_no_platform_asks_for_one(store, app_factory):
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#name", Input).value = "Ada"
        form.query_one(".platform-handle", Input).value = "@ada"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Name the platform" in str(form.query_one("#platforms-error", Static).render())


async def choose_in_palette(app, pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await type_text(pilot, words)
    await app.screen.workers.wait_for_complete()
    await pilot.pause(0.2)
    await pilot.press("enter")
    await pilot.pause()


async def test_the_date_order_is_chosen_in_the_palette_and_read_by_the_forms(seeded, app_factory, today):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_contact(people["Ada"].id)
        await pilot.press("h")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActForm)
        form.query_one("#note", Input).value = "Sent the paper"
        form.query_one("#date", Input).value = "3/11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused: either way round
        error = str(form.query_one("#date-error", Static).render())
        assert "could be 3 Nov or 11 Mar" in error and "Ctrl+P" in error
        form.dismiss(None)
        await pilot.pause()

        await choose_in_palette(app, pilot, "numeric dates day first")
        assert app.settings.date_order == "day-first"
        assert load_settings(settings_path()).date_order == "day-first"

        await pilot.press("h")
        await pilot.pause()
        form = app.screen
        form.query_one("#note", Input).value = "Sent the paper"
        form.query_one("#date", Input).value = "3/11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ActForm)
        assert [a.on for a in store.acts_for(people["Ada"].id) if a.note == "Sent the paper"] == [date(2026, 11, 3)]

        await pilot.press("e")  # a birthday too, and without a year it stays without one
        await pilot.pause()
        app.screen.query_one("#birthday", Input).value = "4/12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.get_contact(people["Ada"].id).birthday == MonthDay(12, 4)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Read numeric dates day first" not in titles  # the one in use is not offered
        assert {"Read numeric dates month first", "Refuse numeric dates"} <= set(titles)
