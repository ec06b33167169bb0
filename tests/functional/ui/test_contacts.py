"""The contacts journal, driven through the keyboard and mouse."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta

import pytest
from rich.console import Console
from textual import events
from textual.widgets import Input, Select, Static

from smn_tui.dialogs.confirm import ConfirmDialog
from smn_tui.dialogs.contact_form import ContactForm
from smn_tui.dialogs.help import HelpDialog
from smn_tui.domain.due import due_state
from smn_tui.domain.models import Contact, HelpfulAct, Interaction
from smn_tui.screens.contacts import ContactsScreen
from smn_tui.settings import load_settings, settings_path
from smn_tui.storage.memory.indexes import search_text as index_text
from smn_tui.storage.store import JournalStore
from smn_tui.storage.summaries import ContactSummary, search_text
from smn_tui.widgets.contact_detail import ContactDetail
from smn_tui.widgets.contact_filter import ContactFilter
from smn_tui.widgets.contact_list import ContactList

SIZE = (100, 30)


def names(app) -> list[str]:
    return [r.name for r in app.screen.query_one(ContactList).rows]


def line_text(contact_list: ContactList, y: int) -> str:
    return "".join(segment.text for segment in contact_list.render_line(y))


def plain(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def detail_text(app) -> str:
    return plain(app.screen.query_one(ContactDetail).content)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def test_add_first_contact_from_the_empty_state(store, app_factory):
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert screen.has_class("-empty")
        empty = str(screen.query_one("#contacts-empty", Static).render())
        assert "Press n" in empty and "smn --demo" in empty

        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await type_text(pilot, "Ada Lovelace")
        await pilot.press("tab", "l", "i", "n", "right")  # accept the suggested platform
        await pilot.press("tab")
        await type_text(pilot, "in/ada")
        app.screen.query_one("#tags", Input).focus()
        await type_text(pilot, "mentor,math")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, ContactsScreen)
        assert not app.screen.has_class("-empty")
        [ada] = store.contacts()
        assert ada.name == "Ada Lovelace"
        assert [(p.platform, p.handle) for p in ada.platforms] == [("linkedin", "in/ada")]
        assert ada.tags == ["mentor", "math"]
        assert names(app) == ["Ada Lovelace"]
        assert "in/ada" in detail_text(app)


async def test_edit_shows_errors_inline_keeps_the_typing_then_saves_the_fix(seeded, app_factory):
    store, people = seeded
    ada = people["Ada"]
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_contact(ada.id)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#name", Input).value == "Ada Lovelace"
        form.query_one("#name", Input).value = "  "
        form.query_one("#birthday", Input).focus()
        await type_text(pilot, "the day after")
        form.query_one("#tags", Input).value = "mentor, bad!tag"
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is form  # still open
        errors = {f: str(form.query_one(f"#{f}-error", Static).render()) for f in ("name", "birthday", "tags")}
        assert errors["name"] == "Name is required."
        assert "is not a birthday" in errors["birthday"] and "the day after" in errors["birthday"]
        assert "bad!tag" in errors["tags"]
        assert form.query_one("#birthday-error").has_class("-shown")
        assert not form.query_one("#how_met-error").has_class("-shown")
        assert form.query_one("#birthday", Input).value == "the day after"  # kept as typed
        assert store.get_contact(ada.id).name == "Ada Lovelace"  # nothing saved

        form.query_one("#name", Input).value = "Ada King"
        form.query_one("#birthday", Input).value = "12 March 1990"
        form.query_one("#tags", Input).value = "mentor, math, poetry"
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, ContactsScreen)
        saved = store.get_contact(ada.id)
        assert saved.name == "Ada King"
        assert saved.birthday == date(1990, 3, 12)
        assert saved.tags == ["mentor", "math", "poetry"]
        assert saved.platforms == ada.platforms  # untouched fields survive an edit
        assert app.screen.query_one(ContactList).highlighted_id == ada.id


async def test_custom_cadence_and_platform_rows(seeded, app_factory):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_contact(people["Linus"].id)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        await pilot.click("#add-platform")
        await pilot.pause()
        rows = list(form.query(".platform-row"))
        assert len(rows) == 2
        rows[1].query_one(".platform-name", Input).value = "GitHub"
        rows[1].query_one(".platform-handle", Input).value = "linus"
        await pilot.click(rows[0].query_one(".platform-remove"))
        await pilot.pause()
        form.query_one("#cadence", Select).value = "custom"
        await pilot.pause()
        custom = form.query_one("#cadence-days", Input)
        assert not custom.has_class("-hidden")
        custom.value = "45"
        await pilot.click("#save")
        await pilot.pause()
        saved = store.get_contact(people["Linus"].id)
        assert [(p.platform, p.handle) for p in saved.platforms] == [("github", "linus")]
        assert saved.cadence_days == 45


async def test_tags_and_platforms_are_suggested_while_typing(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#tags", Input).focus()
        await type_text(pilot, "friend, sci")
        await pilot.pause()
        await pilot.press("right")
        assert form.query_one("#tags", Input).value == "friend, science"
        form.query_one(".platform-name", Input).focus()
        await type_text(pilot, "mas")
        await pilot.pause()
        await pilot.press("right")
        assert form.query_one(".platform-name", Input).value == "mastodon"


async def test_filter_by_words_tags_platforms_and_due(seeded, app_factory, today):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        assert len(names(app)) == 12
        await pilot.press("slash")
        assert app.focused is app.screen.query_one("#contacts-filter", Input)
        await type_text(pilot, "#mentor")
        assert sorted(names(app)) == ["Ada Lovelace", "Barbara Liskov", "Grace Hopper"]
        await pilot.press("space", "@", "g", "i", "t")
        assert names(app) == ["Grace Hopper"]

        await pilot.press("escape")
        assert len(names(app)) == 12
        assert app.focused is app.screen.query_one(ContactList)

        app.screen.query_one("#contacts-filter", Input).value = "@twitter"  # an alias of x
        await pilot.pause()
        assert sorted(names(app)) == ["Linus Pauling", "Marie Curie"]
        app.screen.query_one("#contacts-filter", Input).value = "#math @linkedin"
        await pilot.pause()
        assert sorted(names(app)) == ["Ada Lovelace", "Claude Shannon"]
        app.screen.query_one("#contacts-filter", Input).value = "hachyderm"  # a handle
        await pilot.pause()
        assert names(app) == ["Grace Hopper"]

        app.screen.query_one("#contacts-filter", Input).value = "due"
        await pilot.pause()
        expected = {d.contact.name for d in store.due_contacts(today)}
        assert expected and set(names(app)) == expected
        app.screen.query_one("#contacts-filter", Input).value = "nobody-has-this"
        await pilot.pause()
        assert names(app) == []
        assert "No contacts match" in line_text(app.screen.query_one(ContactList), 1)


async def test_sort_cycles_name_last_contact_most_overdue(seeded, app_factory, today):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        assert names(app) == sorted(names(app), key=str.casefold)
        await pilot.press("s")
        lasts = [r.last for r in app.screen.query_one(ContactList).rows]
        known = [d for d in lasts if d]
        assert known == sorted(known, reverse=True) and lasts[-1] is None
        await pilot.press("s")
        due_order = [d.contact.name for d in store.due_contacts(today, include_ok=True)]
        assert names(app)[: len(due_order)] == due_order


async def test_archive_hides_and_unarchive_brings_back(seeded, app_factory):
    store, people = seeded
    linus = people["Linus"]
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_contact(linus.id)
        await pilot.press("a")
        await pilot.pause()
        assert store.get_contact(linus.id).archived
        assert "Linus Pauling" not in names(app)
        await pilot.press("v")
        assert "Linus Pauling" in names(app)
        app.screen.select_contact(linus.id)
        await pilot.press("a")
        await pilot.pause()
        assert not store.get_contact(linus.id).archived


async def test_delete_asks_first_and_says_what_goes(seeded, app_factory):
    store, people = seeded
    katherine = people["Katherine"]
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_contact(katherine.id)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        message = str(app.screen.query_one("#confirm-message", Static).render())
        assert "Deletes Katherine Johnson." in message
        assert "nobody else was there: 1 interaction and 5 helpful acts." in message
        assert "cannot be undone" not in message
        assert str(app.screen.query_one("#confirm-note", Static).render()) == "Ctrl+Z brings it all back."
        await pilot.press("escape")  # cancel keeps everything
        await pilot.pause()
        assert store.get_contact(katherine.id)

        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        assert katherine.id not in {c.id for c in store.contacts(include_archived=True)}
        assert "Katherine Johnson" not in names(app)
        assert store.acts_for(katherine.id) == []
        # the cursor stays on the same line, now the next person's
        assert app.screen.query_one(ContactList).highlighted_id == people["Linus"].id


async def test_log_interaction_opens_the_form_for_the_selected_contact(seeded, app_factory, monkeypatch):
    # The interaction form itself is tested with it; here only the hand-over.
    store, people = seeded
    app = app_factory(store)
    calls = []
    monkeypatch.setattr(app, "open_interaction_form", lambda ids=(), *a, **k: calls.append(list(ids)))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_contact(people["Marie"].id)
        await pilot.press("i")
        assert calls == [[people["Marie"].id]]
        assert app.screen.selected_contact_ids() == [people["Marie"].id]


async def test_mouse_click_selects_a_row(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        contact_list = app.screen.query_one(ContactList)
        third = contact_list.rows[2]
        await pilot.click(ContactList, offset=(6, 1 + 1 + 2))  # border, header, third row
        await pilot.pause()
        assert contact_list.highlighted_id == third.id
        assert third.name in detail_text(app)


async def test_a_new_journal_entry_shows_in_the_detail_pane(seeded, app_factory, today):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_contact(people["Hedy"].id)
        await pilot.pause()
        assert "Called about [link=https://x]" not in detail_text(app)
        app.save(lambda: store.add_interaction(
            Interaction([people["Hedy"].id], today - timedelta(days=1), kind="conversation",
                        note="Called about [link=https://x] her patent")))
        await pilot.pause()
        assert "Called about [link=https://x] her patent" in detail_text(app)


async def test_saved_contacts_are_there_after_reopening(journal_path, app_factory):
    store = JournalStore(journal_path)
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Grace Hopper")
        await pilot.press("ctrl+s")
        await pilot.pause()
    store.close()

    reopened = JournalStore(journal_path)
    try:
        app = app_factory(reopened)
        async with app.run_test(size=SIZE):
            assert names(app) == ["Grace Hopper"]
            assert "Grace Hopper" in detail_text(app)
    finally:
        reopened.close()


async def test_markup_in_names_and_notes_shows_literally(store, app_factory):
    eve = store.add_contact(Contact("[bold red]Eve[/]", tags=["x"], notes="see [link=https://x]here[/link]"))
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        contact_list = app.screen.query_one(ContactList)
        assert "[bold red]Eve[/]" in line_text(contact_list, 1)
        text = detail_text(app)
        assert "[bold red]Eve[/]" in text and "see [link=https://x]here[/link]" in text
        await pilot.press("d")
        await pilot.pause()
        assert "Deletes [bold red]Eve[/]." in str(app.screen.query_one("#confirm-message", Static).render())
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#name", Input).value == eve.name


async def test_help_lists_the_keys_of_every_screen(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        text = "\n".join(plain(s.content) for s in app.screen.query(Static))
        for expected in ("Everywhere", "Contacts", "Add a contact", "Log an interaction",
                         "Delete the selected contact", "Review"):
            assert expected in text, expected
        await pilot.press("escape")
        assert isinstance(app.screen, ContactsScreen)


async def test_theme_is_remembered(store, app_factory):
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert load_settings(settings_path()).theme == "nord"


async def test_first_showing_of_a_screen_does_not_reparse_every_stylesheet(seeded, app_factory, monkeypatch):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        reparses = []
        real = app.stylesheet.reparse
        monkeypatch.setattr(app.stylesheet, "reparse", lambda: (reparses.append(1), real())[1])
        # On the audit the cursor starts in its first box, which takes digits; Esc leaves it.
        for key in ("2", "3", "escape", "4", "1"):
            await pilot.press(key)
            await pilot.pause()
        assert reparses == []
        acts = app._screen_stacks["acts"][0]
        before = acts.styles.background
        # A theme change still restyles the screens built before it.
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert reparses
        assert app.screen is acts and acts.styles.background != before


async def test_command_palette_offers_the_main_actions_each_once_as_sentences(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE):
        commands = list(app.get_system_commands(app.screen))
    titles = [c.title for c in commands]
    for expected in ("Add a contact", "Log an interaction", "Log a helpful act", "Open this week's audit",
                     "Show the week's review", "Export the week's review", "Undo the last change"):
        assert expected in titles
    assert len(titles) == len(set(titles))
    helps = [c.help for c in commands]
    assert len(helps) == len(set(helps))
    assert "Keys" not in titles  # the help (?) lists every key
    assert not any("the review the week" in t.lower() + h.lower() for t, h in zip(titles, helps, strict=True))


def test_list_status_agrees_with_the_store(seeded, today):
    store, _ = seeded
    expected = {d.contact.id: (d.status, d.due, d.days_overdue) for d in store.due_contacts(today, include_ok=True)}
    last = store.last_contact_dates()
    got = {}
    for cid, doc in store.contact_docs():
        state = due_state(doc.get("cadence_days"), bool(doc.get("archived")), doc["created"], last.get(cid), today)
        if state[0]:
            got[cid] = state
    assert got == expected


def test_filter_words_combine_with_and():
    doc = {"name": "Ada Lovelace", "platforms": [["x", "ada"], ["email", "ada@example.org"]], "tags": ["mentor"]}
    row = ContactSummary("1", "Ada Lovelace", status="due", tags=("mentor",), platforms=("x", "email"),
                         search=search_text(index_text(doc), ("mentor",), ("x", "email")))
    hits = lambda text: ContactFilter.parse(text).select([row]) == [row]  # noqa: E731
    assert hits("Ada  #Ment @twitter due")
    assert hits("@e") and hits("#m") and hits("ada@example")
    assert not hits("ada #x")  # x is a platform, not a tag
    assert not hits("@ada")  # a handle, not a platform
    assert not hits("ada grace")
    assert not ContactFilter.parse("due").select([replace(row, status="ok")])  # due is the status
    assert ContactFilter.parse("  # @ ").is_empty


async def test_thirty_thousand_contacts_open_and_filter(journal_path, app_factory):
    store = JournalStore(journal_path)
    try:
        people = [Contact(f"Person {n:05d}", platforms=[("linkedin", f"in/p{n}")],
                          tags=["t" + str(n % 50)], cadence_days=30 if n % 3 == 0 else None)
                  for n in range(30_000)]
        store.add_many(people)
        app = app_factory(store)
        async with app.run_test(size=SIZE) as pilot:
            contact_list = app.screen.query_one(ContactList)
            assert len(contact_list.rows) == 30_000
            await pilot.press("end")
            assert contact_list.highlighted_id == people[-1].id
            assert "Person 29999" in line_text(contact_list, contact_list.scrollable_content_region.height - 1)
            await pilot.press("slash")
            app.screen.query_one("#contacts-filter", Input).value = "person 123"
            await pilot.press("4")
            assert names(app) == [p.name for p in people if "1234" in p.name]  # words combine with AND
            await pilot.press("space", "#", "t", "4", "0")
            assert names(app) == ["Person 12340"]
    finally:
        store.close()


async def test_week_start_can_be_changed_and_is_remembered(seeded, app_factory):
    from smn_tui.screens.acts import ActsScreen
    from smn_tui.settings import load_settings, settings_path

    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.week.start.isoformat() == "2026-11-23"  # a Monday
        await app.set_week_start("sunday")
        await pilot.pause()
        assert app.this_week().start.isoformat() == "2026-11-22"
        assert "22–28 Nov" in app.sub_title
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, ActsScreen)
        assert app.screen.week.start.isoformat() == "2026-11-22"  # rebuilt on Sunday weeks
    assert load_settings(settings_path()).week_start == "sunday"


async def test_typing_and_backspacing_in_the_filter_matches_a_fresh_scan(seeded, app_factory):
    """Results reused while typing on or backspacing are the rows a fresh scan of every contact finds."""
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        pool = list(screen._pool())
        box = screen.query_one("#contacts-filter", Input)
        await pilot.press("slash")
        seen = set()
        for key in [*"ada", "backspace", "backspace", *"l", "space", *"#m", "backspace", "backspace",
                    "backspace", *"@git", "space", *"due", *["backspace"] * 12, *"a l"]:
            await pilot.press("space" if key == " " else key)
            want = [r.name for r in ContactFilter.parse(box.value).select(pool)]
            assert names(app) == want, box.value
            seen.add(len(want))
        assert len(seen) > 3  # the sequence really narrowed and widened the list


def test_a_filter_narrows_another_when_it_holds_each_of_its_words():
    parse = ContactFilter.parse
    assert parse("adal").narrows(parse("ada"))
    assert parse("ada #men").narrows(parse("#me"))
    assert parse("ada").narrows(parse(""))
    assert not parse("ada").narrows(parse("adal"))
    assert not parse("ada").narrows(parse("ada #men"))
    assert parse("ada due").narrows(parse("due")) and parse("birthday ada").narrows(parse("birthday"))
    assert not parse("ada").narrows(parse("due")) and not parse("ada").narrows(parse("birthday"))


def _held(big, monkeypatch):
    """Hold the store's reading steps until ``go`` gets an item."""
    go: list[bool] = []
    steps = big.prepare_steps

    def held_until_go():
        while not go:
            yield
        yield from steps()

    monkeypatch.setattr(big, "prepare_steps", held_until_go)
    return go


