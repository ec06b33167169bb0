"""Mark two contacts, see what the merged one will hold, merge them in one commit; Ctrl+Z takes it back."""

from __future__ import annotations

from datetime import timedelta

from smn_tui.dialogs.merge_dialog import MergeDialog
from smn_tui.domain.models import Contact, HelpfulAct, Interaction
from smn_tui.screens.contacts import ContactsScreen
from smn_tui.widgets.contact_list import MARKED, ContactList

from .test_contacts import line_text, names, plain
from .test_notices import toasts

SIZE = (100, 30)


def two_adas(store, today):
    ada = store.add_contact(Contact("Ada Lovelace", platforms=[("linkedin", "in/ada")], tags=["mentor"],
                                    notes="Met at the Analytical Engine talk."))
    other = store.add_contact(Contact("Ada King", platforms=[("github", "adaking"), ("linkedin", "in/ada")],
                                      tags=["math"], notes="Writes about Bernoulli numbers.", how_met="Letters"))
    store.add_interaction(Interaction([other.id], today, kind="conversation", note="Talked numbers"))
    store.add_act(HelpfulAct([other.id, ada.id], today - timedelta(days=1), "Sent the notes"))
    return ada, other


def preview_text(dialog) -> str:
    return " ".join(plain(dialog.query_one("#merge-preview").content).split())


async def mark(pilot, app, contact_id: str) -> None:
    app.screen.select_contact(contact_id)
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause()


async def test_merge_two_marked_contacts_then_undo(store, app_factory, today):
    ada, other = two_adas(store, today)
    before = store.export_tables()
    app = app_factory(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = app.screen
        shown = {b.binding.description for b in screen.active_bindings.values() if b.binding.show}
        assert "Mark" in shown and "Merge" not in shown  # merging shows once someone is marked
        await mark(pilot, app, ada.id)
        await mark(pilot, app, other.id)
        contact_list = screen.query_one(ContactList)
        assert contact_list.marked == {ada.id, other.id}
        assert MARKED in line_text(contact_list, 1 + [r.id for r in contact_list.rows].index(ada.id))
        await pilot.press("M")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MergeDialog)
        preview = preview_text(dialog)
        assert "Keeps Ada Lovelace" in preview and "Ada King goes" in preview
        assert "+ github:adaking" in preview and "+ #math" in preview
        assert "Met at the Analytical Engine talk." in preview and "+ Writes about Bernoulli numbers." in preview
        assert "1 interaction and 1 helpful act move from Ada King" in preview
        await pilot.press("s")  # swap: Ada King stays
        await pilot.pause()
        assert "Keeps Ada King" in preview_text(dialog)
        await pilot.press("s")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        merged = store.get_contact(ada.id)
        assert [str(p) for p in merged.platforms] == ["linkedin:in/ada", "github:adaking"]
        assert merged.tags == ["mentor", "math"]
        assert merged.notes == "Met at the Analytical Engine talk.\n\nWrites about Bernoulli numbers."
        assert other.id not in {c.id for c in store.contacts(include_archived=True)}
        assert len(store.timeline(ada.id)) == 2
        assert names(app) == ["Ada Lovelace"]
        assert contact_list.marked == frozenset()
        assert toasts(app)[-1] == "Merged Ada King into Ada Lovelace. Ctrl+Z undoes it."
        assert store.history(1)[0].what == "Merged Ada King into Ada Lovelace"  # one commit

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.export_tables() == before
        assert sorted(names(app)) == ["Ada King", "Ada Lovelace"]


async def test_mark_one_and_merge_with_the_selected_one(store, app_factory, today):
    ada, other = two_adas(store, today)
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await mark(pilot, app, other.id)
        app.screen.select_contact(ada.id)
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Merge the marked contacts" in titles
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, MergeDialog)
        assert "Keeps Ada King" in preview_text(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert len(store.contacts()) == 2


async def test_marking_again_unmarks_and_a_third_mark_replaces_the_oldest(seeded, app_factory):
    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for name in ("Ada", "Grace", "Linus"):
            await mark(pilot, app, people[name].id)
        assert screen.marks.ids == [people["Grace"].id, people["Linus"].id]
        await mark(pilot, app, people["Grace"].id)
        assert screen.marks.ids == [people["Linus"].id]
