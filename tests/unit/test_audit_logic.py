"""The weekly audit's logic: the question file, bounds, evidence from the seeded journal, flags, streaks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from smn_tui.domain import audit as A
from smn_tui.domain.dates import week_from_key
from smn_tui.domain.models import WeeklyAudit

from ..seed import TODAY

W48 = week_from_key("2026-W48")
W47 = week_from_key("2026-W47")


@pytest.fixture(scope="module")
def qs() -> A.QuestionSet:
    return A.load_questions()


# ------------------------------------------------------------------ the question file


def test_question_file_covers_the_audit(qs):
    assert [q.id for q in qs] == ["hours", "time_split", "positioning", "support", "good_turn",
                                  "platforms", "intention"]
    hours = qs.get("hours")
    assert (hours.type, hours.min, hours.max, hours.decimals) == ("number", 0, 168, True)
    assert [p.id for p in qs.get("time_split").parts] == ["new", "real", "help", "other"]
    assert qs.get("time_split").total == 100
    rate = qs.get("positioning")
    assert (rate.min, rate.max, [p.id for p in rate.parts]) == (1, 5, ["smart", "useful", "helpful", "great"])
    assert qs.get("support").type == "integer"
    assert qs.get("platforms").choices == ("yes", "partly", "no")


def test_malformed_question_file_is_refused(tmp_path):
    bad = tmp_path / "q.json"
    bad.write_text('{"questions": [{"id": "x", "type": "number", "text": "How many?"}]}')
    with pytest.raises(A.QuestionFileError, match="min <= max"):
        A.load_questions(bad)
    bad.write_text('{"questions": [{"id": "x", "type": "dance", "text": "?"}]}')
    with pytest.raises(A.QuestionFileError, match="unknown type"):
        A.load_questions(bad)
    with pytest.raises(A.QuestionFileError, match="Cannot read"):
        A.load_questions(tmp_path / "missing.json")


def test_wording_comes_from_the_file(tmp_path):
    f = tmp_path / "q.json"
    f.write_text('{"questions": [{"id": "hours", "type": "number", "text": "Stunden?", "min": 0, "max": 10}]}')
    assert A.load_questions(f).get("hours").text == "Stunden?"


# ------------------------------------------------------------------ bounds


@pytest.mark.parametrize("key,typed,value", [
    ("hours", "7.5", 7.5),
    ("hours", "10", 10),
    ("hours", " 168 ", 168),
    ("hours", "2,5", 2.5),
    ("hours", "", None),
    ("hours@linkedin", "1.25", 1.25),
    ("time_split.help", "30", 30),
    ("time_split.help", "12.5%", 12.5),
    ("positioning.smart", "4", 4),
    ("support", "12", 12),
    ("intention", "  Call Hedy  ", "Call Hedy"),
])
def test_valid_answers(qs, key, typed, value):
    assert A.check_field(qs, key, typed) == (value, None)


@pytest.mark.parametrize("key,typed,words", [
    ("hours", "200", "from 0 to 168"),
    ("hours", "-1", "from 0 to 168"),
    ("hours", "lots", "'lots' is not a number"),
    ("hours", "nan", "from 0 to 168"),
    ("time_split.new", "101", "from 0 to 100"),
    ("positioning.great", "6", "whole number from 1 to 5"),
    ("positioning.great", "0", "whole number from 1 to 5"),
    ("positioning.great", "3.5", "whole number from 1 to 5"),
    ("support", "3.5", "whole number"),
    ("platforms@x", "maybe", "yes, partly, no"),
])
def test_out_of_bounds_answers_keep_the_text(qs, key, typed, words):
    value, error = A.check_field(qs, key, typed)
    assert words in error
    if key != "platforms@x":
        assert value == typed  # a draft keeps exactly what was typed


def test_text_longer_than_its_limit(qs):
    _, error = A.check_field(qs, "intention", "x" * 2001)
    assert "at most 2000" in error


def _full(**over):
    answers = {
        "hours": 10,
        "time_split": {"new": 10, "real": 40, "help": 30, "other": 20},
        "positioning": {"smart": 3, "useful": 4, "helpful": 4, "great": 3},
        "support": 8,
    }
    answers.update(over)
    return answers


def test_complete_answers_pass(qs):
    assert A.validate(qs, _full()) == {}
    assert A.summary(qs, _full()) == (4, 4)


def test_shares_must_make_100(qs):
    answers = _full(time_split={"new": 25, "real": 25, "help": 25, "other": 20})
    errors = A.validate(qs, answers)
    assert errors == {"time_split": "The shares add up to 95%; together they must make 100%."}
    assert A.summary(qs, answers) == (3, 4)
    answers["time_split"]["other"] = 25
    assert A.validate(qs, answers) == {}
    decimals = _full(time_split={"new": 33.33, "real": 33.33, "help": 33.34, "other": 0})
    assert A.validate(qs, decimals) == {}


def test_required_answers_are_named_and_drafts_are_not_held_to_them(qs):
    errors = A.validate(qs, {"hours": "200"})
    assert set(errors) == {"hours", "time_split.new", "time_split.real", "time_split.help", "time_split.other",
                           "positioning.smart", "positioning.useful", "positioning.helpful",
                           "positioning.great", "support"}
    assert "168" in errors["hours"]
    assert errors["support"] == "Needs an answer."
    assert A.validate(qs, {"hours": "200"}, complete=False) == {"hours": errors["hours"]}
    assert A.validate(qs, {"hours": 5}, complete=False) == {}


def test_platform_hours_fit_in_the_total(qs):
    answers = _full(hours=3, hours_by_platform={"linkedin": 2, "x": 1.5})
    assert A.validate(qs, answers) == {"hours@": "The platforms add up to 3.5 h, more than the 3 h in total."}
    answers["hours_by_platform"]["x"] = 1
    assert A.validate(qs, answers) == {}
    answers["hours_by_platform"]["x"] = "two"
    assert "'two' is not a number" in A.validate(qs, answers)["hours@x"]


def test_set_field_round_trips_and_removes_empty_answers():
    answers: dict = {}
    A.set_field(answers, "hours", 4)
    A.set_field(answers, "hours@in person", 1.5)
    A.set_field(answers, "platforms@linkedin", "partly")
    A.set_field(answers, "good_turn.text", "Fixed Ada's CV")
    assert answers == {"hours": 4, "hours_by_platform": {"in person": 1.5},
                       "platforms": {"linkedin": "partly"}, "good_turn": {"text": "Fixed Ada's CV"}}
    assert A.field_value(answers, "hours@in person") == 1.5
    assert A.answered_platforms(answers) == ["in person", "linkedin"]
    A.set_field(answers, "hours@in person", "")
    A.set_field(answers, "good_turn.text", None)
    assert answers == {"hours": 4, "platforms": {"linkedin": "partly"}}


# ------------------------------------------------------------------ evidence (worked out by hand from tests/seed.py)


def test_evidence_for_this_week(seeded):
    store, _ = seeded
    ev = A.build_evidence(store, W48, TODAY)
    # Mon 23 .. Wed 25 Nov: Ada (linkedin, real), Marie+Rosalind (in person, real),
    # Claude (linkedin, new connection), Alan (bluesky, passive).
    assert (ev.new_connections, ev.real, ev.passive) == (1, 3, 1)
    # Acts: Ada 45 min, Marie+Rosalind 15 min, Grace 5 min.
    assert (len(ev.acts), ev.people_helped, ev.minutes_given) == (3, 4, 65)
    rows = {r.platform: (r.real, r.passive, r.new, r.acts, r.minutes) for r in ev.by_platform}
    assert rows == {
        "linkedin": (2, 0, 1, 0, 0),
        "in person": (1, 0, 0, 1, 15),
        "bluesky": (0, 1, 0, 0, 0),
        "email": (0, 0, 0, 1, 45),
        "mastodon": (0, 0, 0, 1, 5),
    }
    assert set(ev.platforms) == {"linkedin", "in person", "bluesky", "email", "mastodon"}
    # Real interactions in the 90 days to 25 Nov: Ada, Marie, Rosalind, Claude, Grace (weekly),
    # Alan (weekly chats up to 78 days ago), Katherine (40 days); Hedy's was 100 days ago.
    assert ev.real_people_90d == 7
    # Helped in six months: Ada, Marie, Rosalind, Grace, Katherine (fortnightly), Tim (20 days ago).
    assert ev.helped_people_6m == 6
    # On two or more platforms: Ada, Grace, Marie, Tim, Claude, out of 12.
    assert (ev.multi_platform, ev.contacts_total, ev.multi_platform_percent) == (5, 12, 42)
    assert ev.impact_counts == {"day": 1, "month": 1, "year": 1}
    assert ev.who(ev.acts[-1].contact_ids) == "Grace Hopper"


def test_evidence_for_a_past_week_looks_back_from_its_end(seeded):
    store, _ = seeded
    ev = A.build_evidence(store, W47, TODAY)
    assert ev.anchor == W47.end
    # 16..22 Nov: only the code review chat with Grace on the 18th; no acts.
    assert (ev.new_connections, ev.real, ev.passive, len(ev.acts), ev.minutes_given) == (0, 1, 0, 0, 0)
    assert [r.platform for r in ev.by_platform] == ["github"]
    # By 22 Nov: real contact with Grace, Alan and Katherine; helped Katherine and Tim.
    assert (ev.real_people_90d, ev.helped_people_6m) == (3, 2)


# ------------------------------------------------------------------ gentle flags


def test_helping_share_against_minutes_given(qs, seeded):
    store, _ = seeded
    ev = A.build_evidence(store, W48, TODAY)
    flags = A.disagreements(qs, {"hours": 10, "time_split": {"help": 30}}, ev)
    assert flags == {"time_split": ["30% of 10 h on helping is about 180 min; the journal shows 65 min given."]}
    assert A.disagreements(qs, {"hours": 2, "time_split": {"help": 30}}, ev) == {}


def test_support_and_helpful_claims_against_the_journal(qs, seeded):
    store, _ = seeded
    this = A.build_evidence(store, W48, TODAY)
    last = A.build_evidence(store, W47, TODAY)
    assert A.disagreements(qs, {"support": 50}, this) == {
        "support": ["You expect 50; you helped 6 people in the last 6 months."]}
    assert A.disagreements(qs, {"support": 12}, this) == {}
    assert A.disagreements(qs, {"positioning": {"helpful": 5}}, last) == {
        "positioning": ["You rate yourself 5 for helpful; no helpful act is logged this week."]}
    assert A.disagreements(qs, {"positioning": {"helpful": 5}}, this) == {}
    assert A.disagreements(qs, {"time_split": {"new": 30, "real": 20}}, last) == {
        "time_split": ["30% on new connections, but none is logged this week."]}
    # An answer outside its bounds is an error, not a flag.
    assert A.disagreements(qs, {"support": "5000000"}, this) == {}


# ------------------------------------------------------------------ across weeks


def test_streak_ends_this_week_or_last():
    keys = {"2026-W46", "2026-W47"}
    assert A.streak(keys, W48) == 2
    assert A.streak(keys | {"2026-W48"}, W48) == 3
    assert A.streak({"2026-W46", "2026-W48"}, W48) == 1
    assert A.streak({"2026-W45", "2026-W46"}, W48) == 0
    assert A.streak(set(), W48) == 0
    # Across a year boundary.
    assert A.streak({"2026-W52", "2026-W53", "2027-W01"}, week_from_key("2027-W01")) == 3


def test_streak_and_intention_from_the_store(seeded):
    store, _ = seeded
    assert A.completed_weeks(store) == {"2026-W46", "2026-W47"}
    assert A.last_intention(store, W48) == "Call Hedy"
    assert A.last_intention(store, W47) == ""


def test_a_completed_audit_is_never_downgraded_by_a_draft():
    done = WeeklyAudit("2026-W47", answers={"hours": 6}, completed=datetime(2026, 11, 22, tzinfo=UTC))
    edited = A.draft_audit(W47, {"hours": 7}, "", done)
    assert edited.is_complete and edited.completed == done.completed and edited.id == done.id
    fresh = A.draft_audit(W48, {"hours": 1}, "Rest", None)
    assert not fresh.is_complete and fresh.intention == "Rest"


def test_new_acts_are_preselected_but_choices_are_kept(seeded):
    store, _ = seeded
    acts = store.acts_in(W48)
    ids = {a.id for a in acts}
    assert A.chosen_acts({}, acts) == ids
    one = sorted(ids)[0]
    answers = {"good_turn": {"acts": [one], "offered": sorted(ids)}}
    assert A.chosen_acts(answers, acts) == {one}
    answers["good_turn"]["offered"] = [one]  # the others were logged after the last visit
    assert A.chosen_acts(answers, acts) == ids


def test_a_logged_good_turn_is_linked_to_its_act_while_the_words_stay(qs):
    answers: dict = {}
    assert not A.mark_good_turn_logged(qs, answers, "act-1")  # nothing written: nothing to log
    A.set_field(answers, "good_turn.text", "Sent Hedy the paper", qs)
    assert A.good_turn_logged_as(qs, answers) is None
    assert A.mark_good_turn_logged(qs, answers, "act-1")
    assert answers["good_turn"] == {"text": "Sent Hedy the paper",
                                    A.GOOD_TURN_LOGGED: {"act": "act-1", "text": "Sent Hedy the paper"}}
    assert A.good_turn_logged_as(qs, answers) == "act-1"
    assert A.validate(qs, answers, complete=False) == {}  # the link is no answer to check
    A.set_field(answers, "good_turn.text", "Read Barbara's draft", qs)
    assert A.good_turn_logged_as(qs, answers) is None  # other words: another good turn
    A.set_field(answers, "good_turn.text", "Sent Hedy the paper", qs)
    assert A.good_turn_logged_as(qs, answers) == "act-1"


# ------------------------------------------------------------------ roles come from the question file


def _renamed(tmp_path):
    """The shipped questions with every id changed; their roles kept."""
    import json

    from smn_tui.resources import data_file

    raw = json.loads(data_file("audit_questions.json").read_text(encoding="utf-8"))
    for q in raw["questions"]:
        q["id"] = "q_" + q["id"]
    f = tmp_path / "q.json"
    f.write_text(json.dumps(raw))
    return A.load_questions(f)


def test_flags_follow_the_roles_not_the_ids(tmp_path, seeded):
    store, _ = seeded
    qs = _renamed(tmp_path)
    ev = A.build_evidence(store, W48, TODAY)
    flags = A.disagreements(qs, {"q_hours": 10, "q_time_split": {"help": 30}, "q_support": 50}, ev)
    assert flags == {
        "q_time_split": ["30% of 10 h on helping is about 180 min; the journal shows 65 min given."],
        "q_support": ["You expect 50; you helped 6 people in the last 6 months."],
    }


def test_the_intention_is_the_question_with_that_role(tmp_path):
    qs = _renamed(tmp_path)
    assert A.field_value({}, "q_intention", "Call Hedy", qs) == "Call Hedy"
    assert A.field_value({"intention": "x"}, "intention", "Call Hedy", qs) == "x"  # no longer the intention
    answers: dict = {}
    A.set_field(answers, "q_hours@linkedin", 2, qs)
    A.set_field(answers, "q_positioning_note", "Shy", qs)
    assert answers == {"q_hours_by_platform": {"linkedin": 2}, "q_positioning_note": "Shy"}
    assert A.validate(qs, {"q_hours": 3, "q_hours_by_platform": {"x": 4}}, complete=False) == {}
    assert "q_hours@" in A.validate(qs, {"q_hours": 3, "q_hours_by_platform": {"x": 4}})


def test_a_role_given_twice_is_refused(tmp_path):
    f = tmp_path / "q.json"
    f.write_text('{"questions": [{"id": "a", "type": "text", "text": "?", "role": "intention"},'
                 ' {"id": "b", "type": "text", "text": "?", "role": "intention"}]}')
    with pytest.raises(A.QuestionFileError, match="role 'intention'"):
        A.load_questions(f)