@pytest.fixture
def big_first_page(seeded, journal_path, monkeypatch):
    """(app store showing its first page with the reading held, everyone's names by name, go)."""
    store, _ = seeded
    everyone = _big_first_page_journal(store, monkeypatch)
    big = JournalStore(journal_path, app=True)
    go = _held(big, monkeypatch)
    yield big, everyone, go
    big.close()


async def test_a_big_journal_shows_names_first_then_fills_in_the_figures(seeded, app_factory, journal_path,
                                                                          monkeypatch):
    store, _ = seeded
    store.compact()
    with JournalStore(journal_path) as quick:
        quick_app = app_factory(quick)
        async with quick_app.run_test(size=SIZE) as pilot:
            want = [(r.name, r.status, r.last, r.acts) for r in quick_app.screen.query_one(ContactList).rows]
            want_detail = detail_text(quick_app)
    monkeypatch.setattr(JournalStore, "QUICK_ENTRIES_BYTES", 0)
    big = JournalStore(journal_path)
    assert not big.entries_ready() and not big.entries_quick()
    go = _held(big, monkeypatch)
    try:
        app = app_factory(big)
        async with app.run_test(size=SIZE) as pilot:
            contact_list = app.screen.query_one(ContactList)
            assert [r.name for r in contact_list.rows] == [w[0] for w in want]
            await pilot.pause()
            assert contact_list.figures_pending and line_text(contact_list, 1).rstrip().endswith("…")
            assert "Reading the journal" in detail_text(app)
            box = app.screen.query_one("#contacts-filter", Input)
            word = want[1][0].split()[0].lower()
            box.value = word  # the filter works before the figures are in
            await pilot.pause()
            assert names(app) == [w[0] for w in want if word in w[0].lower()]
            box.value = ""
            await pilot.pause()
            go.append(True)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not contact_list.figures_pending
            assert [(r.name, r.status, r.last, r.acts) for r in contact_list.rows] == want
            contact_list.action_first()
            await pilot.pause()
            assert detail_text(app) == want_detail
            box.value = "due"
            await pilot.pause()
            assert names(app) == [w[0] for w in want if w[1] in ("due", "overdue")] != []
            assert any(w[3] for w in want) and any(w[1] for w in want)
    finally:
        big.close()


