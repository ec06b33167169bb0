"""The helpful acts screen: the ledger, weeks, filters, edit, delete, jump to the person, scale."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from textual.widgets import Input, Static

from smn_tui.dialogs.act_form import ActForm
from smn_tui.dialogs.choose_person import ChoosePerson
from smn_tui.dialogs.confirm import ConfirmDialog
from smn_tui.domain.dates import week_of
from smn_tui.domain.models import Contact, HelpfulAct
from smn_tui.screens.acts import QUIET_SCAN, SORT_STEP, ActsScreen
from smn_tui.widgets.ledger import Ledger

from ...seed import TODAY

SIZE = (100, 30)


async def open_acts(app, pilot) -> tuple[ActsScreen, Ledger]:
    await pilot.press("2")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ActsScreen)
    return screen, screen.query_one(Ledger)


def totals_text(screen) -> str:
    return str(screen.query_one("#acts-totals", Static).render())


async def test_week_ledger_newest_first_with_totals_and_week_navigation(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, ledger = await open_acts(app, pilot)
        week_notes = [a.note for a in store.acts_by_ids(ledger._ids)]
        assert week_notes == ["Reviewed her grant proposal", "Introduced Marie to Rosalind",
                              "Shared her compiler talk"]
        assert totals_text(screen) == "3 acts · 4 people helped · 65 min · day 1  week 0  month 1  year 1"
        await pilot.press("left_square_bracket")
        assert ledger.row_count == 0  # 2026-W47 has no acts
        assert "2026-W47" in str(screen.query_one("#acts-week", Static).render())
        assert "No helpful acts in this week" in ledger.empty_text
        await pilot.press("left_square_bracket")
        assert [a.note for a in store.acts_by_ids(ledger._ids)] == ["Listened through a tough week (-2)"]
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert "2026-W49" in str(screen.query_one("#acts-week", Static).render())
        await pilot.press("t")
        assert ledger.row_count == 3
        await pilot.press("w")
        assert ledger.row_count == store.count("acts") == 9
        assert "All weeks" in str(screen.query_one("#acts-week", Static).render())
        await pilot.press("w")
        assert ledger.row_count == 3


async def test_filters_by_person_kind_and_text(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, ledger = await open_acts(app, pilot)
        await pilot.press("w", "slash", *"@kat")
        assert app.focused is screen.query_one("#acts-filter")
        assert ledger.row_count == 5
        assert totals_text(screen).startswith("5 acts · 1 person helped · 300 min")
        await pilot.press(*" (-4)")
        assert [a.note for a in store.acts_by_ids(ledger._ids)] == ["Listened through a tough week (-4)"]
        await pilot.press("escape")
        assert screen.query_one("#acts-filter", Input).value == ""
        assert ledger.row_count == 9 and app.focused is ledger
        screen.query_one("#acts-kind").value = "endorsement"
        await pilot.pause()
        assert [a.note for a in store.acts_by_ids(ledger._ids)] == ["Endorsed him for web standards"]
        await pilot.press("slash", *"nothing-like-this")
        assert ledger.row_count == 0 and "Nothing matches" in ledger.empty_text


async def test_edit_the_selected_act(seeded, app_factory):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, ledger = await open_acts(app, pilot)
        await pilot.press("down", "e")
        form = app.screen
        assert isinstance(form, ActForm)
        assert form.query_one("#note", Input).value == "Introduced Marie to Rosalind"
        assert [p.name for p in form.query_one("#who").chosen] == ["Marie Curie", "Rosalind Franklin"]
        form.query_one("#note", Input).value = "Introduced Marie to Rosalind (paper followed)"
        form.query_one("#minutes", Input).value = "25"
        form.query_one("#who .picker-input", Input).focus()
        await pilot.press(*"Lise M", "enter")  # nobody by that name: added as a new contact
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert ledger.selected_id == ledger._ids[1]
    act = store.get_act(ledger._ids[1])
    assert act.note == "Introduced Marie to Rosalind (paper followed)" and act.minutes == 25
    lise = [c for c in store.contacts() if c.name == "Lise M"]
    assert len(lise) == 1
    assert act.impact == "year"
    assert act.contact_ids == [people["Marie"].id, people["Rosalind"].id, lise[0].id]
    assert store.count("acts") == 9


async def test_delete_asks_first(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, ledger = await open_acts(app, pilot)
        first = ledger.selected_id
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert store.count("acts") == 9
        await pilot.press("d")
        await pilot.press("y")
        await pilot.pause()
        assert store.count("acts") == 8
        assert first not in ledger._ids and ledger.row_count == 2
        assert totals_text(screen).startswith("2 acts")


async def test_jump_to_the_person_choosing_among_several(seeded, app_factory):
    store, people = seeded
    app = app_factory(store)
    shown: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await open_acts(app, pilot)
        app.show_contact = shown.append
        await pilot.press("p")
        assert shown == [people["Ada"].id]
        await pilot.press("down", "p")
        assert isinstance(app.screen, ChoosePerson)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert shown == [people["Ada"].id, people["Rosalind"].id]


async def test_jump_to_the_person_switches_to_contacts(seeded, app_factory, monkeypatch):
    from smn_tui.screens.contacts import ContactsScreen

    store, people = seeded
    selected: list[str] = []
    # Stands in for the contacts screen's selection so this test is only about the jump.
    monkeypatch.setattr(ContactsScreen, "select_contact", lambda self, cid: selected.append(cid), raising=False)
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_acts(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert app.current_mode == "contacts"
        assert selected == [people["Ada"].id]


async def test_new_act_from_the_acts_screen_lands_on_the_cursor(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, ledger = await open_acts(app, pilot)
        await pilot.press("left_square_bracket", "n", *"hed", "enter", "tab", *"Call")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "this week" in str(screen.query_one("#acts-week", Static).render())
        assert ledger.row_count == 4
        assert store.get_act(ledger.selected_id).note == "Call"


async def test_empty_journal_says_what_to_do(store, app_factory):
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, ledger = await open_acts(app, pilot)
        assert ledger.row_count == 0
        assert "No helpful acts yet. Press n" in ledger.empty_text
        await pilot.press("e", "d", "p")  # nothing selected: nothing happens
        assert app.screen is screen


async def test_hundred_thousand_acts_one_widget_paged_rows(store, app_factory, today):
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    contacts = [Contact(f"Person {n:04d}", id=f"c{n:031d}", created=stamp, updated=stamp) for n in range(500)]
    acts = []
    for n in range(100_000):
        acts.append(HelpfulAct([contacts[n % 500].id], today - timedelta(days=n % 3650), f"act {n}",
                               kind="advice", impact="week", minutes=1, id=f"a{n:031d}",
                               created=stamp, updated=stamp))
    store.add_many([*contacts, *acts])
    this_week = sum(1 for a in acts if a.on >= date(2026, 11, 23))
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, ledger = await open_acts(app, pilot)
        assert ledger.row_count == this_week
        await pilot.press("w")
        await pilot.pause()
        assert ledger.row_count == 100_000
        assert len(screen.query(Ledger)) == 1
        assert len(list(screen.walk_children())) < 60  # no widget per row
        assert len(ledger._rows) <= 200  # only a page around what is visible was converted
        await pilot.press("end")
        await pilot.pause()
        last = store.get_act(ledger.selected_id)
        assert last.on == min(a.on for a in acts)
        assert len(ledger._rows) <= 400
        assert totals_text(screen).startswith("100,000 acts · 500 people helped · 100,000 min")
        await pilot.press("slash", *"@0003")
        await pilot.pause(0.4)  # the filter scans once typing pauses
        assert ledger.row_count == 200
        assert totals_text(screen).startswith("200 acts · 1 person helped")


def test_scan_acts_keeps_order_filters_and_sums(seeded):
    store, people = seeded
    ids = store.all_act_ids_newest_first()
    shown, totals = store.scan_acts(ids)
    assert shown == ids and totals.acts == 9 and totals.people == 6
    assert totals.minutes == 45 + 15 + 5 + 5 * 60 + 2
    assert totals.by_impact == {"month": 1, "year": 1, "day": 2, "week": 5}
    shown, totals = store.scan_acts(ids, people={people["Marie"].id, people["Grace"].id})
    assert [a.note for a in store.acts_by_ids(shown)] == ["Introduced Marie to Rosalind", "Shared her compiler talk"]
    assert totals.people == 3  # everyone those acts helped, Rosalind too
    shown, _ = store.scan_acts(ids, kind="time", words=["TOUGH", "(-10)"])
    assert [a.note for a in store.acts_by_ids(shown)] == ["Listened through a tough week (-10)"]
    assert store.scan_acts(ids, words=["absent"])[1].acts == 0


def rendered_text(widget) -> str:
    """What ``widget`` shows on screen, its lines joined with spaces."""
    from textual.geometry import Region

    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return " ".join(" ".join(strip.text.split()) for strip in lines)


LONG_NOTE = ("Walked her through the grant's budget section line by line, then rewrote the summary "
             "with her so the plan comes first")
OUTCOME = "Sent in two days early; the panel wants the rest"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_detail_shows_the_act_in_full(seeded, app_factory, size):
    from smn_tui.widgets.act_detail import ActDetail

    store, _ = seeded
    act = store.get_act(store.acts_in(week_of(TODAY))[0].id)
    store.update_act(replace(act, note=LONG_NOTE, outcome=OUTCOME))
    app = app_factory(store)
    async with app.run_test(size=size) as pilot:
        screen, ledger = await open_acts(app, pilot)
        detail = screen.query_one(ActDetail)
        body = detail.query_one(".act-detail-body")
        shown = rendered_text(body)
        # The whole note and outcome, and every other field, though the ledger's note column cuts it.
        assert " ".join(LONG_NOTE.split()) in shown and OUTCOME in shown
        assert LONG_NOTE not in " ".join(ledger.render_line(1).text.split())
        for part in ("Wed 25 Nov 2026", "feedback", "made their month", "Ada Lovelace", "asked", "45 min",
                     "via email"):
            assert part in shown
        # It fits: nothing to scroll, and the ledger keeps room for rows above it.
        assert detail.max_scroll_y == 0
        assert ledger.region.bottom <= detail.region.y and ledger.region.height >= 6
        await pilot.press("down")
        await pilot.pause()
        shown = rendered_text(body)
        assert "Marie Curie, Rosalind Franklin" in shown and "unprompted" in shown and "in person" in shown
        assert "made their year" in shown and "none noted yet" in shown


async def test_sort_cycles_date_impact_minutes(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        _, ledger = await open_acts(app, pilot)
        await pilot.press("w")

        def shown() -> list[HelpfulAct]:
            return store.acts_by_ids(ledger._ids)

        by_date = [a.id for a in shown()]
        assert [a.on for a in shown()] == sorted((a.on for a in shown()), reverse=True)
        await pilot.press("s")
        assert [a.impact for a in shown()] == ["year", "month", "week", "week", "week", "week", "week", "day", "day"]
        week_acts = [a for a in shown() if a.impact == "week"]
        assert [a.on for a in week_acts] == sorted((a.on for a in week_acts), reverse=True)  # newest first in a tie
        assert "Impact↓" in ledger.render_line(0).text
        await pilot.press("s")
        assert [a.minutes for a in shown()] == [60, 60, 60, 60, 60, 45, 15, 5, 2]
        assert "Min↓" in ledger.render_line(0).text
        await pilot.press("s")
        assert [a.id for a in shown()] == by_date
        assert "Date↓" in ledger.render_line(0).text


async def test_a_long_list_is_sorted_in_steps(store, app_factory, today, monkeypatch):
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    person = Contact("Pat", created=stamp, updated=stamp)
    impacts = ("day", "week", "month", "year")
    acts = [HelpfulAct([person.id], today - timedelta(days=n % 3), f"act {n}", impact=impacts[n % 4],
                       minutes=n % 50, created=stamp, updated=stamp) for n in range(QUIET_SCAN + 1000)]
    store.add_many([person, *acts])
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        _, ledger = await open_acts(app, pilot)
        reads: list[int] = []
        read = store.acts_by_ids
        monkeypatch.setattr(store, "acts_by_ids", lambda ids: reads.append(len(ids)) or read(ids))
        await pilot.press("s", "s")  # impact, then minutes
        for _ in range(50):
            await pilot.pause(0.1)
            if ledger.order == "minutes":
                break
        assert ledger.order == "minutes" and ledger.row_count == len(acts)
        # Read a step at a time, with the app's keys and redraws running between (never all at once).
        assert max(reads) <= SORT_STEP and reads.count(SORT_STEP) >= 2
        minutes = [a.minutes for a in read(ledger._ids)]
        assert minutes == sorted(minutes, reverse=True)


async def test_enter_edits_the_act_under_the_cursor(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, ledger = await open_acts(app, pilot)
        await pilot.press("down", "down", "enter")
        form = app.screen
        assert isinstance(form, ActForm)
        assert form.query_one("#note", Input).value == "Shared her compiler talk"
        assert form.query_one("#minutes", Input).value == "5"
        form.query_one("#outcome", Input).value = "Her talk got 40 new viewers"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "Her talk got 40 new viewers" in rendered_text(screen.query_one("#act-detail .act-detail-body"))
    assert store.get_act(ledger._ids[2]).outcome == "Her talk got 40 new viewers"


async def test_delete_shows_the_act_then_it_is_gone(seeded, app_factory):
    store, _ = seeded
    act = store.get_act(store.acts_in(week_of(TODAY))[0].id)
    store.update_act(replace(act, outcome=OUTCOME))
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, ledger = await open_acts(app, pilot)
        assert ledger.selected_id == act.id
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        for part in ("Wed 25 Nov 2026", "feedback", "made their month", "Ada Lovelace", "asked", "45 min",
                     "via email", "Reviewed her grant proposal", OUTCOME):
            assert part in dialog.message
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert act.id not in ledger._ids
        assert "Reviewed her grant proposal" not in rendered_text(screen.query_one("#act-detail .act-detail-body"))
    assert act.id not in {a.id for a in store.acts_by_ids(store.all_act_ids_newest_first())}


async def test_the_detail_follows_a_run_of_cursor_moves_once_they_stop(seeded, app_factory, monkeypatch):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, ledger = await open_acts(app, pilot)
        await pilot.press("w")
        await pilot.pause(0.2)
        drawn: list[str | None] = []
        show = screen.query_one("#act-detail").show
        monkeypatch.setattr(screen.query_one("#act-detail"), "show",
                            lambda act, people="": drawn.append(act and act.id) or show(act, people))
        for _ in range(4):  # a key held down: moves faster than the pilot presses keys
            ledger.action_cursor(1)
        await pilot.pause(0.3)
        assert drawn[-1] == ledger.selected_id == ledger._ids[4]
        assert len(drawn) < 4  # not once per move
        body = screen.query_one("#act-detail .act-detail-body")
        assert store.get_act(ledger._ids[4]).note in rendered_text(body)
