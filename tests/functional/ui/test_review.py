"""The review screen, driven with Pilot: opening people and acts, weeks, logging, export."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import OptionList, Static

from smn_tui.domain.dates import week_of
from smn_tui.domain.models import Contact, HelpfulAct, Interaction
from smn_tui.domain.review import build_review
from smn_tui.exchange.report import render_review
from smn_tui.screens.review import ReviewScreen

from ...seed import TODAY

W48 = week_of(TODAY)


def _record(app, monkeypatch, name):
    calls = []
    monkeypatch.setattr(app, name, lambda *a, **k: calls.append((a, k)))
    return calls


def _title(app) -> str:
    return str(app.screen.query_one("#review-title", Static).render())


async def _open_review(pilot):
    await pilot.press("4")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReviewScreen)
    return pilot.app.screen


async def test_enter_on_a_person_opens_their_contact(seeded, app_factory, monkeypatch):
    store, c = seeded
    app = app_factory(store)
    shown = _record(app, monkeypatch, "show_contact")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_review(pilot)
        helped = screen.query_one("#helped", OptionList)
        assert app.focused is helped
        assert helped.highlighted_option.id == f"p:{c['Ada'].id}"
        await pilot.press("down", "down")  # past Ada's act to Grace
        await pilot.press("enter")
    assert shown == [((c["Grace"].id,), {})]


async def test_enter_on_an_act_opens_it_for_editing(seeded, app_factory, monkeypatch):
    store, c = seeded
    app = app_factory(store)
    opened = _record(app, monkeypatch, "open_act_form")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_review(pilot)
        helped = screen.query_one("#helped", OptionList)
        # Marie's act is the introduction shared with Rosalind: the form gets both people.
        helped.highlighted = helped.get_option_index(f"p:{c['Marie'].id}") + 1
        await pilot.press("enter")
    [(args, kwargs)] = opened
    act = kwargs["act"]
    assert act.note == "Introduced Marie to Rosalind"
    assert args == ([c["Marie"].id, c["Rosalind"].id],)
    assert act == store.get_act(act.id)


async def test_log_an_interaction_with_someone_losing_touch(seeded, app_factory, monkeypatch):
    store, c = seeded
    app = app_factory(store)
    logged = _record(app, monkeypatch, "open_interaction_form")
    shown = _record(app, monkeypatch, "show_contact")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_review(pilot)
        await pilot.press("tab")
        losing = screen.query_one("#losing", OptionList)
        assert app.focused is losing
        assert losing.highlighted_option.id == f"d:{c['Hedy'].id}"
        await pilot.press("down", "down")  # Barbara, then (over the heading) Alan
        assert losing.highlighted_option.id == f"q:{c['Alan'].id}"
        await pilot.press("i")
        await pilot.press("enter")
    assert logged == [(([c["Alan"].id],), {})]
    assert shown == [((c["Alan"].id,), {})]


async def test_week_navigation(seeded, app_factory, monkeypatch):
    store, c = seeded
    app = app_factory(store)
    audits = _record(app, monkeypatch, "open_audit")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_review(pilot)
        assert "Week 2026-W48" in _title(app) and "(this week)" in _title(app)
        await pilot.press("left_square_bracket")
        assert screen.week == W48.previous() and "2026-W47" in _title(app) and "(last week)" in _title(app)
        assert screen.query_one("#helped", OptionList).get_option_at_index(0).disabled  # no acts that week
        assert "complete" in str(screen.query_one("#audit-vs-journal", Static).render())
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert "2026-W44" in _title(app)
        names = [o.id for o in screen.query_one("#helped", OptionList).options]
        assert names[0] == f"p:{c['Katherine'].id}"
        await pilot.press("u")
        await pilot.press("right_square_bracket")
        assert "2026-W45" in _title(app)
        await pilot.press("t")
        assert screen.week == W48
        await pilot.press("right_square_bracket")  # nothing after the current week
        assert screen.week == W48
    assert audits == [((W48.shift(-4),), {})]


async def test_export_writes_the_shared_markdown(seeded, app_factory, monkeypatch):
    store, _ = seeded
    app = app_factory(store)
    notes = _record(app, monkeypatch, "notify")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_review(pilot)
        await pilot.press("left_square_bracket", "x", "x")
    expected = render_review(build_review(store, W48.previous(), TODAY), "md")
    first, second = Path.home() / "smn-review-2026-W47.md", Path.home() / "smn-review-2026-W47-2.md"
    assert first.read_text(encoding="utf-8") == expected
    assert second.read_text(encoding="utf-8") == expected
    assert [a[0] for a, k in notes] == [f"Saved the review to {first}", f"Saved the review to {second}"]
    assert all(k["markup"] is False for a, k in notes)


async def test_redraws_when_the_journal_changes_and_keeps_the_selection(seeded, app_factory):
    store, c = seeded
    app = app_factory(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_review(pilot)
        helped = screen.query_one("#helped", OptionList)
        helped.highlighted = helped.get_option_index(f"p:{c['Grace'].id}")
        app.save(lambda: store.add_act(HelpfulAct([c["Linus"].id], TODAY, "Lent a book")))
        await pilot.pause()
        assert f"p:{c['Linus'].id}" in [o.id for o in helped.options]
        assert helped.highlighted_option.id == f"p:{c['Grace'].id}"
        assert "4 acts for 5 people" in _title(app)


async def test_names_and_notes_are_shown_as_typed(store, app_factory):
    eve = Contact("[bold red]Eve[/]")
    store.add_contact(eve)
    store.add_act(HelpfulAct([eve.id], TODAY - timedelta(days=1), "[i]not italic[/i]"))
    app = app_factory(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_review(pilot)
        helped = screen.query_one("#helped", OptionList)
        assert helped.render_line(0).text.startswith("[bold red]Eve[/]  1 act")
        assert "Tue 24  [i]not italic[/i] · other" in helped.render_line(1).text


async def test_log_act_key_starts_with_the_highlighted_person(seeded, app_factory):
    from smn_tui.dialogs.act_form import ActForm

    store, c = seeded
    app = app_factory(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_review(pilot)
        helped = screen.query_one("#helped", OptionList)
        helped.highlighted = helped.get_option_index(f"p:{c['Grace'].id}")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ActForm)
        assert [p.name for p in app.screen.query_one("#who").chosen] == ["Grace Hopper"]


# ---------------------------------------------------------------- the people met, the network, birthdays


def _groups_on_screen(met: OptionList) -> list[tuple[str, list[str]]]:
    """(group heading, names) as the 'Whom you met' list shows them."""
    groups: list[tuple[str, list[str]]] = []
    for option in met.options:
        text = str(option.prompt)
        if option.disabled:
            groups.append((text, []))
        elif option.id.startswith("m:"):
            groups[-1][1].append(text.split("  ")[0])
    return groups


async def test_the_people_met_are_listed_by_name_as_smn_week_lists_them(seeded, app_factory):
    import orjson

    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_review(pilot)
        shown = _groups_on_screen(screen.query_one("#met", OptionList))
    assert shown == [
        ("New connections (1)", ["Claude Shannon"]),
        ("Real interactions (3)", ["Ada Lovelace", "Claude Shannon", "Marie Curie", "Rosalind Franklin"]),
        ("Passive interactions (1)", ["Alan Turing"]),
    ]
    review = build_review(store, W48, TODAY)
    data = orjson.loads(render_review(review, "json"))
    assert [(f"{g['title']} ({g['count']})", [p["name"] for p in g["people"]]) for g in data["people_met"]] == shown
    text = render_review(review, "text").splitlines()
    md = render_review(review, "md").splitlines()
    for title, names in shown:
        at = text.index(f"  {title}")
        assert [line.strip() for line in text[at:] if line.startswith("    ") and not line.startswith("      ")][
            :len(names)] == [f"{n} (1)" for n in names]
        assert f"### {title}" in md
    assert "      Tue 24 Nov · meeting in person, with Rosalind Franklin — Lunch, compared lab notes" in text


async def test_enter_on_someone_met_shows_them_and_on_their_entry_opens_its_form(seeded, app_factory, monkeypatch):
    store, c = seeded
    app = app_factory(store)
    shown = _record(app, monkeypatch, "show_contact")
    opened = _record(app, monkeypatch, "open_interaction_form")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_review(pilot)
        await pilot.press("tab", "tab")
        met = screen.query_one("#met", OptionList)
        assert app.focused is met
        assert met.highlighted_option.id == f"m:new:{c['Claude'].id}"
        await pilot.press("enter")
        met.highlighted = met.get_option_index(f"m:real:{c['Marie'].id}") + 1  # the lunch with Rosalind
        await pilot.press("enter")
    assert shown == [((c["Claude"].id,), {})]
    [(args, kwargs)] = opened
    assert kwargs["interaction"].note == "Lunch, compared lab notes"
    assert args == ([c["Marie"].id, c["Rosalind"].id],)


async def test_d_deletes_the_entry_under_the_cursor_after_showing_it(seeded, app_factory):
    from smn_tui.dialogs.confirm import ConfirmDialog

    store, c = seeded
    app = app_factory(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_review(pilot)
        await pilot.press("tab", "tab")
        met = screen.query_one("#met", OptionList)
        await pilot.press("d")  # on a person: nothing to delete
        assert app.screen is screen
        lunch = met.get_option_index(f"m:real:{c['Marie'].id}") + 1
        met.highlighted = lunch
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog) and dialog.title_text == "Delete this interaction?"
        assert dialog.note == "Ctrl+Z brings it back."
        assert dialog.message.plain == ("Tue 24 Nov 2026 · meeting · in person\nWith Marie Curie, Rosalind Franklin\n"
                                  "Lunch, compared lab notes")
        await pilot.press("n")
        assert len(store.interactions_in(W48)) == 4
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.screen is screen
        assert "Lunch, compared lab notes" not in [i.note for i in store.interactions_in(W48)]
        assert f"m:real:{c['Marie'].id}" not in [o.id for o in met.options]
        # An act in the helped list, the same way.
        await pilot.press("shift+tab", "shift+tab")
        helped = screen.query_one("#helped", OptionList)
        assert app.focused is helped
        await pilot.press("down", "d")
        assert "Reviewed her grant proposal" in app.screen.message and "For Ada Lovelace" in app.screen.message
        await pilot.press("y")
        await pilot.pause()
    assert "Reviewed her grant proposal" not in [a.note for a in store.acts_in(W48)]


PANELS = ["helped", "losing", "met", "platforms", "graph", "birthdays", "audit-vs-journal", "trends"]


async def test_every_panel_is_reached_and_shown_by_keyboard_at_80x24(seeded, app_factory):
    store, c = seeded
    for n in range(12):  # enough people met that their list scrolls
        store.add_interaction(Interaction([c["Grace"].id], TODAY - timedelta(days=n % 3), kind="message",
                                          platform="github", note=f"Thread {n}"))
    app = app_factory(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_review(pilot)
        body = screen.query_one("#review-body")
        reached = [app.focused.id]
        while len(reached) < len(PANELS):
            await pilot.press("tab")
            focused = app.focused
            reached.append(focused.id)
            seen = body.region.intersection(focused.region)  # the body scrolled the panel into view
            assert seen.height >= min(focused.region.height, body.region.height), focused.id
        assert reached == PANELS
        for panel in reversed(PANELS[:-1]):  # and back
            await pilot.press("shift+tab")
            assert app.focused.id == panel
        # A long list scrolls inside its panel: the last entry comes into view.
        met = screen.query_one("#met", OptionList)
        met.focus()
        await pilot.press("end")
        await pilot.pause()
        assert met.scroll_offset.y > 0 and met.highlighted == met.option_count - 1


async def test_the_network_and_the_birthdays_show_and_open_people(seeded, app_factory, monkeypatch):
    from dataclasses import replace
    from datetime import date

    store, c = seeded
    store.update_contact(replace(c["Ada"], birthday=date(1990, 11, 27)))
    app = app_factory(store)
    shown = _record(app, monkeypatch, "show_contact")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_review(pilot)
        graph = screen.query_one("#graph", OptionList)
        lines = [str(o.prompt) for o in graph.options]
        assert lines[0] == "12 people on a platform; 5 (42%) on two or more"
        assert lines[1].startswith("Per platform: email 4, linkedin 4")
        assert lines[2].startswith("Overlapping most: email + linkedin (2)")
        assert "  Alan Turing (bluesky, 9 interactions)" in lines
        graph.focus()
        await pilot.pause()
        assert graph.highlighted is None and graph.scroll_offset.y == 0  # its figures first
        await pilot.press("down")
        assert graph.highlighted_option.id == f"t:{c['Alan'].id}"
        await pilot.press("enter")
        birthdays = screen.query_one("#birthdays", OptionList)
        assert [str(o.prompt) for o in birthdays.options] == ["Ada Lovelace\n  Fri 27 Nov (in 2 days, turns 36)"]
        birthdays.focus()
        await pilot.press("enter")
    assert shown == [((c["Alan"].id,), {}), ((c["Ada"].id,), {})]
    text = render_review(build_review(store, W48, TODAY), "text")
    assert "  Ada Lovelace: Fri 27 Nov (in 2 days, turns 36)" in text
    assert "  Known on one tool only, talked with most: Alan Turing (bluesky, 9 interactions)" in text


async def test_enter_on_someone_met_switches_to_their_contact(seeded, app_factory):
    store, c = seeded
    app = app_factory(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_review(pilot)
        met = screen.query_one("#met", OptionList)
        met.focus()
        met.highlighted = met.get_option_index(f"m:passive:{c['Alan'].id}")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "contacts"
        assert app.screen.selected_contact_ids() == [c["Alan"].id]