def _big_first_page_journal(store, monkeypatch, extra=250):
    """The seeded journal plus ``extra`` people, compacted, every head counting as big."""
    store.add_many([Contact(f"Person {i:03}", tags=["crowd"]) for i in range(extra)])
    store.compact()
    monkeypatch.setattr(JournalStore, "FIRST_PAGE_HEAD_BYTES", 0)
    monkeypatch.setattr(JournalStore, "QUICK_ENTRIES_BYTES", 0)
    return sorted((d["name"] for _, d in store.contact_docs() if not d.get("archived")), key=str.casefold)


async def test_a_big_journal_shows_its_first_page_before_reading_the_head(big_first_page, app_factory):
    from smn_tui.storage.journal_file import FIRST_PAGE_ROWS

    big, everyone, go = big_first_page
    assert not big.head_loaded
    app = app_factory(big)
    async with app.run_test(size=SIZE) as pilot:
        contact_list = app.screen.query_one(ContactList)
        assert [r.name for r in contact_list.rows] == everyone[:FIRST_PAGE_ROWS]
        assert contact_list.border_title == f"{len(everyone)} contacts"
        assert contact_list.figures_pending and not big.head_loaded
        assert "Reading the journal" in detail_text(app)
        await pilot.press("down", "down")  # keys work on the page
        assert contact_list.highlighted_id == contact_list.rows[2].id
        go.append(True)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert big.head_loaded and not contact_list.figures_pending
        assert [r.name for r in contact_list.rows] == everyone
        assert contact_list.highlighted_id == contact_list.rows[2].id  # the cursor stayed put
        assert detail_text(app) != "" and "Reading the journal" not in detail_text(app)


