"""What the contacts journal looks like (pinned clock, seeded journal, fixed sizes)."""

from __future__ import annotations

from textual.widgets import Input


def _select(name: str):
    async def run_before(pilot) -> None:
        screen = pilot.app.screen
        screen.select_contact(next(r.id for r in screen.contact_list.rows if r.name == name))
        await pilot.pause()

    return run_before


def test_list_with_a_selected_contact_100x30(snap_compare, seeded, app_factory):
    store, _ = seeded
    assert snap_compare(app_factory(store), terminal_size=(100, 30), run_before=_select("Marie Curie"))


def test_list_with_a_selected_contact_80x24(snap_compare, seeded, app_factory):
    store, _ = seeded
    assert snap_compare(app_factory(store), terminal_size=(80, 24), run_before=_select("Grace Hopper"))


def test_filtered_list_80x24(snap_compare, seeded, app_factory):
    store, _ = seeded

    async def run_before(pilot) -> None:
        await pilot.press("slash", "#", "m", "a", "t", "h")
        await pilot.pause()

    assert snap_compare(app_factory(store), terminal_size=(80, 24), run_before=run_before)


def test_contact_form_with_errors_80x24(snap_compare, seeded, app_factory):
    store, _ = seeded

    async def run_before(pilot) -> None:
        await _select("Ada Lovelace")(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#name", Input).value = ""
        form.query_one("#birthday", Input).value = "someday"
        form.query_one("#tags", Input).value = "mentor, no!"
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(app_factory(store), terminal_size=(80, 24), run_before=run_before)


def test_new_contact_form_100x30(snap_compare, seeded, app_factory):
    store, _ = seeded

    async def run_before(pilot) -> None:
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(app_factory(store), terminal_size=(100, 30), run_before=run_before)


def test_empty_journal(snap_compare, store, app_factory):
    assert snap_compare(app_factory(store), terminal_size=(80, 24))


def test_help_screen(snap_compare, seeded, app_factory):
    store, _ = seeded

    async def run_before(pilot) -> None:
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app_factory(store), terminal_size=(100, 30), run_before=run_before)


def test_delete_confirmation_80x24(snap_compare, seeded, app_factory):
    store, _ = seeded

    async def run_before(pilot) -> None:
        await _select("Marie Curie")(pilot)
        await pilot.press("d")
        await pilot.pause()

    assert snap_compare(app_factory(store), terminal_size=(80, 24), run_before=run_before)
