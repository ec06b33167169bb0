"""The review screen, driven with Pilot: opening people and acts, weeks, logging, export."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import OptionList, Static

from smn_tui.domain.dates import week_of
from smn_tui.domain.models import Contact, HelpfulAct
from smn_tui.domain.review import build_review
from smn_tui.exchange.report import render_review
from smn_tui.screens.review import ReviewScreen

from ..seed import TODAY

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
    store, c = seeded
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