async def test_filtering_before_the_head_is_read_reads_it_at_once(big_first_page, app_factory):
    big, everyone, _ = big_first_page
    app = app_factory(big)
    async with app.run_test(size=SIZE) as pilot:
        assert not big.head_loaded
        await pilot.press("slash", *"person 24")
        await pilot.pause()
        assert big.head_loaded
        want = [n for n in everyone if "person" in n.lower() and "24" in n]  # beyond the first page
        assert names(app) == want and "Person 249" in want
        assert app.screen.query_one(ContactList).border_title == f"{len(want)} of {len(everyone)}"


async def test_a_head_found_damaged_after_the_first_page_stops_the_app_with_the_reason(
        seeded, app_factory, journal_path, monkeypatch):
    import os

    store, _ = seeded
    _big_first_page_journal(store, monkeypatch)
    st = os.stat(journal_path)
    raw = journal_path.read_bytes()
    with open(journal_path, "r+b") as fh:  # same inode, size and time: the index still matches
        fh.write(b"\x00")
    os.utime(journal_path, ns=(st.st_atime_ns, st.st_mtime_ns))
    big = JournalStore(journal_path, app=True)
    try:
        app = app_factory(big)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.return_code == 1
    finally:
        big.file.release_app()
    assert journal_path.read_bytes()[1:] == raw[1:]  # nothing written


