"""The weekly audit screen, driven with Pilot on the seeded journal (today is Wed 25 Nov 2026, week 48)."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Checkbox, Input, Select, SelectionList, Static

from smn_tui.domain import audit as A
from smn_tui.domain.models import WeeklyAudit
from smn_tui.screens.audit import AuditScreen
from smn_tui.storage.store import JournalStore

from ...seed import TODAY, seed_journal

SIZE = (100, 30)


async def _open(pilot) -> AuditScreen:
    await pilot.press("3")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AuditScreen)
    return screen


async def _type(pilot, screen: AuditScreen, key: str, text: str, *, keys: bool = False) -> Input:
    """Focus a field and enter ``text``: pasted in one go, or with ``keys`` typed key by key."""
    field = screen.focus_field(key)
    assert isinstance(field, Input)
    if keys:
        field.value = ""
        await pilot.pause()
        await pilot.press(*["space" if ch == " " else ch for ch in text])
    else:
        field.value = text
    await pilot.pause()
    return field


def _shown(screen: AuditScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def _error_for(screen: AuditScreen, key: str) -> str:
    return _shown(screen, f"#e-{screen._ids[key]}")


async def _leave(pilot) -> None:
    """Switch to another screen (the draft must be saved by then)."""
    await pilot.press("escape", "1")
    await pilot.pause()


async def test_fill_every_question_and_complete_the_week(seeded, app_factory):
    store, C = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        assert screen.week.key == "2026-W48"
        assert "not started" in _shown(screen, "#audit-state")
        await _type(pilot, screen, "hours", "10.5", keys=True)
        await _type(pilot, screen, "hours@linkedin", "4")
        await _type(pilot, screen, "hours@in person", "2")
        for part, share in (("new", "10"), ("real", "40"), ("help", "30"), ("other", "20")):
            await _type(pilot, screen, f"time_split.{part}", share)
        for item, rating in (("smart", "3"), ("useful", "4"), ("helpful", "4"), ("great", "3")):
            await _type(pilot, screen, f"positioning.{item}", rating)
        await _type(pilot, screen, "positioning_note", "More listening")
        await _type(pilot, screen, "support", "8")
        # The week's three acts are ticked; untick Grace's.
        acts = screen.query_one("#good-turn-acts", SelectionList)
        assert len(acts.selected) == 3
        grace = next(a.id for a in store.acts_in(screen.week) if C["Grace"].id in a.contact_ids)
        acts.deselect(grace)
        await pilot.pause()
        await _type(pilot, screen, "good_turn.text", "Found Ada a reviewer")
        for platform, answer in (("linkedin", "yes"), ("bluesky", "partly")):
            screen.query_one(f"#{screen._ids['platforms@' + platform]}", Select).value = answer
        await _type(pilot, screen, "intention", "Call Alan")
        screen.query_one("#f-last-done", Checkbox).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()

        saved = store.audit_for("2026-W48")
        assert saved is not None and saved.is_complete
        assert saved.intention == "Call Alan"
        turn = saved.answers.pop("good_turn")
        assert turn["text"] == "Found Ada a reviewer"
        assert grace not in turn["acts"] and len(turn["acts"]) == 2
        assert saved.answers == {
            "hours": 10.5,
            "hours_by_platform": {"linkedin": 4, "in person": 2},
            "time_split": {"new": 10, "real": 40, "help": 30, "other": 20},
            "positioning": {"smart": 3, "useful": 4, "helpful": 4, "great": 3},
            "positioning_note": "More listening",
            "support": 8,
            "platforms": {"linkedin": "yes", "bluesky": "partly"},
            A.LAST_INTENTION_DONE: True,
        }
        assert "complete" in _shown(screen, "#audit-state")
        assert "Streak 3 weeks" in _shown(screen, "#audit-status")
        assert "complete" in screen.sub_title
        # 30% of 10.5 h is 189 min against 65 logged: a gentle note beside question 2.
        assert "189 min" in _shown(screen, "#ev-time_split")


async def test_a_bound_error_shows_inline_keeps_the_text_and_can_be_fixed(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        field = await _type(pilot, screen, "hours", "200", keys=True)
        assert field.value == "200"
        assert "from 0 to 168" in _error_for(screen, "hours")
        assert field.has_class("-invalid-answer")
        await pilot.press("ctrl+s")
        await pilot.pause()
        draft = store.audit_for("2026-W48")
        assert draft is not None and not draft.is_complete
        assert draft.answers["hours"] == "200"  # kept exactly as typed
        assert "Needs an answer" in _error_for(screen, "support")
        assert app.focused is field  # the first problem gets the cursor
        assert any("need attention" in n.message for n in app._notifications)
        await _type(pilot, screen, "hours", "20")
        assert "168" not in _error_for(screen, "hours")
        assert not field.has_class("-invalid-answer")
        await _type(pilot, screen, "time_split.new", "50")
        await _type(pilot, screen, "time_split.real", "40")
        assert "Total 90% of 100%" in _shown(screen, "#e-time_split")
        await _type(pilot, screen, "time_split.help", "5")
        await _type(pilot, screen, "time_split.other", "0")
        assert "add up to 95%" in _shown(screen, "#e-time_split")
        await _type(pilot, screen, "time_split.other", "5")
        assert "Total 100%" in _shown(screen, "#e-time_split")


async def test_leaving_and_coming_back_keeps_the_draft(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await _type(pilot, screen, "support", "9")
        await _type(pilot, screen, "good_turn.text", "[bold]Lent[/] a book")
        await _leave(pilot)
        draft = store.audit_for("2026-W48")
        assert draft is not None and not draft.is_complete
        assert draft.answers["support"] == 9
        assert draft.answers["good_turn"]["text"] == "[bold]Lent[/] a book"
        screen = await _open(pilot)
        assert screen.query_one(f"#{screen._ids['support']}", Input).value == "9"
        assert screen.query_one(f"#{screen._ids['good_turn.text']}", Input).value == "[bold]Lent[/] a book"
        assert "draft" in _shown(screen, "#audit-state")


async def test_a_draft_is_saved_while_typing(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        field = await _type(pilot, screen, "support", "4")
        for _ in range(50):  # the save waits for a pause in typing
            if store.audit_for("2026-W48") is not None:
                break
            await pilot.pause(0.1)
        assert app.focused is field  # saved without leaving the field
        assert store.audit_for("2026-W48").answers == {"support": 4}


async def test_a_completed_audit_is_there_after_reopening_the_app(journal_path, app_factory):
    store = JournalStore(journal_path)
    seed_journal(store)
    async with app_factory(store).run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        for key, value in (("hours", "5"), ("time_split.new", "25"), ("time_split.real", "25"),
                           ("time_split.help", "25"), ("time_split.other", "25"), ("positioning.smart", "2"),
                           ("positioning.useful", "3"), ("positioning.helpful", "3"), ("positioning.great", "2"),
                           ("support", "6")):
            await _type(pilot, screen, key, value)
        await pilot.press("ctrl+s")
        await pilot.pause()
    store.close()

    again = JournalStore(journal_path)
    try:
        async with app_factory(again).run_test(size=SIZE) as pilot:
            screen = await _open(pilot)
            assert "complete" in _shown(screen, "#audit-state")
            assert screen.query_one(f"#{screen._ids['support']}", Input).value == "6"
            assert screen.query_one(f"#{screen._ids['time_split.help']}", Input).value == "25"
            assert "Streak 3 weeks" in _shown(screen, "#audit-status")
    finally:
        again.close()


async def test_edit_a_past_week_without_downgrading_it(seeded, app_factory):
    store, _ = seeded
    before = store.audit_for("2026-W47")
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.week.key == "2026-W47"
        assert "complete ✓ 22 Nov" in _shown(screen, "#audit-state")
        assert "1 week ago" in _shown(screen, "#audit-title")
        hours = screen.query_one(f"#{screen._ids['hours']}", Input)
        assert hours.value == "6"
        # That week's evidence: one code review chat on GitHub, no acts.
        assert "github: 1 real" in _shown(screen, "#ev-hours")
        await _type(pilot, screen, "hours", "7")
        await pilot.press("escape", "right_square_bracket")
        await pilot.pause()
        assert screen.week.key == "2026-W48"
        edited = store.audit_for("2026-W47")
        assert edited.answers["hours"] == 7
        assert edited.completed == before.completed and edited.id == before.id
        await pilot.press("right_square_bracket")  # no audit of a week that has not started
        await pilot.pause()
        assert screen.week.key == "2026-W48"
        await pilot.press("left_square_bracket", "left_square_bracket", "t")
        await pilot.pause()
        assert screen.week.key == "2026-W48"


async def test_a_written_good_turn_becomes_a_logged_act(seeded, app_factory, today):
    from smn_tui.dialogs.act_form import ActForm

    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        screen.focus_field("good_turn.text")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not isinstance(app.screen, ActForm)  # nothing written yet
        await _type(pilot, screen, "good_turn.text", "Sent Hedy the paper")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert store.audit_for("2026-W48").answers["good_turn"]["text"] == "Sent Hedy the paper"
        form = app.screen
        assert isinstance(form, ActForm)
        assert form.query_one("#note").value == "Sent Hedy the paper"
        await pilot.press(*"hedy")
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    [act] = [a for a in store.acts_for(people["Hedy"].id) if a.note == "Sent Hedy the paper"]
    assert act.on == today


async def test_the_intention_carries_to_next_week(seeded, app_factory, journal_path):
    store, _ = seeded
    async with app_factory(store).run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        assert "Call Hedy" in _shown(screen, "#carry-text")
        await _type(pilot, screen, "intention", "[red]Thank[/] Grace")
        await _leave(pilot)
    assert store.audit_for("2026-W48").intention == "[red]Thank[/] Grace"

    next_week = app_factory(store, today=TODAY + timedelta(days=7))
    async with next_week.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        assert screen.week.key == "2026-W49"
        assert "Last week you meant to: [red]Thank[/] Grace" in _shown(screen, "#carry-text")
        box = screen.query_one("#f-last-done", Checkbox)
        assert box.value is False
        await pilot.click(box)
        await pilot.pause()
        await _leave(pilot)
    assert store.audit_for("2026-W49").answers == {A.LAST_INTENTION_DONE: True}
    assert not store.audit_for("2026-W49").is_complete


async def test_an_act_logged_elsewhere_joins_the_list_and_keeps_what_was_typed(seeded, app_factory):
    from smn_tui.domain.models import HelpfulAct

    store, C = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await _type(pilot, screen, "support", "7")
        store.add_act(HelpfulAct([C["Hedy"].id], TODAY, "Sent Hedy the paper", kind="resource",
                                 impact="week", minutes=10, platform="instagram"))
        app.journal_changed()
        await pilot.pause()
        await pilot.pause()
        acts = screen.query_one("#good-turn-acts", SelectionList)
        assert acts.option_count == 4 and len(acts.selected) == 4
        assert screen.query_one(f"#{screen._ids['support']}", Input).value == "7"
        assert "instagram: 1 act, 10 min" in _shown(screen, "#ev-hours")
        assert "Logged this week: 4 acts, 75 min" in _shown(screen, "#ev-good_turn")


async def test_quitting_straight_after_typing_keeps_the_answer(seeded, app_factory):
    store, _ = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        field = screen.focus_field("good_turn.text")
        field.value = "Walked Edsger through the proof"
        await pilot.press("ctrl+q")
    assert store.audit_for("2026-W48").answers["good_turn"]["text"] == "Walked Edsger through the proof"


def test_every_kind_of_question_has_a_view():
    from smn_tui.domain.audit_kinds import KINDS
    from smn_tui.widgets.audit import VIEWS

    assert set(VIEWS) == set(KINDS) == set(A.QUESTION_TYPES)


async def test_opening_the_audit_puts_the_cursor_in_the_first_unanswered_field(seeded, app_factory):
    store, _ = seeded
    store.save_audit(WeeklyAudit("2026-W48", answers={"hours": 6, "hours_by_platform": {"linkedin": 2}}))
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        # The hours and LinkedIn's part are answered; in person (the week's next platform) is not.
        assert app.focused is screen.query_one(f"#{screen._ids['hours@in person']}")
        await pilot.press("1", ".", "5")  # typed straight away: nothing lost
        await pilot.pause()
        assert screen.state.answers["hours_by_platform"] == {"linkedin": 2, "in person": 1.5}
        # The week keys work from a number box; another week opens on its own first unanswered field.
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.week.key == "2026-W47"
        assert app.focused is screen.query_one(f"#{screen._ids['hours@github']}")  # W47 has its hours
        await pilot.press("t")
        await pilot.pause()
        assert screen.week.key == "2026-W48"
        assert app.focused is screen.query_one(f"#{screen._ids['hours@bluesky']}")
        # In a box for words the same keys are letters.
        field = screen.focus_field("intention")
        await pilot.press("[", "t", "]")
        await pilot.pause()
        assert screen.week.key == "2026-W48" and field.value == "[t]"


async def test_a_good_turn_logged_as_an_act_is_not_offered_again(seeded, app_factory, today):
    from smn_tui.dialogs.act_form import ActForm

    store, people = seeded
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await _type(pilot, screen, "good_turn.text", "Sent Hedy the paper")
        assert "ctrl+l logs what you write" in _shown(screen, "#ev-good_turn")
        await pilot.press("ctrl+l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActForm)
        form.query_one("#note").value = "Sent Hedy the paper on radio hopping"  # reworded in the form
        await pilot.press(*"hedy", "enter", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [act] = [a for a in store.acts_for(people["Hedy"].id) if a.note.startswith("Sent Hedy the paper")]
        turn = store.audit_for("2026-W48").answers["good_turn"]
        assert turn[A.GOOD_TURN_LOGGED] == {"act": act.id, "text": "Sent Hedy the paper"}
        evidence = _shown(screen, "#ev-good_turn")
        assert "logged as an act (Wed 25 Nov)" in evidence and "ctrl+l logs" not in evidence
        await pilot.press("ctrl+l")  # the same words again: no second act
        await pilot.pause()
        assert app.screen is screen
        assert len(store.acts_for(people["Hedy"].id)) == 1
        # New words are a new good turn, offered again.
        await _type(pilot, screen, "good_turn.text", "Read Barbara's draft")
        assert "ctrl+l logs what you write" in _shown(screen, "#ev-good_turn")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, ActForm)
        await pilot.press("escape")
        await pilot.pause()
    # Back to the logged words, with that act deleted since: offered again.
    store.delete_act(act.id)
    answers = store.audit_for("2026-W48").answers
    A.set_field(answers, "good_turn.text", "Sent Hedy the paper")
    assert A.good_turn_logged_as(A.load_questions(), answers) == act.id
    async with app_factory(store).run_test(size=SIZE) as pilot:
        store.save_audit(WeeklyAudit("2026-W48", answers=answers))
        screen = await _open(pilot)
        assert "ctrl+l logs what you write" in _shown(screen, "#ev-good_turn")