def _row_view(screen):
    return [(r.name, r.status, r.last, r.acts, r.marks, r.tags, r.archived) for r in screen._all_rows]


async def test_a_change_rebuilds_only_the_rows_it_touches(seeded, app_factory):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        before = dict(screen._rows_by_id)
        pool = screen._pool()
        screen.reload()  # nothing changed: the very same rows and sorted list
        assert all(screen._rows_by_id[c] is row for c, row in before.items()) and screen._pool() is pool
        ada, grace = people["Ada"], people["Grace"]
        app.save(lambda: store.add_act(HelpfulAct([grace.id], date(2026, 11, 24), "Reviewed the talk")))
        app.save(lambda: store.update_contact(replace(ada, name="Ada King", tags=["mentor", "poet"])))
        await pilot.pause()
        after = screen._rows_by_id
        assert after[ada.id] is not before[ada.id] and after[ada.id].name == "Ada King"
        # Grace's summary is remade for her new figures alone (summaries are frozen); her text is kept.
        assert after[grace.id] is not before[grace.id] and after[grace.id].acts == before[grace.id].acts + 1
        assert after[grace.id].search is before[grace.id].search and after[grace.id].name is before[grace.id].name
        assert all(after[c] is row for c, row in before.items() if c not in (ada.id, grace.id))
        # And the result is what a fresh screen shows.
        fresh = app_factory(store)
        async with fresh.run_test(size=SIZE):
            assert _row_view(fresh.screen) == _row_view(screen)
        await pilot.press("slash", *"#poet")
        await pilot.pause()
        assert names(app) == ["Ada King"]


async def test_a_stepped_reload_gives_way_to_a_newer_one(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        want = _row_view(screen)
        screen.summaries.forget()  # as if every row had to be made again
        steps = screen._reload_steps(step=3)
        next(steps)  # three contacts done
        screen.reload()  # a change arrives: a whole reload runs
        mine = screen._all_rows
        assert list(steps) == []  # the stepped one stops without touching the state
        assert screen._all_rows is mine and _row_view(screen) == want
        await pilot.pause()


async def test_typing_while_the_rows_are_brought_up_to_date_in_steps(big_first_page, app_factory):
    big, everyone, _ = big_first_page
    app = app_factory(big)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        big.load_head()
        steps = screen._reload_steps(step=50)
        next(steps)  # the page still shows; fifty contacts are done
        # Keys in the same instant as "/" (as a terminal sends a paste) go to the filter.
        for key, char in (("slash", "/"), *((c if c != " " else "space", c) for c in "person 24")):
            app.post_message(events.Key(key, char))
        await pilot.pause()
        assert screen.filter_input.value == "person 24"
        assert names(app) == [n for n in everyone if "person" in n.lower() and "24" in n]
        assert list(steps) == []  # the typing read everything at once; the stepped reload gave way


def test_summaries_made_in_bulk_are_the_frozen_summaries():
    import dataclasses

    from smn_tui.storage.summaries import summary

    fields = ("1", "Ada", "due", "in", ("mentor",), ("linkedin",), date(2026, 11, 2), 3, False, "ada", "ada", 1,
              date(2026, 11, 24))
    made = summary(*fields)
    assert made == ContactSummary(*fields) and dataclasses.astuple(made) == fields
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.name = "Grace"
